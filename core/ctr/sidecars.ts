import { GenesysConversation, type RecordingMetadata } from '../../schemas/genesys-conversation.js';
import { formatMs } from '../audio/wav-header.js';
import { fileNameOf } from '../call-store.js';
import { InvalidInputError } from '../errors.js';
import { foreignConversationRecord, recogniseFormat } from '../formats.js';
import { lengthsFarApart } from '../recording-length.js';
import { parseInput } from '../steps/parse-input.js';
import { unwrapConversation } from './conversation-record.js';
import { readRecordingMetadata } from './recording-metadata.js';
import { parseInstant } from './time.js';

/** A dropped sidecar: its key and its parsed JSON (undefined when none was dropped). */
export interface SidecarFile {
  key: string;
  json: unknown;
}

export interface Sidecars {
  ctr: GenesysConversation | null;
  recording: RecordingMetadata | null;
  /** What could not be used or was read differently than named, readable (merge puts it on the journey). */
  recordingNote: string | null;
}

/** A Genesys id (conversationId, recordingId): a UUID, in any case. */
const GENESYS_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/**
 * Why the record is another call's by the call's name, or null. A call named by a UUID is named by
 * its Genesys conversationId, so a record of another conversation is another call's (the trial's
 * …0009 landed matched with …0005's agent and handle time). Genesys' S3 export names files by the
 * recordingId, also a UUID: recording metadata that names the conversation (the merge compares it)
 * or whose recordingId is the name says the name is not the conversation's, and then nothing here.
 */
const otherConversation = (
  ctr: GenesysConversation,
  recording: RecordingMetadata | null,
  stem: string,
  file: string,
): string | null => {
  if (!GENESYS_ID.test(stem) || !GENESYS_ID.test(ctr.conversationId)) return null;
  if (ctr.conversationId.toLowerCase() === stem.toLowerCase()) return null;
  if (recording?.conversationId || recording?.recordingId?.toLowerCase() === stem.toLowerCase()) return null;
  return `${file} is the record of conversation ${ctr.conversationId}, not of this call's (${stem}, the file's name): another call's record? Drop conversation ${stem}'s own record as ${stem}.ctr.json, or remove ${file} (the call runs without one); if ${stem} is the recording's id, not the conversation's, drop the recording's metadata (Genesys' S3 export writes it) as ${stem}.opus_metadata.json beside it`;
};

const isConversation = (kind: string) => kind === 'genesys-conversation' || kind === 'genesys-query-response';

/**
 * The record with every `null` member left out: Genesys' API and SDKs leave out what a
 * conversation lacks, but records that went through an ETL tool or another serialiser carry
 * `"wrapUpCode": null`, `"conversationEnd": null`, and one such field quarantined the whole call
 * (found by helper-215's review). A null where the record needs a value still fails, as missing.
 */
const withoutNulls = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  const kept: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) kept[k] = withoutNulls(v);
  return kept;
};

/**
 * The call's Genesys record and recording metadata, from whatever was dropped under those names.
 * The AWS sample's names (`.wav_metadata.json` for the record, `.wav_call_metadata.json` for the
 * recording) and Genesys' own (`.opus_metadata.json` is recording metadata) are easily swapped, so
 * the content decides: recording metadata dropped as the record is read as the recording metadata,
 * a record dropped as the recording metadata as the record (when the other slot is empty). A
 * record that is another known format is rejected in one line; unusable recording metadata is not
 * an error (the merge falls back to the CTR clock with this note).
 */
