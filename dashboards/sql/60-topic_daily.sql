-- Topic mix per day: calls per primary topic and day.
-- CTR-only calls (has_recording false: a Genesys record of a call never recorded, ended in the
-- IVR or abandoned in the queue) have no topic: left out here, not counted as 'none' (daily_overview,
-- queue_stats and kpis count them); rows written before the column (null) are recorded calls.
select dt, coalesce(primary_topic, 'none') as topic, count(*) as calls
from calls
where coalesce(has_recording, true)
group by dt, coalesce(primary_topic, 'none')
