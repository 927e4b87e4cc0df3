import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as DuckDb from '@duckdb/node-api';
import { CALL_OBJECT_PREFIX, COMPACTED_OBJECT_PREFIX, PARQUET_SUFFIX } from '../adapters/lake/lake-layout.js';
import { horizonOf } from '../adapters/lake/latest-write.js';
import { writeLakeAggregates } from '../adapters/local/lake-aggregates.js';
import { objectName, stampOf } from '../core/object-names.js';
import { dataColumnsOf, type TableDef } from '../schemas/table.js';
import { type TableName, tableNames, tables } from '../schemas/tables.js';

const duckdb = createRequire(import.meta.url)('@duckdb/node-api') as typeof DuckDb;

/**
 * A lake at a contact center's scale, built in seconds to minutes by DuckDB SQL (rows from
 * `range()`, values from hashes of the row number, so the same options always give the same
 * lake), in the layout `debrief run` + `debrief compact` leave:
 *   <home>/lake/<table>/dt=YYYY-MM-DD/compacted-<stamp>.h<horizon>.<token>.parquet  one per table and day
 *   <home>/lake/call_status/compacted-<stamp>.<token>.parquet           one, every call's status
 * (keys as ParquetLake.compact names them: `<stamp>` the compaction's time, after the last day,
 * `<horizon>` seven hours before it; nothing pending, so no `pending-` objects)
 * with the columns and Parquet types ParquetLake writes (schemas/tables.ts; timestamps in
 * milliseconds as hyparquet-writer stores them), rows sorted by call_id as compaction sorts them.
 * `uncompactedCalls` adds one more day as `debrief run` leaves it before any compaction: one
 * object per call and table (`c-<call>.<stamp>.<token>.parquet`) and one status object per call.
 *
 * Distributions follow a plausible center: ten topics with their own handle times, transfer
 * and sentiment profiles, ~800 agents of uneven load, 1-3 agents per call, ~63 turns a call
 * (6-120), about 3% of calls with toxic turns, 0.5% quarantined drops, 3% partial.
 */
export interface LakeScaleOptions {
  /** The home folder: the lake goes to <home>/lake. Replaced if it exists. */
  home: string;
  calls: number;
  days?: number;
  /** Calls of one more day written as per-call objects, not compacted. */
  uncompactedCalls?: number;
  /** First day (YYYY-MM-DD). */
  firstDay?: string;
  /** Parquet row group size of the compacted files (DuckDB's default when absent). */
  rowGroupSize?: number;
  /** false: leave <home>/lake as it is and only add the uncompacted day (a copy of a big lake, then the day). */
  compacted?: boolean;
  onProgress?: (message: string) => void;
}

export interface LakeScaleSummary {
  /** Calls dropped (each has a call_status row), quarantined ones included. */
  calls: number;
  quarantined: number;
  uncompactedQuarantined: number;
  /** The last day (YYYY-MM-DD): the uncompacted one when there is one. */
  lastDay: string;
  turns: number;
  days: number;
  files: number;
  bytes: number;
  seconds: number;
}

const TOPICS = [
  // name, share, handle-time factor, transfer rate, customer sentiment mean
  ['billing', 0.2, 1.0, 0.12, 0.2],
  ['payments', 0.14, 0.8, 0.08, 0.6],
  ['cancellation', 0.09, 1.3, 0.3, -1.4],
  ['account_access', 0.12, 0.9, 0.1, -0.2],
  ['technical_support', 0.13, 1.7, 0.35, -0.8],
  ['claims', 0.07, 1.5, 0.25, -0.6],
  ['address_change', 0.06, 0.6, 0.04, 1.0],
  ['fraud_report', 0.04, 1.4, 0.4, -1.8],
  ['retirement_plan', 0.05, 1.2, 0.15, 0.5],
  ['general_inquiry', 0.06, 0.7, 0.06, 0.8],
] as const;
// The rest (4%): no topic ("none of these").

const QUEUES = ['Billing', 'Payments', 'Retention', 'Accounts', 'Tech Support', 'Claims', 'General'];
/** A queue deleted since: the queue directory has no name for it, so its calls show its id. */
const UNNAMED_QUEUE = 'General';
/** The call's entry queue (inbound calls with a record): its name, and a Genesys-like UUID for its id. */
const queueName = () => pick(QUEUES, 'i', 29);
const queueId = () =>
  `regexp_replace(md5('queue ' || ${queueName()}), '^(.{8})(.{4})(.{4})(.{4})(.{12})$', '\\1-\\2-\\3-\\4-\\5')`;
