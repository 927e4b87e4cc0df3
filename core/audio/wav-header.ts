import { InvalidAudioError, STILL_COPYING } from './audio-errors.js';
import { BEXT_ORIGINATION_BYTES, type BextOrigination, parseBextOrigination } from './bext.js';
import { INFO_LIST_READ_BYTES, parseInfoCreationDate } from './riff-info.js';

/**
 * The RIFF/WAVE header of a recording: enough to decide, from a ranged read of the first bytes,
 * whether the workflow can transcribe it (Transcribe's own limits: 8–48 kHz, 0.5 s – 4 h,
 * Call Analytics needs two channels). Sample decoding is left to a maintained decoder.
 */

export const WAV_ENCODINGS = ['pcm', 'float', 'alaw', 'mulaw'] as const;
export type WavEncoding = (typeof WAV_ENCODINGS)[number];

export interface WavHeader {
  encoding: WavEncoding;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  /** Bytes per frame (all channels of one sample instant). */
  blockAlign: number;
  /** Byte offset of the first sample. */
  dataOffset: number;
  /** Bytes of sample data actually present (declared size, or what the file holds when streamed). */
  dataBytes: number;
  frames: number;
  durationMs: number;
  /** The BWF `bext` chunk's OriginationDate and OriginationTime (the recorder's local clock), when valid. */
  origination: BextOrigination | null;
  /** The `LIST`/`INFO` chunk's ICRD creation date as written (core/audio/riff-info.ts), when there is one. */
  creationDate: string | null;
}

export const AUDIO_LIMITS = {
  minSampleRate: 8000,
  maxSampleRate: 48000,
  minDurationMs: 500,
  maxDurationMs: 4 * 60 * 60 * 1000,
  maxChannels: 2,
} as const;

/** How many leading bytes to read to find the header (LIST/INFO chunks can push `data` back). */
export const WAV_HEADER_PROBE_BYTES = 64 * 1024;

const FORMAT_TAGS: Record<number, WavEncoding> = { 1: 'pcm', 3: 'float', 6: 'alaw', 7: 'mulaw' };
/** Names of the WAV encodings telephony systems write that the workflow does not take. */
const FORMAT_NAMES: Record<number, string> = {
  2: 'MS ADPCM',
  17: 'IMA ADPCM',
  49: 'GSM 6.10',
  64: 'G.721 ADPCM',
  85: 'MP3 inside a WAV',
  100: 'G.726 ADPCM',
  101: 'G.722 ADPCM',
  131: 'G.729A',
};
/**
 * The formats above that sox decodes (MS and IMA ADPCM, GSM 6.10: checked with Debian's sox); the
 * others it refuses ("Unknown WAV file encoding"), so their advice names ffmpeg (helper-215: the
 * sox line was printed for G.722, G.726 and G.729A, and failed).
 */
const SOX_DECODES: ReadonlySet<number> = new Set([2, 17, 49]);
/**
 * ffmpeg reads G.722's WAVE tag (0x0065) as G.726 and fails ("Invalid number of bits 8": checked
 * with Debian's ffmpeg 5.1); named as the decoder before the input, it converts.
 */
const FFMPEG_CONVERT: Readonly<Record<number, string>> = {
  101: 'ffmpeg -c:a g722 -i in.wav -c:a pcm_s16le out.wav',
};
const EXTENSIBLE = 0xfffe;
/**
 * Format tags registered for WAVE files (Microsoft's mmreg.h, RFC 2361): the codecs below 0x0700,
 * a few vendors' above, extensible and development. A tag outside them is no encoding to convert
 * from: the fmt chunk is damaged (random bytes over the header).
 */
const REGISTERED_TAGS: readonly (readonly [number, number])[] = [
  [0x0001, 0x06ff],
  [0x1000, 0x1104],
  [0x1400, 0x1401],
  [0x1500, 0x1500],
  [0x1971, 0x1971],
  [0x1c03, 0x1c0c],
  [0x1f03, 0x1f03],
  [0x1fc4, 0x1fc4],
  [0x2000, 0x2001],
  [0x3313, 0x3313],
  [0x4143, 0x4143],
  [0x4201, 0x4201],
  [0x4243, 0x4243],
  [0x43ac, 0x43ac],
  [0x564c, 0x564c],
  [0x5756, 0x5756],
  [0x674f, 0x6771],
  [0x7a21, 0x7a22],
  [0xa100, 0xa11f],
  [0xf1ac, 0xf1ac],
  [0xfffe, 0xffff],
];
const isRegisteredTag = (tag: number): boolean => REGISTERED_TAGS.some(([lo, hi]) => tag >= lo && tag <= hi);
/** Declared `data` sizes that mean "until the end of the file" (streamed recordings). */
const STREAMING_SIZES = new Set([0, 0xffffffff]);

