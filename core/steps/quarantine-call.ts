import type { QuarantineInput, QuarantineOutput } from '../../schemas/workflow.js';
import {
  landedAtFromDone,
  lastDone,
  recordQuarantined,
  rejectsDrop,
  releaseCallLease,
} from '../call-lease.js';
import { loadDocument } from '../call-store.js';
import { isRetryableFailure, quarantineReason, safeReason } from '../failure-reason.js';
import { objectName } from '../object-names.js';
import { KEPT_FRAMES } from '../post-processor.js';
import type { StepDeps } from './deps.js';
import { runningPostProcessor } from './post-process.js';

/** Where a quarantined call's report and kept inputs live. */
export const quarantineFolder = (quarantinePrefix: string, callId: string): string =>
  `${quarantinePrefix}/${objectName(callId)}`;

/** When the results the lake shows for the call landed (StepDeps.landedResults; AWS: the done record). */
export const landedResultsOf = async (deps: StepDeps, callId: string): Promise<string | null> =>
  deps.landedResults ? deps.landedResults(callId) : landedAtFromDone(await lastDone(deps.store, callId));

/**
 * QuarantineCall (the Catch target): keep the inputs (copied next to the report, originals left
 * in place; a call whose files never reached the store, `input.leftInPlace`, has them named where
 * they are in the drop folder, and nothing copied), write an error report, and record the call as
 * `quarantined` in call_status. The
 * status row is the commit: from then on no table shows rows of an earlier run of this call.
 * Except for a REJECTED drop (core/call-lease.ts rejectsDrop: the drop's own input is at fault and
 * the call has results in the lake): the report says so, and neither the status row nor the call's
 * outcome is written, so the call keeps its results and its recording; `state: 'rejected'`.
 */
export const quarantineCall = async (input: QuarantineInput, deps: StepDeps): Promise<QuarantineOutput> => {
  const now = deps.now();
  const folder = quarantineFolder(deps.prefixes.quarantine, input.callId);
  const kept: string[] = [];
  // A call stopped before staging has no copy here: an earlier quarantine's copies (of files the
  // drop has since replaced) go, or the report would say "no copy" beside them and its new
  // quarantinedAt would keep them past --keep-quarantined (helper-220).
  if (input.leftInPlace)
    for (const key of await deps.store.list(`${folder}/inputs/`)) await deps.store.delete(key);
  for (const key of Object.values(input.keys)) {
    if (!key || !(await deps.store.exists(key))) continue;
    const copy = `${folder}/inputs/${key.slice(key.lastIndexOf('/') + 1)}`;
    // Server-side where the store can (S3 CopyObject; locally a hard link, so the bytes are on
    // disk once): a quarantined recording (a copy of another call's among them) may be far larger
    // than QuarantineCall's memory.
    if (deps.store.copy) await deps.store.copy(key, copy);
    else await deps.store.put(copy, await deps.store.get(key));
    kept.push(copy);
  }
  const discarded = await discardUnredacted(input.documentKey, deps);
  const hung =
    input.error.Error === 'States.Timeout' && input.failedState === 'PostProcess'
      ? runningPostProcessor(input.callId)
      : undefined;
  const reason =
    hung === undefined
      ? quarantineReason(input.error, input.failedState, input.callId)
      : safeReason(
          `post-processor ${hung} did not finish within the step's time limit (--step-timeout): tried again on the next run (a processor that waits on something slow, or never returns, needs fixing)`,
          [input.callId],
        );
  const retryable = isRetryableFailure(input.error.Error);
  const landed = await landedResultsOf(deps, input.callId);
  // A rejected drop: when the results the call keeps landed.
  const keptFrom = rejectsDrop(landed, input.error.Error) ? landed : null;
  const reportKey = `${folder}/error.json`;
  // Files never read into the store are named where they are, not by inbox keys nobody wrote.
  const inPlace = input.leftInPlace;
  const inputs = inPlace ? inPlace.inputs : input.keys;
  const report = {
    callId: input.callId,
    quarantinedAt: now,
    error: input.error.Error,
    reason,
    retryable,
    inputs,
    keptCopies: kept,
    ...(inPlace
      ? {
          leftInPlace: inPlace.files,
          notCopied: `stopped before they were read into the home, these files have no copy here: they are left where they were dropped, in ${inPlace.folder} (debrief run and watch never move or change a drop folder's files); fix them there and run again`,
        }
      : {}),
    failedState: input.failedState ?? null,
    ...processorStack(input.error),
    documentKey: discarded ? null : (input.documentKey ?? null),
    ...(discarded
      ? {
          discarded: `${discarded}: the working document had not been through RedactPii (the inputs are kept)`,
        }
      : {}),
    howToRetry: howToRetry(input.error.Error, retryable),
    ...(keptFrom !== null
      ? {
          rejected: `these files of the call were rejected: its results from ${keptFrom} stay in every table, as they were before it`,
        }
      : {}),
  };
  await deps.store.put(reportKey, JSON.stringify(report, null, 2), 'application/json');
  const claim = input.claim;
  if (keptFrom !== null) {
    if (claim) await releaseCallLease(deps.store, input.callId, claim.token);
    return { callId: input.callId, state: 'rejected', reason, reportKey, keptResultsFrom: keptFrom };
  }
  await deps.lake.putCallRows('call_status', input.callId, null, [
    {
      call_id: input.callId,
      state: 'quarantined',
      reason,
      stage: input.failedState ?? null,
      error_name: input.error.Error,
      dt: null,
      sources: JSON.stringify(inputs),
      updated_at: now,
      superseded_dts: null,
    },
  ]);
  // Its latest outcome is this quarantine: its inputs run again when dropped again, and it holds
  // its recording only if a step failed after reading it (a copy of it may run otherwise). Only by the execution holding the call's lease
  // (a claim that is not waiting) and only where the outcome is kept: on AWS, event-driven runs
  // (their inputs' fingerprint) and reprocesses (which note their call's recording, even null).
  if (claim && claim.waitingSince === null && (claim.fingerprint || claim.recording !== undefined))
    await recordQuarantined(
      deps.store,
      input.callId,
      now,
      input.error.Error,
      claim.recording ?? null,
      claim.transcript ?? null,
    );
  if (claim) await releaseCallLease(deps.store, input.callId, claim.token);
  return { callId: input.callId, state: 'quarantined', reason, reportKey };
};