const queued = "ctr_status = 'matched' and direction = 'inbound'";
const FIRST = ['Ana', 'Ben', 'Chloe', 'Dev', 'Eva', 'Femi', 'Gus', 'Hana', 'Ivan', 'Jo', 'Kai', 'Lena'];
const LAST = ['Ortiz', 'Nguyen', 'Smith', 'Kowalski', 'Okafor', 'Larsen', 'Tanaka', 'Haddad', 'Brown'];
const AGENTS = 800;
const CUSTOMER_LINES = [
  "Hi, I'm calling about my bill this month.",
  'I was charged twice and I would like a refund.',
  "I can't log in to my account since yesterday.",
  'Can you tell me when the payment will go through?',
  'I want to cancel my subscription.',
  'My address changed, can you update it?',
  'There is a transaction I did not make.',
  'Yes, that is correct.',
  'No, that was not me.',
  'Okay, thank you.',
  'How long will that take?',
  "That's ridiculous, I have been waiting for an hour.",
  'Could you repeat that please?',
  'My account number is [PII].',
  'I already tried restarting it twice.',
  'Great, that helps a lot.',
];
const AGENT_LINES = [
  'Thank you for calling, how can I help you today?',
  'Let me pull up your account.',
  'Can you confirm your date of birth for me?',
  'I can see the charge here, let me look into it.',
  'I have processed the refund, it takes three to five days.',
  "I'm transferring you to a colleague who can help with that.",
  'Is there anything else I can help you with?',
  'I understand, I am sorry about the trouble.',
  'One moment please while I check.',
  'I have updated the address on file.',
  'You will receive a confirmation email shortly.',
  'Thanks for your patience.',
];
const IVR_LINES = [
  'Welcome. For billing press one, for support press two.',
  'Please enter your account number followed by the pound key.',
  'Your call is important to us. Please stay on the line.',
];
const TOXIC_LABELS = ['PROFANITY', 'INSULT', 'HARASSMENT_OR_ABUSE', 'HATE_SPEECH', 'VIOLENCE_OR_THREAT'];
const CATEGORIES = ['cancellation-risk', 'escalation', 'compliance-greeting', 'payment-promise'];

const lit = (s: string): string => `'${s.replaceAll("'", "''")}'`;
const list = (xs: readonly string[]): string => `[${xs.map(lit).join(', ')}]`;
/** A pseudo-random double in [0, 1) from the row id and a salt: same inputs, same value. */
const U = (id: string, salt: number): string => `((hash(${id}, ${salt}) % 1000003)::double / 1000003)`;
/** 1-based pick from a list literal. */
const pick = (xs: readonly string[], id: string, salt: number): string =>
  `${list(xs)}[1 + (hash(${id}, ${salt}) % ${xs.length})::int]`;

const DAY_MS = 86_400_000;
const DAYS_PER_COPY = 31;

/** The SQL that creates table `g_calls`: every generated call with its attributes. */
const callsSql = (from: number, count: number, days: number, day0: number): string => {
  const topicCase = (() => {
    let acc = 0;
    const arms = TOPICS.map(([name, share]) => {
      acc += share;
      return `when u_topic < ${acc.toFixed(4)} then '${name}'`;
    });
    return `case ${arms.join(' ')} else null end`;
  })();
  const topicField = (index: number, fallback: number): string =>
    `case primary_topic ${TOPICS.map((t) => `when '${t[0]}' then ${t[index]}`).join(' ')} else ${fallback} end`;
  return `
create or replace table g_calls as
with base as (
  select i,
    ${day0} + (i - ${from}) * ${days} // ${count} as day,
    ${U('i', 1)} as u_topic, ${U('i', 2)} as u2, ${U('i', 3)} as u3, ${U('i', 4)} as u4,
    ${U('i', 5)} as u5, ${U('i', 6)} as u6, ${U('i', 7)} as u7, ${U('i', 8)} as u8, ${U('i', 9)} as u9
  from range(${from}, ${from + count}) r(i)
), t as (
  select *, ${topicCase} as primary_topic from base
), shaped as (
  select *,
    ${topicField(2, 1.0)} as handle_factor,
    ${topicField(3, 0.1)} as transfer_rate,
    ${topicField(4, 0.0)} as sentiment_mean,
    6 + floor(58 * (u2 + u3))::int as turn_count,
    case when u4 < 0.005 then 'quarantined' when u4 < 0.035 then 'partial' else 'processed' end as state,
    case when u5 < 0.92 then 'matched' when u5 < 0.98 then 'missing' else 'mismatched' end as ctr_status,
    u6 < 0.03 as is_toxic,
    case when u7 < 0.85 then 'inbound' else 'outbound' end as direction
  from t
), timed as (
  select *,
    -- 4-7.5 s a turn, longer for slow topics
    (turn_count * (4000 + 3500 * u8) * (0.7 + 0.3 * handle_factor))::bigint as duration_ms,
    case when u9 < transfer_rate * 0.75 then 2 when u9 < transfer_rate then 3 else 1 end as agent_count,
    -- The customer's time on hold and the agents' after-call work (used when the CTR matched):
    -- call_agents splits them, and the connected time (the recording), among the call's agents.
    (pow(${U('i', 32)}, 3) * 180000 * handle_factor)::bigint as call_hold_ms,
    (15000 + 60000 * ${U('i', 33)})::bigint as call_acw_ms,
    -- An outbound call's dialing and ringing (Genesys' handle time counts them, as the merge does).
    ((direction = 'outbound')::int * (2000 + 18000 * ${U('i', 71)}))::bigint as call_dial_ms,
    -- busy hours 08:00-20:00 UTC, more calls around noon
    (date '1970-01-01' + to_days(day)) as dt_date,
    (28800000 + (43200000 * (u2 + u3 + u9) / 3))::bigint as ms_of_day,
    floor(${AGENTS} * pow(${U('i', 10)}, 1.4))::int as agent1
  from shaped
)
select i,
  printf('%08x-%04x-4%03x-a%03x-%012x', hash(i, 11) % 4294967296, hash(i, 12) % 65536, hash(i, 13) % 4096, hash(i, 14) % 4096, hash(i, 15) % 281474976710656) as call_id,
  strftime(dt_date, '%Y-%m-%d') as dt,
  epoch_ms(day * ${DAY_MS}::bigint + ms_of_day) as started_at,
  epoch_ms(day * ${DAY_MS}::bigint + ms_of_day + duration_ms + 90000) as written_at,
  * exclude (i)
from timed`;
};

