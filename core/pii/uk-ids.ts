import { isBackchannel } from './cues.js';
import type { Span } from './dates.js';
import type { Piece } from './pieces.js';

/**
 * UK postcodes and National Insurance numbers, written ("HG2 7QP", "sw1a1aa", "QQ 12 34 56 C")
 * or spoken as a recogniser writes them ("M one four five T Q", "em fourteen five tee cue",
 * "A B one two three four five six D", "double four" for 44).
 *
 * The turn's pieces are read as symbols: a written token with letters and digits ("hg2", "7qp"),
 * digits ("12"), a single letter ("M"), an upper-case letter group ("QQ", "GIR"), a letter said as
 * a word ("em", "tee", "zed"), a digit or number word ("oh", "four", "fourteen", "thirty four"),
 * "double"/"treble" before one of these; commas between them are skipped. A run of whole symbols
 * whose characters make the value's shape is the value.
 *
 * Guards against ordinary words: a lower-case letter pair ("on", "at", "me") is a word, never
 * letters. A postcode read only from written tokens, digits, digit words and single letters (not
 * "a" or "i" in lower case: words) is found by its shape alone, a NINO also with "a" and "i"
 * (two letters, six digits and the suffix are shape enough); one that needs a letter word ("em",
 * "see", "tea") is found only with a cue: "postcode", "post code", "postal code", "zip" (for a postcode), "national
 * insurance", "NI number", "NINO", "insurance number" (for a NINO) within a few words before it in
 * the same turn, or in the other party's last turn ("and your postcode?"). A part alone ("M1
 * motorway", "B12 vitamin", "A1 road", "PS5", "CV") never has the full shape.
 */

/** Full UK postcode, no space: outward code (area letters, district) and inward code (digit, two letters). */
const POSTCODE = /^(?:GIR0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][A-Z0-9]?[0-9][ABD-HJLNP-UW-Z]{2})$/;
/**
 * A National Insurance number's shape: two letters, six digits, the suffix A-D. Prefixes HMRC does
 * not allocate (D, F, I, Q, U, V; O second; BG, GB, NK, KN, TN, NT, ZZ) are redacted too: the
 * test prefix QQ appears in examples people read out, and a misheard letter must not leak the
 * digits.
 */
const NINO = /^[A-Z]{2}[0-9]{6}[A-D]$/;
/** Without its suffix (some forms omit it): only with a cue. */
const NINO_NO_SUFFIX = /^[A-Z]{2}[0-9]{6}$/;

const DIGIT_WORDS: Readonly<Record<string, string>> = {
  zero: '0',
  oh: '0',
  nought: '0',
  nil: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};
const TEENS: Readonly<Record<string, string>> = {
  ten: '10',
  eleven: '11',
  twelve: '12',
  thirteen: '13',
  fourteen: '14',
  fifteen: '15',
  sixteen: '16',
  seventeen: '17',
  eighteen: '18',
  nineteen: '19',
};
const TENS: Readonly<Record<string, string>> = {
  twenty: '2',
  thirty: '3',
  forty: '4',
  fifty: '5',
  sixty: '6',
  seventy: '7',
  eighty: '8',
  ninety: '9',
};
/**
 * Letters said as words, as recognisers write them. Words that are mostly ordinary English
 * ("are", "you", "why", "see", "tea", "queue") count only with a cue, like every letter word.
 */
const LETTER_WORDS: Readonly<Record<string, string>> = {
  ay: 'A',
  bee: 'B',
  be: 'B',
  cee: 'C',
  see: 'C',
  sea: 'C',
  dee: 'D',
  ee: 'E',
  ef: 'F',
  eff: 'F',
  gee: 'G',
  aitch: 'H',
  haitch: 'H',
  jay: 'J',
  kay: 'K',
  el: 'L',
  ell: 'L',
  em: 'M',
  en: 'N',
  pee: 'P',
  cue: 'Q',
  queue: 'Q',
  ar: 'R',
  are: 'R',
  ess: 'S',
  tee: 'T',
  tea: 'T',
  you: 'U',
  vee: 'V',
  ex: 'X',
  why: 'Y',
  zed: 'Z',
  zee: 'Z',
};
const REPEATS: Readonly<Record<string, number>> = { double: 2, treble: 3, triple: 3 };

interface Sym {
  chars: string;
  /** First and last piece it was read from. */
  start: number;
  end: number;
  /** Read from a letter word, or a lower-case "a" or "i": a postcode with it needs a cue. */
  weak: boolean;
}

