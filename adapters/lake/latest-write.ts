import { columnsOf, type TableDef } from '../../schemas/table.js';

/**
 * Which rows of the lake count: the one place this is decided, once as SQL (the views Athena
 * and DuckDB both run) and once in TypeScript (what compaction keeps). A test checks that the
 * two agree on random histories (test/lake/latest-write.property.test.ts).
 *
 * The rules:
 * 1. call_status is the commit record. A call's status is its row with the latest updated_at
 *    (ties: the greater state, so the choice is deterministic); every copy of that row counts once.
 * 2. A row of any other table counts when its call's status is processed or partial AND its
 *    written_at equals that status's updated_at: WriteResults writes the rows of all tables
 *    with one timestamp and writes call_status last, so the status row is what commits them.
 *    - a write that died half-way (no status yet, or an older one) is invisible;
 *    - a call quarantined later has no rows, whatever an earlier run wrote;
 *    - a reprocess that has no rows for a table (no CTR: no agents) hides the old ones.
 * 3. The same write can sit in two objects for a while (a compaction killed between writing
 *    its output and deleting its inputs, or two compactions at once): identical rows count once.
 *    The rows of one write are distinct by construction (turn_index, agent_order, rank).
 *
 * A consequence for anyone adding a table: write its rows in WriteResults with the same
 * written_at as the status row, or they never show.
 *
 * Reading compacted objects without the status join (local readers, latestRowsSplitSql): a
 * compaction writes the writes its status snapshot commits to a `compacted-` object and the ones
 * it keeps otherwise (pending: newer than their status, or superseded within the grace period) to
 * a `pending-` object, and names the compacted one with its horizon h = (when its status listing
 * started) - ABANDONED_AFTER_MS (adapters/lake/lake-layout.ts). A status row lands before the
 * execution that stamped it ends, so within ABANDONED_AFTER_MS of its updated_at: every status
 * with updated_at <= h had landed when the compaction listed, and it saw it (or a later status of
 * the call; ParquetLake.statuses lists again when a status compaction moves objects under it).
 * A reader lists call_status at T (then the tables) and takes B = min(h of every compacted object
 * it reads that way, T - ABANDONED_AFTER_MS) and `recent` = its calls whose latest status
 * (rule 1) has updated_at > B. A row r of call c in such an object shows
 *   - without a join when c is not recent and r.written_at <= B;
 *   - when c is recent, by the join (rule 2) with c's status, which `recent` holds; the join
 *     reads only the partition that status names (a write's rows all sit in the dt its status
 *     names: recentPartitionsSql), so it opens a day's object, not every settled one;
 *   - never otherwise.
 * Why that is rule 2 for the reader's own snapshot: r is in the object, so the compaction's
 * latest status s0 of c commits it (s0.updated_at = r.written_at). If c is recent, the join
 * decides, as everywhere. If not: r.written_at <= T - ABANDONED_AFTER_MS, so s0 had landed before
 * T and the reader's latest status s of c is s0 or newer; s.updated_at <= B <= h, so s had landed
 * before the compaction listed, which then saw s: s0 is s or newer. So s = s0, which commits r.
 * And r.written_at > B with c not recent: a status committing r would have updated_at > B, so the
 * reader's status does not, and r is hidden. What that covers:
 *   - a reprocess after the compaction: its status is stamped after the listing began, so after
 *     h: the call is recent, the join hides the compacted write and shows the new rows (in their
 *     own objects, read with the join and DISTINCT);
 *   - a quarantine after the compaction: recent the same way; the join shows nothing of the call;
 *   - call_status compacted later than the table: status compaction keeps each call's latest
 *     status (rule 1), so no reader's latest status changes;
 *   - a WriteResults in flight during the compaction: its rows are newer than the call's status in
 *     the snapshot (or it had none): pending object, read with the join; its status, landing after
 *     the listing, is stamped after h, so the call is recent and any compacted rows of it hidden;
 *   - two compactions at once, or one killed before its deletes: a partition holding two
 *     compacted objects, or a pending object of another compaction, or a per-call or batch
 *     object stamped before the compaction (it may have been its input: the same write twice) is
 *     read whole with the join and DISTINCT (adapters/local/duckdb-lake.ts, splitObjects). A
 *     per-call object's stamp is its write's written_at; a batch object's is no later than the
 *     first landing of any write it holds (a run's batch holds writes kept in memory until it is
 *     written; a merge of small objects takes its oldest input's stamp). Stamped after the
 *     compaction, such an object cannot hold a write it read, so the compacted object stays read
 *     this way beside it (a reprocess of an old day);
 *   - a reader that listed call_status before a compaction listed its statuses, and the table
 *     after the compaction wrote it: the compaction may commit a write whose status the reader
 *     never listed (it landed after T). That write is stamped after T - ABANDONED_AFTER_MS (its
 *     status landed after T), so after B: joined to the reader's older status, it is hidden. The
 *     reader sees every call as rule 2 says over what it listed (the earlier write while it is
 *     still stored, i.e. in its grace period; no rows after that), never a write its call_status
 *     does not name. Without the T bound it would show the new write beside the old status.
 * A partition's horizon only moves when a compaction writes it again (HORIZON_REFRESH_MS).
 *
 * "c is not recent" needs no lookup of every settled row's call_id among the recent calls (an
 * anti-join over every row of every day, most of a dashboard view's cost beyond the reading) in a
 * partition that cannot hold a row r of a recent call with r.written_at <= B (rows stamped after
 * B are out by the bound alone). Such an r was committed by a status s0 of c stamped at or before
 * B naming r's partition, and c's latest status is after B, so s0 is an earlier status of c that
 * the reader listed, or one a status compaction dropped, recording its partition in the
 * `superseded_dts` of the status it kept (carried on by every later status compaction):
 * supersededPartitionsSql reads both for the recent calls only, and just those partitions are
 * looked up (SplitSources.settledSuperseded). A status object compacted by a version without the
 * column names no partitions, so its rows count as "any". A recent call that is new (its first
 * status after B, the usual case: the day being processed) adds no partition.
 */
