import lsr from '@alexanderolsen/libsamplerate-js';
import type { SRC } from '@alexanderolsen/libsamplerate-js/dist/src.js';

/** 16-bit mono PCM in a canonical 44-byte-header RIFF/WAVE file. */
export const encodeWav = (samples: Int16Array, sampleRate: number): Uint8Array => {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) view.setInt16(44 + i * 2, samples[i]!, true);
  return bytes;
};

const converters = new Map<number, Promise<SRC>>();

/**
 * Resamples 16-bit PCM with libsamplerate (WebAssembly; "sinc fastest": 97 dB SNR, enough for a
 * recogniser whose features stop at 6.8 kHz). One converter per input rate, reused.
 */
export const resample = async (samples: Int16Array, from: number, to: number): Promise<Int16Array> => {
  if (from === to) return samples;
  if (samples.length === 0) return new Int16Array(0);
  const key = from * 1_000_000 + to;
  let converter = converters.get(key);
  if (!converter) {
    converter = lsr.create(1, from, to, { converterType: lsr.ConverterType.SRC_SINC_FASTEST });
    converters.set(key, converter);
  }
  const input = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) input[i] = samples[i]! / 32768;
  const output = (await converter).simple(input);
  const pcm = new Int16Array(output.length);
  for (let i = 0; i < output.length; i++)
    pcm[i] = Math.max(-32768, Math.min(32767, Math.round(output[i]! * 32768)));
  return pcm;
};
