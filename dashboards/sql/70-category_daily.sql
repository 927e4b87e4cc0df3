-- Category frequency over time: calls per matched category and day (call_categories holds one
-- row per point of interest, so calls are counted once; joined to calls so only each call's
-- latest, landed write counts).
select c.dt, k.category, count(distinct k.call_id) as calls
from call_categories k
join calls c on c.call_id = k.call_id
group by c.dt, k.category
