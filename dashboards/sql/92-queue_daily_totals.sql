-- queue_stats per day, as sums and the counts they are over (no averages): a date range's time in
-- IVR per entry queue is its days' total_ivr_s / ivr_calls, never a mean of daily averages; the
-- same for the entry queue's wait (total_entry_wait_s / entry_wait_calls: entry_wait_ms over
-- offered calls, queue_ms on rows merged before ctr merge 1.6.0, as queue_stats.avg_queue_s; not
-- daily_overview's total_queue_s, every queue visited) and handle time; a range's abandon rate is
-- its days' abandoned_calls / offered (long_abandons / long_offered with short abandons left out),
-- its ASA their total_answer_wait_s / answered_from_entry_queue. The queue counts are over the
-- calls that know them (queue_figures_calls; rows merged before 1.6.0 have them null until
-- `debrief run <drop> --reprocess`): null on a day none does, so a range's sums skip those days.
-- Calls with a matched CTR only, entry queues named as in queue_stats.
select
  dt,
  coalesce(entry_queue_name, entry_queue, 'no queue') as queue,
  count(*) as calls,
  sum(cast(ivr_ms as double)) / 1000.0 as total_ivr_s,
  count(ivr_ms) as ivr_calls,
  sum(cast(coalesce(entry_wait_ms, case when offered is null then nullif(queue_ms, 0) end) as double)) / 1000.0 as total_entry_wait_s,
  count(coalesce(entry_wait_ms, case when offered is null then nullif(queue_ms, 0) end)) as entry_wait_calls,
  sum(cast(handle_ms as double)) / 1000.0 as total_handle_s,
  count(handle_ms) as handle_calls,
  sum(case when transferred_after_queue then 1 else 0 end) as misrouted_calls,
  count(offered) as queue_figures_calls,
  sum(case when offered then 1 when offered = false then 0 end) as offered,
  sum(case when answer_wait_ms is not null then 1 when offered is not null then 0 end) as answered_from_entry_queue,
  sum(case when abandon_wait_ms is not null then 1 when offered is not null then 0 end) as abandoned_calls,
  sum(case when short_abandon then 1 when offered is not null then 0 end) as short_abandons,
  sum(case when abandon_wait_ms is not null and not short_abandon then 1 when offered is not null then 0 end) as long_abandons,
  sum(case when offered and not coalesce(short_abandon, false) then 1 when offered is not null then 0 end) as long_offered,
  sum(case when abandoned_while = 'ringing' then 1 when offered is not null then 0 end) as abandoned_ringing,
  sum(cast(answer_wait_ms as double)) / 1000.0 as total_answer_wait_s
from calls
where ctr_status = 'matched'
group by dt, coalesce(entry_queue_name, entry_queue, 'no queue')
