-- Time in IVR and queue by entry queue (the first queue a call entered), and how many of
-- those calls were transferred after queueing (likely misroutes). Calls with a matching CTR
-- only: without one the journey is unknown; 'no queue' = the record shows no queue (outbound
-- calls, calls answered without queueing or that ended in the IVR). A queue shows by its name
-- (queues export / routing API) when known, by its id otherwise.
select
  coalesce(entry_queue_name, entry_queue, 'no queue') as queue,
  count(*) as calls,
  avg(cast(ivr_ms as double)) / 1000.0 as avg_ivr_s,
  avg(cast(queue_ms as double)) / 1000.0 as avg_queue_s,
  avg(cast(handle_ms as double)) / 1000.0 as avg_handle_s,
  sum(case when transferred_after_queue then 1 else 0 end) as misrouted_calls
from calls
where ctr_status = 'matched'
group by coalesce(entry_queue_name, entry_queue, 'no queue')
