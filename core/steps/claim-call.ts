import type { CallDocument } from '../../schemas/call-document.js';
import type {
  CallExecutionInput,
  CallKeys,
  ReprocessRequest,
  ReprocessSkipped,
} from '../../schemas/workflow.js';
import {
  acquireCallLease,
  inputsFingerprint,
  LEASE_TTL_MS,
  lastDoneFingerprint,
  recordQuarantined,
  rejectsDrop,
  releaseCallLease,
} from '../call-lease.js';
import { documentKeyFor, readingInput, saveDocument } from '../call-store.js';
import { ctrOnlyReason } from '../ctr/ctr-only.js';
import { extractTimeline } from '../ctr/timeline.js';
import { classifyDropFile } from '../drop.js';
import {
  dropEnrichedDocument,
  enrichedKeyOf,
  inboxInputsOf,
  loadEnrichedDocument,
  POST_PROCESS_ONLY,
  postProcessOnlyLineage,
} from '../enriched-document.js';
import {
  DebriefError,
  DuplicateRecordingError,
  errorName,
  INPUT_FAULTS,
  InvalidInputError,
  ObjectNotFoundError,
} from '../errors.js';
import { uniqueToken } from '../object-names.js';
import type { ObjectStore, ObjectStoreWithHead } from '../ports/object-store.js';
import { claimRecording } from '../recording-claims.js';
import { INBOX_PREFIX, resolveReprocessItem } from '../reprocess-item.js';
import { transcriptionJobName, transcriptKeyFor } from '../transcription/transcription-plan.js';
import type { StepDeps } from './deps.js';
import { readCallSidecars } from './merge-ctr.js';
import { landedResultsOf } from './quarantine-call.js';

/** ClaimCall's output: the call, and for a PostProcess-only run its working document. */
type Claimed = CallExecutionInput & { documentKey?: string };

/** Another execution of this call held it for longer than a call can take. */
export class CallBusyError extends DebriefError {
  override name = 'CallBusyError' as const;
}

/** How long to wait before trying to claim a busy call again (s): 30–90, spread by the token. */
const busyWaitSeconds = (token: string): number => 30 + (Number.parseInt(token.slice(0, 4), 16) % 61);

/**
 * ClaimCall, the first state:
 * - gather the call's inputs (when the S3 trigger only knows the file that arrived, the others
 *   that share its stem);
 * - claim the call, so two executions of one call never run at once (a second one waits);
 * - when the run is event-driven, end at once if the inputs are exactly those the call last
 *   completed with (a repeated event), or if only sidecars have arrived so far (the recording's
 *   own event will run the call and find them), unless the CTR's own record says the call was
 *   never recorded: that call routes `ctr-only` (to LoadCall, no transcription) whether the run is
 *   event-driven or not (core/ctr/ctr-only.ts);
 * - route: a dropped transcript goes straight to LoadCall (it wins over a recording of the same
 *   call); a recording already transcribed (same audio version) reuses that transcript, so a
 *   late CTR reprocesses the call without transcribing it again; any other recording is
 *   transcribed;
 * - on AWS (deps.recordings), claim the recording's content for the call (its dropped transcript's
 *   when it has no recording): a recording or transcript another call holds (the same bytes
 *   uploaded under another name) routes to quarantine as `copy`, with the same
 *   DuplicateRecordingError and reason as locally, before InspectAudio and StartTranscription
 *   (nothing is paid for it), whatever the route would have been.
 * A reprocess item (one stored object of a listing, from the reprocess state machine) is first
 * resolved to its call, always from a stored transcript (core/reprocess-item.ts); an object that
 * runs nothing ends at once (`skipped`, with the reason in the execution's output). A reprocess
 * is not event-driven: unchanged inputs run again (the point of a reprocess); it runs a stored
 * transcript, which a copy never has, so its recording is not claimed again.
 */
export const claimCall = async (
  input: CallExecutionInput | ReprocessRequest,
  deps: StepDeps,
): Promise<Claimed | ReprocessSkipped> => {
  if (!('reprocess' in input)) return claim(input, deps, true);
  const found = await resolveReprocessItem(deps.store, input.reprocess.key);
  if (!found.run) return { route: 'skipped', reprocess: { key: input.reprocess.key, reason: found.reason } };
  const from = input.reprocess.from;
  return claim(
    { callId: found.callId, keys: found.keys, lookupSidecars: false, ...(from ? { from } : {}) },
    deps,
    false,
  );
};

