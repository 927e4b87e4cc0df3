import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import type * as DuckDb from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { dashboardViewSql } from '../../dashboards/view-files.js';
import { KPI_SQL, RECENT_CALLS_SQL } from '../../dashboards/visuals.js';
import { columnsOf, dataColumnsOf, duckdbType } from '../../schemas/table.js';
import { type TableName, tableNames, tables } from '../../schemas/tables.js';
import { exactDecimal, exactInteger } from '../lake/exact-number.js';
import { compactionOutput, writeObjectStamp } from '../lake/lake-layout.js';
import {
  ABANDONED_AFTER_MS,
  ANY_PARTITION,
  committedStatusSplitSql,
  FORGOTTEN_STATE,
  latestRowsSplitSql,
  recentPartitionsSql,
  recentStatusSplitSql,
  type SettledReading,
  type SplitSources,
  supersededPartitionsSql,
} from '../lake/latest-write.js';
import {
  AGENTS_DAY,
  agentStatsFromSummariesSql,
  agentStatsSql,
  aggregates,
  aggregateViewSql,
  CALLS_DAY,
  listAggregates,
  MERGED_SOURCE,
  ROLES_DAY,
  rollupBase,
  rollupFile,
  rollupSources,
  summaryViews,
} from './lake-aggregates.js';

// @duckdb/node-api is CommonJS (~120 files). `import` makes Node lex every file for its named
// exports before running it; `require` takes about half the time (~0.1-0.2 s of every
// `debrief query`; see the start-up figures of `npm run bench startup`).
const duckdb = createRequire(import.meta.url)('@duckdb/node-api') as typeof DuckDb;

/**
 * Statements `debrief query` refuses: they write files (COPY, EXPORT), open another database
 * (ATTACH, DETACH, COPY FROM DATABASE) or fetch and load extensions (INSTALL, LOAD, UPDATE
 * EXTENSIONS). Temp tables, settings and the rest touch only the query's own in-memory catalog.
 */
const WRITING_STATEMENTS: ReadonlySet<DuckDb.StatementType> = new Set([
  duckdb.StatementType.COPY,
  duckdb.StatementType.EXPORT,
  duckdb.StatementType.COPY_DATABASE,
  duckdb.StatementType.ATTACH,
  duckdb.StatementType.DETACH,
  duckdb.StatementType.LOAD,
  duckdb.StatementType.EXTENSION,
  duckdb.StatementType.UPDATE_EXTENSIONS,
]);

/**
 * A statement that lists the catalog's tables and views (`show tables`, `show tables from main`
 * or `from memory.main`, `show all tables`, a bare `show` or `describe`, `pragma show_tables`):
 * `debrief query` leaves the lake's internal relations out of its answer (DuckDbLake.internalNames).
 */
const LISTING =
  /^(?:show\s+tables(?:\s+from\s+(?:"[^"]+"|\w+)(?:\.(?:"[^"]+"|\w+))?)?|show\s+all\s+tables|show|describe|pragma\s+show_tables(?:_expanded)?)$/i;

/** The last statement of a script, without comments and the semicolons around it. */
const lastStatement = (sql: string): string =>
  sql
    .replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '')
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .at(-1)
    ?.replace(/\s+/g, ' ') ?? '';

/** What analysts query by name: the tables' views, the dashboard views, the headline figures and latest calls. */
const PUBLIC_NAMES: ReadonlySet<string> = new Set([
  ...tableNames,
  ...dashboardViewSql().map((v) => v.name),
  'kpis',
  'recent_calls',
]);

/** The internal relations made after the views (snapshot, summingUnsummed): these names only, not a person's snapshot_mine. */
const LATER_INTERNAL: ReadonlySet<string> = new Set([
  ...tableNames.map((t) => `snapshot_${t}`),
  ...aggregates.map((d) => `lake_${d.name}_rows_table`),
]);

/** The table's Parquet objects now (partitioned: in its dt= folders). */
const parquetFiles = (dir: string, partitioned: boolean): string[] => {
  if (!existsSync(dir)) return [];
  const inFolder = (folder: string) =>
    readdirSync(folder, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.parquet') && !e.name.startsWith('.'))
      .map((e) => join(folder, e.name));
  if (!partitioned) return inFolder(dir);
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name.startsWith('dt='))
    .flatMap((e) => inFolder(join(dir, e.name)));
};

export interface LakeQueryProfile {
  seconds: number;
  rowsScanned: number;
  bytesRead: number;
  filesRead: number;
  /** DuckDB's buffer manager at its fullest during the query. */
  peakBufferBytes: number;
}

interface ProfileNode {
  latency?: number;
  cumulative_rows_scanned?: number;
  total_bytes_read?: number;
  system_peak_buffer_memory?: number;
  extra_info?: Record<string, unknown>;
  children?: ProfileNode[];
}

const PROFILE_METRICS = Object.fromEntries(
  [
    'LATENCY',
    'CUMULATIVE_ROWS_SCANNED',
    'TOTAL_BYTES_READ',
    'SYSTEM_PEAK_BUFFER_MEMORY',
    'EXTRA_INFO',
    'OPERATOR_TYPE',
  ].map((m) => [m, 'true']),
);

export interface SplitObjects {
  /** Lone compaction outputs with a horizon (with their horizons): read without the status join. */
  settled: { file: string; horizon: string }[];
  /** Lone compaction outputs without one: joined, no DISTINCT. */
  clean: string[];
  dirty: string[];
}

