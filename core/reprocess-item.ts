import type { CallKeys } from '../schemas/workflow.js';
import { classifyDropFile } from './drop.js';
import type { ObjectStoreWithHead } from './ports/object-store.js';
import {
  TRANSCRIPT_SUFFIX,
  TRANSCRIPTS_PREFIX,
  transcriptionJobName,
  transcriptKeyFor,
} from './transcription/transcription-plan.js';

/** Where calls are dropped (the S3 trigger's prefix). */
export const INBOX_PREFIX = 'inbox/';

/** The prefixes a reprocess may list: every call has a transcript or a recording in one of them. */
export const REPROCESS_PREFIXES = [INBOX_PREFIX, `${TRANSCRIPTS_PREFIX}/`] as const;

export type ReprocessResolution =
  | { run: true; callId: string; keys: CallKeys }
  | { run: false; reason: string };

const skip = (reason: string): ReprocessResolution => ({ run: false, reason });

/** `transcripts/<callId>/<job>.tca.json` -> callId (the folder GetTranscription wrote it to). */
export const transcribedCallId = (key: string): string | null => {
  const [prefix, callId, name, ...rest] = key.split('/');
  return prefix === TRANSCRIPTS_PREFIX &&
    callId &&
    name &&
    rest.length === 0 &&
    name.endsWith(TRANSCRIPT_SUFFIX) &&
    name.length > TRANSCRIPT_SUFFIX.length
    ? callId
    : null;
};

/** The call's files in the inbox, by kind (the S3 trigger's stem rule). */
const inboxFiles = async (store: ObjectStoreWithHead, folder: string, stem: string): Promise<CallKeys> => {
  const found: CallKeys = { transcript: null, audio: null, ctr: null, recording: null };
  for (const key of await store.list(`${folder}${stem}.`)) {
    const hit = classifyDropFile(key);
    if (hit?.stem === stem && found[hit.kind] === null) found[hit.kind] = key;
  }
  return found;
};

/**
 * One listed object -> the call to reprocess, or why this object runs nothing. A listing holds
 * every file, so exactly one object per call runs it:
 * - `inbox/<stem>.tca.json` (a dropped transcript) runs its call, with the sidecars by stem;
 * - `inbox/<stem>.wav` runs its call from the transcript made of this very recording version
 *   (`transcripts/<callId>/<job>.tca.json`), unless a dropped transcript of the call exists
 *   (that one wins, as in ClaimCall, and its own object runs the call); a recording that was never
 *   transcribed is reported, not transcribed: reprocessing never calls Transcribe;
 * - `transcripts/<callId>/<job>.tca.json` runs its call when it is the current transcript of the
 *   call's recording (a re-uploaded recording leaves an older job's transcript behind), and no
 *   dropped transcript wins over it;
 * - anything else (CTRs, recording metadata, redacted audio, other files) runs nothing.
 * Listing `inbox/` covers every call whose files are still there; listing `transcripts/` covers the
 * calls dropped as recordings. Listing both would run recordings twice.
 */
export const resolveReprocessItem = async (
  store: ObjectStoreWithHead,
  key: string,
): Promise<ReprocessResolution> => {
  const transcribed = transcribedCallId(key);
  if (transcribed !== null) {
    const inbox = await inboxFiles(store, INBOX_PREFIX, transcribed);
    if (inbox.transcript)
      return skip(
        `the call's dropped transcript ${inbox.transcript} wins over this one: it reprocesses the call`,
      );
    if (inbox.audio) {
      const current = transcriptKeyFor(
        transcribed,
        transcriptionJobName(transcribed, inbox.audio, await store.head(inbox.audio)),
      );
      if (current !== key)
        return skip(`superseded: the recording was uploaded again and transcribed as ${current}`);
    }
    return { run: true, callId: transcribed, keys: { ...inbox, transcript: key } };
  }
  const hit = key.startsWith(INBOX_PREFIX) ? classifyDropFile(key) : null;
  if (!hit || (hit.kind !== 'transcript' && hit.kind !== 'audio'))
    return skip('not a transcript or a recording: its call runs from its transcript or recording');
  const folder = key.slice(0, key.lastIndexOf('/') + 1);
  const files = await inboxFiles(store, folder, hit.stem);
  if (hit.kind === 'transcript') return { run: true, callId: hit.stem, keys: { ...files, transcript: key } };
  if (files.transcript)
    return skip(
      `the call's dropped transcript ${files.transcript} wins over the recording: it reprocesses the call`,
    );
  const transcript = transcriptKeyFor(hit.stem, transcriptionJobName(hit.stem, key, await store.head(key)));
  if (!(await store.exists(transcript)))
    return skip(
      'this recording has no stored transcript (never transcribed, or its transcription failed): reprocessing does not transcribe; drop the recording again to transcribe it',
    );
  return { run: true, callId: hit.stem, keys: { ...files, audio: key, transcript } };
};
