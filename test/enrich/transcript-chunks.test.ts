import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkLines } from '../../core/enrich/transcript-chunks.js';

const line = fc.stringMatching(/^[a-z😀 ]{0,90}$/u);

describe('chunkLines', () => {
  it('keeps every chunk within the budget and loses no character', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.integer({ min: 2, max: 200 }), (lines, max) => {
        const chunks = chunkLines(lines, max);
        expect(chunks.every((c) => c.length <= max && c.length > 0)).toBe(true);
        const squash = (s: string) => s.replace(/[\s]/gu, '');
        expect(squash(chunks.join(''))).toBe(squash(lines.join('')));
      }),
    );
  });

  it('keeps whole lines together when they fit', () => {
    expect(chunkLines(['aaa', 'bbb', 'ccc'], 7)).toEqual(['aaa\nbbb', 'ccc']);
  });

  it('never splits a surrogate pair', () => {
    const chunks = chunkLines(['😀😀😀'], 3);
    expect(chunks.join('')).toBe('😀😀😀');
    expect(chunks.every((c) => !/[\ud800-\udbff]$/u.test(c) && c.length <= 3)).toBe(true);
  });
});