/** Per table: the SELECT of its data columns (plus dt) from the generated calls in `src`. */
const tableSelects = (src = 'g_calls', compactedStatus = true): Record<TableName, string> => {
  const agentId = (n: string) => `printf('agent-%04d', (${n}) % ${AGENTS})`;
  const agentName = (n: string) =>
    `${list(FIRST)}[1 + ((${n}) % ${AGENTS}) % ${FIRST.length}] || ' ' || ${list(LAST)}[1 + ((${n}) % ${AGENTS}) // ${FIRST.length} % ${LAST.length}]`;
  /** Agent n's part of a call's total among its agent_count agents: the parts sum to the total. */
  const share = (total: string) =>
    `((${total}) * n // agent_count - (${total}) * (n - 1) // agent_count)::bigint`;
  // 1-4 from the middle turn on, never past the last turn (a 6-turn call has room for 3).
  const toxicTurns = `case when is_toxic then least(turn_count - turn_count // 2, 1 + (hash(i, 20) % 4)::int) else 0 end`;
  const custSentiment = `greatest(-5.0, least(5.0, round(sentiment_mean + 2 * (${U('i', 21)} - 0.5) * 2, 2)))`;
  const selects: Omit<Record<TableName, string>, 'call_roles'> = {
    calls: `
select call_id, dt, call_id as conversation_id, started_at::timestamp_ms as started_at, duration_ms,
  'en-US' as language,
  (duration_ms * 0.42)::bigint as agent_talk_ms, (duration_ms * 0.38)::bigint as customer_talk_ms,
  (duration_ms * 0.2)::bigint as non_talk_ms, (hash(i, 22) % 5)::bigint as interruptions,
  round(1.5 + 2 * (${U('i', 23)} - 0.5), 2) as agent_sentiment, ${custSentiment} as customer_sentiment,
  round(140 + 40 * ${U('i', 24)}, 1) as agent_wpm, round(120 + 50 * ${U('i', 25)}, 1) as customer_wpm,
  turn_count::bigint as turn_count, true as redacted, 'channel' as role_source,
  (hash(i, 26) % 6)::bigint as pii_redactions,
  case when ${U('i', 27)} < 0.2 then '["' || ${pick(CATEGORIES, 'i', 28)} || '"]' else '[]' end as categories,
  state as status, case when state = 'partial' then 'summary: engine unavailable' end as status_reason,
  ctr_status, case when ctr_status = 'matched' then 'ctr' else 'transcript' end as time_base, direction,
  case when ctr_status = 'matched' then '["' || ${agentId('agent1')} || '"' ||
    case when agent_count > 1 then ',"' || ${agentId('agent1 + 101')} || '"' else '' end ||
    case when agent_count > 2 then ',"' || ${agentId('agent1 + 202')} || '"' else '' end || ']' end as agent_ids,
  case when ${queued} then '["' || ${queueId()} || '"]' end as queue_ids,
  case when ctr_status = 'matched' then agent_count::bigint end as agent_count,
  case when ctr_status = 'matched' then (direction = 'inbound')::int * (20000 + 60000 * ${U('i', 30)})::bigint end as ivr_ms,
  case when ctr_status = 'matched' then (direction = 'inbound')::int * (handle_factor * 120000 * pow(${U('i', 31)}, 2))::bigint end as queue_ms,
  case when ctr_status = 'matched' then call_hold_ms end as hold_ms,
  case when ctr_status = 'matched' then call_acw_ms end as acw_ms,
  -- Genesys' handle time: the agents' talk (connected, not on hold) + hold + after-call work, and
  -- on an outbound call their dialing and ringing (helper-220: as the CTR merge counts it since 7acd4cf).
  case when ctr_status = 'matched' then duration_ms + call_hold_ms + call_acw_ms + call_dial_ms end as handle_ms,
  case when ctr_status = 'matched' then (agent_count - 1)::bigint end as transfers,
  case when ctr_status = 'matched' then '["' || ${pick(['resolved', 'follow-up', 'escalated', 'no-action'], 'i', 34)} || '"]' end as wrapup_codes,
  md5('ani' || (hash(i, 35) % 400000)::varchar) as ani_hash,
  primary_topic, case when primary_topic is not null then round(0.5 + 0.5 * ${U('i', 36)}, 3) end as primary_topic_score,
  'ok' as topics_status, 'topics-2026.1 3f2a9c81d0e4' as topic_model,
  'The customer called about ' || coalesce(replace(primary_topic, '_', ' '), 'something else') || '; the agent ' ||
    ${pick(['resolved it on the call.', 'opened a case.', 'promised a callback.', 'transferred the call.'], 'i', 37)} as summary,
  coalesce(replace(primary_topic, '_', ' '), 'other') as reason_for_call, null::varchar as intent,
  case when ${U('i', 38)} < 0.7 then 'resolved on the call' else 'follow-up needed' end as resolution,
  ${U('i', 38)} < 0.7 as resolved, ${U('i', 38)} >= 0.85 as callback_needed,
  case when ${U('i', 38)} >= 0.7 then '["Call the customer back"]' else '[]' end as action_items,
  case when ${U('i', 38)} < 0.7 then 'resolved' when ${U('i', 38)} < 0.85 then 'not_resolved' else 'follow_up' end as outcome,
  case when ${U('i', 38)} >= 0.7 then '[{"owner":"AGENT","text":"Call the customer back"}]' else '[]' end as actions,
  case when state = 'partial' then 'failed' else 'ok' end as summary_status,
  case when is_toxic then round(0.6 + 0.4 * ${U('i', 39)}, 3) else round(0.3 * ${U('i', 39)}, 3) end as toxicity_max,
  ${toxicTurns}::bigint as toxic_turns,
  case when is_toxic then (duration_ms * (turn_count // 2) / turn_count)::bigint end as first_toxic_ms,
  case when is_toxic then ${pick(['CUSTOMER', 'CUSTOMER', 'CUSTOMER', 'AGENT', 'BOTH'], 'i', 40)} end as toxic_by,
  'ok' as toxicity_status,
  '{"generator":"lake-scale"}' as lineage, written_at::timestamp_ms as written_at,
  case when ctr_status = 'missing' then 'no Genesys record for this call' end as ctr_note,
  case when direction = 'inbound' then 'customer' else 'external' end as caller_type,
  'batch' as transcript_source, 'local-extractive' as summary_engine, null::varchar as transcribe_summary,
  '["PII"]' as redaction_types, '{"NAME":1}' as redacted_entities,
  ${[1, 2, 3, 4].map((q) => `round(1.5 + (${U('i', 40 + q)} - 0.5) * 2, 2) as agent_sentiment_q${q}`).join(', ')},
  ${[1, 2, 3, 4].map((q) => `round(${custSentiment} + (${q} - 2.5) * 0.3 * (case when ${U('i', 21)} > 0.5 then 1 else -1 end), 2) as customer_sentiment_q${q}`).join(', ')},
  case when ${queued} then ${queueId()} end as entry_queue,
  case when ctr_status = 'matched' then direction = 'inbound' and agent_count > 1 end as transferred_after_queue,
  case when is_toxic then '["' || ${pick(TOXIC_LABELS, 'i', 45)} || '"]' else '[]' end as toxicity_labels,
  case when ${queued} and ${queueName()} <> ${lit(UNNAMED_QUEUE)} then ${queueName()} end as entry_queue_name,
  case when ${queued} then case when ${queueName()} <> ${lit(UNNAMED_QUEUE)} then '["' || ${queueName()} || '"]' else '[null]' end end as queue_names,
  'model' as topic_source, '{}' as debrief_redacted_entities,
  true as has_recording,
  case when ctr_status = 'matched' then false end as abandoned,
  -- Every generated inbound call waits in one queue and is answered as its wait ends.
  case when ctr_status = 'matched' then direction = 'inbound' end as offered,
  case when ${queued} then (handle_factor * 120000 * pow(${U('i', 31)}, 2))::bigint end as entry_wait_ms,
  case when ${queued} then (handle_factor * 120000 * pow(${U('i', 31)}, 2))::bigint end as answer_wait_ms,
  null::bigint as abandon_wait_ms, null::boolean as short_abandon, null::varchar as abandoned_while
from ${src} g where state <> 'quarantined'`,
    turns: `
select call_id, dt, k::bigint as turn_index, role,
  case when role = 'AGENT' and ctr_status = 'matched' then ${agentId('agent1 + 101 * agent_seq')} end as agent_id,
  case when role = 'AGENT' and ctr_status = 'matched' then ${agentName('agent1 + 101 * agent_seq')} end as agent_name,
  case when role = 'CUSTOMER' then 'CUSTOMER' else 'AGENT' end as channel,
  (duration_ms * k // turn_count)::bigint as begin_ms,
  (duration_ms * k // turn_count + duration_ms // turn_count * (0.6 + 0.35 * ${U('i * 128 + k', 50)}))::bigint as end_ms,
  case role when 'IVR' then ${pick(IVR_LINES, 'i * 128 + k', 51)} when 'AGENT' then ${pick(AGENT_LINES, 'i * 128 + k', 52)}
    else ${pick(CUSTOMER_LINES, 'i * 128 + k', 53)} end as text,
  case when ${U('i * 128 + k', 54)} < 0.25 + 0.05 * sentiment_mean then 'POSITIVE'
       when ${U('i * 128 + k', 54)} < 0.85 - 0.05 * sentiment_mean then 'NEUTRAL'
       when ${U('i * 128 + k', 54)} < 0.95 then 'NEGATIVE' else 'MIXED' end as sentiment,
  round(55 + 25 * ${U('i * 128 + k', 55)}, 1) as loudness,
  case when toxic then round(0.5 + 0.5 * ${U('i * 128 + k', 56)}, 3) else round(0.2 * ${U('i * 128 + k', 56)}, 3) end as toxicity,
  case when toxic then ${pick(TOXIC_LABELS, 'i', 45)} end as toxicity_label,
  case when toxic then '["' || ${pick(TOXIC_LABELS, 'i', 45)} || '"]' else '[]' end as toxicity_labels,
  written_at::timestamp_ms as written_at
from (
  select *,
    case when ivr_turns > k then 'IVR' when (k + (hash(i, 57) % 2)::int + (${U('i * 128 + k', 58)} < 0.15)::int) % 2 = 0 then 'AGENT' else 'CUSTOMER' end as role,
    least(agent_count - 1, k * agent_count // turn_count) as agent_seq,
    is_toxic and k >= turn_count // 2 and k < turn_count // 2 + (${toxicTurns}) as toxic
  from (
    select g.*, unnest(range(turn_count)) as k,
      case when ctr_status = 'matched' and direction = 'inbound' then 1 + (hash(i, 59) % 2)::int else 0 end as ivr_turns
    from ${src} g where state <> 'quarantined'
  )
)`,
    call_agents: `
select call_id, dt, ${agentId('agent1 + 101 * (n - 1)')} as agent_id, ${agentName('agent1 + 101 * (n - 1)')} as name,
  -- Each agent's share of the call's connected time (talk: Genesys tTalk, not speech), hold and
  -- after-call work, so the call's handle time is the sum of its agents' as in a real record.
  ${share('duration_ms')} as talk_ms, ${share('call_hold_ms')} as hold_ms,
  ${share('call_acw_ms')} as acw_ms, n::bigint as agent_order, written_at::timestamp_ms as written_at,
  ${agentName('agent1 + 101 * (n - 1)')} as display_name,
  (duration_ms * 0.42 / agent_count)::bigint as speech_ms, (duration_ms * 0.38 / agent_count)::bigint as customer_speech_ms,
  case when n = 1 and is_toxic then 1 else 0 end::bigint as toxic_turns
from (select g.*, unnest(range(1, agent_count + 1)) as n from ${src} g where state <> 'quarantined' and ctr_status = 'matched')`,
    call_topics: `
select call_id, dt, case when n = 1 then primary_topic else ${list(TOPICS.map((t) => t[0]))}[1 + (hash(i, 62 + n) % ${TOPICS.length})::int] end as topic,
  round((0.9 - 0.25 * n) * (0.7 + 0.3 * ${U('i', 66)}), 3) as score, n::bigint as rank, written_at::timestamp_ms as written_at
from (select g.*, unnest(range(1, 2 + (hash(i, 67) % 3)::int)) as n from ${src} g where state <> 'quarantined' and primary_topic is not null)`,
    call_findings: `
select call_id, dt, n::bigint as finding_index, ${list(['issue', 'outcome', 'action_item'])}[1 + n % 3] as kind,
  ${pick(['I was charged twice', 'the refund is processed', 'call the customer back', 'cannot log in', 'update the address'], 'i * 4 + n', 68)} as text,
  'offsets' as text_from, case when n % 3 = 0 then 'CUSTOMER' else 'AGENT' end as channel,
  case when n % 3 = 0 then 'CUSTOMER' else 'AGENT' end as role,
  case when n % 3 <> 0 and ctr_status = 'matched' then ${agentId('agent1')} end as agent_id,
  (2 + n * 3)::bigint as turn_index, (duration_ms * (2 + n * 3) // turn_count)::bigint as begin_ms,
  (duration_ms * (3 + n * 3) // turn_count)::bigint as end_ms, written_at::timestamp_ms as written_at
from (select g.*, unnest(range((hash(i, 69) % 4)::int)) as n from ${src} g where state <> 'quarantined')`,
    call_categories: `
select call_id, dt, ${pick(CATEGORIES, 'i', 28)} as category, n::bigint as match_index,
  (duration_ms * (n + 1) // 4)::bigint as begin_ms, (duration_ms * (n + 1) // 4 + 3000)::bigint as end_ms,
  'I want to cancel my subscription.' as matched_text, written_at::timestamp_ms as written_at
from (select g.*, unnest(range(1 + (hash(i, 70) % 2)::int)) as n from ${src} g
      where state <> 'quarantined' and ${U('i', 27)} < 0.2)`,
    call_interruptions: `
select call_id, dt, n::bigint as interruption_index, case when (hash(i, 71 + n) % 3) = 0 then 'AGENT' else 'CUSTOMER' end as interrupter,
  case when ctr_status = 'matched' then ${agentId('agent1')} end as agent_id,
  (duration_ms * (n + 1) // 6)::bigint as begin_ms, (duration_ms * (n + 1) // 6 + 1500)::bigint as end_ms,
  1500::bigint as duration_ms, written_at::timestamp_ms as written_at
from (select g.*, unnest(range((hash(i, 22) % 5)::int)) as n from ${src} g where state <> 'quarantined')`,
    // A post-processor's numbers (customMetrics), as a lake with one: a churn risk on every call,
    // a count of hold requests on about a third.
    call_metrics: `
select call_id, dt, 'churn_risk' as name, round(${U('i', 91)}, 3)::double as value, written_at::timestamp_ms as written_at
from ${src} where state <> 'quarantined'
union all
select call_id, dt, 'hold_requests' as name, (1 + hash(i, 92) % 3)::double as value, written_at::timestamp_ms as written_at
from ${src} where state <> 'quarantined' and ${U('i', 93)} < 0.3`,
    call_status: `
select call_id, state, case state when 'quarantined' then 'the transcript could not be parsed' when 'partial' then 'summary failed' end as reason,
  case state when 'quarantined' then 'LoadTranscript' when 'partial' then 'Summarize' end as stage,
  case when state = 'quarantined' then 'TranscriptFormatError' end as error_name,
  case when state <> 'quarantined' then dt end as dt,
  '{"transcript":"drop/' || call_id || '.json"}' as sources, written_at::timestamp_ms as updated_at,
  -- '' in the compacted status object (status compaction dropped no earlier status), null in a
  -- per-call status object (WriteResults writes none): schemas/tables.ts.
  case when ${compactedStatus} then '' end as superseded_dts
from g_calls`,
  };
  return {
    ...selects,
    // Per-agent and per-role counts from the turns themselves, as WriteResults counts them; the
    // call's figures from its `calls` row and the agent's interruptions from `call_interruptions`.
    call_agents: `
select a.* replace (coalesce(t.speech_ms, 0)::bigint as speech_ms, coalesce(t.toxic_turns, 0)::bigint as toxic_turns),
  coalesce(t.turns, 0)::bigint as turns,
  c.customer_sentiment as call_customer_sentiment, c.customer_sentiment_q1 as call_customer_sentiment_q1,
  c.customer_sentiment_q4 as call_customer_sentiment_q4, c.handle_ms as call_handle_ms,
  c.primary_topic as call_primary_topic, coalesce(x.interruptions, 0)::bigint as interruptions_made,
  coalesce(ct.toxic, 0)::bigint as customer_toxic_turns
from (${selects.call_agents}) a left join (
  select call_id, agent_id, count(*) as turns, sum(end_ms - begin_ms) as speech_ms, count(toxicity_label) as toxic_turns
  from (${selects.turns}) where agent_id is not null group by call_id, agent_id
) t on t.call_id = a.call_id and t.agent_id = a.agent_id
join (${selects.calls}) c on c.call_id = a.call_id
left join (
  select call_id, agent_id, count(*) as interruptions
  from (${selects.call_interruptions}) where interrupter = 'AGENT' group by call_id, agent_id
) x on x.call_id = a.call_id and x.agent_id = a.agent_id
left join (
  -- A customer's toxic turn is said to the agent whose turn began last before it, unless the IVR
  -- spoke since (its agent_id null: said to nobody) (core/rows.ts).
  select u.call_id, g.agent_id, count(*) as toxic
  from (select call_id, begin_ms from (${selects.turns}) where role = 'CUSTOMER' and toxicity_label is not null) u
  asof join (select call_id, agent_id, begin_ms from (${selects.turns}) where role <> 'CUSTOMER') g
    on g.call_id = u.call_id and g.begin_ms <= u.begin_ms
  group by u.call_id, g.agent_id
) ct on ct.call_id = a.call_id and ct.agent_id = a.agent_id`,
    call_roles: `
select call_id, dt, role, count(*)::bigint as turns, sum(end_ms - begin_ms)::bigint as talk_ms,
  sum(len(string_split(text, ' ')))::bigint as words,
  count(*) filter (where sentiment = 'POSITIVE') as positive_turns, count(*) filter (where sentiment = 'NEGATIVE') as negative_turns,
  count(*) filter (where sentiment = 'NEUTRAL') as neutral_turns, count(*) filter (where sentiment = 'MIXED') as mixed_turns,
  count(toxicity_label) as toxic_turns, written_at
from (${selects.turns}) group by call_id, dt, role, written_at`,
  };
};

