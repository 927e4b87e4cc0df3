import { basename } from 'node:path';
import type { ExecutionLedger, LedgerRecord } from '../../adapters/local/execution-ledger.js';
import type { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import { clearQuarantine, clearWork } from '../../adapters/local/home-upkeep.js';
import { createLocalRuntime, type LocalRuntime } from '../../adapters/local/local-deps.js';
import {
  ConflictingInputsError,
  DuplicateRecordingError,
  type StagedCall,
  stageCall,
  UnreadableInputError,
} from '../../adapters/local/local-drop.js';
import type { DropCall } from '../../core/drop.js';
import { isRetryableFailure } from '../../core/failure-reason.js';
import { objectName } from '../../core/object-names.js';
import { once } from '../../core/once.js';
import type { StepDeps } from '../../core/steps/deps.js';
import { steps } from '../../core/steps/index.js';
import type { QuarantineOutput } from '../../schemas/workflow.js';
import type { LocalRunResult, LocalWorkflowRunner } from '../../workflows/local-runner.js';
import { printable } from '../render-table.js';
import type { RunOptions } from './run.js';

export interface CallOutcome {
  callId: string;
  executionName: string;
  outcome: LocalRunResult['outcome'] | 'unchanged';
  statesRun: string[];
  error: LocalRunResult['error'];
  /** For a quarantined call: why (as in call_status.reason). */
  reason?: string | null;
}

/** What one call's processing needs: the drop, the home's store, the steps' deps, the runner. */
export interface CallContext {
  dir: string;
  /** The home's folder store (inputs are staged and execution records written here). */
  store: FsObjectStore;
  deps: StepDeps;
  runner: LocalWorkflowRunner;
  ledger: ExecutionLedger;
  reprocess: boolean;
  /**
   * When this run started: a recording claimed by another call before it is that call's (the
   * call is quarantined as a duplicate); claims made during this run (one drop holding one
   * recording twice, which the scan reports) are not held against each other.
   */
  runStartedAt?: string;
  /** Called when an execution ended, quarantined or not (the working memory lets go of it). */
  onExecutionEnd?: (callId: string, outcome: LocalRunResult['outcome']) => Promise<void>;
}

/** One call's outcome, and the execution record to write once its lake writes are durable. */
export interface ProcessedCall {
  result: CallOutcome;
  record: LedgerRecord | null;
}

const wouldBeKeys = (call: DropCall) => {
  const key = (rel: string | null) => (rel ? `inbox/${basename(rel)}` : null);
  return {
    transcript: key(call.transcript),
    audio: key(call.audio),
    ctr: key(call.ctr),
    recording: key(call.recording),
  };
};

/**
 * One call of a drop through the workflow: stage its files, skip it when its inputs are those of
 * its latest final execution, else run the ASL. A file that cannot be read quarantines the call
 * (not recorded: the next run reads the file again). Never throws for the call's own sake: a
 * failure outside the quarantine path is a `failed` outcome, tried again next run.
 */
export const processCall = async (ctx: CallContext, call: DropCall): Promise<ProcessedCall> => {
  try {
    return await processOrThrow(ctx, call);
  } catch (error) {
    return { result: failedOutcome(call, error), record: null };
  }
};

/** A call that failed outside the workflow's quarantine path: reported, tried again next run. */
export const failedOutcome = (call: { callId: string }, error: unknown): CallOutcome => {
  const e = error instanceof Error ? error : new Error(String(error));
  return {
    callId: call.callId,
    executionName: '',
    outcome: 'failed',
    statesRun: [],
    error: { name: e.name, message: e.message },
  };
};

/**
 * A call whose files never reached the inbox: quarantined here, as the workflow would. Not
 * recorded in the ledger: the next run reads the files again.
 */
const quarantineUnstaged = async (ctx: CallContext, call: DropCall, error: Error): Promise<ProcessedCall> => {
  const quarantined = (await steps.QuarantineCall(
    {
      callId: call.callId,
      keys: wouldBeKeys(call),
      failedState: 'ReadInputs',
      error: { Error: error.name, Cause: error.message },
    },
    ctx.deps,
  )) as QuarantineOutput;
  return {
    result: {
      callId: call.callId,
      executionName: '',
      outcome: 'quarantined',
      statesRun: ['ReadInputs', 'QuarantineCall'],
      error: { name: error.name, message: error.message },
      reason: quarantined.reason,
    },
    record: null,
  };
};

const processOrThrow = async (ctx: CallContext, call: DropCall): Promise<ProcessedCall> => {
  const { deps, store } = ctx;
  let staged: StagedCall;
  try {
    staged = await stageCall(ctx.dir, call, store);
  } catch (error) {
    if (!(error instanceof UnreadableInputError || error instanceof ConflictingInputsError)) throw error;
    return quarantineUnstaged(ctx, call, error);
  }
  const previous = await ctx.ledger.latest(call.callId);
  if (!ctx.reprocess && previous?.executionName === staged.executionName && !previous.retryable) {
    await staged.discard();
    return { result: { ...previous, outcome: 'unchanged' }, record: null };
  }
  if (staged.recordingSha256 !== null && call.audio !== null) {
    const claims = await ctx.ledger.recordingClaims(staged.recordingSha256);
    const owner = claims.find(
      (c) => c.callId !== call.callId && (ctx.runStartedAt === undefined || c.claimedAt < ctx.runStartedAt),
    );
    if (owner && !claims.some((c) => c.callId === call.callId)) {
      await staged.discard();
      return quarantineUnstaged(
        ctx,
        call,
        new DuplicateRecordingError(call.audio, owner.callId, owner.claimedAt),
      );
    }
  }
  try {
    // Only the latest execution's working folder is kept (earlier runs of this call are done).
    await clearWork(store, deps.prefixes.work, call.callId);
    await staged.publish();
    let ended: LocalRunResult | null = null;
    try {
      ended = await ctx.runner.run(staged.input);
    } finally {
      await ctx.onExecutionEnd?.(call.callId, ended?.outcome ?? 'failed');
    }
    const run = ended;
    if (run.outcome === 'succeeded') await clearQuarantine(store, deps.prefixes.quarantine, call.callId);
    const result: CallOutcome = {
      callId: call.callId,
      executionName: staged.executionName,
      outcome: run.outcome,
      statesRun: run.statesRun,
      error: run.error,
      reason: run.quarantine?.reason ?? null,
    };
    // A run that failed outside the quarantine path is not recorded: the next run tries it again.
    const record: LedgerRecord | null =
      run.outcome === 'failed'
        ? null
        : {
            callId: call.callId,
            executionName: staged.executionName,
            outcome: run.outcome,
            // Worth another run: a quarantine for a passing cause (throttling, a timeout), and a
            // partial call (an AI step failed; a fixed configuration or a recovered service
            // completes it next run without --reprocess).
            retryable:
              (run.outcome === 'quarantined' && isRetryableFailure(run.quarantine?.errorName ?? '')) ||
              (run.outcome === 'succeeded' &&
                (run.output as { state?: unknown } | null)?.state === 'partial'),
            statesRun: run.statesRun,
            error: run.error,
            finishedAt: new Date().toISOString(),
            recordingSha256: staged.recordingSha256,
          };
    return { result, record };
  } finally {
    await staged.discard();
    await staged.releaseSidecars();
  }
};

/** The working folder of a call's executions (core/call-store.ts documentKeyFor). */
export const workFolderOfCall = (deps: StepDeps, callId: string): string =>
  `${deps.prefixes.work}/${objectName(callId)}/`;

/**
 * The run's topic taxonomy and model agree (read before any call: a model trained on another
 * taxonomy would leave every call partial). Nothing to check when the caller brings its own engines.
 */
export const checkTopicConfiguration = async (options: RunOptions): Promise<void> => {
  if (options.enrichers) return;
  const { loadTaxonomy } = await import('../../adapters/local/topics/taxonomy-file.js');
  const { activeTopicModelPath, checkTopicModelFile } = await import(
    '../../adapters/local/topics/topic-model-file.js'
  );
  const taxonomy = await loadTaxonomy(options.topicsFile);
  const model = options.topicModel ?? activeTopicModelPath(options.home);
  if (model !== null) checkTopicModelFile(taxonomy, model);
};

/** The local runtime of a `debrief run` (the same in the command's thread and in its workers). */
export const createRunRuntime = (options: RunOptions, err: NodeJS.WritableStream): LocalRuntime => {
  const speechProgress = progressLines(err);
  return createLocalRuntime({
    home: options.home,
    piiMode: options.piiMode ?? 'default',
    speech: {
      ...options.speech,
      ...(options.agentChannel === undefined ? {} : { agentChannel: options.agentChannel }),
      recognizer:
        options.speech?.recognizer ??
        (async () =>
          (await import('../../adapters/local/speech/default-recognizer.js')).defaultRecognizer(
            (stage, done, total) =>
              speechProgress(
                'speech model',
                `first use: building the call-center language model (${stage})`,
                done,
                total,
              ),
          )),
      onProgress: (callId, stage, done, total) =>
        speechProgress(callId, `transcribing (${stage})`, done, total),
    },
    postProcessors: options.postProcessors,
    enrichers:
      options.enrichers ??
      once(async () => {
        const { createLocalEnrichers } = await import('../../adapters/local/local-enrichers.js');
        const { activeTopicModelPath } = await import('../../adapters/local/topics/topic-model-file.js');
        return createLocalEnrichers({
          taxonomyPath: options.topicsFile,
          topicModelPath: options.topicModel ?? activeTopicModelPath(options.home),
          toxicityThreshold: options.toxicityThreshold,
        });
      }),
  });
};

/**
 * Progress of long speech work as lines (a quarter at a time, so a log stays short): the
 * first use's language-model build and each recording's transcription.
 */
const progressLines = (err: NodeJS.WritableStream) => {
  const shown = new Map<string, number>();
  return (subject: string, what: string, done: number, total: number): void => {
    const key = `${subject}\0${what}`;
    const quarter = total > 0 ? Math.floor((4 * done) / total) : 4;
    if ((shown.get(key) ?? -1) >= quarter) return;
    shown.set(key, quarter);
    err.write(
      `${printable(subject)}: ${what} ${total > 1 ? `${done}/${total}` : done >= total ? 'done' : '…'}\n`,
    );
  };
};
