import { join, resolve } from 'node:path';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { renderTable } from '../render-table.js';

/** `debrief query`: SQL over the lake (tables + dashboard views) with DuckDB. */
export const queryLake = async (home: string, sql: string): Promise<Record<string, unknown>[]> => {
  const db = await DuckDbLake.open(join(resolve(home), 'lake'));
  try {
    return await db.query(sql);
  } finally {
    db.close();
  }
};

export const formatRows = (rows: Record<string, unknown>[]): string => {
  if (rows.length === 0) return '(no rows)';
  const head = Object.keys(rows[0] ?? {});
  return `${renderTable(
    head,
    rows.map((r) => head.map((h) => r[h])),
    80,
  )}\n(${rows.length} row${rows.length === 1 ? '' : 's'})`;
};
