/**
 * The alarms (all to one SNS topic), as plain data that sst.config.ts turns into CloudWatch
 * MetricAlarms and the tests read. Periods are 5 minutes; one bad call is worth a look.
 */
/** `V` is the type of dimension values: strings in tests, Pulumi outputs at deploy. */
export interface MetricRef<V = string> {
  namespace: string;
  metricName: string;
  dimensions: Record<string, V>;
  stat: 'Sum' | 'Maximum';
}
export interface AlarmSpec<V = string> {
  name: string;
  description: string;
  threshold: number;
  /** The period the metric is summed over (default 5 minutes). */
  periodSeconds?: number;
  /** A single metric, or metric math over named metrics (the expression's id is `e`). */
  metric: MetricRef<V> | { expression: string; metrics: Record<string, MetricRef<V>> };
}

const PERIOD_SECONDS = 300;
/**
 * Where the stack's own metrics go: one namespace per stage, so two stages in one account and
 * region never count (or subtract) each other's calls. Metric filters cannot add a constant
 * dimension (a dimension value must be a field of the log event), hence the namespace.
 */
export const metricNamespace = (stage: string) => `debrief/${stage}`;
export const QUARANTINE_METRIC_NAME = 'CallsQuarantined';
/** The log line QuarantineCall writes (functions/task-handler.ts); a metric filter counts it. */
export const QUARANTINE_LOG_MESSAGE = 'call quarantined';
export const PARTIAL_METRIC_NAME = 'CallsPartial';
/** The log line WriteResults writes for a call landed `partial` (functions/task-handler.ts). */
export const PARTIAL_LOG_MESSAGE = 'call partial';

/** A CloudWatch Logs metric filter: count a task's log line into the stage's namespace. */
export interface LogMetricFilterSpec {
  name: string;
  /** The function (spec name) whose log group is filtered. */
  functionName: string;
  pattern: string;
  namespace: string;
  metricName: string;
}

export const logMetricFilters = (stage: string): LogMetricFilterSpec[] => [
  {
    name: 'QuarantineCount',
    functionName: 'QuarantineCall',
    pattern: `{ $.message = "${QUARANTINE_LOG_MESSAGE}" }`,
    namespace: metricNamespace(stage),
    metricName: QUARANTINE_METRIC_NAME,
  },
  {
    name: 'PartialCount',
    functionName: 'WriteResults',
    pattern: `{ $.message = "${PARTIAL_LOG_MESSAGE}" }`,
    namespace: metricNamespace(stage),
    metricName: PARTIAL_METRIC_NAME,
  },
];

/**
 * When partial calls page, per hour: three of them (a single one is an engine's bad moment),
 * or, at low volume (a trial, a small centre, nights), two that are half or more of the calls
 * written (WriteResults' invocations). Comparisons and logical operators give 1 or 0.
 */
export const PARTIAL_ALARM_EXPRESSION =
  'FILL(partial, 0) >= 3 || (FILL(partial, 0) >= 2 && FILL(partial, 0) * 2 >= FILL(written, 0))';

const counted = <V>(stage: string, metricName: string): MetricRef<V> => ({
  namespace: metricNamespace(stage),
  metricName,
  dimensions: {},
  stat: 'Sum',
});

export interface AlarmRefs<V = string> {
  /** The stage: its metrics' namespace (metricNamespace). */
  stage: string;
  stateMachineArn: V;
  /** The reprocess state machine (`debrief reprocess --aws`). */
  reprocessStateMachineArn: V;
  /** Lambda function names by spec name. */
  functionNames: Record<string, V>;
  deadLetterQueueName: V;
}

const states = <V>(metricName: string, stateMachineArn: V): MetricRef<V> => ({
  namespace: 'AWS/States',
  metricName,
  dimensions: { StateMachineArn: stateMachineArn },
  stat: 'Sum',
});

const required = <V>(names: Record<string, V>, name: string): V => {
  const found = names[name];
  if (found === undefined) throw new Error(`alarms: no function ${name}`);
  return found;
};

