-- The topic mix per day and per topic model, so a drift shows: a rising share of calls with no
-- topic ("none of these"), a new topic taking over, or a change that came with a new model.
-- Runs unchanged on Athena (Trino) and DuckDB: shares are computed over a per-day count joined
-- back (no window functions needed), integers cast to double before dividing.
select
  c.dt,
  coalesce(c.primary_topic, 'none') as topic,
  coalesce(c.topic_model, 'unknown') as topic_model,
  count(*) as calls,
  cast(count(*) as double) / cast(max(d.calls) as double) as share,
  avg(c.primary_topic_score) as avg_score
from calls c
join (select dt, count(*) as calls from calls group by dt) d on c.dt = d.dt
group by c.dt, coalesce(c.primary_topic, 'none'), coalesce(c.topic_model, 'unknown')
