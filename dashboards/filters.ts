/**
 * Workbench filters: what an analyst narrows the dashboard and the call browser to. They live in
 * the URL (shareable, reload-safe) and reach SQL only as bound parameters: the shared views run
 * unchanged over filtered stand-ins of the tables they read (`with calls as (...) select * from
 * (<view>)`), so a filtered figure is the same SQL Athena runs, over fewer calls.
 */

import { tableNames } from '../schemas/tables.js';

export const FILTER_KEYS = [
  'from',
  'to',
  'topic',
  'queue',
  'entry',
  'agent',
  'direction',
  'status',
  'category',
  'toxic',
  'label',
  'misrouted',
  'recording',
  'q',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

/** What each filter means, for the chips above a filtered page. */
export const FILTER_LABELS: Record<FilterKey, string> = {
  from: 'from',
  to: 'to',
  topic: 'topic',
  queue: 'queue visited',
  entry: 'entry queue',
  agent: 'agent',
  direction: 'direction',
  status: 'status',
  category: 'category',
  toxic: 'toxic',
  label: 'toxicity label',
  misrouted: 'transferred after queueing',
  recording: 'recording',
  q: 'search',
};

/**
 * The recording filter's values: recorded calls, calls never recorded (CTR-only: a Genesys
 * record alone, ended in the IVR or left the queue, calls.has_recording false), and of those the
 * ones abandoned in the queue (calls.abandoned).
 */
export const RECORDING_CHOICES: readonly { value: string; text: string }[] = [
  { value: 'recorded', text: 'recorded' },
  { value: 'unrecorded', text: 'not recorded (CTR only)' },
  { value: 'abandoned', text: 'not recorded: abandoned in queue' },
];

/** A filter's value in words, for its chip (`toxic=1` reads yes, `recording=unrecorded` not recorded). */
export const filterValueText = (key: FilterKey, value: string): string => {
  if (key === 'toxic' || key === 'misrouted') return 'yes';
  if (key === 'recording') return RECORDING_CHOICES.find((c) => c.value === value)?.text ?? value;
  return value;
};

/**
 * Whether a call is one the topic views count (dashboards/sql: topic_stats, topic_daily,
 * daily_topic_mix, topic_daily_totals): a CTR-only call (never recorded) has no topic and is never
 * 'none'; rows written before has_recording (null) are recorded calls.
 */
export const RECORDED_SQL = 'coalesce(c.has_recording, true)';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_LENGTH = 200;

/** A day the calendar has (`2026-13-01` and `2026-02-30` match DAY but are none: they matched no call). */
const isDay = (value: string): boolean => {
  if (!DAY.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/** Filters from a query string: unknown keys, empty values and malformed dates are dropped. */
export const parseFilters = (params: URLSearchParams): Filters => {
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (!value || value.length > MAX_LENGTH) continue;
    if ((key === 'from' || key === 'to') && !isDay(value)) continue;
    if ((key === 'toxic' || key === 'misrouted') && value !== '1') continue;
    if (key === 'recording' && !RECORDING_CHOICES.some((c) => c.value === value)) continue;
    filters[key] = value;
  }
  return filters;
};

/** The query string for filters (stable key order), with a leading `?` when not empty. */
export const filterQuery = (filters: Filters): string => {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
};

export interface BoundSql {
  sql: string;
  params: string[];
}

/** Filters that only calls know (quarantined calls have no topic, queue, agent …). */
const CALL_ONLY: readonly FilterKey[] = [
  'topic',
  'queue',
  'entry',
  'agent',
  'direction',
  'category',
  'toxic',
  'label',
  'misrouted',
  'recording',
  'q',
];

/** The WHERE clause over `main.calls c` for the filters. */
export const callConditions = (filters: Filters): BoundSql => {
  const conditions: string[] = [];
  const params: string[] = [];
  const add = (sql: string, ...values: string[]) => {
    conditions.push(sql);
    params.push(...values);
  };
  if (filters.from) add('c.dt >= ?', filters.from);
  if (filters.to) add('c.dt <= ?', filters.to);
  // The views group missing values under these names, so a drill from 'unknown' finds them. A
  // topic is a recorded call's, as the topic views count it: a call never recorded (CTR-only, an
  // abandon or a call that ended in the IVR) has no topic and is never 'none' (trial48: /calls?topic=none
  // listed the 3 calls of the chart's none bar and 9 never recorded).
  if (filters.topic) add(`${RECORDED_SQL} and coalesce(c.primary_topic, 'none') = ?`, filters.topic);
  // The entry queue as queue_stats names it; a call without a matched record has none to match.
  if (filters.entry)
    add(
      "case when c.ctr_status = 'matched' then coalesce(c.entry_queue_name, c.entry_queue, 'no queue') end = ?",
      filters.entry,
    );
  if (filters.direction) add("coalesce(c.direction, 'unknown') = ?", filters.direction);
  // Any queue the call visited (queue_ids), entry queue or not. JSON-array columns hold quoted
  // strings: match the whole quoted value, never a fragment.
  if (filters.queue) add('strpos(c.queue_ids, ?) > 0', JSON.stringify(filters.queue));
  if (filters.label) add('strpos(c.toxicity_labels, ?) > 0', JSON.stringify(filters.label));
  if (filters.status) add('c.status = ?', filters.status);
  if (filters.agent)
    add('c.call_id in (select call_id from main.call_agents where agent_id = ?)', filters.agent);
  if (filters.category)
    add('c.call_id in (select call_id from main.call_categories where category = ?)', filters.category);
  if (filters.toxic) add('coalesce(c.toxic_turns, 0) > 0');
  if (filters.misrouted) add('c.transferred_after_queue');
  if (filters.recording === 'recorded') add(RECORDED_SQL);
  if (filters.recording === 'unrecorded') add(`not ${RECORDED_SQL}`);
  if (filters.recording === 'abandoned') add(`not ${RECORDED_SQL} and coalesce(c.abandoned, false)`);
  if (filters.q) {
    const needle = filters.q.toLowerCase();
    // The search: id, summary, topic ('none' for a recorded call without one), agent, category,
    // transcript text, and toxicity: a toxic call answers to 'toxic' and to its labels, with or
    // without underscores. A call never recorded answers to 'not recorded', to 'abandoned' when it
    // was abandoned in the queue, and to its note (why: 'ended in the IVR', 'hung up waiting in the queue').
    const words = `lower(case when ${RECORDED_SQL} then coalesce(c.primary_topic, 'none')
          else 'not recorded ' || case when coalesce(c.abandoned, false) then 'abandoned in queue ' else '' end
            || coalesce(c.ctr_note, '') end
        || case when coalesce(c.toxic_turns, 0) > 0 then ' toxic ' || coalesce(c.toxicity_labels, '') else '' end)`;
    add(
      `(strpos(lower(c.call_id), ?) > 0 or strpos(lower(coalesce(c.summary, '')), ?) > 0
        or strpos(${words}, ?) > 0 or strpos(replace(${words}, '_', ' '), ?) > 0
        or c.call_id in (select call_id from main.call_agents where strpos(lower(coalesce(name, '')), ?) > 0 or strpos(lower(agent_id), ?) > 0)
        or c.call_id in (select call_id from main.call_categories where strpos(lower(category), ?) > 0)
        or c.call_id in (select call_id from main.turns where strpos(lower(text), ?) > 0))`,
      ...Array<string>(8).fill(needle),
    );
  }
  return { sql: conditions.length > 0 ? conditions.join(' and ') : 'true', params };
};

/**
 * Filtered stand-ins for the tables the views read, as a WITH list: `calls` (the filtered
 * calls), `call_agents` (their agents; with an agent filter, that agent's rows only), every
 * other per-call table but `turns` (rows of those calls) and `call_status` (state and date; with any call-only filter,
 * the filtered calls only, since a quarantined call has no topic or agent).
 */
export const filteredTables = (filters: Filters): BoundSql => {
  const calls = callConditions(filters);
  const params = [...calls.params];
  const agent = filters.agent ? ' and agent_id = ?' : '';
  if (filters.agent) params.push(filters.agent);
  const status: string[] = [];
  // A quarantined call has no day of its own (dt is null): it counts on the day it was quarantined.
  const day = 'coalesce(s.dt, cast(cast(s.updated_at as date) as varchar))';
  if (filters.from) {
    status.push(`${day} >= ?`);
    params.push(filters.from);
  }
  if (filters.to) {
    status.push(`${day} <= ?`);
    params.push(filters.to);
  }
  if (filters.status) {
    status.push('s.state = ?');
    params.push(filters.status);
  }
  if (CALL_ONLY.some((k) => filters[k])) status.push('s.call_id in (select call_id from calls)');
  // Every other per-call table (bar `turns`, which no view reads): the filtered calls' rows.
  const perCall = tableNames
    .filter((t) => !['calls', 'turns', 'call_agents', 'call_status'].includes(t))
    .map((t) => `  ${t} as (select * from main.${t} where call_id in (select call_id from calls)),`)
    .join('\n');
  const sql = `with
  calls as (select c.* from main.calls c where ${calls.sql}),
  call_agents as (select * from main.call_agents where call_id in (select call_id from calls)${agent}),
${perCall}
  call_status as (select s.* from main.call_status s where ${status.length > 0 ? status.join(' and ') : 'true'})`;
  return { sql, params };
};

/** A view's (or any query's) SQL over the filtered tables. */
export const withFilters = (sql: string, filters: Filters, orderBy?: string): BoundSql => {
  const tables = filteredTables(filters);
  return {
    sql: `${tables.sql}\nselect * from (${sql}) v${orderBy ? ` order by ${orderBy}` : ''}`,
    params: tables.params,
  };
};

export interface AgentChoice {
  id: string;
  name: string | null;
}

/**
 * An `agent` filter as the URL gave it, matched to the lake's agents: the drop-down sets an
 * agent's id, but a hand-written `?agent=Kevin O'Brien` names one. An id is kept; a name (same
 * letters, any case) that exactly one agent has becomes that agent's id; a name several agents
 * share, or a value no agent has, is kept (it matches no call) with a note saying why, for the page.
 */
export const resolveAgentFilter = (
  filters: Filters,
  agents: readonly AgentChoice[],
): { filters: Filters; note: string | null } => {
  const value = filters.agent;
  if (!value || agents.some((a) => a.id === value)) return { filters, note: null };
  const wanted = value.trim().toLowerCase();
  const named = agents.filter((a) => a.name !== null && a.name.trim().toLowerCase() === wanted);
  if (named.length === 1) return { filters: { ...filters, agent: named[0]!.id }, note: null };
  const note =
    named.length > 1
      ? `${named.length} agents are named ${value} (ids ${named.map((a) => a.id).join(', ')}): pick one from the agent list, so no call is shown.`
      : `No agent has the id or name ${value}, so no call is shown: pick one from the agent list.`;
  return { filters, note };
};
