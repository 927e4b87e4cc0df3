import { describe, expect, it } from 'vitest';
import { piiWordRedactor } from '../../core/speech/pii-word-redactor.js';
import { NUMBER_CARRY_GAP_MS, numbersAcrossTurns } from '../../core/speech/word-redactor.js';

/** A turn of `text`, a word every 300 ms from `atMs`. */
const turn = (role: 'AGENT' | 'CUSTOMER', text: string, atMs: number) => ({
  role,
  words: text.split(' ').map((t, i) => ({ text: t, beginMs: atMs + i * 300, endMs: atMs + i * 300 + 250 })),
});
const redactor = piiWordRedactor('default');

describe('a number cut by a speaker change (voice clustering of a mono recording)', () => {
  it('redacts the digits that go on in the next turn, as the same entity (found by a new-user trial: "one nine eight" audible)', () => {
    // Prepare: the caller's phone number, its last three digits clustered to the agent's voice
    const turns = [
      turn('AGENT', "what's the best number to reach you on", 0),
      turn('CUSTOMER', 'it is five one two five five five oh', 3_000),
      turn('AGENT', 'one nine eight i have updated your address', 5_200),
    ];
    const found = redactor.redact(turns);
    // Act
    const added = numbersAcrossTurns(turns, found);
    // Assess: the redactor alone left the three digits (too short to be a number by themselves)
    expect(found).toEqual([
      expect.objectContaining({ turnIndex: 1, firstWord: 2, lastWord: 8, type: 'PHONE' }),
    ]);
    expect(added).toEqual([{ turnIndex: 2, firstWord: 0, lastWord: 2, type: 'PHONE', confidence: 0.9 }]);
  });

  it('and the digits that began it at the end of the turn before', () => {
    const turns = [
      turn('CUSTOMER', 'my card is four one', 0),
      turn('AGENT', 'one one one one one one one one one one one one one one', 1_400),
    ];
    const found = [
      { turnIndex: 1, firstWord: 0, lastWord: 13, type: 'CREDIT_DEBIT_NUMBER', confidence: 0.9 },
    ];
    expect(numbersAcrossTurns(turns, found)).toEqual([
      { turnIndex: 0, firstWord: 3, lastWord: 4, type: 'CREDIT_DEBIT_NUMBER', confidence: 0.9 },
    ]);
  });

  it('leaves words that are no digits, digits after a pause, and digits already redacted', () => {
    const number = 'it is five one two five five five oh';
    const following = (gapMs: number, text: string) => [
      turn('CUSTOMER', number, 0),
      turn('AGENT', text, 8 * 300 + 250 + gapMs),
    ];
    const redacted = (turns: ReturnType<typeof following>) =>
      numbersAcrossTurns(turns, redactor.redact(turns));
    expect(redacted(following(200, 'thank you i have updated it'))).toEqual([]);
    expect(redacted(following(NUMBER_CARRY_GAP_MS + 1, 'one nine eight'))).toEqual([]);
    const both = following(200, 'one nine eight');
    expect(
      numbersAcrossTurns(both, [
        { turnIndex: 0, firstWord: 2, lastWord: 8, type: 'PHONE', confidence: 0.9 },
        { turnIndex: 1, firstWord: 0, lastWord: 2, type: 'PHONE', confidence: 0.9 },
      ]),
    ).toEqual([]);
  });

  it("leaves 'one moment' after a name, a street or a whole number (the redaction's type was carried to any digit word)", () => {
    const replyTo = (said: string, reply: string) => {
      const turns = [turn('CUSTOMER', said, 0), turn('AGENT', reply, said.split(' ').length * 300 + 200)];
      const found = redactor.redact(turns);
      expect(found).not.toEqual([]);
      return numbersAcrossTurns(turns, found);
    };
    expect(replyTo('my name is John Smith', 'one moment please')).toEqual([]);
    expect(replyTo('my name is John Smith', 'oh great thanks')).toEqual([]);
    expect(replyTo('I live at 42 Oak Street', 'one second let me check')).toEqual([]);
    expect(replyTo('my name is John Smith', 'one nine eight')).toEqual([]);
    const number = 'my number is five one two five five five oh one nine eight';
    expect(replyTo(number, 'one moment please')).toEqual([]);
    expect(replyTo(number, 'oh okay thank you')).toEqual([]);
    // A lone digit that is no common word still goes, and so do 'one' or 'oh' among others.
    expect(replyTo('it is five one two five five five oh', 'eight thank you')).toEqual([
      { turnIndex: 1, firstWord: 0, lastWord: 0, type: 'PHONE', confidence: 0.9 },
    ]);
    expect(replyTo('it is five one two five five five oh', 'one oh thank you')).toEqual([
      { turnIndex: 1, firstWord: 0, lastWord: 1, type: 'PHONE', confidence: 0.9 },
    ]);
  });
});
