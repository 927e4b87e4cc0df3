/**
 * The spoken-number normaliser: finds the digit strings in a transcript's words, the way a
 * listener hears them. Call transcripts spell numbers as words, so "four one one one", "double
 * five", "oh", "nineteen eighty four", "twenty twenty" and "one twenty three" must all become
 * digits before any PII rule can look at them, and one number may be spread over several words
 * ("4111-1111", "four 1 1 1") and pauses (commas, "um", "dash").
 *
 * Readings, in order of preference at each position:
 * - written digits ("4111", "555-1234", "(512)", "1,234") are their digits;
 * - "double" / "triple" + a digit repeats it ("double oh seven" -> 007);
 * - a cardinal ("twenty one" -> 21, "one hundred twelve" -> 112, "two thousand five" -> 2005,
 *   "nineteen hundred" -> 1900) is its decimal digits;
 * - "oh" / "o" is a zero only next to another number (so "Oh, okay" stays a word).
 * Consecutive readings concatenate, as callers group digits: "nineteen eighty four" -> 19|84,
 * "one twenty three" -> 1|23, "fourteen oh five" -> 14|0|5, "twenty twenty" -> 20|20.
 * Inside a run of single digits, "for", "to"/"too", "won" and "ate" are ASR's spellings of
 * digits ("four one for one").
 *
 * Pure and deterministic: input is the words' normalised text (lowercase; punctuation items as
 * their own tokens), output refers to token indexes.
 */

/**
 * A word table without a prototype: `token in table` and `table[token]` see its own words only.
 * On a plain object literal "constructor" was a repeat word (`'constructor' in {}`), so
 * "constructor five six seven" read as the digits 67 starting at "constructor", and `HOMOPHONES`
 * gave "constructor" a function for a digit.
 */
const wordTable = <T>(entries: Record<string, T>): Readonly<Record<string, T>> =>
  Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));

const UNITS = wordTable<number>({
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
});
const TEENS = wordTable<number>({
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
});
const TENS = wordTable<number>({
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
});
const ZEROS = new Set(['oh', 'o']);
const REPEATS = wordTable<number>({ double: 2, triple: 3 });
/** ASR's homophones of digits, trusted only between two single digits. */
const HOMOPHONES = wordTable<string>({ for: '4', to: '2', too: '2', won: '1', ate: '8' });
/** What may sit between two parts of one number without ending it. */
const BRIDGES = new Set([',', '-', '(', ')', 'dash', 'hyphen', 'um', 'uh', 'er', 'erm', 'ah', 'hmm']);
const MAX_BRIDGES = 3;
const SENTENCE_ENDS = new Set(['.', '?', '!']);