/**
 * The two-letter postcode areas (Royal Mail's list), read from a lower-case word only when the
 * turn or the question names a postcode ("sw one a one a a": the review found a recogniser's
 * lower-case area left the postcode unread).
 */
const AREAS = new Set(
  'ab al ba bb bd bh bl bn br bs bt ca cb cf ch cm co cr ct cv cw da dd de dg dh dl dn dt dy ec eh en ex fk fy gl gu gy ha hd hg hp hr hs hu hx ig im ip iv je ka kt kw ky la ld le ll ln ls lu me mk ml ne ng nn np nr nw ol ox pa pe ph pl po pr rg rh rm sa se sg sk sl sm sn so sp sr ss st sw sy ta td tf tn tq tr ts tw ub wa wc wd wf wn wr ws wv yo ze'.split(
    ' ',
  ),
);

/**
 * Every word symbolAt reads by name: the keys of its tables. (`in` also finds what every object
 * inherits, `constructor`, `__proto__`: asked of Object.prototype where this set is used.)
 */
const NAMED: ReadonlySet<string> = new Set(
  [DIGIT_WORDS, TEENS, TENS, REPEATS, LETTER_WORDS].flatMap((table) => Object.keys(table)),
);
const A = 65;
const Z = 90;

/**
 * No symbol, told quickly (most words of a turn): a word of two letters or more, no digit, none of
 * the tables' names, not a postcode area where one is read, and (of two or three letters) not
 * starting with a capital: every rule of symbolAt below then finds nothing.
 */
const plainWord = (p: Piece, n: string, cued: boolean): boolean => {
  if (n.length < 2 || NAMED.has(n) || /[0-9]/.test(n)) return false;
  if (n.length > 3) return true;
  const first = p.raw.charCodeAt(0);
  return !(first >= A && first <= Z) && !(cued && AREAS.has(n));
};

/**
 * A table's own entry for a word, never one every object inherits ("constructor", "__proto__",
 * "toString": `in` and indexing found those, and "double constructor" threw, quarantining the call).
 */
const own = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/** The symbol at piece i (a word piece), or null; `cued`: the turn or its question names the value. */
const symbolAt = (pieces: readonly Piece[], i: number, cued = false): Sym | null => {
  const p = pieces[i];
  if (p?.kind !== 'word') return null;
  const n = p.norm;
  if (plainWord(p, n, cued)) return null;
  if (cued && AREAS.has(n) && p.raw === p.raw.toLowerCase())
    return { chars: n.toUpperCase(), start: i, end: i, weak: true };
  if (/^[a-z0-9]+$/.test(n) && /[0-9]/.test(n))
    return { chars: n.toUpperCase(), start: i, end: i, weak: false };
  if (/^[a-z]$/.test(n))
    return { chars: n.toUpperCase(), start: i, end: i, weak: p.raw === 'a' || p.raw === 'i' };
  const digit = own(DIGIT_WORDS, n);
  if (digit !== undefined) return { chars: digit, start: i, end: i, weak: false };
  const teen = own(TEENS, n);
  if (teen !== undefined) return { chars: teen, start: i, end: i, weak: false };
  const tens = own(TENS, n);
  if (tens !== undefined) {
    const next = pieces[i + 1];
    const unit = next?.kind === 'word' ? own(DIGIT_WORDS, next.norm) : undefined;
    if (unit !== undefined && unit !== '0')
      return { chars: `${tens}${unit}`, start: i, end: i + 1, weak: false };
    return { chars: `${tens}0`, start: i, end: i, weak: false };
  }
  const repeats = own(REPEATS, n);
  if (repeats !== undefined) {
    const next = symbolAt(pieces, i + 1, cued);
    if (next && next.chars.length === 1 && next.end === i + 1)
      return { chars: next.chars.repeat(repeats), start: i, end: i + 1, weak: next.weak };
    return null;
  }
  if (/^[a-z]{2,3}$/.test(n) && /^[A-Z]+$/.test(p.raw))
    return { chars: p.raw, start: i, end: i, weak: false };
  const letter = own(LETTER_WORDS, n);
  if (letter !== undefined) return { chars: letter, start: i, end: i, weak: true };
  // A lower-case letter pair is a word ("on", "at", "me"): a recogniser spells letters apart.
  return null;
};

/**
 * The symbols from piece i on, until `maxChars` characters or a piece that is none. A comma
 * between them is skipped ("A B, one two three"); with a cue, a full stop too (a recogniser's
 * "Q. Q. 12. 34. 56. C.", "M one four. five T Q": the review found both read as no value).
 */
