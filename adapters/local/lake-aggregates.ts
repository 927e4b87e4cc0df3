import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import type * as DuckDb from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { stampOf, uniqueToken } from '../../core/object-names.js';
import { CALL_RECENCY, RECENT_CALLS_COLUMNS } from '../../dashboards/visuals.js';
import { dataColumnsOf, duckdbType } from '../../schemas/table.js';
import { type TableName, tables } from '../../schemas/tables.js';
import { compactionOutput, isoOfStamp, PARQUET_SUFFIX } from '../lake/lake-layout.js';

const duckdb = createRequire(import.meta.url)('@duckdb/node-api') as typeof DuckDb;

/**
 * Per-day pre-aggregates of the compacted lake, for the local dashboard views (DuckDbLake).
 *
 * A compacted object is immutable and holds each call's committed write once (lake-layout.ts), so
 * a summary of its rows stays true for as long as the object exists. `debrief compact` (and the
 * lake generator, which leaves the same layout) writes, beside the lake, one small Parquet object
 * per compacted object of `calls` and of `call_roles`:
 *   <lake>/_aggregates/<name>-v<AGGREGATES_VERSION>/dt=YYYY-MM-DD/<source name>.w<max written_at>.parquet
 * named after the object it summarises and the latest written_at among its rows. A reader uses it
 * instead of the object's rows only when the object is read without the status join and without
 * the lookup among recent calls (latest-write.ts: a settled object in no partition where a recent
 * call's earlier write can be) AND every row of the object is within the reader's bound B (max
 * written_at <= B): then every row of the object counts, which is what the summary sums. Any
 * other object (a day touched by a re-processed call, a day not compacted yet, an object whose
 * summary is missing or was written by another version) is read row by row and summed by the same
 * SQL, so the answers are the plain views' answers whatever mix of days the lake holds.
 *
 * The dimensions are the ones the dashboard views group by (day, topic, topic model, topic source, entry queue,
 * whether the CTR matched; day and role), the measures sums and counts, so averages over any
 * union of days are sum / count. A year of a large center is some 60,000 rows of `calls_day`
 * instead of a million calls. Athena reads the views over the tables (dashboards/sql): these files
 * are local read aids, never a table of the lake.
 */
// 2: calls_day names a call with a record and no queue 'no queue' (was 'none'), as queue_stats.
// 3: recent_day keeps each object's latest calls by CALL_RECENCY (started_at, else dt), not by
//    started_at with the calls that have none last.
// 4: calls_day keeps topic_source (model / correction / unknown) apart, as daily_topic_mix.
// 5: agents_day sums customer_toxic_turns (the customers' toxic turns said to the agent).
// 6: calls_day keeps recorded calls apart from CTR-only ones (has_recording false), which the
//    topic views leave out, as dashboards/sql does.
// 7: calls_day: queue time over calls that queued (queue_ms > 0), the entry queue's figures
//    (offered, answered, abandoned, short and ringing abandons, entry and answer waits) and
//    transfers over handled calls (handle_ms not null), for the kpis' transfers per call.
// 8: calls_day: offered_n (the calls that know the entry queue's figures: rows merged before ctr
//    merge 1.6.0 have them null), so the views' counts are null, not 0, where none knows; abandons
//    are the entry queue's own (abandon_wait_ms), not every hang-up in a queue; entry_wait falls
//    back to queue_ms on rows merged before 1.6.0 (queue_stats.avg_queue_s).
export const AGGREGATES_VERSION = 8;
export const AGGREGATES_FOLDER = '_aggregates';

export interface AggregateDef {
  name: string;
  table: TableName;
  /** The summary of the rows of `source` (a relation with the table's columns and `dt`). */
  sql: (source: string) => string;
  /**
   * Summaries of many days as one row per key, `dt` null (the views that read it group by no
   * day): what a reader keeps in memory of the summed days instead of every day's rows.
   */
  merged?: (source: string) => string;
}

const sumCount = (column: string, as = column.replace(/_ms$/, '')): string =>
  `cast(sum(${column}) as bigint) as ${as}_sum, count(${column}) as ${as}_n`;

