import { GenesysConversation, RecordingMetadata } from '../../schemas/genesys-conversation.js';
import type { CallState } from '../../schemas/workflow.js';
import { loadDocument, readJson, saveDocument } from '../call-store.js';
import { unwrapConversation } from '../ctr/conversation-record.js';
import { mergeCtr } from '../ctr/merge.js';
import type { StepDeps } from './deps.js';
import { parseInput } from './parse-input.js';

/**
 * MergeCtr: read the call's Genesys conversation record and recording metadata (when dropped),
 * re-tag agent-channel speech (IVR / which agent), and measure the journey. A missing CTR is
 * recorded as `ctr_status = missing`; an unreadable one quarantines the call.
 */
export const mergeCtrStep = async (input: CallState, deps: StepDeps): Promise<CallState> => {
  const { keys } = input;
  const recording = keys.recording
    ? parseInput(
        RecordingMetadata,
        await readJson(deps.store, keys.recording, 'recording'),
        'recording',
        keys.recording,
      )
    : null;
  // A CTR file may hold the conversation itself or an Analytics API response around it.
  const ctr = keys.ctr
    ? parseInput(
        GenesysConversation,
        unwrapConversation(await readJson(deps.store, keys.ctr, 'ctr'), recording?.conversationId ?? null),
        'ctr',
        keys.ctr,
      )
    : null;
  const doc = await loadDocument(deps.store, input.documentKey);
  await saveDocument(
    deps.store,
    input.documentKey,
    mergeCtr(doc, { ctr, recording }, { aniHashKey: await deps.aniHashKey() }),
  );
  return input;
};