/**
 * Per partition (folder) — adapters/lake/latest-write.ts, SplitSources:
 * - settled: its one compacted object when it has a horizon and sits beside nothing but its own
 *   compaction's pending object and per-call or batch objects stamped after it (a reprocess);
 * - clean: its one object, a compacted one without a horizon (older compactions);
 * - dirty: the rest (the pending object, per-call and batch objects, two compactions' outputs).
 * `status` (call_status, one folder): clean is its one compacted object even beside per-call
 * status objects: ranking covers both for every call that has a dirty row (latest-write.ts), so
 * a status there twice still counts once; only data rows need their partition to be alone.
 */
export const splitObjects = (files: readonly string[], status = false): SplitObjects => {
  const byFolder = new Map<string, string[]>();
  for (const f of files) {
    const folder = dirname(f);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), f]);
  }
  const split: SplitObjects = { settled: [], clean: [], dirty: [] };
  for (const group of byFolder.values()) {
    const outputs = group.map((f) => ({ file: f, output: compactionOutput(basename(f)) }));
    const compacted = outputs.filter((o) => o.output?.kind === 'compacted');
    const [only] = compacted;
    const rest = group.filter((f) => f !== only?.file);
    if (!only?.output || compacted.length !== 1) split.dirty.push(...group);
    else if (status) {
      split.clean.push(only.file);
      split.dirty.push(...rest);
    } else if (
      only.output.horizon &&
      outputs.every((o) => {
        if (o.output) return o.output.compaction === only.output?.compaction;
        // A per-call object's stamp is its write's written_at, a batch object's is no later than
        // the first time any write it holds landed (a run's batch: when it was written; a merge
        // of small objects: its oldest input's stamp). Later than the compaction, it holds no
        // write the compaction read.
        const written = writeObjectStamp(basename(o.file));
        return written !== null && only.output !== null && written > only.output.at;
      })
    ) {
      split.settled.push({ file: only.file, horizon: only.output.horizon });
      split.dirty.push(...rest);
    } else if (group.length === 1) split.clean.push(only.file);
    else split.dirty.push(...group);
  }
  return split;
};

const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/**
 * A path as a literal glob: DuckDB expands `*`, `?` and `[...]` everywhere in a path, so a
 * home named `calls[1]` would match nothing and one named `a*` would read other homes. Each
 * special character becomes a one-character class (`[[]`, `[*]`), which matches only itself.
 */
export const literalGlob = (path: string): string => path.replace(/[[\]*?{}]/g, (c) => `[${c}]`);

/**
 * JSON-friendly values: BIGINT and DECIMAL -> number (as the Athena path answers them:
 * adapters/aws/athena-query.ts) where a double holds them exactly, else their exact text;
 * TIMESTAMP -> ISO string, DATE -> YYYY-MM-DD; TIMESTAMP WITH TIME ZONE -> DuckDB's own text in
 * `zone`, the session's TimeZone (timestampTzText).
 */
const plain = (value: unknown, zone = 'UTC'): unknown => {
  // A BIGINT/HUGEINT beyond 2^53 (a hash, a sum of ids) as its exact digits: a number would print
  // the nearest double (9007199254740993 as ...992) without a word.
  if (typeof value === 'bigint') return exactInteger(value);
  if (value === null || typeof value !== 'object') return value;
  const each = (v: unknown) => plain(v, zone);
  if (Array.isArray(value)) return value.map(each);
  const s = String(value);
  if (value.constructor?.name === 'DuckDBDecimalValue') {
    // A number when the double reads back as the same decimal, else the exact text (DECIMAL(38,2)).
    return exactDecimal(s, (value as unknown as { toDouble(): number }).toDouble());
  }
  if (value.constructor?.name === 'DuckDBTimestampValue') return `${s.replace(' ', 'T')}Z`;
  if (value.constructor?.name === 'DuckDBTimestampTZValue')
    return timestampTzText((value as unknown as { micros: bigint }).micros, zone) ?? s;
  // Lists, structs and maps as JSON arrays and objects (their text, "['a', 'b']", is no JSON).
  const kind = value.constructor?.name;
  if (kind === 'DuckDBListValue' || kind === 'DuckDBArrayValue')
    return (value as unknown as { items: readonly unknown[] }).items.map(each);
  if (kind === 'DuckDBStructValue')
    return Object.fromEntries(
      Object.entries((value as unknown as { entries: Record<string, unknown> }).entries).map(([k, v]) => [
        k,
        each(v),
      ]),
    );
  if (kind === 'DuckDBMapValue')
    return (value as unknown as { entries: { key: unknown; value: unknown }[] }).entries.map((e) => ({
      key: each(e.key),
      value: each(e.value),
    }));
  if (value.constructor?.name?.startsWith('DuckDB')) return s;
  return value;
};

/** One formatter per zone (making one costs about as much as formatting a thousand values). */
const offsetFormats = new Map<string, Intl.DateTimeFormat | null>();
const offsetFormat = (zone: string): Intl.DateTimeFormat | null => {
  let format = offsetFormats.get(zone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    } catch {
      format = null;
    }
    offsetFormats.set(zone, format);
  }
  return format;
};

/**
 * The offset of `zone` from UTC at an instant, in seconds (a local mean time before standard
 * time has seconds: Monrovia's -00:44:30); null for a zone Intl does not know.
 */
const zoneOffsetSeconds = (zone: string, ms: number): number | null => {
  // Offsets change at most once in a quarter of an hour: one read at each end of the quarter the
  // instant falls in answers every instant of it when they agree (a column of a day's calls costs
  // a few hundred reads, not one per value).
  const quarter = Math.floor(ms / QUARTER_MS);
  const key = `${zone}\0${quarter}`;
  let steady = steadyOffsets.get(key);
  if (steady === undefined) {
    const start = offsetAt(zone, quarter * QUARTER_MS);
    steady = start !== null && start === offsetAt(zone, (quarter + 1) * QUARTER_MS - 1) ? start : null;
    if (steadyOffsets.size >= 100_000) steadyOffsets.clear();
    steadyOffsets.set(key, steady);
  }
  return steady ?? offsetAt(zone, ms);
};