const symbolsFrom = (pieces: readonly Piece[], i: number, maxChars: number, cued = false): Sym[] => {
  const out: Sym[] = [];
  let chars = 0;
  let k = i;
  while (chars < maxChars) {
    const s = symbolAt(pieces, k, cued);
    if (!s) break;
    out.push(s);
    chars += s.chars.length;
    k = s.end + 1;
    const skip = pieces[k]?.norm === ',' || (cued && pieces[k]?.norm === '.');
    if (skip && symbolAt(pieces, k + 1, cued)) k += 1;
  }
  return out;
};

const POSTCODE_CUES: readonly (readonly string[])[] = [
  ['postcode'],
  ['postcodes'],
  ['post', 'code'],
  ['postal', 'code'],
  ['zip'],
  ['zipcode'],
];
const NINO_CUES: readonly (readonly string[])[] = [
  ['national', 'insurance'],
  ['ni', 'number'],
  ['n', 'i', 'number'],
  ['nino'],
  ['insurance', 'number'],
];
/** How far (in pieces) a cue in the same turn reaches forward to the value it names. */
const CUE_REACH = 10;

const cueAt = (norms: readonly string[], at: number, cues: readonly (readonly string[])[]): boolean =>
  cues.some((cue) => cue.every((w, k) => norms[at + k] === w));
/** The words a cue starts with: a cue can start only at one of them. */
const CUE_STARTS: ReadonlySet<string> = new Set([...POSTCODE_CUES, ...NINO_CUES].map((cue) => cue[0]!));
const hasCue = (norms: readonly string[], cues: readonly (readonly string[])[]): boolean => {
  for (let at = 0; at < norms.length; at += 1)
    if (CUE_STARTS.has(norms[at]!) && cueAt(norms, at, cues)) return true;
  return false;
};
const cueBefore = (
  norms: readonly string[],
  start: number,
  cues: readonly (readonly string[])[],
): boolean => {
  for (let at = Math.max(0, start - CUE_REACH); at < start; at += 1) if (cueAt(norms, at, cues)) return true;
  return false;
};

export interface UkIds {
  postcodes: Span[];
  ninos: Span[];
}

/**
 * Every UK postcode and National Insurance number in a turn's pieces. `otherNorms` is the other
 * party's last turn (its question gives the context: "what's your postcode?").
 */
export const readUkIds = (pieces: readonly Piece[], otherNorms: readonly string[] = []): UkIds => {
  const norms = pieces.map((p) => p.norm);
  const postcodeAsked = hasCue(otherNorms, POSTCODE_CUES);
  const ninoAsked = hasCue(otherNorms, NINO_CUES);
  const cued = postcodeAsked || ninoAsked || hasCue(norms, POSTCODE_CUES) || hasCue(norms, NINO_CUES);
  const postcodes: Span[] = [];
  const ninos: Span[] = [];
  let i = 0;
  while (i < pieces.length) {
    const symbols = symbolAt(pieces, i, cued) ? symbolsFrom(pieces, i, 10, cued) : [];
    let found: { span: Span; kind: 'postcode' | 'nino' } | null = null;
    for (let k = symbols.length; k >= 1 && !found; k -= 1) {
      const run = symbols.slice(0, k);
      const chars = run.map((s) => s.chars).join('');
      const weak = run.some((s) => s.weak);
      const span = { start: run[0]!.start, end: run[k - 1]!.end };
      if (POSTCODE.test(chars) && (!weak || postcodeAsked || cueBefore(norms, i, POSTCODE_CUES)))
        found = { span, kind: 'postcode' };
      else if (NINO.test(chars) || NINO_NO_SUFFIX.test(chars)) {
        const cued = ninoAsked || cueBefore(norms, i, NINO_CUES);
        // Spelled letters, "a" and "i" too ("A B one two ..."): six digits and the suffix are the
        // shape. A letter word ("bee", "dee") needs the cue.
        const letterWords = run.some((s) => s.weak && norms[s.end]!.length > 1);
        if (cued || (NINO.test(chars) && !letterWords)) found = { span, kind: 'nino' };
      }
    }
    if (found) {
      (found.kind === 'postcode' ? postcodes : ninos).push(found.span);
      i = found.span.end + 1;
    } else i += 1;
  }
  return { postcodes, ninos };
};

/** A value said over two turns of one speaker: its span in each. */
export interface UkIdAcross {
  kind: 'postcode' | 'nino';
  /** In the earlier turn's pieces (it runs to that turn's last word). */
  first: Span;
  /** In the later turn's pieces (from its first word, after a filler). */
  second: Span;
}

