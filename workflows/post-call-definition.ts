import { arnPlaceholder, MAIN_TASKS, QUARANTINE_TASK, type TaskName, TRANSIENT_ERRORS } from './tasks.js';

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

export const failedStateName = (task: TaskName): string => `${task}Failed`;

const task = (name: TaskName, next: string | null): State => ({
  Type: 'Task',
  Resource: arnPlaceholder(name),
  Retry: retry,
  ...(name === QUARANTINE_TASK
    ? {}
    : { Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: failedStateName(name) }] }),
  ...(next ? { Next: next } : { End: true }),
});

/**
 * The post-call workflow (JSONPath ASL). Payloads are object keys. Any task that fails after
 * its retries goes through `<Task>Failed` (records which state failed) to QuarantineCall, which
 * keeps the inputs, writes an error report and marks the call quarantined.
 */
export const postCallDefinition = (): AslDefinition => {
  const states: Record<string, State> = {};
  MAIN_TASKS.forEach((name, i) => {
    states[name] = task(name, MAIN_TASKS[i + 1] ?? null);
  });
  for (const name of MAIN_TASKS) {
    states[failedStateName(name)] = {
      Type: 'Pass',
      Result: name,
      ResultPath: '$.failedState',
      Next: QUARANTINE_TASK,
    };
  }
  states[QUARANTINE_TASK] = task(QUARANTINE_TASK, 'Quarantined');
  states.Quarantined = {
    Type: 'Fail',
    Error: 'CallQuarantined',
    Cause: 'The call was quarantined: see call_status and the error report under quarantine/<callId>/.',
  };
  return {
    Comment: 'debrief post-call workflow: one call from drop to Parquet tables',
    QueryLanguage: 'JSONPath',
    StartAt: MAIN_TASKS[0],
    TimeoutSeconds: 6 * 60 * 60,
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
