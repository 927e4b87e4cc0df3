-- queue_stats per day, as sums and the counts they are over (no averages): a date range's time in
-- IVR per entry queue is its days' total_ivr_s / ivr_calls, never a mean of daily averages; the
-- same for the entry queue's wait (total_queue_s / queue_calls: entry_wait_ms over offered calls,
-- as queue_stats.avg_queue_s) and handle time; a range's abandon rate is its days' abandoned_calls
-- / offered (long_abandons / long_offered with short abandons left out), its ASA their
-- total_answer_wait_s / answered. Calls with a matched CTR only, entry
-- queues named as in queue_stats.
select
  dt,
  coalesce(entry_queue_name, entry_queue, 'no queue') as queue,
  count(*) as calls,
  sum(cast(ivr_ms as double)) / 1000.0 as total_ivr_s,
  count(ivr_ms) as ivr_calls,
  sum(cast(entry_wait_ms as double)) / 1000.0 as total_queue_s,
  count(entry_wait_ms) as queue_calls,
  sum(cast(handle_ms as double)) / 1000.0 as total_handle_s,
  count(handle_ms) as handle_calls,
  sum(case when transferred_after_queue then 1 else 0 end) as misrouted_calls,
  sum(case when offered then 1 else 0 end) as offered,
  count(answer_wait_ms) as answered,
  sum(case when offered and abandoned then 1 else 0 end) as abandoned_calls,
  sum(case when short_abandon then 1 else 0 end) as short_abandons,
  sum(case when offered and abandoned and not coalesce(short_abandon, false) then 1 else 0 end) as long_abandons,
  sum(case when offered and not coalesce(short_abandon, false) then 1 else 0 end) as long_offered,
  sum(case when abandoned_while = 'ringing' then 1 else 0 end) as abandoned_ringing,
  sum(cast(answer_wait_ms as double)) / 1000.0 as total_answer_wait_s
from calls
where ctr_status = 'matched'
group by dt, coalesce(entry_queue_name, entry_queue, 'no queue')
