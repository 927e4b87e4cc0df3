import { type CompressedHeader, compressedContainerOf, readCompressedHeader } from './compressed-header.js';
import { readWavHeader, WAV_HEADER_PROBE_BYTES, type WavHeader } from './wav-header.js';

/** The containers the workflow transcribes (others are quarantined with a conversion line). */
export type RecordingContainer = 'wav' | 'ogg' | 'flac' | 'mp3';

/** What InspectAudio learns from a recording's header, whatever its container. */
export interface RecordingHeader {
  container: RecordingContainer;
  /** pcm | float | alaw | mulaw (WAV), opus | vorbis (Ogg), flac, mp3. */
  encoding: string;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  durationMs: number;
  wav?: WavHeader;
  compressed?: CompressedHeader;
}

/**
 * Read a recording's header with ranged reads (its first 64 KiB, and a few more bytes where the
 * container needs them: WAV chunk headers, an Ogg file's last page, the frame after an MP3's ID3
 * tag). Throws InvalidAudioError with a one-line reason for anything Transcribe would refuse.
 */
export const readRecordingHeader = async (
  read: (start: number, end: number) => Promise<Uint8Array>,
  fileSize: number,
  name = 'audio',
): Promise<RecordingHeader> => {
  const probe =
    fileSize > 0 ? await read(0, Math.min(fileSize, WAV_HEADER_PROBE_BYTES) - 1) : new Uint8Array(0);
  const cached = (start: number, end: number) =>
    end < probe.length ? Promise.resolve(probe.subarray(start, end + 1)) : read(start, end);
  if (compressedContainerOf(probe)) {
    const h = await readCompressedHeader(cached, probe, fileSize, name);
    return {
      container: h.container,
      encoding: h.codec,
      channels: h.channels,
      sampleRate: h.sampleRate,
      bitsPerSample: h.bitsPerSample,
      durationMs: h.durationMs,
      compressed: h,
    };
  }
  const wav = await readWavHeader(cached, fileSize, name);
  return {
    container: 'wav',
    encoding: wav.encoding,
    channels: wav.channels,
    sampleRate: wav.sampleRate,
    bitsPerSample: wav.bitsPerSample,
    durationMs: wav.durationMs,
    wav,
  };
};
