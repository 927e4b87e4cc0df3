import { objectName, stampOf, uniqueToken } from '../../core/object-names.js';
import { type TableName, tables } from '../../schemas/tables.js';

/**
 * Object keys of the lake, Hive-style so Athena partition projection and DuckDB read the same
 * layout:
 *   <prefix>/<table>/dt=YYYY-MM-DD/c-<call>.<stamp>.<token>.parquet   one write of one call's rows
 *   <prefix>/<table>/dt=YYYY-MM-DD/b-<stamp>.<token>.parquet          one write each of many calls' rows
 *   <prefix>/<table>/dt=YYYY-MM-DD/compacted-<stamp>.<token>.parquet  a compaction's output
 *   <prefix>/call_status/c-<call>.<stamp>.<token>.parquet             unpartitioned
 *
 * Objects are immutable: every write gets a new, unique key and no key is ever written twice.
 * That is what makes compaction safe beside writers without a lock, on S3 and locally alike:
 * the compaction deletes exactly the keys it read, and a key it read cannot hold anything newer.
 * Which write of a call counts is decided by call_status (adapters/lake/latest-write.ts).
 *
 * `<call>` is objectName(callId) (core/object-names.ts): never contains `.`, so
 * `c-<call>.` is a prefix that matches one call only. `<stamp>` is the write's written_at
 * (updated_at for call_status), compact and sortable. A batch object (`b-`, written by a run that
 * batches its lake writes, adapters/lake/batching-lake.ts) holds one write of each of many calls,
 * each call's rows with its own written_at: to readers and compaction it is one more object whose
 * rows count call by call, exactly as in per-call objects; `<stamp>` is when the batch was written.
 */
export const CALL_OBJECT_PREFIX = 'c-';
export const BATCH_OBJECT_PREFIX = 'b-';
export const COMPACTED_OBJECT_PREFIX = 'compacted-';
export const PARQUET_SUFFIX = '.parquet';

export const partitionPrefix = (prefix: string, table: TableName, dt: string | null): string => {
  const partitioned = tables[table].partitionKeys.includes('dt');
  if (partitioned && !dt) throw new Error(`table ${table} needs a dt partition`);
  return partitioned ? `${prefix}/${table}/dt=${dt}/` : `${prefix}/${table}/`;
};

/** The prefix of every object one call's writes produced in a partition. */
export const callObjectPrefix = (
  prefix: string,
  table: TableName,
  callId: string,
  dt: string | null,
): string => `${partitionPrefix(prefix, table, dt)}${CALL_OBJECT_PREFIX}${objectName(callId)}.`;

/** A new key for one write of a call's rows (written_at = `writtenAt`). */
export const callObjectKey = (
  prefix: string,
  table: TableName,
  callId: string,
  dt: string | null,
  writtenAt: string,
): string =>
  `${callObjectPrefix(prefix, table, callId, dt)}${stampOf(writtenAt)}.${uniqueToken()}${PARQUET_SUFFIX}`;

/** A new key for one batch of writes of many calls (`now`: when the batch is written). */
export const batchObjectKey = (prefix: string, table: TableName, dt: string | null, now: string): string =>
  `${partitionPrefix(prefix, table, dt)}${BATCH_OBJECT_PREFIX}${stampOf(now)}.${uniqueToken()}${PARQUET_SUFFIX}`;

export const compactedObjectKey = (
  prefix: string,
  table: TableName,
  dt: string | null,
  now: string,
): string =>
  `${partitionPrefix(prefix, table, dt)}${COMPACTED_OBJECT_PREFIX}${stampOf(now)}.${uniqueToken()}${PARQUET_SUFFIX}`;

/** Is this key a lake data object directly inside the partition? */
export const isLakeObject = (partition: string, key: string): boolean => {
  const name = key.slice(partition.length);
  return (
    key.startsWith(partition) &&
    !name.includes('/') &&
    name.endsWith(PARQUET_SUFFIX) &&
    (name.startsWith(CALL_OBJECT_PREFIX) ||
      name.startsWith(BATCH_OBJECT_PREFIX) ||
      name.startsWith(COMPACTED_OBJECT_PREFIX))
  );
};

/** Where the nightly compaction on AWS holds its lease (S3 conditional writes). */
export const compactionLeaseKey = (prefix: string): string => `${prefix}/_leases/compaction.json`;