/** The entry queue's wait; queue_ms (calls that queued) on rows merged before ctr merge 1.6.0 (as dashboards/sql 50, 92). */
const ENTRY_WAIT = 'coalesce(entry_wait_ms, case when offered is null then nullif(queue_ms, 0) end)';

export const CALLS_DAY: AggregateDef = {
  name: 'calls_day',
  table: 'calls',
  sql: (source) => `select
  dt,
  coalesce(primary_topic, 'none') as topic,
  coalesce(topic_model, 'unknown') as topic_model,
  coalesce(topic_source, 'unknown') as topic_source,
  coalesce(entry_queue_name, entry_queue, 'no queue') as queue,
  coalesce(ctr_status = 'matched', false) as matched,
  coalesce(has_recording, true) as recorded,
  count(*) as calls,
  count(*) filter (where status = 'partial') as partial_calls,
  ${['duration_ms', 'handle_ms', 'ivr_ms', 'hold_ms', 'transfers', 'answer_wait_ms'].map((c) => sumCount(c)).join(',\n  ')},
  ${sumCount(ENTRY_WAIT, 'entry_wait')},
  cast(sum(nullif(queue_ms, 0)) as bigint) as queue_sum, count(nullif(queue_ms, 0)) as queue_n,
  cast(sum(transfers) filter (where handle_ms is not null) as bigint) as handled_transfers_sum,
  count(transfers) filter (where handle_ms is not null) as handled_transfers_n,
  count(offered) as offered_n,
  count(*) filter (where offered) as offered,
  count(*) filter (where abandon_wait_ms is not null) as abandoned,
  count(*) filter (where short_abandon) as short_abandons,
  count(*) filter (where abandoned_while = 'ringing') as abandoned_ringing,
  sum(customer_sentiment) as sentiment_sum, count(customer_sentiment) as sentiment_n,
  sum(primary_topic_score) as score_sum, count(primary_topic_score) as score_n,
  count(*) filter (where transferred_after_queue) as misrouted, count(transferred_after_queue) as misrouted_n,
  count(*) filter (where resolved) as resolved, count(resolved) as resolved_n,
  count(*) filter (where coalesce(toxic_turns, 0) > 0) as toxic_calls,
  cast(sum(coalesce(toxic_turns, 0)) as bigint) as toxic_turns
from ${source}
group by all`,
};

export const ROLES_DAY: AggregateDef = {
  name: 'roles_day',
  table: 'call_roles',
  sql: (source) => `select
  dt,
  role,
  count(*) as calls,
  ${['turns', 'talk_ms', 'positive_turns', 'negative_turns', 'toxic_turns'].map((c) => `cast(sum(${c}) as bigint) as ${c}`).join(',\n  ')}
from ${source}
group by all`,
};

const AGENT_SUMS = [
  'calls',
  ...['talk', 'hold', 'acw', 'call_handle'].flatMap((c) => [`${c}_sum`, `${c}_n`]),
  'received_by_transfer',
  'sentiment_sum',
  'sentiment_n',
  'speech_ms',
  'both_speech_ms',
  'interruptions_made',
  'change_sum',
  'change_n',
  'toxic_turns',
  'customer_toxic_turns',
];

