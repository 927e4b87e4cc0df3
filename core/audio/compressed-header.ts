import { InvalidAudioError } from './audio-errors.js';
import { checkChannelsAndRate, checkDuration, startsMp3Frame } from './wav-header.js';

/**
 * The headers of the compressed recordings the workflow takes besides WAV: Ogg Opus (Genesys
 * Cloud's recording export), Ogg Vorbis, FLAC and MP3 (layer III). Read from the file's first
 * bytes and, for Ogg, its last page (ranged reads: never the whole file), enough to refuse what
 * Transcribe would refuse (channels, rate, duration) and a file cut short before a job is paid for.
 * Decoding the samples is left to maintained decoders (adapters/local/speech/compressed-file.ts).
 */
export type CompressedCodec = 'opus' | 'vorbis' | 'flac' | 'mp3';

export interface CompressedHeader {
  container: 'ogg' | 'flac' | 'mp3';
  codec: CompressedCodec;
  channels: number;
  /** The rate the audio was captured at (Opus: OpusHead's input rate; it always decodes at 48 kHz). */
  sampleRate: number;
  /** Bits per sample of the source (FLAC), 16 for the lossy codecs (what they decode to here). */
  bitsPerSample: number;
  durationMs: number;
  /** Samples per channel the stream declares (FLAC STREAMINFO, an MP3 Xing/Info frame count), when it does. */
  declaredFrames: number | null;
  /** Opus only: samples (at 48 kHz) to drop from the start. */
  preSkip: number;
}

type Read = (start: number, end: number) => Promise<Uint8Array>;

/** Bytes read from the end of an Ogg file to find its last page (pages are at most 65,307 bytes). */
const OGG_TAIL_BYTES = 66 * 1024;

const ascii = (b: Uint8Array, at: number, text: string): boolean =>
  at + text.length <= b.length && [...text].every((c, k) => b[at + k] === c.charCodeAt(0));

/** Which compressed container the first bytes start, if any this module reads. */
export const compressedContainerOf = (head: Uint8Array): CompressedHeader['container'] | null => {
  if (ascii(head, 0, 'OggS')) return 'ogg';
  if (ascii(head, 0, 'fLaC')) return 'flac';
  // A layer III frame, not any MPEG sync: FF FE (UTF-16 notes saved as .wav) went to the MP3
  // reader, which called them 'no MPEG layer III frame ... convert it'.
  if (ascii(head, 0, 'ID3') || startsMp3Frame(head)) return 'mp3';
  return null;
};

const le32 = (b: Uint8Array, at: number): number => new DataView(b.buffer, b.byteOffset).getUint32(at, true);
const le16 = (b: Uint8Array, at: number): number => new DataView(b.buffer, b.byteOffset).getUint16(at, true);
const be32 = (b: Uint8Array, at: number): number => new DataView(b.buffer, b.byteOffset).getUint32(at, false);

const truncated = (name: string, what: string): InvalidAudioError =>
  new InvalidAudioError('truncated', name, `${name} is truncated: ${what}`);

const notAudio = (name: string, what: string): InvalidAudioError =>
  new InvalidAudioError('not-audio', name, `${name} ${what}`);

/** Read and check the header of an Ogg, FLAC or MP3 recording. */
export const readCompressedHeader = async (
  read: Read,
  head: Uint8Array,
  fileSize: number,
  name: string,
): Promise<CompressedHeader> => {
  const container = compressedContainerOf(head);
  const header =
    container === 'ogg'
      ? await oggHeader(read, head, fileSize, name)
      : container === 'flac'
        ? flacHeader(head, name)
        : await mp3Header(read, head, fileSize, name);
  checkChannelsAndRate(name, header.channels, header.sampleRate);
  checkDuration(name, header.durationMs);
  return header;
};

// --- Ogg (RFC 3533): Opus (RFC 7845) or Vorbis I ---------------------------------------------

interface OggPage {
  at: number;
  flags: number;
  granule: bigint;
  serial: number;
  /** Offset of the page body and its length. */
  body: number;
  bodyBytes: number;
}

const oggPage = (b: Uint8Array, at: number): OggPage | null => {
  if (!ascii(b, at, 'OggS') || at + 27 > b.length) return null;
  const segments = b[at + 26]!;
  if (at + 27 + segments > b.length) return null;
  let bodyBytes = 0;
  for (let i = 0; i < segments; i++) bodyBytes += b[at + 27 + i]!;
  return {
    at,
    flags: b[at + 5]!,
    granule: new DataView(b.buffer, b.byteOffset).getBigInt64(at + 6, true),
    serial: le32(b, at + 14),
    body: at + 27 + segments,
    bodyBytes,
  };
};

