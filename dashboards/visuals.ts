/**
 * The dashboard, described once: the local HTML page (dashboards/render-html.ts) and the
 * QuickSight definition (dashboards/quicksight-definition.ts) are both built from this list,
 * over the same views (dashboards/sql/*.sql).
 */
export type Visual =
  | {
      id: string;
      title: string;
      view: string;
      kind: 'bar' | 'line' | 'pie';
      category: string;
      value: string;
      unit?: string;
    }
  | { id: string; title: string; view: string; kind: 'table'; columns: readonly string[] };

export const visuals: readonly Visual[] = [
  {
    id: 'calls-by-topic',
    title: 'What customers call about',
    view: 'topic_stats',
    kind: 'bar',
    category: 'topic',
    value: 'calls',
    unit: 'calls',
  },
  {
    id: 'handle-by-topic',
    title: 'Average handle time by topic',
    view: 'topic_stats',
    kind: 'bar',
    category: 'topic',
    value: 'avg_handle_s',
    unit: 's',
  },
  {
    id: 'transfers-by-topic',
    title: 'Transfers per call by topic',
    view: 'topic_stats',
    kind: 'bar',
    category: 'topic',
    value: 'avg_transfers',
  },
  {
    id: 'sentiment-by-topic',
    title: 'Customer sentiment by topic (−5 … 5)',
    view: 'topic_stats',
    kind: 'bar',
    category: 'topic',
    value: 'avg_customer_sentiment',
  },
  {
    id: 'calls-per-day',
    title: 'Calls per day',
    view: 'daily_overview',
    kind: 'line',
    category: 'dt',
    value: 'calls',
    unit: 'calls',
  },
  {
    id: 'queue-per-day',
    title: 'Average queue wait per day',
    view: 'daily_overview',
    kind: 'line',
    category: 'dt',
    value: 'avg_queue_s',
    unit: 's',
  },
  {
    id: 'topic-mix',
    title: 'Topic mix per day and model (drift: a rising "none" share, a new topic)',
    view: 'daily_topic_mix',
    kind: 'table',
    columns: ['dt', 'topic', 'topic_model', 'calls', 'share', 'avg_score'],
  },
  {
    id: 'pipeline-status',
    title: 'Pipeline status',
    view: 'pipeline_status',
    kind: 'pie',
    category: 'state',
    value: 'calls',
  },
  {
    id: 'agents',
    title: 'Agents',
    view: 'agent_stats',
    kind: 'table',
    columns: [
      'name',
      'agent_id',
      'calls',
      'avg_talk_s',
      'avg_hold_s',
      'avg_acw_s',
      'calls_received_by_transfer',
      'avg_customer_sentiment',
    ],
  },
];

/** Headline figures over the calls view (plain SQL for both engines). */
export const KPI_SQL = `select
  count(*) as calls,
  avg(cast(handle_ms as double)) / 1000.0 as avg_handle_s,
  avg(cast(transfers as double)) as transfers_per_call,
  sum(case when coalesce(toxic_turns, 0) > 0 then 1 else 0 end) as calls_with_toxicity,
  sum(case when status = 'partial' then 1 else 0 end) as partial_calls
from calls`;
