/**
 * The dashboard, described once: the local pages (dashboards/render-html.ts, `debrief serve`)
 * and the QuickSight definition (dashboards/quicksight-definition.ts) are both built from this
 * list, over the same views (dashboards/sql/*.sql).
 */

/**
 * The calls behind a bar, point, slice or row: call-browser filters taken from the row's
 * columns (`from: 'dt'` puts the row's `dt` in the `from` filter), plus fixed ones.
 */
export interface Drill {
  columns: Readonly<Record<string, string>>;
  fixed?: Readonly<Record<string, string>>;
}

interface VisualBase {
  id: string;
  title: string;
  view: string;
  drill: Drill;
}

export interface ChartVisual extends VisualBase {
  kind: 'bar' | 'line' | 'pie';
  category: string;
  /** One measure, or several side by side (bars) / one line each. */
  values: readonly string[];
  /** A column that splits each category into stacked series (long-format views). */
  series?: string;
  unit?: string;
  /**
   * Why a value may be missing (shown under the chart, and as the QuickSight visual's subtitle):
   * a category without a value draws no bar and is listed as n/a, never as 0.
   */
  note?: string;
  /**
   * A chart over days (`category: 'dt'`): how each value's days make a week, month or year, so
   * over a long range every such chart draws the same buckets (render-html.ts `timeBuckets`),
   * each bar the exact figure of its calls (never a mean of daily averages).
   */
  overTime?: Readonly<Record<string, OverTime>>;
  /**
   * A chart of an all-time view (one row per topic or queue): the per-day view with its sums and
   * counts (`*_daily_totals`), and how each value adds up over the days of a date range, so a
   * range's figure is its calls' (an average as the sum of its numerator over the sum of its
   * denominator, never a mean of daily averages). QuickSight draws the chart from that view under
   * its date filter; the local page filters the calls themselves and reads `view`.
   */
  days?: { view: string; values: Readonly<Record<string, OverTime>> };
  /**
   * A table beside the chart: one row per value of `by` over every row the chart is drawn from
   * (the page's calls and days), each column made of those rows as its `Combine` says (QuickSight:
   * a table visual of the same view, under the same filters).
   */
  summary?: { title: string; by: string; columns: Readonly<Record<string, Combine>>; note?: string };
  /**
   * The lake table the view reads, and what the visual says in its place when that table has no
   * rows at all (nothing wrote any yet: not the same as filters that match none).
   */
  whenNone?: { table: string; note: string };
}

/**
 * How a measure of a per-day view adds up over several days:
 * - `'sum'`: a count (calls, toxic turns): the days' sum;
 * - `{ divide, by }`: an average or a rate: the days' sum of `divide` over their sum of `by`
 *   (a week's average queue wait = its calls' queue time / its calls with a queue time);
 * - `{ shareOf }`: a series' share of the bucket: its days' sum of `shareOf` over the sum of every
 *   series' (a role's share of the week's talk).
 */
export type OverTime = 'sum' | { divide: string; by: string } | { shareOf: string };

/** How a summary column is made of several rows: as a measure over days, or their least or greatest. */
export type Combine = OverTime | 'min' | 'max';

export interface TableVisual extends VisualBase {
  kind: 'table';
  columns: readonly string[];
}

export type Visual = ChartVisual | TableVisual;

const byTopic = { columns: { topic: 'topic' } } as const;
/** topic_stats' figures over a date range, from topic_daily_totals (dashboards/sql). */
const topicDays = (values: Readonly<Record<string, OverTime>>) => ({ view: 'topic_daily_totals', values });
/** An average of seconds over a range: its calls' total over the calls it is over. */
const seconds = (measure: string): OverTime => ({ divide: `total_${measure}_s`, by: `${measure}_calls` });
const byDay = { columns: { from: 'dt', to: 'dt' } } as const;
/** Journey figures come from the CTR: a call without a matched one has them unknown. */
const NO_CTR =
  'Calls without a matched conversation record (CTR) have unknown journey figures and are left out; a topic with none of them is n/a, not 0.';
/** What an abandon is, and which calls the rate is over. */
const ABANDONS =
  "Over the calls offered to the queue (they waited in it): the caller hung up in it before any agent answered (a hang-up in a queue the flow moved the call on to is that queue's, not the entry queue's). Short abandons (under 5 s) are included in abandon_rate, as Genesys Cloud counts Abandon %, and left out of both sides of abandon_rate_excl_short. A queue offered no call is n/a; so are calls merged before ctr merge 1.6.0 (the rates are over the calls that know) until debrief run <drop> --reprocess.";

