import { REPROCESS_PREFIXES } from '../core/reprocess-item.js';
import {
  MAX_REPROCESS_CONCURRENCY,
  REPROCESS_RESULTS_PREFIX,
  type ReprocessDefaults,
} from '../workflows/reprocess-definition.js';
import { deploySetting } from './config.js';
import type { PolicyDocument } from './iam.js';

/**
 * How many calls a reprocess runs at once, from the AI services' quotas: each call in flight
 * holds its share of every quota for the `secondsPerCall` it takes, so
 *   concurrency <= share × (quota per second) × secondsPerCall / (requests per call)
 * for each quota, and the smallest bound wins. `share` leaves the rest of each quota to the
 * calls that keep arriving while a reprocess runs. Throttled requests are retried (the adapters
 * raise ThrottledError, the post-call ASL retries it), so a bound set too high costs time, not calls.
 */
export interface ReprocessQuotas {
  /** Comprehend DetectToxicContent requests per second (Service Quotas, per region). */
  toxicityTps: number;
  /** DetectToxicContent requests per call: ~60 turns in batches of ≤ 10 segments. */
  toxicityRequestsPerCall: number;
  /** Bedrock on-demand quotas of the summary model: requests and tokens per minute. */
  bedrockRpm: number;
  bedrockTpm: number;
  /** Tokens per summary: ~2,500 in + 300 out (the README's cost assumptions). */
  bedrockTokensPerCall: number;
  /** What the topics endpoint's instances answer per second (0: no endpoint). */
  sagemakerRps: number;
  /** Wall time of one call's run (12 Lambda steps × ~2 s, the enrichment branches side by side). */
  secondsPerCall: number;
  /** Share of each quota a reprocess may use. */
  share: number;
}

/**
 * Assumed quotas (set DEBRIEF_REPROCESS_CONCURRENCY from your account's Service Quotas: these
 * figures are round planning numbers, not read from any account).
 */
export const ASSUMED_QUOTAS: ReprocessQuotas = {
  toxicityTps: 10,
  toxicityRequestsPerCall: 6,
  bedrockRpm: 500,
  bedrockTpm: 500_000,
  bedrockTokensPerCall: 2_800,
  sagemakerRps: 20,
  secondsPerCall: 20,
  share: 0.5,
};

/** Each quota's bound on the calls in flight, and the smallest of them. */
export const reprocessConcurrency = (
  q: ReprocessQuotas,
): { concurrency: number; bounds: Record<string, number> } => {
  const inFlight = (perSecond: number, perCall: number) => (q.share * perSecond * q.secondsPerCall) / perCall;
  const bounds: Record<string, number> = {
    'Comprehend DetectToxicContent TPS': inFlight(q.toxicityTps, q.toxicityRequestsPerCall),
    'Bedrock requests per minute': inFlight(q.bedrockRpm / 60, 1),
    'Bedrock tokens per minute': inFlight(q.bedrockTpm / 60, q.bedrockTokensPerCall),
    ...(q.sagemakerRps > 0 ? { 'SageMaker endpoint requests per second': inFlight(q.sagemakerRps, 1) } : {}),
  };
  return { concurrency: Math.max(1, Math.floor(Math.min(...Object.values(bounds)))), bounds };
};

/** 16 with the assumed quotas (the toxicity bound: 0.5 × 10 × 20 / 6 = 16.7). */
export const DEFAULT_REPROCESS_CONCURRENCY = reprocessConcurrency(ASSUMED_QUOTAS).concurrency;
export const DEFAULT_TOLERATED_FAILURE_PERCENTAGE = 5;
export { MAX_REPROCESS_CONCURRENCY };

/** DEBRIEF_REPROCESS_CONCURRENCY / DEBRIEF_REPROCESS_TOLERATED_FAILURE_PERCENT, else the defaults. */
export const reprocessDefaultsFromEnv = (env: Record<string, string | undefined>): ReprocessDefaults => {
  const concurrency = Number(
    deploySetting(env, 'DEBRIEF_REPROCESS_CONCURRENCY') ?? DEFAULT_REPROCESS_CONCURRENCY,
  );
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_REPROCESS_CONCURRENCY)
    throw new Error(
      `invalid deploy configuration: DEBRIEF_REPROCESS_CONCURRENCY: a whole number from 1 to ${MAX_REPROCESS_CONCURRENCY}`,
    );
  const tolerated = Number(
    deploySetting(env, 'DEBRIEF_REPROCESS_TOLERATED_FAILURE_PERCENT') ?? DEFAULT_TOLERATED_FAILURE_PERCENTAGE,
  );
  if (!Number.isFinite(tolerated) || tolerated < 0 || tolerated > 100)
    throw new Error(
      'invalid deploy configuration: DEBRIEF_REPROCESS_TOLERATED_FAILURE_PERCENT: a number from 0 to 100',
    );
  return { maxConcurrency: concurrency, toleratedFailurePercentage: tolerated };
};

export interface ReprocessArns {
  partition: string;
  region: string;
  account: string;
  bucketArn: string;
  kmsKeyArn: string;
  /** The post-call state machine each call runs on. */
  postCallStateMachineArn: string;
  /** The reprocess state machine itself (its Distributed Map starts child executions of it). */
  reprocessStateMachineArn: string;
}

/** `arn:…:stateMachine:name` -> `arn:…:execution:name` (executions of that state machine). */
const executionsOf = (stateMachineArn: string) => stateMachineArn.replace(':stateMachine:', ':execution:');

/**
 * The reprocess state machine's role, least privilege ("IAM policies for using Distributed Map
 * states", "IAM policies for nested Step Functions calls" and "ResultWriter (Map)" in the Step
 * Functions Developer Guide):
 * - its Distributed Map runs child executions of the state machine itself (StartExecution on it,
 *   Describe/Stop on `execution:<name>/*`, the map run's children);
 * - each child starts the post-call machine and waits for it (`.sync`): Start on it, Describe/Stop
 *   on its executions, and the managed EventBridge rule Step Functions uses to learn they ended;
 * - ItemReader lists the call prefixes only; ResultWriter writes `reprocess-results/` only (large
 *   result files are multipart uploads); the bucket's KMS key for those writes.
 * Nothing else: no GetObject anywhere (the post-call Lambdas read the calls with their own roles).
 */
export const reprocessPolicy = (a: ReprocessArns): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['states:StartExecution'],
      Resource: [a.reprocessStateMachineArn, a.postCallStateMachineArn],
    },
    {
      Effect: 'Allow',
      Action: ['states:DescribeExecution', 'states:StopExecution'],
      Resource: [
        `${executionsOf(a.reprocessStateMachineArn)}/*`,
        `${executionsOf(a.postCallStateMachineArn)}:*`,
      ],
    },
    {
      Effect: 'Allow',
      Action: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
      Resource: [
        `arn:${a.partition}:events:${a.region}:${a.account}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule`,
      ],
    },
    {
      Effect: 'Allow',
      Action: ['s3:ListBucket'],
      Resource: [a.bucketArn],
      Condition: { StringLike: { 's3:prefix': REPROCESS_PREFIXES.map((p) => `${p}*`) } },
    },
    {
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      Resource: [`${a.bucketArn}/${REPROCESS_RESULTS_PREFIX}/*`],
    },
    { Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: [a.kmsKeyArn] },
  ],
});
