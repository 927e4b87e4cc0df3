import './promise-with-resolvers.js';
import { readFileSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';

type JSONValue = Parameters<StateMachine['run']>[0];

import { PostProcessorError } from '../core/errors.js';
import type { StepDeps } from '../core/steps/deps.js';
import { steps } from '../core/steps/index.js';
import type { CallExecutionRequest, ReprocessRequest } from '../schemas/workflow.js';
import {
  type AslDefinition,
  renderDefinition,
  WAIT_FOR_CALL,
  WAIT_FOR_TRANSCRIPTION,
  WAIT_TO_RETRY_START,
} from './post-call-definition.js';
import { QUARANTINE_TASK, TASK_NAMES, type TaskName } from './tasks.js';

/** Locally the transcription stage polls an in-process engine: a short real pause per Wait. */
export const LOCAL_WAIT_MS = 250;
const WAIT_STATES = [WAIT_FOR_TRANSCRIPTION, WAIT_TO_RETRY_START, WAIT_FOR_CALL];

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
  /**
   * succeeded = processed or partial; quarantined = the Catch path ran; rejected = it ran for a
   * drop whose own input was at fault, of a call that keeps its earlier results (QuarantineCall's
   * `state`, core/call-lease.ts rejectsDrop).
   */
  outcome: 'succeeded' | 'quarantined' | 'rejected' | 'failed';
  output: unknown;
  /** States entered, in order (Parallel branch states included). */
  statesRun: string[];
  error: { name: string; message: string } | null;
  /** Why the call was quarantined: the error the Catch caught (its name decides whether a re-run is worth it). */
  quarantine: { errorName: string; reason: string | null; rejected: boolean } | null;
}

/**
 * How long a Task may run locally: as long as its Lambda may on AWS (infra/functions.ts gives
 * the workflow tasks 300 s). aws-local-stepfunctions would otherwise stop every Task after 60 s,
 * well before AWS would, and a large call on a busy laptop would be quarantined for it.
 */
export const DEFAULT_STEP_TIMEOUT_SECONDS = 300;

/**
 * A thrown value as an Error whose name the ASL's Retry/Catch can match. Node's system errors
 * (ENOSPC, EMFILE, EIO: the machine, not the input) are all named `Error`; they become
 * `SystemError`, which the quarantine treats as worth another try.
 */
const serializeError = (error: unknown): Error => {
  if (!(error instanceof Error)) return new Error(String(error));
  // A Catch's Cause is the message here: a processor's failure carries its frames in it, as the
  // Lambda's Cause (JSON with the stack as `trace`) does on AWS; the reason reads errorMessage.
  if (error instanceof PostProcessorError && error.frames.length > 0) {
    const carried = new Error(error.quarantineCause());
    carried.name = error.name;
    return carried;
  }
  const code = (error as { code?: unknown }).code;
  if (error.name === 'Error' && typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    const system = new Error(error.message);
    system.name = 'SystemError';
    return system;
  }
  return error;
};

/** Give every Task state (Parallel branches included) a TimeoutSeconds unless it has one. */
const withTaskTimeouts = (definition: Record<string, unknown>, seconds: number): Record<string, unknown> => {
  const states = definition.States as Record<string, Record<string, unknown>>;
  return {
    ...definition,
    States: Object.fromEntries(
      Object.entries(states).map(([name, state]) => [
        name,
        {
          ...state,
          ...(state.Type === 'Task' && state.TimeoutSeconds === undefined ? { TimeoutSeconds: seconds } : {}),
          ...(Array.isArray(state.Branches)
            ? { Branches: state.Branches.map((b: Record<string, unknown>) => withTaskTimeouts(b, seconds)) }
            : {}),
        },
      ]),
    ),
  };
};

/**
 * The definition as the local runner runs it: the function ARNs substituted (as deploy does) and
 * every Task given the local step timeout.
 */
