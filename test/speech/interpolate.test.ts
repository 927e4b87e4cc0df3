import { describe, expect, it } from 'vitest';
import { interpolate } from '../../adapters/local/speech/language-model/interpolate.js';
import { estimateWittenBell } from '../../adapters/local/speech/language-model/witten-bell.js';
import { histories, massAfter, prob } from './lm-helpers.js';

const sentences = (lines: string[]) => lines.map((l) => l.split(' '));
// Stand-ins: a "general" model about anything, a "domain" model with words it lacks ("autopay").
const general = estimateWittenBell(
  sentences([
    'the cat sat on the mat',
    'the dog sat on the log',
    'i want to pay the bill',
    'can you help me',
    'thank you very much',
    'i want to go home',
  ]),
);
const domain = estimateWittenBell(
  sentences([
    'i want to pay my bill',
    'set up autopay for my bill',
    'thank you for calling',
    'can you help me with autopay',
  ]),
);

describe('linear interpolation of backoff models', () => {
  const { model, report } = interpolate(general, domain, 0.4);

  it('adds the domain words to the general vocabulary', () => {
    expect(report.addedWords.sort()).toEqual(['autopay', 'calling', 'for', 'my', 'set', 'up', 'with'].sort());
    expect(model.words.slice(0, general.words.length)).toEqual(general.words);
  });

  it('sums to one after every history (backoff weights renormalised)', () => {
    for (const h of histories(model)) expect(massAfter(model, h)).toBeCloseTo(1, 4);
    expect(massAfter(model, [])).toBeCloseTo(1, 4);
    expect(report.clampedBackoffs).toBe(0);
  });

  it('explicit n-grams get λ·p_domain + (1−λ)·p_general', () => {
    for (const [w, h] of [
      ['pay', ['want', 'to']],
      ['bill', ['my']],
      ['you', ['thank']],
      ['autopay', ['up']],
      ['cat', ['the']],
      ['the', []],
    ] as [string, string[]][]) {
      const pd = domain.words.includes(w)
        ? prob(
            domain,
            w,
            h.filter((x) => domain.words.includes(x)),
          )
        : 0;
      const pg = general.words.includes(w)
        ? prob(
            general,
            w,
            h.filter((x) => general.words.includes(x)),
          )
        : 0;
      expect(prob(model, w, h)).toBeCloseTo(0.4 * pd + 0.6 * pg, 4);
    }
  });

  it('λ = 0 gives back the general model, λ = 1 the domain model on its own words', () => {
    const { model: same } = interpolate(general, domain, 0);
    for (const h of histories(general)) {
      for (const w of general.words.filter((x) => x !== '<s>')) {
        expect(prob(same, w, h)).toBeCloseTo(prob(general, w, h), 4);
      }
    }
    const { model: only } = interpolate(general, domain, 1);
    expect(prob(only, 'autopay', ['up'])).toBeCloseTo(prob(domain, 'autopay', ['up']), 4);
    expect(prob(only, 'cat', ['the'])).toBeLessThan(1e-6);
  });

  it('rejects a weight outside [0, 1]', () => {
    expect(() => interpolate(general, domain, 1.5)).toThrow(RangeError);
  });
});