const QUARTER_MS = 15 * 60 * 1000;
const steadyOffsets = new Map<string, number | null>();

const offsetAt = (zone: string, ms: number): number | null => {
  const name =
    offsetFormat(zone)
      ?.formatToParts(new Date(ms))
      .find((p) => p.type === 'timeZoneName')?.value ?? null;
  if (name === null) return null;
  if (name === 'GMT') return 0;
  const m = /^GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0)) : null;
};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * A TIMESTAMP WITH TIME ZONE as DuckDB writes it in the session's zone (`2026-03-05 09:04:02.697-05`,
 * `+00` in UTC, `+05:30` in Kolkata), the offset the zone had at that instant. The DuckDB client's
 * own text uses the offset the machine's zone has now, whatever the session's TimeZone (a March
 * call read in December, or `set TimeZone` ignored). Null (the client's text is used) for an
 * infinite value, a year outside 1-9999 or a zone Intl does not know.
 */
export const timestampTzText = (micros: bigint, zone: string): string | null => {
  // Whole milliseconds rounded down (before 1970 too: -1 µs is 23:59:59.999999 of the day before)
  const micro = ((micros % 1_000_000n) + 1_000_000n) % 1_000_000n;
  const ms = Number((micros - micro) / 1000n);
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return null;
  const offset = zoneOffsetSeconds(zone, ms);
  if (offset === null) return null;
  const local = new Date(ms + offset * 1000);
  const year = local.getUTCFullYear();
  if (year < 1 || year > 9999) return null;
  const fraction = micro === 0n ? '' : `.${pad(Number(micro), 6).replace(/0+$/, '')}`;
  // DuckDB writes the offset to the minute (-00:44 for -00:44:30), the time shifted by all of it
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.floor(Math.abs(offset) / 60);
  const zoneText = `${sign}${pad(Math.floor(minutes / 60))}${minutes % 60 === 0 ? '' : `:${pad(minutes % 60)}`}`;
  return `${pad(year, 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${fraction}${zoneText}`;
};

/**
 * A file listed when the query was planned and gone when it was read: a compaction merged it
 * into a new object (written before the old ones are deleted). Planning the query again sees
 * the new object.
 */
const VANISHED_FILE =
  /No files found that match the pattern|No such file or directory|Cannot open file|Could not open file|with name raw_\w+ does not exist/i;
const RETRIES = 30;

/**
 * Objects of one table that differ in their columns, read without union_by_name (createRaw): an
 * object without a column the first one has (reading it fails, naming it), or a first object
 * without a column of the table (binding the raw view, our own SQL over the table's columns, fails).
 */
const MIXED_OBJECTS =
  /Failed to read file .*schema mismatch|Error while reading file .*failed to cast column/is;
const MIXED_SCHEMAS = new RegExp(`${MIXED_OBJECTS.source}|Binder Error`, 'is');

/**
 * DuckDB over the lake folder: one view per table (each call's committed write only, see
 * adapters/lake/latest-write.ts), then the shared analysis views from dashboards/sql/*.sql —
 * the same SQL Athena runs. Reads are safe while `debrief compact` runs: a query that loses a
 * file to compaction is planned and run again over a fresh listing.
 */
export class DuckDbLake {
  /** What each raw relation is now: a view over Parquet files, or a table. */
  private readonly rawKinds = new Map<string, 'view' | 'table'>();

  /**
   * Tables whose objects are read with `union_by_name` (their objects do not all have the same
   * columns: written by different versions). The others are read by the first object's schema,
   * which binds in a fraction of the time (see createRaw).
   */
  private readonly unionByName = new Set<TableName>();

  private constructor(
    private readonly lakeDir: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly clock: () => string = () => new Date().toISOString(),
  ) {}

  /**
   * `clock`: the time (tests: a lake written "at" other times reads as if now were then).
   * `plain`: every compacted object joined to call_status and every table's objects read by name
   * (union_by_name), none of the shortcuts below: slower, the reference benches and tests compare
   * the views with.
   */
  static async open(
    lakeDir: string,
    options: { clock?: () => string; plain?: boolean } = {},
  ): Promise<DuckDbLake> {
    const instance = await duckdb.DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    // Objects are immutable (every write a new key): a footer read once stays true.
    await connection.run('set parquet_metadata_cache = true');
    const db = new DuckDbLake(lakeDir, instance, connection, options.clock);
    if (options.plain) {
      db.plain = true;
      for (const t of tableNames) db.unionByName.add(t);
    }
    await db.retryingVanishedFiles(() => db.readingMixedSchemas(() => db.createViews()));
    return db;
  }

  /**
   * Each raw view reads the objects listed here, call_status FIRST: WriteResults writes a call's
   * rows before the status row that commits them, so every status this snapshot holds has its
   * rows in the objects listed after it. (Globs expanded by DuckDB per table, in its own order,
   * could see a new status and miss the rows it commits.)
   *
   * Per table, the objects are split (adapters/lake/latest-write.ts, SplitSources): `clean`,
   * partitions a compaction left as one object, read where they lie; `dirty`, everything else
   * (per-call writes, mostly small and many), read once here into memory, so a query opens a
   * file per compacted partition and never thousands of per-call files.
   */
  private async createViews(): Promise<void> {
    // Before listing call_status: every status stamped ABANDONED_AFTER_MS before this had landed.
    const listedAt = this.clock();
    const order = ['call_status' as const, ...tableNames.filter((t) => t !== 'call_status')];
    const files = new Map(
      order.map((name) => [
        name,
        parquetFiles(join(this.lakeDir, name), tables[name].partitionKeys.length > 0),
      ]),
    );
    // B (latest-write.ts): the oldest horizon of the objects read without the join, and no later
    // than ABANDONED_AFTER_MS before the status listing.
    let bound = new Date(Date.parse(listedAt) - ABANDONED_AFTER_MS).toISOString();
    let settled = false;
    let statusDirtyCompacted = false;
    const empty = new Map<TableName, ('clean' | 'dirty')[]>();
    const settledFiles = new Map<TableName, string[]>();
    for (const name of order) {
      const split = splitObjects(files.get(name) ?? [], name === 'call_status');
      // A settled object is alone in its partition but for objects that cannot hold its writes:
      // read with the join, it is a clean one.
      if (this.plain) split.clean.push(...split.settled.splice(0).map((o) => o.file));
      settledFiles.set(
        name,
        split.settled.map((o) => o.file),
      );
      empty.set(
        name,
        (['clean', 'dirty'] as const).filter((k) => split[k].length === 0),
      );
      for (const o of split.settled) if (o.horizon < bound) bound = o.horizon;
      if (name === 'call_status')
        statusDirtyCompacted = split.dirty.some((f) => compactionOutput(basename(f)) !== null);
      settled ||= split.settled.length > 0;
      await this.createRaw(
        name,
        `raw_${name}_settled`,
        split.settled.map((o) => o.file),
        'view',
      );
      await this.createRaw(name, `raw_${name}_clean`, split.clean, 'view');
      await this.createRaw(name, `raw_${name}_dirty`, split.dirty, 'table');
      await this.connection.run(
        `create or replace view raw_${name} as select * from raw_${name}_settled union all select * from raw_${name}_clean union all select * from raw_${name}_dirty`,
      );
    }
    const sources = (name: TableName): SplitSources => ({
      ...(this.rawKinds.get(`raw_${name}_settled`) === 'view'
        ? {
            ...(this.rawKinds.has(`raw_${name}_settled_plain`)
              ? { settled: `raw_${name}_settled_plain` }
              : {}),
            settledSuperseded: this.rawKinds.has(`raw_${name}_settled_superseded`)
              ? `raw_${name}_settled_superseded`
              : null,
          }
        : {}),
      ...(this.rawKinds.has(`raw_${name}_settled_recent`)
        ? { settledRecent: `raw_${name}_settled_recent` }
        : {}),
      clean: `raw_${name}_clean`,
      dirty: `raw_${name}_dirty`,
      statusClean: 'raw_call_status_clean',
      statusDirty: 'raw_call_status_dirty',
      statusEmpty: [...(empty.get('call_status') ?? [])],
      empty: [...(empty.get(name) ?? [])],
    });
    // Each call's committed write, ranked once here rather than in every view of every query.
    // Only clean and dirty objects are joined to it: with no clean ones, only the calls the dirty
    // ones hold (a few thousand recent calls, not the million of a compacted lake).
    const dataTables = tableNames.filter((t) => t !== 'call_status');
    const anyClean = dataTables.some((t) => !empty.get(t)?.includes('clean'));
    const dirtyCalls = dataTables
      .filter((t) => !empty.get(t)?.includes('dirty'))
      .map((t) => `select call_id from raw_${t}_dirty`);
    const committed = committedStatusSplitSql(sources('call_status'));
    await this.connection.run(
      `create or replace table lake_committed as ${
        anyClean
          ? committed
          : `select * from (${committed}) c where call_id in (${dirtyCalls.length > 0 ? dirtyCalls.join(' union ') : 'select null'})`
      }`,
    );
    // The calls whose compacted rows still need the join: latest status stamped after B.
    await this.connection.run(
      `create or replace table lake_recent as ${recentStatusSplitSql(sources('call_status'), bound)}`,
    );
    const [recent] = await this.rows('select count(*) as n from lake_recent');
    const reading: SettledReading = { bound, recent: 'lake_recent', empty: Number(recent?.n) === 0 };
    // The settled partitions where a recent call's earlier committed write can be: only their
    // rows are looked up among the recent calls (latest-write.ts, supersededPartitionsSql).
    const superseded =
      !settled || reading.empty
        ? []
        : (
            await this.rows(
              supersededPartitionsSql(
                sources('call_status'),
                'lake_recent',
                bound,
                statusDirtyCompacted ? 'both' : 'clean',
              ),
            )
          ).map((r) => String(r.dt));
    const anySuperseded = superseded.includes(ANY_PARTITION);
    const lookedUp = new Set(superseded.map((dt) => `dt=${dt}`));
    for (const name of dataTables) {
      const all = settledFiles.get(name) ?? [];
      const look = all.filter((f) => anySuperseded || lookedUp.has(basename(dirname(f))));
      const rest = all.filter((f) => !look.includes(f));
      for (const [raw, files] of [
        [`raw_${name}_settled_superseded`, look],
        [`raw_${name}_settled_plain`, rest],
      ] as const)
        if (files.length > 0) await this.createRaw(name, raw, [...files], 'view');
        else await this.dropRaw(raw);
    }
    this.supersededPartitions = anySuperseded ? 'any' : [...superseded].sort();
    // The recent calls' committed rows, looked up by the join, can only be in the partitions their
    // statuses name (latest-write.ts, recentPartitionsSql): a day's object, not a year's.
    const partitions = (await this.rows(recentPartitionsSql('lake_recent'))).map((r) => r.dt);
    const anyPartition = partitions.some((dt) => dt === null || dt === undefined);
    const wanted = new Set(partitions.map((dt) => `dt=${String(dt)}`));
    for (const name of dataTables) {
      const all = settledFiles.get(name) ?? [];
      const these = anyPartition ? all : all.filter((f) => wanted.has(basename(dirname(f))));
      const raw = `raw_${name}_settled_recent`;
      if (all.length > 0 && !reading.empty) await this.createRaw(name, raw, these, 'view');
      else await this.dropRaw(raw);
    }
    for (const name of tableNames)
      await this.connection.run(
        `create or replace view ${name} as ${latestRowsSplitSql(tables[name], sources(name), 'lake_committed', reading)}`,
      );
    this.settledBound = settled ? bound : null;
    for (const view of dashboardViewSql()) {
      await this.connection.run(`create or replace view ${view.name} as ${view.sql}`);
    }
    // The headline figures and the latest calls as views too (an unfiltered page reads them by name).
    await this.connection.run(`create or replace view kpis as ${KPI_SQL}`);
    await this.connection.run(`create or replace view recent_calls as ${RECENT_CALLS_SQL}`);
    // Per-day summaries of settled objects (adapters/local/lake-aggregates.ts): the objects every
    // row of which counts without a join or a lookup (`settled_plain`, all rows within B) are
    // summed from their summaries, every other object row by row through the same SQL.
    this.aggregatedObjects = new Map();
    for (const name of this.unsummedRows.keys()) await this.connection.run(`drop view if exists ${name}`);
    this.unsummedRows = new Map();
    const summed = new Map<string, string>();
    for (const def of this.plain || !settled ? [] : aggregates) {
      const name = def.table;
      const plainSettled = (settledFiles.get(name) ?? []).filter(
        (f) => anySuperseded === false && !lookedUp.has(basename(dirname(f))),
      );
      const counts = (w: string | null | undefined): boolean => w !== undefined && (w === null || w <= bound);
      // The roll-up first (one file, what it covers in its footer); an object it does not cover
      // by its own summary file (listed only then), else row by row.
      const rollup = rollupFile(this.lakeDir, def);
      const meta = new Map(
        rollup
          ? (
              await this.rows(
                `select decode(key) as k, decode(value) as v from parquet_kv_metadata(${sqlString(literalGlob(rollup))})`,
              )
            ).map((r) => [String(r.k), String(r.v)])
          : [],
      );
      const covered = rollupSources(this.lakeDir, def, meta.get('sources') ?? '{}');
      const base = rollupBase(this.lakeDir, def, meta.get('base') ?? '[]');
      const fromRollup = new Set(plainSettled.filter((f) => counts(covered.get(f))));
      const uncovered = plainSettled.filter((f) => !fromRollup.has(f));
      const summaries = uncovered.length > 0 ? listAggregates(this.lakeDir, def) : new Map();
      const used = uncovered.filter((f) => counts(summaries.get(f)?.maxWrittenAt));
      this.aggregatedObjects.set(def.name, fromRollup.size + used.length);
      if (fromRollup.size + used.length === 0) continue;
      const usedSet = new Set(used);
      const rest = uncovered.filter((f) => !usedSet.has(f));
      const raw = `raw_${def.name}_unsummed`;
      if (rest.length > 0) await this.createRaw(name, raw, rest, 'view');
      else await this.dropRaw(raw);
      const { settled: _all, ...others } = sources(name);
      const unsummed = latestRowsSplitSql(
        tables[name],
        { ...others, ...(rest.length > 0 ? { settled: raw } : {}) },
        'lake_committed',
        reading,
      );
      const parts: string[] = [];
      if (rollup && fromRollup.size > 0) {
        // Its rows but those of the objects this reader does not sum (usually none, or the last
        // compacted day while its rows are newer than B): named in whichever list is shorter.
        const tableDir = join(this.lakeDir, name);
        const key = (f: string) => sqlString(f.slice(tableDir.length + 1));
        // Its merged rows stand in for the objects they merge when this reader sums every one.
        const merged = base.length > 0 && base.every((f) => fromRollup.has(f));
        const baseSet = new Set(merged ? base : []);
        const wanted = [...fromRollup].filter((f) => !baseSet.has(f));
        const skipped = [...covered.keys()].filter((f) => !fromRollup.has(f) || baseSet.has(f));
        const where =
          skipped.length <= wanted.length
            ? `source not in (${[MERGED_SOURCE, ...skipped].map((f) => (f === MERGED_SOURCE ? sqlString(f) : key(f))).join(', ')})`
            : `source in (${wanted.map(key).join(', ')})`;
        parts.push(
          `select * exclude (source) from read_parquet(${sqlString(literalGlob(rollup))}) where ${
            merged ? `source = ${sqlString(MERGED_SOURCE)} or ${where}` : where
          }`,
        );
      }
      if (used.length > 0)
        parts.push(
          `select * from read_parquet([${used.map((f) => sqlString(literalGlob(summaries.get(f)?.file ?? ''))).join(', ')}])`,
        );
      const files = `(${parts.join(' union all by name ')})`;
      await this.connection.run(
        `create or replace view lake_${def.name}_summed as ${def.merged ? def.merged(files) : `select * from ${files}`}`,
      );
      await this.connection.run(
        `create or replace view lake_${def.name}_rows as ${def.sql(`(${unsummed})`)}`,
      );
      this.unsummedRows.set(`lake_${def.name}_rows`, def.sql(`(${unsummed})`));
      await this.connection.run(
        `create or replace view lake_${def.name} as select * from lake_${def.name}_summed union all by name select * from lake_${def.name}_rows`,
      );
      summed.set(def.name, `lake_${def.name}`);
    }
    const cube = summed.get(CALLS_DAY.name);
    const roles = summed.get(ROLES_DAY.name);
    const agentsSummed = summed.get(AGENTS_DAY.name);
    const overrides = aggregateViewSql(cube ?? 'calls', roles ?? 'call_roles');
    for (const view of [...dashboardViewSql(), { name: 'kpis', sql: KPI_SQL }]) {
      const sql =
        view.name === 'agent_stats' && cube
          ? agentsSummed
            ? agentStatsFromSummariesSql(agentsSummed, cube)
            : agentStatsSql(view.sql, cube)
          : (view.name === 'role_daily' ? roles : cube) && overrides[view.name];
      if (sql) await this.connection.run(`create or replace view ${view.name} as ${sql}`);
    }
    for (const [view, { summary, sql }] of Object.entries(summaryViews)) {
      const relation = summed.get(summary);
      if (relation) await this.connection.run(`create or replace view ${view} as ${sql(relation)}`);
    }
    const statusEmpty = empty.get('call_status') ?? [];
    if (!this.plain && statusEmpty.length === 0) await this.pipelineStatusBeside();
    // Everything made so far but the public names is the views' plumbing (raw_*, lake_*). Only
    // those prefixes: this runs again when a file vanished under a person's query, whose own
    // tables are theirs.
    for (const r of await this.rows('select table_name as name from information_schema.tables'))
      if (!PUBLIC_NAMES.has(String(r.name)) && /^(?:raw|lake)_/.test(String(r.name)))
        this.internalNames.add(String(r.name));
  }

  /**
   * The relations the views are made of (`raw_<table>` and its parts, `lake_*`): not the lake's
   * interface, left out when a person's query lists the tables (queryScript), still there for a
   * query that names one. Made later: the unsummed rows' temp tables and the snapshots.
   */
  private readonly internalNames = new Set<string>();

  private isInternal(name: string): boolean {
    return this.internalNames.has(name) || LATER_INTERNAL.has(name);
  }

  /**
   * pipeline_status (dashboards/sql/40-pipeline_status.sql, column for column) when per-call
   * status objects sit beside the compacted status object, without ranking every status or
   * looking every compacted status's call up among the per-call ones at each query. Made here,
   * once: the compacted status rows of the calls that also have per-call rows (`overridden`, a
   * few; a new call has none) and those calls' latest statuses (rule 1, `latest`). Per query, the
   * compacted object is grouped by state alone: its count per state minus the overridden rows',
   * and its latest updated_at among the rows left, found in each state's K latest values with
   * the overridden ones taken out (K = overridden rows + 1, so one is always left when any row
   * of the state is); then the per-call calls' own latest statuses are added.
   */
  private async pipelineStatusBeside(): Promise<void> {
    const cols = 'call_id, updated_at, state';
    await this.connection.run(
      `create or replace table lake_status_overridden as select ${cols} from raw_call_status_clean where call_id in (select call_id from raw_call_status_dirty)`,
    );
    await this.connection.run(
      `create or replace table lake_status_latest as select ${cols} from (select ${cols}, row_number() over (partition by call_id order by updated_at desc, state desc) as status_rank from (select ${cols} from lake_status_overridden union all select ${cols} from raw_call_status_dirty) c) r where status_rank = 1`,
    );
    const [row] = await this.rows('select count(*) as n from lake_status_overridden');
    const k = Number(row?.n ?? 0) + 1;
    await this.connection.run(`create or replace view pipeline_status as
with tops as (select state, count(*) as n, max(updated_at, ${k}) as top from raw_call_status_clean group by state),
top_rows as (select state, u, row_number() over (partition by state, u) as k from (select state, unnest(top) as u from tops) t),
gone as (select state, updated_at as u, row_number() over (partition by state, updated_at) as k from lake_status_overridden),
kept as (select t.state, max(t.u) as last_update from top_rows t
  where not exists (select 1 from gone g where g.state = t.state and g.u = t.u and g.k = t.k) group by t.state),
clean as (select tops.state, tops.n - coalesce(o.n, 0) as calls, kept.last_update from tops
  left join (select state, count(*) as n from lake_status_overridden group by state) o on o.state = tops.state
  left join kept on kept.state = tops.state),
parts as (select state, calls, last_update from clean where calls > 0
  union all select state, count(*) as calls, max(updated_at) as last_update from lake_status_latest group by state)
select state, cast(sum(calls) as bigint) as calls, max(last_update) as last_update from parts where state <> '${FORGOTTEN_STATE}' group by state`);
  }

  /**
   * The summaries of the objects read row by row beside a summary (the days and calls not
   * summed: uncompacted calls, the last compacted day while its rows are newer than B), by the
   * relation the views read them from. A view at first, it becomes a table (a few hundred rows)
   * the first time a query reads a view built on the summaries: a session of queries (a dashboard
   * page, the workbench, the bench) then neither plans nor reads that part again, and a one-shot
   * query of other tables never pays for it. The lake's state is the one listed at open either
   * way (the per-call objects are read into memory then, the compacted ones never change).
   */
  private unsummedRows = new Map<string, string>();

  private static readonly SUMMARY_VIEWS = new RegExp(
    `\\b(${[...dashboardViewSql().map((v) => v.name), 'kpis', 'recent_calls', ...aggregates.map((d) => `lake_${d.name}`)].join('|')})`,
    'i',
  );

  /** The unsummed rows as tables, when `sql` reads a view built on the summaries. */
  private async summingUnsummed(sql: string): Promise<void> {
    if (this.unsummedRows.size === 0 || !DuckDbLake.SUMMARY_VIEWS.test(sql)) return;
    for (const [name, rows] of this.unsummedRows) {
      await this.connection.run(`create or replace temp table ${name}_table as ${rows}`);
      await this.connection.run(`create or replace view ${name} as select * from ${name}_table`);
    }
    this.unsummedRows = new Map();
  }

  /** How many settled objects each summary stood in for (tests and benches print it). */
  aggregatedObjects = new Map<string, number>();

  private plain = false;

  /** B, when some objects are read without the status join (tests and benches print it). */
  settledBound: string | null = null;

  /**
   * The settled partitions whose rows are looked up among the recent calls (an earlier committed
   * write of one can be there), or 'any' (every one). Tests and benches print it.
   */
  supersededPartitions: readonly string[] | 'any' = [];

  private async rows(sql: string): Promise<Record<string, unknown>[]> {
    return (await this.connection.runAndReadAll(sql)).getRowObjects();
  }

  private async dropRaw(raw: string): Promise<void> {
    const previous = this.rawKinds.get(raw);
    if (previous) {
      await this.connection.run(`drop ${previous} if exists ${raw}`);
      this.rawKinds.delete(raw);
    }
  }

  /** `raw` over `files`: a view reading them at each query, or a table holding their rows now. */
  private async createRaw(
    name: TableName,
    raw: string,
    files: string[],
    kind: 'view' | 'table',
  ): Promise<void> {
    const def = tables[name];
    const columns = columnsOf(def);
    await this.dropRaw(raw);
    if (files.length > 0) {
      const list = `[${files.map((f) => sqlString(literalGlob(f))).join(', ')}]`;
      // dt comes from the object's own folder name, not hive_partitioning, which would also
      // read any `x=y` folder above the lake (a home under /data/dt=old/ would set dt).
      const dataCols = new Set(dataColumnsOf(def).map((c) => c.name));
      // `present`: the columns the objects have, when some column is in none of them (objects
      // written before it was added): that one reads as null.
      const select = (present?: ReadonlySet<string>) =>
        columns
          .map((c) =>
            !dataCols.has(c.name)
              ? `regexp_extract(filename, '/${c.name}=([^/]*)/[^/]*$', 1) as ${c.name}`
              : present && !present.has(c.name)
                ? `cast(null as ${duckdbType[c.type]}) as ${c.name}`
                : `cast(${c.name} as ${duckdbType[c.type]}) as ${c.name}`,
          )
          .join(', ');
      // union_by_name reads and merges every object's schema each time a query is planned:
      // 0.03-0.05 s per scan of a year of `calls` (365 objects, 75 columns), more than reading the
      // rows a dashboard needs. Without it DuckDB takes the first object's schema and maps the
      // others' columns by name; an object missing a column then fails (when the view is made, or
      // when the object is read), and readingMixedSchemas reads that table with union_by_name
      // from then on. The lake's column types never change (schemas/table.ts: one Parquet type per
      // column type), so the only difference between objects is which columns they have.
      const from = (byName: boolean) =>
        `read_parquet(${list}${byName ? ', union_by_name = true' : ''}, filename = true)`;
      const create = (byName: boolean, present?: ReadonlySet<string>) =>
        this.connection.run(`create ${kind} ${raw} as select ${select(present)} from ${from(byName)}`);
      try {
        await create(this.unionByName.has(name));
      } catch (error) {
        // The first object lacks a column (binding fails), or a later one does (reading a table's
        // objects into memory fails): this table's objects differ. Read by name, a column none of
        // them has still fails to bind: it reads as null.
        if (!MIXED_SCHEMAS.test(String((error as Error)?.message))) throw error;
        this.unionByName.add(name);
        const described = await this.rows(`describe select * from ${from(true)}`);
        await create(true, new Set(described.map((r) => String(r.column_name))));
      }
      this.rawKinds.set(raw, kind);
    } else {
      const cols = columns.map((c) => `${c.name} ${duckdbType[c.type]}`).join(', ');
      await this.connection.run(`create table ${raw} (${cols})`);
      this.rawKinds.set(raw, 'table');
    }
  }

  /**
   * Run `work` again when reading an object of some table failed because it lacks a column its
   * table's first object has: that table is read with union_by_name from then on (createRaw).
   * The error names the object; when it names none of a table's, every table is.
   */
  private async readingMixedSchemas<T>(work: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await work();
      } catch (error) {
        const message = String((error as Error)?.message);
        if (!MIXED_OBJECTS.test(message)) throw error;
        const named = tableNames.filter((t) => message.includes(`${join(this.lakeDir, t)}/`));
        const more = (named.length > 0 ? named : tableNames).filter((t) => !this.unionByName.has(t));
        if (more.length === 0) throw error;
        for (const t of more) this.unionByName.add(t);
        await this.createViews();
      }
    }
  }

  /** Run `work` again (over a fresh listing) when a compaction removed a file it was reading. */
  private async retryingVanishedFiles<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        if (attempt >= RETRIES || !VANISHED_FILE.test(String((error as Error)?.message))) throw error;
        await new Promise((r) => setTimeout(r, Math.min(50 * attempt, 500)));
        // A listing that itself lost a file fails here too; the next attempt lists again.
        await this.createViews().catch(() => undefined);
      }
    }
  }

  /**
   * Reads the given tables once into memory and points their views at the copies: many queries
   * in a row (a dashboard page) then see one consistent state of the lake and stop re-reading
   * every Parquet file (binding a union-by-name scan reads each file's footer, every query).
   */
  async snapshot(names: readonly TableName[]): Promise<void> {
    await this.retryingVanishedFiles(() =>
      this.readingMixedSchemas(async () => {
        for (const name of names) {
          await this.connection.run(`create or replace temp table snapshot_${name} as select * from ${name}`);
          await this.connection.run(`create or replace view ${name} as select * from snapshot_${name}`);
        }
      }),
    );
  }

  /**
   * A person's SQL (`debrief query`): its statements run in order and the last one's rows are
   * the answer (settings and tables made first are there for it). DuckDB answers a script with
   * the rows of its first query and drops the others' without a word, so a script in which a
   * statement before the last returns rows too is refused before anything runs, naming it. A
   * statement that cannot be prepared before the ones ahead of it have run (it reads a table one
   * of them makes): the statements then run one at a time, each looked at as it comes (review17:
   * the whole script ran and printed that statement's rows, dropping the last one's).
   */
  async queryScript(sql: string): Promise<Record<string, unknown>[]> {
    const rows = await this.runScript(sql);
    // A listing of the tables: the analysts' tables and views, not the relations they are made of.
    if (!LISTING.test(lastStatement(sql))) return rows;
    return rows.filter((r) => typeof r.name !== 'string' || !this.isInternal(r.name));
  }

  private async runScript(sql: string): Promise<Record<string, unknown>[]> {
    // SQL DuckDB cannot parse: its own error, as a single statement gets it.
    const statements = await this.connection.extractStatements(sql).catch(() => null);
    // Nothing to run (an unset shell variable, only a comment): DuckDB cannot extract a statement
    // from it and runs it as no rows, which would read as an answer.
    if (statements === null && /^[\s;]*$/.test(sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '')))
      throw new Error('no SQL to run: the query is empty (or only comments and semicolons)');
    if (statements === null) return this.query(sql);
    const rowTypes = new Set([
      duckdb.StatementType.SELECT,
      duckdb.StatementType.EXPLAIN,
      duckdb.StatementType.CALL,
    ]);
    const refuse = (i: number, type: DuckDb.StatementType) =>
      new Error(
        `statement ${i + 1} of ${statements.count} returns rows too (${duckdb.StatementType[type]}), and one result is printed, the last statement's: run each query on its own`,
      );
    // A query reads the lake: nothing that writes files, attaches a database or fetches and loads
    // code runs (trial16 and review17 found COPY … TO and ATTACH working).
    const check = (i: number, type: DuckDb.StatementType, last: boolean) => {
      if (WRITING_STATEMENTS.has(type))
        throw new Error(
          `statement ${i + 1} of ${statements.count} is ${duckdb.StatementType[type]}: debrief query only reads the lake (it writes no file, attaches no database and installs or loads no extension); to keep rows, print them with --csv or --json and redirect: debrief query "select …" --csv > rows.csv`,
        );
      if (!last && rowTypes.has(type)) throw refuse(i, type);
    };
    let unprepared = false;
    for (let i = 0; i < statements.count; i += 1) {
      let type: DuckDb.StatementType;
      try {
        const prepared = await statements.prepare(i);
        type = prepared.statementType;
        prepared.destroySync();
      } catch {
        unprepared = true;
        break;
      }
      check(i, type, i === statements.count - 1);
    }
    if (!unprepared) return this.query(sql);
    return this.retryingVanishedFiles(() =>
      this.readingMixedSchemas(async () => {
        await this.summingUnsummed(sql);
        const each = await this.connection.extractStatements(sql);
        for (let i = 0; i < each.count - 1; i += 1) {
          const prepared = await each.prepare(i);
          check(i, prepared.statementType, false);
          await prepared.run();
        }
        const lastPrepared = await each.prepare(each.count - 1);
        check(each.count - 1, lastPrepared.statementType, true);
        const reader = await lastPrepared.runAndReadAll();
        return this.plainRows(reader);
      }),
    );
  }

  /**
   * A result's rows as JSON-friendly values (plain); a TIMESTAMP WITH TIME ZONE in the session's
   * TimeZone (`set TimeZone = '…'` in the query, else DuckDB's default), read from DuckDB's
   * settings only when a column's type holds one.
   */
  private async plainRows(reader: DuckDb.DuckDBResultReader): Promise<Record<string, unknown>[]> {
    let zone = 'UTC';
    if (reader.columnTypes().some((type) => String(type).includes('TIME ZONE'))) {
      const setting = await this.connection.runAndReadAll(
        "select value from duckdb_settings() where name = 'TimeZone'",
      );
      zone = String(setting.getRowObjects()[0]?.value ?? 'UTC');
    }
    return reader
      .getRowObjects()
      .map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v, zone)])));
  }

  /** Runs SQL; `params` bind to its `?` placeholders in order (never spliced into the text). */
  async query(sql: string, params: readonly string[] = []): Promise<Record<string, unknown>[]> {
    return this.retryingVanishedFiles(() =>
      this.readingMixedSchemas(async () => {
        await this.summingUnsummed(sql);
        const reader = await this.connection.runAndReadAll(sql, params.length > 0 ? [...params] : undefined);
        return this.plainRows(reader);
      }),
    );
  }

  /**
   * DuckDB's own profile of one run of `sql` (EXPLAIN ANALYZE): what it read and the peak of its
   * buffer memory. Files are counted per scan (a file two scans read counts twice).
   */
  async profile(sql: string): Promise<LakeQueryProfile> {
    // Bytes read from the files, not from DuckDB's cache of them (warm runs read none).
    const [cache] = await this.query(`select current_setting('enable_external_file_cache') as on`);
    await this.connection.run('set enable_external_file_cache = false');
    await this.connection.run(`set custom_profiling_settings = '${JSON.stringify(PROFILE_METRICS)}'`);
    const [row] = await this.query(`explain (analyze, format json) ${sql}`).finally(async () => {
      // Setting the metrics turns profiling on for every later query: off again.
      await this.connection.run('pragma disable_profiling');
      await this.connection.run('reset custom_profiling_settings');
      await this.connection.run(`set enable_external_file_cache = ${cache?.on === false ? 'false' : 'true'}`);
    });
    const root = JSON.parse(String(row?.explain_value)) as ProfileNode;
    let files = 0;
    const walk = (node: ProfileNode): void => {
      const read = node.extra_info?.['Total Files Read'];
      if (read !== undefined) files += Number(read);
      for (const child of node.children ?? []) walk(child);
    };
    walk(root);
    return {
      seconds: Number(root.latency ?? 0),
      rowsScanned: Number(root.cumulative_rows_scanned ?? 0),
      bytesRead: Number(root.total_bytes_read ?? 0),
      filesRead: files,
      peakBufferBytes: Number(root.system_peak_buffer_memory ?? 0),
    };
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
