import { describe, expect, it } from 'vitest';
import { outcomeLogLine } from '../../functions/task-handler.js';
import {
  type AlarmSpec,
  alarmSpecs,
  logMetricFilters,
  type MetricRef,
  metricAlarmArgs,
} from '../../infra/alarms.js';

/** Alarms and metric filters as plain data (infra/alarms.ts); sst-app.test.ts checks them deployed. */
const refs = (stage: string) => ({
  stage,
  stateMachineArn: `arn:aws:states:eu-west-1:123456789012:stateMachine:debrief-${stage}-post-call`,
  reprocessStateMachineArn: `arn:aws:states:eu-west-1:123456789012:stateMachine:debrief-${stage}-reprocess`,
  functionNames: {
    QuarantineCall: `debrief-${stage}-QuarantineCallFunction-abc`,
    CompactLake: `debrief-${stage}-CompactLakeFunction-def`,
    WriteResults: `debrief-${stage}-WriteResultsFunction-ghi`,
  },
  deadLetterQueueName: `debrief-${stage}-dlq`,
});
const metricsOf = (spec: AlarmSpec): MetricRef[] =>
  'metricName' in spec.metric ? [spec.metric] : Object.values(spec.metric.metrics);
/** A metric as CloudWatch identifies it: namespace, name and dimensions. */
const id = (m: { namespace: string; metricName: string; dimensions?: Record<string, string> }) =>
  JSON.stringify([m.namespace, m.metricName, m.dimensions ?? {}]);

describe('alarms of two stages in one account and region', () => {
  it("never read or write each other's metrics (found by a new-user trial: dev's quarantines fired prod's alarm and hid prod's failures)", () => {
    // Prepare
    const read = (stage: string) => new Set(alarmSpecs(refs(stage)).flatMap(metricsOf).map(id));
    const written = (stage: string) =>
      new Set(logMetricFilters(stage).map((f) => id({ namespace: f.namespace, metricName: f.metricName })));

    // Assess: what dev's filters write, production's alarms do not read, and the other way round.
    expect([...written('dev')].filter((m) => read('production').has(m))).toEqual([]);
    expect([...written('production')].filter((m) => read('dev').has(m))).toEqual([]);
    // Each stage's alarms read what its own filters write.
    for (const stage of ['dev', 'production'])
      for (const m of written(stage)) expect(read(stage).has(m), `${stage} ${m}`).toBe(true);
  });

  it("ExecutionsFailed subtracts the stage's own quarantines", () => {
    const failed = alarmSpecs(refs('production')).find((s) => s.name === 'ExecutionsFailed')!;
    if ('metricName' in failed.metric) throw new Error('expected metric math');
    expect(failed.metric.metrics.quarantined).toMatchObject({
      namespace: 'debrief/production',
      metricName: 'CallsQuarantined',
    });
  });
});

describe('alarm descriptions (the text of the alarm e-mail)', () => {
  it('never say to redrive: SQS redrive cannot restart a drop (found by review: DropDeadLetters said "nothing is lost: redrive them")', () => {
    const specs = alarmSpecs(refs('production'));
    for (const s of specs)
      expect(s.description, s.name).not.toMatch(/redrive (them|it|the)|nothing is lost/i);
    const dlq = specs.find((s) => s.name === 'DropDeadLetters')!;
    expect(dlq.description).toMatch(/14 days/);
    expect(dlq.description).toMatch(/upload .*again/);
  });
});