const claim = async (
  execution: CallExecutionInput,
  deps: StepDeps,
  checkRecording: boolean,
): Promise<Claimed> => {
  const eventDriven = execution.lookupSidecars || (execution.claim?.fingerprint ?? null) !== null;
  const keys = execution.lookupSidecars ? await withSidecars(deps.store, execution.keys) : execution.keys;
  const resolved = { ...execution, keys, lookupSidecars: false };
  // A CTR alone lands as a CTR-only call when its record says no recording is coming (the call
  // ended in the IVR or the queue, or no recording was started: core/ctr/ctr-only.ts); any other
  // sidecar alone waits for its recording, or (a run of a folder) is quarantined saying what to drop.
  if (!keys.transcript && !keys.audio && !(await neverRecorded(execution.callId, keys, deps))) {
    if (eventDriven) return { ...resolved, route: 'incomplete' };
    throw loneSidecarError(execution.callId, keys);
  }
  const now = deps.now();
  const token = execution.claim?.token ?? uniqueToken() + uniqueToken();
  const lease = await acquireCallLease(deps.store, execution.callId, token, now);
  if (!lease.acquired) {
    const waitingSince = execution.claim?.waitingSince ?? now;
    if (Date.parse(now) - Date.parse(waitingSince) > LEASE_TTL_MS)
      throw new CallBusyError(
        `another execution of call ${execution.callId} has held it since ${lease.heldSince}; drop the files again once it has ended`,
      );
    return {
      ...resolved,
      // Still event-driven when claimed again (the sidecars are looked up again: cheap, and any
      // that landed during the wait are found).
      lookupSidecars: eventDriven,
      route: 'busy',
      claim: { token, fingerprint: null, waitingSince, waitSeconds: busyWaitSeconds(token) },
    };
  }
  try {
    return await claimHeld(execution, deps, checkRecording, { keys, resolved, token, now, eventDriven });
  } catch (error) {
    // The execution failed while holding the lease (a recording deleted before it was read, S3
    // slowing down): its output, and with it the claim, is lost, so nobody would release it and
    // the call's next execution (a retry of this task, the file uploaded again) would wait for it
    // to expire, 25 hours. Released here, that execution claims the call at once. A fault of the
    // call's input (the recording gone) is recorded first as QuarantineCall would, which has no
    // claim to do it with: else the call's last outcome stays an earlier success with its
    // fingerprint, and the same files dropped again would end Unchanged, still quarantined. Not
    // when the call has results in the lake: QuarantineCall rejects the drop (rejectsDrop), the
    // call keeps its results, and that success stays its last outcome.
    if (eventDriven && INPUT_FAULTS.has(errorName(error))) {
      // A record that cannot be read now is left as it is (QuarantineCall, retried, reads it).
      const landed = await landedResultsOf(deps, execution.callId).catch(() => undefined);
      if (landed !== undefined && !rejectsDrop(landed, errorName(error)))
        await recordQuarantined(deps.store, execution.callId, now, errorName(error)).catch(() => undefined);
    }
    await releaseCallLease(deps.store, execution.callId, token).catch(() => undefined);
    throw error;
  }
};

