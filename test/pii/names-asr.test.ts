import { describe, expect, it } from 'vitest';
import { redactTranscript, type TranscriptTurn } from '../../core/pii/index.js';

/**
 * Names in what the embedded recogniser (pocketsphinx) writes: lowercase words, no punctuation,
 * run-on turns, fillers. A new user's trial of the local mode found ordinary words taken as names
 * ("its done with the bank" -> "its [PII] with the bank", and then every later "done" too; a
 * person the tagger read as "don the other" made every "the" of the call a name). The turns
 * below are in that shape (some are real recogniser output of synthesised speech).
 */
const turn = (role: TranscriptTurn['role'], text: string, startMs = 0): TranscriptTurn => ({
  role,
  words: text
    .split(' ')
    .map((t, i) => ({ text: t, beginMs: startMs + i * 300, endMs: startMs + i * 300 + 250 })),
});
type Line = [TranscriptTurn['role'], string];
const texts = (lines: readonly Line[]) =>
  redactTranscript({ turns: lines.map(([role, text], i) => turn(role, text, i * 10_000)) }).turns.map(
    (t) => t.text,
  );

describe('names in lowercase recogniser output: ordinary words are no names', () => {
  it.each<[string, Line[], string[]]>([
    // The answer to a name question: a verb, a pronoun or a state is no name, nor learned as one.
    [
      'a reply that is no name',
      [
        ['AGENT', 'can i take your full name please'],
        ['CUSTOMER', 'uh it is done already'],
        ['AGENT', 'okay so the refund is done'],
      ],
      ['can i take your full name please', 'uh it is done already', 'okay so the refund is done'],
    ],
    [
      'a reply that puts the name off',
      [
        ['AGENT', 'and your name please'],
        ['CUSTOMER', 'hang on let me find the letter'],
        ['AGENT', 'sure let me check the account'],
      ],
      ['and your name please', 'hang on let me find the letter', 'sure let me check the account'],
    ],
    // "it's <name> from/with": the word after "its" must be one that can be a name.
    [
      '"its" and a word that is no name',
      [
        ['CUSTOMER', 'its done with the bank now'],
        ['AGENT', 'so the bank is done'],
      ],
      ['its done with the bank now', 'so the bank is done'],
    ],
    // The words after a name ("my name is john smith him"): a pronoun ends the name.
    [
      'a pronoun after the name a cue gave',
      [
        ['CUSTOMER', 'hi um my name is john smith him but i wanted to check if my refund is done'],
        ['AGENT', 'okay i can ask him'],
      ],
      ['hi um my name is [PII] him but i wanted to check if my refund is done', 'okay i can ask him'],
    ],
    // The tagger's "don the other": the words between two names it joined are no name.
    [
      'the words inside a person the tagger found',
      [
        ['CUSTOMER', 'yeah i talked to don the other day and the refund is done'],
        ['AGENT', 'okay let me check the account'],
      ],
      ['yeah i talked to [PII] the other day and the refund is done', 'okay let me check the account'],
    ],
  ])('%s', (_, lines, expected) => {
    // Act
    const out = texts(lines);
    // Assess
    expect(out).toEqual(expected);
  });
});

describe('names in lowercase recogniser output: names are still redacted', () => {
  it.each<[string, Line[], string[]]>([
    [
      'after "my name is"',
      [['CUSTOMER', 'yeah hi my name is john smith and uh i need help']],
      ['yeah hi my name is [PII] and uh i need help'],
    ],
    [
      'an agent introducing herself',
      [['AGENT', 'thank you for calling this is sarah calling from acme how can i help']],
      ['thank you for calling this is [PII] calling from acme how can i help'],
    ],
    [
      'thanks and a name',
      [['AGENT', 'okay thanks mary have a good day']],
      ['okay thanks [PII] have a good day'],
    ],
    [
      'a spelled surname',
      [
        ['AGENT', 'and what is your surname please'],
        ['CUSTOMER', 'um its smith s m i t h'],
      ],
      ['and what is your surname please', 'um its [PII]'],
    ],
    [
      'an answer to a name question, and a later mention',
      [
        ['AGENT', 'can i take your full name please'],
        ['CUSTOMER', 'uh yes it is anneliese vogt'],
        ['AGENT', 'thank you anneliese'],
      ],
      ['can i take your full name please', 'uh yes it is [PII]', 'thank you [PII]'],
    ],
    [
      'a surname that is also a word, after a cue',
      [['CUSTOMER', 'my surname is young and my first name is peter']],
      ['my surname is [PII] and my first name is [PII]'],
    ],
    [
      'a name with a surname the lexicon knows as a word',
      [['CUSTOMER', 'my name is peter young']],
      ['my name is [PII]'],
    ],
    ['"its" and a name', [['AGENT', 'hi its priya from acme']], ['hi its [PII] from acme']],
  ])('%s', (_, lines, expected) => {
    // Act
    const out = texts(lines);
    // Assess
    expect(out).toEqual(expected);
  });

  it('keeps the whole span of a name the tagger found, fillers aside', () => {
    // Act
    const result = redactTranscript({ turns: [turn('CUSTOMER', 'i spoke to sarah jones and tom')] });
    // Assess
    expect(result.turns[0]!.text).toBe('i spoke to [PII] and [PII]');
    expect(result.redactions.map((r) => [r.firstWord, r.lastWord])).toEqual([
      [3, 4],
      [6, 6],
    ]);
  });
});
