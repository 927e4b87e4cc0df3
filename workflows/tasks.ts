/**
 * The single list of workflow tasks. The ASL definition, the Lambda handlers (functions/), the
 * infrastructure and the local runner are all derived from it, so they cannot drift.
 * One name from state to file: state `LoadCall` <-> functions/load-call.ts <-> core/steps/load-call.ts.
 */

/** Enrichment runs as a Parallel state; each branch degrades on its own (call lands `partial`). */
export const ENRICH_BRANCHES = ['DetectTopics', 'SummarizeCall', 'DetectToxicity'] as const;
export type EnrichTask = (typeof ENRICH_BRANCHES)[number];
export const ENRICH_PARALLEL = 'Enrich' as const;

/**
 * The first task: find the call's inputs (sidecars by stem), and whether a transcript exists
 * (dropped, or transcribed earlier from the same audio) or the audio must be transcribed first.
 */
export const CLAIM_TASK = 'ClaimCall' as const;

/**
 * The transcription stage, for calls dropped as audio: check the recording, start the job, then
 * wait and poll until it completes (a Wait/Get/Choice loop: see README, "Waiting for Transcribe").
 */
export const TRANSCRIPTION_TASKS = ['InspectAudio', 'StartTranscription', 'GetTranscription'] as const;
export type TranscriptionTask = (typeof TRANSCRIPTION_TASKS)[number];

/** The main path in order; the Enrich entry stands for the Parallel state. */
export const MAIN_PATH = [
  'LoadCall',
  'MergeCtr',
  // Right after MergeCtr (participant names are known), before anything reads the text.
  'RedactPii',
  ENRICH_PARALLEL,
  'ApplyEnrichment',
  'PostProcess',
  'WriteResults',
] as const;
export type MainStep = (typeof MAIN_PATH)[number];
export const QUARANTINE_TASK = 'QuarantineCall' as const;

export const TASK_NAMES = [
  CLAIM_TASK,
  ...TRANSCRIPTION_TASKS,
  ...(MAIN_PATH.filter((s) => s !== ENRICH_PARALLEL) as Exclude<MainStep, typeof ENRICH_PARALLEL>[]),
  ...ENRICH_BRANCHES,
  QUARANTINE_TASK,
] as const;
export type TaskName =
  | typeof CLAIM_TASK
  | TranscriptionTask
  | Exclude<MainStep, typeof ENRICH_PARALLEL>
  | EnrichTask
  | typeof QUARANTINE_TASK;

/** The enrichment part each branch produces (its result file and its column group). */
export const ENRICH_PART: Record<EnrichTask, 'topics' | 'summary' | 'toxicity'> = {
  DetectTopics: 'topics',
  SummarizeCall: 'summary',
  DetectToxicity: 'toxicity',
};

/** `LoadCall` -> `load-call` (file names), `LoadCallFunctionArn` (ASL placeholders). */
export const kebab = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
export const arnPlaceholder = (name: TaskName): string => `\${${name}FunctionArn}`;

/** Errors worth retrying: our own transient ones and Lambda's service-side hiccups. */
export const TRANSIENT_ERRORS = [
  'ThrottledError',
  // Transcribe answered outside its contract (a COMPLETED job with no transcript location).
  'TranscriptionServiceError',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  // The Lambda service timed out delivering the invocation (not the function's own timeout).
  'Lambda.ClientExecutionTimeoutException',
] as const;
