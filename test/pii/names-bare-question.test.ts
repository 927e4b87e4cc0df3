import { describe, expect, it } from 'vitest';
import { redactTranscript, type TranscriptTurn } from '../../core/pii/index.js';

/**
 * The answer to a name question in a recogniser's bare output (pocketsphinx writes lowercase words
 * and no punctuation, so no question has a "?"). The answer was read as a name only after a "?",
 * "please" or "go ahead", so "what is your name" / "ray fish" / "thanks mr fish" left the name
 * readable in all three turns (scripts/pii-names-grid.ts: 1,204 of 2,250 name words of its
 * "answer, then mrs <last>" conversations; 148 with a question word before the cue).
 */
const turn = (role: TranscriptTurn['role'], text: string, startMs: number): TranscriptTurn => ({
  role,
  words: text
    .split(' ')
    .map((t, i) => ({ text: t, beginMs: startMs + i * 300, endMs: startMs + i * 300 + 250 })),
});
type Line = [TranscriptTurn['role'], string];
const texts = (lines: readonly Line[]): string[] =>
  redactTranscript({ turns: lines.map(([role, text], i) => turn(role, text, i * 10_000)) }).turns.map(
    (t) => t.text,
  );

describe('a name question without a "?" in bare recogniser output', () => {
  it.each<[string, Line[], string[]]>([
    [
      'what is your name: the answer and the later mr <surname>',
      [
        ['AGENT', 'what is your name'],
        ['CUSTOMER', 'ray fish'],
        ['AGENT', 'thanks mr fish'],
      ],
      ['what is your name', '[PII]', 'thanks mr [PII]'],
    ],
    [
      'and your surname',
      [
        ['AGENT', 'and your surname'],
        ['CUSTOMER', 'its okafor'],
      ],
      ['and your surname', 'its [PII]'],
    ],
    [
      'a hesitation, then the name',
      [
        ['AGENT', 'what is your name'],
        ['CUSTOMER', 'erm john smith'],
      ],
      ['what is your name', 'erm [PII]'],
    ],
    [
      'can you tell me your first name',
      [
        ['AGENT', 'can you tell me your first name'],
        ['CUSTOMER', 'priya'],
      ],
      ['can you tell me your first name', '[PII]'],
    ],
  ])('%s: the name is redacted', (_, lines, expected) => {
    // Act
    const got = texts(lines);
    // Assert
    expect(got).toEqual(expected);
  });

  it.each<[string, Line[]]>([
    [
      'a cue with no question word before it',
      [
        ['AGENT', 'i have your full name here'],
        ['CUSTOMER', 'okay great thanks'],
      ],
    ],
    [
      'a caller saying they gave it',
      [
        ['CUSTOMER', 'i gave you my full name'],
        ['AGENT', 'sure let me check'],
      ],
    ],
    [
      'an answer that is no name',
      [
        ['AGENT', 'what is your name'],
        ['CUSTOMER', 'uh it is on the letter'],
      ],
    ],
    [
      'a hesitation, then no name',
      [
        ['AGENT', 'what is your name'],
        ['CUSTOMER', 'er its on the card'],
      ],
    ],
    [
      'a request to wait',
      [
        ['AGENT', 'what is your name'],
        ['CUSTOMER', 'erm hang on a sec'],
      ],
    ],
    [
      'a request to repeat',
      [
        ['AGENT', 'could you spell your surname'],
        ['CUSTOMER', 'pardon'],
      ],
    ],
    [
      'a relation, not a name',
      [
        ['AGENT', 'whats the name of the beneficiary'],
        ['CUSTOMER', 'my daughter'],
      ],
    ],
    [
      'punctuated text: a question needs its "?" as before',
      [
        ['AGENT', 'And your surname.'],
        ['CUSTOMER', 'Its on the letter.'],
      ],
    ],
  ])('%s: every word stays', (_, lines) => {
    // Act
    const got = texts(lines);
    // Assert
    expect(got).toEqual(lines.map(([, text]) => text));
  });
});

describe('first names that are modal verbs ("will", "may")', () => {
  it.each<[string, Line[], string[]]>([
    [
      'after "my name is", with the surname, then said to him',
      [
        ['CUSTOMER', 'hi my name is will frost'],
        ['AGENT', 'thanks will i will look at that now'],
      ],
      ['hi my name is [PII]', 'thanks [PII] i will look at that now'],
    ],
    [
      'punctuated text too (the name was left whole)',
      [
        ['CUSTOMER', 'My name is Will Frost.'],
        ['AGENT', 'Thanks, Will. I will look at that now.'],
      ],
      ['My name is [PII].', 'Thanks, [PII]. I will look at that now.'],
    ],
    [
      'the answer to a name question, then the verb in the same call',
      [
        ['AGENT', 'what is your name'],
        ['CUSTOMER', 'may'],
        ['AGENT', 'thank you may how can i help'],
        ['CUSTOMER', 'yes you may i want to ask about my card it may be blocked'],
      ],
      [
        'what is your name',
        '[PII]',
        'thank you [PII] how can i help',
        'yes you may i want to ask about my card it may be blocked',
      ],
    ],
  ])('%s: the name is redacted, the verb stays', (_, lines, expected) => {
    // Act
    const got = texts(lines);
    // Assert
    expect(got).toEqual(expected);
  });

  it.each<[string, Line[]]>([
    ['"my name is" then the verb', [['CUSTOMER', 'my name is may i ask you something']]],
    ['"my name is will be"', [['CUSTOMER', 'my name is will be on the letter i think']]],
    [
      'an answer that is the verb',
      [
        ['AGENT', 'and your surname'],
        ['CUSTOMER', 'will do one second'],
      ],
    ],
    [
      'an answer that asks back',
      [
        ['AGENT', 'can i take your full name please'],
        ['CUSTOMER', 'may i ask why you need it'],
      ],
    ],
  ])('%s: every word stays', (_, lines) => {
    // Act
    const got = texts(lines);
    // Assert
    expect(got).toEqual(lines.map(([, text]) => text));
  });
});