/** agent_stats' measures per agent and topic (the topic: for handle time against the topic's average). */
export const AGENTS_DAY: AggregateDef = {
  name: 'agents_day',
  table: 'call_agents',
  sql: (source) => `select
  dt,
  agent_id,
  coalesce(call_primary_topic, 'none') as topic,
  max(display_name) as name,
  count(*) as calls,
  ${['talk_ms', 'hold_ms', 'acw_ms', 'call_handle_ms'].map((c) => sumCount(c)).join(',\n  ')},
  count(*) filter (where agent_order > 1) as received_by_transfer,
  sum(call_customer_sentiment) as sentiment_sum, count(call_customer_sentiment) as sentiment_n,
  cast(sum(speech_ms) as bigint) as speech_ms, cast(sum(speech_ms + customer_speech_ms) as bigint) as both_speech_ms,
  cast(sum(interruptions_made) as bigint) as interruptions_made,
  sum(call_customer_sentiment_q4 - call_customer_sentiment_q1) as change_sum,
  count(call_customer_sentiment_q4 - call_customer_sentiment_q1) as change_n,
  cast(sum(toxic_turns) as bigint) as toxic_turns,
  cast(sum(customer_toxic_turns) as bigint) as customer_toxic_turns
from ${source}
group by all`,
  merged: (source) => `select cast(null as varchar) as dt, agent_id, topic, max(name) as name,
  ${AGENT_SUMS.map((c) => `sum(${c}) as ${c}`).join(', ')}
from ${source} group by agent_id, topic`,
};

/** category_daily: calls per category (a call counts once; its rows all sit in one object). */
export const CATEGORIES_DAY: AggregateDef = {
  name: 'categories_day',
  table: 'call_categories',
  sql: (source) => `select dt, category, count(distinct call_id) as calls from ${source} group by all`,
};

/**
 * The recent-calls table: each object's 25 latest calls in the table's order. The 25 latest of
 * the lake are among them (every object's share of them is a prefix of its own order).
 */
const RECENT_ORDER = `${CALL_RECENCY} desc nulls last, call_id`;
export const RECENT_DAY: AggregateDef = {
  name: 'recent_day',
  table: 'calls',
  sql: (source) =>
    `select dt, call_id, started_at, primary_topic, duration_ms, agent_count, transfers, status, summary
from ${source} order by ${RECENT_ORDER} limit 25`,
  merged: (source) => `select * from ${source} order by ${RECENT_ORDER} limit 25`,
};

export const aggregates: readonly AggregateDef[] = [
  CALLS_DAY,
  ROLES_DAY,
  AGENTS_DAY,
  CATEGORIES_DAY,
  RECENT_DAY,
];

export const aggregateDir = (lakeDir: string, def: AggregateDef): string =>
  join(lakeDir, AGGREGATES_FOLDER, `${def.name}-v${AGGREGATES_VERSION}`);

/** `<source name without .parquet>.w<stamp>.parquet` -> the source's name and its latest written_at. */
export const aggregateSource = (name: string): { source: string; maxWrittenAt: string | null } | null => {
  const m = /^(.+)\.w([0-9TZ]+|none)\.parquet$/.exec(name);
  if (!m?.[1] || !m[2]) return null;
  return { source: `${m[1]}${PARQUET_SUFFIX}`, maxWrittenAt: m[2] === 'none' ? null : isoOfStamp(m[2]) };
};

/**
 * The summaries that exist now for `def`, by the path of the object they summarise (the same dt
 * folder), with that object's latest written_at (null: it has no rows).
 */
export const listAggregates = (
  lakeDir: string,
  def: AggregateDef,
): Map<string, { file: string; maxWrittenAt: string | null }> => {
  const found = new Map<string, { file: string; maxWrittenAt: string | null }>();
  const dir = aggregateDir(lakeDir, def);
  if (!existsSync(dir)) return found;
  for (const day of readdirSync(dir, { withFileTypes: true })) {
    if (!day.isDirectory() || !day.name.startsWith('dt=')) continue;
    for (const f of readdirSync(join(dir, day.name))) {
      const parsed = aggregateSource(f);
      if (parsed)
        found.set(join(lakeDir, def.table, day.name, parsed.source), {
          file: join(dir, day.name, f),
          maxWrittenAt: parsed.maxWrittenAt,
        });
    }
  }
  return found;
};

const lit = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/**
 * The roll-up of a summary: every per-object summary of `def` in ONE Parquet object, each row
 * with `source` (the object it sums, `dt=…/<name>.parquet` under the table's folder), and the
 * objects it covers with their latest written_at in its key-value metadata (`sources`: JSON, path
 * -> ISO or null). A reader opens one file per summary instead of one per day (365 at a year),
 * and learns what it covers from the footer alone. Named `rollup.<stamp>.<token>.parquet` in the
 * summary's folder; a new one is written whenever the summaries change, then the older ones are
 * removed (a reader that listed one that is gone plans again, as for any lake object).
 */
