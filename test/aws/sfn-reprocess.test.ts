import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  ListMapRunsCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  executionConsoleUrl,
  findReprocessStateMachine,
  ReprocessError,
  reprocessProgress,
  startReprocess,
  waitForReprocess,
} from '../../adapters/aws/sfn-reprocess.js';
import { buildCli } from '../../cli/debrief.js';
import { ThrottledError } from '../../core/errors.js';
import { FAKE_AWS_CONFIG } from '../helpers/aws.js';

const sfn = mockClient(SFNClient);
afterEach(() => {
  sfn.reset();
  vi.restoreAllMocks();
});
const client = () => new SFNClient(FAKE_AWS_CONFIG);
const noSleep = async () => {};
const SM = 'arn:aws:states:eu-west-1:123456789012:stateMachine:debrief-prod-reprocess';
const EXECUTION = 'arn:aws:states:eu-west-1:123456789012:execution:debrief-prod-reprocess:reprocess-1';
const MAP_RUN = 'arn:aws:states:eu-west-1:123456789012:mapRun:debrief-prod-reprocess/ReprocessCalls:abc';
const throttling = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

describe('the Step Functions reprocess adapter', () => {
  it('finds the stage machine by name across ListStateMachines pages', async () => {
    sfn
      .on(ListStateMachinesCommand, { maxResults: 1000, nextToken: undefined })
      .resolves({
        stateMachines: [{ name: 'other', stateMachineArn: 'x', type: 'STANDARD', creationDate: new Date() }],
        nextToken: 't2',
      })
      .on(ListStateMachinesCommand, { maxResults: 1000, nextToken: 't2' })
      .resolves({
        stateMachines: [
          { name: 'debrief-prod-reprocess', stateMachineArn: SM, type: 'STANDARD', creationDate: new Date() },
        ],
      });
    expect(await findReprocessStateMachine(client(), 'prod')).toBe(SM);
    expect(sfn.commandCalls(ListStateMachinesCommand).map((c) => c.args[0].input)).toEqual([
      { maxResults: 1000, nextToken: undefined },
      { maxResults: 1000, nextToken: 't2' },
    ]);
  });

  it('says to deploy the stage when no such machine exists', async () => {
    sfn.on(ListStateMachinesCommand).resolves({ stateMachines: [] });
    await expect(findReprocessStateMachine(client(), 'qa')).rejects.toThrow(
      /no state machine debrief-qa-reprocess .*npx sst deploy --stage qa/,
    );
  });

  it('starts one execution with exactly the name and the input', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: new Date() });
    const out = await startReprocess(client(), SM, 'reprocess-1', { prefix: 'inbox/', maxConcurrency: 40 });
    expect(out.executionArn).toBe(EXECUTION);
    expect(sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input)).toEqual([
      { stateMachineArn: SM, name: 'reprocess-1', input: '{"prefix":"inbox/","maxConcurrency":40}' },
    ]);
  });

  it('retries a throttled start with the same name (idempotent), then gives up with ThrottledError', async () => {
    sfn
      .on(StartExecutionCommand)
      .rejectsOnce(throttling())
      .resolves({ executionArn: EXECUTION, startDate: new Date() });
    await startReprocess(client(), SM, 'reprocess-1', {}, { sleep: noSleep });
    const calls = sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual(calls[0]);
    sfn.reset();
    sfn.on(StartExecutionCommand).rejects(throttling());
    await expect(
      startReprocess(client(), SM, 'r', {}, { sleep: noSleep, attempts: 3 }),
    ).rejects.toBeInstanceOf(ThrottledError);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(3);
  });

  it('ExecutionAlreadyExists and StateMachineDoesNotExist become readable ReprocessErrors (not retried)', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    const exists = startReprocess(client(), SM, 'reprocess-1', {}, { sleep: noSleep });
    await expect(exists).rejects.toBeInstanceOf(ReprocessError);
    await expect(exists).rejects.toThrow(/already exists .*another --name/);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(1);
    sfn.reset();
    sfn.on(StartExecutionCommand).rejects(new StateMachineDoesNotExist({ message: 'gone', $metadata: {} }));
    await expect(startReprocess(client(), SM, 'r', {})).rejects.toThrow(
      /does not exist: deploy the stage first/,
    );
  });

  it('progress: DescribeExecution, the map run from ListMapRuns, its item counts from DescribeMapRun', async () => {
    sfn
      .on(DescribeExecutionCommand)
      .resolves({ executionArn: EXECUTION, status: 'RUNNING', stateMachineArn: SM, startDate: new Date() });
    sfn.on(ListMapRunsCommand).resolves({
      mapRuns: [{ mapRunArn: MAP_RUN, executionArn: EXECUTION, stateMachineArn: SM, startDate: new Date() }],
    });
    sfn.on(DescribeMapRunCommand).resolves({
      mapRunArn: MAP_RUN,
      itemCounts: {
        pending: 70,
        running: 16,
        succeeded: 12,
        failed: 2,
        timedOut: 0,
        aborted: 0,
        total: 100,
        resultsWritten: 14,
      },
    } as never);
    expect(await reprocessProgress(client(), EXECUTION)).toEqual({
      status: 'RUNNING',
      mapRunArn: MAP_RUN,
      items: { total: 100, pending: 70, running: 16, succeeded: 12, failed: 2, timedOut: 0, aborted: 0 },
      failure: null,
    });
    expect(sfn.commandCalls(DescribeExecutionCommand)[0]?.args[0].input).toEqual({ executionArn: EXECUTION });
    expect(sfn.commandCalls(ListMapRunsCommand)[0]?.args[0].input).toEqual({ executionArn: EXECUTION });
    expect(sfn.commandCalls(DescribeMapRunCommand)[0]?.args[0].input).toEqual({ mapRunArn: MAP_RUN });
  });

  it('waits until the execution ends and reports why it failed (tolerated failures exceeded)', async () => {
    sfn
      .on(DescribeExecutionCommand)
      .resolvesOnce({
        executionArn: EXECUTION,
        status: 'RUNNING',
        stateMachineArn: SM,
        startDate: new Date(),
      })
      .rejectsOnce(throttling())
      .resolves({
        executionArn: EXECUTION,
        status: 'FAILED',
        stateMachineArn: SM,
        startDate: new Date(),
        error: 'States.ExceedToleratedFailureThreshold',
        cause: 'The specified tolerated failure threshold was exceeded',
      });
    sfn.on(ListMapRunsCommand).resolves({ mapRuns: [] });
    const seen: string[] = [];
    const final = await waitForReprocess(client(), EXECUTION, {
      sleep: noSleep,
      onProgress: (p) => seen.push(p.status),
    });
    expect(seen).toEqual(['RUNNING', 'FAILED']);
    expect(final.failure).toBe(
      'States.ExceedToleratedFailureThreshold: The specified tolerated failure threshold was exceeded',
    );
  });

  it('links the execution in the console of its region', () => {
    expect(executionConsoleUrl(EXECUTION)).toBe(
      `https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/v2/executions/details/${EXECUTION}`,
    );
  });
});

