import { type Filters, filteredTables, withFilters } from './filters.js';
import { dashboardViewSql } from './view-files.js';
import {
  CALL_RECENCY,
  KPI_SQL,
  RECENT_CALLS_COLUMNS,
  RECENT_CALLS_ORDER,
  viewOrder,
  visuals,
} from './visuals.js';

export type Row = Record<string, unknown>;
/** Runs SQL on the local lake (DuckDB), binding `params` to its `?` placeholders. */
export type Query = (sql: string, params?: readonly string[]) => Promise<Row[]>;

export interface DashboardData {
  /** Rows of each view named by the visuals (filtered). */
  views: Record<string, Row[]>;
  kpis: Row;
  quarantined: number;
  /** The most recent calls, for the table at the bottom. */
  recentCalls: Row[];
  /**
   * The tables visuals name in `whenNone` that hold no row at all (unfiltered: nothing ever wrote
   * one, say no post-processor set a metric), so those visuals say so instead of drawing nothing.
   * Absent: not looked at (those visuals are drawn from their rows, as any other).
   */
  emptyTables?: string[];
  generatedAt: string;
  filters: Filters;
}

/**
 * The recent calls with whether each was recorded (has_recording, abandoned, ctr_note), so the
 * table shows a call never recorded as such (the recent_calls view, and the per-day summary it
 * reads, carry neither).
 */
const withRecording = async (query: Query, rows: Row[]): Promise<Row[]> => {
  if (rows.length === 0) return rows;
  const ids = rows.map((r) => String(r.call_id));
  const found = await query(
    `select call_id, has_recording, abandoned, ctr_note from calls where call_id in (${ids.map(() => '?').join(', ')})`,
    ids,
  );
  const byId = new Map(found.map((r) => [String(r.call_id), r]));
  return rows.map((r) => ({ ...byId.get(String(r.call_id)), ...r }));
};

/** Every view the visuals show, the headline figures and the latest calls, all under the filters. */
export const dashboardData = async (query: Query, filters: Filters, now: string): Promise<DashboardData> => {
  const run = async (sql: string, orderBy?: string) => {
    const bound = withFilters(sql, filters, orderBy);
    return query(bound.sql, bound.params);
  };
  // Unfiltered, each view is read by name: the local lake may answer it from per-day summaries
  // (adapters/local/lake-aggregates.ts), the same rows as its SQL over the tables.
  const unfiltered = Object.values(filters).every((v) => !v);
  const shown = new Set(visuals.map((v) => v.view));
  const views: DashboardData['views'] = {};
  for (const view of dashboardViewSql().filter((v) => shown.has(v.name))) {
    const order = viewOrder[view.name];
    views[view.name] = unfiltered
      ? await query(`select * from ${view.name}${order ? ` order by ${order}` : ''}`)
      : await run(view.sql, order);
  }
  const [kpis = {}] = unfiltered ? await query('select * from kpis') : await run(KPI_SQL);
  const [q] = await run("select count(*) as n from call_status where state = 'quarantined'");
  const emptyTables: string[] = [];
  for (const table of new Set(
    visuals.flatMap((v) => (v.kind !== 'table' && v.whenNone ? [v.whenNone.table] : [])),
  ))
    if ((await query(`select 1 as one from ${table} limit 1`)).length === 0) emptyTables.push(table);
  const recentCalls = unfiltered
    ? await query('select * from recent_calls')
    : await run(`select ${RECENT_CALLS_COLUMNS} from calls`, RECENT_CALLS_ORDER);
  return {
    views,
    kpis,
    quarantined: Number(q?.n ?? 0),
    recentCalls: await withRecording(query, recentCalls),
    emptyTables,
    generatedAt: now,
    filters,
  };
};

export interface FilterChoices {
  topics: string[];
  /** Queues by id, with their name when the queue directory knew it (any queue a call visited). */
  queues: { id: string; name: string | null }[];
  /** Entry queues as queue_stats names them (name, else id; 'no queue'). */
  entries: string[];
  agents: { id: string; name: string | null }[];
  directions: string[];
  statuses: string[];
  categories: string[];
  labels: string[];
  firstDay: string | null;
  lastDay: string | null;
}

const strings = (rows: Row[], key = 'v'): string[] => rows.map((r) => String(r[key]));

