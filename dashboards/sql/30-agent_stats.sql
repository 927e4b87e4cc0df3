-- Agent scorecard: calls handled, talk / hold / after-call work, talk ratio (the agent's share
-- of agent + customer speech while they were on the call), interruptions they made (Transcribe's
-- agent-channel interruptions during their turns), the customer's sentiment and its change from
-- the first to the last quarter of the call, the agent's own toxic turns (toxic_turns) and the
-- customers' toxic turns said to the agent (customer_toxic_turns: null when every row of the
-- agent predates that column), the agent's average handle time (avg_handle_s: the agent's own
-- talk + hold + after-call work on the call, as Genesys' tHandle per agent, without an outbound
-- call's dialing, which call_agents does not keep) and the call's handle time against the
-- average of the same topic (handle_vs_topic, 1.0 = par: each agent on a call is given the whole
-- call's handle time). Everything per agent comes from call_agents,
-- which carries the call's figures (call_*) and the agent's interruptions: nothing here joins
-- call_agents to `calls` or reads `turns`. The topic's average handle time is over calls (not
-- agent rows), from a per-topic aggregate of `calls`: a few rows, joined on the topic.
select
  a.agent_id,
  -- The name, or `agent <id prefix>` when the record and the agent directory know none.
  max(a.display_name) as name,
  count(*) as calls,
  avg(cast(a.talk_ms as double)) / 1000.0 as avg_talk_s,
  avg(cast(a.hold_ms as double)) / 1000.0 as avg_hold_s,
  avg(cast(a.acw_ms as double)) / 1000.0 as avg_acw_s,
  avg(cast(a.talk_ms + a.hold_ms + a.acw_ms as double)) / 1000.0 as avg_handle_s,
  sum(case when a.agent_order > 1 then 1 else 0 end) as calls_received_by_transfer,
  avg(a.call_customer_sentiment) as avg_customer_sentiment,
  cast(sum(a.speech_ms) as double) / nullif(sum(a.speech_ms + a.customer_speech_ms), 0) as talk_ratio,
  sum(a.interruptions_made) as interruptions_made,
  avg(a.call_customer_sentiment_q4 - a.call_customer_sentiment_q1) as avg_sentiment_change,
  sum(a.toxic_turns) as toxic_turns,
  sum(a.customer_toxic_turns) as customer_toxic_turns,
  avg(cast(a.call_handle_ms as double) / nullif(t.avg_handle_ms, 0)) as handle_vs_topic
from call_agents a
left join (
  select coalesce(primary_topic, 'none') as topic, avg(cast(handle_ms as double)) as avg_handle_ms
  from calls
  group by coalesce(primary_topic, 'none')
) t on t.topic = coalesce(a.call_primary_topic, 'none')
group by a.agent_id