export const visuals: readonly Visual[] = [
  {
    id: 'calls-by-topic',
    title: 'What customers call about',
    view: 'topic_stats',
    kind: 'bar',
    category: 'topic',
    values: ['calls'],
    unit: 'calls',
    days: topicDays({ calls: 'sum' }),
    drill: byTopic,
  },
  {
    id: 'handle-by-topic',
    title: 'Average handle time by topic',
    view: 'topic_stats',
    kind: 'bar',
    category: 'topic',
    values: ['avg_handle_s'],
    unit: 's',
    note: NO_CTR,
    days: topicDays({ avg_handle_s: seconds('handle') }),
    drill: byTopic,
  },
  {
    id: 'ivr-queue-by-topic',
    title: 'Time in IVR and queue by topic',
    view: 'topic_stats',
    kind: 'bar',
    category: 'topic',
    values: ['avg_ivr_s', 'avg_queue_s'],
    unit: 's',
    note: NO_CTR,
    days: topicDays({ avg_ivr_s: seconds('ivr'), avg_queue_s: seconds('queue') }),
    drill: byTopic,
  },
  {
    id: 'ivr-queue-by-entry',
    title: 'Time in IVR and queue by entry queue (the first queue a call entered)',
    view: 'queue_stats',
    kind: 'bar',
    category: 'queue',
    values: ['avg_ivr_s', 'avg_queue_s'],
    unit: 's',
    note: "'no queue': calls whose record shows no queue (outbound, answered without queueing, ended in the IVR). Calls without a matched conversation record (CTR) are left out.",
    days: {
      view: 'queue_daily_totals',
      values: { avg_ivr_s: seconds('ivr'), avg_queue_s: seconds('entry_wait') },
    },
    drill: { columns: { entry: 'queue' } },
  },
  {
    id: 'abandons-by-entry',
    title: 'Abandon rate by entry queue (abandoned / offered, short abandons included)',
    view: 'queue_stats',
    kind: 'bar',
    category: 'queue',
    values: ['abandon_rate', 'abandon_rate_excl_short'],
    note: ABANDONS,
    days: {
      view: 'queue_daily_totals',
      values: {
        abandon_rate: { divide: 'abandoned_calls', by: 'offered' },
        abandon_rate_excl_short: { divide: 'long_abandons', by: 'long_offered' },
      },
    },
    drill: { columns: { entry: 'queue' } },
  },
  {
    id: 'asa-by-entry',
    title: 'Average speed of answer (ASA) by entry queue',
    view: 'queue_stats',
    kind: 'bar',
    category: 'queue',
    values: ['asa_s'],
    unit: 's',
    note: 'Over the calls answered in the queue they entered: entering it to the agent connecting (ringing included, as Genesys tAnswered); a call answered in a second queue is not counted. A queue none of whose calls was answered is n/a. Calls merged before ctr merge 1.6.0 have no answer wait until debrief run <drop> --reprocess.',
    days: {
      view: 'queue_daily_totals',
      values: { asa_s: { divide: 'total_answer_wait_s', by: 'answered_from_entry_queue' } },
    },
    drill: { columns: { entry: 'queue' } },
  },
  {
    id: 'transfers-by-topic',
    title: 'Transfers per call by topic',
    view: 'topic_stats',
    kind: 'bar',
    category: 'topic',
    values: ['avg_transfers'],
    note: NO_CTR,
    days: topicDays({ avg_transfers: { divide: 'transfers', by: 'calls_with_ctr' } }),
    drill: byTopic,
  },
  {
    id: 'misroutes-by-topic',
    title: 'Calls transferred after queueing (misroutes) by topic',
    view: 'topic_stats',
    kind: 'bar',
    category: 'topic',
    values: ['misrouted_calls'],
    unit: 'calls',
    note: NO_CTR,
    days: topicDays({ misrouted_calls: 'sum' }),
    drill: { columns: { topic: 'topic' }, fixed: { misrouted: '1' } },
  },
  {
    id: 'sentiment-by-topic',
    title: 'Customer sentiment by topic (−5 … 5)',
    view: 'topic_stats',
    kind: 'bar',
    category: 'topic',
    values: ['avg_customer_sentiment'],
    days: topicDays({
      avg_customer_sentiment: { divide: 'total_customer_sentiment', by: 'sentiment_calls' },
    }),
    drill: byTopic,
  },
  {
    id: 'toxicity-by-topic',
    title: 'Calls with toxicity by topic',
    view: 'topic_stats',
    kind: 'bar',
    category: 'topic',
    values: ['calls_with_toxicity'],
    unit: 'calls',
    days: topicDays({ calls_with_toxicity: 'sum' }),
    drill: { columns: { topic: 'topic' }, fixed: { toxic: '1' } },
  },
  {
    id: 'calls-per-day',
    title: 'Calls per day',
    view: 'daily_overview',
    kind: 'line',
    category: 'dt',
    values: ['calls'],
    unit: 'calls',
    overTime: { calls: 'sum' },
    drill: byDay,
  },
  {
    id: 'topic-mix-per-day',
    title: 'Topic mix per day',
    view: 'topic_daily',
    kind: 'bar',
    category: 'dt',
    series: 'topic',
    values: ['calls'],
    unit: 'calls',
    overTime: { calls: 'sum' },
    drill: { columns: { from: 'dt', to: 'dt', topic: 'topic' } },
  },
  {
    id: 'categories-per-day',
    title: 'Call categories per day',
    view: 'category_daily',
    kind: 'line',
    category: 'dt',
    series: 'category',
    values: ['calls'],
    unit: 'calls',
    overTime: { calls: 'sum' },
    drill: { columns: { from: 'dt', to: 'dt', category: 'category' } },
  },
  {
    id: 'toxicity-per-day',
    title: 'Toxicity over time',
    view: 'daily_overview',
    kind: 'line',
    category: 'dt',
    values: ['calls_with_toxicity', 'toxic_turns'],
    overTime: { calls_with_toxicity: 'sum', toxic_turns: 'sum' },
    drill: { columns: { from: 'dt', to: 'dt' }, fixed: { toxic: '1' } },
  },
  {
    id: 'talk-share-by-role-per-day',
    title: 'Share of the talk per day: customer, agents, IVR',
    view: 'role_daily',
    kind: 'line',
    category: 'dt',
    series: 'role',
    values: ['talk_share'],
    overTime: { talk_share: { shareOf: 'talk_min' } },
    drill: byDay,
  },
  {
    id: 'sentiment-by-role-per-day',
    title: 'Turn sentiment per day by role (positive minus negative turns, per turn)',
    view: 'role_daily',
    kind: 'line',
    category: 'dt',
    series: 'role',
    values: ['net_sentiment'],
    overTime: { net_sentiment: { divide: 'net_turns', by: 'turns' } },
    drill: byDay,
  },
  {
    id: 'queue-per-day',
    title: 'Average queue wait per day',
    view: 'daily_overview',
    kind: 'line',
    category: 'dt',
    values: ['avg_queue_s'],
    unit: 's',
    overTime: { avg_queue_s: { divide: 'total_queue_s', by: 'queue_calls' } },
    drill: byDay,
  },
  {
    id: 'custom-metrics',
    title: 'Custom metrics: mean per day',
    view: 'metric_daily',
    kind: 'line',
    category: 'dt',
    series: 'name',
    values: ['mean_value'],
    overTime: { mean_value: { divide: 'total_value', by: 'calls' } },
    summary: {
      title: "Custom metrics (post-processors' customMetrics): calls, mean, min and max per metric",
      by: 'name',
      columns: {
        calls: 'sum',
        mean_value: { divide: 'total_value', by: 'calls' },
        min_value: 'min',
        max_value: 'max',
      },
      note: "Over the calls that have each metric, in these dates and filters; the chart draws each one's mean per day, one line a metric (metrics on different scales share its axis: the table gives each its own figures).",
    },
    whenNone: {
      table: 'call_metrics',
      note: 'No post-processor has written metrics (customMetrics: see "Extending debrief" in the README).',
    },
    drill: byDay,
  },
  {
    id: 'topic-mix',
    title:
      'Topic mix per day, model and source (drift: a rising "none" share, a new topic; corrections by analysts apart)',
    view: 'daily_topic_mix',
    kind: 'table',
    columns: ['dt', 'topic', 'topic_model', 'topic_source', 'calls', 'share', 'avg_score'],
    drill: { columns: { from: 'dt', to: 'dt', topic: 'topic' } },
  },
  {
    id: 'pipeline-status',
    title: 'Pipeline status',
    view: 'pipeline_status',
    kind: 'pie',
    category: 'state',
    values: ['calls'],
    drill: { columns: { status: 'state' } },
  },
  {
    id: 'agents',
    title: 'Agent scorecard',
    view: 'agent_stats',
    kind: 'table',
    columns: [
      'name',
      'agent_id',
      'calls',
      'talk_ratio',
      'interruptions_made',
      'avg_customer_sentiment',
      'avg_sentiment_change',
      'toxic_turns',
      'customer_toxic_turns',
      'avg_handle_s',
      'handle_vs_topic',
      'avg_talk_s',
      'avg_hold_s',
      'avg_acw_s',
      'calls_received_by_transfer',
    ],
    drill: { columns: { agent: 'agent_id' } },
  },
];