const fourCc = (b: Uint8Array, at: number): string =>
  String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);

/** Text with no control character but tab and line breaks, and no unassigned or private-use code point. */
const plainText = (text: string): boolean => !/[^\t\n\r\P{Cc}]|[\p{Cn}\p{Co}]/u.test(text);

/** Printable ASCII, tab and line breaks. */
const isAsciiText = (c: number): boolean => (c >= 0x20 && c < 0x7f) || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * Whether bytes read as text:
 * - UTF-8 (a character cut at the end still counts) that `plainText` accepts. Counting every byte
 *   from 0x80 up as text (as before) called about a fifth of random binary files text (helper-214:
 *   12 bytes of random data pass with probability 0.88^12); high bytes that are text form UTF-8
 *   sequences, which random ones seldom do.
 * - UTF-16 after its byte-order mark (Windows Notepad's "Unicode"): FF FE or FE FF, then text.
 * - Latin-1 / Windows-1252 (notes saved by an older editor: "Résumé", "Müller" with one byte per
 *   accented letter): printable ASCII with a few accented letters (0xC0–0xFF but × and ÷), at
 *   least seven bytes in eight ASCII. 64 random bytes pass about once in 10^20.
 */
const isText = (bytes: Uint8Array): boolean => {
  if (
    bytes.length >= 4 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    const body = bytes.subarray(2, 2 + ((bytes.length - 2) & ~1));
    try {
      return plainText(
        new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(body),
      );
    } catch {
      return false;
    }
  }
  try {
    return plainText(new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true }));
  } catch {
    // not UTF-8: Latin-1 text?
  }
  let ascii = 0;
  let spaces = 0;
  for (const c of bytes) {
    if (isAsciiText(c)) ascii += 1;
    else if (c < 0xc0 || c === 0xd7 || c === 0xf7) return false;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) spaces += 1;
  }
  // Words are spaced: a quiet headerless G.711 recording is bytes of printable ASCII with a few
  // from 0xC0 up too (A-law's small negative samples are 0x50–0x5F, its positive ones 0xD0–0xDF;
  // μ-law's 0x70–0x7E and 0xF0–0xFE), never a space or line break.
  return spaces > 0 && ascii * 8 >= bytes.length * 7;
};

/**
 * What a file that is no WAV starts with, in words (from its first 64 bytes): never its bytes,
 * which may be a person's data (a transcript or notes saved as .wav), and the reason lands in the
 * lake's `call_status`.
 */
const describeStart = (b: Uint8Array): string => {
  const head = b.subarray(0, 64);
  if (isText(head)) return 'it holds text, not audio';
  if (head.every((c) => c === 0)) return 'it starts with zeros';
  return 'it has no RIFF WAVE header';
};

const BIT_DEPTHS: Record<WavEncoding, readonly number[]> = {
  pcm: [8, 16, 24, 32],
  float: [32, 64],
  alaw: [8],
  mulaw: [8],
};

/** Bytes wanted by the chunk walk: `length` bytes from absolute offset `at` (fewer at the end of the file). */
type Want = readonly [at: number, length: number];

/**
 * Whether bytes start with an MPEG audio frame of layer III: its sync (11 bits set), a version
 * that is not the reserved 01, and layer bits 01 (FF FB, F3, E3; FA, F2, E2 with a CRC). FF FE, a
 * UTF-16 byte-order mark, and FF FF are no such frame (layer I). The intake's MP3 sniff
 * (compressed-header.ts) and the WAV walk's description use this one test.
 */
export const startsMp3Frame = (b: Uint8Array): boolean => {
  const b1 = b[1] ?? 0;
  return b[0] === 0xff && (b1 & 0xe0) === 0xe0 && (b1 & 0x18) !== 0x08 && (b1 & 0x06) === 0x02;
};

