import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StepDeps } from '../../core/steps/deps.js';
import { steps } from '../../core/steps/index.js';
import { taskHandler } from '../../functions/task-handler.js';
import { logMetricFilters } from '../../infra/alarms.js';

/**
 * The metric filters' patterns against what the deployed wrapper really prints (not a line
 * built from the same constant): taskHandler as the Lambda runs it, its output captured, each
 * JSON line checked against the filter's `{ $.field = "value" }` pattern.
 */
const context = {
  functionName: 'debrief-production-WriteResultsFunction-abc',
  functionVersion: '$LATEST',
  invokedFunctionArn:
    'arn:aws:lambda:eu-west-1:123456789012:function:debrief-production-WriteResultsFunction-abc',
  memoryLimitInMB: '1024',
  awsRequestId: 'req-1',
  logGroupName: '/aws/lambda/debrief-production-WriteResultsFunction-abc',
  logStreamName: 's',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 60_000,
} as unknown as Context;

/** CloudWatch Logs' JSON filter `{ $.a = "v" }`, the only form logMetricFilters uses. */
const matches = (pattern: string, event: Record<string, unknown>): boolean => {
  const m = /^\{ \$\.(\w+) = "([^"]*)" \}$/.exec(pattern);
  if (!m) throw new Error(`pattern form not modelled: ${pattern}`);
  return event[m[1]!] === m[2];
};

const printed = async (task: 'WriteResults' | 'QuarantineCall', output: unknown): Promise<unknown[]> => {
  const lines: string[] = [];
  const capture = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  vi.spyOn(steps, task).mockResolvedValue(output as never);
  try {
    await taskHandler(task, () => ({}) as StepDeps)({ callId: 'c-1' }, context);
  } finally {
    vi.restoreAllMocks();
  }
  return lines
    .flatMap((l) => l.split('\n'))
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l));
};

afterEach(() => vi.restoreAllMocks());

describe("the metric filters match the Lambda wrapper's real log lines (found by review: the test built the pattern from the code's own constant)", () => {
  it.each([
    ['WriteResults', 'CallsPartial', { callId: 'c-1', state: 'partial', dt: '2026-01-01' }],
    ['QuarantineCall', 'CallsQuarantined', { state: 'quarantined', reason: 'bad CTR' }],
  ] as const)('%s: a %s line is counted once; a processed call is not', async (task, metricName, output) => {
    // Prepare
    const filter = logMetricFilters('production').find((f) => f.metricName === metricName)!;
    expect(filter.functionName).toBe(task);

    // Act
    const counted = (await printed(task, output)).filter((e) =>
      matches(filter.pattern, e as Record<string, unknown>),
    );
    const quiet = (await printed(task, { callId: 'c-1', state: 'processed' })).filter((e) =>
      matches(filter.pattern, e as Record<string, unknown>),
    );

    // Assess
    expect(counted).toHaveLength(1);
    expect(counted[0]).toMatchObject({ callId: 'c-1', task });
    expect(quiet).toEqual([]);
  });
});
