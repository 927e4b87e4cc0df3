import { open } from 'node:fs/promises';
import { decoder as wavDecoder } from '@audio/decode-wav';
import wavEncoder from '@audio/encode-wav';
import { InvalidAudioError } from '../../../core/audio/audio-errors.js';
import { parseWavHeader, readWavHeader, type WavHeader } from '../../../core/audio/wav-header.js';

export type AudioSummary = Pick<WavHeader, 'channels' | 'sampleRate' | 'bitsPerSample' | 'durationMs'> & {
  encoding: string;
};

/** A decoded recording: one 16-bit PCM array per channel at the file's own rate. */
export interface DecodedAudio<H extends AudioSummary = AudioSummary> {
  /** What the header said (a WavHeader for WAV files; encoding opus | vorbis | flac | mp3 otherwise). */
  header: H;
  sampleRate: number;
  channels: Int16Array[];
}

const CHUNK_BYTES = 1 << 20;

/** The decoder scales negatives by 1/32768 and positives by 1/32767: undo exactly that. */
const toInt16 = (x: number): number => {
  const v = Math.round(x < 0 ? x * 32768 : x * 32767);
  return Math.min(32767, Math.max(-32768, v));
};

/** WAVE format tags of the encodings the header parser accepts. */
const FORMAT_TAG = { pcm: 1, float: 3, alaw: 6, mulaw: 7 } as const;

/**
 * A canonical 44-byte header for the samples our own parser located. The decoder is given this
 * and the `data` chunk's bytes only: it walks chunks without their pad bytes (an odd-sized chunk
 * before `data` made it find no audio at all) and never sees what lies around the samples.
 */
const canonicalHeader = (h: WavHeader): Uint8Array => {
  const out = new Uint8Array(44);
  const v = new DataView(out.buffer);
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < 4; i++) out[at + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + h.dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, FORMAT_TAG[h.encoding], true);
  v.setUint16(22, h.channels, true);
  v.setUint32(24, h.sampleRate, true);
  v.setUint32(28, h.sampleRate * h.blockAlign, true);
  v.setUint16(32, h.blockAlign, true);
  v.setUint16(34, h.bitsPerSample, true);
  ascii(36, 'data');
  v.setUint32(40, h.dataBytes, true);
  return out;
};

/**
 * Decode a WAV from bytes already in memory (tests, small files). The header is checked by our
 * own parser first (typed, readable errors); the samples by the maintained decoder.
 */
export const decodeWavBytes = (bytes: Uint8Array, name = 'audio'): DecodedAudio<WavHeader> => {
  const header = parseWavHeader(bytes, bytes.length, name);
  const data = bytes.subarray(header.dataOffset, header.dataOffset + header.dataBytes);
  return decodeBody(header, [canonicalHeader(header), data], name);
};

/** Decode a WAV file in 1 MiB pieces (a 4-hour recording never needs its bytes twice in memory). */
export const decodeWavFile = async (path: string, name = 'audio'): Promise<DecodedAudio<WavHeader>> => {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const read = async (start: number, end: number): Promise<Uint8Array> => {
      const out = new Uint8Array(Math.max(0, end - start + 1));
      const { bytesRead } = await handle.read(out, 0, out.length, start);
      return out.subarray(0, bytesRead);
    };
    const header = await readWavHeader(read, size, name);
    const end = header.dataOffset + header.dataBytes;
    async function* pieces(): AsyncGenerator<Uint8Array> {
      yield canonicalHeader(header);
      for (let at = header.dataOffset; at < end; at += CHUNK_BYTES)
        yield await read(at, Math.min(at + CHUNK_BYTES, end) - 1);
    }
    return await decodeBodyAsync(header, pieces(), name);
  } finally {
    await handle.close();
  }
};

const decodeBody = (
  header: WavHeader,
  pieces: Iterable<Uint8Array>,
  name: string,
): DecodedAudio<WavHeader> => {
  const sink = createSink(header);
  const dec = wavDecoder();
  try {
    for (const piece of pieces) sink.add(decodeSafely(dec, piece, name));
  } finally {
    dec.free();
  }
  return sink.done();
};

const decodeBodyAsync = async (
  header: WavHeader,
  pieces: AsyncIterable<Uint8Array>,
  name: string,
): Promise<DecodedAudio<WavHeader>> => {
  const sink = createSink(header);
  const dec = wavDecoder();
  try {
    for await (const piece of pieces) sink.add(decodeSafely(dec, piece, name));
  } finally {
    dec.free();
  }
  return sink.done();
};

const decodeSafely = (
  dec: ReturnType<typeof wavDecoder>,
  piece: Uint8Array,
  name: string,
): Float32Array[] => {
  try {
    return dec.decode(piece).channelData;
  } catch (error) {
    throw new InvalidAudioError(
      'not-audio',
      name,
      `${name} could not be decoded (${(error as Error).message})`,
    );
  }
};

const createSink = (header: WavHeader) => {
  const channels = Array.from({ length: header.channels }, () => new Int16Array(header.frames));
  let filled = 0;
  return {
    add(planes: Float32Array[]) {
      const n = Math.min(planes[0]?.length ?? 0, header.frames - filled);
      for (let c = 0; c < header.channels; c++) {
        const src = planes[c]!;
        const dst = channels[c]!;
        for (let i = 0; i < n; i++) dst[filled + i] = toInt16(src[i]!);
      }
      filled += n;
    },
    done(): DecodedAudio<WavHeader> {
      const trimmed = filled === header.frames ? channels : channels.map((c) => c.subarray(0, filled));
      return { header, sampleRate: header.sampleRate, channels: trimmed };
    },
  };
};

/** Encode 16-bit PCM channels as a WAV file (the redacted audio copy, rendered test calls). */
export const encodeWav = async (channels: readonly Int16Array[], sampleRate: number): Promise<Uint8Array> => {
  const enc = await wavEncoder({ sampleRate, bitDepth: 16 });
  try {
    // Symmetric scaling: the encoder multiplies by 32767, so every sample survives the round trip.
    const planes = channels.map((c) => Float32Array.from(c, (v) => v / 32767));
    const body = enc.encode(planes);
    const tail = enc.flush();
    const out = new Uint8Array(body.length + tail.length);
    out.set(body);
    out.set(tail, body.length);
    return out;
  } finally {
    enc.free();
  }
};
