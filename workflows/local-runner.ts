import './promise-with-resolvers.js';
import { readFileSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';

type JSONValue = Parameters<StateMachine['run']>[0];

import type { StepDeps } from '../core/steps/deps.js';
import { steps } from '../core/steps/index.js';
import type { CallExecutionRequest } from '../schemas/workflow.js';
import {
  type AslDefinition,
  renderDefinition,
  WAIT_FOR_TRANSCRIPTION,
  WAIT_TO_RETRY_START,
} from './post-call-definition.js';
import { TASK_NAMES, type TaskName } from './tasks.js';

/** Locally the transcription stage polls an in-process engine: a short real pause per Wait. */
export const LOCAL_WAIT_MS = 250;
const WAIT_STATES = [WAIT_FOR_TRANSCRIPTION, WAIT_TO_RETRY_START];

/** ARNs substituted into the placeholders locally, as deploy substitutes the real ones. */
export const localFunctionArns = (): Record<TaskName, string> =>
  Object.fromEntries(
    TASK_NAMES.map((n) => [n, `arn:aws:lambda:local:000000000000:function:debrief-${n}`]),
  ) as Record<TaskName, string>;

/** The committed ASL file: the very document deployed to Step Functions. */
export const DEFINITION_FILE = new URL('./post-call.asl.json', import.meta.url);

/** Every Task state of a definition, Parallel branches included. */
export const taskStateNames = (definition: { States: Record<string, Record<string, unknown>> }): string[] =>
  Object.entries(definition.States).flatMap(([name, state]) => [
    ...(state.Type === 'Task' ? [name] : []),
    ...((state.Branches as { States: Record<string, Record<string, unknown>> }[] | undefined) ?? []).flatMap(
      taskStateNames,
    ),
  ]);

export interface LocalRunResult {
  /** succeeded = processed or partial; quarantined = the Catch path ran. */
  outcome: 'succeeded' | 'quarantined' | 'failed';
  output: unknown;
  /** States entered, in order (Parallel branch states included). */
  statesRun: string[];
  error: { name: string; message: string } | null;
}

/** Errors a step raised, by state, so a quarantine can be explained without the AWS console. */
const serializeError = (error: unknown): Error => {
  if (error instanceof Error) return error;
  return new Error(String(error));
};

/**
 * Runs the post-call ASL in-process: every Task state is mapped to the same step function the
 * Lambda handler calls. Retry intervals are shortened (the logic is unchanged).
 */
export class LocalWorkflowRunner {
  private readonly machine: StateMachine;

  constructor(
    private readonly deps: StepDeps,
    definition: unknown = JSON.parse(readFileSync(DEFINITION_FILE, 'utf8')),
    /**
     * Real time (ms) each Wait state pauses locally: the embedded engine is polled, not a
     * service. null keeps the definition's own waits (simulations run them on a fake clock).
     */
    private readonly waitMs: number | null = LOCAL_WAIT_MS,
  ) {
    const rendered = JSON.parse(renderDefinition(definition as AslDefinition, localFunctionArns()));
    // A Task without a local handler would make the runner create an AWS Lambda client.
    const unmapped = taskStateNames(rendered).filter(
      (name) => !(TASK_NAMES as readonly string[]).includes(name),
    );
    if (unmapped.length > 0) throw new Error(`no local step for Task state(s): ${unmapped.join(', ')}`);
    this.machine = new StateMachine(rendered);
  }

  private handlers() {
    return Object.fromEntries(
      TASK_NAMES.map((name) => [
        name,
        async (input: unknown): Promise<JSONValue> => {
          try {
            return (await steps[name](input, this.deps)) as JSONValue;
          } catch (error) {
            throw serializeError(error);
          }
        },
      ]),
    );
  }

  async run(input: CallExecutionRequest): Promise<LocalRunResult> {
    const waitMs = this.waitMs;
    const execution = this.machine.run(input, {
      overrides: {
        taskResourceLocalHandlers: this.handlers(),
        retryIntervalOverrides: Object.fromEntries(TASK_NAMES.map((n) => [n, 0])),
        ...(waitMs === null
          ? {}
          : { waitTimeOverrides: Object.fromEntries(WAIT_STATES.map((n) => [n, waitMs])) }),
      },
    });
    const statesRun: string[] = [];
    const collect = (async () => {
      for await (const event of execution.eventLogs) {
        if (event.type === 'StateEntered') statesRun.push(event.state.name);
      }
    })();
    try {
      const output = await execution.result;
      await collect;
      return { outcome: 'succeeded', output, statesRun, error: null };
    } catch (error) {
      await collect.catch(() => undefined);
      const e = serializeError(error);
      const quarantined = statesRun.includes('QuarantineCall') && statesRun.at(-1) === 'Quarantined';
      return {
        outcome: quarantined ? 'quarantined' : 'failed',
        output: null,
        statesRun,
        error: { name: e.name, message: e.message },
      };
    }
  }
}
