/**
 * agent_stats as it was before call_agents carried the call's figures: call_agents joined to
 * `calls`, to `call_interruptions` and to the topic's average handle time; the customers' toxic
 * turns said to each agent counted from `turns`. The reference the
 * view (dashboards/sql/30-agent_stats.sql, call_agents alone) must answer exactly.
 */
export const AGENT_STATS_JOINED = `select
  a.agent_id,
  max(a.display_name) as name,
  count(*) as calls,
  avg(cast(a.talk_ms as double)) / 1000.0 as avg_talk_s,
  avg(cast(a.hold_ms as double)) / 1000.0 as avg_hold_s,
  avg(cast(a.acw_ms as double)) / 1000.0 as avg_acw_s,
  avg(cast(a.talk_ms + a.hold_ms + a.acw_ms as double)) / 1000.0 as avg_handle_s,
  sum(case when a.agent_order > 1 then 1 else 0 end) as calls_received_by_transfer,
  avg(c.customer_sentiment) as avg_customer_sentiment,
  cast(sum(a.speech_ms) as double) / nullif(sum(a.speech_ms + a.customer_speech_ms), 0) as talk_ratio,
  sum(coalesce(i.interruptions, 0)) as interruptions_made,
  avg(c.customer_sentiment_q4 - c.customer_sentiment_q1) as avg_sentiment_change,
  sum(a.toxic_turns) as toxic_turns,
  sum(coalesce(x.toxic, 0)) as customer_toxic_turns,
  avg(cast(c.handle_ms as double) / nullif(t.avg_handle_ms, 0)) as handle_vs_topic
from call_agents a
join calls c on c.call_id = a.call_id
left join (
  select call_id, agent_id, count(*) as interruptions
  from call_interruptions
  where interrupter = 'AGENT'
  group by call_id, agent_id
) i on i.call_id = a.call_id and i.agent_id = a.agent_id
left join (
  -- The customer's toxic turns, each said to the agent whose turn began last before it, unless
  -- the IVR spoke since (a queue after a transfer, hold audio: its agent_id null, said to nobody).
  select u.call_id, g.agent_id, count(*) as toxic
  from (select call_id, begin_ms from turns where role = 'CUSTOMER' and toxicity_label is not null) u
  asof join (select call_id, agent_id, begin_ms from turns where role <> 'CUSTOMER') g
    on g.call_id = u.call_id and g.begin_ms <= u.begin_ms
  group by u.call_id, g.agent_id
) x on x.call_id = a.call_id and x.agent_id = a.agent_id
left join (
  select coalesce(primary_topic, 'none') as topic, avg(cast(handle_ms as double)) as avg_handle_ms
  from calls
  group by coalesce(primary_topic, 'none')
) t on t.topic = coalesce(c.primary_topic, 'none')
group by a.agent_id`;

/** Numbers equal but for the order of summation (an average near 0 differs in its last bits). */
const close = (a: unknown, b: unknown): boolean =>
  typeof a === 'number' && typeof b === 'number'
    ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
    : a === b;

/** The first row (index) where `rows` and `reference` differ in keys, order or a value; null when none. */
export const firstDifference = (
  rows: Record<string, unknown>[],
  reference: Record<string, unknown>[],
): { index: number; row: unknown; reference: unknown } | null => {
  for (let i = 0; i < Math.max(rows.length, reference.length); i += 1) {
    const a = rows[i];
    const b = reference[i];
    const keys = Object.keys(b ?? {});
    if (!a || !b || Object.keys(a).join() !== keys.join() || keys.some((k) => !close(a[k], b[k])))
      return { index: i, row: a, reference: b };
  }
  return null;
};