export const ROLLUP_PREFIX = 'rollup.';

/**
 * A summary read merged (`merged`: agents_day) also keeps, in its roll-up, the merged rows of
 * every covered object but those of the latest ROLLUP_RECENT_DAYS days (`source` = MERGED_SOURCE,
 * the objects listed in the `base` metadata): a reader that sums all of them reads those rows
 * instead of theirs (8,800 rows instead of 886,000 at a year of a large center); one that does
 * not (a re-processed call touched an older day) reads the objects' own rows.
 */
export const MERGED_SOURCE = '*';
export const ROLLUP_RECENT_DAYS = 7;

/** The newest roll-up of `def`'s summaries, or null. */
export const rollupFile = (lakeDir: string, def: AggregateDef): string | null => {
  const dir = aggregateDir(lakeDir, def);
  if (!existsSync(dir)) return null;
  const names = readdirSync(dir)
    .filter((n) => n.startsWith(ROLLUP_PREFIX) && n.endsWith(PARQUET_SUFFIX))
    .sort();
  const last = names.at(-1);
  return last ? join(dir, last) : null;
};

/** A roll-up's `sources` metadata (as the writer stores it, relative paths) as full object paths. */
export const rollupSources = (lakeDir: string, def: AggregateDef, json: string): Map<string, string | null> =>
  new Map(
    Object.entries(JSON.parse(json) as Record<string, string | null>).map(([source, w]) => [
      join(lakeDir, def.table, source),
      w,
    ]),
  );

/** A roll-up's `base` metadata (the objects its MERGED_SOURCE rows merge) as full object paths. */
export const rollupBase = (lakeDir: string, def: AggregateDef, json: string): string[] =>
  (JSON.parse(json) as string[]).map((source) => join(lakeDir, def.table, source));

/** `source` of a per-object summary's rows, from its file name (`filename` of read_parquet). */
const SOURCE_OF_SUMMARY = `regexp_replace(filename, '^.*/(dt=[^/]*)/([^/]*)\\.w([0-9TZ]+|none)\\.parquet$', '\\1/\\2.parquet')`;

/** Writes the roll-up of `def`'s current per-object summaries and removes older roll-ups. */
const writeRollup = async (
  db: DuckDBConnection,
  lakeDir: string,
  def: AggregateDef,
  recentDays: number,
): Promise<void> => {
  const dir = aggregateDir(lakeDir, def);
  const summaries = listAggregates(lakeDir, def);
  const old = existsSync(dir)
    ? readdirSync(dir).filter((n) => n.startsWith(ROLLUP_PREFIX) || n.startsWith(`.${ROLLUP_PREFIX}`))
    : [];
  if (summaries.size > 0) {
    const tableDir = join(lakeDir, def.table);
    const sources = Object.fromEntries(
      [...summaries].map(([path, s]) => [path.slice(tableDir.length + 1), s.maxWrittenAt]),
    );
    const list = `[${[...summaries.values()].map((s) => lit(s.file)).join(', ')}]`;
    const name = `${ROLLUP_PREFIX}${stampOf(new Date().toISOString())}.${uniqueToken()}${PARQUET_SUFFIX}`;
    const temporary = join(dir, `.${name}.tmp`);
    const rows = `select ${SOURCE_OF_SUMMARY} as source, * exclude (filename) from read_parquet(${list}, filename = true)`;
    const days = [...new Set(Object.keys(sources).map((k) => k.slice(0, k.indexOf('/'))))].sort();
    const recent = new Set(recentDays > 0 ? days.slice(-recentDays) : []);
    const base = def.merged
      ? Object.keys(sources).filter((k) => !recent.has(k.slice(0, k.indexOf('/'))))
      : [];
    // The merged rows in the per-object rows' own types (a sum of BIGINTs is a HUGEINT).
    const types = (await db.runAndReadAll(`describe ${rows}`))
      .getRowObjects()
      .map((r) => `cast(${String(r.column_name)} as ${String(r.column_type)}) as ${String(r.column_name)}`);
    const merged =
      base.length > 0 && def.merged
        ? ` union all select ${types.join(', ')} from (select ${lit(MERGED_SOURCE)} as source, * from (${def.merged(
            `(select * exclude (source) from (${rows}) where source in (${base.map(lit).join(', ')}))`,
          )}))`
        : '';
    await db.run(
      `copy (select * from (select ${types.join(', ')} from (${rows})${merged}) order by source)
       to ${lit(temporary)} (format parquet, compression snappy,
         kv_metadata {sources: ${lit(JSON.stringify(sources))}, base: ${lit(JSON.stringify(base))}})`,
    );
    renameSync(temporary, join(dir, name));
  }
  for (const n of old) rmSync(join(dir, n), { force: true });
};