export const readSidecars = (
  ctrFile: SidecarFile | null,
  recordingFile: SidecarFile | null,
  stem: string,
): Sidecars => {
  const notes: string[] = [];
  let ctrIn = ctrFile;
  let recIn = recordingFile;
  if (ctrIn && !recIn && recogniseFormat(ctrIn.json) === 'recording-metadata') {
    notes.push(
      `${fileNameOf(ctrIn.key)} holds recording metadata, not a conversation record: read as the recording metadata`,
    );
    recIn = ctrIn;
    ctrIn = null;
  } else if (recIn && !ctrIn && isConversation(recogniseFormat(recIn.json))) {
    notes.push(
      `${fileNameOf(recIn.key)} holds a conversation record, not recording metadata: read as the record`,
    );
    ctrIn = recIn;
    recIn = null;
  }

  let recording: RecordingMetadata | null = null;
  // Why the recording metadata gave no recording (helper-220: a recording list whose entries name
  // the conversation but have no start time was said to name no conversationId).
  let recordingUnread: string | null = null;
  if (recIn) {
    const kind = recogniseFormat(recIn.json);
    if (kind === 'recording-metadata' || kind === 'unknown') {
      const read = readRecordingMetadata(recIn.json, recIn.key, stem);
      recording = read.recording;
      if (read.note) notes.push(read.note);
      if (!recording) recordingUnread = read.note ?? 'no recording in it';
    } else {
      recordingUnread = `${fileNameOf(recIn.key)} is not recording metadata (${kind.replaceAll('-', ' ')}): ignored`;
      notes.push(recordingUnread);
    }
  }

  let ctr: GenesysConversation | null = null;
  if (ctrIn) {
    const foreign = foreignConversationRecord(ctrIn.json, stem);
    if (foreign) throw new InvalidInputError('ctr', `${fileNameOf(ctrIn.key)}: ${foreign}`);
    ctr = parseInput(
      GenesysConversation,
      withoutNulls(
        unwrapConversation(
          ctrIn.json,
          recording?.conversationId ?? null,
          fileNameOf(ctrIn.key),
          stem,
          recIn ? fileNameOf(recIn.key) : null,
          recordingUnread,
        ),
      ),
      'ctr',
      ctrIn.key,
    );
    const other = otherConversation(ctr, recording, stem, fileNameOf(ctrIn.key));
    if (other) throw new InvalidInputError('ctr', other);
  }
  return { ctr, recording, recordingNote: notes.length > 0 ? notes.join('; ') : null };
};

/** The length the recording metadata gives (durationMs, else its end less its start), or null. */
const metadataLengthMs = (recording: RecordingMetadata): number | null => {
  if (recording.durationMs !== undefined) return recording.durationMs;
  if (!recording.startTime || !recording.endTime) return null;
  const begin = parseInstant(recording.startTime);
  const end = parseInstant(recording.endTime);
  return begin === null || end === null ? null : end - begin;
};

/**
 * The sidecars without recording metadata that describes another recording: one whose length is
 * far from the length of the recording dropped with it (more than 30 s and a quarter of the longer
 * apart; the newcomer's trial: a 4:51 recording's metadata beside a 0:53 WAV anchored the WAV in
 * the other call's conversation, every agent turn was read as IVR and nothing said so). Its start
 * time would place the recording wrongly, so it is left out, and the note says why: the merge then
 * checks the CTR as for a recording without metadata (which finds another call's record too).
 */
export const withoutForeignRecording = (
  sidecars: Sidecars,
  audioMs: number | undefined,
  names: { metadata: string | null; recording: string | null },
): Sidecars => {
  const { recording } = sidecars;
  if (!recording || audioMs === undefined || audioMs <= 0) return sidecars;
  const said = metadataLengthMs(recording);
  if (said === null || said <= 0) return sidecars;
  if (!lengthsFarApart(said, audioMs)) return sidecars;
  const note = `${names.metadata ?? 'the recording metadata'} describes a recording of ${formatMs(said)}, but ${names.recording ?? 'the recording'} is ${formatMs(audioMs)} long: another recording's metadata? Ignored (its start time would place this recording wrongly); drop this call's own under the same name, or remove it`;
  return {
    ...sidecars,
    recording: null,
    recordingNote: sidecars.recordingNote ? `${sidecars.recordingNote}; ${note}` : note,
  };
};
