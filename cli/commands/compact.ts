import { type CompactionReport, SUPERSEDED_GRACE_MS } from '../../adapters/lake/parquet-lake.js';
import { lockCompaction } from '../../adapters/local/home-upkeep.js';
import { writeLakeAggregates } from '../../adapters/local/lake-aggregates.js';
import { localLake } from '../../adapters/local/local-deps.js';
import { renderTable } from '../render-table.js';

export type { CompactionReport };

/**
 * `debrief compact`: merge each partition's per-call Parquet objects into one file. Runs
 * beside a `debrief run` (the lake is safe for that, as on AWS); two compactions of one home
 * take turns.
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
  const { store, lake, lakeDir } = localLake(home);
  const lock = await lockCompaction(store.root, {
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
 * compaction must keep for now (superseded less than SUPERSEDED_GRACE_MS ago by a reprocess, or
 * not committed yet), how many and from when compacting again drops them. Nothing merged and
 * nothing waiting: `nothing to compact`.
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
    const objects = waiting.reduce((n, r) => n + r.waiting, 0);
    const rows = waiting.reduce((n, r) => n + r.waitingRows, 0);
    const until = waiting.map((r) => r.waitingUntil ?? '').sort()[0] ?? '';
    const days = new Set(waiting.map((r) => r.dt ?? '-')).size;
    lines.push(
      `${merged.length > 0 ? '' : 'nothing to compact yet: '}${objects} pending object${objects === 1 ? '' : 's'} (${rows} row${rows === 1 ? '' : 's'}, ${days} day${days === 1 ? '' : 's'}) wait${objects === 1 ? 's' : ''} for the grace period of writes superseded by a reprocess (${SUPERSEDED_GRACE_MS / 60_000} minutes) or not committed yet: the first can be compacted from ${utc(until)} (run debrief compact again then)`,
    );
  }
  return lines.length === 0 ? 'nothing to compact\n' : `${lines.join('\n')}\n`;
};
