import { describe, expect, it } from 'vitest';
import { encodeWav, resample } from '../../adapters/local/speech/recognizers/pcm.js';
import {
  balance,
  isFiller,
  parseCtm,
  wordsBySegment,
} from '../../adapters/local/speech/recognizers/pocketsphinx-output.js';

describe('pocketsphinx CTM output', () => {
  const ctm = [
    'u000001 1 0.21 0.11 he 0.999',
    'u000001 1 0.33 0.21 was(2) 1.000',
    'u000000 1 1.50 0.40 hello 0.5',
    'u000001 1 0.60 0.20 [NOISE] 0.3',
    'u000001 1 0.90 0.20 <sil> 0.3',
    'garbage line',
    '',
  ].join('\n');

  it('parses words, strips alternate-pronunciation marks', () => {
    expect(parseCtm(ctm).map((w) => w.word)).toEqual(['he', 'was', 'hello', '[NOISE]', '<sil>']);
  });

  it('places words at absolute times per segment, fillers dropped', () => {
    const words = wordsBySegment(parseCtm(ctm), ['u000000', 'u000001', 'u000002'], [10_000, 20_000, 30_000]);
    expect(words).toEqual([
      [{ text: 'hello', beginMs: 11_500, endMs: 11_900, confidence: 0.5 }],
      [
        { text: 'he', beginMs: 20_210, endMs: 20_320, confidence: 0.999 },
        { text: 'was', beginMs: 20_330, endMs: 20_540, confidence: 1 },
      ],
      [],
    ]);
  });

  it('knows fillers and noise', () => {
    for (const w of ['<s>', '</s>', '<sil>', '[NOISE]', '[SPEECH]', '++UH++']) expect(isFiller(w)).toBe(true);
    for (const w of ['he', "don't", 'a.']) expect(isFiller(w)).toBe(false);
  });
});

describe('work split over decoder processes', () => {
  it('balances total length, keeps order within a process', () => {
    const parts = balance([100, 10, 60, 50, 30, 5], 2);
    expect(parts).toHaveLength(2);
    const load = parts.map((p) => p.reduce((n, i) => n + [100, 10, 60, 50, 30, 5][i]!, 0));
    expect(Math.abs(load[0]! - load[1]!)).toBeLessThanOrEqual(15);
    expect(parts.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
    for (const p of parts) expect(p).toEqual([...p].sort((a, b) => a - b));
  });

  it('never starts an idle process', () => {
    expect(balance([10], 4)).toEqual([[0]]);
    expect(balance([], 2)).toEqual([]);
  });
});

describe('PCM', () => {
  it('writes a canonical 16-bit mono WAV header', () => {
    const wav = encodeWav(Int16Array.from([1, -2, 32767]), 16_000);
    const view = new DataView(wav.buffer);
    expect(new TextDecoder().decode(wav.subarray(0, 4))).toBe('RIFF');
    expect(new TextDecoder().decode(wav.subarray(8, 16))).toBe('WAVEfmt ');
    expect(view.getUint32(24, true)).toBe(16_000);
    expect(view.getUint16(34, true)).toBe(16);
    expect(view.getUint32(40, true)).toBe(6);
    expect(view.getInt16(46, true)).toBe(-2);
    expect(wav.length).toBe(50);
  });

  it('resamples 8 kHz to 16 kHz keeping pitch and length', async () => {
    const tone = Int16Array.from({ length: 8000 }, (_, i) =>
      Math.round(10_000 * Math.sin((2 * Math.PI * 440 * i) / 8000)),
    );
    const up = await resample(tone, 8000, 16_000);
    expect(up.length).toBe(16_000);
    let crossings = 0;
    for (let i = 1; i < up.length; i++) if (up[i - 1]! < 0 !== up[i]! < 0) crossings++;
    expect(crossings).toBeGreaterThan(870);
    expect(crossings).toBeLessThan(890);
    expect(await resample(tone, 8000, 8000)).toBe(tone);
  });
});
