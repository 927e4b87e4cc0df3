-- Agent scorecard: calls handled, talk / hold / after-call work, talk ratio (the agent's share
-- of agent + customer speech while they were on the call), interruptions they made (Transcribe's
-- agent-channel interruptions during their turns), the customer's sentiment and its change from
-- the first to the last quarter of the call, the agent's own toxic turns, and handle time
-- against the average of the same topic (1.0 = par). Per-agent figures come pre-aggregated on
-- call_agents and call_interruptions: nothing here reads `turns`.
select
  a.agent_id,
  -- The name, or `agent <id prefix>` when the record and the agent directory know none.
  max(a.display_name) as name,
  count(*) as calls,
  avg(cast(a.talk_ms as double)) / 1000.0 as avg_talk_s,
  avg(cast(a.hold_ms as double)) / 1000.0 as avg_hold_s,
  avg(cast(a.acw_ms as double)) / 1000.0 as avg_acw_s,
  sum(case when a.agent_order > 1 then 1 else 0 end) as calls_received_by_transfer,
  avg(c.customer_sentiment) as avg_customer_sentiment,
  cast(sum(a.speech_ms) as double) / nullif(sum(a.speech_ms + a.customer_speech_ms), 0) as talk_ratio,
  sum(coalesce(i.interruptions, 0)) as interruptions_made,
  avg(c.customer_sentiment_q4 - c.customer_sentiment_q1) as avg_sentiment_change,
  sum(a.toxic_turns) as toxic_turns,
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
  select coalesce(primary_topic, 'unknown') as topic, avg(cast(handle_ms as double)) as avg_handle_ms
  from calls
  group by coalesce(primary_topic, 'unknown')
) t on t.topic = coalesce(c.primary_topic, 'unknown')
group by a.agent_id