/**
 * What a view's column measures, in words: the charts' legends and axes here and in QuickSight
 * (the data tables under the charts keep the column names, which `debrief query` uses).
 */
export const COLUMN_LABELS: Readonly<Record<string, string>> = {
  dt: 'day',
  topic: 'topic',
  queue: 'entry queue',
  state: 'state',
  role: 'role',
  category: 'category',
  calls: 'calls',
  avg_handle_s: 'avg handle time (s)',
  abandon_rate: 'abandon rate',
  abandon_rate_excl_short: 'abandon rate, short abandons excluded',
  asa_s: 'average speed of answer (s)',
  abandoned_calls: 'abandoned',
  offered: 'offered',
  answered_from_entry_queue: 'answered in the queue they entered',
  short_abandons: 'short abandons (< 5 s)',
  abandoned_ringing: 'abandoned while ringing',
  avg_ivr_s: 'avg time in IVR (s)',
  avg_queue_s: 'avg time in queue (s)',
  avg_transfers: 'transfers per call',
  misrouted_calls: 'calls transferred after queueing',
  avg_customer_sentiment: 'avg customer sentiment',
  calls_with_toxicity: 'calls with toxicity',
  toxic_turns: 'toxic turns',
  talk_share: 'share of the talk',
  net_sentiment: 'net turn sentiment',
  name: 'metric',
  mean_value: 'mean',
  min_value: 'min',
  max_value: 'max',
};

