import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AthenaClient, InvalidRequestException, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import {
  ListStateMachinesCommand,
  SFNClient,
  SFNServiceException,
  StateMachineDoesNotExist,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { awsErrorAdvice } from '../../cli/aws-errors.js';
import { REPO } from '../helpers/paths.js';

const run = promisify(execFile);

/**
 * A `--aws` command's stderr and exit status with no AWS configuration at all: no credentials,
 * no region, no config files, the instance-metadata service disabled (nothing is probed).
 */
const debriefWithoutAws = async (args: string[]): Promise<{ code: number; stderr: string }> => {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    NODE_NO_WARNINGS: '1',
  };
  try {
    const r = await run('node', ['bin/debrief.mjs', ...args], { cwd: REPO, env });
    return { code: 0, stderr: r.stderr };
  } catch (error) {
    const e = error as { code?: number; stderr?: string };
    return { code: e.code ?? -1, stderr: e.stderr ?? '' };
  }
};

/** stderr without the line bin/debrief.mjs prints when it rebuilt dist/. */
const lines = (stderr: string): string[] =>
  stderr.split('\n').filter((l) => l !== '' && !l.includes('compiled dist/'));

describe('an AWS error a command ends with says what it was and what to do (a trial found the SDK messages alone: "Region is missing")', () => {
  afterEach(() => {
    mockClient(SFNClient).restore();
  });

  it('`reprocess --aws` with no region, then with no credentials: the SDK message, then the next step; exit 1', async () => {
    // Act
    const noRegion = await debriefWithoutAws(['reprocess', '--aws']);
    const noCredentials = await debriefWithoutAws(['reprocess', '--aws', '--region', 'eu-west-1']);
    const athena = await debriefWithoutAws(['query', '--athena', '--region', 'eu-west-1', 'select 1']);
    // Assess
    expect([noRegion.code, lines(noRegion.stderr)]).toEqual([
      1,
      [
        'debrief: Region is missing',
        'debrief: no AWS region: pass --region, or set AWS_REGION (or a region in your AWS profile)',
      ],
    ]);
    const credentials = [
      'debrief: Could not load credentials from any providers',
      'debrief: (CredentialsProviderError)',
      'debrief: no AWS credentials were found: set AWS_PROFILE to a profile that has them (after `aws sso login` for an SSO profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    ];
    expect([noCredentials.code, lines(noCredentials.stderr)]).toEqual([1, credentials]);
    expect([athena.code, lines(athena.stderr)]).toEqual([1, credentials]);
  });

  it("the service's own exceptions (as the SDK throws them): name, HTTP status, request id, next step", async () => {
    // Prepare
    const sfn = mockClient(SFNClient);
    sfn.on(ListStateMachinesCommand).rejects(
      new StateMachineDoesNotExist({
        message:
          "State Machine Does Not Exist: 'arn:aws:states:eu-west-1:111122223333:stateMachine:debrief-prod-reprocess'",
        $metadata: { httpStatusCode: 400, requestId: 'req-1' },
      }),
    );
    const errorOf = async (send: () => Promise<unknown>): Promise<unknown> =>
      send().then(
        () => null,
        (e) => e,
      );
    const client = new SFNClient({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const missing = await errorOf(() => client.send(new ListStateMachinesCommand({})));
    const denied = new SFNServiceException({
      name: 'AccessDeniedException',
      $fault: 'client',
      message:
        'User: arn:aws:iam::111122223333:user/ops is not authorized to perform: states:StartExecution on resource: arn:aws:states:eu-west-1:111122223333:stateMachine:debrief-dev-reprocess',
      $metadata: { httpStatusCode: 400, requestId: 'req-2' },
    });
    const throttled = new SFNServiceException({
      name: 'ThrottlingException',
      $fault: 'client',
      message: 'Rate exceeded',
      $metadata: { httpStatusCode: 400 },
    });
    const athena = mockClient(AthenaClient);
    athena.on(StartQueryExecutionCommand).rejects(
      new InvalidRequestException({
        message: 'WorkGroup debrief-dev is not found.',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const workgroup = await errorOf(() =>
      new AthenaClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }).send(
        new StartQueryExecutionCommand({ QueryString: 'select 1' }),
      ),
    );
    athena.restore();
    // Act, Assess
    expect(awsErrorAdvice(missing)).toEqual([
      '(StateMachineDoesNotExist, HTTP 400, request id req-1)',
      'not found: is the stage deployed, and are --stage and --region the ones it was deployed with?',
    ]);
    expect(awsErrorAdvice(denied)).toEqual([
      '(AccessDeniedException, HTTP 400, request id req-2)',
      'these credentials may not do this: the message names the action and resource to allow (README, "Deploying to AWS", lists what each command calls)',
    ]);
    expect(awsErrorAdvice(throttled)).toEqual([
      '(ThrottlingException, HTTP 400)',
      'AWS throttled the request: wait a moment and rerun',
    ]);
    // an exception with no advice of its own still names itself, for a support case
    expect(awsErrorAdvice(workgroup)).toEqual(['(InvalidRequestException, HTTP 400)']);
  });

  it('a local failure, or a network error without the SDK, adds nothing; one the SDK met says AWS was out of reach', () => {
    // Act, Assess
    expect(awsErrorAdvice(new Error('the drop folder /tmp/x is not there'))).toEqual([]);
    expect(awsErrorAdvice(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' }))).toEqual([]);
    expect(awsErrorAdvice('a string')).toEqual([]);
    // (review) a local server refusing, or an AbortSignal's timeout, is no AWS matter
    expect(
      awsErrorAdvice(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8080'), { code: 'ECONNREFUSED' }),
      ),
    ).toEqual([]);
    expect(
      awsErrorAdvice(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    ).toEqual([]);
    expect(
      awsErrorAdvice(
        Object.assign(new Error('getaddrinfo ENOTFOUND states.eu-west-1.amazonaws.com'), {
          code: 'ENOTFOUND',
          $metadata: { attempts: 3 },
        }),
      ),
    ).toEqual(['(ENOTFOUND)', 'AWS could not be reached: check the network, a proxy, and --region']);
  });
});
