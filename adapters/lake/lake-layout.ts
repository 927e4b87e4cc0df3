import { objectName, stampOf, uniqueToken } from '../../core/object-names.js';
import { type TableName, tables } from '../../schemas/tables.js';

/**
 * Object keys of the lake, Hive-style so Athena partition projection and DuckDB read the same
 * layout:
 *   <prefix>/<table>/dt=YYYY-MM-DD/c-<call>.<stamp>.<token>.parquet   one write of one call's rows
 *   <prefix>/<table>/dt=YYYY-MM-DD/b-<stamp>.<token>.parquet          one write each of many calls' rows
 *   <prefix>/<table>/dt=YYYY-MM-DD/compacted-<stamp>.h<horizon>.<token>.parquet
 *                                                 a compaction's output: the writes committed then
 *   <prefix>/<table>/dt=YYYY-MM-DD/pending-<stamp>.<token>.parquet    the same compaction's other
 *                                                 rows: writes that may still commit or still show
 *   <prefix>/call_status/c-<call>.<stamp>.<token>.parquet             unpartitioned
 *   <prefix>/call_status/compacted-<stamp>.<token>.parquet            every call's latest status
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
 *
 * A compaction of a table other than call_status writes up to two objects with one `<stamp>.<token>`:
 * `compacted-` holds the writes whose status (in the snapshot it listed) commits them, `pending-` the
 * ones it must keep that do not count now or may stop counting (adapters/lake/latest-write.ts,
 * writeFate). `<horizon>` is the status listing's time minus ABANDONED_AFTER_MS: every status
 * stamped at or before it had landed when the compaction listed them. Local readers use it to take
 * a compacted object's rows without joining them to call_status (latest-write.ts); a `compacted-`
 * object without `h<horizon>` (older compactions) is read with the join. To S3, Athena and the next
 * compaction, `pending-` objects are data objects like the others.
 */
export const CALL_OBJECT_PREFIX = 'c-';
export const BATCH_OBJECT_PREFIX = 'b-';
export const COMPACTED_OBJECT_PREFIX = 'compacted-';
export const PENDING_OBJECT_PREFIX = 'pending-';
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

/**
 * The keys of one compaction's outputs: `compacted` (with the horizon when given) and `pending`,
 * sharing `<stamp>.<token>` so a reader can tell a pending object of this compaction from one of
 * another.
 */
export const compactionKeys = (
  prefix: string,
  table: TableName,
  dt: string | null,
  now: string,
  horizon?: string,
): { compacted: string; pending: string } => {
  const partition = partitionPrefix(prefix, table, dt);
  const id = `${stampOf(now)}.${uniqueToken()}`;
  const [stamp, token] = id.split('.') as [string, string];
  const h = horizon ? `h${stampOf(horizon)}.` : '';
  return {
    compacted: `${partition}${COMPACTED_OBJECT_PREFIX}${stamp}.${h}${token}${PARQUET_SUFFIX}`,
    pending: `${partition}${PENDING_OBJECT_PREFIX}${stamp}.${token}${PARQUET_SUFFIX}`,
  };
};

/** The file name of an object (no folder), read as a compaction's output; null for any other object. */
export const compactionOutput = (
  name: string,
): {
  kind: 'compacted' | 'pending';
  /** `<stamp>.<token>`: the same for both outputs of one compaction. */
  compaction: string;
  /** When the compaction wrote it (its `now`), ISO-8601. */
  at: string;
  horizon: string | null;
} | null => {
  const m = /^(compacted|pending)-([0-9TZ]+)\.(?:h([0-9TZ]+)\.)?([^./]+)\.parquet$/.exec(name);
  const at = m?.[2] ? isoOfStamp(m[2]) : null;
  if (!m?.[1] || !m[4] || !at) return null;
  const horizon = m[3] ? isoOfStamp(m[3]) : null;
  if (m[1] === 'pending' && horizon) return null;
  return { kind: m[1] as 'compacted' | 'pending', compaction: `${m[2]}.${m[4]}`, at, horizon };
};

/**
 * The stamp in a per-call or batch object's name (the write's written_at; when the batch was
 * written), as ISO-8601; null for any other object.
 */
export const writeObjectStamp = (name: string): string | null => {
  const parts = name.split('.');
  if (name.startsWith(CALL_OBJECT_PREFIX) && parts.length === 4) return isoOfStamp(parts[1] ?? '');
  if (name.startsWith(BATCH_OBJECT_PREFIX) && parts.length === 3)
    return isoOfStamp((parts[0] ?? '').slice(BATCH_OBJECT_PREFIX.length));
  return null;
};

/** `20260303T100000123Z` -> `2026-03-03T10:00:00.123Z` (stampOf, inverted); null when not a stamp. */
export const isoOfStamp = (stamp: string): string | null => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(stamp);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : null;
};

/** Is this key a lake data object directly inside the partition? */
export const isLakeObject = (partition: string, key: string): boolean => {
  const name = key.slice(partition.length);
  return (
    key.startsWith(partition) &&
    !name.includes('/') &&
    name.endsWith(PARQUET_SUFFIX) &&
    (name.startsWith(CALL_OBJECT_PREFIX) ||
      name.startsWith(BATCH_OBJECT_PREFIX) ||
      name.startsWith(COMPACTED_OBJECT_PREFIX) ||
      name.startsWith(PENDING_OBJECT_PREFIX))
  );
};

/** Where the nightly compaction on AWS holds its lease (S3 conditional writes). */
export const compactionLeaseKey = (prefix: string): string => `${prefix}/_leases/compaction.json`;
