import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ListMapRunsCommand,
  ListStateMachinesCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { DebriefError, ThrottledError } from '../../core/errors.js';
import type { ReprocessInput } from '../../workflows/reprocess-definition.js';

/** Why a reprocess could not be started or followed: one readable line. */
export class ReprocessError extends DebriefError {
  override name = 'ReprocessError' as const;
}

const nameOf = (error: unknown) => (error instanceof Error ? error.name : '');
const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface RetryOptions {
  /** Attempts for a throttled call (Step Functions' API quotas are a token bucket per account). */
  attempts?: number;
  baseMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Call again after ThrottlingException (exponential backoff), then give up with ThrottledError. */
const throttled = async <T>(what: string, call: () => Promise<T>, o: RetryOptions = {}): Promise<T> => {
  const attempts = o.attempts ?? 5;
  const sleep = o.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (nameOf(error) !== 'ThrottlingException') throw error;
      if (attempt >= attempts)
        throw new ThrottledError(`Step Functions ${what} still throttled after ${attempts} attempts`);
      await sleep((o.baseMs ?? 500) * 2 ** (attempt - 1));
    }
  }
};

/** The deployed reprocess state machine of a stage (`debrief-<stage>-reprocess`, see sst.config.ts). */
export const reprocessStateMachineName = (stage: string) => `debrief-${stage}-reprocess`;

/** Its ARN, found by name (ListStateMachines, all pages). */
export const findReprocessStateMachine = async (
  client: SFNClient,
  stage: string,
  retry: RetryOptions = {},
): Promise<string> => {
  const name = reprocessStateMachineName(stage);
  let nextToken: string | undefined;
  do {
    const page = await throttled(
      'ListStateMachines',
      () => client.send(new ListStateMachinesCommand({ maxResults: 1000, nextToken })),
      retry,
    );
    const found = page.stateMachines?.find((m) => m.name === name);
    if (found?.stateMachineArn) return found.stateMachineArn;
    nextToken = page.nextToken;
  } while (nextToken);
  throw new ReprocessError(
    `no state machine ${name} in this account and region: deploy stage ${stage} (npx sst deploy --stage ${stage}) or pass --region`,
  );
};

/**
 * Start one reprocess. Retrying with the same name is safe: Step Functions answers a repeated
 * StartExecution of a running Standard execution (same name, same input) with that execution.
 */
export const startReprocess = async (
  client: SFNClient,
  stateMachineArn: string,
  name: string,
  input: ReprocessInput,
  retry: RetryOptions = {},
): Promise<{ executionArn: string; startDate: Date | undefined }> => {
  try {
    const out = await throttled(
      'StartExecution',
      () => client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) })),
      retry,
    );
    if (!out.executionArn) throw new ReprocessError('StartExecution answered without an execution ARN');
    return { executionArn: out.executionArn, startDate: out.startDate };
  } catch (error) {
    switch (nameOf(error)) {
      case 'ExecutionAlreadyExists':
        throw new ReprocessError(
          `an execution named ${name} already exists with other input: choose another --name`,
        );
      case 'StateMachineDoesNotExist':
        throw new ReprocessError(`state machine ${stateMachineArn} does not exist: deploy the stage first`);
      case 'ExecutionLimitExceeded':
        throw new ReprocessError(
          'the account has as many open executions as its quota allows: wait for some to end, or raise the quota',
        );
      default:
        throw error;
    }
  }
};

export interface ReprocessProgress {
  status: string;
  /** The Distributed Map's run, once it has started. */
  mapRunArn: string | null;
  items: {
    total: number;
    pending: number;
    running: number;
    succeeded: number;
    failed: number;
    timedOut: number;
    aborted: number;
  } | null;
  /** Why the execution failed (Error: Cause), when it did. */
  failure: string | null;
}

/** One look at a reprocess execution: DescribeExecution, then its map run's item counts. */
export const reprocessProgress = async (
  client: SFNClient,
  executionArn: string,
  retry: RetryOptions = {},
): Promise<ReprocessProgress> => {
  const execution = await throttled(
    'DescribeExecution',
    () => client.send(new DescribeExecutionCommand({ executionArn })),
    retry,
  );
  const runs = await throttled(
    'ListMapRuns',
    () => client.send(new ListMapRunsCommand({ executionArn })),
    retry,
  );
  const mapRunArn = runs.mapRuns?.[0]?.mapRunArn ?? null;
  let items: ReprocessProgress['items'] = null;
  if (mapRunArn) {
    const run = await throttled(
      'DescribeMapRun',
      () => client.send(new DescribeMapRunCommand({ mapRunArn })),
      retry,
    );
    const c = run.itemCounts;
    if (c)
      items = {
        total: c.total ?? 0,
        pending: c.pending ?? 0,
        running: c.running ?? 0,
        succeeded: c.succeeded ?? 0,
        failed: c.failed ?? 0,
        timedOut: c.timedOut ?? 0,
        aborted: c.aborted ?? 0,
      };
  }
  const failure =
    execution.status === 'FAILED' || execution.status === 'TIMED_OUT' || execution.status === 'ABORTED'
      ? [execution.error, execution.cause].filter(Boolean).join(': ') || execution.status
      : null;
  return { status: execution.status ?? 'UNKNOWN', mapRunArn, items, failure };
};

/** Poll until the execution is no longer RUNNING, reporting each look. */
export const waitForReprocess = async (
  client: SFNClient,
  executionArn: string,
  o: {
    pollMs?: number;
    sleep?: (ms: number) => Promise<void>;
    onProgress?: (p: ReprocessProgress) => void;
  } = {},
): Promise<ReprocessProgress> => {
  const sleep = o.sleep ?? defaultSleep;
  for (;;) {
    const progress = await reprocessProgress(client, executionArn, { sleep });
    o.onProgress?.(progress);
    if (progress.status !== 'RUNNING' && progress.status !== 'PENDING_REDRIVE') return progress;
    await sleep(o.pollMs ?? 10_000);
  }
};

/** The execution's page in the Step Functions console. */
export const executionConsoleUrl = (executionArn: string): string => {
  const region = executionArn.split(':')[3] ?? 'us-east-1';
  return `https://${region}.console.aws.amazon.com/states/home?region=${region}#/v2/executions/details/${executionArn}`;
};
