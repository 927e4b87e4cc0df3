-- The topic mix per day and per topic model, so a drift shows: a rising share of calls with no
-- topic ("none of these"), a new topic taking over, or a change that came with a new model.
-- Runs unchanged on Athena (Trino) and DuckDB: each day's total is a window sum over the per-day
-- groups (one read of calls; a per-day count joined back read it twice), integers cast to double
-- before dividing.
select
  dt,
  topic,
  topic_model,
  calls,
  cast(calls as double) / cast(sum(calls) over (partition by dt) as double) as share,
  avg_score
from (
  select
    dt,
    coalesce(primary_topic, 'none') as topic,
    coalesce(topic_model, 'unknown') as topic_model,
    count(*) as calls,
    avg(primary_topic_score) as avg_score
  from calls
  group by dt, coalesce(primary_topic, 'none'), coalesce(topic_model, 'unknown')
) g
