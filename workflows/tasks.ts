/**
 * The single list of workflow tasks. The ASL definition, the Lambda handlers (functions/), the
 * infrastructure and the local runner are all derived from it, so they cannot drift.
 * One name from state to file: state `LoadCall` <-> functions/load-call.ts <-> core/steps/load-call.ts.
 */
export const MAIN_TASKS = ['LoadCall', 'PostProcess', 'WriteResults'] as const;
export const QUARANTINE_TASK = 'QuarantineCall' as const;

export const TASK_NAMES = [...MAIN_TASKS, QUARANTINE_TASK] as const;
export type TaskName = (typeof TASK_NAMES)[number];

/** `LoadCall` -> `load-call` (file names), `LoadCallFunctionArn` (ASL placeholders). */
export const kebab = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
export const arnPlaceholder = (name: TaskName): string => `\${${name}FunctionArn}`;

/** Errors worth retrying: our own transient ones and Lambda's service-side hiccups. */
export const TRANSIENT_ERRORS = [
  'ThrottledError',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
] as const;
