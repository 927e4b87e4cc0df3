import type { Lake } from '../../core/ports/lake.js';
import type { ObjectStoreWithHead, ObjectVersion } from '../../core/ports/object-store.js';
import { type TableName, tableNames, tables } from '../../schemas/tables.js';
import {
  BATCH_OBJECT_PREFIX,
  batchObjectKey,
  CALL_OBJECT_PREFIX,
  callObjectKey,
  compactionKeys,
  compactionOutput,
  isLakeObject,
  PENDING_OBJECT_PREFIX,
  partitionPrefix,
  writeObjectStamp,
} from './lake-layout.js';
import {
  ABANDONED_AFTER_MS,
  ANY_PARTITION,
  type CallStatusStamp,
  horizonOf,
  latestStatuses,
  ROW_STAMP,
  STATUS_STAMP,
  supersededDtsOf,
  type WriteFate,
  writeFate,
} from './latest-write.js';
import { decodeRows, encodeRows } from './parquet-codec.js';
import { compileRowCheck } from './row-check.js';

export class InvalidRowError extends Error {
  override name = 'InvalidRowError' as const;
}

export { ABANDONED_AFTER_MS };

/**
 * Rows a newer status superseded stay this long before compaction drops them, so a reader (a
 * local query, an Athena query planning its files) that listed call_status just before that
 * status landed still finds the rows its snapshot names (adapters/lake/latest-write.ts).
 */
export const SUPERSEDED_GRACE_MS = 10 * 60 * 1000;

/** How many times statuses() lists call_status again when objects vanish while it reads them. */
const STATUS_LISTING_ATTEMPTS = 10;

/**
 * A partition left as one compacted object is written again (same rows, a newer horizon) once its
 * horizon is this much older than a compaction's: local readers join to call_status the rows of
 * every call with a status newer than the oldest horizon, so an old one would make that set grow
 * without end (adapters/lake/latest-write.ts). Only compactions that go over the partition do it
 * (`debrief compact` without --dt; the nightly compaction on AWS takes yesterday only).
 */
export const HORIZON_REFRESH_MS = 7 * 24 * 60 * 60 * 1000;

export interface CompactionReport {
  table: TableName;
  dt: string | null;
  /** Objects merged (and then deleted). */
  inputs: number;
  /** Rows written: in the compacted object and in the pending one. */
  rows: number;
  /** Of those, rows in the pending object: writes that do not count (yet, or any more) but must be kept. */
  pending: number;
  /** Rows dropped for good: writes superseded by a later status (reprocessed, quarantined, abandoned). */
  superseded: number;
  /** Rows dropped because the same write sat in more than one object. */
  duplicates: number;
  /** Listed objects left alone: replaced or removed while this compaction ran (the next one takes them). */
  skipped: number;
  key: string | null;
  /** The pending object written beside the compacted one, if any. */
  pendingKey: string | null;
  /**
   * Objects that hold pending rows after this compaction (the pending object it wrote, or the one
   * it left as it was): writes superseded less than SUPERSEDED_GRACE_MS ago (a reprocess) or not
   * committed yet. Compacting again changes nothing until `waitingUntil`.
   */
  waiting: number;
  /** The pending rows those objects hold (`pending` counts the ones this compaction wrote). */
  waitingRows: number;
  /**
   * The earliest time a pending row's fate changes without a new status: a superseded write's
   * grace ends (its superseding status + SUPERSEDED_GRACE_MS), a write never committed counts as
   * abandoned (written_at + ABANDONED_AFTER_MS). Null when nothing waits.
   */
  waitingUntil: string | null;
  /**
   * Of `waitingRows`, the writes not committed yet (no status of theirs yet: a run writing the call
   * now, or one that stopped): compacted once committed, whenever that is; dropped as abandoned from
   * `abandonedFrom` (their earliest written_at + ABANDONED_AFTER_MS) if never. Null: none.
   */
  uncommittedRows: number;
  abandonedFrom: string | null;
  /** The earliest end of a superseded write's grace (its status + SUPERSEDED_GRACE_MS); null: none. */
  graceUntil: string | null;
}

