import { describe, expect, it } from 'vitest';
import { domainSentences, tokenize } from '../../adapters/local/speech/language-model/domain-corpus.js';
import {
  checkPronunciations,
  parseDictionary,
  withoutWords,
} from '../../adapters/local/speech/language-model/pronunciations.js';

describe('domain corpus', () => {
  it('tokenizes the way a recogniser writes words', () => {
    expect(tokenize("My 401k: I'd like to roll it over - 2 times!")).toEqual([
      'my',
      'four',
      'oh',
      'one',
      'k',
      "i'd",
      'like',
      'to',
      'roll',
      'it',
      'over',
      'two',
      'times',
    ]);
    expect(tokenize("'quoted' 15 e-mail")).toEqual(['quoted', 'fifteen', 'e', 'mail']);
  });

  it('fills every slot with spoken values, several times per template, deterministically', () => {
    const corpus = '# comment\nthe balance is {amount}\ncall me at {phone}\nhello\n\nthe code is {digits:6}';
    const a = domainSentences({ corpus, phrases: ['Set up autopay'], fillsPerTemplate: 5 });
    expect(a).toHaveLength(5 + 5 + 1 + 5 + 1);
    expect(a).toEqual(domainSentences({ corpus, phrases: ['Set up autopay'], fillsPerTemplate: 5 }));
    const text = a.map((s) => s.join(' '));
    expect(text.every((s) => !/[{}0-9]/.test(s))).toBe(true);
    expect(text.filter((s) => s.startsWith('call me at')).every((s) => s.split(' ').length === 13)).toBe(
      true,
    );
    expect(text.filter((s) => s.startsWith('the code is')).every((s) => s.split(' ').length === 9)).toBe(
      true,
    );
    expect(text.some((s) => /^the balance is .* dollars/.test(s) || /^the balance is \w+ \w+/.test(s))).toBe(
      true,
    );
    expect(text).toContain('set up autopay');
    expect(new Set(text.filter((s) => s.startsWith('call me'))).size).toBeGreaterThan(1);
  });

  it('names an unknown slot', () => {
    expect(() => domainSentences({ corpus: 'my {pet} is sick', phrases: [] })).toThrow(
      /unknown slot \{pet\}/,
    );
  });
});

describe('pronunciation check', () => {
  const dict = parseDictionary(
    [
      'auto AO T OW',
      'pay P EY',
      'pass P AE S',
      'code K OW D',
      'hello HH AH L OW',
      'hello(2) HH EH L OW',
      'my M AY',
    ].join('\n'),
  );

  it('keeps the first pronunciation of each word', () => {
    expect(dict.get('hello')).toBe('HH AH L OW');
    expect(dict.has('hello(2)')).toBe(false);
  });

  it('spells compounds from two dictionary words and drops the rest', () => {
    const report = checkPronunciations(['hello', 'autopay', 'passcode', 'zelle', 'autopay'], dict);
    expect(report.added).toEqual([
      { word: 'autopay', parts: ['auto', 'pay'], phones: 'AO T OW P EY' },
      { word: 'passcode', parts: ['pass', 'code'], phones: 'P AE S K OW D' },
    ]);
    expect(report.dropped).toEqual(['zelle']);
  });

  it('cuts sentences at dropped words instead of joining their neighbours', () => {
    expect(withoutWords([['pay', 'with', 'zelle', 'today'], ['zelle']], new Set(['zelle']))).toEqual([
      ['pay', 'with'],
      ['today'],
    ]);
  });
});
