import { type TableName, tables } from '../../schemas/tables.js';

/**
 * Object keys of the lake, Hive-style so Athena partition projection and DuckDB's
 * hive_partitioning read the same layout:
 *   <prefix>/<table>/dt=YYYY-MM-DD/c-<callId>.parquet     one call's rows
 *   <prefix>/<table>/dt=YYYY-MM-DD/compacted-<n>.parquet  a day's compacted rows
 *   <prefix>/call_status/c-<callId>.parquet               unpartitioned
 */
export const CALL_OBJECT_PREFIX = 'c-';
export const COMPACTED_OBJECT_PREFIX = 'compacted-';

export const partitionPrefix = (prefix: string, table: TableName, dt: string | null): string => {
  const partitioned = tables[table].partitionKeys.includes('dt');
  if (partitioned && !dt) throw new Error(`table ${table} needs a dt partition`);
  return partitioned ? `${prefix}/${table}/dt=${dt}/` : `${prefix}/${table}/`;
};

/** Call ids become file names: keep them to a safe alphabet, reversibly enough to be unique. */
export const safeName = (callId: string): string =>
  callId.replace(/[^0-9A-Za-z._-]/g, (c) => `~${c.charCodeAt(0).toString(16)}`);

export const callObjectKey = (prefix: string, table: TableName, callId: string, dt: string | null): string =>
  `${partitionPrefix(prefix, table, dt)}${CALL_OBJECT_PREFIX}${safeName(callId)}.parquet`;
