-- "What are customers calling about", and per topic: how long calls take (IVR, queue, handle),
-- how often they are transferred, and misrouted (transferred after queueing), how customers
-- feel and how often a call turns toxic. Calls without a topic (none of the taxonomy's) are grouped as 'none'.
-- A call without a matched CTR (ctr_status <> 'matched') has unknown journey figures (null):
-- averages, transfers and misroutes skip it, and a topic none of whose calls has one shows null
-- (n/a), not zero. calls_with_ctr says how many calls those figures are over.
-- CTR-only calls (has_recording false: a Genesys record of a call never recorded, ended in the
-- IVR or abandoned in the queue) have no topic: left out here, not counted as 'none' (daily_overview,
-- queue_stats and kpis count them); rows written before the column (null) are recorded calls.
select
  coalesce(primary_topic, 'none') as topic,
  count(*) as calls,
  avg(cast(handle_ms as double)) / 1000.0 as avg_handle_s,
  avg(cast(duration_ms as double)) / 1000.0 as avg_duration_s,
  avg(cast(ivr_ms as double)) / 1000.0 as avg_ivr_s,
  avg(cast(nullif(queue_ms, 0) as double)) / 1000.0 as avg_queue_s,
  avg(cast(transfers as double)) as avg_transfers,
  count(transfers) as calls_with_ctr,
  sum(transfers) as transfers,
  sum(case when transferred_after_queue then 1 when transferred_after_queue = false then 0 end) as misrouted_calls,
  avg(case when transferred_after_queue then 1.0 when transferred_after_queue = false then 0.0 end) as misroute_rate,
  avg(customer_sentiment) as avg_customer_sentiment,
  avg(case when resolved then 1.0 when resolved = false then 0.0 end) as resolved_rate,
  sum(case when coalesce(toxic_turns, 0) > 0 then 1 else 0 end) as calls_with_toxicity,
  sum(coalesce(toxic_turns, 0)) as toxic_turns
from calls
where coalesce(has_recording, true)
group by coalesce(primary_topic, 'none')
