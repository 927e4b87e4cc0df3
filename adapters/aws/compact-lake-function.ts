import {
  GetFunctionConfigurationCommand,
  InvokeCommand,
  type LambdaClient,
  ListFunctionsCommand,
} from '@aws-sdk/client-lambda';
import { DebriefError } from '../../core/errors.js';

/** The stack could not be found or its CompactLake function failed: one readable line. */
export class StackLookupError extends DebriefError {
  override name = 'StackLookupError' as const;
}

/**
 * The head of the deployed CompactLake function's name: SST names a function
 * `<app>-<stage>-<logical name>Function-<random>` (sst.config.ts: app `debrief`, logical name
 * `CompactLake`, infra/functions.ts).
 */
export const compactLakeFunctionPrefix = (stage: string) => `debrief-${stage}-CompactLakeFunction-`;

/** Its name, found by that prefix (ListFunctions, every page). */
export const findCompactLakeFunction = async (client: LambdaClient, stage: string): Promise<string> => {
  const prefix = compactLakeFunctionPrefix(stage);
  const found: string[] = [];
  let marker: string | undefined;
  do {
    const page = await client.send(new ListFunctionsCommand({ MaxItems: 50, Marker: marker }));
    for (const f of page.Functions ?? []) if (f.FunctionName?.startsWith(prefix)) found.push(f.FunctionName);
    marker = page.NextMarker;
  } while (marker);
  if (found.length === 1 && found[0]) return found[0];
  throw new StackLookupError(
    found.length === 0
      ? `no Lambda function ${prefix}… in this account and region: deploy stage ${stage} (npx sst deploy --stage ${stage}), pass --region, or name it with --compact-function`
      : `several functions start with ${prefix} (${found.join(', ')}): name one with --compact-function`,
  );
};

/** What the stack's functions are told in their environment (infra/config.ts lambdaEnvironment). */
export interface StackRefs {
  compactFunction: string;
  bucket: string;
  /** The bucket's key (objects are written with it, as the functions write them). */
  kmsKeyId: string | undefined;
  /** The post-call state machine (event-driven executions of the calls). */
  stateMachineArn: string;
}

/** The bucket, key and state machine, read from the CompactLake function's environment. */
export const stackRefs = async (client: LambdaClient, compactFunction: string): Promise<StackRefs> => {
  const out = await client.send(new GetFunctionConfigurationCommand({ FunctionName: compactFunction }));
  const env = out.Environment?.Variables ?? {};
  const bucket = env.DEBRIEF_BUCKET;
  const stateMachineArn = env.DEBRIEF_STATE_MACHINE_ARN;
  if (!bucket || !stateMachineArn)
    throw new StackLookupError(
      `${compactFunction} has no DEBRIEF_BUCKET or DEBRIEF_STATE_MACHINE_ARN in its environment: is it the debrief stack's CompactLake function?`,
    );
  return { compactFunction, bucket, kmsKeyId: env.DEBRIEF_KMS_KEY_ID || undefined, stateMachineArn };
};

/** What the function answers (functions/compact-lake.ts): skipped when another compaction holds the lease. */
export type CompactOutcome =
  | { skipped: true; heldBy: { owner?: string; expiresAt?: string } | null }
  | { skipped: false; reports: { table: string; dt: string | null; superseded: number; inputs: number }[] };

/** Compact one day of every table, waiting for the answer (RequestResponse). */
export const invokeCompactLake = async (
  client: LambdaClient,
  compactFunction: string,
  dt: string,
): Promise<CompactOutcome> => {
  const out = await client.send(
    new InvokeCommand({
      FunctionName: compactFunction,
      InvocationType: 'RequestResponse',
      Payload: new TextEncoder().encode(JSON.stringify({ dt })),
    }),
  );
  const text = out.Payload ? new TextDecoder().decode(out.Payload) : '';
  if (out.FunctionError)
    throw new StackLookupError(
      `${compactFunction} failed compacting dt=${dt} (${out.FunctionError}): ${text}`,
    );
  try {
    return JSON.parse(text) as CompactOutcome;
  } catch {
    throw new StackLookupError(`${compactFunction} answered dt=${dt} with no outcome: ${text.slice(0, 200)}`);
  }
};