/** What a non-WAV recording is, from its first 12 bytes (the containers recorders and exporters write). */
const containerOf = (b: Uint8Array): string | null => {
  const at = (i: number, text: string) => [...text].every((c, k) => b[i + k] === c.charCodeAt(0));
  if (at(0, 'OggS')) return 'an Ogg recording (Opus or Vorbis)';
  if (at(0, 'fLaC')) return 'a FLAC recording';
  if (at(0, 'ID3') || startsMp3Frame(b)) return 'an MP3 recording';
  // The other MPEG syncs a recorder or exporter writes: layer II (FF FD, F5, E5 ...) and ADTS AAC
  // (FF F1, F9: layer 00); layer I (FF FE, FF FF) is left out, as FF FE starts UTF-16 text.
  const b1 = b[1] ?? 0;
  if (b[0] === 0xff && (b1 & 0xf6) === 0xf0) return 'an AAC recording (ADTS)';
  if (b[0] === 0xff && (b1 & 0xe0) === 0xe0 && (b1 & 0x18) !== 0x08 && (b1 & 0x06) === 0x04)
    return 'an MP2 recording (MPEG layer II)';
  if (at(4, 'ftyp')) return 'an MP4/M4A recording';
  if (at(0, '#!AMR')) return 'an AMR recording';
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return 'a WebM recording';
  if (at(0, 'FORM')) return 'an AIFF recording';
  return null;
};

type Fmt = Omit<
  WavHeader,
  'dataOffset' | 'dataBytes' | 'frames' | 'durationMs' | 'origination' | 'creationDate'
>;

const isChunkId = (b: Uint8Array): boolean =>
  b.length >= 4 && Array.from(b.subarray(0, 4)).every((c) => c >= 0x20 && c < 0x7f);

/**
 * Walk the RIFF chunks from the start of the file to `data`, asking for the bytes it needs (the
 * 12-byte RIFF header, each 8-byte chunk header, the `fmt ` body, the start of a `bext` or `LIST`
 * one) rather than assuming they sit in the first bytes: a large `bext`, `iXML`, `JUNK` or `LIST`
 * chunk can push `data` anywhere. With `pastData`, the chunks after a sized `data` chunk are walked
 * too, for a `LIST`/`INFO` chunk (libsndfile and Audacity write it after the samples).
 */
