-- Per entry queue (the first queue a call entered): time in IVR and in that queue, handle time,
-- calls transferred after queueing (likely misroutes), and the queue's figures as Genesys counts
-- them (core/ctr/queue-outcome.ts): offered (calls that waited in it), answered_from_entry_queue
-- (an agent answered it from this queue; answered in a second queue is not counted), abandoned (the
-- caller hung up in this queue before any agent answered; a hang-up in a queue the flow moved the
-- call on to is that queue's, this queue's a flow-out), short_abandons (within 5 s of entering the queue:
-- short_abandon), abandoned_ringing (while an agent's phone rang), abandon_rate = abandoned /
-- offered (short abandons included, as Genesys Cloud's Abandon %), abandon_rate_excl_short (short
-- abandons out of both), asa_s: average speed of answer over answered calls (answer_wait_ms,
-- tAnswered: entering the entry queue to the agent connecting).
-- avg_queue_s is the wait in the entry queue itself (entry_wait_ms: until answered, hung up or
-- moved on) over offered calls, not queue_ms (every queue the call visited: a second queue's
-- wait after a transfer is not the entry queue's); on rows merged before ctr merge 1.6.0
-- (offered null) it falls back to queue_ms of the calls that queued, what it showed before, until
-- `debrief run <drop> --reprocess` fills entry_wait_ms. Those rows' queue figures are unknown: the
-- counts and rates are over the calls that know (queue_figures_calls), null, not 0, on a queue none
-- does. Calls with a matching CTR only: without one
-- the journey is unknown; 'no queue' = the record shows no queue (outbound calls, calls answered
-- without queueing or that ended in the IVR). A queue shows by its name (queues export / routing
-- API) when known, by its id otherwise.
select
  coalesce(entry_queue_name, entry_queue, 'no queue') as queue,
  count(*) as calls,
  avg(cast(ivr_ms as double)) / 1000.0 as avg_ivr_s,
  avg(cast(coalesce(entry_wait_ms, case when offered is null then nullif(queue_ms, 0) end) as double)) / 1000.0 as avg_queue_s,
  avg(cast(handle_ms as double)) / 1000.0 as avg_handle_s,
  sum(case when transferred_after_queue then 1 else 0 end) as misrouted_calls,
  count(offered) as queue_figures_calls,
  sum(case when offered then 1 when offered = false then 0 end) as offered,
  sum(case when answer_wait_ms is not null then 1 when offered is not null then 0 end) as answered_from_entry_queue,
  sum(case when abandon_wait_ms is not null then 1 when offered is not null then 0 end) as abandoned_calls,
  sum(case when short_abandon then 1 when offered is not null then 0 end) as short_abandons,
  sum(case when abandoned_while = 'ringing' then 1 when offered is not null then 0 end) as abandoned_ringing,
  cast(sum(case when abandon_wait_ms is not null then 1 when offered is not null then 0 end) as double)
    / nullif(sum(case when offered then 1 when offered = false then 0 end), 0) as abandon_rate,
  cast(sum(case when abandon_wait_ms is not null and not short_abandon then 1 when offered is not null then 0 end) as double)
    / nullif(sum(case when offered and not coalesce(short_abandon, false) then 1 when offered is not null then 0 end), 0) as abandon_rate_excl_short,
  avg(cast(answer_wait_ms as double)) / 1000.0 as asa_s
from calls
where ctr_status = 'matched'
group by coalesce(entry_queue_name, entry_queue, 'no queue')