/** ClaimCall's work once it holds the call's lease. */
const claimHeld = async (
  execution: CallExecutionInput,
  deps: StepDeps,
  checkRecording: boolean,
  lease: {
    keys: CallKeys;
    resolved: CallExecutionInput;
    token: string;
    now: string;
    eventDriven: boolean;
  },
): Promise<Claimed> => {
  const { keys, resolved, token, now, eventDriven } = lease;
  const fingerprint = eventDriven
    ? await (keys.audio
        ? readingInput(keys.audio, () => fingerprintOf(deps.store, keys))
        : fingerprintOf(deps.store, keys))
    : null;
  const claim: NonNullable<CallExecutionInput['claim']> = {
    token,
    fingerprint,
    waitingSince: null,
    waitSeconds: 1,
  };
  if (fingerprint && fingerprint === (await lastDoneFingerprint(deps.store, execution.callId))) {
    await releaseCallLease(deps.store, execution.callId, token);
    return { ...resolved, claim, route: 'unchanged' };
  }
  // A call is held by its recording's bytes, or by its dropped transcript's (in the inbox, not
  // Transcribe's output, which a reprocess may run) when it has no recording: a transcript uploaded
  // again under another name is a copy too.
  const dropped = keys.transcript?.startsWith(INBOX_PREFIX) ? keys.transcript : null;
  const media = keys.audio ?? dropped;
  // A reprocess claims no recording (it runs a stored transcript, which a copy of a recording never
  // has: it is quarantined before transcription), but a dropped transcript is claimed again: a
  // copy's stays in the inbox, which a reprocess lists (review of d279228: it landed as a second call).
  const claims = deps.recordings !== undefined && media !== null && (checkRecording || !keys.audio);
  if (!claims && deps.recordings) {
    // Its outcome is recorded as a first run's is, with the bytes the call has: a quarantine for
    // its input lets go of them, a success or a step's fault keeps them (core/call-lease.ts).
    claim.recording = media ? await recordingOrNull(deps.recordings, media) : null;
    // (and the transcript dropped beside its recording, which a first run claimed too)
    if (keys.audio && dropped) claim.transcript = await recordingOrNull(deps.recordings, dropped);
  } else if (claims && deps.recordings && media) {
    const recordings = deps.recordings;
    const recording = await readingInput(media, () => recordings.fingerprint(media));
    claim.recording = recording;
    const held = await claimRecording(deps.store, {
      fingerprint: recording,
      callId: execution.callId,
      token,
      now,
    });
    if (!held.held) {
      const error = new DuplicateRecordingError(held.copyOf, keys.audio ? 'recording' : 'transcript', true);
      return {
        ...resolved,
        claim,
        route: 'copy',
        error: { Error: error.name, Cause: error.quarantineCause() },
      };
    }
    // A call dropped with a recording and its transcript holds the transcript too (not checked for
    // copies: the recording is): the transcript alone under another name is its copy, and the call
    // uploaded later as that transcript alone is itself (the local ledger does the same).
    if (keys.audio && dropped && checkRecording) {
      const transcript = await readingInput(dropped, () => recordings.fingerprint(dropped));
      const also = await claimRecording(deps.store, {
        fingerprint: transcript,
        callId: execution.callId,
        token,
        now,
      });
      if (also.held) claim.transcript = transcript;
    }
  }
  const enrichedKey = enrichedKeyOf(deps.prefixes.results, execution.callId);
  if (execution.from === 'PostProcess') {
    const resumed = await resumeAtPostProcess(execution, deps, enrichedKey, keys);
    if (resumed) return { ...resolved, claim, route: 'post-process', documentKey: resumed };
  }
  // This run reads the inputs again: the stored enriched document is no longer surely the call's
  // (this run may stop before PostProcess, or read other inputs), so it goes before anything is read.
  // A drop that turns out rejected (its input at fault, the call keeps its landed rows) loses it too:
  // nothing here knows yet that it will be, the inputs identity of the rejected files is not the
  // one the document was made from (so it would not be used while they are the call's), and kept,
  // it would outlive a run that read the inputs (`run --from`'s note takes a document present after
  // a run for one that run stored).
  await dropEnrichedDocument(deps.store, enrichedKey);
  if (keys.transcript) return { ...resolved, claim, route: 'transcript' };
  // (claim only lets a call without a transcript or recording through when it was never recorded.)
  if (!keys.audio) return { ...resolved, claim, route: 'ctr-only' };
  const audioKey = keys.audio;
  const jobName = transcriptionJobName(
    execution.callId,
    audioKey,
    await readingInput(audioKey, () => deps.store.head(audioKey)),
    deps.transcriptionVariant,
  );
  const transcriptKey = transcriptKeyFor(execution.callId, jobName);
  if (await deps.store.exists(transcriptKey))
    return { ...resolved, claim, keys: { ...keys, transcript: transcriptKey }, route: 'transcript' };
  return { ...resolved, claim, route: 'audio' };
};

/**
 * `--from post-process`: the call's stored enriched document, copied (with the lineage entry that
 * says what did not run) to this execution's own working document, whose key it returns; null when
 * there is none to use, or it was made from other inputs than the caller's: the call runs in full.
 */
const resumeAtPostProcess = async (
  execution: CallExecutionInput,
  deps: StepDeps,
  enrichedKey: string,
  resolvedKeys: CallKeys,
): Promise<string | null> => {
  const enriched = await loadEnrichedDocument(deps.store, enrichedKey);
  if (enriched === null || enriched.callId !== execution.callId) return null;
  // The inputs it was made from must be the call's now: the caller's identity (`debrief run`), or
  // else (AWS) the inbox files' versions, so a file that arrived or changed and never ran (its
  // event dead-lettered, a run that failed before it dropped the document) runs the call in full.
  const inputs = execution.inputs ?? (await inboxInputsOf(deps.store, resolvedKeys));
  if (inputs === null || enriched.inputs !== inputs) return null;
  if (await topicsChanged(enriched.document, deps)) return null;
  const documentKey = documentKeyFor(deps.prefixes.work, execution.callId, deps.now());
  await saveDocument(deps.store, documentKey, {
    ...enriched.document,
    lineage: { ...enriched.document.lineage, [POST_PROCESS_ONLY]: postProcessOnlyLineage(enriched) },
  });
  return documentKey;
};

