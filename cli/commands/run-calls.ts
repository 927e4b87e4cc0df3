import { lstat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  type ExecutionLedger,
  type LedgerRecord,
  landedAtOf,
  rejectedRecord,
} from '../../adapters/local/execution-ledger.js';
import type { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import { clearQuarantine, clearWork } from '../../adapters/local/home-upkeep.js';
import {
  createLocalRuntime,
  type LocalRuntime,
  topicModelFileHash,
} from '../../adapters/local/local-deps.js';
import {
  ConflictingInputsError,
  DuplicateRecordingError,
  type SidecarHolder,
  type StagedCall,
  sha256OfFile,
  stageCall,
  UnreadableInputError,
} from '../../adapters/local/local-drop.js';
import { rejectsDrop } from '../../core/call-lease.js';
import type { DropCall } from '../../core/drop.js';
import { isRetryableFailure } from '../../core/failure-reason.js';
import { objectName } from '../../core/object-names.js';
import { once } from '../../core/once.js';
import type { StepDeps } from '../../core/steps/deps.js';
import { steps } from '../../core/steps/index.js';
import type { FilesInPlace, QuarantineOutput } from '../../schemas/workflow.js';
import {
  DEFAULT_STEP_TIMEOUT_SECONDS,
  type LocalRunResult,
  type LocalWorkflowRunner,
} from '../../workflows/local-runner.js';
import { printable } from '../render-table.js';
import type { RunOptions } from './run.js';

export interface CallOutcome {
  callId: string;
  executionName: string;
  outcome: LocalRunResult['outcome'] | 'unchanged';
  /**
   * How a `succeeded` run landed the call (call_status' state): processed, or partial when an
   * AI step failed. Progress says this, as the run's table does (it said `succeeded` beside a
   * table that said `processed`: helper-214's trial).
   */
  landed?: 'processed' | 'partial';
  statesRun: string[];
  error: LocalRunResult['error'];
  /** For a quarantined call or a rejected drop: why (as in call_status.reason, or the drop's report). */
  reason?: string | null;
  /** For a quarantined call: the error the workflow's Catch caught (PostProcessorError: a post-processor's). */
  quarantineError?: string;
  /**
   * A rejected drop (`rejected`, or `unchanged` since: the same files again): when the results
   * the call keeps landed (core/call-lease.ts rejectsDrop).
   */
  keptResultsFrom?: string;
  /**
   * The drop folder (absolute) this call id was last run from, when that is another folder than
   * this run's: this run's outcome replaced that call's in the home (a call is its id).
   */
  replacedFrom?: string;
}

/** A succeeded run's landing state, read from WriteResults' output (nothing for any other outcome). */
const landedAs = (run: LocalRunResult): Pick<CallOutcome, 'landed'> => {
  if (run.outcome !== 'succeeded') return {};
  const state = (run.output as { state?: unknown } | null)?.state;
  return state === 'processed' || state === 'partial' ? { landed: state } : {};
};

/** What one call's processing needs: the drop, the home's store, the steps' deps, the runner. */
export interface CallContext {
  dir: string;
  /** The home's folder store (inputs are staged and execution records written here). */
  store: FsObjectStore;
  deps: StepDeps;
  runner: LocalWorkflowRunner;
  ledger: ExecutionLedger;
  reprocess: boolean;
  /** `--from post-process`: each call asks to start at PostProcess (schemas/workflow.ts `from`). */
  from?: 'PostProcess';
  /**
   * This run's id (newRunId): calls first dropped with one recording in one run are one drop
   * (the scan says so, both run); a later call with bytes another call holds is its copy.
   */
  runId: string;
  /**
   * Holds the inbox copies of each call's sidecars while it runs instead of the inbox folder (a
   * batch run's working memory, which its steps read the home through); absent: the folder.
   */
  sidecars?: SidecarHolder;
  /** Called when an execution ended, quarantined or not (the working memory lets go of it). */
  onExecutionEnd?: (callId: string, outcome: LocalRunResult['outcome']) => Promise<void>;
}

/** One call's outcome, and the execution record to write once its lake writes are durable. */
export interface ProcessedCall {
  result: CallOutcome;
  record: LedgerRecord | null;
}

/** No file of the call in the store (a call quarantined before staging). */
const NO_KEYS = { transcript: null, audio: null, ctr: null, recording: null };

/** Whether a path names anything (a pipe, a file it cannot read: anything the drop still has). */
const isThere = (path: string): Promise<boolean> =>
  lstat(path).then(
    () => true,
    () => false,
  );

/**
 * A call quarantined before staging has none of its files in the home: the inbox keys they would
 * have had were never written (or hold the files a landed call ran with earlier). Its report names
 * them where they are, in the drop folder, which `run` and `watch` never move or change.
 */
const filesInPlace = async (dir: string, call: DropCall): Promise<FilesInPlace> => {
  const folder = resolve(dir);
  const path = (rel: string | null) => (rel ? join(folder, rel) : null);
  const named = [
    call.transcript,
    call.audio,
    call.ctr,
    call.recording,
    ...(call.repeats ?? []).map((r) => r.file),
  ];
  const files: string[] = [];
  // Only what is there now: a file moved away while it was read is named in `inputs` alone.
  for (const rel of named.filter((f): f is string => f !== null).sort())
    if (await isThere(join(folder, rel))) files.push(join(folder, rel));
  return {
    folder,
    inputs: {
      transcript: path(call.transcript),
      audio: path(call.audio),
      ctr: path(call.ctr),
      recording: path(call.recording),
    },
    files,
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

/** The ledger record of a call quarantined before its workflow ran (it says why, and supersedes its last run). */
const quarantineRecord = (
  ctx: CallContext,
  callId: string,
  executionName: string,
  error: Error,
  retryable: boolean,
  recordingSha256: string | null,
): LedgerRecord => ({
  dropFolder: resolve(ctx.dir),
  callId,
  executionName,
  outcome: 'quarantined',
  retryable,
  statesRun: ['ReadInputs', 'QuarantineCall'],
  error: { name: error.name, message: error.message },
  finishedAt: new Date().toISOString(),
  recordingSha256,
});

/**
 * QuarantineCall for a call stopped before its workflow ran, as the workflow would call it: with
 * its inbox keys when its files were published there (a copy), else with where they are in the drop.
 */
const quarantineHere = async (
  ctx: CallContext,
  call: DropCall,
  executionName: string,
  error: Error,
  cause: string,
  files: { keys: StagedCall['input']['keys'] } | { leftInPlace: FilesInPlace },
  deps: StepDeps = ctx.deps,
): Promise<CallOutcome> => {
  const quarantined = (await steps.QuarantineCall(
    {
      callId: call.callId,
      ...('keys' in files ? { keys: files.keys } : { keys: NO_KEYS, leftInPlace: files.leftInPlace }),
      failedState: 'ReadInputs',
      error: { Error: error.name, Cause: cause },
    },
    deps,
  )) as QuarantineOutput;
  return {
    callId: call.callId,
    executionName,
    outcome: quarantined.state,
    statesRun: ['ReadInputs', 'QuarantineCall'],
    error: { name: error.name, message: error.message },
    reason: quarantined.reason,
    ...(quarantined.keptResultsFrom === undefined ? {} : { keptResultsFrom: quarantined.keptResultsFrom }),
  };
};

/**
 * A call whose files could not be read (or disagree): quarantined before it is staged. Its ledger
 * record is superseded FIRST, by a quarantine of no inputs (an execution name no staging makes):
 * the old record would otherwise still name the call's last success, and once the right files
 * are back the call would read `unchanged` while call_status says quarantined. Killed between the
 * two writes, the home holds the new record and the old status: the next run reads the files
 * again and either quarantines the call again or processes it (no record matches).
 */
const quarantineUnstaged = async (ctx: CallContext, call: DropCall, error: Error): Promise<ProcessedCall> => {
  const previous = await ctx.ledger.latest(call.callId);
  const files = { leftInPlace: await filesInPlace(ctx.dir, call) };
  // A call with results in the lake keeps them and its record (a rejected drop: QuarantineCall,
  // reading the same record, writes no status): the files are read again next run.
  if (rejectsDrop(landedAtOf(previous), error.name))
    return { result: await quarantineHere(ctx, call, '', error, error.message, files), record: null };
  await ctx.ledger.record(quarantineRecord(ctx, call.callId, '', error, true, null));
  const result = await quarantineHere(ctx, call, '', error, error.message, files);
  return { result: { ...result, ...replaced(ctx, previous) }, record: null };
};

/**
 * `replacedFrom` when the call's latest execution read its files from another drop folder than
 * this run's: this run's outcome replaces that one (the home knows a call by its id alone).
 */
const replaced = (ctx: CallContext, previous: LedgerRecord | null): Pick<CallOutcome, 'replacedFrom'> =>
  previous?.dropFolder !== undefined && previous.dropFolder !== resolve(ctx.dir)
    ? { replacedFrom: previous.dropFolder }
    : {};

/**
 * A copy of a recording another call holds: quarantined naming that call. Its record (returned,
 * written by the caller once the quarantine's status is durable, as any execution's) carries the
 * staged inputs' name so the next run of the same drop reads `unchanged` while that call still
 * holds the recording, and is re-checked every run (retryable): once that call lets go of the
 * recording (dropped again with other bytes, quarantined, its record removed), this call runs.
 * Killed before the record, the home holds the quarantine and the old record, which never names
 * these inputs (a call holding these bytes is never a copy of them): the next run quarantines it again.
 */
const quarantineCopy = async (
  ctx: CallContext,
  call: DropCall,
  staged: StagedCall,
  original: string,
  previous: LedgerRecord | null,
): Promise<ProcessedCall> => {
  const error = new DuplicateRecordingError(original, staged.claimed ?? 'recording');
  const record = quarantineRecord(
    ctx,
    call.callId,
    staged.executionName,
    error,
    true,
    staged.recordingSha256,
  );
  if (
    !ctx.reprocess &&
    previous?.executionName === staged.executionName &&
    (previous.outcome === 'quarantined' || previous.outcome === 'rejected') &&
    previous.error?.name === error.name &&
    previous.error.message === error.message
  ) {
    await staged.discard();
    return { result: unchangedOutcome(previous), record: null };
  }
  // Its files reach the inbox so QuarantineCall keeps them, as any quarantined call's: its report
  // names inputs that are there (the recording's bytes are the other call's, its other files its own).
  let result: CallOutcome;
  // A call that landed keeps the home's copies of its files if the copy is rejected (below).
  const keptInbox = landedAtOf(previous) !== null ? await setAsideInbox(ctx.store, call.callId, staged) : [];
  try {
    await staged.publish();
    // A call that landed with these very bytes (a home from before claims, where its copy got in
    // first) holds results that are the copy's: quarantined, not a drop of it rejected.
    const landedAsCopy =
      previous?.outcome === 'succeeded' && previous.recordingSha256 === staged.recordingSha256;
    const deps: StepDeps = landedAsCopy ? { ...ctx.deps, landedResults: async () => null } : ctx.deps;
    result = await quarantineHere(
      ctx,
      call,
      staged.executionName,
      error,
      error.quarantineCause(),
      { keys: staged.input.keys },
      deps,
    );
    if (result.outcome === 'rejected')
      for (const { key, aside } of keptInbox) await ctx.store.copy(aside, key);
  } finally {
    await staged.discard();
    await staged.releaseSidecars();
    for (const { aside } of keptInbox) await ctx.store.delete(aside);
  }
  if (result.outcome === 'rejected')
    return {
      result,
      record: rejectedRecord(previous, { ...record, quarantineError: error.name }),
    };
  return { result: { ...result, ...replaced(ctx, previous) }, record };
};

/**
 * A call whose files are those of its latest execution: not run again. A rejected drop's files
 * again say when the results the call keeps landed.
 */
const unchangedOutcome = (previous: LedgerRecord): CallOutcome => {
  const { keptResultsFrom: kept, ...record } = previous;
  return {
    ...record,
    outcome: 'unchanged',
    ...(previous.outcome === 'rejected' && kept ? { keptResultsFrom: kept.finishedAt } : {}),
  };
};

/**
 * A ledger record written before claims were kept (an earlier version's home) names no
 * recording, so nothing stops a copy of the call's recording, and the call itself, dropped again,
 * would find its copy's claim and be taken for the copy. The first time such a record is read
 * with the call's recording, the call claims the bytes it landed with as landed before claims
 * (the original of any copy), then its record says which they were: these bytes when its inputs
 * are the same (an unchanged call), else the home's copy of its recording, if it is still there.
 * Claim first: killed in between, the record still has no sha256 and the next read does it again.
 * The same for a call dropped as a transcript alone and recorded before transcripts were claimed
 * (its record's recordingSha256 is null): it claims its transcript's bytes.
 */
const backfillClaim = async (
  ctx: CallContext,
  staged: StagedCall,
  previous: LedgerRecord,
): Promise<LedgerRecord> => {
  // Or (null) before transcripts were claimed: a call dropped without a recording named none.
  const unclaimed =
    previous.recordingSha256 === undefined ||
    (previous.recordingSha256 === null && staged.claimed === 'transcript');
  if (previous.outcome !== 'succeeded' || !unclaimed) return previous;
  const media = staged.claimed === 'transcript' ? staged.input.keys.transcript : staged.input.keys.audio;
  return claimLandedBytes(ctx, staged, previous, staged.recordingSha256, media, 'recordingSha256');
};

/**
 * The bytes a call landed with, claimed as landed before claims, then named in its record
 * (`field`): `staged` (these bytes) when its inputs are the same (an unchanged call), else the
 * home's copy of the file (`key`), if it is still there. Claim first: killed in between, the
 * record still names nothing and the next read does it again.
 */
const claimLandedBytes = async (
  ctx: CallContext,
  staged: StagedCall,
  previous: LedgerRecord,
  same: string | null,
  key: string | null | undefined,
  field: 'recordingSha256' | 'transcriptSha256',
): Promise<LedgerRecord> => {
  const landed =
    previous.executionName === staged.executionName
      ? same
      : key && (await ctx.store.exists(key))
        ? await sha256OfFile(ctx.store.pathOf(key))
        : null;
  if (!landed) return previous;
  await ctx.ledger.claimLanded(landed, previous.callId);
  const updated = { ...previous, [field]: landed };
  await ctx.ledger.record(updated);
  return updated;
};

/**
 * A call that landed with a recording and its transcript before a call's transcript was claimed
 * beside its recording (its record names the recording and no transcript): nothing stopped the
 * same transcript dropped alone under another name, which is held by its transcript, from running
 * as a second call. The first time the record is read with the call's transcript dropped, the call
 * claims the transcript it landed with, as landed before claims, then its record names it: these
 * bytes when its inputs are the same (an unchanged call), else the home's inbox copy of its
 * transcript, if it is there (only dropped transcripts are kept in the inbox: Transcribe's own go
 * to transcripts/). Claim first, as above: killed in between, the next read does it again.
 */
const backfillTranscriptClaim = async (
  ctx: CallContext,
  staged: StagedCall,
  previous: LedgerRecord,
): Promise<LedgerRecord> => {
  const unclaimed = typeof previous.recordingSha256 === 'string' && previous.transcriptSha256 === undefined;
  if (previous.outcome !== 'succeeded' || !unclaimed || staged.transcriptSha256 === null) return previous;
  const transcript = staged.input.keys.transcript;
  return claimLandedBytes(ctx, staged, previous, staged.transcriptSha256, transcript, 'transcriptSha256');
};

/**
 * One call. The order of its writes, and what a crash (kill -9) after each leaves:
 * 1. staging (temporary copies): nothing of the call's; the sweep removes them.
 * 2. a backfilled claim, then its record (backfillClaim, backfillTranscriptClaim): a claim without
 *    its record is done again.
 * 3. this call's claim on its recording's bytes, made BEFORE the workflow runs: a claim with no
 *    record, or an older record, holds nothing (ExecutionLedger.holds) and keeps the run in which
 *    the call was first dropped with these bytes, so the next run, a rerun of that drop, treats
 *    it as that drop's again (a one-drop pair whose second call failed stays a pair).
 * 4. the workflow's lake writes, call_status last: the record still names the earlier run (or
 *    none), so the next run runs the call again (its rows are superseded by the new ones).
 * 5. the ledger record (by the caller, after the lake writes are durable): from then on the call
 *    holds the recording. Because the claim came first, no record names a recording its call has
 *    no claim on: a copy dropped later always finds the claim.
 */
const processOrThrow = async (ctx: CallContext, call: DropCall): Promise<ProcessedCall> => {
  const { deps, store } = ctx;
  let staged: StagedCall;
  try {
    staged = await stageCall(ctx.dir, call, store, ctx.sidecars);
  } catch (error) {
    if (!(error instanceof UnreadableInputError || error instanceof ConflictingInputsError)) throw error;
    return quarantineUnstaged(ctx, call, error);
  }
  const sha = staged.recordingSha256;
  let previous = await ctx.ledger.latest(call.callId);
  if (previous && sha !== null) previous = await backfillClaim(ctx, staged, previous);
  if (previous) previous = await backfillTranscriptClaim(ctx, staged, previous);
  // Worth another run as recorded, or by its error as this version reads it (a home whose record
  // was written before an error became worth retrying: a speech engine's failure).
  const retryable = previous?.retryable === true || isRetryableFailure(previous?.quarantineError ?? '');
  if (!ctx.reprocess && previous?.executionName === staged.executionName && !retryable) {
    await staged.discard();
    // The same files in another folder (a drop folder moved or renamed): nothing runs, and the
    // record names the folder they are in now, so a printed `run --call` line finds them.
    const dropFolder = resolve(ctx.dir);
    const moved = previous.dropFolder !== dropFolder ? { ...previous, dropFolder } : null;
    return { result: unchangedOutcome(previous), record: moved };
  }
  if (sha !== null) {
    const original = await ctx.ledger.originalOf(sha, call.callId, ctx.runId);
    if (original) return quarantineCopy(ctx, call, staged, original.callId, previous);
    await ctx.ledger.claim(sha, call.callId, ctx.runId);
  }
  if (staged.transcriptSha256 !== null)
    await ctx.ledger.claim(staged.transcriptSha256, call.callId, ctx.runId);
  let keptInbox: { key: string; aside: string }[] = [];
  try {
    // Only the latest execution's working folder is kept (earlier runs of this call are done).
    await clearWork(store, deps.prefixes.work, call.callId);
    // A call that landed keeps the inbox copies its results were made from (the workbench plays its
    // recording from there) if this drop is rejected: set aside now, put back below.
    if (landedAtOf(previous) !== null) keptInbox = await setAsideInbox(store, call.callId, staged);
    await staged.publish();
    let ended: LocalRunResult | null = null;
    try {
      // The drop's hash names the inputs, kept with the enriched document PostProcess stores: a
      // `--from post-process` of other files runs them in full (core/steps/claim-call.ts).
      ended = await ctx.runner.run({
        ...staged.input,
        inputs: staged.executionName,
        ...(ctx.from ? { from: ctx.from } : {}),
      });
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
      ...(run.outcome === 'quarantined' && run.quarantine
        ? { quarantineError: run.quarantine.errorName }
        : {}),
      ...(run.outcome === 'failed' || run.outcome === 'rejected' ? {} : replaced(ctx, previous)),
      ...landedAs(run),
    };
    if (run.outcome === 'rejected') {
      for (const { key, aside } of keptInbox) await store.copy(aside, key);
      // The call keeps its results and the record of the run that landed them (its recording):
      // this record names the rejected files, so the same files again are `unchanged`.
      const errorName = run.quarantine?.errorName ?? '';
      const record = rejectedRecord(previous, {
        executionName: staged.executionName,
        retryable: isRetryableFailure(errorName),
        statesRun: run.statesRun,
        error: run.error,
        quarantineError: errorName,
      });
      const kept = record?.keptResultsFrom?.finishedAt;
      return { result: { ...result, ...(kept === undefined ? {} : { keptResultsFrom: kept }) }, record };
    }
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
            recordingSha256: sha,
            ...(staged.transcriptSha256 === null ? {} : { transcriptSha256: staged.transcriptSha256 }),
            dropFolder: resolve(ctx.dir),
            ...(run.outcome === 'quarantined' && run.quarantine?.errorName
              ? { quarantineError: run.quarantine.errorName }
              : {}),
          };
    return { result, record };
  } finally {
    await staged.discard();
    await staged.releaseSidecars();
    for (const { aside } of keptInbox) await store.delete(aside);
  }
};

/** Where a landed call's inbox copies wait while a drop of it runs (removed once it ended). */
const asideFolder = (callId: string) => `executions/inbox-aside/${objectName(callId)}/`;

/**
 * Second names (hard links) for the inbox copies of the call's transcript and recording that this
 * drop's copies would replace: a rejected drop puts them back. Killed before, the inbox holds this
 * drop's copies, as it would have before rejections (the lake keeps the call's rows either way).
 */
const setAsideInbox = async (
  store: FsObjectStore,
  callId: string,
  staged: StagedCall,
): Promise<{ key: string; aside: string }[]> => {
  const kept: { key: string; aside: string }[] = [];
  for (const key of [staged.input.keys.transcript, staged.input.keys.audio]) {
    if (!key || !(await store.exists(key))) continue;
    const aside = `${asideFolder(callId)}${key.slice(key.lastIndexOf('/') + 1)}`;
    await store.copy(key, aside);
    kept.push({ key, aside });
  }
  return kept;
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
    postProcessTimeoutMs: (options.stepTimeoutSeconds ?? DEFAULT_STEP_TIMEOUT_SECONDS) * 1000,
    ...(options.enrichers
      ? {}
      : {
          topicModelHash: once(async () => {
            const { activeTopicModelPath } = await import('../../adapters/local/topics/topic-model-file.js');
            return topicModelFileHash(options.topicModel ?? activeTopicModelPath(options.home));
          }),
        }),
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