const WRITTEN = /^[#($]?\d[\d,./\-)]*$/;

export type ChunkKind = 'written' | 'digit' | 'cardinal' | 'repeat';

export interface NumberChunk {
  /** First and last token index (inclusive). */
  start: number;
  end: number;
  digits: string;
  kind: ChunkKind;
}

export interface NumberRun {
  start: number;
  end: number;
  /** All digits of the run, in order. */
  digits: string;
  chunks: NumberChunk[];
}

/** The digits of a written token, or null ("4111-1111" -> 41111111, "(512)" -> 512). */
export const writtenDigits = (token: string): string | null =>
  WRITTEN.test(token) ? token.replace(/\D/g, '') : null;

/** A single spoken digit word (0-9, "oh" included), or null. */
export const digitWord = (token: string | undefined): string | null => {
  if (token === undefined) return null;
  if (token in UNITS) return String(UNITS[token]);
  return ZEROS.has(token) ? '0' : null;
};

interface Parsed {
  value: number;
  end: number;
}

/** unit | teen | tens [unit], at i (no "oh": a zero is never part of a cardinal). */
const belowHundred = (tokens: readonly string[], i: number): Parsed | null => {
  const t = tokens[i];
  if (t === undefined) return null;
  if (t in UNITS) return { value: UNITS[t]!, end: i };
  if (t in TEENS) return { value: TEENS[t]!, end: i };
  if (t in TENS) {
    const next = tokens[i + 1];
    if (next !== undefined && next in UNITS && UNITS[next]! > 0)
      return { value: TENS[t]! + UNITS[next]!, end: i + 1 };
    return { value: TENS[t]!, end: i };
  }
  return null;
};

/** [a | below-hundred] hundred [and] [below-hundred], or a plain below-hundred. */
const belowThousand = (tokens: readonly string[], i: number): Parsed | null => {
  const head =
    tokens[i] === 'a' && tokens[i + 1] === 'hundred' ? { value: 1, end: i } : belowHundred(tokens, i);
  const bare = tokens[i] === 'hundred' ? { value: 1, end: i - 1 } : null;
  const first = head ?? bare;
  if (!first) return null;
  if (tokens[first.end + 1] !== 'hundred') return head;
  let value = first.value * 100;
  let end = first.end + 1;
  const restAt = tokens[end + 1] === 'and' ? end + 2 : end + 1;
  const rest = belowHundred(tokens, restAt);
  if (rest) {
    value += rest.value;
    end = rest.end;
  }
  return { value, end };
};

/** A cardinal below a million ("two thousand five", "one hundred twelve", "nineteen"). */
const cardinal = (tokens: readonly string[], i: number): Parsed | null => {
  const thousandHead = tokens[i] === 'a' && tokens[i + 1] === 'thousand' ? { value: 1, end: i } : null;
  const first = thousandHead ?? belowThousand(tokens, i);
  if (!first) return null;
  if (tokens[first.end + 1] !== 'thousand' || first.value >= 1000) return thousandHead ? null : first;
  let value = first.value * 1000;
  let end = first.end + 1;
  const restAt = tokens[end + 1] === 'and' ? end + 2 : end + 1;
  const rest = belowThousand(tokens, restAt);
  if (rest) {
    value += rest.value;
    end = rest.end;
  }
  return { value, end };
};

/** Every word a reading can start with (written digits aside): the tables', zeros, "a", "hundred". */
const STARTS = new Set([
  ...Object.keys(UNITS),
  ...Object.keys(TEENS),
  ...Object.keys(TENS),
  ...Object.keys(REPEATS),
  ...ZEROS,
  'a',
  'hundred',
]);
const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
/** Could WRITTEN match: a digit first, or one of `#($` then a digit. */
const mayBeWritten = (t: string): boolean => {
  const c = t.charCodeAt(0);
  return isDigitCode(c) || ((c === 35 || c === 36 || c === 40) && isDigitCode(t.charCodeAt(1)));
};

/** One reading at token i, or null. `zeroOk`: "oh" may be a zero here (next to a number). */
const chunkAt = (tokens: readonly string[], i: number, zeroOk: boolean): NumberChunk | null => {
  const t = tokens[i];
  if (t === undefined) return null;
  // Most words are no number: none of the readings below can start with them.
  if (!STARTS.has(t) && !mayBeWritten(t)) return null;
  const written = writtenDigits(t);
  if (written !== null && written.length > 0) return { start: i, end: i, digits: written, kind: 'written' };
  if (t in REPEATS) {
    const d = digitWord(tokens[i + 1]);
    if (d !== null) return { start: i, end: i + 1, digits: d.repeat(REPEATS[t]!), kind: 'repeat' };
    return null;
  }
  if (ZEROS.has(t)) {
    // A zero only counts next to another number: "oh five" yes, "Oh, okay" no. After a pause
    // ("is oh, nine") it still counts, but not at the start of an utterance ("Oh, nine of them").
    let k = i + 1;
    const previous = tokens[i - 1];
    const midSentence = previous !== undefined && !SENTENCE_ENDS.has(previous);
    while (midSentence && k - i <= MAX_BRIDGES && BRIDGES.has(tokens[k] ?? '')) k += 1;
    const next = tokens[k];
    if (zeroOk || (next !== undefined && (chunkAt(tokens, k, true) !== null || ZEROS.has(next))))
      return { start: i, end: i, digits: '0', kind: 'digit' };
    return null;
  }
  const parsed = cardinal(tokens, i);
  if (!parsed) return null;
  const kind: ChunkKind = parsed.end === i && t in UNITS ? 'digit' : 'cardinal';
  return { start: i, end: parsed.end, digits: String(parsed.value), kind };
};

const singleDigit = (c: NumberChunk | undefined): boolean =>
  c !== undefined && c.digits.length === 1 && c.kind !== 'written';

/** Every maximal number run in the tokens, left to right. */
export const readNumbers = (tokens: readonly string[]): NumberRun[] => {
  const runs: NumberRun[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = chunkAt(tokens, i, false);
    if (!first) {
      i += 1;
      continue;
    }
    const run: NumberRun = { start: i, end: first.end, digits: first.digits, chunks: [first] };
    for (;;) {
      let k = run.end + 1;
      let bridged = 0;
      while (bridged < MAX_BRIDGES && tokens[k] !== undefined && BRIDGES.has(tokens[k]!)) {
        k += 1;
        bridged += 1;
      }
      let next = chunkAt(tokens, k, true);
      const homophone = HOMOPHONES[tokens[k] ?? ''];
      // "three to five days" is a range: a homophone counts only inside a digit string.
      if (!next && homophone && singleDigit(run.chunks.at(-1)) && singleDigit(run.chunks.at(-2))) {
        const after = chunkAt(tokens, k + 1, true);
        if (singleDigit(after ?? undefined)) next = { start: k, end: k, digits: homophone, kind: 'digit' };
      }
      if (!next) break;
      run.chunks.push(next);
      run.digits += next.digits;
      run.end = next.end;
    }
    // "Oh oh oh" is a song, not 000.
    if (!run.chunks.every((c) => ZEROS.has(tokens[c.start]!))) runs.push(run);
    i = run.end + 1;
  }
  return runs;
};

/** Lowercase words with punctuation split off, as readNumbers expects ("Five," -> five ,). */
export const numberTokens = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((w) => {
      if (writtenDigits(w) !== null) {
        const trail = /[.,?!]+$/.exec(w)?.[0];
        return trail && !/\d$/.test(w) ? [w.slice(0, -trail.length), trail[0]!] : [w];
      }
      const m = /^(.*?)([.,?!;:]*)$/.exec(w)!;
      const core = m[1]!.split('-').filter(Boolean);
      return m[2] ? [...core, m[2][0]!] : core;
    });

/**
 * Every number in a text as digits, the rest kept ("my pin is four one one one" ->
 * "my pin is 4111"): the normaliser's reading, for tests and debugging.
 */
export const normaliseNumbers = (text: string): string => {
  const tokens = numberTokens(text);
  const runs = readNumbers(tokens);
  const out: string[] = [];
  let i = 0;
  for (const run of runs) {
    out.push(...tokens.slice(i, run.start));
    out.push(run.digits);
    i = run.end + 1;
  }
  out.push(...tokens.slice(i));
  return out.join(' ').replace(/ ([.,?!;:])/g, '$1');
};
