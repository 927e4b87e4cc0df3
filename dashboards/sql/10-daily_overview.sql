-- Calls per day with their average shape, the day's queues (offered, answered, abandoned, ASA)
-- and toxicity over time. Runs unchanged on Athena (Trino) and DuckDB: averages over integers are
-- cast to double explicitly (integer division differs). Each figure is over the calls it can
-- describe, as its name says:
--  - avg_duration_s: recorded calls (has_recording; rows written before the column are recorded):
--    a recording's length; a CTR-only call's length is its conversation's, left out here.
--  - avg_handle_s: calls an agent handled (handle_ms not null: tHandle); transfers likewise counts
--    over calls with a matched CTR (null on a day none has one: unknown, not 0).
--  - avg_queue_s: calls that waited in a queue (queue_ms > 0; queue_ms sums every queue the call
--    visited); a call that ended in the IVR or never queued (0) is left out. total_queue_s and
--    queue_calls make it over several days (the workbench's weeks and months): sums divided.
--  - the queue figures (core/ctr/queue-outcome.ts), over calls offered to a queue (offered: the
--    call waited in one; counted in its entry queue): answered_from_entry_queue (an agent answered
--    it from the queue it entered; a call answered in a second queue after a flow or transfer is
--    not counted), abandoned (the caller hung up in the entry queue before any agent answered: a
--    hang-up in a queue the flow moved the call on to is that queue's, not counted),
--    short_abandons (abandoned within 5 s: short_abandon), abandoned_ringing (hung up while an
--    agent's phone rang); abandon_rate = abandoned / offered, short abandons included as in
--    Genesys Cloud's Abandon %; abandon_rate_excl_short leaves them out of both; asa_s (average
--    speed of answer) = mean answer_wait_ms (tAnswered: entering the entry queue to the agent
--    connecting) over answered calls, total_answer_wait_s / answered_from_entry_queue over
--    several days.
--    Rows merged before ctr merge 1.6.0 (and calls without a matched CTR) have these columns null
--    (unknown, until `debrief run <drop> --reprocess` fills them): the counts and rates are over
--    the calls that know (queue_figures_calls = count(offered)), and null, not 0, on a day none
--    does; on a day of old and new rows the rates are over the new rows alone.
--  - total_queue_s here is queue_ms (every queue visited), unlike queue_daily_totals'
--    total_entry_wait_s (the entry queue's own wait).
select
  dt,
  count(*) as calls,
  sum(case when status = 'partial' then 1 else 0 end) as partial_calls,
  avg(case when coalesce(has_recording, true) then cast(duration_ms as double) end) / 1000.0 as avg_duration_s,
  avg(cast(handle_ms as double)) / 1000.0 as avg_handle_s,
  avg(cast(nullif(queue_ms, 0) as double)) / 1000.0 as avg_queue_s,
  sum(cast(nullif(queue_ms, 0) as double)) / 1000.0 as total_queue_s,
  count(nullif(queue_ms, 0)) as queue_calls,
  avg(cast(ivr_ms as double)) / 1000.0 as avg_ivr_s,
  avg(cast(hold_ms as double)) / 1000.0 as avg_hold_s,
  sum(transfers) as transfers,
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
  avg(cast(answer_wait_ms as double)) / 1000.0 as asa_s,
  sum(cast(answer_wait_ms as double)) / 1000.0 as total_answer_wait_s,
  avg(customer_sentiment) as avg_customer_sentiment,
  sum(case when coalesce(toxic_turns, 0) > 0 then 1 else 0 end) as calls_with_toxicity,
  sum(coalesce(toxic_turns, 0)) as toxic_turns
from calls
group by dt
