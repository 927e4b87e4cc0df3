import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  batchSegments,
  COMPREHEND_TOXICITY_LIMITS,
  splitUtf8,
  type ToxicityLimits,
  toxicitySegments,
  utf8Length,
} from '../../core/enrich/toxicity.js';
import { callWithTurns } from './call-fixture.js';

const bytes = (s: string) => new TextEncoder().encode(s).length;
const nonSpace = (s: string) => s.replace(/\s+/gu, '');

// Words mixing ASCII, 2-, 3- and 4-byte characters, some long enough to need a split of their own.
const word = fc.stringMatching(/^[a-zé€😀你]{1,40}$/u);
const text = fc
  .array(fc.tuple(word, fc.constantFrom(' ', '  ', '\n', '\t')), { maxLength: 120 })
  .map((parts) => parts.map(([w, sep]) => w + sep).join(''));

describe('utf8Length', () => {
  it('counts bytes as TextEncoder does, for every kind of code point', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), (s) => utf8Length(s) === bytes(s)));
  });
});

describe('splitUtf8', () => {
  it('keeps every piece within the limit and loses or reorders no character', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 4, max: 120 }), (input, max) => {
        const pieces = splitUtf8(input, max);
        expect(pieces.every((p) => p.length > 0 && bytes(p) <= max)).toBe(true);
        expect(nonSpace(pieces.join(''))).toBe(nonSpace(input));
      }),
    );
  });

  it('cuts only at whitespace when every word fits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-zé€😀]{1,8}$/u), { minLength: 1, maxLength: 80 }),
        (words) => {
          const pieces = splitUtf8(words.join(' '), 40);
          expect(pieces.flatMap((p) => p.split(' '))).toEqual(words);
        },
      ),
    );
  });

  it('splits a single over-long multi-byte word at code-point boundaries', () => {
    // Prepare: 400 euro signs (3 bytes each) = 1200 bytes, no space to cut at
    const long = '€'.repeat(400);
    // Act
    const pieces = splitUtf8(long, 1000);
    // Assess: 333 signs fit in 999 bytes; no piece holds half a character
    expect(pieces.map((p) => [...p].length)).toEqual([333, 67]);
    expect(pieces.join('')).toBe(long);
  });

  it('packs short words into as few pieces as the limit allows', () => {
    const pieces = splitUtf8('aaaa bbbb cccc dddd', 9);
    expect(pieces).toEqual(['aaaa bbbb', 'cccc dddd']);
  });
});

describe('batchSegments', () => {
  const limits = fc.record({
    maxSegmentBytes: fc.integer({ min: 4, max: 60 }),
    maxBatchSegments: fc.integer({ min: 1, max: 12 }),
    maxBatchBytes: fc.integer({ min: 60, max: 200 }),
  });

  it('respects the count and size limits and keeps call order', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 15 }), limits, (texts, lim: ToxicityLimits) => {
        const doc = callWithTurns(texts.map((t, i) => [i % 2 === 0 ? 'CUSTOMER' : 'AGENT', t] as const));
        const segments = toxicitySegments(doc.turns, lim);
        const batches = batchSegments(segments, lim);
        for (const batch of batches) {
          expect(batch.length).toBeGreaterThan(0);
          expect(batch.length).toBeLessThanOrEqual(lim.maxBatchSegments);
          expect(batch.reduce((n, s) => n + bytes(s.text), 0)).toBeLessThanOrEqual(lim.maxBatchBytes);
        }
        expect(batches.flat()).toEqual(segments);
        const order = segments.map((s) => s.turnIndex);
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }),
    );
  });

  it('starts a new batch at the 11th segment and when the next piece would pass 10 KB', () => {
    // Prepare: 12 one-word turns, then 11 turns of 990 bytes
    const short = callWithTurns(Array.from({ length: 12 }, (_, i) => ['CUSTOMER', `word${i}`] as const));
    const big = callWithTurns(Array.from({ length: 11 }, () => ['AGENT', 'x'.repeat(990)] as const));
    const tight: ToxicityLimits = { ...COMPREHEND_TOXICITY_LIMITS, maxBatchBytes: 2_500 };
    // Act
    const byCount = batchSegments(toxicitySegments(short.turns));
    const byBytes = batchSegments(toxicitySegments(big.turns, tight), tight);
    // Assess
    expect(byCount.map((b) => b.length)).toEqual([10, 2]);
    expect(byBytes.map((b) => b.length)).toEqual([2, 2, 2, 2, 2, 1]);
  });

  it('leaves IVR prompts out and cuts long turns into ≤ 1000-byte pieces', () => {
    // Prepare: a 2,999-byte customer turn of 5-byte multi-byte words (166 fit in a piece)
    const doc = callWithTurns([
      ['IVR', 'Your call may be recorded.'],
      ['CUSTOMER', Array.from({ length: 500 }, () => 'héé').join(' ')],
    ]);
    // Act
    const segments = toxicitySegments(doc.turns);
    // Assess
    expect(segments.map((s) => s.turnIndex)).toEqual([1, 1, 1, 1]);
    expect(segments.every((s) => s.bytes <= 1_000 && s.bytes === bytes(s.text))).toBe(true);
  });
});