/**
 * When a pending row (writeFate) can be dropped without a new status: its superseding status's
 * grace over, or, not committed, ABANDONED_AFTER_MS after it was written.
 */
const pendingUntil = (
  row: Row,
  statuses: Map<string, CallStatusStamp>,
): { at: string; superseded: boolean } => {
  const writtenAt = String(row[ROW_STAMP]);
  const status = statuses.get(String(row.call_id));
  const superseded = Boolean(status && writtenAt <= status.updatedAt);
  const at =
    status && superseded
      ? Date.parse(status.updatedAt) + SUPERSEDED_GRACE_MS
      : Date.parse(writtenAt) + ABANDONED_AFTER_MS;
  return { at: new Date(at).toISOString(), superseded };
};

/** The pending rows' count and earliest pendingUntil, into `report`. */
const noteWaiting = (
  report: CompactionReport,
  objects: number,
  pending: Row[],
  statuses: Map<string, CallStatusStamp>,
): void => {
  const untils = pending.map((r) => pendingUntil(r, statuses));
  const earliest = (of: { at: string }[]) => of.map((u) => u.at).sort()[0] ?? null;
  const uncommitted = untils.filter((u) => !u.superseded);
  report.waiting = pending.length > 0 ? objects : 0;
  report.waitingRows = pending.length;
  report.waitingUntil = earliest(untils);
  report.uncommittedRows = uncommitted.length;
  report.abandonedFrom = earliest(uncommitted);
  report.graceUntil = earliest(untils.filter((u) => u.superseded));
};

type Row = Record<string, unknown>;

/** What a call's latest status needs (rule 1): the other status columns are not read. */
const STATUS_COLUMNS = ['call_id', 'updated_at', 'state'] as const;

/** Each table's quick row check (adapters/lake/row-check.ts), made on first use. */
const rowChecks = new Map<TableName, ReturnType<typeof compileRowCheck>>();
const rowCheckOf = (table: TableName) => {
  if (!rowChecks.has(table)) rowChecks.set(table, compileRowCheck(tables[table]));
  return rowChecks.get(table) ?? null;
};

/** The lake on any store (a folder locally, S3 on AWS): Parquet written in-process. */
export class ParquetLake implements Lake {
  constructor(
    private readonly store: ObjectStoreWithHead,
    private readonly prefix = 'lake',
  ) {}

  /**
   * Add one write of a call's rows as a new object. Nothing is overwritten or deleted: the
   * call's status row (written last, with the same timestamp) is what makes these rows count,
   * and what hides the rows of earlier writes (adapters/lake/latest-write.ts).
   */
  async putCallRows(
    table: TableName,
    callId: string,
    dt: string | null,
    rows: readonly Row[],
  ): Promise<void> {
    const { valid, writtenAt } = this.validWrite(table, callId, rows);
    if (writtenAt === null) return;
    const key = callObjectKey(this.prefix, table, callId, dt, writtenAt);
    await this.store.put(key, encodeRows(tables[table], valid), 'application/vnd.apache.parquet');
  }