export const STATUS_STAMP = 'updated_at';
export const ROW_STAMP = 'written_at';
export const COMMITTED_STATES = ['processed', 'partial'] as const;

/**
 * A call erased on request (`debrief forget`): its tombstone status. Like a quarantine it commits
 * nothing, so no table shows the call's rows from the moment it lands (rules 1-2); unlike one, the
 * call_status view does not show it either (visibleStatusSql) and compaction drops the rows it
 * supersedes at once, without the grace period (writeFate). Compaction keeps it as the call's
 * latest status (call_id, state, updated_at, superseded_dts): a write older than it that turns up
 * later (a copy a killed compaction left) stays hidden, and a later drop of the call lands a newer
 * status, which makes it a call like any other.
 */
export const FORGOTTEN_STATE = 'forgotten' as const;

/** The call_status view over each call's latest status: every call but the forgotten ones. */
export const visibleStatusSql = (latest: string): string =>
  `select * from (${latest}) visible where state <> '${FORGOTTEN_STATE}'`;

/**
 * A write nobody committed and older than this can never be committed: the workflow times out
 * after 6 hours (TimeoutSeconds in the ASL) and WriteResults after minutes. Compaction drops it,
 * and a status row lands within this long of its updated_at (the horizon, above).
 */
export const ABANDONED_AFTER_MS = 7 * 60 * 60 * 1000;

/** A compaction's horizon: statuses stamped at or before it had landed when it listed at `listedAt`. */
export const horizonOf = (listedAt: string): string =>
  new Date(Date.parse(listedAt) - ABANDONED_AFTER_MS).toISOString();

const committedList = COMMITTED_STATES.map((s) => `'${s}'`).join(', ');

/** Each call's latest status row (rule 1). */
export const latestStatusSql = (statusTable: TableDef, source: string): string => {
  const cols = columnsOf(statusTable).map((c) => c.name);
  return `select ${cols.map((c) => `s.${c}`).join(', ')} from (select ${cols.map((c) => `r.${c}`).join(', ')}, row_number() over (partition by r.call_id order by r.${STATUS_STAMP} desc, r.state desc) as status_rank from ${source} r) s where s.status_rank = 1`;
};

/**
 * The view over a table: its committed rows (rules 1-3). `statusSource` is the raw status
 * table, so a view never depends on another view being created first.
 */
export const latestRowsSql = (table: TableDef, source: string, statusSource = 'raw_call_status'): string => {
  const cols = columnsOf(table).map((c) => c.name);
  if (!(ROW_STAMP in table.row.shape)) {
    if (STATUS_STAMP in table.row.shape) return visibleStatusSql(latestStatusSql(table, source));
    throw new Error(`table ${table.name} has no ${ROW_STAMP} column`);
  }
  const status = `(select call_id, ${STATUS_STAMP}, state from (select call_id, ${STATUS_STAMP}, state, row_number() over (partition by call_id order by ${STATUS_STAMP} desc, state desc) as status_rank from ${statusSource}) ranked where status_rank = 1)`;
  return `select distinct ${cols.map((c) => `t.${c}`).join(', ')} from ${source} t join ${status} s on s.call_id = t.call_id and s.${STATUS_STAMP} = t.${ROW_STAMP} where s.state in (${committedList})`;
};