/** Columns in the table's declared order, as ParquetLake writes them (dt in the path). */
const ordered = (def: TableDef, select: string, withDt: boolean): string => {
  const cols = dataColumnsOf(def).map((c) => c.name);
  return `select ${[...cols, ...(withDt ? ['dt'] : [])].join(', ')} from (${select})`;
};

const fileCount = (dir: string): { files: number; bytes: number } => {
  let files = 0;
  let bytes = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith(PARQUET_SUFFIX)) continue;
    files += 1;
    bytes += statSync(join(e.parentPath, e.name)).size;
  }
  return { files, bytes };
};

export const generateLakeAtScale = async (options: LakeScaleOptions): Promise<LakeScaleSummary> => {
  const t0 = performance.now();
  const days = options.days ?? 365;
  const firstDay = options.firstDay ?? '2025-12-01';
  const day0 = Math.round(Date.parse(`${firstDay}T00:00:00Z`) / DAY_MS);
  const progress = options.onProgress ?? (() => undefined);
  const lake = join(options.home, 'lake');
  const compacted = options.compacted ?? true;
  if (compacted) rmSync(lake, { recursive: true, force: true });
  mkdirSync(lake, { recursive: true });
  const instance = await duckdb.DuckDBInstance.create(':memory:', { preserve_insertion_order: 'false' });
  const db = await instance.connect();
  const selects = tableSelects();
  // The compaction that made these files ran after the last compacted day.
  const compactedAt = new Date((day0 + days) * DAY_MS + 3 * 3600_000).toISOString();
  const compactedName = `${COMPACTED_OBJECT_PREFIX}${stampOf(compactedAt)}.h${stampOf(horizonOf(compactedAt))}`;
  let turns = 0;
  let quarantined = 0;
  let uncompactedQuarantined = 0;
  const counted = async (): Promise<{ turns: number; quarantined: number }> => {
    const reader = await db.runAndReadAll(
      `select sum(turn_count) filter (where state <> 'quarantined') as t, count(*) filter (where state = 'quarantined') as q from g_calls`,
    );
    const [row] = reader.getRowObjects() as { t: bigint | null; q: bigint }[];
    return { turns: Number(row?.t ?? 0), quarantined: Number(row?.q ?? 0) };
  };
  try {
    // Compacted part: one file per table and day, one call_status file.
    await db.run(callsSql(0, options.calls, days, day0));
    const rowGroup = options.rowGroupSize ? `, ROW_GROUP_SIZE ${options.rowGroupSize}` : '';
    for (const name of compacted ? tableNames : []) {
      const def = tables[name];
      const partitioned = def.partitionKeys.includes('dt');
      const dir = join(lake, name);
      progress(`${name}: writing`);
      if (partitioned) {
        // A month at a time: few partitions open at once, so DuckDB never closes one early and
        // starts a second file for it (one object per day, as compaction leaves), and memory
        // stays bounded.
        for (let first = 0; first < days; first += DAYS_PER_COPY) {
          const last = Math.min(days, first + DAYS_PER_COPY) - 1;
          await db.run(
            `copy (${ordered(def, tableSelects(`(select * from g_calls where day between ${day0 + first} and ${day0 + last})`)[name], true)}
               order by dt, call_id${name === 'turns' ? ', turn_index' : ''})
             to ${lit(dir)} (format parquet, partition_by (dt), compression snappy, overwrite_or_ignore${rowGroup},
               filename_pattern ${lit(`${compactedName}.g{i}`)})`,
          );
          progress(`${name}: ${last + 1}/${days} days`);
        }
      } else {
        mkdirSync(dir, { recursive: true });
        await db.run(
          `copy (${ordered(def, selects[name], false)} order by call_id) to ${lit(join(dir, `${COMPACTED_OBJECT_PREFIX}${stampOf(compactedAt)}.g0${PARQUET_SUFFIX}`))} (format parquet, compression snappy${rowGroup})`,
        );
      }
    }
    if (compacted)
      for (const name of tableNames) {
        const dir = join(lake, name);
        const folders =
          tables[name].partitionKeys.length > 0 ? readdirSync(dir).map((d) => join(dir, d)) : [dir];
        for (const folder of folders)
          if (readdirSync(folder).length !== 1)
            throw new Error(`${folder}: not one object (DuckDB split it)`);
      }
    // What `debrief compact` writes beside the compacted objects: their per-day summaries.
    if (compacted) await writeLakeAggregates(lake, { onProgress: progress });
    const main = await counted();
    turns += main.turns;
    quarantined += main.quarantined;
    // Uncompacted day: what `debrief run` leaves, one object per call and table.
    const extra = options.uncompactedCalls ?? 0;
    if (extra > 0) {
      progress(`one more day of ${extra} calls as per-call objects`);
      await db.run(callsSql(options.calls, extra, 1, day0 + days));
      const more = await counted();
      turns += more.turns;
      quarantined += more.quarantined;
      uncompactedQuarantined = more.quarantined;
      const perCall = tableSelects('g_calls', false);
      for (const name of tableNames) {
        const def = tables[name];
        const partitioned = def.partitionKeys.includes('dt');
        const tmp = join(lake, `.tmp-${name}`);
        const stamp = name === 'call_status' ? 'updated_at' : 'written_at';
        // DuckDB writes <tmp>/k=<key>/data_0.parquet; each becomes one object named as ParquetLake names it.
        await db.run(
          `copy (select *, call_id || '|' || strftime(${stamp}, '%Y%m%dT%H%M%S') || lpad((epoch_ms(${stamp}) % 1000)::varchar, 3, '0') || 'Z' as k
                 from (${ordered(def, perCall[name], false)})) to ${lit(tmp)}
           (format parquet, partition_by (k), compression snappy, write_partition_columns false)`,
        );
        for (const e of readdirSync(tmp, { withFileTypes: true })) {
          const key = decodeURIComponent(e.name.slice(2));
          const [callId = '', stamp = ''] = key.split('|');
          const dt = new Date((day0 + days) * DAY_MS).toISOString().slice(0, 10);
          const folder = partitioned ? join(lake, name, `dt=${dt}`) : join(lake, name);
          mkdirSync(folder, { recursive: true });
          const files = readdirSync(join(tmp, e.name));
          for (const [n, f] of files.entries())
            renameSync(
              join(tmp, e.name, f),
              join(
                folder,
                `${CALL_OBJECT_PREFIX}${objectName(callId)}.${stamp}.u${n}${callId.slice(0, 8)}${PARQUET_SUFFIX}`,
              ),
            );
        }
        rmSync(tmp, { recursive: true, force: true });
      }
    }
  } finally {
    db.closeSync();
    instance.closeSync();
  }
  const { files, bytes } = fileCount(lake);
  return {
    calls: options.calls + (options.uncompactedCalls ?? 0),
    quarantined,
    uncompactedQuarantined,
    lastDay: new Date((day0 + days - ((options.uncompactedCalls ?? 0) > 0 ? 0 : 1)) * DAY_MS)
      .toISOString()
      .slice(0, 10),
    turns,
    days: days + ((options.uncompactedCalls ?? 0) > 0 ? 1 : 0),
    files,
    bytes,
    seconds: (performance.now() - t0) / 1000,
  };
};