/** A column's label (COLUMN_LABELS), else its name in words. */
export const columnLabel = (column: string): string => COLUMN_LABELS[column] ?? column.replaceAll('_', ' ');

/** How each view's rows are ordered on the page (QuickSight sorts on its own). */
export const viewOrder: Readonly<Record<string, string>> = {
  daily_overview: 'dt',
  topic_stats: 'calls desc, topic',
  agent_stats: 'calls desc, agent_id',
  pipeline_status: 'state',
  queue_stats: 'calls desc, queue',
  topic_daily: 'dt, topic',
  category_daily: 'dt, category',
  daily_topic_mix: 'dt, topic, topic_model, topic_source',
  role_daily: 'dt, role',
  topic_daily_totals: 'dt, topic',
  queue_daily_totals: 'dt, queue',
  metric_daily: 'dt, name',
};

/**
 * Headline figures over the calls view (plain SQL for both engines), each over the calls it can
 * describe: avg handle time and transfers per call over the calls an agent handled (handle_ms not
 * null: an abandon or a call that ended in the IVR has neither), abandon rate over the calls
 * offered to a queue (short abandons included, as Genesys Cloud's Abandon %), ASA over the calls
 * answered in the queue they entered (answer_wait_ms); see daily_overview. offered and
 * abandoned_calls are null, not 0, when no call knows them (rows merged before ctr merge 1.6.0,
 * calls without a matched CTR): the tile then says where they come from (a matched CTR; --reprocess
 * for rows merged before 1.6.0).
 */
export const KPI_SQL = `select
  count(*) as calls,
  avg(cast(handle_ms as double)) / 1000.0 as avg_handle_s,
  avg(case when handle_ms is not null then cast(transfers as double) end) as transfers_per_call,
  count(case when coalesce(toxic_turns, 0) > 0 then 1 end) as calls_with_toxicity,
  count(case when status = 'partial' then 1 end) as partial_calls,
  sum(case when offered then 1 when offered = false then 0 end) as offered,
  sum(case when abandon_wait_ms is not null then 1 when offered is not null then 0 end) as abandoned_calls,
  cast(sum(case when abandon_wait_ms is not null then 1 when offered is not null then 0 end) as double)
    / nullif(sum(case when offered then 1 when offered = false then 0 end), 0) as abandon_rate,
  avg(cast(answer_wait_ms as double)) / 1000.0 as asa_s
from calls`;

/**
 * How recent a call is: when it started, else its day (`dt`: the day its transcript arrived or its
 * recording was processed, for a call whose start nothing gave). Ordering by `started_at` alone
 * put such a call, processed today, below every call with a start, however old: with 25 listed,
 * calls dropped without a CTR or recording metadata never showed among the recent ones.
 */
export const CALL_RECENCY = 'coalesce(started_at, cast(dt as timestamp))';

/**
 * The calls table at the bottom of the page: the 25 latest calls (a view of this name locally).
 * A call without a topic reads 'none', as in the views, the filters and the run report.
 */
export const RECENT_CALLS_COLUMNS = `call_id, started_at, dt, coalesce(primary_topic, 'none') as primary_topic, round(duration_ms / 1000.0) as duration_s, agent_count as agents,
  transfers, status, summary`;
export const RECENT_CALLS_ORDER = `${CALL_RECENCY} desc nulls last, call_id limit 25`;
export const RECENT_CALLS_SQL = `select ${RECENT_CALLS_COLUMNS} from calls order by ${RECENT_CALLS_ORDER}`;
