-- Who speaks, per day: the customer's, the agents' and the IVR's turns, share of the talk,
-- sentiment (positive minus negative turns, per turn: -1 .. 1) and toxic turns. Reads
-- call_roles (per-call counts of `turns`, about 3 rows a call), never `turns` itself.
-- talk_min and net_turns (positive minus negative turns) make the share and the sentiment of
-- several days (the workbench's weeks and months): sums divided, never a mean of daily figures.
select
  dt,
  role,
  count(*) as calls,
  sum(turns) as turns,
  sum(talk_ms) / 60000.0 as talk_min,
  cast(sum(talk_ms) as double) / nullif(sum(sum(talk_ms)) over (partition by dt), 0) as talk_share,
  cast(sum(positive_turns) - sum(negative_turns) as double) / nullif(sum(turns), 0) as net_sentiment,
  sum(positive_turns) - sum(negative_turns) as net_turns,
  cast(sum(negative_turns) as double) / nullif(sum(turns), 0) as negative_share,
  sum(toxic_turns) as toxic_turns
from call_roles
group by dt, role
