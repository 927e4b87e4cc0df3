import { type CompactionReport, SUPERSEDED_GRACE_MS } from '../../adapters/lake/parquet-lake.js';
import { lockCompaction } from '../../adapters/local/home-upkeep.js';
import { writeLakeAggregates } from '../../adapters/local/lake-aggregates.js';
import { localLake } from '../../adapters/local/local-deps.js';
import { requireHome } from '../home-folder.js';
import { renderTable } from '../render-table.js';

export type { CompactionReport };

/**
 * `debrief compact`: merge each partition's per-call Parquet objects into one file. Runs
 * beside a `debrief run` (the lake is safe for that, as on AWS); two compactions of one home
 * take turns. A home that does not exist is an error (requireHome), and nothing is created.
 */
export const compactLake = async (
  home: string,
  dt?: string,
  options: {
    wait?: boolean;
    err?: NodeJS.WritableStream /** Tests: compact as if at this time. */;
    now?: string;
  } = {},
): Promise<CompactionReport[]> => {
  const err = options.err ?? process.stderr;
  // A mistyped --home is an error, as for query: never a new folder and "nothing to compact".
  requireHome(home);
  const { store, lake, lakeDir } = localLake(home);
  const lock = await lockCompaction(store.root, {
    err,
    command: 'compact',
    wait: options.wait,
    onWait: (holder) =>
      err.write(`waiting: another compaction (pid ${holder?.pid ?? '?'}) is running in ${store.root}\n`),
  });
  try {
    await store.sweepTemporaryFiles();
    const reports = await lake.compactAll({ ...(dt ? { dts: [dt] } : {}), now: options.now });
    // The compacted objects' per-day summaries the local dashboard views read (lake-aggregates.ts).
    await writeLakeAggregates(lakeDir);
    return reports.filter((r) => r.inputs > 0 || r.skipped > 0 || r.waiting > 0);
  } finally {
    await lock.release();
  }
};

/** `2026-12-02 05:10:31 UTC`: a time to type a command at, to the second. */
const utc = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/**
 * What `debrief compact` prints: a row per partition it merged, then, when objects hold writes
 * compaction must keep for now, how many and what they wait for: writes superseded less than
 * SUPERSEDED_GRACE_MS ago by a reprocess (from when compacting again drops them), and writes not
 * committed yet (a run writing those calls now, or one that stopped: folded by the first
 * compaction after their run commits them, dropped as abandoned only hours later). Nothing merged
 * and nothing waiting: `nothing to compact`.
 */
export const compactionSummary = (reports: readonly CompactionReport[]): string => {
  const merged = reports.filter((r) => r.inputs > 0 || r.skipped > 0);
  const waiting = reports.filter((r) => r.waiting > 0);
  const lines: string[] = [];
  if (merged.length > 0)
    lines.push(
      renderTable(
        [
          'table',
          'dt',
          'objects merged',
          'rows',
          'of which pending',
          'superseded rows dropped',
          'duplicate rows dropped',
        ],
        merged.map((r) => [r.table, r.dt ?? '-', r.inputs, r.rows, r.pending, r.superseded, r.duplicates]),
      ),
    );
  if (waiting.length > 0) {
    const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    const earliest = (of: (string | null)[]) => of.filter((x) => x !== null).sort()[0] ?? null;
    const objects = waiting.reduce((n, r) => n + r.waiting, 0);
    const rows = waiting.reduce((n, r) => n + r.waitingRows, 0);
    const uncommitted = waiting.reduce((n, r) => n + r.uncommittedRows, 0);
    const days = new Set(waiting.map((r) => r.dt ?? '-')).size;
    const grace = earliest(waiting.map((r) => r.graceUntil));
    const abandoned = earliest(waiting.map((r) => r.abandonedFrom));
    const what: string[] = [];
    if (rows > uncommitted)
      what.push(
        `${plural(rows - uncommitted, 'row')} superseded by a reprocess wait${rows - uncommitted === 1 ? 's' : ''} for the grace period (${SUPERSEDED_GRACE_MS / 60_000} minutes): the first can be compacted from ${utc(grace ?? '')} (run debrief compact again then)`,
      );
    if (uncommitted > 0) {
      const one = uncommitted === 1;
      what.push(
        `${plural(uncommitted, 'row')} not committed yet (a run is writing ${one ? 'its call' : 'their calls'}, or stopped): debrief compact folds ${one ? 'it' : 'them'} once ${one ? 'its' : 'their'} run commits ${one ? 'it' : 'them'} (and drops ${one ? 'it' : 'them'} as abandoned from ${utc(abandoned ?? '')})`,
      );
    }
    lines.push(
      `${merged.length > 0 ? '' : 'nothing to compact yet: '}${plural(objects, 'pending object')} (${plural(rows, 'row')}, ${plural(days, 'day')}) wait${objects === 1 ? 's' : ''}: ${what.join('; ')}`,
    );
  }
  return lines.length === 0 ? 'nothing to compact\n' : `${lines.join('\n')}\n`;
};
