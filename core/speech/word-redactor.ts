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

const tokenOf = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

const isDigitToken = (text: string): boolean => {
  const token = tokenOf(text);
  return token !== '' && (/^\d+$/u.test(token) || digitWord(token) !== null);
};

/**
 * Words that open or close a turn as often as a number: 'one moment', 'one second', 'oh okay'
 * after the caller gave a number. Alone they are not carried (one digit left says little); with
 * other digits they are ('one nine eight').
 */
const LONE_NOT_CARRIED = new Set(['one', 'oh', 'o']);

/** A run of `n` digit words worth carrying: more than one, or one that is not a common word. */
const carried = (words: readonly { text: string }[]): boolean =>
  words.length > 1 || (words.length === 1 && !LONE_NOT_CARRIED.has(tokenOf(words[0]!.text)));

/**
 * A number split across a speaker change by voice clustering (a mono recording: "it is [PII]" /
 * "one nine eight i have updated your address"): the digits that go on, within
 * NUMBER_CARRY_GAP_MS, at the start of the next turn (or end the turn before) are the same entity,
 * though the redactor, reading turn by turn, found the rest too short to be one. Only a
 * redaction whose own edge at the turn change is a digit goes on (a name or street before 'one
 * moment please' does not), and a lone 'one' or 'oh' is not carried. Redactions of those digits,
 * to add to `redactions`.
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
    if (
      r.lastWord === turn.words.length - 1 &&
      isDigitToken(turn.words[r.lastWord]!.text) &&
      next &&
      next.words.length > 0
    ) {
      let n = 0;
      while (
        n < next.words.length &&
        isDigitToken(next.words[n]!.text) &&
        !taken.has(`${r.turnIndex + 1}:${n}`)
      )
        n += 1;
      if (
        carried(next.words.slice(0, n)) &&
        next.words[0]!.beginMs - turn.words.at(-1)!.endMs <= NUMBER_CARRY_GAP_MS
      ) {
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
    if (r.firstWord === 0 && isDigitToken(turn.words[0]!.text) && before && before.words.length > 0) {
      const last = before.words.length - 1;
      let n = 0;
      while (
        n <= last &&
        isDigitToken(before.words[last - n]!.text) &&
        !taken.has(`${r.turnIndex - 1}:${last - n}`)
      )
        n += 1;
      if (
        carried(before.words.slice(last - n + 1)) &&
        turn.words[0]!.beginMs - before.words[last]!.endMs <= NUMBER_CARRY_GAP_MS
      ) {
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