  /**
   * One write of a call's rows, validated: every row of the table's shape and of this call, all
   * with one written_at (updated_at for call_status). Throws InvalidRowError.
   */
  validWrite(
    table: TableName,
    callId: string,
    rows: readonly Row[],
  ): { valid: Row[]; writtenAt: string | null } {
    const def = tables[table];
    const stamp = STATUS_STAMP in def.row.shape ? STATUS_STAMP : ROW_STAMP;
    const quick = rowCheckOf(table);
    const valid = rows.map((row, i) => {
      // A row that is already exactly what zod would return is used as it is (no copy).
      let data: Row;
      if (quick?.(row)) data = row;
      else {
        const parsed = def.row.safeParse(row);
        if (!parsed.success)
          throw new InvalidRowError(`${table} row ${i} of ${callId}: ${parsed.error.message}`);
        data = parsed.data as Row;
      }
      if (data.call_id !== callId)
        throw new InvalidRowError(`${table} row ${i} belongs to another call than ${callId}`);
      return data;
    });
    const first = valid[0];
    if (!first) return { valid, writtenAt: null };
    const writtenAt = String(first[stamp]);
    if (valid.some((r) => r[stamp] !== writtenAt))
      throw new InvalidRowError(`${table} rows of ${callId} must share one ${stamp} (one write)`);
    return { valid, writtenAt };
  }

  /**
   * Many calls' writes (each validated by validWrite) as one new object of a partition. The
   * commit rule holds call by call: write a batch of call_status rows only after the batches
   * holding those calls' rows (adapters/lake/batching-lake.ts does).
   */
  async putBatch(
    table: TableName,
    dt: string | null,
    rows: readonly Row[],
    now: string,
  ): Promise<string | null> {
    if (rows.length === 0) return null;
    const key = batchObjectKey(this.prefix, table, dt, now);
    await this.store.put(key, encodeRows(tables[table], rows), 'application/vnd.apache.parquet');
    return key;
  }

  /**
   * Every call's latest status, read from the status objects as they are now: each status that
   * landed before this call. An object listed and gone before it is read was merged by a status
   * compaction into an object written before the delete, so the listing starts again (a status
   * skipped here would make a compaction drop rows that count, and give it a wrong horizon).
   */
  async statuses(): Promise<Map<string, CallStatusStamp>> {
    const prefix = partitionPrefix(this.prefix, 'call_status', null);
    for (let attempt = 1; ; attempt += 1) {
      const rows: Row[] = [];
      let vanished = false;
      for (const version of (await this.store.listVersions(prefix)).filter((v) =>
        isLakeObject(prefix, v.key),
      )) {
        const body = await this.store.getVersion(version.key, version.etag);
        if (!body) {
          vanished = true;
          continue;
        }
        // One row at a time: a spread of a million rows overflows the call stack.
        for (const row of await decodeRows(tables.call_status, body, STATUS_COLUMNS)) rows.push(row);
      }
      if (!vanished)
        return latestStatuses(rows as { call_id: unknown; updated_at: unknown; state: unknown }[]);
      if (attempt >= STATUS_LISTING_ATTEMPTS)
        throw new Error(
          `${prefix}: status objects kept vanishing while read (${attempt} listings); try again`,
        );
    }
  }

