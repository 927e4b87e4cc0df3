import { digitWord } from '../pii/spoken-number.js';
/**
 * What the embedded engine asks of a PII redactor: given each turn's words (with roles, in
 * call order), which word runs are PII. The engine replaces them with `[PII]` items and
 * silences their time spans in the redacted audio copy, as Transcribe does.
 */
export interface RedactionTurn {
  role: 'AGENT' | 'CUSTOMER';
  words: readonly { text: string; beginMs: number; endMs: number }[];
}

export interface WordRedaction {
  turnIndex: number;
  /** Index of the first and last redacted word in that turn (inclusive). */
  firstWord: number;
  lastWord: number;
  type: string;
  confidence: number;
}

export interface WordRedactor {
  readonly info: { engine: string; version: string; mode: string };
  redact(turns: readonly RedactionTurn[], context?: { knownNames?: readonly string[] }): WordRedaction[];
}

/** Longest pause between a redacted number's end and digits that go on in the next turn. */
export const NUMBER_CARRY_GAP_MS = 1_500;

const isDigitToken = (text: string): boolean => {
  const token = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return token !== '' && (/^\d+$/u.test(token) || digitWord(token) !== null);
};

/**
 * A number split across a speaker change by voice clustering (a mono recording: "it is [PII]" /
 * "one nine eight i have updated your address"): the digits that go on, within
 * NUMBER_CARRY_GAP_MS, at the start of the next turn (or end the turn before) are the same entity,
 * though the redactor, reading turn by turn, found the rest too short to be one. Redactions of
 * those digits, to add to `redactions`.
 */
export const numbersAcrossTurns = (
  turns: readonly RedactionTurn[],
  redactions: readonly WordRedaction[],
): WordRedaction[] => {
  const taken = new Set(
    redactions.flatMap((r) =>
      Array.from({ length: r.lastWord - r.firstWord + 1 }, (_, k) => `${r.turnIndex}:${r.firstWord + k}`),
    ),
  );
  const added: WordRedaction[] = [];
  for (const r of redactions) {
    const turn = turns[r.turnIndex];
    if (!turn) continue;
    const next = turns[r.turnIndex + 1];
    if (r.lastWord === turn.words.length - 1 && next && next.words.length > 0) {
      let n = 0;
      while (
        n < next.words.length &&
        isDigitToken(next.words[n]!.text) &&
        !taken.has(`${r.turnIndex + 1}:${n}`)
      )
        n += 1;
      if (n > 0 && next.words[0]!.beginMs - turn.words.at(-1)!.endMs <= NUMBER_CARRY_GAP_MS) {
        added.push({
          turnIndex: r.turnIndex + 1,
          firstWord: 0,
          lastWord: n - 1,
          type: r.type,
          confidence: r.confidence,
        });
        for (let k = 0; k < n; k++) taken.add(`${r.turnIndex + 1}:${k}`);
      }
    }
    const before = turns[r.turnIndex - 1];
    if (r.firstWord === 0 && before && before.words.length > 0) {
      const last = before.words.length - 1;
      let n = 0;
      while (
        n <= last &&
        isDigitToken(before.words[last - n]!.text) &&
        !taken.has(`${r.turnIndex - 1}:${last - n}`)
      )
        n += 1;
      if (n > 0 && turn.words[0]!.beginMs - before.words[last]!.endMs <= NUMBER_CARRY_GAP_MS) {
        added.push({
          turnIndex: r.turnIndex - 1,
          firstWord: last - n + 1,
          lastWord: last,
          type: r.type,
          confidence: r.confidence,
        });
        for (let k = 0; k < n; k++) taken.add(`${r.turnIndex - 1}:${last - k}`);
      }
    }
  }
  return added;
};
