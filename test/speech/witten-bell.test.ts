import { describe, expect, it } from 'vitest';
import { arpaChunks, parseArpa } from '../../adapters/local/speech/language-model/arpa.js';
import { estimateWittenBell } from '../../adapters/local/speech/language-model/witten-bell.js';
import { histories, massAfter, prob } from './lm-helpers.js';

const corpus = [
  'can i get your account number',
  'can i get your date of birth',
  'can you confirm your account number',
  'your account number is one two three',
  'thank you',
].map((s) => s.split(' '));

describe('Witten-Bell trigram model', () => {
  const model = estimateWittenBell(corpus);

  it('sums to one after every history, at every order', () => {
    for (const h of histories(model)) expect(massAfter(model, h)).toBeCloseTo(1, 5);
    expect(massAfter(model, [])).toBeCloseTo(1, 5);
  });

  it('follows the counts: "can i get your" has two continuations seen once each', () => {
    // c(i get your, account) = 1, c(i get your) = 2, T = 2; lower order p(account | your).
    const lower = prob(model, 'account', ['your']);
    expect(prob(model, 'account', ['get', 'your'])).toBeCloseTo((1 + 2 * lower) / (2 + 2), 5);
    // Unigrams are maximum likelihood: "your" is 4 of 33 predicted tokens (28 words + 5 </s>).
    expect(prob(model, 'your', [])).toBeCloseTo(4 / 33, 5);
  });

  it('never predicts <s> and survives an ARPA round trip', () => {
    expect(prob(model, '<s>', [])).toBeLessThan(1e-90);
    const back = parseArpa([...arpaChunks(model, 7)].join(''));
    expect(back.words).toEqual(model.words);
    expect(back.bigrams.w1.length).toBe(model.bigrams.w1.length);
    expect(back.trigrams.w1.length).toBe(model.trigrams.w1.length);
    expect(prob(back, 'number', ['account'])).toBeCloseTo(prob(model, 'number', ['account']), 3);
    for (const h of histories(back).slice(0, 20)) expect(massAfter(back, h)).toBeCloseTo(1, 3);
  });

  it('ignores empty sentences', () => {
    expect(estimateWittenBell([[], ['hello']]).words).toEqual(['<s>', '</s>', 'hello']);
  });
});