/** What the filter drop-downs offer: every value present in the lake (unfiltered). */
export const filterChoices = async (query: Query): Promise<FilterChoices> => {
  const [days] = await query('select min(dt) as first, max(dt) as last from call_status');
  return {
    topics: strings(
      // The topics the topic views count: a call never recorded has none, and is never 'none'.
      await query(
        "select distinct coalesce(primary_topic, 'none') as v from calls where coalesce(has_recording, true) order by v",
      ),
    ),
    // queue_names lists each queue_ids entry's name (null where unknown), in the same order.
    queues: (
      await query(
        `select id, max(name) as name from (
           select unnest(from_json(queue_ids, '["VARCHAR"]')) as id,
                  unnest(from_json(coalesce(queue_names, '[]'), '["VARCHAR"]')) as name
           from calls)
         where id is not null group by id order by coalesce(max(name), id), id`,
      )
    ).map((r) => ({ id: String(r.id), name: r.name === null ? null : String(r.name) })),
    entries: strings(
      await query(
        "select distinct coalesce(entry_queue_name, entry_queue, 'no queue') as v from calls where ctr_status = 'matched' order by v",
      ),
    ),
    agents: (
      await query(
        'select agent_id as id, max(name) as name from call_agents group by agent_id order by name, id',
      )
    ).map((r) => ({ id: String(r.id), name: r.name === null ? null : String(r.name) })),
    directions: strings(
      await query("select distinct coalesce(direction, 'unknown') as v from calls order by v"),
    ),
    statuses: strings(await query('select distinct state as v from call_status order by v')),
    categories: strings(await query('select distinct category as v from call_categories order by v')),
    labels: strings(
      await query(
        'select distinct l as v from (select unnest(from_json(toxicity_labels, \'["VARCHAR"]\')) as l from calls) where l is not null order by v',
      ),
    ),
    firstDay: days?.first === null || days?.first === undefined ? null : String(days.first),
    lastDay: days?.last === null || days?.last === undefined ? null : String(days.last),
  };
};

export const SEARCH_LIMIT = 200;

/**
 * The call browser's list: every dropped call that matches, newest first. Quarantined calls
 * appear too (with their reason) unless a call-only filter excludes them.
 */
export const searchCalls = async (
  query: Query,
  filters: Filters,
): Promise<{ rows: Row[]; total: number }> => {
  const tables = filteredTables(filters);
  const base = `${tables.sql}
  select s.call_id, s.state, s.reason, s.updated_at, coalesce(s.dt, cast(cast(s.updated_at as date) as varchar)) as dt, c.started_at, coalesce(c.primary_topic, 'none') as topic,
         c.duration_ms, c.direction, coalesce(c.entry_queue_name, c.entry_queue) as entry_queue, c.transfers, c.toxic_turns, c.toxicity_labels, c.summary,
         c.has_recording, c.abandoned, c.ctr_note,
         (select string_agg(coalesce(a.name, a.agent_id), ', ' order by a.agent_order) from main.call_agents a where a.call_id = s.call_id) as agents
  from call_status s left join calls c on c.call_id = s.call_id`;
  const [count] = await query(`select count(*) as n from (${base}) x`, tables.params);
  const rows = await query(
    `select * from (${base}) x order by ${CALL_RECENCY} desc nulls last, call_id limit ${SEARCH_LIMIT}`,
    tables.params,
  );
  return { rows, total: Number(count?.n ?? 0) };
};

export interface CallDetail {
  status: Row;
  call: Row | null;
  turns: Row[];
  agents: Row[];
  topics: Row[];
  categories: string[];
  /** The numbers post-processors set on the call (call_metrics: its latest write), by name. */
  metrics: Row[];
  /**
   * Other calls whose CTR matched the same Genesys conversation as this one's (the run report's
   * "all carry the CTR of conversation" warning, said again where the call is looked at): one may
   * carry another call's CTR, or Genesys recorded the conversation in several files.
   */
  sameConversation: string[];
}

/**
 * One call: its status, row, turns (this call's partition only), agents, topics, categories and
 * custom metrics.
 */
export const callDetail = async (query: Query, callId: string): Promise<CallDetail | null> => {
  const [status] = await query('select * from call_status where call_id = ?', [callId]);
  if (!status) return null;
  const [call] = await query('select * from calls where call_id = ?', [callId]);
  if (!call)
    return {
      status,
      call: null,
      turns: [],
      agents: [],
      topics: [],
      categories: [],
      metrics: [],
      sameConversation: [],
    };
  const dt = String(call.dt);
  const byCall = 'where call_id = ? and dt = ?';
  return {
    status,
    call,
    turns: await query(
      `select turn_index, role, agent_id, agent_name, channel, begin_ms, end_ms, text, sentiment, toxicity, toxicity_label
       from turns ${byCall} order by turn_index`,
      [callId, dt],
    ),
    agents: await query(`select * from call_agents ${byCall} order by agent_order`, [callId, dt]),
    topics: await query(`select topic, score, rank from call_topics ${byCall} order by rank`, [callId, dt]),
    categories: strings(
      await query(`select distinct category as v from call_categories ${byCall} order by v`, [callId, dt]),
    ),
    metrics: await query(`select name, value from call_metrics ${byCall} order by name`, [callId, dt]),
    sameConversation:
      call.ctr_status === 'matched' && call.conversation_id !== null
        ? strings(
            await query(
              `select call_id as v from calls
                 where conversation_id = ? and call_id <> ? and ctr_status = 'matched' order by call_id`,
              [String(call.conversation_id), callId],
            ),
          )
        : [],
  };
};
