import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { buildCallDocument, utcDate } from '../../core/call-document.js';
import { unwrapConversation } from '../../core/ctr/conversation-record.js';
import { mergeCtr } from '../../core/ctr/merge.js';
import { parseInstant, toIsoUtc } from '../../core/ctr/time.js';
import { classifyDropFile } from '../../core/drop.js';
import { InvalidInputError } from '../../core/errors.js';
import { parseInput } from '../../core/steps/parse-input.js';
import type { CallDocument } from '../../schemas/call-document.js';
import { GenesysConversation, RecordingMetadata } from '../../schemas/genesys-conversation.js';
import { TranscribeCallAnalyticsOutput } from '../../schemas/transcribe-call-analytics.js';

export interface MergeCtrCommandOptions {
  transcript: string;
  ctr?: string;
  recording?: string;
  aniHashKey?: string;
}

/** Only for this debugging command: the workflow always passes its configured key. */
const LOCAL_ANI_HASH_KEY = 'debrief-local-ani-hash-key';

const readJsonFile = async (path: string, label: string): Promise<unknown> => {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(
      label,
      `${path} is not JSON: ${error instanceof Error ? error.message : error}`,
    );
  }
};

/**
 * `debrief merge-ctr --transcript T.json [--ctr C.json] [--recording M.json]`: the canonical
 * call document after the CTR merge, exactly as the workflow would build it.
 */
export async function mergeCtrCommand(opts: MergeCtrCommandOptions): Promise<CallDocument> {
  const transcript = parseInput(
    TranscribeCallAnalyticsOutput,
    await readJsonFile(opts.transcript, 'transcript'),
    'transcript',
    opts.transcript,
  );
  const recording = opts.recording
    ? parseInput(
        RecordingMetadata,
        await readJsonFile(opts.recording, 'recording'),
        'recording',
        opts.recording,
      )
    : null;
  const ctr = opts.ctr
    ? parseInput(
        GenesysConversation,
        unwrapConversation(await readJsonFile(opts.ctr, 'ctr'), recording?.conversationId ?? null),
        'ctr',
        opts.ctr,
      )
    : null;
  const recordingStart = recording ? parseInstant(recording.startTime) : null;
  const doc = buildCallDocument({
    callId: classifyDropFile(opts.transcript)?.stem ?? basename(opts.transcript).replace(/\.json$/i, ''),
    transcript,
    sources: {
      transcript: opts.transcript,
      ctr: opts.ctr ?? null,
      recording: opts.recording ?? null,
      audio: null,
    },
    startedAt: recordingStart === null ? null : toIsoUtc(recordingStart),
    fallbackDt: utcDate((await stat(opts.transcript)).mtime.toISOString()),
  });
  return mergeCtr(
    doc,
    { ctr, recording },
    { aniHashKey: opts.aniHashKey ?? process.env.DEBRIEF_ANI_HASH_KEY ?? LOCAL_ANI_HASH_KEY },
  );
}
