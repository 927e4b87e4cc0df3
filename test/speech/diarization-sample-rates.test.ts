import { describe, expect, it } from 'vitest';
import { diarizeTwoSpeakers, spanFeatures } from '../../core/speech/diarization.js';

/**
 * A mono recording's two speakers are found by voice clustering at whatever rate it was recorded:
 * 22.05, 44.1 and 48 kHz are what desktop recorders and espeak-ng write, not only telephone 8 kHz.
 * A low-pitched and a high-pitched voiced sound (harmonics of 110 Hz and of 240 Hz) alternate.
 */
const voice = (rate: number, f0: number, seconds: number): Int16Array => {
  const out = new Int16Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++) {
    let v = 0;
    for (let h = 1; h * f0 < 3400; h++) v += Math.sin((2 * Math.PI * h * f0 * i) / rate) / h;
    out[i] = Math.round(6000 * v);
  }
  return out;
};

describe('voice clustering of a mono recording at common sample rates', () => {
  it.each([8000, 11025, 16000, 22050, 32000, 44100, 48000])(
    'at %i Hz it tells the two voices apart',
    (rate) => {
      // Prepare: low, high, low, high voice, one second each
      const parts = [110, 240, 110, 240].map((f0) => voice(rate, f0, 1));
      const samples = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        samples.set(p, at);
        at += p.length;
      }
      const spans = [0, 1, 2, 3].map((i) => ({ beginMs: i * 1000, endMs: (i + 1) * 1000 }));
      // Act
      const features = spanFeatures(samples, rate, spans[0]!);
      const labels = diarizeTwoSpeakers(samples, rate, spans);
      // Assess: features from real frames, and the same voice in the same cluster
      expect(features.some((f) => f !== 0)).toBe(true);
      expect(labels[0]).toBe(labels[2]);
      expect(labels[1]).toBe(labels[3]);
      expect(labels[0]).not.toBe(labels[1]);
    },
  );
});
