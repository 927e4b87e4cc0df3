import {
  arnPlaceholder,
  ENRICH_BRANCHES,
  ENRICH_PARALLEL,
  ENRICH_PART,
  type EnrichTask,
  MAIN_PATH,
  QUARANTINE_TASK,
  type TaskName,
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
  const states: Record<string, State> = {};
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
  for (const name of MAIN_PATH) {
    states[failedStateName(name)] = {
      Type: 'Pass',
      Result: name,
      ResultPath: '$.failedState',
      Next: QUARANTINE_TASK,
    };
  }
  states[QUARANTINE_TASK] = task(QUARANTINE_TASK, 'Quarantined', null);
  states.Quarantined = {
    Type: 'Fail',
    Error: 'CallQuarantined',
    Cause: 'The call was quarantined: see call_status and the error report under quarantine/<callId>/.',
  };
  return {
    Comment: 'debrief post-call workflow: one call from drop to Parquet tables',
    QueryLanguage: 'JSONPath',
    StartAt: MAIN_PATH[0],
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
