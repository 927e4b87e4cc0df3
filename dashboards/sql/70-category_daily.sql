-- Category frequency over time: calls per matched category and day (call_categories holds one
-- row per point of interest, so calls are counted once). The call_categories view already holds
-- each call's committed write only, in the day (dt) of its calls row: the same write's rows all
-- sit in one partition, so no join to calls is needed.
select dt, category, count(distinct call_id) as calls
from call_categories
group by dt, category
