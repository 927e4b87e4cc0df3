/**
 * A drop is a set of files; the files of one call share a stem, and call_id = stem.
 * Three sidecar naming schemes are accepted: debrief's own, the AWS PCA sample's
 * (`<audio>_metadata.json` for the Genesys record, `<audio>_call_metadata.json` for the
 * recording start) and Genesys' S3 recording export (`<stem>.opus_metadata.json`, recording
 * metadata). MergeCtr reads the content, so metadata under the other sidecar's name still works.
 */
export type DropFileKind = 'transcript' | 'audio' | 'ctr' | 'recording';

/**
 * Recording suffixes besides `.wav`. The container is read from the bytes, never trusted from the
 * name (InspectAudio): Ogg Opus (Genesys Cloud's S3 export), Ogg Vorbis, FLAC and MP3 are
 * transcribed; the others (MP4/M4A/AAC, WebM, AMR, WMA, AIFF) are quarantined with a line that
 * says how to convert them, never ignored.
 */
export const COMPRESSED_AUDIO = [
  '.opus',
  '.ogg',
  '.oga',
  '.mp3',
  '.flac',
  '.m4a',
  '.mp4',
  '.webm',
  '.amr',
  '.aac',
  '.wma',
  '.aif',
  '.aiff',
];

const SUFFIXES: readonly (readonly [string, DropFileKind])[] = [
  ['.wav_call_metadata.json', 'recording'],
  ['.opus_metadata.json', 'recording'],
  ['.wav_metadata.json', 'ctr'],
  ['.recording.json', 'recording'],
  ['.ctr.json', 'ctr'],
  ['.tca.json', 'transcript'],
  ['.wav', 'audio'],
  ...COMPRESSED_AUDIO.map((suffix) => [suffix, 'audio'] as const),
];

/** What a drop file may be called, for messages: the recordings first, then the sidecars. */
export const CALL_FILE_SUFFIXES: readonly string[] = [
  '.wav',
  '.opus',
  '.ogg',
  '.flac',
  '.mp3',
  '.tca.json',
  '.ctr.json',
  '.recording.json',
  '.wav_metadata.json',
  '.wav_call_metadata.json',
  '.opus_metadata.json',
];

/**
 * The call file a file that is none was likely meant to be: a sidecar's kind joined to the call's
 * name by `_`, `-` or a space instead of a dot (the newcomer's trial: `card_ctr.json` was only "not a
 * call file", and the call ran with no CTR), e.g. `card_ctr.json` → `card.ctr.json`; null otherwise.
 */
export const meantCallFileName = (file: string): string | null => {
  const slash = file.lastIndexOf('/');
  const name = file.slice(slash + 1);
  for (const suffix of CALL_FILE_SUFFIXES) {
    if (!suffix.endsWith('.json') || suffix.split('.').length < 3) continue;
    const kind = suffix.slice(1, -'.json'.length);
    const joined = name.toLowerCase().match(new RegExp(`^(.+)[ _-]${kind}\\.json$`));
    if (joined?.[1] !== undefined)
      return `${file.slice(0, slash + 1)}${name.slice(0, joined[1].length)}${suffix}`;
  }
  return null;
};

export interface DropCall {
  callId: string;
  transcript: string | null;
  audio: string | null;
  ctr: string | null;
  recording: string | null;
  /** Further files of a kind the call already has (`x.tca.json` beside `x.TCA.json`, both sidecar schemes). */
  repeats?: { kind: DropFileKind; file: string }[];
}

export interface DropManifest {
  calls: DropCall[];
  /** Files that belong to no call (reported, never fatal). */
  unknown: string[];
  /** Files that repeat a kind another file of the same call already provides (both schemes present). */
  duplicates: string[];
}

const baseName = (key: string): string => key.slice(key.lastIndexOf('/') + 1);

export const classifyDropFile = (key: string): { stem: string; kind: DropFileKind } | null => {
  const name = baseName(key);
  for (const [suffix, kind] of SUFFIXES) {
    if (name.toLowerCase().endsWith(suffix) && name.length > suffix.length) {
      return { stem: name.slice(0, -suffix.length), kind };
    }
  }
  return null;
};

/** Group a folder's keys into calls. Deterministic: keys are sorted first. */
export const groupDrop = (keys: readonly string[]): DropManifest => {
  const calls = new Map<string, DropCall>();
  const unknown: string[] = [];
  const duplicates: string[] = [];
  for (const key of [...keys].sort()) {
    const hit = classifyDropFile(key);
    if (!hit) {
      unknown.push(key);
      continue;
    }
    const call = calls.get(hit.stem) ?? {
      callId: hit.stem,
      transcript: null,
      audio: null,
      ctr: null,
      recording: null,
    };
    if (call[hit.kind] !== null) {
      duplicates.push(key);
      call.repeats = [...(call.repeats ?? []), { kind: hit.kind, file: key }];
    } else call[hit.kind] = key;
    calls.set(hit.stem, call);
  }
  return { calls: [...calls.values()].sort((a, b) => a.callId.localeCompare(b.callId)), unknown, duplicates };
};
