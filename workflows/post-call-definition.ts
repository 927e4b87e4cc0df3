import {
  arnPlaceholder,
  CLAIM_TASK,
  ENRICH_BRANCHES,
  ENRICH_PARALLEL,
  ENRICH_PART,
  type EnrichTask,
  MAIN_PATH,
  QUARANTINE_TASK,
  type TaskName,
  TRANSCRIPTION_TASKS,
  TRANSIENT_ERRORS,
} from './tasks.js';

type State = Record<string, unknown>;
export interface AslDefinition {
  Comment: string;
  QueryLanguage: 'JSONPath';
  StartAt: string;
  TimeoutSeconds: number;
  States: Record<string, State>;
}

const retry = [
  {
    ErrorEquals: [...TRANSIENT_ERRORS],
    IntervalSeconds: 2,
    MaxAttempts: 4,
    BackoffRate: 2,
    JitterStrategy: 'FULL',
  },
];

export const failedStateName = (step: string): string => `${step}Failed`;
export const degradedStateName = (task: EnrichTask): string => `${task}Degraded`;

/** The non-Task states of the transcription stage (Choices and Waits). */
export const ROUTE_CALL = 'RouteCall';
export const TRANSCRIPTION_STARTED = 'TranscriptionStarted';
export const WAIT_TO_RETRY_START = 'WaitToRetryTranscriptionStart';
export const WAIT_FOR_TRANSCRIPTION = 'WaitForTranscription';
export const TRANSCRIPTION_DONE = 'TranscriptionDone';
/** Another execution holds the call: wait, then claim it again. */
export const WAIT_FOR_CALL = 'WaitForCall';
/** An exact repeat of the inputs the call last completed with (a repeated event). */
export const UNCHANGED = 'Unchanged';
/** A sidecar arrived before its recording or transcript: that file's own event runs the call. */
export const AWAITING_RECORDING = 'AwaitingRecording';
/** A reprocess item that runs nothing (a sidecar, a superseded transcript: see core/reprocess-item.ts). */
export const NOTHING_TO_REPROCESS = 'NothingToReprocess';
/** ClaimCall failed before it knew the call (a reprocess item): nothing to quarantine, the execution fails. */
export const CLAIM_FAILED_ROUTE = 'ClaimFailedRoute';
export const CLAIM_FAILED_WITHOUT_CALL = 'ClaimFailedWithoutCall';
/** Where a PostProcess-only run (`--from post-process`) enters the main path. */
export const POST_PROCESS = 'PostProcess' satisfies (typeof MAIN_PATH)[number];

const statusIs = (value: string, next: string) => ({
  Variable: '$.transcription.status',
  StringEquals: value,
  Next: next,
});

/**
 * ClaimCall, then a transcript goes to LoadCall and a recording through the transcription
 * stage: InspectAudio -> StartTranscription (throttled: back off and try again) -> Wait ->
 * GetTranscription, polled until COMPLETED (then LoadCall) or a deadline/failure (quarantine).
 */
const frontStates = (): Record<string, State> => {
  const [inspect, start, get] = TRANSCRIPTION_TASKS;
  const main = MAIN_PATH[0];
  return {
    [CLAIM_TASK]: task(CLAIM_TASK, ROUTE_CALL, failedStateName(CLAIM_TASK)),
    [ROUTE_CALL]: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.route', StringEquals: 'audio', Next: inspect },
        { Variable: '$.route', StringEquals: 'busy', Next: WAIT_FOR_CALL },
        { Variable: '$.route', StringEquals: 'unchanged', Next: UNCHANGED },
        { Variable: '$.route', StringEquals: 'incomplete', Next: AWAITING_RECORDING },
        { Variable: '$.route', StringEquals: 'skipped', Next: NOTHING_TO_REPROCESS },
        // A copy of another call's recording (AWS: core/recording-claims.ts): quarantined as a
        // failure of ClaimCall, with the error ClaimCall put in $.error, before any transcription.
        { Variable: '$.route', StringEquals: 'copy', Next: failedStateName(CLAIM_TASK) },
        // `--from post-process` (core/enriched-document.ts): ClaimCall copied the call's stored
        // enriched document to this execution's working document; nothing before PostProcess runs.
        { Variable: '$.route', StringEquals: 'post-process', Next: POST_PROCESS },
      ],
      Default: main,
    },
    [WAIT_FOR_CALL]: { Type: 'Wait', SecondsPath: '$.claim.waitSeconds', Next: CLAIM_TASK },
    [UNCHANGED]: { Type: 'Succeed', Comment: 'these exact inputs were processed already' },
    [AWAITING_RECORDING]: {
      Type: 'Succeed',
      Comment: "a sidecar came first: the recording's own event runs the call",
    },
    [NOTHING_TO_REPROCESS]: {
      Type: 'Succeed',
      Comment: 'a reprocess item that runs nothing: $.reprocess.reason says why',
    },
    [CLAIM_FAILED_ROUTE]: {
      Type: 'Choice',
      // (IsPresent: true, not false: aws-local-stepfunctions 3.0.0 never matches `IsPresent: false`.)
      Choices: [{ Variable: '$.callId', IsPresent: true, Next: QUARANTINE_TASK }],
      Default: CLAIM_FAILED_WITHOUT_CALL,
    },
    [CLAIM_FAILED_WITHOUT_CALL]: { Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' },
    [inspect]: task(inspect, start, failedStateName(inspect)),
    [start]: task(start, TRANSCRIPTION_STARTED, failedStateName(start)),
    [TRANSCRIPTION_STARTED]: {
      Type: 'Choice',
      Choices: [statusIs('THROTTLED', WAIT_TO_RETRY_START)],
      Default: WAIT_FOR_TRANSCRIPTION,
    },
    [WAIT_TO_RETRY_START]: { Type: 'Wait', SecondsPath: '$.transcription.waitSeconds', Next: start },
    [WAIT_FOR_TRANSCRIPTION]: { Type: 'Wait', SecondsPath: '$.transcription.waitSeconds', Next: get },
    [get]: task(get, TRANSCRIPTION_DONE, failedStateName(get)),
    [TRANSCRIPTION_DONE]: {
      Type: 'Choice',
      Choices: [statusIs('COMPLETED', main), statusIs('NOT_STARTED', start)],
      Default: WAIT_FOR_TRANSCRIPTION,
    },
  };
};