const EOS = 0x04;

const oggHeader = async (
  read: Read,
  head: Uint8Array,
  fileSize: number,
  name: string,
): Promise<CompressedHeader> => {
  const first = oggPage(head, 0);
  if (!first || first.body + Math.min(first.bodyBytes, 19) > head.length)
    throw notAudio(name, 'starts like an Ogg file but its first page is cut short');
  const p = first.body;
  let codec: CompressedCodec;
  let channels: number;
  let sampleRate: number;
  let preSkip = 0;
  if (ascii(head, p, 'OpusHead')) {
    codec = 'opus';
    channels = head[p + 9]!;
    preSkip = le16(head, p + 10);
    // The input rate is informational (0 = unknown); Opus itself always runs at 48 kHz.
    sampleRate = le32(head, p + 12) || 48000;
  } else if (head[p] === 1 && ascii(head, p + 1, 'vorbis')) {
    codec = 'vorbis';
    channels = head[p + 11]!;
    sampleRate = le32(head, p + 12);
  } else {
    const what = ascii(head, p, 'Speex') ? 'Speex' : ascii(head, p + 1, 'FLAC') ? 'FLAC' : 'an unknown codec';
    throw new InvalidAudioError(
      'unsupported-format',
      name,
      `${name} is an Ogg file holding ${what}; supported in Ogg: Opus and Vorbis (convert it: ffmpeg -i in -c:a pcm_s16le out.wav)`,
    );
  }
  // The last page: its granule position is the stream's length, and only a complete file ends
  // with the end-of-stream flag (a recording still being written, or cut short, does not).
  const tailStart = Math.max(0, fileSize - OGG_TAIL_BYTES);
  const tail = tailStart === 0 && head.length >= fileSize ? head : await read(tailStart, fileSize - 1);
  let last: OggPage | null = null;
  for (let at = tail.length - 27; at >= 0; at--) {
    const page = ascii(tail, at, 'OggS') ? oggPage(tail, at) : null;
    if (page && page.serial === first.serial) {
      last = page;
      break;
    }
  }
  if (!last) throw truncated(name, 'no Ogg page of its stream in its last 66 KiB');
  const missing = last.body + last.bodyBytes - tail.length;
  if (missing > 0) throw truncated(name, `its last Ogg page is ${missing} bytes short`);
  if ((last.flags & EOS) === 0)
    throw truncated(
      name,
      'its last Ogg page is not marked end-of-stream (cut short, or still being written)',
    );
  const rate = codec === 'opus' ? 48000 : sampleRate;
  const frames = Number(last.granule) - preSkip;
  if (last.granule < 0n || frames < 0)
    throw notAudio(name, 'has an invalid Ogg granule position on its last page');
  return {
    container: 'ogg',
    codec,
    channels,
    sampleRate,
    bitsPerSample: 16,
    durationMs: (frames / rate) * 1000,
    declaredFrames: Math.round((frames * sampleRate) / rate),
    preSkip,
  };
};

// --- FLAC: STREAMINFO --------------------------------------------------------------------------

const flacHeader = (head: Uint8Array, name: string): CompressedHeader => {
  if (head.length < 8 + 18) throw truncated(name, 'it ends inside its FLAC STREAMINFO block');
  if ((head[4]! & 0x7f) !== 0)
    throw notAudio(name, 'is a FLAC file whose first metadata block is not STREAMINFO');
  const s = 8 + 10;
  const sampleRate = (head[s]! << 12) | (head[s + 1]! << 4) | (head[s + 2]! >> 4);
  const channels = ((head[s + 2]! >> 1) & 0x07) + 1;
  const bitsPerSample = (((head[s + 2]! & 0x01) << 4) | (head[s + 3]! >> 4)) + 1;
  const totalSamples = (head[s + 3]! & 0x0f) * 2 ** 32 + be32(head, s + 4);
  if (sampleRate === 0) throw notAudio(name, 'is a FLAC file that declares no sample rate');
  if (totalSamples === 0)
    throw new InvalidAudioError(
      'unsupported-format',
      name,
      `${name} is a FLAC file that does not declare its length (a stream); re-encode it: flac -f in.flac or sox in.flac out.flac`,
    );
  return {
    container: 'flac',
    codec: 'flac',
    channels,
    sampleRate,
    bitsPerSample,
    durationMs: (totalSamples / sampleRate) * 1000,
    declaredFrames: totalSamples,
    preSkip: 0,
  };
};