function* walkChunks(
  fileSize: number,
  name: string,
  pastData = false,
): Generator<Want, WavHeader, Uint8Array> {
  const head = yield [0, 12];
  if (fileSize < 12 || head.length < 12) {
    // A few bytes of text that are no start of "RIFF" (the newcomer's trial: `echo hi > c.wav`
    // was "too small", as if a recording had been cut short) are another kind of file, whatever
    // its name says (the container is told by the bytes: c.mp3 or c.ogg comes here too).
    const start = String.fromCharCode(...head.subarray(0, 4));
    const words = head.some((c) => c > 0x20 && c < 0x7f);
    if (words && isText(head) && !'RIFF'.startsWith(start))
      throw new InvalidAudioError(
        'not-audio',
        name,
        `${name} is not a recording (it holds ${fileSize} ${fileSize === 1 ? 'byte' : 'bytes'} of text, not audio): another kind of file under a recording's name; drop the call's recording again under the same name`,
      );
    throw new InvalidAudioError(
      'not-audio',
      name,
      `${name} is too small to be a recording (${fileSize} ${fileSize === 1 ? 'byte' : 'bytes'}): empty or cut short; drop it again under the same name`,
    );
  }
  const magic = fourCc(head, 0);
  if (magic === 'RIFX' || magic === 'RF64')
    throw new InvalidAudioError(
      'unsupported-format',
      name,
      `${name} is a ${magic} file; convert it to a plain RIFF WAV (e.g. sox in.wav out.wav)`,
    );
  const container = containerOf(head);
  if (container)
    throw new InvalidAudioError(
      'unsupported-format',
      name,
      `${name} is ${container}: debrief transcribes WAV, Ogg (Opus, Vorbis), FLAC and MP3 recordings; convert it (ffmpeg -i in -c:a pcm_s16le out.wav) and drop the .wav under the same call name instead`,
    );
  if (magic !== 'RIFF' || fourCc(head, 8) !== 'WAVE') {
    // 64 bytes say more than 12 about what the file is (text or not)
    const start = fileSize > 12 ? yield [0, Math.min(fileSize, 64)] : head;
    throw new InvalidAudioError(
      'not-audio',
      name,
      `${name} is not a WAV file (${describeStart(start)}): damaged, or another kind of file named .wav; drop the call's recording again under the same name`,
    );
  }
  let at = 12;
  let fmt: Fmt | null = null;
  let origination: BextOrigination | null = null;
  let creationDate: string | null = null;
  let found: WavHeader | null = null;
  while (at + 8 <= fileSize) {
    const chunk = yield [at, 8];
    if (chunk.length < 8) break;
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const id = fourCc(chunk, 0);
    const size = view.getUint32(4, true);
    const body = at + 8;
    if (found) {
      // After the samples: stop at anything that is no chunk (trailing zeros or garbage are common).
      if (!isChunkId(chunk)) break;
      if (id === 'LIST') {
        creationDate = parseInfoCreationDate(yield [body, Math.min(size, INFO_LIST_READ_BYTES)]);
        if (creationDate) break;
      }
    } else if (id === 'fmt ') {
      const b = yield [body, Math.min(size, 40)];
      if (b.length < 16) break;
      const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
      let tag = v.getUint16(0, true);
      if (tag === EXTENSIBLE) {
        if (b.length < 26) break;
        tag = v.getUint16(24, true);
      }
      const encoding = FORMAT_TAGS[tag];
      if (!encoding && !isRegisteredTag(tag))
        throw new InvalidAudioError(
          'not-audio',
          name,
          `${name} is not a WAV file (its format chunk names no WAV format, 0x${tag.toString(16)}): damaged, or another kind of file named .wav; drop the call's recording again under the same name`,
        );
      if (!encoding)
        throw new InvalidAudioError(
          'unsupported-format',
          name,
          `${name} uses ${FORMAT_NAMES[tag] ?? `WAV format 0x${tag.toString(16)}`}; supported: PCM, float, A-law, μ-law (convert it: ${SOX_DECODES.has(tag) ? 'sox in.wav -e signed-integer -b 16 out.wav' : (FFMPEG_CONVERT[tag] ?? 'ffmpeg -i in.wav -c:a pcm_s16le out.wav')})`,
        );
      fmt = {
        encoding,
        channels: v.getUint16(2, true),
        sampleRate: v.getUint32(4, true),
        blockAlign: v.getUint16(12, true),
        bitsPerSample: v.getUint16(14, true),
      };
    } else if (id === 'bext' && size >= BEXT_ORIGINATION_BYTES && !origination) {
      origination = parseBextOrigination(yield [body, BEXT_ORIGINATION_BYTES]);
    } else if (id === 'LIST' && !creationDate) {
      creationDate = parseInfoCreationDate(yield [body, Math.min(size, INFO_LIST_READ_BYTES)]);
    } else if (id === 'data') {
      if (!fmt)
        throw new InvalidAudioError('not-audio', name, `${name} has sample data before its format chunk`);
      found = { ...checked(name, fmt, body, size, fileSize), origination, creationDate: null };
      // A streamed data chunk (size 0 or 0xffffffff) runs to the end of the file: nothing after it.
      if (!pastData || creationDate || STREAMING_SIZES.has(size)) return { ...found, creationDate };
    }
    // Chunks are word-aligned: an odd size is followed by a pad byte. Some writers leave the pad
    // out: when the padded position holds no chunk id and the unpadded one does, take that.
    at = body + size;
    if (size % 2 === 1) {
      const padded = yield [at + 1, 4];
      if (!isChunkId(padded) && isChunkId(yield [at, 4])) continue;
      at += 1;
    }
  }
  if (found) return { ...found, creationDate };
  throw new InvalidAudioError(
    'truncated',
    name,
    `${name} is cut short: it ends before its ${fmt ? 'data' : 'format'} chunk (truncated, still being copied, or not a recording); drop it again under the same name`,
  );
}

/**
 * Parse the header from the file's first bytes. `fileSize` is the whole object's size, so a
 * file cut short (declared data longer than the bytes present) is told apart from a good one.
 * Throws InvalidAudioError with a one-line reason for everything the workflow cannot use. When
 * the chunks before `data` reach past `head`, use readWavHeader (ranged reads) instead.
 */
export const parseWavHeader = (head: Uint8Array, fileSize: number, name = 'audio'): WavHeader => {
  const walk = walkChunks(fileSize, name);
  let step = walk.next(new Uint8Array(0));
  while (!step.done) {
    const [at, length] = step.value;
    if (at + Math.min(length, fileSize - at) > head.length)
      throw new InvalidAudioError(
        'not-audio',
        name,
        `${name} has no audio data in its first ${head.length} bytes`,
      );
    step = walk.next(head.subarray(at, at + length));
  }
  return step.value;
};

/**
 * Read the header with ranged reads: the first `probeBytes` (WAV_HEADER_PROBE_BYTES) once, and
 * beyond them only the few bytes of each chunk header the walk needs (never the chunks' bodies,
 * but the `fmt ` body and the start of a `bext` or `LIST` one); with `pastData`, also the chunk
 * headers after the samples (none when `data` is the last chunk), for a `LIST`/`INFO` written there.
 */
