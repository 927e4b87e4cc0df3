import { REDACTED_AUDIO_SUFFIXES } from '../core/transcription/transcription-plan.js';
import { StartFrom } from '../schemas/workflow.js';
import type { AslDefinition } from './post-call-definition.js';

export { MAX_REPROCESS_CONCURRENCY } from '../schemas/reprocess-limits.js';

/**
 * The reprocess workflow: a Step Functions Distributed Map over a listing of the calls bucket that
 * starts the post-call state machine once per call, from the stored transcript (a taxonomy change,
 * a new model: nothing is transcribed again). ClaimCall decides which listed object speaks for a
 * call (core/reprocess-item.ts); the Choice below only spares the obvious sidecars a child run.
 *
 * Fields as documented in the Step Functions Developer Guide: "Using Map state in Distributed
 * mode", "ItemReader (Map)" (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html:
 * `arn:aws:states:::s3:listObjectsV2` with Parameters Bucket/Prefix; each item is
 * `{ Etag, Key, LastModified (epoch seconds), Size, StorageClass }`), "ItemSelector (Map)",
 * "ResultWriter (Map)" and "IAM policies for using Distributed Map states"
 * (https://docs.aws.amazon.com/step-functions/latest/dg/iam-policies-eg-dist-map.html).
 *
 * Child executions are STANDARD, not EXPRESS: the child waits for the post-call execution with
 * `startExecution.sync:2`, and Express workflows support neither `.sync` integrations nor runs
 * over 5 minutes (a busy call waits for another execution's lease; a call's Lambdas and Bedrock
 * can take minutes under throttling). Per-call runs never wait for Transcribe here, since a
 * reprocess does not transcribe, but Standard is what `.sync` requires.
 *
 * No ItemBatcher: in JSONPath a batch cannot drop its sidecars without a state per item, so
 * batching saves no state transitions, and it would count one failed call as a failed batch
 * (ToleratedFailurePercentage would no longer mean "percent of calls").
 */

/** Placeholders replaced at deploy time (renderReprocessDefinition), as the post-call ASL's ARNs. */
const placeholder = (name: string) => `\${${name}}`;
export const POST_CALL_ARN_PLACEHOLDER = placeholder('PostCallStateMachineArn');
export const BUCKET_PLACEHOLDER = placeholder('CallsBucket');
export const REPROCESS_RESULTS_PREFIX = 'reprocess-results';

export const DEFAULTS_STATE = 'Defaults';
export const SETTINGS_STATE = 'Settings';
export const CHECK_FROM = 'CheckFrom';
export const UNKNOWN_FROM = 'UnknownFrom';
/** The Fail state's error when `from` is neither `start` nor `PostProcess`. */
export const UNKNOWN_FROM_ERROR = 'Debrief.UnknownFrom';
export const REPROCESS_MAP = 'ReprocessCalls';
export const ITEM_FILTER = 'WhichItem';
export const REPROCESS_CALL = 'ReprocessCall';
export const SIDECAR = 'Sidecar';
export const BEFORE_SINCE = 'BeforeSince';

/**
 * Known sidecars and by-products (always lower-case as debrief and Genesys write them): their
 * call runs from its transcript or recording. Anything else goes to ClaimCall, which decides.
 * Redacted audio in every container the transcription plan can write (`.redacted.opus` from a
 * Genesys Opus recording, …): the same list, so a new one cannot start a post-call run for nothing.
 */
export const SIDECAR_PATTERNS = [
  '*.ctr.json',
  '*.recording.json',
  '*_metadata.json',
  ...REDACTED_AUDIO_SUFFIXES.map((suffix) => `*${suffix}`),
  '*/genesys-users.json',
  '*/genesys-users.csv',
  '*/genesys-queues.json',
  '*/genesys-queues.csv',
];

export interface ReprocessDefaults {
  /** Calls in flight at once (Map MaxConcurrency): see reprocessConcurrency in infra/reprocess.ts. */
  maxConcurrency: number;
  /** The map run fails once more than this share of calls failed (quarantined counts as failed). */
  toleratedFailurePercentage: number;
}

/** What an execution of the reprocess state machine takes (every field optional). */
export interface ReprocessInput {
  /** `inbox/` (every call still in the inbox) or `transcripts/` (calls dropped as recordings). */
  prefix?: string;
  /** Skip objects last modified before this time (epoch seconds; 0 = all). */
  notBeforeEpochSeconds?: number;
  maxConcurrency?: number;
  toleratedFailurePercentage?: number;
  /**
   * Where each call starts: `start` (the whole workflow) or `PostProcess` (`--from post-process`:
   * PostProcess and WriteResults on the call's stored enriched document; a call with none runs in full).
   */
  from?: StartFrom;
}