/**
 * Whether the call's topics would come out otherwise now than in the stored document: an analyst's
 * correction recorded, changed or withdrawn since (LoadCall reads it into the document), the
 * corrections unreadable, or another topic model active (locally; on AWS neither is known here).
 */
const topicsChanged = async (doc: CallDocument, deps: StepDeps): Promise<boolean> => {
  if (deps.topicCorrection) {
    if (doc.topicCorrectionError !== undefined) return true;
    let current: { topic: string; at: string | null } | null;
    try {
      current = await deps.topicCorrection(doc.callId);
    } catch {
      return true;
    }
    const had = doc.topicCorrection ?? null;
    if ((current?.topic ?? null) !== (had?.topic ?? null) || (current?.at ?? null) !== (had?.at ?? null))
      return true;
  }
  if (deps.topicModelHash) {
    const active = await deps.topicModelHash();
    if (active !== null && doc.lineage.topics?.modelHash !== active) return true;
  }
  return false;
};

/** The recording's fingerprint; null when it is gone (deleted since the listing named it). */
const recordingOrNull = async (
  recordings: NonNullable<StepDeps['recordings']>,
  key: string,
): Promise<string | null> => {
  try {
    return await recordings.fingerprint(key);
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return null;
    throw error;
  }
};

/** The call's input files and their versions, as one fingerprint. */
const fingerprintOf = async (store: ObjectStoreWithHead, keys: CallKeys): Promise<string> => {
  const present = Object.values(keys).filter((k): k is string => typeof k === 'string');
  const inputs = await Promise.all(
    present.map(async (key) => {
      const info = await store.head(key);
      return { key, version: info.etag ?? `${info.size}@${info.lastModified}` };
    }),
  );
  return inputsFingerprint(inputs);
};

/** The files that share the transcript's (or audio's, or a sidecar's) stem in the same folder. */
export const withSidecars = async (store: ObjectStore, keys: CallKeys): Promise<CallKeys> => {
  const anchor = keys.transcript ?? keys.audio ?? keys.ctr ?? keys.recording;
  if (!anchor) return keys;
  const folder = anchor.slice(0, anchor.lastIndexOf('/') + 1);
  const stem = classifyDropFile(anchor)?.stem;
  if (!stem) return keys;
  const found = { ...keys };
  for (const key of await store.list(`${folder}${stem}.`)) {
    const hit = classifyDropFile(key);
    if (hit?.stem === stem && found[hit.kind] === null) found[hit.kind] = key;
  }
  return found;
};

/**
 * Whether the call's CTR, dropped alone, says the call was never recorded (core/ctr/ctr-only.ts).
 * A record that cannot be read or used says nothing: the call is a lone sidecar as before (waits,
 * or is quarantined with loneSidecarError), never silently landed or skipped.
 */
const neverRecorded = async (callId: string, keys: CallKeys, deps: StepDeps): Promise<boolean> => {
  if (!keys.ctr) return false;
  try {
    const { sidecars } = await readCallSidecars({ callId, keys }, deps);
    if (!sidecars.ctr) return false;
    return ctrOnlyReason(sidecars.ctr, extractTimeline(sidecars.ctr)) !== null;
  } catch (error) {
    if (error instanceof InvalidInputError) return false;
    throw error;
  }
};

/**
 * Only a CTR or recording metadata arrived: says which file came alone and what to drop beside it
 * (every recording suffix that is transcribed, or a transcript), since the call runs once it lands.
 */
const loneSidecarError = (callId: string, keys: CallExecutionInput['keys']): InvalidInputError => {
  const sidecars = [keys.ctr, keys.recording].filter((k): k is string => !!k).map((k) => k.split('/').pop());
  const transcribed = ['.opus', '.ogg', '.flac', '.mp3'];
  return new InvalidInputError(
    sidecars.join(' and ') || callId,
    `no recording or transcript of this call beside it: drop ${callId}.wav (or ${transcribed.join(', ')}) or ${callId}.tca.json in the same folder, and the call runs`,
  );
};