describe('calls landed partial page someone', () => {
  it('WriteResults logs a partial call, a metric filter counts it, an alarm fires at 3 in an hour (found by a new-user trial: an account without Bedrock access got no summary, forever, and no alarm)', () => {
    // Prepare: the line the Lambda logs for WriteResults' output of a partial call.
    const line = outcomeLogLine({ callId: 'c-1', state: 'partial', dt: '2026-01-01' });
    const filter = logMetricFilters('production').find((f) => f.metricName === 'CallsPartial');
    const alarm = alarmSpecs(refs('production')).find((s) => s.name === 'CallsPartial');

    // Assess
    expect(line).toEqual({ message: 'call partial' });
    expect(outcomeLogLine({ callId: 'c-1', state: 'processed' })).toBeUndefined();
    expect(filter).toEqual({
      name: 'PartialCount',
      functionName: 'WriteResults',
      pattern: `{ $.message = "${line!.message}" }`,
      namespace: 'debrief/production',
      metricName: 'CallsPartial',
    });
    const args = metricAlarmArgs(alarm!) as {
      threshold: number;
      comparisonOperator: string;
      metricQueries: { id: string; expression?: string; metric?: MetricRef & { period: number } }[];
    };
    expect(args).toMatchObject({ threshold: 1, comparisonOperator: 'GreaterThanOrEqualToThreshold' });
    expect(args.metricQueries.find((q) => q.id === 'partial')?.metric).toMatchObject({
      namespace: 'debrief/production',
      metricName: 'CallsPartial',
      stat: 'Sum',
      period: 3600,
    });
  });

  it('fires at low volume when most calls are partial, not on one bad call (found by review: at fewer than 3 calls an hour, every call partial never paged)', () => {
    // Prepare: the alarm's expression, evaluated as CloudWatch does for one hour's sums
    // (FILL(x, 0) is 0 for no data; comparisons and logical operators give 1 or 0).
    const alarm = alarmSpecs(refs('production')).find((s) => s.name === 'CallsPartial')!;
    if ('metricName' in alarm.metric) throw new Error('expected metric math');
    const { expression, metrics } = alarm.metric;
    expect(metrics.written).toMatchObject({
      namespace: 'AWS/Lambda',
      metricName: 'Invocations',
      dimensions: { FunctionName: refs('production').functionNames.WriteResults },
    });
    const js = expression.replace(/FILL\((\w+), 0\)/g, '(v.$1 ?? 0)');
    expect(js).toMatch(/^[\s\w.?()>=<&|*+\d-]+$/);
    const fires = (partial: number | undefined, written: number | undefined) =>
      Number(new Function('v', `return ${js}`)({ partial, written })) >= alarm.threshold;

    // Assess: a trial or a night where every call is partial
    expect(fires(2, 2)).toBe(true);
    expect(fires(2, 4)).toBe(true);
    // a busy hour, as before
    expect(fires(3, 500)).toBe(true);
    // one bad call, or a few among many, or nothing at all
    expect(fires(1, 1)).toBe(false);
    expect(fires(2, 5)).toBe(false);
    expect(fires(undefined, undefined)).toBe(false);
    expect(fires(0, 10)).toBe(false);
  });

  it('a quarantine still logs its line with the reason', () => {
    expect(outcomeLogLine({ state: 'quarantined', reason: 'bad CTR' })).toEqual({
      message: 'call quarantined',
      reason: 'bad CTR',
    });
  });
});

describe('the nightly compaction and reprocess runs page on failure', () => {
  it('CompactLake errors (found by a new-user trial: a nightly schedule with no DLQ, only a Throttles alarm)', () => {
    const alarm = alarmSpecs(refs('production')).find((s) => s.name === 'CompactLakeErrors');
    expect(metricAlarmArgs(alarm!)).toMatchObject({
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      dimensions: { FunctionName: 'debrief-production-CompactLakeFunction-def' },
      statistic: 'Sum',
      threshold: 1,
    });
  });

  it('a reprocess execution that failed, timed out or was aborted', () => {
    const alarm = alarmSpecs(refs('production')).find((s) => s.name === 'ReprocessFailed');
    const args = metricAlarmArgs(alarm!) as {
      metricQueries: { id: string; metric?: MetricRef & { dimensions: Record<string, string> } }[];
    };
    expect(args.metricQueries[0]).toMatchObject({
      id: 'e',
      expression: 'FILL(failed, 0) + FILL(timedOut, 0) + FILL(aborted, 0)',
    });
    for (const q of args.metricQueries.slice(1))
      expect(q.metric?.dimensions).toEqual({ StateMachineArn: refs('production').reprocessStateMachineArn });
    expect(args.metricQueries.slice(1).map((q) => q.metric?.metricName)).toEqual([
      'ExecutionsFailed',
      'ExecutionsTimedOut',
      'ExecutionsAborted',
    ]);
  });
});
