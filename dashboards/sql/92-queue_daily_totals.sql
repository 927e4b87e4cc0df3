-- queue_stats per day, as sums and the counts they are over (no averages): a date range's time in
-- IVR per entry queue is its days' total_ivr_s / ivr_calls, never a mean of daily averages; the
-- same for queue and handle time. Calls with a matched CTR only, entry queues named as in
-- queue_stats.
select
  dt,
  coalesce(entry_queue_name, entry_queue, 'no queue') as queue,
  count(*) as calls,
  sum(cast(ivr_ms as double)) / 1000.0 as total_ivr_s,
  count(ivr_ms) as ivr_calls,
  sum(cast(queue_ms as double)) / 1000.0 as total_queue_s,
  count(queue_ms) as queue_calls,
  sum(cast(handle_ms as double)) / 1000.0 as total_handle_s,
  count(handle_ms) as handle_calls,
  sum(case when transferred_after_queue then 1 else 0 end) as misrouted_calls
from calls
where ctr_status = 'matched'
group by dt, coalesce(entry_queue_name, entry_queue, 'no queue')
