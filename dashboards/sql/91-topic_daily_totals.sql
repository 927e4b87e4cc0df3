-- topic_stats per day, as sums and the counts they are over (no averages): what a date range
-- (QuickSight's date filter, a query over some days) adds up exactly. A range's average handle
-- time per topic is its days' total_handle_s / handle_calls, never a mean of daily averages; the
-- same for duration, IVR, queue, transfers (transfers / calls_with_ctr), misroutes
-- (misrouted_calls / misroute_known_calls), sentiment and resolution. Nulls as in topic_stats:
-- a call without a matched CTR adds to no journey figure, and a day's topic none of whose calls
-- has one has misrouted_calls null (n/a), not 0. Queue time is over calls that waited in a queue
-- (queue_ms > 0, summed over every queue the call visited): queue_calls leaves out a call that
-- never queued (0), as topic_stats' avg_queue_s.
-- CTR-only calls (has_recording false: a Genesys record of a call never recorded, ended in the
-- IVR or abandoned in the queue) have no topic: left out here, not counted as 'none' (daily_overview,
-- queue_stats and kpis count them); rows written before the column (null) are recorded calls.
select
  dt,
  coalesce(primary_topic, 'none') as topic,
  count(*) as calls,
  sum(cast(handle_ms as double)) / 1000.0 as total_handle_s,
  count(handle_ms) as handle_calls,
  sum(cast(duration_ms as double)) / 1000.0 as total_duration_s,
  count(duration_ms) as duration_calls,
  sum(cast(ivr_ms as double)) / 1000.0 as total_ivr_s,
  count(ivr_ms) as ivr_calls,
  sum(cast(nullif(queue_ms, 0) as double)) / 1000.0 as total_queue_s,
  count(nullif(queue_ms, 0)) as queue_calls,
  sum(transfers) as transfers,
  count(transfers) as calls_with_ctr,
  sum(case when transferred_after_queue then 1 when transferred_after_queue = false then 0 end) as misrouted_calls,
  count(transferred_after_queue) as misroute_known_calls,
  sum(customer_sentiment) as total_customer_sentiment,
  count(customer_sentiment) as sentiment_calls,
  sum(case when resolved then 1 when resolved = false then 0 end) as resolved_calls,
  count(resolved) as resolution_known_calls,
  sum(case when coalesce(toxic_turns, 0) > 0 then 1 else 0 end) as calls_with_toxicity,
  sum(coalesce(toxic_turns, 0)) as toxic_turns
from calls
where coalesce(has_recording, true)
group by dt, coalesce(primary_topic, 'none')