/**
 * The same rules over a lake whose objects are split, for an engine that lists the objects
 * itself (DuckDB locally; Athena uses latestRowsSql):
 * - `settled`: compacted objects with a horizon, each the only compacted object of its partition
 *   and beside nothing but its own compaction's pending object and per-call or batch objects
 *   stamped after it (none of their writes can be in it): rows read without the status join but
 *   for recent calls (`recent`, see the rules above);
 * - `clean`: the other partitions holding exactly one object, a compaction's output without a
 *   horizon (older compactions). A compaction keeps each write once and a write's rows all sit in
 *   one partition (its dt), so rows of both cannot repeat (rule 3 needs no DISTINCT over them);
 * - `dirty`: every other object (per-call writes, pending objects, partitions with two
 *   compactions' outputs).
 * For call_status, `clean` is the one compacted object (one row per call) even beside per-call
 * status objects, `dirty` the rest: only calls that have dirty status rows are ranked (rule 1),
 * over their clean and dirty rows together.
 */
export interface SplitSources {
  settled?: string;
  /**
   * Settled objects in the partitions where a recent call's earlier committed write can be
   * (supersededPartitionsSql): read like `settled` but for the recent calls' rows, which only the
   * join shows. The objects in `settled` then hold no row of a recent call stamped at or before B
   * and are read with the bound alone (no lookup of every row's call_id among the recent calls).
   * null: no such partition (every settled object is read with the bound alone). Absent: every
   * settled object might be one (`settled` is read with the lookup).
   */
  settledSuperseded?: string | null;
  /**
   * The settled objects that can hold a recent call's committed write (default: `settled`): the
   * ones in a partition some committed recent status names (its `dt`; see settledForRecentSql).
   */
  settledRecent?: string;
  clean: string;
  dirty: string;
  /** Sources known to hold no rows (left out of the SQL). */
  empty?: readonly ('clean' | 'dirty')[];
  statusClean: string;
  statusDirty: string;
  /** Status sources known to hold no rows: with no dirty status, the clean rows are the latest as they are. */
  statusEmpty?: readonly ('clean' | 'dirty')[];
}

/** Rule 1 over split status sources: each call's latest status row (columns `cols`). */
const latestStatusSplit = (cols: readonly string[], s: SplitSources): string => {
  const list = cols.join(', ');
  if (s.statusEmpty?.includes('dirty')) return `select ${list} from ${s.statusClean}`;
  const rank = `row_number() over (partition by call_id order by ${STATUS_STAMP} desc, state desc) as status_rank`;
  const candidates = `select ${list} from ${s.statusClean} where call_id in (select call_id from ${s.statusDirty}) union all select ${list} from ${s.statusDirty}`;
  return `select ${list} from ${s.statusClean} where call_id not in (select call_id from ${s.statusDirty}) union all select ${list} from (select ${list}, ${rank} from (${candidates}) c) r where status_rank = 1`;
};

/** Each call's committed write (rules 1-2): call_id and the stamp its rows carry. */
export const committedStatusSplitSql = (s: SplitSources): string =>
  `select call_id, ${STATUS_STAMP} from (${latestStatusSplit(['call_id', STATUS_STAMP, 'state'], s)}) latest where state in (${committedList})`;

/**
 * The reader's `recent` calls: each call's latest status (call_id, updated_at, state) stamped
 * after `bound` (B in the rules above).
 */
export const recentStatusSplitSql = (s: SplitSources, bound: string): string =>
  `select call_id, ${STATUS_STAMP}, state, dt from (${latestStatusSplit(['call_id', STATUS_STAMP, 'state', 'dt'], s)}) latest where ${STATUS_STAMP} > ${timestampSql(bound)}`;

/** An ISO-8601 UTC instant as a SQL TIMESTAMP literal (the lake's timestamps are UTC, no zone). */
const timestampSql = (iso: string): string =>
  `timestamp '${new Date(iso).toISOString().replace('T', ' ').replace('Z', '')}'`;

/**
 * The partitions (dt) where a recent call's committed rows can be: a status row names the dt of
 * the write it commits (WriteResults writes the status and every row of the write from one call
 * document, core/steps/write-results.ts), and a write's rows all sit in that partition. A status
 * that commits and names none (null: not written by WriteResults) means any partition, and the
 * reader reads every settled object for the recent calls. Rows `dt` (text), or one row with
 * `dt` null for "any".
 */
export const recentPartitionsSql = (recent: string): string =>
  `select distinct dt from ${recent} where state in (${committedList})`;