/**
 * Where a post-processor's throw happened: the first frames of its stack, kept in the report's
 * `detail` (the reason names one place only). Locally they are the Cause's `stack`
 * (core/steps/post-process.ts); on AWS the Lambda's `trace`, the error's stack made of the same.
 */
const processorStack = (error: QuarantineInput['error']): { detail?: { stack: string[] } } => {
  if (error.Error !== 'PostProcessorError' || !error.Cause) return {};
  let parsed: { stack?: unknown; trace?: unknown };
  try {
    parsed = JSON.parse(error.Cause) as typeof parsed;
  } catch {
    return {};
  }
  const lines = Array.isArray(parsed.stack) ? parsed.stack : Array.isArray(parsed.trace) ? parsed.trace : [];
  const stack = lines
    .filter((l): l is string => typeof l === 'string')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('at '))
    .slice(0, KEPT_FRAMES);
  return stack.length > 0 ? { detail: { stack } } : {};
};

/** What the error report tells a person to do, by the error that quarantined the call. */
const howToRetry = (error: string, retryable: boolean): string => {
  if (error === 'SpeechEngineError')
    return 'nothing to fix in the inputs: fix the speech engine as the reason says (its model cache folder, its binary or model, or the DEBRIEF_ASR_URL server), then run again: the next run tries the call again';
  if (error === 'InputVanishedError')
    return 'nothing to fix in the file the reason names: it was removed before it was read; drop it again under the same name and the call runs (locally, the next run of a folder that still has it runs it)';
  if (error === 'TranscriptionServiceError')
    return "nothing to fix in the recording: Transcribe's job ended without a transcript; upload the recording again under the same name (on AWS no later run retries it by itself, and the same bytes find the same job: delete that Transcribe job first if it keeps answering so)";
  if (retryable) return 'nothing to fix in the inputs: the next run tries the call again';
  switch (error) {
    case 'DuplicateRecordingError':
      return 'a copy made by mistake: delete its file, then debrief forget this call (on AWS: debrief forget --aws) so it leaves call_status; renamed on purpose: debrief forget the call the reason names, then run again (on AWS: upload this call again); if that call has the wrong recording (or transcript), drop the right one for it, then run again (upload this call again on AWS): this call runs';
    case 'PostProcessorError':
      return 'fix the post-processor named in the reason, then run the call again from its post-processors (debrief run --reprocess --from post-process; on AWS, debrief reprocess --aws --from post-process): its document from before them was kept';
    case 'TranscriptionConfigError':
      return "nothing to fix in the recording: fix the deployment's Transcribe settings the reason names (data-access role, output location, KMS key, language or redaction), then upload the recording again under the same name";
    case 'PiiLanguageError':
      return 'nothing to fix in the transcript: have it redacted where it is made (Transcribe Call Analytics with content redaction, which the AWS deployment asks for) and drop it again, or, if these calls may land unredacted, run them with the PII mode off (debrief run --reprocess --pii-mode off)';
    case 'DebriefInternalError':
      return 'nothing to fix in the inputs: a bug in debrief stopped the call (please report it with this error.json); once debrief is updated, run the call again (debrief run --reprocess; on AWS, upload its files again)';
    default:
      return 'fix or replace the inputs and drop them again (same file names); the call is reprocessed';
  }
};

/**
 * A working document that RedactPii never saw holds the transcript's text unredacted (the call
 * failed in LoadCall or MergeCtr). It is no result and the inputs are kept, so it is removed
 * rather than left in work/. Returns its key when it was removed.
 */
const discardUnredacted = async (documentKey: string | undefined, deps: StepDeps): Promise<string | null> => {
  if (!documentKey || !(await deps.store.exists(documentKey))) return null;
  const doc = await loadDocument(deps.store, documentKey).catch(() => null);
  if (doc?.pii) return null;
  await deps.store.delete(documentKey);
  return documentKey;
};