export const renderLocalDefinition = (
  definition: unknown,
  stepTimeoutSeconds: number,
): { States: Record<string, Record<string, unknown>> } =>
  withTaskTimeouts(
    JSON.parse(renderDefinition(definition as AslDefinition, localFunctionArns())),
    stepTimeoutSeconds,
  ) as { States: Record<string, Record<string, unknown>> };

/**
 * Runs the post-call ASL in-process: every Task state is mapped to the same step function the
 * Lambda handler calls. Retry intervals are shortened (the logic is unchanged).
 */
export class LocalWorkflowRunner {
  private readonly machine: StateMachine;
  private readonly waitMs: number | null;

  constructor(
    private readonly deps: StepDeps,
    /** The ASL to run; by default the committed post-call definition (DEFINITION_FILE). */
    definition?: unknown,
    options: {
      stepTimeoutSeconds?: number;
      /**
       * Real time (ms) each Wait state pauses locally: the embedded engine is polled, not a
       * service. null keeps the definition's own waits (simulations run them on a virtual clock).
       */
      waitMs?: number | null;
    } = {},
  ) {
    this.waitMs = options.waitMs === undefined ? LOCAL_WAIT_MS : options.waitMs;
    const committed = definition === undefined;
    const rendered = renderLocalDefinition(
      committed ? JSON.parse(readFileSync(DEFINITION_FILE, 'utf8')) : definition,
      options.stepTimeoutSeconds ?? DEFAULT_STEP_TIMEOUT_SECONDS,
    );
    // A Task without a local handler would make the runner create an AWS Lambda client.
    const unmapped = taskStateNames(rendered).filter(
      (name) => !(TASK_NAMES as readonly string[]).includes(name),
    );
    if (unmapped.length > 0) throw new Error(`no local step for Task state(s): ${unmapped.join(', ')}`);
    // aws-local-stepfunctions validates a definition (asl-validator: ajv compiles its JSON schemas)
    // unless told not to: about 0.2 s of CPU in every runner, so in every `debrief run` and every
    // worker thread of one. The committed definition rendered this way is validated by its
    // contract test (test/contract/workflow-definition.test.ts, the same strict checks), so only
    // a definition given here is validated at run time.
    this.machine = new StateMachine(
      rendered as unknown as ConstructorParameters<typeof StateMachine>[0],
      committed ? { validationOptions: { noValidate: true } } : undefined,
    );
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

  async run(input: CallExecutionRequest | ReprocessRequest): Promise<LocalRunResult> {
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
    let quarantine: LocalRunResult['quarantine'] = null;
    const collect = (async () => {
      for await (const event of execution.eventLogs) {
        if (event.type === 'StateEntered') {
          statesRun.push(event.state.name);
          if (event.state.name === QUARANTINE_TASK) {
            const caught = (event.state.input as { error?: { Error?: unknown } } | null)?.error?.Error;
            quarantine = { errorName: String(caught ?? 'unknown'), reason: null, rejected: false };
          }
        }
        if (event.type === 'StateExited' && event.state.name === QUARANTINE_TASK && quarantine) {
          const output = event.state.output as { reason?: unknown; state?: unknown } | null;
          quarantine.reason = typeof output?.reason === 'string' ? output.reason : null;
          quarantine.rejected = output?.state === 'rejected';
        }
      }
    })();
    try {
      const output = await execution.result;
      await collect;
      return { outcome: 'succeeded', output, statesRun, error: null, quarantine: null };
    } catch (error) {
      await collect.catch(() => undefined);
      const e = serializeError(error);
      const quarantined = statesRun.includes(QUARANTINE_TASK) && statesRun.at(-1) === 'Quarantined';
      // (Set by the event loop above: TypeScript cannot see the assignment in the closure.)
      const caught = quarantine as LocalRunResult['quarantine'];
      return {
        outcome: quarantined ? (caught?.rejected ? 'rejected' : 'quarantined') : 'failed',
        output: null,
        statesRun,
        error: { name: e.name, message: e.message },
        quarantine: quarantined ? caught : null,
      };
    }
  }
}
