-- Per agent: calls handled, talk / hold / after-call work, and the callers' sentiment.
select
  a.agent_id,
  -- The name, or `agent <id prefix>` when the record and the agent directory know none.
  max(a.display_name) as name,
  count(*) as calls,
  avg(cast(a.talk_ms as double)) / 1000.0 as avg_talk_s,
  avg(cast(a.hold_ms as double)) / 1000.0 as avg_hold_s,
  avg(cast(a.acw_ms as double)) / 1000.0 as avg_acw_s,
  sum(case when a.agent_order > 1 then 1 else 0 end) as calls_received_by_transfer,
  avg(c.customer_sentiment) as avg_customer_sentiment
from call_agents a
join calls c on c.call_id = a.call_id
group by a.agent_id
