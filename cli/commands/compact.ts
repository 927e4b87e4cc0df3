import type { CompactionReport } from '../../adapters/lake/parquet-lake.js';
import { lockCompaction } from '../../adapters/local/home-upkeep.js';
import { writeLakeAggregates } from '../../adapters/local/lake-aggregates.js';
import { localLake } from '../../adapters/local/local-deps.js';

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
    return reports.filter((r) => r.inputs > 0 || r.skipped > 0);
  } finally {
    await lock.release();
  }
};
