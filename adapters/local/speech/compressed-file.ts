import { open, readFile } from 'node:fs/promises';
import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { OggVorbisDecoder } from '@wasm-audio-decoders/ogg-vorbis';
import { MPEGDecoder } from 'mpg123-decoder';
import { OggOpusDecoder } from 'ogg-opus-decoder';
import { InvalidAudioError, STILL_COPYING } from '../../../core/audio/audio-errors.js';
import type { CompressedHeader } from '../../../core/audio/compressed-header.js';
import { type RecordingHeader, readRecordingHeader } from '../../../core/audio/recording-header.js';
import { resample } from './recognizers/pcm.js';
import { type DecodedAudio, decodeWavFile } from './wav-file.js';

/**
 * Decodes Ogg Opus, Ogg Vorbis, FLAC and MP3 recordings with the wasm-audio-decoders packages
 * (libopus, libvorbis, libFLAC and mpg123 compiled to WebAssembly, bundled in the packages:
 * nothing is fetched at run time). Our own header reader checks the file first (typed, readable
 * errors, the same limits as a WAV); the decoder then reports damaged frames, and a stream that
 * yields much less audio than its header declares is reported as truncated.
 */
interface Decoded {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
  errors: { message: string; frameNumber?: number }[];
}
interface Decoder {
  ready: Promise<void>;
  decode(data: Uint8Array): Decoded | Promise<Decoded>;
  flush?(): Decoded | Promise<Decoded>;
  free(): void;
}

const decoderFor = (codec: CompressedHeader['codec']): Decoder => {
  switch (codec) {
    case 'opus':
      return new OggOpusDecoder() as unknown as Decoder;
    case 'vorbis':
      return new OggVorbisDecoder() as unknown as Decoder;
    case 'flac':
      return new FLACDecoder() as unknown as Decoder;
    case 'mp3':
      return new MPEGDecoder() as unknown as Decoder;
  }
};

const PIECE_BYTES = 256 * 1024;
/** Below this share of the declared length, a stream that decoded cleanly was cut short. */
const COMPLETE_SHARE = 0.98;

/** The FLAC decoder scales samples by 1/(2^(bits-1) - 1): undo exactly that (a lossless round trip). */
const int16Scale = (codec: CompressedHeader['codec']): number => (codec === 'flac' ? 32767 : 32768);

/** Decode compressed bytes already in memory. `header` comes from readRecordingHeader. */
export const decodeCompressedBytes = async (
  bytes: Uint8Array,
  header: CompressedHeader,
  name = 'audio',
): Promise<DecodedAudio<RecordingHeader>> => {
  const decoder = decoderFor(header.codec);
  const pieces: Int16Array[][] = Array.from({ length: header.channels }, () => []);
  let decodedRate = header.sampleRate;
  let frames = 0;
  const scale = int16Scale(header.codec);
  const errors: string[] = [];
  const take = (d: Decoded) => {
    for (const e of d.errors)
      errors.push(e.frameNumber === undefined ? e.message : `frame ${e.frameNumber}: ${e.message}`);
    if (d.samplesDecoded === 0) return;
    decodedRate = d.sampleRate;
    // mpg123 gives a mono MP3 as two equal channels: keep one, as the header says.
    if (d.channelData.length !== header.channels && !(header.channels === 1 && header.codec === 'mp3'))
      throw new InvalidAudioError(
        'not-audio',
        name,
        `${name} decodes to ${d.channelData.length} channels but its header declares ${header.channels}`,
      );
    for (let c = 0; c < header.channels; c++)
      pieces[c]!.push(
        Int16Array.from(d.channelData[c]!.subarray(0, d.samplesDecoded), (x) =>
          Math.max(-32768, Math.min(32767, Math.round(x * scale))),
        ),
      );
    frames += d.samplesDecoded;
  };
  try {
    await decoder.ready;
    for (let at = 0; at < bytes.length; at += PIECE_BYTES)
      take(await decoder.decode(bytes.subarray(at, Math.min(bytes.length, at + PIECE_BYTES))));
    if (decoder.flush) take(await decoder.flush());
  } catch (error) {
    if (error instanceof InvalidAudioError) throw error;
    throw new InvalidAudioError(
      'corrupt',
      name,
      `${name} could not be decoded (${(error as Error).message})`,
    );
  } finally {
    decoder.free();
  }
  if (errors.length > 0)
    throw new InvalidAudioError(
      'corrupt',
      name,
      `${name} is damaged: ${errors.length} ${header.codec} frame${errors.length === 1 ? '' : 's'} could not be decoded (first: ${errors[0]})`,
    );
  if (frames === 0) throw new InvalidAudioError('not-audio', name, `${name} holds no ${header.codec} audio`);
  const declared =
    header.declaredFrames === null ? null : (header.declaredFrames * decodedRate) / header.sampleRate;
  if (declared !== null && frames < declared * COMPLETE_SHARE)
    throw new InvalidAudioError(
      'truncated',
      name,
      `${name} is truncated: it decodes to ${((frames / decodedRate) * 1000).toFixed(0)} ms of the ${header.durationMs.toFixed(0)} ms its header declares: ${STILL_COPYING}`,
    );
  let channels: Int16Array[] = pieces.map((list) => {
    const out = new Int16Array(frames);
    let filled = 0;
    for (const p of list) {
      out.set(p, filled);
      filled += p.length;
    }
    return out;
  });
  // Opus always decodes at 48 kHz: bring it back to the rate it was captured at (a telephony
  // recording at 8 kHz needs a sixth of the memory and of the engine's work).
  if (decodedRate !== header.sampleRate)
    channels = await Promise.all(channels.map((c) => resample(c, decodedRate, header.sampleRate)));
  const summary: RecordingHeader = {
    container: header.container,
    encoding: header.codec,
    channels: header.channels,
    sampleRate: header.sampleRate,
    bitsPerSample: header.bitsPerSample,
    durationMs: (channels[0]!.length / header.sampleRate) * 1000,
    compressed: header,
  };
  return { header: summary, sampleRate: header.sampleRate, channels };
};

/**
 * Decode a recording file of any container the workflow takes (WAV, Ogg Opus/Vorbis, FLAC, MP3).
 * The header is read with ranged reads first: a WAV is then decoded piece by piece as before
 * (never whole in memory twice); a compressed file, small by nature, is read whole.
 */
export const decodeRecordingFile = async (path: string, name = 'audio'): Promise<DecodedAudio> => {
  const handle = await open(path, 'r');
  let header: RecordingHeader;
  try {
    const { size } = await handle.stat();
    header = await readRecordingHeader(
      async (start, end) => {
        const out = new Uint8Array(Math.max(0, end - start + 1));
        const { bytesRead } = await handle.read(out, 0, out.length, start);
        return out.subarray(0, bytesRead);
      },
      size,
      name,
    );
  } finally {
    await handle.close();
  }
  if (!header.compressed) return decodeWavFile(path, name);
  return decodeCompressedBytes(new Uint8Array(await readFile(path)), header.compressed, name);
};
