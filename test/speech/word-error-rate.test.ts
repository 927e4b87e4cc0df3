import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { domainSentences } from '../../adapters/local/speech/language-model/domain-corpus.js';
import { EVAL_SENTENCES } from '../../scripts/asr/eval-sentences.js';
import { normalizeWords, wordErrorRate, wordErrors } from '../../scripts/asr/word-error-rate.js';
import { REPO, tempDir } from '../helpers/paths.js';

const SCLITE = '/usr/lib/sctk/bin/sclite';
const words = (s: string) => s.split(' ').filter(Boolean);

describe('word error rate', () => {
  it('counts substitutions, deletions and insertions', () => {
    expect(
      wordErrors(
        words('he was not an ill disposed young man'),
        words('he was not until this blows young man'),
      ),
    ).toEqual({
      reference: 8,
      substitutions: 3,
      deletions: 0,
      insertions: 0,
    });
    expect(wordErrors(words('the cat sat on the mat'), words('the cat sat on mat the'))).toMatchObject({
      deletions: 1,
      insertions: 1,
    });
    expect(wordErrors([], words('uh huh'))).toMatchObject({ reference: 0, insertions: 2 });
    expect(wordErrorRate(wordErrors(words('a b c d'), words('a x c d e')))).toBe(0.5);
    expect(wordErrorRate(wordErrors(words('one two'), words('one two')))).toBe(0);
  });

  it('normalises case and punctuation, keeps inner apostrophes', () => {
    expect(normalizeWords("Hi, I'd like to check MY balance.")).toEqual([
      'hi',
      "i'd",
      'like',
      'to',
      'check',
      'my',
      'balance',
    ]);
  });

  it('agrees with sclite on random sentence pairs', () => {
    const vocabulary = ['a', 'b', 'c', 'd', 'e'];
    const pairs = fc.sample(
      fc.tuple(
        fc.array(fc.constantFrom(...vocabulary), { maxLength: 9 }),
        fc.array(fc.constantFrom(...vocabulary), { maxLength: 9 }),
      ),
      { numRuns: 60, seed: 8 },
    );
    const dir = tempDir('sclite');
    const trn = (side: 0 | 1) => pairs.map((p, i) => `${p[side].join(' ')} (spk-u${i})`).join('\n');
    writeFileSync(join(dir, 'ref.trn'), `${trn(0)}\n`);
    writeFileSync(join(dir, 'hyp.trn'), `${trn(1)}\n`);
    const out = execFileSync(
      SCLITE,
      [
        '-r',
        join(dir, 'ref.trn'),
        'trn',
        '-h',
        join(dir, 'hyp.trn'),
        'trn',
        '-i',
        'spu_id',
        '-o',
        'pra',
        'stdout',
      ],
      {
        encoding: 'utf8',
      },
    );
    const scores = [...out.matchAll(/Scores: \(#C #S #D #I\) (\d+) (\d+) (\d+) (\d+)/g)].map((m) =>
      m.slice(1).map(Number),
    );
    expect(scores).toHaveLength(pairs.length);
    pairs.forEach(([ref, hyp], i) => {
      const [, s, d, ins] = scores[i]!;
      const mine = wordErrors(ref, hyp);
      expect(mine.substitutions + mine.deletions + mine.insertions).toBe(s! + d! + ins!);
      expect(mine.substitutions * 4 + (mine.deletions + mine.insertions) * 3).toBe(s! * 4 + (d! + ins!) * 3);
    });
  });
});

describe('evaluation sentences', () => {
  it('are not in the domain corpus (the model must not be scored on its training text)', () => {
    const corpus = readFileSync(join(REPO, 'config/speech-corpus.txt'), 'utf8');
    const taxonomy = JSON.parse(readFileSync(join(REPO, 'config/topics.json'), 'utf8')) as {
      background: string[];
      topics: { description: string; examples: string[] }[];
    };
    const phrases = [
      ...taxonomy.background,
      ...taxonomy.topics.flatMap((t) => [t.description, ...t.examples]),
    ];
    const training = new Set(domainSentences({ corpus, phrases }).map((s) => s.join(' ')));
    const trainingText = [...training].join(' | ');
    for (const sentence of EVAL_SENTENCES) {
      expect(training.has(sentence.toLowerCase())).toBe(false);
      // No run of six words is shared either.
      const w = normalizeWords(sentence);
      for (let i = 0; i + 6 <= w.length; i++) expect(trainingText).not.toContain(w.slice(i, i + 6).join(' '));
    }
  });
});
