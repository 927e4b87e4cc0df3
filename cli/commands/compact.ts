import { createLocalRuntime } from '../../adapters/local/local-deps.js';
import { type TableName, tableNames, tables } from '../../schemas/tables.js';

export interface CompactionReport {
  table: TableName;
  dt: string | null;
  inputs: number;
  rows: number;
}

/** `debrief compact`: merge each partition's per-call Parquet objects into one file. */
export const compactLake = async (home: string, dt?: string): Promise<CompactionReport[]> => {
  const { lake } = createLocalRuntime({ home });
  const reports: CompactionReport[] = [];
  for (const table of tableNames) {
    const partitioned = tables[table].partitionKeys.length > 0;
    const dts = partitioned ? (dt ? [dt] : await lake.partitions(table)) : [null];
    for (const day of dts) {
      const r = await lake.compact(table, day);
      if (r.inputs > 1) reports.push({ table, dt: day, inputs: r.inputs, rows: r.rows });
    }
  }
  return reports;
};
