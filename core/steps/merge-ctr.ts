import type { GenesysConversation } from '../../schemas/genesys-conversation.js';
import type { CallState } from '../../schemas/workflow.js';
import { fileNameOf, loadDocument, readingInput, readJson, saveDocument } from '../call-store.js';
import { mergeCtr } from '../ctr/merge.js';
import { readSidecars, type SidecarFile } from '../ctr/sidecars.js';
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
  const { sidecars, unreadableRecording } = await readCallSidecars(input, deps);
  const directory = await lookUpAgentNames(deps.agentDirectory, sidecars.ctr);
  const queues = await lookUpNames(deps.queueDirectory, sidecars.ctr ? recordQueueIds(sidecars.ctr) : []);
  const doc = await loadDocument(deps.store, input.documentKey);
  const recordingNote = [unreadableRecording, sidecars.recordingNote].filter((n) => n !== null).join('; ');
  await saveDocument(
    deps.store,
    input.documentKey,
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
      { aniHashKey: await deps.aniHashKey() },
    ),
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
  const ctrFile = keys.ctr ? { key: keys.ctr, json: await readCtr(deps.store, keys.ctr) } : null;
  return { sidecars: readSidecars(ctrFile, recordingFile, input.callId), unreadableRecording };
};

/**
 * The CTR's JSON. One that cannot be read as JSON (cut off, not UTF-8) quarantines the call with
 * what to do, as a recording cut short does: a corrected CTR dropped under the same name runs the
 * call again; removed, the call's next run lands it without one (ctr_status missing, as any call
 * dropped without a CTR).
 */
const readCtr = async (store: StepDeps['store'], key: string): Promise<unknown> => {
  try {
    return await readingInput(key, () => readJson(store, key, 'ctr'));
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    const name = fileNameOf(key);
    throw new InvalidInputError(
      'ctr',
      `${errorMessage(error).replace(/^ctr: /, '')}: drop a corrected ${name} under the same name, or remove it and the call runs without a CTR (ctr_status missing)`,
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
