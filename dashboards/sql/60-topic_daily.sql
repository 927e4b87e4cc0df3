-- Topic mix per day: calls per primary topic and day.
select dt, coalesce(primary_topic, 'none') as topic, count(*) as calls
from calls
group by dt, coalesce(primary_topic, 'none')
