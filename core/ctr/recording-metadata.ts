import type { RecordingMetadata } from '../../schemas/genesys-conversation.js';
import { fileNameOf } from '../call-store.js';
import { parseInstant, toIsoUtc } from './time.js';

/**
 * Recording metadata in the shapes it is really dropped in, normalised to RecordingMetadata:
 *  - `{startTime, endTime?, durationMs?, conversationId?, recordingId?}`: the AWS PCA sample's
 *    `<audio>_call_metadata.json` and debrief's own `.recording.json`;
 *  - Genesys' S3 recording export (`<recordingId>.opus_metadata.json`): ids at the top, the
 *    recording's start and end under `timing`, no top-level `startTime`;
 *  - the Recording API's `GET /api/v2/conversations/{id}/recordingmetadata` response: a list of
 *    recordings (`id`, `conversationId`, `startTime`, `endTime`, `media`, …): the audio recording
 *    the dropped file is named after (its `id` is the call's name, or a part of it between
 *    separators: Genesys' exports name a recording's file by its id) is the call's; else the
 *    earliest with a start time (the customer leg starts first). Always the earliest before: a
 *    later leg's recording dropped with the list was timed from the first leg's start, and every
 *    turn landed at the wrong place in the CTR (helper-215).
 * Metadata without a usable start time is not an error: the merge falls back to the CTR clock and
 * says why in `note`.
 */
export interface RecordingInput {
  recording: RecordingMetadata | null;
  /** What was assumed or could not be used, readable; null when the metadata was used as is. */
  note: string | null;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** An instant as text; epoch milliseconds (a number) are turned into ISO. */
const instantText = (v: unknown): string | undefined => {
  if (typeof v === 'number' && v > 1e11) return toIsoUtc(v);
  return str(v);
};

const START_KEYS = ['startTime', 'recordingStartTime', 'start', 'startDate', 'startedAt'] as const;
const END_KEYS = ['endTime', 'recordingEndTime', 'end', 'endDate', 'endedAt'] as const;

const pick = (o: Json, keys: readonly string[]): string | undefined => {
  for (const k of keys) {
    const v = instantText(o[k]);
    if (v !== undefined) return v;
  }
  return undefined;
};

/** One metadata object (any of the object shapes) -> RecordingMetadata (startTime may be absent). */
const normaliseObject = (o: Json): RecordingMetadata => {
  const timing = isObject(o.timing) ? o.timing : {};
  const startTime = pick(o, START_KEYS) ?? pick(timing, START_KEYS);
  const endTime = pick(o, END_KEYS) ?? pick(timing, END_KEYS);
  const durationMs = num(o.durationMs) ?? num(timing.durationMs);
  const conversationId = str(o.conversationId) ?? str(o.conversation_id);
  const recordingId = str(o.recordingId) ?? str(o.id);
  return {
    ...(conversationId ? { conversationId } : {}),
    ...(recordingId ? { recordingId } : {}),
    ...(startTime ? { startTime } : {}),
    ...(endTime ? { endTime } : {}),
    ...(durationMs !== undefined ? { durationMs } : {}),
  };
};

const isAudio = (o: Json) => {
  const media = str(o.media) ?? str(o.mediaType);
  return media === undefined || ['audio', 'call', 'voice'].includes(media.toLowerCase());
};

/** Whether the call's name is the recording's id, or holds it between separators ("<conversation>_<id>"). */
const namedAfter = (stem: string, recordingId: string | undefined): boolean => {
  if (recordingId === undefined || recordingId.trim() === '') return false;
  const name = stem.toLowerCase();
  const id = recordingId.toLowerCase();
  const edge = (c: string | undefined) => c === undefined || !/[a-z0-9]/u.test(c);
  // Every place the id occurs (helper-216: "abc12_abc1" holds abc1 whole only at its end).
  for (let at = name.indexOf(id); at >= 0; at = name.indexOf(id, at + 1))
    if (edge(name[at - 1]) && edge(name[at + id.length])) return true;
  return false;
};

/**
 * The recording metadata in a dropped file, and why it could not be used when it cannot. `stem`,
 * the call's name, picks a list's recording by its id.
 */
export const readRecordingMetadata = (json: unknown, key: string, stem?: string): RecordingInput => {
  if (Array.isArray(json)) {
    const candidates = json
      .filter(isObject)
      .filter(isAudio)
      .map(normaliseObject)
      .filter((r) => r.startTime !== undefined && parseInstant(r.startTime) !== null)
      .sort((a, b) => parseInstant(a.startTime!)! - parseInstant(b.startTime!)!);
    const first = candidates[0];
    if (!first)
      return { recording: null, note: `${fileNameOf(key)} lists no audio recording with a start time` };
    const named = stem === undefined ? [] : candidates.filter((r) => namedAfter(stem, r.recordingId));
    if (named.length === 1)
      return {
        recording: named[0]!,
        note:
          candidates.length > 1
            ? `${fileNameOf(key)} lists ${candidates.length} audio recordings; the one the call is named after (${named[0]!.recordingId}) anchors the transcript`
            : null,
      };
    return {
      recording: first,
      note:
        candidates.length > 1
          ? `${fileNameOf(key)} lists ${candidates.length} audio recordings${named.length > 1 ? `, ${named.length} of them named in the call's name` : ''}; the earliest (${first.recordingId ?? first.startTime}) anchors the transcript`
          : null,
    };
  }
  if (!isObject(json))
    return { recording: null, note: `${fileNameOf(key)} is not a recording metadata object` };
  const recording = normaliseObject(json);
  // An unparseable start time is reported by the merge, which owns the time base decision.
  if (recording.startTime === undefined)
    return {
      recording,
      note: `${fileNameOf(key)} has no recording start time (startTime or timing.startTime)`,
    };
  return { recording, note: null };
};
