-- Custom metrics (the numbers post-processors set, customMetrics: call_metrics) per day and name:
-- the calls that have the metric, their values' sum, smallest, largest and mean. Sums, counts,
-- minima and maxima, so any range of days adds up exactly: a range's mean is its days'
-- total_value over their calls (never a mean of daily means), its min and max the smallest and
-- largest of its days'. The call_metrics view holds each call's committed write only (a rerun's
-- metrics replace the earlier run's: nothing counts twice), one row per call and name, in the day
-- (dt) of its calls row.
select dt, name, count(distinct call_id) as calls, sum(value) as total_value,
  min(value) as min_value, max(value) as max_value, avg(value) as mean_value
from call_metrics
group by dt, name
