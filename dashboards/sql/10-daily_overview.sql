-- Calls per day with their average shape, and toxicity over time. Runs unchanged on Athena
-- (Trino) and DuckDB: averages over integers are cast to double explicitly (integer division
-- differs). Transfers are null on a day none of whose calls has a matched CTR (unknown, not 0).
-- total_queue_s and queue_calls (the calls with a queue time) make avg_queue_s over several days
-- (the workbench's weeks and months): their sums divided, never a mean of daily averages.
select
  dt,
  count(*) as calls,
  sum(case when status = 'partial' then 1 else 0 end) as partial_calls,
  avg(cast(duration_ms as double)) / 1000.0 as avg_duration_s,
  avg(cast(handle_ms as double)) / 1000.0 as avg_handle_s,
  avg(cast(queue_ms as double)) / 1000.0 as avg_queue_s,
  sum(cast(queue_ms as double)) / 1000.0 as total_queue_s,
  count(queue_ms) as queue_calls,
  avg(cast(ivr_ms as double)) / 1000.0 as avg_ivr_s,
  avg(cast(hold_ms as double)) / 1000.0 as avg_hold_s,
  sum(transfers) as transfers,
  avg(customer_sentiment) as avg_customer_sentiment,
  sum(case when coalesce(toxic_turns, 0) > 0 then 1 else 0 end) as calls_with_toxicity,
  sum(coalesce(toxic_turns, 0)) as toxic_turns
from calls
group by dt