export interface AggregatesReport {
  written: number;
  removed: number;
  /**
   * Compacted objects left without a summary (one that reads a column its table lacks; an object
   * written before a column was added is summarised with that column null).
   */
  skipped: number;
}

/**
 * Writes the summary of every compacted object (with a horizon) of the aggregated tables that has
 * none yet, and removes the summaries of objects that are gone (a later compaction replaced
 * them) and those of other versions. Idempotent; safe beside readers (a summary is written to a
 * temporary name and renamed; a reader that listed a summary whose object is gone ignores it).
 */
export const writeLakeAggregates = async (
  lakeDir: string,
  options: {
    connection?: DuckDBConnection;
    onProgress?: (message: string) => void;
    /** The latest days a roll-up keeps out of its merged rows (ROLLUP_RECENT_DAYS; tests: fewer). */
    rollupRecentDays?: number;
  } = {},
): Promise<AggregatesReport> => {
  const report: AggregatesReport = { written: 0, removed: 0, skipped: 0 };
  const own = options.connection
    ? null
    : await duckdb.DuckDBInstance.create(':memory:', { memory_limit: '1GB' });
  const db = options.connection ?? (await own!.connect());
  try {
    const root = join(lakeDir, AGGREGATES_FOLDER);
    if (existsSync(root)) {
      const current = new Set(aggregates.map((d) => basename(aggregateDir(lakeDir, d))));
      for (const e of readdirSync(root))
        if (!current.has(e)) {
          rmSync(join(root, e), { recursive: true, force: true });
          report.removed += 1;
        }
    }
    for (const def of aggregates) {
      const tableDir = join(lakeDir, def.table);
      const existing = listAggregates(lakeDir, def);
      const sources = new Set<string>();
      const days = existsSync(tableDir)
        ? readdirSync(tableDir, { withFileTypes: true }).filter(
            (e) => e.isDirectory() && e.name.startsWith('dt='),
          )
        : [];
      let done = 0;
      const writtenBefore = report.written;
      for (const day of days) {
        const dt = day.name.slice('dt='.length);
        for (const name of readdirSync(join(tableDir, day.name))) {
          const output = compactionOutput(name);
          if (output?.kind !== 'compacted' || !output.horizon) continue;
          const file = join(tableDir, day.name, name);
          sources.add(file);
          if (existing.has(file)) continue;
          try {
            const reader = await db.runAndReadAll(
              `select cast(max(written_at) as varchar) as w from read_parquet(${lit(file)})`,
            );
            const w = reader.getRowObjects()[0]?.w;
            const stamp =
              w === null || w === undefined
                ? 'none'
                : stampOf(new Date(`${String(w).replace(' ', 'T')}Z`).toISOString());
            const outDir = join(aggregateDir(lakeDir, def), day.name);
            mkdirSync(outDir, { recursive: true });
            const target = join(
              outDir,
              `${name.slice(0, -PARQUET_SUFFIX.length)}.w${stamp}${PARQUET_SUFFIX}`,
            );
            const temporary = join(outDir, `.${basename(target)}.tmp`);
            // A column the object lacks (written before the column was added) reads as null, as
            // the views read it (DuckDbLake), so an older object is summarised all the same.
            const present = new Set(
              (await db.runAndReadAll(`describe select * from read_parquet(${lit(file)})`))
                .getRowObjects()
                .map((r) => String(r.column_name)),
            );
            const missing = dataColumnsOf(tables[def.table])
              .filter((c) => !present.has(c.name))
              .map((c) => `, cast(null as ${duckdbType[c.type]}) as ${c.name}`)
              .join('');
            await db.run(
              `copy (${def.sql(`(select ${lit(dt)} as dt, *${missing} from read_parquet(${lit(file)}))`)}) to ${lit(temporary)} (format parquet, compression snappy)`,
            );
            renameSync(temporary, target);
            report.written += 1;
          } catch (error) {
            // A summary reading a column its table does not have: read row by row.
            if (!/Binder Error/i.test(String((error as Error)?.message))) throw error;
            report.skipped += 1;
          }
        }
        done += 1;
        if (done % 61 === 0) options.onProgress?.(`${def.name}: ${done}/${days.length} days`);
      }
      const written = report.written - writtenBefore;
      const before = report.removed;
      for (const [source, { file }] of existing)
        if (!sources.has(source)) {
          rmSync(file, { force: true });
          report.removed += 1;
        }
      // The roll-up, when a summary changed or none covers them yet.
      if (written > 0 || report.removed > before || rollupFile(lakeDir, def) === null)
        await writeRollup(db, lakeDir, def, options.rollupRecentDays ?? ROLLUP_RECENT_DAYS);
    }
  } finally {
    if (own) {
      if (!options.connection) db.closeSync();
      own.closeSync();
    }
  }
  return report;
};