export const reprocessDefinition = (defaults: ReprocessDefaults): AslDefinition => ({
  Comment: 'debrief reprocess: one post-call execution per stored call (Distributed Map over an S3 listing)',
  QueryLanguage: 'JSONPath',
  StartAt: DEFAULTS_STATE,
  // A year of calls at the default concurrency takes days; Standard executions may run a year.
  TimeoutSeconds: 30 * 24 * 60 * 60,
  States: {
    [DEFAULTS_STATE]: {
      Type: 'Pass',
      Comment: 'the deployed defaults beside the execution input',
      Parameters: {
        'input.$': '$',
        defaults: {
          prefix: 'inbox/',
          notBeforeEpochSeconds: 0,
          maxConcurrency: defaults.maxConcurrency,
          toleratedFailurePercentage: defaults.toleratedFailurePercentage,
          from: 'start',
        } satisfies Required<ReprocessInput>,
      },
      Next: SETTINGS_STATE,
    },
    [SETTINGS_STATE]: {
      Type: 'Pass',
      Comment: "the execution's input over the deployed defaults",
      Parameters: { 'settings.$': 'States.JsonMerge($.defaults, $.input, false)' },
      OutputPath: '$.settings',
      Next: CHECK_FROM,
    },
    [CHECK_FROM]: {
      Type: 'Choice',
      Comment: 'where each call starts: only the starts ClaimCall knows, before any call is listed or run',
      Choices: [
        {
          Or: StartFrom.options.map((from) => ({ Variable: '$.from', StringEquals: from })),
          Next: REPROCESS_MAP,
        },
      ],
      Default: UNKNOWN_FROM,
    },
    [UNKNOWN_FROM]: {
      Type: 'Fail',
      Error: UNKNOWN_FROM_ERROR,
      Cause: `"from" must be ${StartFrom.options.map((f) => `"${f}"`).join(' or ')} (debrief reprocess --aws --from post-process sends "PostProcess"): no call was run`,
    },
    [REPROCESS_MAP]: {
      Type: 'Map',
      Label: REPROCESS_MAP,
      ItemReader: {
        Resource: 'arn:aws:states:::s3:listObjectsV2',
        Parameters: { Bucket: BUCKET_PLACEHOLDER, 'Prefix.$': '$.prefix' },
      },
      ItemSelector: {
        'key.$': '$$.Map.Item.Value.Key',
        'lastModified.$': '$$.Map.Item.Value.LastModified',
        'notBefore.$': '$.notBeforeEpochSeconds',
        'from.$': '$.from',
      },
      MaxConcurrencyPath: '$.maxConcurrency',
      ToleratedFailurePercentagePath: '$.toleratedFailurePercentage',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: ITEM_FILTER,
        States: {
          [ITEM_FILTER]: {
            Type: 'Choice',
            Choices: [
              {
                Or: SIDECAR_PATTERNS.map((p) => ({ Variable: '$.key', StringMatches: p })),
                Next: SIDECAR,
              },
              {
                And: [
                  { Variable: '$.lastModified', IsNumeric: true },
                  { Variable: '$.lastModified', NumericLessThanPath: '$.notBefore' },
                ],
                Next: BEFORE_SINCE,
              },
            ],
            Default: REPROCESS_CALL,
          },
          [SIDECAR]: { Type: 'Succeed', Comment: 'its call runs from its transcript or recording' },
          [BEFORE_SINCE]: { Type: 'Succeed', Comment: 'last modified before --since' },
          [REPROCESS_CALL]: {
            Type: 'Task',
            Resource: 'arn:aws:states:::states:startExecution.sync:2',
            Parameters: {
              StateMachineArn: POST_CALL_ARN_PLACEHOLDER,
              Input: {
                reprocess: { 'key.$': '$.key', 'from.$': '$.from' },
                // Links the post-call execution to this child in the console.
                'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id',
              },
            },
            // What ResultWriter keeps per call: which execution, how it ended, what it wrote.
            ResultSelector: {
              'key.$': '$.Input.reprocess.key',
              'execution.$': '$.ExecutionArn',
              'status.$': '$.Status',
              'output.$': '$.Output',
            },
            Retry: [
              {
                // The account's open-execution quota (StartExecution's ExecutionLimitExceeded, prefixed
                // with the service as integrations name errors): wait and start again.
                ErrorEquals: ['StepFunctions.ExecutionLimitExceeded'],
                IntervalSeconds: 30,
                MaxAttempts: 6,
                BackoffRate: 2,
                JitterStrategy: 'FULL',
              },
            ],
            End: true,
          },
        },
      },
      ResultWriter: {
        Resource: 'arn:aws:states:::s3:putObject',
        Parameters: { Bucket: BUCKET_PLACEHOLDER, Prefix: REPROCESS_RESULTS_PREFIX },
      },
      End: true,
    },
  },
});

/** Replace the placeholders with the deployed post-call state machine and bucket. */
export const renderReprocessDefinition = (
  definition: AslDefinition,
  refs: { postCallStateMachineArn: string; bucket: string },
): string =>
  JSON.stringify(definition)
    .replaceAll(POST_CALL_ARN_PLACEHOLDER, refs.postCallStateMachineArn)
    .replaceAll(BUCKET_PLACEHOLDER, refs.bucket);
