import type { GenesysConversation } from '../../schemas/genesys-conversation.js';
import type { CallState } from '../../schemas/workflow.js';
import { fileNameOf, loadDocument, readingInput, readJson, saveDocument } from '../call-store.js';
import { mergeCtr } from '../ctr/merge.js';
import { readSidecars, type SidecarFile, withoutForeignRecording } from '../ctr/sidecars.js';
import { errorMessage, InvalidInputError } from '../errors.js';
import type { AgentDirectory } from '../ports/agent-directory.js';
import type { QueueDirectory } from '../ports/queue-directory.js';
import type { StepDeps } from './deps.js';

/**
 * MergeCtr: read the call's Genesys conversation record and recording metadata (when dropped, in
 * whichever real shape), name unnamed agents from the agent directory, re-tag agent-channel
 * speech (IVR / which agent) and measure the journey. A missing CTR is `ctr_status = missing`; an
 * unreadable one quarantines the call; unreadable recording metadata only adds a note (the CTR
 * clock anchors the transcript).
 */
export const mergeCtrStep = async (input: CallState, deps: StepDeps): Promise<CallState> => {
  const read = await readCallSidecars(input, deps);
  const { unreadableRecording } = read;
  // The recording's length: InspectAudio's reading when the call was transcribed in this
  // execution, else LoadCall's (a recording dropped with its transcript, or a call run again from
  // its stored transcript: a late CTR, `--reprocess`), so metadata of another recording is caught there too.
  const audioMs = input.audio?.durationMs ?? input.recordingMs;
  const sidecars = withoutForeignRecording(read.sidecars, audioMs, {
    metadata: input.keys.recording ? fileNameOf(input.keys.recording) : null,
    recording: input.keys.audio ? fileNameOf(input.keys.audio) : null,
  });
  const directory = await lookUpAgentNames(deps.agentDirectory, sidecars.ctr);
  const queues = await lookUpNames(deps.queueDirectory, sidecars.ctr ? recordQueueIds(sidecars.ctr) : []);
  const doc = await loadDocument(deps.store, input.documentKey);
  const recordingNote = [unreadableRecording, sidecars.recordingNote].filter((n) => n !== null).join('; ');
  const options = { aniHashKey: await deps.aniHashKey() };
  // The record's times are checked here (extractTimeline): a bad one says what to do too.
  const merge = () =>
    mergeCtr(
      doc,
      {
        ctr: sidecars.ctr,
        recording: sidecars.recording,
        recordingNote: recordingNote || null,
        agentNames: directory.names,
        directoryNote: directory.note,
        queueNames: queues.names,
        queueDirectoryNote: queues.note,
      },
      options,
    );
  await saveDocument(
    deps.store,
    input.documentKey,
    input.keys.ctr ? await withCtrFix(input.keys.ctr, merge) : merge(),
  );
  return input;
};

/**
 * The call's CTR and recording metadata as MergeCtr reads them. An unreadable or unusable CTR
 * throws InvalidInputError('ctr'); unreadable recording metadata is only a note. InspectAudio
 * reads them too, so a bad CTR quarantines an audio call before its transcription is paid for.
 */
export const readCallSidecars = async (
  input: Pick<CallState, 'callId' | 'keys'>,
  deps: Pick<StepDeps, 'store'>,
): Promise<{ sidecars: ReturnType<typeof readSidecars>; unreadableRecording: string | null }> => {
  const { keys } = input;
  let unreadableRecording: string | null = null;
  let recordingFile: SidecarFile | null = null;
  if (keys.recording) {
    try {
      const key = keys.recording;
      recordingFile = { key, json: await readingInput(key, () => readJson(deps.store, key, 'recording')) };
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      unreadableRecording = `${fileNameOf(keys.recording)} is unreadable (${errorMessage(error).replace(/^recording: \S+ /, '')})`;
    }
  }
  const ctrKey = keys.ctr;
  if (!ctrKey) return { sidecars: readSidecars(null, recordingFile, input.callId), unreadableRecording };
  const ctrFile = {
    key: ctrKey,
    json: await withCtrFix(ctrKey, () => readingInput(ctrKey, () => readJson(deps.store, ctrKey, 'ctr'))),
  };
  return {
    sidecars: await withCtrFix(ctrKey, () => readSidecars(ctrFile, recordingFile, input.callId)),
    unreadableRecording,
  };
};

/**
 * A CTR that cannot be used (not JSON, cut off, not UTF-8, not the expected shape, times that
 * end before they start) quarantines the call with its file named and what to do, as a recording
 * cut short does: a corrected CTR dropped under the same name runs the call again; removed, the
 * call's next run lands it without one (ctr_status missing, as any call dropped without a CTR).
 * Every reason gets this one sentence, so none is left without a fix (the Genesys trial:
 * "ctr: conversationEnd is before conversationStart" said nothing more). A reason that names its
 * own fix (another format: what to drop instead; a query response: which conversation) keeps it.
 */
const withCtrFix = async <T>(key: string, read: () => T | Promise<T>): Promise<T> => {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof InvalidInputError) || error.file !== 'ctr') throw error;
    const detail = errorMessage(error).replace(/^ctr: /, '');
    if (/\bdrop\b/.test(detail)) throw error;
    const name = fileNameOf(key);
    const named = detail.startsWith(name) ? detail : `${name}: ${detail}`;
    throw new InvalidInputError(
      'ctr',
      `${named}: drop a corrected ${name} under the same name, or remove it and the call runs without a CTR (ctr_status missing)`,
    );
  }
};

/** Genesys user ids of the record's agents that carry no name of their own. */
export const unnamedAgentIds = (ctr: GenesysConversation): string[] => {
  const named = new Set(ctr.participants.filter((p) => p.participantName && p.userId).map((p) => p.userId));
  const ids = ctr.participants
    .filter((p) => ['agent', 'user'].includes(p.purpose.toLowerCase()) && p.userId && !named.has(p.userId))
    .map((p) => p.userId!);
  return [...new Set(ids)];
};

/** Every queue id the record's segments name, in order of appearance. */
export const recordQueueIds = (ctr: GenesysConversation): string[] => [
  ...new Set(
    ctr.participants.flatMap((p) =>
      p.sessions.flatMap((s) => s.segments.flatMap((g) => (g.queueId ? [g.queueId] : []))),
    ),
  ),
];

/** Names for the record's unnamed agents (see lookUpNames). */
const lookUpAgentNames = (directory: AgentDirectory | undefined, ctr: GenesysConversation | null) =>
  lookUpNames(directory, ctr ? unnamedAgentIds(ctr) : []);

/**
 * Names for ids from a directory (agents, queues). A directory that fails (an export of the wrong
 * shape, the Genesys API down) never costs the call: the ids stay and the lineage says why.
 */
const lookUpNames = async (
  directory: AgentDirectory | QueueDirectory | undefined,
  ids: readonly string[],
): Promise<{ names: ReadonlyMap<string, string>; note: string | null }> => {
  if (!directory || ids.length === 0) return { names: new Map(), note: null };
  try {
    return { names: await directory.names(ids), note: directory.source };
  } catch (error) {
    return { names: new Map(), note: `${directory.source} failed: ${errorMessage(error)}` };
  }
};