/** How many pieces of the earlier turn are read (the value and a cue before it). */
const TAIL = CUE_REACH + 12;
/** How many pieces of the later turn are read (the rest of the value). */
const HEAD = 12;
/** Fillers a later turn may start with before the rest of the value ("um, one A A"). */
const FILLERS: ReadonlySet<string> = new Set(['um', 'uh', 'er', 'erm', 'ah']);

/** A letter said as a word ("see", "be", "you"): mostly ordinary English at a turn's edge. */
const letterWord = (pieces: readonly Piece[], at: number): boolean => {
  const sym = symbolAt(pieces, at, true);
  return sym === null || (sym.weak && pieces[at]!.norm.length > 1);
};

/** Spans of `found` that overlap `span`. */
const overlaps = (found: UkIds, span: Span): boolean =>
  [...found.postcodes, ...found.ninos].some((f) => f.start <= span.end && f.end >= span.start);

/**
 * A postcode or NI number one speaker said over two turns ("My postcode is S W one A" / "one A A.",
 * or "It's Q Q one two three four" / the agent's "Mm-hm" / "five six C."): a recogniser starts a
 * new turn at a pause, and each part alone has no full shape. `earlier` is the speaker's turn,
 * `later` the same speaker's next one, `between` the other party's turn between them if there is
 * one, `otherNorms` the other party's last turn before `earlier` (its question).
 *
 * Joined only when nothing else explains the two edges (a review found each of these redacting
 * ordinary words):
 * - a cue names the value: the question before it, a cue at most CUE_REACH pieces before the value
 *   in `earlier`, or the turn between ("Sorry, the postcode?");
 * - the turn between, if any, is a backchannel ("Mm-hm"), a read-back (symbols only: "em one four")
 *   or that question: any other turn changed the subject ("How many staff there?");
 * - neither edge is a letter said as a word ("Let me see." / "M1 4FT.", "thank you" / "N1 9GU");
 * - neither turn holds a whole value of its own over its part ("It's QQ 12 34 56." / "A letter came").
 * The value must start in `earlier` and end in `later`; `earlier`'s closing full stop is read as the
 * pause it is.
 */
export const readUkIdsAcross = (
  earlier: readonly Piece[],
  later: readonly Piece[],
  otherNorms: readonly string[] = [],
  between: readonly Piece[] | null = null,
): UkIdAcross[] => {
  let last = earlier.length - 1;
  while (last >= 0 && earlier[last]!.kind === 'punct') last -= 1;
  let firstWord = 0;
  while (
    firstWord < later.length &&
    (later[firstWord]!.kind === 'punct' || FILLERS.has(later[firstWord]!.norm))
  )
    firstWord += 1;
  if (last < 0 || firstWord >= later.length) return [];
  // Both edges must be symbols, not letter words (most turns end and start with a plain word).
  if (letterWord(earlier, last) || letterWord(later, firstWord)) return [];
  const betweenNorms = between?.map((p) => p.norm) ?? [];
  const betweenCue = hasCue(betweenNorms, POSTCODE_CUES) || hasCue(betweenNorms, NINO_CUES);
  if (between !== null && !betweenCue && !isBackchannel(betweenNorms)) {
    const words = between.flatMap((p, k) => (p.kind === 'word' ? [k] : []));
    if (words.length === 0 || words.some((k) => symbolAt(between, k, true) === null)) return [];
  }
  const asked = [...otherNorms, ...betweenNorms];
  const from = Math.max(0, last + 1 - TAIL);
  const tail = earlier.slice(from, last + 1);
  const head = later.slice(firstWord, firstWord + HEAD);
  const joined = [...tail, ...head];
  const joinedNorms = joined.map((p) => p.norm);
  const found = readUkIds(joined, asked);
  const cut = tail.length;
  const out: UkIdAcross[] = [];
  for (const [kind, spans, cues] of [
    ['postcode', found.postcodes, POSTCODE_CUES],
    ['nino', found.ninos, NINO_CUES],
  ] as const)
    for (const span of spans) {
      if (span.start >= cut || span.end < cut) continue;
      if (!hasCue(asked, cues) && !cueBefore(joinedNorms, span.start, cues)) continue;
      const first = { start: from + span.start, end: last };
      const second = { start: firstWord, end: firstWord + span.end - cut };
      if (overlaps(readUkIds(earlier, otherNorms), first) || overlaps(readUkIds(later, asked), second))
        continue;
      out.push({ kind, first, second });
    }
  return out;
};
