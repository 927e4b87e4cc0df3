-- Pipeline health: every dropped call is in exactly one state.
select state, count(*) as calls, max(updated_at) as last_update
from call_status
group by state
