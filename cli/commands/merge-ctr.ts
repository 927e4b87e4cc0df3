import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseUsersExport } from '../../core/agents/users-export.js';
import { buildCallDocument, utcDate } from '../../core/call-document.js';
import { mergeCtr } from '../../core/ctr/merge.js';
import { readSidecars } from '../../core/ctr/sidecars.js';
import { classifyDropFile } from '../../core/drop.js';
import { InvalidInputError } from '../../core/errors.js';
import { foreignTranscript } from '../../core/formats.js';
import { parseQueuesExport } from '../../core/queues/queues-export.js';
import { parseInput } from '../../core/steps/parse-input.js';
import type { CallDocument } from '../../schemas/call-document.js';
import { TranscribeCallAnalyticsOutput } from '../../schemas/transcribe-call-analytics.js';

export interface MergeCtrCommandOptions {
  transcript: string;
  ctr?: string;
  recording?: string;
  /** A Genesys users export (JSON or CSV) naming agents the record leaves unnamed. */
  users?: string;
  /** A Genesys queues export (JSON or CSV) naming the queues the record names by id. */
  queues?: string;
  aniHashKey?: string;
}

/**
 * Only for this debugging command (the workflow always passes its configured key): a key made for
 * this run alone, so the printed aniHash matches no lake's and cannot be reversed by anyone who
 * knows the key (a fixed key in the source could be: every phone number hashed with it, and
 * compared). DEBRIEF_ANI_HASH_KEY gives the lake's key when the hash should match its rows.
 */
const oneOffAniHashKey = (): string => randomBytes(32).toString('hex');

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
 * `debrief merge-ctr --transcript T.json [--ctr C.json] [--recording M.json] [--users U.json]
 * [--queues Q.json]`:
 * the canonical call document after the CTR merge, exactly as the workflow would build it.
 */
export async function mergeCtrCommand(opts: MergeCtrCommandOptions): Promise<CallDocument> {
  const callId = classifyDropFile(opts.transcript)?.stem ?? basename(opts.transcript).replace(/\.json$/i, '');
  const json = await readJsonFile(opts.transcript, 'transcript');
  const foreign = foreignTranscript(json, callId);
  if (foreign) throw new InvalidInputError('transcript', `${opts.transcript}: ${foreign}`);
  const transcript = parseInput(TranscribeCallAnalyticsOutput, json, 'transcript', opts.transcript);
  const sidecars = readSidecars(
    opts.ctr ? { key: opts.ctr, json: await readJsonFile(opts.ctr, 'ctr') } : null,
    opts.recording ? { key: opts.recording, json: await readJsonFile(opts.recording, 'recording') } : null,
    callId,
  );
  const names = opts.users ? parseUsersExport(await readFile(opts.users, 'utf8'), opts.users) : undefined;
  const queueNames = opts.queues
    ? parseQueuesExport(await readFile(opts.queues, 'utf8'), opts.queues)
    : undefined;
  const doc = buildCallDocument({
    callId,
    transcript,
    sources: {
      transcript: opts.transcript,
      ctr: opts.ctr ?? null,
      recording: opts.recording ?? null,
      audio: null,
    },
    // MergeCtr anchors the call in time (recording metadata, else the CTR), as in the workflow.
    startedAt: null,
    fallbackDt: utcDate((await stat(opts.transcript)).mtime.toISOString()),
  });
  return mergeCtr(
    doc,
    {
      ctr: sidecars.ctr,
      recording: sidecars.recording,
      recordingNote: sidecars.recordingNote,
      agentNames: names,
      directoryNote: opts.users ? `users file ${opts.users}` : null,
      queueNames,
      queueDirectoryNote: opts.queues ? `queues file ${opts.queues}` : null,
    },
    { aniHashKey: opts.aniHashKey ?? process.env.DEBRIEF_ANI_HASH_KEY ?? oneOffAniHashKey() },
  );
}