describe('debrief reprocess --aws', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
      out.push(String(s));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
      err.push(String(s));
      return true;
    });
    return { out, err };
  };

  it('starts the stage machine with the options as its input, prints the ARN and the link, and follows it with --wait', async () => {
    sfn.on(ListStateMachinesCommand).resolves({
      stateMachines: [
        { name: 'debrief-prod-reprocess', stateMachineArn: SM, type: 'STANDARD', creationDate: new Date() },
      ],
    });
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: new Date() });
    sfn
      .on(DescribeExecutionCommand)
      .resolves({ executionArn: EXECUTION, status: 'SUCCEEDED', stateMachineArn: SM, startDate: new Date() });
    sfn.on(ListMapRunsCommand).resolves({
      mapRuns: [{ mapRunArn: MAP_RUN, executionArn: EXECUTION, stateMachineArn: SM, startDate: new Date() }],
    });
    sfn.on(DescribeMapRunCommand).resolves({
      itemCounts: {
        pending: 0,
        running: 0,
        succeeded: 3,
        failed: 0,
        timedOut: 0,
        aborted: 0,
        total: 3,
        resultsWritten: 3,
      },
    } as never);
    const { out, err } = capture();
    process.exitCode = 0;
    await buildCli().parseAsync(
      [
        'reprocess',
        '--aws',
        '--stage',
        'prod',
        '--region',
        'eu-west-1',
        '--prefix',
        'transcripts/',
        '--since',
        '2026-01-01',
        '--concurrency',
        '40',
        '--name',
        'r1',
        '--wait',
      ],
      { from: 'user' },
    );
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input).toEqual({
      stateMachineArn: SM,
      name: 'r1',
      input: JSON.stringify({
        prefix: 'transcripts/',
        notBeforeEpochSeconds: 1767225600,
        maxConcurrency: 40,
      }),
    });
    expect(out.join('')).toBe(`${EXECUTION}\n${executionConsoleUrl(EXECUTION)}\n`);
    expect(err.join('')).toMatch(/succeeded: 3 succeeded, 0 failed, 0 running, 0 pending of 3 objects/);
    expect(process.exitCode).toBe(0);
  });

  it('--from post-process asks each call to start at PostProcess: the input says from PostProcess, and a step it does not know is refused before any request', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: new Date() });
    // The pre-flight (test/aws/sfn-reprocess-preflight.test.ts): an empty bucket, nothing in full.
    sfn.on(DescribeStateMachineCommand).resolves({
      definition: JSON.stringify({
        States: { ReprocessCalls: { ItemReader: { Parameters: { Bucket: 'b' } } } },
      }),
    } as never);
    const s3 = mockClient(S3Client);
    s3.on(ListObjectsV2Command).resolves({ Contents: [], IsTruncated: false });
    const { err } = capture();
    process.exitCode = 0;
    // Act
    await buildCli().parseAsync(
      ['reprocess', '--aws', '--state-machine-arn', SM, '--from', 'post-process', '--name', 'r2'],
      { from: 'user' },
    );
    // Assess: the Settings state merges it over the deployed default (`start`), and the map passes
    // it to each post-call execution as reprocess.from (test/contract/reprocess-definition.test.ts).
    expect(sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input)).toEqual([
      { stateMachineArn: SM, name: 'r2', input: JSON.stringify({ prefix: 'inbox/', from: 'PostProcess' }) },
    ]);
    sfn.resetHistory();
    await expect(
      buildCli().parseAsync(['reprocess', '--aws', '--state-machine-arn', SM, '--from', 'enrich'], {
        from: 'user',
      }),
    ).rejects.toThrow(/process\.exit/);
    expect(err.join('')).toContain(
      "option '--from <step>' argument 'enrich' is invalid. Allowed choices are post-process.",
    );
    expect(sfn.calls()).toHaveLength(0);
    s3.restore();
  });

  it('refuses a --concurrency outside 1 to 10,000 (the Distributed Map maximum) before any request', async () => {
    const { err } = capture();
    for (const n of ['20000', '10001', '0', '1.5', '40x']) {
      err.length = 0;
      await expect(
        buildCli().parseAsync(['reprocess', '--aws', '--state-machine-arn', SM, '--concurrency', n], {
          from: 'user',
        }),
        n,
      ).rejects.toThrow(/process\.exit/);
      expect(err.join(''), n).toContain(
        `option '--concurrency <n>' argument '${n}' is invalid. expected a whole number from 1 to 10000 (Step Functions' Distributed Map maximum)`,
      );
    }
    expect(sfn.calls()).toHaveLength(0);
  });

  it('refuses a prefix the reprocess role may not list, and runs nothing without --aws', async () => {
    capture();
    await expect(
      buildCli().parseAsync(['reprocess', '--aws', '--prefix', 'lake/', '--state-machine-arn', SM], {
        from: 'user',
      }),
    ).rejects.toThrow(/--prefix must start with inbox\/ or transcripts\//);
    await expect(buildCli().parseAsync(['reprocess'], { from: 'user' })).rejects.toThrow(/add --aws/);
    expect(sfn.calls()).toHaveLength(0);
  });
});