/** The calls views answered from `calls_day` (the relation named `cube`), column for column as dashboards/sql. */
const avg = (sum: string, n: string): string => `sum(${sum}) / nullif(sum(${n}), 0)`;
const seconds = (c: string, from = ''): string => `${avg(`${from}${c}_sum`, `${from}${c}_n`)} / 1000.0`;
/** A measure's seconds summed and the calls they are over (`total_<c>_s`, `<c>_calls`). */
const totals = (cs: readonly string[]): string =>
  cs.map((c) => `sum(${c}_sum) / 1000.0 as total_${c}_s, sum(${c}_n) as ${c}_calls`).join(', ');

/**
 * agent_stats (dashboards/sql) with the topics' average handle time from `cube` instead of a
 * scan of `calls`; the rest of it reads call_agents as before.
 */
const TOPIC_HANDLE =
  /\(\s*select coalesce\(primary_topic, 'none'\) as topic, avg\(cast\(handle_ms as double\)\) as avg_handle_ms\s+from calls\s+group by coalesce\(primary_topic, 'none'\)\s*\)/;
export const agentStatsSql = (viewSql: string, cube: string): string => {
  if (!TOPIC_HANDLE.test(viewSql))
    throw new Error('agent_stats: its per-topic handle time is not the one summarised');
  return viewSql.replace(
    TOPIC_HANDLE,
    `(select topic, ${avg('handle_sum', 'handle_n')} as avg_handle_ms from ${cube} group by topic)`,
  );
};