export const alarmSpecs = <V>(r: AlarmRefs<V>): AlarmSpec<V>[] => [
  {
    // A quarantined call ends in the Fail state too: count only the executions that failed
    // for another reason (the workflow itself broke, timed out or was aborted).
    name: 'ExecutionsFailed',
    description: 'Post-call executions failed, timed out or were aborted (not counting quarantined calls)',
    threshold: 1,
    metric: {
      expression: 'FILL(failed, 0) + FILL(timedOut, 0) + FILL(aborted, 0) - FILL(quarantined, 0)',
      metrics: {
        failed: states('ExecutionsFailed', r.stateMachineArn),
        timedOut: states('ExecutionsTimedOut', r.stateMachineArn),
        aborted: states('ExecutionsAborted', r.stateMachineArn),
        quarantined: counted(r.stage, QUARANTINE_METRIC_NAME),
      },
    },
  },
  {
    name: 'CallsQuarantined',
    description: 'Calls were quarantined: see call_status and quarantine/<callId>/ for the reason',
    threshold: 1,
    metric: counted(r.stage, QUARANTINE_METRIC_NAME),
  },
  {
    // An enrichment that fails for good degrades the call to `partial` (the ASL's *Degraded
    // states): one now and then is an engine's bad moment; every call partial (no Bedrock model
    // access, a deleted endpoint) means no summaries or topics until someone looks.
    name: 'CallsPartial',
    description:
      'Calls landed partial (an enrichment failed for good: topics, summary or toxicity), 3 in an hour or 2 that are half the calls written: see call_status (reason, stage) and the problems of the call document',
    threshold: 1,
    periodSeconds: 3600,
    metric: {
      expression: PARTIAL_ALARM_EXPRESSION,
      metrics: {
        partial: counted(r.stage, PARTIAL_METRIC_NAME),
        written: {
          namespace: 'AWS/Lambda',
          metricName: 'Invocations',
          dimensions: { FunctionName: required(r.functionNames, 'WriteResults') },
          stat: 'Sum',
        },
      },
    },
  },
  {
    name: 'ExecutionsThrottled',
    description: 'Step Functions throttled post-call state transitions',
    threshold: 1,
    metric: states('ExecutionThrottled', r.stateMachineArn),
  },
  ...Object.entries(r.functionNames).map(
    ([spec, functionName]): AlarmSpec<V> => ({
      name: `${spec}Throttled`,
      description: `Lambda throttled ${spec} (raise its concurrency or the account quota)`,
      threshold: 1,
      metric: {
        namespace: 'AWS/Lambda',
        metricName: 'Throttles',
        dimensions: { FunctionName: functionName },
        stat: 'Sum',
      },
    }),
  ),
  {
    // Nightly, from an EventBridge schedule with no dead-letter queue (and `debrief forget --aws`
    // invokes it): an error leaves the day's small files and superseded rows in place.
    name: 'CompactLakeErrors',
    description:
      'CompactLake failed (the nightly compaction or a forget): the lake keeps its small files and superseded rows until it runs; see its log group',
    threshold: 1,
    metric: {
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      dimensions: { FunctionName: required(r.functionNames, 'CompactLake') },
      stat: 'Sum',
    },
  },
  {
    name: 'ReprocessFailed',
    description:
      'A reprocess run (debrief reprocess --aws) failed, timed out or was aborted: more of its calls failed than tolerated, or the map itself broke',
    threshold: 1,
    metric: {
      expression: 'FILL(failed, 0) + FILL(timedOut, 0) + FILL(aborted, 0)',
      metrics: {
        failed: states('ExecutionsFailed', r.reprocessStateMachineArn),
        timedOut: states('ExecutionsTimedOut', r.reprocessStateMachineArn),
        aborted: states('ExecutionsAborted', r.reprocessStateMachineArn),
      },
    },
  },
  {
    name: 'DropDeadLetters',
    description:
      'Drop events that could not start a call wait in the dead-letter queue, kept 14 days: SQS redrive cannot restart them; upload each file again (see README "The drop dead-letter queue")',
    threshold: 1,
    metric: {
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: r.deadLetterQueueName },
      stat: 'Maximum',
    },
  },
];

/** CloudWatch MetricAlarm arguments (the Pulumi/CloudFormation shape) for one spec. */
export const metricAlarmArgs = <V>(spec: AlarmSpec<V>) => {
  const common = {
    alarmDescription: spec.description,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    threshold: spec.threshold,
    evaluationPeriods: 1,
    // No data is no trouble (a quiet night has no executions).
    treatMissingData: 'notBreaching',
  };
  const m = spec.metric;
  if ('metricName' in m)
    return {
      ...common,
      namespace: m.namespace,
      metricName: m.metricName,
      dimensions: m.dimensions,
      statistic: m.stat,
      period: spec.periodSeconds ?? PERIOD_SECONDS,
    };
  return {
    ...common,
    metricQueries: [
      { id: 'e', expression: m.expression, label: spec.name, returnData: true },
      ...Object.entries(m.metrics).map(([id, x]) => ({
        id,
        returnData: false,
        metric: {
          namespace: x.namespace,
          metricName: x.metricName,
          dimensions: x.dimensions,
          stat: x.stat,
          period: spec.periodSeconds ?? PERIOD_SECONDS,
        },
      })),
    ],
  };
};