/** Every state that can fail into quarantine: the front of the workflow and the main path. */
const QUARANTINABLE = [CLAIM_TASK, ...TRANSCRIPTION_TASKS, ...MAIN_PATH] as const;

const task = (name: TaskName, next: string | null, catchTo: string | null): State => ({
  Type: 'Task',
  Resource: arnPlaceholder(name),
  Retry: retry,
  ...(catchTo ? { Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: catchTo }] } : {}),
  ...(next ? { Next: next } : { End: true }),
});

/** One enrichment branch: the task, or on failure a Pass state that records the part and why. */
const enrichBranch = (name: EnrichTask): State => ({
  StartAt: name,
  States: {
    [name]: task(name, null, degradedStateName(name)),
    [degradedStateName(name)]: {
      Type: 'Pass',
      Parameters: { part: ENRICH_PART[name], failed: true, 'error.$': '$.error' },
      End: true,
    },
  },
});

/**
 * The post-call workflow (JSONPath ASL). Payloads are object keys. Enrichment branches degrade
 * on their own; any other task that fails after its retries goes through `<Step>Failed`
 * (records which state failed) to QuarantineCall, which keeps the inputs, writes an error
 * report and marks the call quarantined.
 */
export const postCallDefinition = (): AslDefinition => {
  const states: Record<string, State> = frontStates();
  MAIN_PATH.forEach((name, i) => {
    const next = MAIN_PATH[i + 1] ?? null;
    if (name === ENRICH_PARALLEL) {
      states[name] = {
        Type: 'Parallel',
        Branches: ENRICH_BRANCHES.map(enrichBranch),
        ResultPath: '$.parts',
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: failedStateName(name) }],
        Next: next,
      };
    } else {
      states[name] = task(name, next, failedStateName(name));
    }
  });
  for (const name of QUARANTINABLE) {
    states[failedStateName(name)] = {
      Type: 'Pass',
      Result: name,
      ResultPath: '$.failedState',
      // A reprocess item ClaimCall could not resolve has no call to quarantine yet.
      Next: name === CLAIM_TASK ? CLAIM_FAILED_ROUTE : QUARANTINE_TASK,
    };
  }
  states[QUARANTINE_TASK] = task(QUARANTINE_TASK, 'Quarantined', null);
  states.Quarantined = {
    Type: 'Fail',
    Error: 'CallQuarantined',
    Cause:
      'The call was quarantined (see call_status), or this drop of a call that has results was rejected for its own input (the call keeps them): see the error report under quarantine/<callId>/.',
  };
  return {
    Comment: 'debrief post-call workflow: one call from drop to Parquet tables',
    QueryLanguage: 'JSONPath',
    StartAt: CLAIM_TASK,
    // Long enough for a large burst of recordings to queue at Transcribe (see DEFAULT_TIMING).
    TimeoutSeconds: 24 * 60 * 60,
    States: states,
  };
};

/** Replace `${XFunctionArn}` placeholders (what infra does at deploy time). */
export const renderDefinition = (definition: AslDefinition, arns: Record<TaskName, string>): string =>
  JSON.stringify(definition).replace(/\$\{(\w+)FunctionArn\}/g, (_, name: TaskName) => {
    const arn = arns[name];
    if (!arn) throw new Error(`no function ARN for task ${name}`);
    return arn;
  });
