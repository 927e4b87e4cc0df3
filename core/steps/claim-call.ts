import type { CallExecutionInput, CallKeys } from '../../schemas/workflow.js';
import { classifyDropFile } from '../drop.js';
import { InvalidInputError } from '../errors.js';
import type { ObjectStore } from '../ports/object-store.js';
import { transcriptionJobName, transcriptKeyFor } from '../transcription/transcription-plan.js';
import type { StepDeps } from './deps.js';

/**
 * ClaimCall: gather the call's inputs (the sidecars that share the anchor file's stem, when the
 * S3 trigger only knows the file that arrived) and decide the route: a dropped transcript goes
 * straight to LoadCall (it wins over a recording of the same call); a recording already
 * transcribed in an earlier run (same audio version) reuses that transcript, so a late CTR
 * reprocesses the call without transcribing it again; any other recording is transcribed.
 */
export const claimCall = async (
  execution: CallExecutionInput,
  deps: StepDeps,
): Promise<CallExecutionInput> => {
  const keys = execution.lookupSidecars ? await withSidecars(deps.store, execution.keys) : execution.keys;
  const resolved = { ...execution, keys, lookupSidecars: false };
  if (keys.transcript) return { ...resolved, route: 'transcript' };
  if (!keys.audio)
    throw new InvalidInputError(
      'transcript',
      'no transcript (.tca.json) and no recording (.wav) for this call: only sidecar files were dropped',
    );
  const jobName = transcriptionJobName(execution.callId, keys.audio, await deps.store.head(keys.audio));
  const transcriptKey = transcriptKeyFor(execution.callId, jobName);
  if (await deps.store.exists(transcriptKey))
    return { ...resolved, keys: { ...keys, transcript: transcriptKey }, route: 'transcript' };
  return { ...resolved, route: 'audio' };
};

/** The files that share the transcript's (or audio's) stem in the same folder. */
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
