import { z } from 'zod';
import { RecordingMetadata } from '../../schemas/genesys-conversation.js';
import { TranscribeCallAnalyticsOutput } from '../../schemas/transcribe-call-analytics.js';
import type { CallExecutionInput, CallKeys, CallState } from '../../schemas/workflow.js';
import { buildCallDocument, utcDate } from '../call-document.js';
import { documentKeyFor, readJson, saveDocument } from '../call-store.js';
import { classifyDropFile } from '../drop.js';
import { InvalidInputError } from '../errors.js';
import type { ObjectStore } from '../ports/object-store.js';
import type { StepDeps } from './deps.js';

/** Validate a parsed input file, turning schema violations into a readable, typed error. */
export const parseInput = <T extends z.ZodType>(
  schema: T,
  value: unknown,
  label: string,
  key: string,
): z.infer<T> => {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new InvalidInputError(
      label,
      `${key} does not match the expected format:\n${z.prettifyError(parsed.error)}`,
    );
  return parsed.data;
};

/**
 * LoadCall: read and validate the call's transcript (Transcribe Call Analytics output JSON),
 * and build the canonical call document from it.
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
  const transcript = parseInput(
    TranscribeCallAnalyticsOutput,
    await readJson(deps.store, keys.transcript, 'transcript'),
    'transcript',
    keys.transcript,
  );
  if (transcript.Transcript.length === 0)
    throw new InvalidInputError('transcript', `${keys.transcript} has no turns`);
  // The recording start anchors offsets to wall-clock time; MergeCtr refines it with the CTR.
  const recording = keys.recording
    ? parseInput(
        RecordingMetadata,
        await readJson(deps.store, keys.recording, 'recording'),
        'recording',
        keys.recording,
      )
    : null;
  const startedAt = recording ? parseInstant(recording.startTime, keys.recording ?? 'recording') : null;
  const arrived = await deps.store.head(keys.transcript);
  const doc = buildCallDocument({
    callId,
    transcript,
    sources: { transcript: keys.transcript, ctr: keys.ctr, recording: keys.recording, audio: keys.audio },
    startedAt,
    fallbackDt: utcDate(arrived.lastModified),
  });
  const documentKey = documentKeyFor(deps.prefixes.work, callId);
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

/** ISO-8601 with or without milliseconds, `Z` or numeric offsets (`+0000`, `+00:00`, `-05:00`). */
export const parseInstant = (value: string, label: string): string => {
  const normalized = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(normalized);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) || Number.isNaN(ms)) {
    throw new InvalidInputError(label, `not an ISO-8601 timestamp: ${JSON.stringify(value)}`);
  }
  return new Date(ms).toISOString();
};