  /**
   * Merge a partition's objects into (at most) two that hold exactly the rows that still count:
   * `compacted-` the writes committed in the status snapshot, `pending-` the writes that may still
   * commit or were superseded within the grace period (writeFate); then delete exactly the object
   * versions it merged. Safe while calls are written (nothing it did not read is deleted; a write
   * it missed is a new object it never listed), crash-safe (killed before the deletes, the same
   * write sits in two objects: readers count it once and the next compaction folds it) and
   * idempotent (a second run over a compacted partition changes nothing, until its horizon is
   * HORIZON_REFRESH_MS old).
   *
   * `statuses` and `statusesAt`: a snapshot of call_status and when its listing started (the
   * compacted object's horizon is `statusesAt` - ABANDONED_AFTER_MS); without them the
   * compaction lists the statuses itself. `now` (default: the clock) also stands for
   * `statusesAt` when only it is given (tests compact "as if at" a time).
   */
  async compact(
    table: TableName,
    dt: string | null,
    options: { statuses?: Map<string, CallStatusStamp>; statusesAt?: string; now?: string } = {},
  ): Promise<CompactionReport> {
    const def = tables[table];
    const partition = partitionPrefix(this.prefix, table, dt);
    const listed = (await this.store.listVersions(partition)).filter((v) => isLakeObject(partition, v.key));
    const report: CompactionReport = {
      table,
      dt,
      inputs: 0,
      rows: 0,
      pending: 0,
      superseded: 0,
      duplicates: 0,
      skipped: 0,
      key: null,
      pendingKey: null,
      waiting: 0,
      waitingRows: 0,
      waitingUntil: null,
      uncommittedRows: 0,
      abandonedFrom: null,
      graceUntil: null,
    };
    let statuses = options.statuses;
    let statusesAt = options.statusesAt ?? options.now;
    if (table !== 'call_status' && !statuses) {
      statusesAt ??= new Date().toISOString();
      statuses = await this.statuses();
    }
    const lone = listed.length === 1 ? compactionOutput(listed[0]!.key.slice(partition.length)) : null;
    const inputs: { version: ObjectVersion; rows: Row[] }[] = [];
    for (const version of listed) {
      const body = await this.store.getVersion(version.key, version.etag);
      if (!body) {
        report.skipped += 1;
        continue;
      }
      // A day already compacted, horizon fresh: when every write in it still counts, nothing is
      // to be done, and that is known from two columns (a day of a big lake's turns decodes in
      // seconds, its call_id and written_at in a fraction of that).
      if (
        table !== 'call_status' &&
        statuses &&
        lone?.kind === 'compacted' &&
        lone.horizon &&
        Date.parse(horizonOf(statusesAt ?? new Date().toISOString())) - Date.parse(lone.horizon) <
          HORIZON_REFRESH_MS
      ) {
        const stamps = await decodeRows(def, body, ['call_id', ROW_STAMP]);
        const all = statuses;
        if (
          stamps.every(
            (r) => writeFate(String(r[ROW_STAMP]), all.get(String(r.call_id)), '', '') === 'committed',
          )
        )
          return report;
      }
      inputs.push({ version, rows: await decodeRows(def, body) });
    }
    if (inputs.length === 0) return report;
    const name = (i: { version: ObjectVersion }) => i.version.key.slice(partition.length);
    let kept: { committed: Row[]; pending: Row[] };
    let horizon: string | undefined;
    let now: string;
    if (table === 'call_status') {
      now = options.now ?? new Date().toISOString();
      kept = { committed: keepLatestStatus(inputs, report), pending: [] };
      const total = inputs.reduce((n, i) => n + i.rows.length, 0);
      // Already compact: one compaction output and nothing to drop.
      const alone = inputs.length === 1 ? compactionOutput(name(inputs[0]!)) : null;
      if (alone?.kind === 'compacted' && kept.committed.length === total) return report;
    } else {
      if (!statuses) throw new Error('statuses are listed above for every table but call_status');
      now = options.now ?? new Date().toISOString();
      statusesAt ??= now;
      horizon = horizonOf(statusesAt);
      const fates = keepCountingWrites(
        inputs,
        statuses,
        new Date(Date.parse(now) - ABANDONED_AFTER_MS).toISOString(),
        new Date(Date.parse(now) - SUPERSEDED_GRACE_MS).toISOString(),
        report,
      );
      kept = { committed: fates.committed, pending: fates.pending };
      if (alreadyCompact(inputs.map(name), fates, horizon)) {
        // Nothing to do now, but the pending object waits for its rows' grace (or commit).
        noteWaiting(report, fates.perInput.filter((p) => p.pending > 0).length, fates.pending, statuses);
        return report;
      }
      noteWaiting(report, 1, fates.pending, statuses);
    }
    const keys = compactionKeys(this.prefix, table, dt, now, horizon);
    // The compacted object first: killed between the two puts, the partition still holds its
    // inputs, so readers take it as dirty (adapters/local/duckdb-lake.ts, splitObjects).
    if (kept.committed.length > 0) {
      report.key = keys.compacted;
      await this.store.put(report.key, encodeRows(def, kept.committed), 'application/vnd.apache.parquet');
    }
    if (kept.pending.length > 0) {
      report.pendingKey = keys.pending;
      await this.store.put(keys.pending, encodeRows(def, kept.pending), 'application/vnd.apache.parquet');
    }
    for (const { version } of inputs) {
      const outcome = await this.store.deleteVersion(version.key, version.etag);
      if (outcome === 'changed') report.skipped += 1;
    }
    report.inputs = inputs.length;
    report.rows = kept.committed.length + kept.pending.length;
    report.pending = kept.pending.length;
    return report;
  }