// --- MP3 (MPEG-1/2/2.5 layer III) --------------------------------------------------------------

const MP3_RATES: Record<number, readonly number[]> = {
  3: [44100, 48000, 32000], // MPEG-1
  2: [22050, 24000, 16000], // MPEG-2
  0: [11025, 12000, 8000], // MPEG-2.5
};
const MP3_KBPS: Record<'v1' | 'v2', readonly number[]> = {
  v1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};

function isMp3Sync(b: Uint8Array, at: number): boolean {
  return b[at] === 0xff && ((b[at + 1] ?? 0) & 0xe0) === 0xe0;
}

interface Mp3Frame {
  version: number;
  sampleRate: number;
  kbps: number;
  channels: number;
  samplesPerFrame: number;
  bytes: number;
}

const mp3Frame = (b: Uint8Array, at: number): Mp3Frame | null => {
  if (at + 4 > b.length || !isMp3Sync(b, at)) return null;
  const version = (b[at + 1]! >> 3) & 0x03;
  const layer = (b[at + 1]! >> 1) & 0x03;
  const bitrateIndex = b[at + 2]! >> 4;
  const rateIndex = (b[at + 2]! >> 2) & 0x03;
  if (version === 1 || layer !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3)
    return null;
  const sampleRate = MP3_RATES[version]![rateIndex]!;
  const kbps = MP3_KBPS[version === 3 ? 'v1' : 'v2'][bitrateIndex]!;
  const padding = (b[at + 2]! >> 1) & 0x01;
  const samplesPerFrame = version === 3 ? 1152 : 576;
  return {
    version,
    sampleRate,
    kbps,
    channels: b[at + 3]! >> 6 === 3 ? 1 : 2,
    samplesPerFrame,
    bytes: Math.floor(((samplesPerFrame / 8) * kbps * 1000) / sampleRate) + padding,
  };
};

const mp3Header = async (
  read: Read,
  head: Uint8Array,
  fileSize: number,
  name: string,
): Promise<CompressedHeader> => {
  // An ID3v2 tag (album art can make it large) comes before the first frame.
  let start = 0;
  if (ascii(head, 0, 'ID3') && head.length >= 10) {
    const size =
      ((head[6]! & 0x7f) << 21) | ((head[7]! & 0x7f) << 14) | ((head[8]! & 0x7f) << 7) | (head[9]! & 0x7f);
    start = 10 + size + (head[5]! & 0x10 ? 10 : 0);
  }
  if (start >= fileSize) throw notAudio(name, 'is an ID3 tag with no MP3 audio after it');
  const probe =
    start + 4096 <= head.length
      ? head.subarray(start)
      : await read(start, Math.min(fileSize, start + 4096) - 1);
  // The first frame: a sync word whose header is valid and whose next frame follows where it says.
  let at = 0;
  let frame: Mp3Frame | null = null;
  for (; at + 4 <= probe.length; at++) {
    const f = mp3Frame(probe, at);
    if (f && (at + f.bytes + 4 > probe.length || mp3Frame(probe, at + f.bytes))) {
      frame = f;
      break;
    }
  }
  if (!frame)
    throw new InvalidAudioError(
      'unsupported-format',
      name,
      `${name} has no MPEG layer III frame in its first 4 KiB after the tag (layer I/II, or not an MP3); convert it: ffmpeg -i in -c:a pcm_s16le out.wav`,
    );
  // A Xing/Info (LAME) or VBRI frame counts the frames; else the stream is taken as constant bitrate.
  const side = frame.version === 3 ? (frame.channels === 1 ? 17 : 32) : frame.channels === 1 ? 9 : 17;
  const x = at + 4 + side;
  let frames: number | null = null;
  if (
    (ascii(probe, x, 'Xing') || ascii(probe, x, 'Info')) &&
    x + 12 <= probe.length &&
    be32(probe, x + 4) & 1
  )
    frames = be32(probe, x + 8);
  else if (ascii(probe, at + 36, 'VBRI') && at + 36 + 18 <= probe.length) frames = be32(probe, at + 36 + 14);
  const samples =
    frames !== null
      ? frames * frame.samplesPerFrame
      : ((fileSize - start - at) * 8 * frame.sampleRate) / (frame.kbps * 1000);
  return {
    container: 'mp3',
    codec: 'mp3',
    channels: frame.channels,
    sampleRate: frame.sampleRate,
    bitsPerSample: 16,
    durationMs: (samples / frame.sampleRate) * 1000,
    declaredFrames: frames !== null ? samples : null,
    preSkip: 0,
  };
};
