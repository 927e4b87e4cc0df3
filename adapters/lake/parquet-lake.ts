import type { Lake } from '../../core/ports/lake.js';
import type { ObjectStore } from '../../core/ports/object-store.js';
import { type TableName, tables } from '../../schemas/tables.js';
import {
  CALL_OBJECT_PREFIX,
  COMPACTED_OBJECT_PREFIX,
  callObjectKey,
  partitionPrefix,
} from './lake-layout.js';
import { decodeRows, encodeRows } from './parquet-codec.js';

export class InvalidRowError extends Error {
  override name = 'InvalidRowError' as const;
}

/** The lake on any ObjectStore (a folder locally, S3 on AWS): Parquet written in-process. */
export class ParquetLake implements Lake {
  constructor(
    private readonly store: ObjectStore,
    private readonly prefix = 'lake',
  ) {}

  async putCallRows(
    table: TableName,
    callId: string,
    dt: string | null,
    rows: readonly Record<string, unknown>[],
  ) {
    const def = tables[table];
    const valid = rows.map((row, i) => {
      const parsed = def.row.safeParse(row);
      if (!parsed.success)
        throw new InvalidRowError(`${table} row ${i} of ${callId}: ${parsed.error.message}`);
      return parsed.data as Record<string, unknown>;
    });
    const key = callObjectKey(this.prefix, table, callId, dt);
    // An empty set of rows is "no rows for this call": remove what an earlier run wrote.
    if (valid.length === 0) await this.store.delete(key);
    else await this.store.put(key, encodeRows(def, valid), 'application/vnd.apache.parquet');
  }

  /**
   * Merge a partition's objects into one, keeping only each call's latest write. Per-call
   * objects written later still win in the views (they dedupe on written_at), and the next
   * compaction folds them in.
   */
  async compact(
    table: TableName,
    dt: string | null,
  ): Promise<{ inputs: number; rows: number; key: string | null }> {
    const def = tables[table];
    const prefix = partitionPrefix(this.prefix, table, dt);
    const keys = (await this.store.list(prefix)).filter((k) => {
      const name = k.slice(prefix.length);
      return !name.includes('/') && name.endsWith('.parquet');
    });
    if (keys.length <= 1) return { inputs: keys.length, rows: 0, key: keys[0] ?? null };
    const latest = new Map<string, { writtenAt: string; rows: Record<string, unknown>[] }>();
    for (const key of keys) {
      for (const row of await decodeRows(def, await this.store.get(key))) {
        const callId = String(row.call_id);
        const writtenAt = String(row.written_at ?? row.updated_at ?? '');
        const current = latest.get(callId);
        if (!current || writtenAt > current.writtenAt) latest.set(callId, { writtenAt, rows: [row] });
        else if (writtenAt === current.writtenAt) current.rows.push(row);
      }
    }
    const rows = [...latest.keys()].sort().flatMap((id) => latest.get(id)?.rows ?? []);
    const compactedKey = `${prefix}${COMPACTED_OBJECT_PREFIX}${Date.now().toString(36)}.parquet`;
    await this.store.put(compactedKey, encodeRows(def, rows), 'application/vnd.apache.parquet');
    for (const key of keys) await this.store.delete(key);
    return { inputs: keys.length, rows: rows.length, key: compactedKey };
  }

  /** Partitions (dt values) present for a table. */
  async partitions(table: TableName): Promise<string[]> {
    const base = `${this.prefix}/${table}/`;
    const dts = new Set<string>();
    for (const key of await this.store.list(base)) {
      const m = /^dt=(\d{4}-\d{2}-\d{2})\//.exec(key.slice(base.length));
      if (m?.[1]) dts.add(m[1]);
    }
    return [...dts].sort();
  }

  /** How many per-call objects wait for compaction in a partition. */
  async pendingObjects(table: TableName, dt: string | null): Promise<number> {
    const prefix = partitionPrefix(this.prefix, table, dt);
    return (await this.store.list(prefix)).filter((k) =>
      k.slice(prefix.length).startsWith(CALL_OBJECT_PREFIX),
    ).length;
  }
}
