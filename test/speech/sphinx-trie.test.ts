import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArpa } from '../../adapters/local/speech/language-model/arpa.js';
import { readSphinxTrie } from '../../adapters/local/speech/language-model/sphinx-trie.js';
import { DEBIAN_MODEL } from '../../adapters/local/speech/recognizers/pocketsphinx-setup.js';
import { SpeechEngineError } from '../../core/errors.js';
import { tempDir } from '../helpers/paths.js';
import { massAfter, prob } from './lm-helpers.js';
import { writeSmallTrieModel } from './speech-test-data.js';

describe('sphinx trie language model reader', () => {
  it('reads back what sphinx_lm_convert wrote from ARPA', () => {
    const { arpa, bin } = writeSmallTrieModel(tempDir('trie'), [
      'please hold while i check your account',
      'please hold the line',
      'i will check the balance on your account',
      'your balance is ten dollars',
    ]);
    const expected = parseArpa(readFileSync(arpa, 'utf8'));
    const model = readSphinxTrie(readFileSync(bin), bin);
    expect(model.order).toBe(3);
    expect(new Set(model.words)).toEqual(new Set(expected.words));
    expect(model.bigrams.w1.length).toBe(expected.bigrams.w1.length);
    expect(model.trigrams.w1.length).toBe(expected.trigrams.w1.length);
    for (const [w, h] of [
      ['hold', ['<s>', 'please']],
      ['account', ['your']],
      ['balance', ['check', 'the']],
      ['dollars', []],
      ['line', ['please', 'hold']],
    ] as [string, string[]][]) {
      expect(prob(model, w, h)).toBeCloseTo(prob(expected, w, h), 3);
    }
    expect(massAfter(model, ['your'])).toBeCloseTo(1, 3);
  });

  it("reads Debian's en-US model (which sphinx_lm_convert cannot turn into ARPA)", () => {
    const model = readSphinxTrie(readFileSync(DEBIAN_MODEL.languageModel), DEBIAN_MODEL.languageModel);
    expect(model.words.length).toBe(72_547);
    // The header claims 2 051 547 bigrams; the trie holds 2 051 541 (sphinx_lm_convert's assertion).
    expect(model.bigrams.w1.length).toBe(2_051_541);
    expect(model.trigrams.w1.length).toBe(1_669_625);
    const the = model.words.indexOf('the');
    expect(model.unigrams.logProb[the]).toBeCloseTo(-1.3895, 3);
    expect(model.unigrams.backoff[the]).toBeCloseTo(-0.5416, 3);
  });

  it('refuses a file that is not a trie model', () => {
    expect(() => readSphinxTrie(new TextEncoder().encode('\\data\\\nngram 1=1\n'), 'x.lm')).toThrow(
      SpeechEngineError,
    );
  });
});