/** How `settled` objects are read: B, and the relation holding recentStatusSplitSql's rows (`empty`: it has none). */
export interface SettledReading {
  bound: string;
  recent: string;
  empty: boolean;
}

/**
 * Rules 1-3 over split sources (see SplitSources): DISTINCT only over the dirty objects, no status
 * join over the settled ones but for recent calls (`settled`; without it, `s.settled` must be
 * absent). `committed` names a relation holding committedStatusSplitSql's rows (a table made once
 * for many queries); without it each query ranks the statuses itself.
 */
export const latestRowsSplitSql = (
  table: TableDef,
  s: SplitSources,
  committed?: string,
  settled?: SettledReading,
): string => {
  if (!(ROW_STAMP in table.row.shape)) {
    if (STATUS_STAMP in table.row.shape)
      return visibleStatusSql(
        latestStatusSplit(
          columnsOf(table).map((c) => c.name),
          s,
        ),
      );
    throw new Error(`table ${table.name} has no ${ROW_STAMP} column`);
  }
  const cols = columnsOf(table)
    .map((c) => `t.${c.name}`)
    .join(', ');
  const source = committed ?? 'committed';
  const joined = (from: string) =>
    `from ${from} t join ${source} s on s.call_id = t.call_id and s.${STATUS_STAMP} = t.${ROW_STAMP}`;
  const parts: string[] = [];
  // With `settledSuperseded` given, `settled` holds no earlier write of a recent call: the bound
  // alone decides. Without it, every settled object might.
  const known = s.settledSuperseded !== undefined;
  const lookup = known ? (s.settledSuperseded ?? undefined) : s.settled;
  const plainSettled = known ? s.settled : undefined;
  if (lookup || plainSettled) {
    if (!settled) throw new Error('settled objects need a bound and the recent calls (SettledReading)');
    const bound = `t.${ROW_STAMP} <= ${timestampSql(settled.bound)}`;
    if (plainSettled) parts.push(`select ${cols} from ${plainSettled} t where ${bound}`);
    if (lookup)
      parts.push(
        settled.empty
          ? `select ${cols} from ${lookup} t where ${bound}`
          : // Not one left join filtered after: that carried every row through the join and took
            // 2-3 times as long over turns.
            `select ${cols} from ${lookup} t where ${bound} and t.call_id not in (select call_id from ${settled.recent} where call_id is not null)`,
      );
    // Recent calls' committed rows, joined: only the partitions a recent call's committed write
    // can be in (`settledRecent`, recentPartitionsSql).
    const recentSources = s.settledRecent ? [s.settledRecent] : [plainSettled, lookup];
    if (!settled.empty)
      for (const from of recentSources)
        if (from)
          parts.push(
            `select ${cols} from ${from} t join ${settled.recent} r on r.call_id = t.call_id and r.${STATUS_STAMP} = t.${ROW_STAMP} where r.state in (${committedList})`,
          );
  }
  const empty = new Set(s.empty ?? []);
  if (!empty.has('clean')) parts.push(`select ${cols} ${joined(s.clean)}`);
  if (!empty.has('dirty') || parts.length === 0) parts.push(`select distinct ${cols} ${joined(s.dirty)}`);
  const body = parts.join(' union all ');
  return committed ? body : `with committed as (${committedStatusSplitSql(s)}) ${body}`;
};

/** In `superseded_dts`: a committing status that named no partition (its write may be in any). */
export const ANY_PARTITION = '*';

/**
 * What status compaction writes in `superseded_dts` of the status row it keeps (`latest`), from
 * every status row of the call it read (`rows`, `latest` among them): the dt of each other
 * committing status (its write's partition; ANY_PARTITION when it named none) and every dt those
 * rows carried, sorted, comma-separated (ANY_PARTITION alone when it is among them); '' for none. A status compaction drops every status but
 * the latest, and the rows their writes committed can still sit in a settled object until that
 * partition is compacted again: a reader that finds the call recent learns from this column (or
 * from the earlier status itself, while it is stored) which settled partitions to read with the
 * join for it (supersededPartitionsSql).
 */
export const supersededDtsOf = (
  latest: Record<string, unknown>,
  rows: readonly Record<string, unknown>[],
): string => {
  const dts = new Set<string>();
  for (const row of rows) {
    for (const dt of String(row.superseded_dts ?? '').split(',')) if (dt) dts.add(dt);
    const isLatest = String(row[STATUS_STAMP]) === String(latest[STATUS_STAMP]) && row.state === latest.state;
    if (!isLatest && (COMMITTED_STATES as readonly unknown[]).includes(row.state))
      dts.add(row.dt === null || row.dt === undefined ? ANY_PARTITION : String(row.dt));
  }
  // Any partition covers every other.
  return dts.has(ANY_PARTITION) ? ANY_PARTITION : [...dts].sort().join(',');
};

