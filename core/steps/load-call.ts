import { TranscribeCallAnalyticsOutput } from '../../schemas/transcribe-call-analytics.js';
import type { CallExecutionInput, CallKeys, CallState } from '../../schemas/workflow.js';
import { buildCallDocument, utcDate } from '../call-document.js';
import { documentKeyFor, fileNameOf, readJson, saveDocument } from '../call-store.js';
import { classifyDropFile } from '../drop.js';
import { InvalidInputError } from '../errors.js';
import { foreignTranscript } from '../formats.js';
import type { ObjectStore } from '../ports/object-store.js';
import type { StepDeps } from './deps.js';
import { parseInput } from './parse-input.js';

/**
 * LoadCall: read and validate the call's transcript (Transcribe Call Analytics output JSON, batch
 * or real-time post-call), and build the canonical call document from it, Transcribe's own
 * findings included. A file of a neighbouring format is quarantined with one line saying what it
 * is and what to drop instead.
 */
export const loadCall = async (execution: CallExecutionInput, deps: StepDeps): Promise<CallState> => {
  const input = execution.lookupSidecars
    ? { ...execution, keys: await withSidecars(deps.store, execution.keys) }
    : execution;
  const { keys, callId } = input;
  if (!keys.transcript) {
    const reason = keys.audio
      ? 'audio-only drop: no .tca.json transcript, and this pipeline has no transcription step yet'
      : 'no .tca.json transcript for this call (only sidecar files were dropped)';
    throw new InvalidInputError('transcript', reason);
  }
  const json = await readJson(deps.store, keys.transcript, 'transcript');
  // A neighbouring format (Contact Lens, standard Transcribe, ...) is named, not schema-dumped.
  const foreign = foreignTranscript(json, callId);
  if (foreign) throw new InvalidInputError('transcript', `${keys.transcript}: ${foreign}`);
  const transcript = parseInput(TranscribeCallAnalyticsOutput, json, 'transcript', keys.transcript);
  if (transcript.Transcript.length === 0)
    throw new InvalidInputError('transcript', `${fileNameOf(keys.transcript)} has no turns`);
  const arrived = await deps.store.head(keys.transcript);
  const doc = buildCallDocument({
    callId,
    transcript,
    sources: { transcript: keys.transcript, ctr: keys.ctr, recording: keys.recording, audio: keys.audio },
    // MergeCtr anchors the call in time (recording metadata, else the CTR).
    startedAt: null,
    fallbackDt: utcDate(arrived.lastModified),
  });
  const documentKey = documentKeyFor(deps.prefixes.work, callId, deps.now());
  await saveDocument(deps.store, documentKey, doc);
  return { ...input, documentKey };
};

/** The sidecars that share the transcript's (or audio's) stem in the same folder. */
const withSidecars = async (store: ObjectStore, keys: CallKeys): Promise<CallKeys> => {
  const anchor = keys.transcript ?? keys.audio;
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