export const readWavHeader = async (
  read: (start: number, end: number) => Promise<Uint8Array>,
  fileSize: number,
  name = 'audio',
  probeBytes = WAV_HEADER_PROBE_BYTES,
  pastData = false,
): Promise<WavHeader> => {
  const probe = await read(0, Math.min(fileSize, probeBytes) - 1);
  const walk = walkChunks(fileSize, name, pastData);
  let step = walk.next(new Uint8Array(0));
  while (!step.done) {
    const [at, length] = step.value;
    const end = Math.min(at + length, fileSize);
    const bytes =
      end <= probe.length ? probe.subarray(at, end) : at >= end ? new Uint8Array(0) : await read(at, end - 1);
    step = walk.next(bytes);
  }
  return step.value;
};

const checked = (
  name: string,
  fmt: Fmt,
  dataOffset: number,
  declared: number,
  fileSize: number,
): Omit<WavHeader, 'origination' | 'creationDate'> => {
  const { encoding, channels, sampleRate, bitsPerSample } = fmt;
  if (!BIT_DEPTHS[encoding].includes(bitsPerSample))
    throw new InvalidAudioError(
      'unsupported-format',
      name,
      `${name} has ${bitsPerSample}-bit ${encoding} samples; supported: ${Object.entries(BIT_DEPTHS)
        .map(([e, b]) => `${e} ${b.join('/')}`)
        .join(', ')}`,
    );
  checkChannelsAndRate(name, channels, sampleRate);
  const blockAlign = (channels * bitsPerSample) / 8;
  const present = Math.max(0, fileSize - dataOffset);
  const streamed = STREAMING_SIZES.has(declared);
  if (!streamed && declared > present) {
    const missing = declared - present;
    throw new InvalidAudioError(
      'truncated',
      name,
      `${name} is truncated: its data chunk declares ${declared} bytes but ${present} bytes are present (${formatMs(bytesToMs(missing, blockAlign, sampleRate))} of audio missing): ${STILL_COPYING}`,
    );
  }
  const dataBytes = streamed ? present : declared;
  const frames = Math.floor(dataBytes / blockAlign);
  const durationMs = (frames / sampleRate) * 1000;
  checkDuration(name, durationMs);
  return { ...fmt, blockAlign, dataOffset, dataBytes, frames, durationMs };
};

/** Transcribe's channel and rate limits, for every container (`resample` names the sox line). */
export const checkChannelsAndRate = (name: string, channels: number, sampleRate: number): void => {
  if (channels < 1) throw new InvalidAudioError('not-audio', name, `${name} declares no channels`);
  if (channels > AUDIO_LIMITS.maxChannels)
    throw new InvalidAudioError(
      'too-many-channels',
      name,
      // The fix ends with the file back under the call's name (the newcomer's trial: "drop that under
      // the same name" left the rename to guess).
      `${name} has ${channels} channels; a call recording has 1 (mono) or 2 (agent and customer): keep the customer's and the agent's and drop that under the call's name (e.g. sox ${name} two.wav remix 1 2 && mv two.wav ${name.replace(/\.[^.]*$/, '')}.wav)`,
    );
  if (sampleRate < AUDIO_LIMITS.minSampleRate || sampleRate > AUDIO_LIMITS.maxSampleRate)
    throw new InvalidAudioError(
      'unsupported-rate',
      name,
      `${name} is sampled at ${sampleRate} Hz; Transcribe accepts 8,000–48,000 Hz (resample it: sox in.wav -r 16000 out.wav)`,
    );
};

/** Transcribe's duration limits (0.5 s to 4 h), for every container. */
export const checkDuration = (name: string, durationMs: number): void => {
  if (durationMs < AUDIO_LIMITS.minDurationMs)
    throw new InvalidAudioError(
      'too-short',
      name,
      `${name} is ${Math.round(durationMs)} ms long; a call needs at least 0.5 s of audio`,
    );
  if (durationMs > AUDIO_LIMITS.maxDurationMs)
    throw new InvalidAudioError(
      'too-long',
      name,
      `${name} is ${formatMs(durationMs)} long; Transcribe takes at most 4 h per file (split the recording)`,
    );
};

const bytesToMs = (bytes: number, blockAlign: number, rate: number): number =>
  (bytes / blockAlign / rate) * 1000;

/** 83_000 -> "1:23", 5_000_000 -> "1:23:20". */
export const formatMs = (ms: number): string => {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
};