/**
 * The settled partitions that can hold a committed write of a `recent` call stamped at or before
 * `bound` (B): the ones those rows must be looked up in to be hidden (latestRowsSplitSql's
 * `settledSuperseded`). Such a write r of call c sits in the partition its committing status s0
 * names, s0.updated_at = r.written_at <= B, and s0 is not c's latest status (that one is after B).
 * s0 landed before the reader listed call_status (B <= T - ABANDONED_AFTER_MS), so the listing
 * holds s0 itself (a committing status of c stamped at or before B: its dt) or, when a status
 * compaction dropped it, the row that compaction kept, whose `superseded_dts` names s0's dt, and
 * so on through later status compactions (supersededDtsOf carries every dt it reads). Rows
 * `dt`; ANY_PARTITION among them means every settled partition.
 * `unknown`: which status rows may have been written by a compaction that did not fill the
 * column (older versions: null there means "unknown", read as ANY_PARTITION): 'clean' (the
 * compacted status object) or 'both' (a compaction's output sits among the dirty objects too).
 */
export const supersededPartitionsSql = (
  s: Pick<SplitSources, 'statusClean' | 'statusDirty'>,
  recent: string,
  bound: string,
  unknown: 'clean' | 'both',
): string => {
  const rows = (source: string, nullMeans: string) =>
    `select dt, state, ${STATUS_STAMP}, coalesce(superseded_dts, '${nullMeans}') as carried from ${source} where call_id in (select call_id from ${recent})`;
  const history = `${rows(s.statusClean, ANY_PARTITION)} union all ${rows(s.statusDirty, unknown === 'both' ? ANY_PARTITION : '')}`;
  return `with h as (${history}) select distinct dt from (select unnest(string_split(carried, ',')) as dt from h union all select coalesce(dt, '${ANY_PARTITION}') as dt from h where state in (${committedList}) and ${STATUS_STAMP} <= ${timestampSql(bound)}) p where dt <> ''`;
};

export interface CallStatusStamp {
  updatedAt: string;
  state: string;
}

/** ISO-8601 UTC stamps from toISOString() compare as strings in time order. */
const newer = (a: CallStatusStamp, b: CallStatusStamp): boolean =>
  a.updatedAt > b.updatedAt || (a.updatedAt === b.updatedAt && a.state > b.state);

/** Rule 1 in TypeScript: each call's latest status. */
export const latestStatuses = (
  rows: Iterable<{ call_id: unknown; updated_at: unknown; state: unknown }>,
): Map<string, CallStatusStamp> => {
  const latest = new Map<string, CallStatusStamp>();
  for (const row of rows) {
    const candidate = { updatedAt: String(row.updated_at), state: String(row.state) };
    const current = latest.get(String(row.call_id));
    if (!current || newer(candidate, current)) latest.set(String(row.call_id), candidate);
  }
  return latest;
};

/** What compaction does with one write (all rows of one call with one written_at) of a table. */
export type WriteFate = 'committed' | 'pending' | 'superseded';

/**
 * A write is `committed` (rule 2: visible, keep), `pending` (newer than the call's status or
 * the call has none yet: a WriteResults may still be on its way to commit it, keep unless it
 * is older than any execution can live) or `superseded` (older than the status, or the status
 * is a quarantine: never visible again, drop).
 *
 * A write the call's forgotten status (FORGOTTEN_STATE) supersedes is dropped at once: the grace
 * period keeps rows for a reader whose status snapshot is older than the tombstone, and showing
 * that reader an erased call is what the tombstone is there to stop.
 *
 * A superseded write is only dropped once the status that superseded it is older than
 * `supersededBefore` (a grace period): a reader that listed call_status a moment before that
 * status landed still finds the rows its older status names, whatever it lists after.
 */
export const writeFate = (
  writtenAt: string,
  status: CallStatusStamp | undefined,
  abandonedBefore: string,
  supersededBefore: string = abandonedBefore,
): WriteFate => {
  if (
    status &&
    writtenAt === status.updatedAt &&
    (COMMITTED_STATES as readonly string[]).includes(status.state)
  )
    return 'committed';
  if (status && writtenAt <= status.updatedAt)
    return status.state === FORGOTTEN_STATE || status.updatedAt < supersededBefore ? 'superseded' : 'pending';
  return writtenAt < abandonedBefore ? 'superseded' : 'pending';
};
