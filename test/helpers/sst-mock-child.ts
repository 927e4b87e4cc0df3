/**
 * Runs inside the bundle test/helpers/sst-mock-app.ts builds the way `sst deploy` does (SST's
 * own `auto/run.ts` wrapper, its shim, its components from .sst/platform, the providers from the
 * platform's node_modules), with Pulumi's offline mocks in place of the engine and the cloud.
 * Every registered resource and every provider call is written to the result file as JSON.
 *
 * Typechecked by tsconfig.sst.json (its @pulumi imports resolve in .sst/platform).
 */
import { writeFileSync } from 'node:fs';
import * as pulumi from '@pulumi/pulumi';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
/** Checks, 50 ms apart, with nothing new registered and no RPC in flight before the run counts as settled. */
const QUIET_CHECKS = 40;

interface Recorded {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  state: Record<string, unknown>;
  /** Resource options the engine would get (the mocks see none): what `sst remove` keeps. */
  options: { retainOnDelete?: boolean };
}

/** A plausible ARN for each resource type, so the definition and policies carry real-shaped ARNs. */
const arnFor = (type: string, physical: string): string => {
  const [pkg = '', mod = ''] = type.split(':');
  const service = mod.split('/')[0] ?? mod;
  if (pkg !== 'aws') return `urn:mock:${type}:${physical}`;
  switch (service) {
    case 's3':
      return `arn:aws:s3:::${physical}`;
    case 'lambda':
      return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${physical}`;
    case 'iam':
      return `arn:aws:iam::${ACCOUNT}:${type.endsWith(':Role') ? 'role' : 'policy'}/${physical}`;
    case 'sfn':
      return `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${physical}`;
    case 'sqs':
      return `arn:aws:sqs:${REGION}:${ACCOUNT}:${physical}`;
    case 'sns':
      return `arn:aws:sns:${REGION}:${ACCOUNT}:${physical}`;
    case 'kms':
      return `arn:aws:kms:${REGION}:${ACCOUNT}:key/${physical}`;
    case 'secretsmanager':
      return `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${physical}-AbCdEf`;
    case 'cloudwatch':
      return type.includes('EventRule')
        ? `arn:aws:events:${REGION}:${ACCOUNT}:rule/${physical}`
        : `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:${mod}:${physical}`;
    case 'athena':
      return `arn:aws:athena:${REGION}:${ACCOUNT}:workgroup/${physical}`;
    case 'glue':
      return `arn:aws:glue:${REGION}:${ACCOUNT}:${type.includes('Database') ? 'database' : 'table'}/${physical}`;
    default:
      return `arn:aws:${service}:${REGION}:${ACCOUNT}:${physical}`;
  }
};

/** `aws.iam.getPolicyDocument` as the provider computes it (the subset SST's components use). */
const policyDocument = (inputs: Record<string, unknown>) => {
  const statements = (inputs.statements as Record<string, unknown>[] | undefined) ?? [];
  return {
    Version: '2012-10-17',
    Statement: statements.map((s) => ({
      ...(s.sid ? { Sid: s.sid } : {}),
      Effect: (s.effect as string | undefined) ?? 'Allow',
      ...(s.principals
        ? {
            Principal: Object.fromEntries(
              (s.principals as { type: string; identifiers: string[] }[]).map((p) => [p.type, p.identifiers]),
            ),
          }
        : {}),
      ...(s.actions ? { Action: s.actions } : {}),
      ...(s.resources ? { Resource: s.resources } : {}),
      ...(s.conditions
        ? {
            Condition: Object.fromEntries(
              (s.conditions as { test: string; variable: string; values: string[] }[]).map((c) => [
                c.test,
                { [c.variable]: c.values },
              ]),
            ),
          }
        : {}),
    })),
  };
};

export const main = async (
  run: (program: () => Promise<unknown>) => Promise<Record<string, unknown>>,
  load: () => Promise<{ default: { run: () => Promise<unknown> } }>,
): Promise<void> => {
  const out = process.env.DEBRIEF_SST_RESULT;
  const stage = process.env.DEBRIEF_SST_STAGE ?? 'test';
  if (!out) throw new Error('DEBRIEF_SST_RESULT is not set');
  const resources: Recorded[] = [];
  // Options as they reach the engine, after SST's own stack transformations (its removal policy).
  const options = new Map<string, Recorded['options']>();
  const optionKey = (type: string, name: string) => `${type}::${name}`;
  const calls: { token: string; inputs: unknown }[] = [];
  const errors: string[] = [];
  const fail = (e: unknown) => errors.push(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  process.on('unhandledRejection', fail);
  process.on('uncaughtException', fail);

  await pulumi.runtime.setMocks(
    {
      newResource: ({ type, name, inputs }) => {
        const physical = String(inputs.name ?? inputs.bucket ?? `${name}-${resources.length}`);
        const state: Record<string, unknown> = {
          ...inputs,
          name: inputs.name ?? physical,
          arn: arnFor(type, physical),
          ...(type === 'aws:s3/bucketV2:BucketV2' || type === 'aws:s3/bucket:Bucket'
            ? { bucket: physical }
            : {}),
          ...(type === 'aws:lambda/function:Function'
            ? { invokeArn: `arn:aws:apigateway:${REGION}:lambda:path/functions/${arnFor(type, physical)}` }
            : {}),
          ...(type.startsWith('random:')
            ? { result: 'x'.repeat(Number(inputs.length ?? 32)), hex: 'ab12' }
            : {}),
          ...(type === 'aws:sqs/queue:Queue'
            ? { url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${physical}` }
            : {}),
        };
        resources.push({ type, name, inputs, state, options: options.get(optionKey(type, name)) ?? {} });
        return { id: `${physical}-id`, state };
      },
      call: ({ token, inputs }) => {
        calls.push({ token, inputs });
        switch (token) {
          case 'aws:index/getRegion:getRegion':
            return { name: REGION, region: REGION, id: REGION, endpoint: `ec2.${REGION}.amazonaws.com` };
          case 'aws:index/getCallerIdentity:getCallerIdentity':
            return {
              accountId: ACCOUNT,
              arn: `arn:aws:iam::${ACCOUNT}:user/ci`,
              userId: 'AIDA',
              id: ACCOUNT,
            };
          case 'aws:index/getPartition:getPartition':
            return { partition: 'aws', dnsSuffix: 'amazonaws.com', id: 'aws' };
          case 'aws:iam/getPolicyDocument:getPolicyDocument':
            return { json: JSON.stringify(policyDocument(inputs)), id: 'policy' };
          default:
            throw new Error(`no mock for provider call ${token}`);
        }
      },
    },
    'debrief',
    stage,
    false,
  );

  let outputs: unknown = null;
  try {
    const mod = await load();
    // As the Pulumi language host does: the program runs inside the root stack resource (SST's
    // stack transformations, such as its one-policy-per-bucket check, hang off it).
    const result = await pulumi.runtime.runInPulumiStack(() =>
      run(() => {
        // Registered after SST's (run() adds its own first), so it sees what they set.
        pulumi.runtime.registerStackTransformation((args) => {
          options.set(optionKey(args.type, args.name), { retainOnDelete: args.opts.retainOnDelete });
          return undefined;
        });
        return mod.default.run();
      }),
    );
    outputs = await new Promise((resolve) => pulumi.output(result).apply(resolve));
  } catch (e) {
    fail(e);
  }
  // Registrations and applies go on after the program returns (the engine would wait for them):
  // wait until Pulumi's own queue of registrations has drained and nothing new has been registered
  // for a while. Two seconds of quiet, not half of one: CI once saw the state machines and four
  // functions (registered after every function's bundle) missing when the machine was loaded.
  const waitForRPCs = (pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> }).waitForRPCs;
  const rpcBusy = async () =>
    ((await (await fetch(`${process.env.SST_SERVER}/inflight`)).json()) as { inflight: number }).inflight > 0;
  let seen = -1;
  for (let quiet = 0; quiet < QUIET_CHECKS; ) {
    if (waitForRPCs !== undefined) await waitForRPCs();
    await new Promise((r) => setTimeout(r, 50));
    const now = resources.length + calls.length + errors.length;
    quiet = now === seen && !(await rpcBusy()) ? quiet + 1 : 0;
    seen = now;
  }
  writeFileSync(out, JSON.stringify({ resources, calls, outputs, errors }));
  process.exit(0);
};
