-- The topic mix per day and per topic model, so a drift shows: a rising share of calls with no
-- topic ("none of these"), a new topic taking over, or a change that came with a new model.
-- topic_source tells the model's answers ('model') from analysts' corrections ('correction':
-- `debrief topics correct`), so corrected calls never pass for the model's drift; 'unknown' for
-- calls whose topics did not run, and for rows written before the column existed (read as null).
-- Runs unchanged on Athena (Trino) and DuckDB: each day's total is a window sum over the per-day
-- groups (one read of calls; a per-day count joined back read it twice), integers cast to double
-- before dividing.
-- CTR-only calls (has_recording false: a Genesys record of a call never recorded, ended in the
-- IVR or abandoned in the queue) have no topic: left out here, not counted as 'none' (daily_overview,
-- queue_stats and kpis count them); rows written before the column (null) are recorded calls.
select
  dt,
  topic,
  topic_model,
  topic_source,
  calls,
  cast(calls as double) / cast(sum(calls) over (partition by dt) as double) as share,
  avg_score
from (
  select
    dt,
    coalesce(primary_topic, 'none') as topic,
    coalesce(topic_model, 'unknown') as topic_model,
    coalesce(topic_source, 'unknown') as topic_source,
    count(*) as calls,
    avg(primary_topic_score) as avg_score
  from calls
  where coalesce(has_recording, true)
  group by dt, coalesce(primary_topic, 'none'), coalesce(topic_model, 'unknown'), coalesce(topic_source, 'unknown')
) g