  /** Compact every partition (or the given days) of every table; call_status last. */
  async compactAll(options: { dts?: readonly string[]; now?: string } = {}): Promise<CompactionReport[]> {
    // Taken before the listing starts: every status that landed before it is in the snapshot.
    const statusesAt = options.now ?? new Date().toISOString();
    const statuses = await this.statuses();
    const reports: CompactionReport[] = [];
    const order = [...tableNames.filter((t) => t !== 'call_status'), 'call_status' as const];
    for (const table of order) {
      const partitioned = tables[table].partitionKeys.length > 0;
      const days = partitioned ? (options.dts ?? (await this.partitions(table))) : [null];
      for (const day of days)
        reports.push(await this.compact(table, day, { statuses, statusesAt, now: options.now }));
    }
    return reports;
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

  /** How many per-call, batch and pending objects wait for a compaction in a partition. */
  async pendingObjects(table: TableName, dt: string | null): Promise<number> {
    const prefix = partitionPrefix(this.prefix, table, dt);
    return (await this.store.list(prefix)).filter((k) => {
      const name = k.slice(prefix.length);
      return [CALL_OBJECT_PREFIX, BATCH_OBJECT_PREFIX, PENDING_OBJECT_PREFIX].some((p) => name.startsWith(p));
    }).length;
  }

  /**
   * Merge the per-call objects a run leaves (`c-`, one per call and table) into one batch object
   * (`b-`) per partition, leaving batch and compacted objects alone: the cheap, local counterpart
   * of a compaction, run at the end of `debrief run` so a query opens a few objects per day instead
   * of one per call and table (opening ~25,000 per-call objects took 16 s). It reads only per-call
   * objects, so it costs what the runs since the last merge wrote, whatever the size of the lake.
   * Every row is kept as it was (which write counts is still decided by call_status at read
   * time), except a write that sits in two of the merged objects and identical rows inside one,
   * kept once (rule 3). Safe beside writers and readers for the reasons compaction is: nothing it
   * did not read is deleted, and killed before its deletes it leaves the same write in two
   * objects, which readers count once.
   */
  async mergeSmallObjects(options: { now?: string } = {}): Promise<MergeReport> {
    const report: MergeReport = { partitions: 0, inputs: 0, rows: 0, skipped: 0, unreadable: [] };
    for (const table of [...tableNames.filter((t) => t !== 'call_status'), 'call_status' as const]) {
      const base = `${this.prefix}/${table}/`;
      const small = (partition: string, key: string) => {
        const name = key.slice(partition.length);
        return isLakeObject(partition, key) && name.startsWith(CALL_OBJECT_PREFIX);
      };
      const byPartition = new Map<string, number>();
      for (const key of await this.store.list(base)) {
        const partition = key.slice(0, key.lastIndexOf('/') + 1);
        if (small(partition, key)) byPartition.set(partition, (byPartition.get(partition) ?? 0) + 1);
      }
      for (const [partition, count] of byPartition) {
        if (count < 2) continue;
        const listed = (await this.store.listVersions(partition)).filter((v) => small(partition, v.key));
        const dt = /\/dt=(\d{4}-\d{2}-\d{2})\/$/.exec(partition)?.[1] ?? null;
        const inputs: { version: ObjectVersion; rows: Row[] }[] = [];
        let readable = true;
        for (const version of listed) {
          const body = await this.store.getVersion(version.key, version.etag);
          if (!body) {
            report.skipped += 1;
            continue;
          }
          try {
            inputs.push({ version, rows: await decodeRows(tables[table], body) });
          } catch (error) {
            // Not Parquet (a copy cut short, a stray file): its partition stays as it is, named
            // for whoever looks; the other partitions are merged all the same.
            report.unreadable.push({ key: version.key, error: String((error as Error)?.message ?? error) });
            readable = false;
          }
        }
        if (!readable || inputs.length < 2) continue;
        const kept = keepEachWriteOnce(table, inputs);
        // Named with its oldest input's stamp, not the time of the merge: a reader takes a batch
        // object stamped after a compaction as holding nothing that compaction read
        // (adapters/lake/latest-write.ts), and an input may have been one (a killed compaction).
        const stamps = inputs.map((i) => writeObjectStamp(i.version.key.slice(partition.length)));
        const oldest = stamps.every((x) => x !== null) ? [...stamps].sort()[0] : undefined;
        const key = await this.putBatch(table, dt, kept, oldest ?? options.now ?? new Date().toISOString());
        if (!key) continue;
        for (const { version } of inputs)
          if ((await this.store.deleteVersion(version.key, version.etag)) === 'changed') report.skipped += 1;
        report.partitions += 1;
        report.inputs += inputs.length;
        report.rows += kept.length;
      }
    }
    return report;
  }
}

export interface MergeReport {
  /** Partitions whose small objects became one. */
  partitions: number;
  /** Objects merged (and then deleted). */
  inputs: number;
  rows: number;
  /** Objects replaced or removed while the merge ran (left for the next one). */
  skipped: number;
  /** Objects that are not readable Parquet: their partitions were left as they are. */
  unreadable: { key: string; error: string }[];
}

/** Every row of the merged objects, a write found in two of them once, identical rows once. */
const keepEachWriteOnce = (table: TableName, inputs: { version: ObjectVersion; rows: Row[] }[]): Row[] => {
  const def = tables[table];
  const stamp = STATUS_STAMP in def.row.shape ? STATUS_STAMP : ROW_STAMP;
  const source = new Map<string, string>();
  const seen = new Set<string>();
  const kept: Row[] = [];
  for (const { version, rows } of inputs)
    for (const row of rows) {
      const write = `${String(row.call_id)}\0${String(row[stamp])}`;
      const from = source.get(write);
      if (from === undefined) source.set(write, version.key);
      else if (from !== version.key) continue;
      const same = `${write}\0${JSON.stringify(row, plainJson)}`;
      if (seen.has(same)) continue;
      seen.add(same);
      kept.push(row);
    }
  return kept;
};

/**
 * call_status: each call's latest status row, once, with `superseded_dts` naming where the
 * writes of the statuses it drops (and of those they had dropped) may still lie
 * (supersededDtsOf, adapters/lake/latest-write.ts).
 */
const keepLatestStatus = (
  inputs: { version: ObjectVersion; rows: Row[] }[],
  report: CompactionReport,
): Row[] => {
  // A compaction's output without the column was written before it existed: what that
  // compaction dropped is unknown, so its rows count as superseding writes anywhere.
  const all = inputs.flatMap((i) =>
    compactionOutput(i.version.key.slice(i.version.key.lastIndexOf('/') + 1)) === null
      ? i.rows
      : i.rows.map((r) => ({ ...r, superseded_dts: r.superseded_dts ?? ANY_PARTITION })),
  );
  const latest = latestStatuses(all as { call_id: unknown; updated_at: unknown; state: unknown }[]);
  const kept = new Map<string, Row>();
  const rowsOf = new Map<string, Row[]>();
  for (const row of all) {
    const id = String(row.call_id);
    rowsOf.set(id, [...(rowsOf.get(id) ?? []), row]);
    const l = latest.get(id);
    const isLatest = l && String(row.updated_at) === l.updatedAt && String(row.state) === l.state;
    if (!isLatest) report.superseded += 1;
    else if (kept.has(id)) report.duplicates += 1;
    else kept.set(id, row);
  }
  return [...kept.keys()].sort().map((id) => {
    const row = kept.get(id) as Row;
    return { ...row, superseded_dts: supersededDtsOf(row, rowsOf.get(id) ?? []) };
  });
};

/** JSON.stringify replacer for decoded Parquet values (64-bit integers decode as bigint). */
const plainJson = (_key: string, value: unknown): unknown =>
  typeof value === 'bigint' ? value.toString() : value;

/** What keepCountingWrites kept, by fate, and how many rows of each input went where. */
interface Kept {
  committed: Row[];
  pending: Row[];
  /** Per input (same order): its rows kept as committed, as pending. */
  perInput: { committed: number; pending: number }[];
  dropped: number;
}

/** Other tables: the rows of committed and pending writes, each write from one object only. */
const keepCountingWrites = (
  inputs: { version: ObjectVersion; rows: Row[] }[],
  statuses: Map<string, CallStatusStamp>,
  abandonedBefore: string,
  supersededBefore: string,
  report: CompactionReport,
): Kept => {
  // (call, written_at) -> the object whose copy of that write is kept
  const source = new Map<string, string>();
  const seen = new Set<string>();
  const kept: Record<Exclude<WriteFate, 'superseded'>, Row[]> = { committed: [], pending: [] };
  const perInput = inputs.map(() => ({ committed: 0, pending: 0 }));
  let dropped = 0;
  for (const [i, { version, rows }] of inputs.entries()) {
    for (const row of rows) {
      const callId = String(row.call_id);
      const writtenAt = String(row[ROW_STAMP]);
      const fate = writeFate(writtenAt, statuses.get(callId), abandonedBefore, supersededBefore);
      if (fate === 'superseded') {
        report.superseded += 1;
        dropped += 1;
        continue;
      }
      const write = `${callId}\0${writtenAt}`;
      const from = source.get(write);
      if (from === undefined) source.set(write, version.key);
      else if (from !== version.key) {
        report.duplicates += 1;
        dropped += 1;
        continue;
      }
      // Identical rows inside one object count once too (rule 3): a compacted object holds each
      // row once, which is what lets readers take it without DISTINCT (adapters/local/duckdb-lake.ts).
      const same = `${write}\0${JSON.stringify(row, plainJson)}`;
      if (seen.has(same)) {
        report.duplicates += 1;
        dropped += 1;
        continue;
      }
      seen.add(same);
      kept[fate].push(row);
      perInput[i]![fate] += 1;
    }
  }
  const id = (r: Row) => String(r.call_id);
  const byCall = (a: Row, b: Row) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);
  return { committed: kept.committed.sort(byCall), pending: kept.pending.sort(byCall), perInput, dropped };
};

/**
 * Would compacting again write the same objects? The partition is one compaction's output (its
 * compacted object and, if any, its pending one), every row still has the fate that put it
 * there, nothing is dropped, and the horizon is not HORIZON_REFRESH_MS older than `horizon`.
 */
const alreadyCompact = (names: string[], kept: Kept, horizon: string): boolean => {
  const outputs = names.map(compactionOutput);
  const [first] = outputs;
  if (!first || kept.dropped > 0) return false;
  const stale = (h: string | null) => !h || Date.parse(horizon) - Date.parse(h) >= HORIZON_REFRESH_MS;
  return outputs.every((o, i) => {
    if (!o || o.compaction !== first.compaction) return false;
    const { committed, pending } = kept.perInput[i]!;
    return o.kind === 'compacted' ? pending === 0 && !stale(o.horizon) : committed === 0;
  });
};
