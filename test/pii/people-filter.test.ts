import { describe, expect, it } from 'vitest';
import { peopleInTurns } from '../../core/pii/names.js';
import { toPieces } from '../../core/pii/pieces.js';
import { generateCalls } from '../../generator/index.js';
import { generatedCase } from '../../scripts/pii/generated-set.js';

/**
 * peopleInTurns sends the tagger only the turns it could find a person in (a lexicon name, or an
 * unknown capitalised word after an honorific). That filter is for speed only: it must never
 * change the people found.
 */
const turnsOf = (words: { text: string }[][], lowercase: boolean) =>
  words.map((ws) =>
    toPieces(
      ws.map((w, i) => ({
        text: lowercase ? w.text.toLowerCase() : w.text,
        beginMs: i * 300,
        endMs: i * 300 + 250,
      })),
    ),
  );
const hand = (lines: string[]) => lines.map((l) => l.split(' ').map((text) => ({ text })));

describe('peopleInTurns: the lexicon filter', () => {
  const generated = generateCalls(29, 40, { redact: false })
    .map(generatedCase)
    .map((c) => c.turns.map((t) => t.words.filter((w) => !('punctuation' in w && w.punctuation))));
  const written = hand([
    'Hi, this is Dana Whitfield from Acme Financial.',
    'Could I speak to Mr Okonkwo about the claim?',
    'I talked to Ngozi Adeyemi and then to Grace last week.',
    'Visa and Mastercard are both fine, Priya.',
    'My manager, Dr Patel, said Monday at Pinecrest Mutual.',
    'thanks so much marcus have a good one',
  ]);

  for (const lowercase of [false, true])
    it(`finds the same people as tagging every candidate turn (${lowercase ? 'lowercase' : 'cased'})`, () => {
      // Prepare
      const calls = [...generated, written].map((c) => turnsOf(c, lowercase));
      // Act
      const filtered = calls.map((turns) => peopleInTurns(turns, lowercase));
      const every = calls.map((turns) => peopleInTurns(turns, lowercase, 'every'));
      // Assess
      expect(filtered).toEqual(every);
      expect(every.flat(2).length).toBeGreaterThan(40);
    });

  it('still finds a lexicon name and an honorific with an unknown surname', () => {
    // Act
    const [names, honorific] = peopleInTurns(
      turnsOf(hand(['I talked to Dana Whitfield last week.', 'Ask for Mr Okonkwo please.']), false),
      false,
    );
    // Assess
    expect(names).toEqual([{ start: 3, end: 4 }]);
    expect(honorific?.length).toBe(1);
  });
});