/** agent_stats (dashboards/sql/30-agent_stats.sql, column for column) from `agents_day` and `calls_day`. */
export const agentStatsFromSummariesSql = (agents: string, cube: string): string => `select
  a.agent_id,
  max(a.name) as name,
  sum(a.calls) as calls,
  ${seconds('talk', 'a.')} as avg_talk_s,
  ${seconds('hold', 'a.')} as avg_hold_s,
  ${seconds('acw', 'a.')} as avg_acw_s,
  (sum(a.talk_sum) + sum(a.hold_sum) + sum(a.acw_sum)) / nullif(sum(a.talk_n), 0) / 1000.0 as avg_handle_s,
  sum(a.received_by_transfer) as calls_received_by_transfer,
  ${avg('a.sentiment_sum', 'a.sentiment_n')} as avg_customer_sentiment,
  cast(sum(a.speech_ms) as double) / nullif(sum(a.both_speech_ms), 0) as talk_ratio,
  sum(a.interruptions_made) as interruptions_made,
  ${avg('a.change_sum', 'a.change_n')} as avg_sentiment_change,
  sum(a.toxic_turns) as toxic_turns,
  sum(a.customer_toxic_turns) as customer_toxic_turns,
  sum(a.call_handle_sum / nullif(t.avg_handle_ms, 0))
    / nullif(sum(case when nullif(t.avg_handle_ms, 0) is not null then a.call_handle_n end), 0) as handle_vs_topic
from (${AGENTS_DAY.merged?.(agents)}) a
left join (select topic, ${avg('handle_sum', 'handle_n')} as avg_handle_ms from ${cube} group by topic) t
  on t.topic = a.topic
group by a.agent_id`;

/** Local views answered from summaries (by summary name), each beside the SQL it stands in for. */
export const summaryViews: Record<string, { summary: string; sql: (summary: string) => string }> = {
  category_daily: {
    summary: CATEGORIES_DAY.name,
    sql: (c) => `select dt, category, sum(calls) as calls from ${c} group by dt, category`,
  },
  recent_calls: {
    summary: RECENT_DAY.name,
    sql: (r) => `select ${RECENT_CALLS_COLUMNS} from ${r} order by ${RECENT_ORDER} limit 25`,
  },
};

/** A count of the entry queue's figures: null, not 0, where no call knows them (offered_n 0: rows merged before 1.6.0). */
const known = (sum: string): string => `case when sum(offered_n) > 0 then ${sum} end`;
/** The entry queues' counts and abandon rates (daily_overview, queue_stats), from calls_day's counts. */
const QUEUE_FIGURES = `sum(offered_n) as queue_figures_calls, ${known('sum(offered)')} as offered,
  ${known('sum(answer_wait_n)')} as answered_from_entry_queue, ${known('sum(abandoned)')} as abandoned_calls,
  ${known('sum(short_abandons)')} as short_abandons, ${known('sum(abandoned_ringing)')} as abandoned_ringing,
  cast(sum(abandoned) as double) / nullif(sum(offered), 0) as abandon_rate,
  cast(sum(abandoned) - sum(short_abandons) as double) / nullif(sum(offered) - sum(short_abandons), 0) as abandon_rate_excl_short,`;

export const aggregateViewSql = (cube: string, roles: string): Record<string, string> => ({
  daily_overview: `select dt, sum(calls) as calls, sum(partial_calls) as partial_calls,
  ${avg('case when recorded then duration_sum end', 'case when recorded then duration_n end')} / 1000.0 as avg_duration_s,
  ${seconds('handle')} as avg_handle_s, ${seconds('queue')} as avg_queue_s,
  sum(queue_sum) / 1000.0 as total_queue_s, sum(queue_n) as queue_calls,
  ${seconds('ivr')} as avg_ivr_s, ${seconds('hold')} as avg_hold_s, sum(transfers_sum) as transfers,
  ${QUEUE_FIGURES}
  ${seconds('answer_wait')} as asa_s, sum(answer_wait_sum) / 1000.0 as total_answer_wait_s,
  ${avg('sentiment_sum', 'sentiment_n')} as avg_customer_sentiment, sum(toxic_calls) as calls_with_toxicity,
  sum(toxic_turns) as toxic_turns
from ${cube} group by dt`,
  topic_stats: `select topic, sum(calls) as calls, ${seconds('handle')} as avg_handle_s,
  ${seconds('duration')} as avg_duration_s, ${seconds('ivr')} as avg_ivr_s, ${seconds('queue')} as avg_queue_s,
  ${avg('transfers_sum', 'transfers_n')} as avg_transfers, sum(transfers_n) as calls_with_ctr, sum(transfers_sum) as transfers,
  case when sum(misrouted_n) > 0 then sum(misrouted) end as misrouted_calls, ${avg('misrouted', 'misrouted_n')} as misroute_rate,
  ${avg('sentiment_sum', 'sentiment_n')} as avg_customer_sentiment, ${avg('resolved', 'resolved_n')} as resolved_rate,
  sum(toxic_calls) as calls_with_toxicity, sum(toxic_turns) as toxic_turns
from ${cube} where recorded group by topic`,
  queue_stats: `select queue, sum(calls) as calls, ${seconds('ivr')} as avg_ivr_s, ${seconds('entry_wait')} as avg_queue_s,
  ${seconds('handle')} as avg_handle_s, sum(misrouted) as misrouted_calls,
  ${QUEUE_FIGURES}
  ${seconds('answer_wait')} as asa_s
from ${cube} where matched group by queue`,
  topic_daily: `select dt, topic, sum(calls) as calls from ${cube} where recorded group by dt, topic`,
  topic_daily_totals: `select dt, topic, sum(calls) as calls,
  ${totals(['handle', 'duration', 'ivr', 'queue'])},
  sum(transfers_sum) as transfers, sum(transfers_n) as calls_with_ctr,
  case when sum(misrouted_n) > 0 then sum(misrouted) end as misrouted_calls, sum(misrouted_n) as misroute_known_calls,
  sum(sentiment_sum) as total_customer_sentiment, sum(sentiment_n) as sentiment_calls,
  case when sum(resolved_n) > 0 then sum(resolved) end as resolved_calls, sum(resolved_n) as resolution_known_calls,
  sum(toxic_calls) as calls_with_toxicity, sum(toxic_turns) as toxic_turns
from ${cube} where recorded group by dt, topic`,
  queue_daily_totals: `select dt, queue, sum(calls) as calls, ${totals(['ivr'])},
  ${totals(['entry_wait'])}, ${totals(['handle'])},
  sum(misrouted) as misrouted_calls, sum(offered_n) as queue_figures_calls, ${known('sum(offered)')} as offered,
  ${known('sum(answer_wait_n)')} as answered_from_entry_queue,
  ${known('sum(abandoned)')} as abandoned_calls, ${known('sum(short_abandons)')} as short_abandons,
  ${known('sum(abandoned) - sum(short_abandons)')} as long_abandons,
  ${known('sum(offered) - sum(short_abandons)')} as long_offered,
  ${known('sum(abandoned_ringing)')} as abandoned_ringing, sum(answer_wait_sum) / 1000.0 as total_answer_wait_s
from ${cube} where matched group by dt, queue`,
  kpis: `select coalesce(sum(calls), 0) as calls, ${seconds('handle')} as avg_handle_s,
  ${avg('handled_transfers_sum', 'handled_transfers_n')} as transfers_per_call, sum(toxic_calls) as calls_with_toxicity,
  sum(partial_calls) as partial_calls, ${known('sum(offered)')} as offered, ${known('sum(abandoned)')} as abandoned_calls,
  cast(sum(abandoned) as double) / nullif(sum(offered), 0) as abandon_rate, ${seconds('answer_wait')} as asa_s
from ${cube}`,
  daily_topic_mix: `select dt, topic, topic_model, topic_source, calls,
  cast(calls as double) / cast(sum(calls) over (partition by dt) as double) as share, avg_score
from (select dt, topic, topic_model, topic_source, sum(calls) as calls, ${avg('score_sum', 'score_n')} as avg_score
  from ${cube} where recorded group by dt, topic, topic_model, topic_source) g`,
  role_daily: `select dt, role, sum(calls) as calls, sum(turns) as turns, sum(talk_ms) / 60000.0 as talk_min,
  cast(sum(talk_ms) as double) / nullif(sum(sum(talk_ms)) over (partition by dt), 0) as talk_share,
  cast(sum(positive_turns) - sum(negative_turns) as double) / nullif(sum(turns), 0) as net_sentiment,
  sum(positive_turns) - sum(negative_turns) as net_turns,
  cast(sum(negative_turns) as double) / nullif(sum(turns), 0) as negative_share,
  sum(toxic_turns) as toxic_turns
from ${roles} group by dt, role`,
});
