import { PiiEntityType } from '../../schemas/call-document.js';
import { joinWords } from '../ctr/split-turn.js';
import { readAddresses } from './addresses.js';
import { type Cue, type CueType, findCues, isBackchannel } from './cues.js';
import { readDates, type Span } from './dates.js';
import { readEmails } from './emails.js';
import { asksNameBare } from './name-questions.js';
import {
  bareAnswerIsName,
  learnsBareName,
  learnsName,
  nameInAnswer,
  namesAfterCues,
  nameTokens,
  peopleInTurns,
  TITLES,
} from './names.js';
import { DIGITS, fits, isNumericType, typeByShape } from './number-shapes.js';
import { PII_TOKEN, type Piece, toPieces } from './pieces.js';
import { type NumberRun, readNumbers } from './spoken-number.js';
import { readUkIds, readUkIdsAcross } from './uk-ids.js';

/** `default`: PII found by type and context. `strict`: also every run of three or more digits. */
export type RedactionMode = 'default' | 'strict';

export interface TranscriptWord {
  text: string;
  beginMs: number;
  endMs: number;
  /** A punctuation item (Transcribe style); words may also carry their punctuation ("Mary,"). */
  punctuation?: boolean;
  /** Already redacted upstream (`[PII]`), with Transcribe's entity type when known. */
  redaction?: string | null;
  confidence?: number | null;
}

export interface TranscriptTurn {
  role: 'AGENT' | 'CUSTOMER' | 'IVR';
  /** Recording channel; defaults from the role (IVR prompts play on the agent channel). */
  channel?: 'AGENT' | 'CUSTOMER';
  words: readonly TranscriptWord[];
}

export interface RedactionRequest {
  /** The call's turns in call order (by start time). */
  turns: readonly TranscriptTurn[];
  /** People the call record names (agents, the customer): every mention is redacted. */
  knownNames?: readonly string[];
  mode?: RedactionMode;
}

/**
 * A word of the redacted transcript, its keys in the order of the call document's `Word`
 * (schemas/call-document.ts): the document's words are these objects, and WriteResults' check
 * (core/call-store.ts resultDocument) keeps a word in that order as it is instead of copying it.
 */
export interface RedactedWord {
  text: string;
  beginMs: number;
  endMs: number;
  confidence: number | null;
  /** The entity type when this word is a `[PII]` item. */
  redaction: PiiEntityType | null;
  punctuation: boolean;
}

export interface Redaction {
  type: PiiEntityType;
  turnIndex: number;
  /** First and last input word the redaction covers (indexes into the request's words). */
  firstWord: number;
  lastWord: number;
  /** Where the `[PII]` item sits in the turn's redacted words. */
  word: number;
  /** The time span to silence in the audio. */
  beginMs: number;
  endMs: number;
  /** It arrived redacted (Transcribe's own `[PII]`): counted, not found here. */
  upstream: boolean;
}

export interface RedactionResult {
  turns: { words: RedactedWord[]; text: string }[];
  redactions: Redaction[];
}

type Channel = 'AGENT' | 'CUSTOMER';
const channelOf = (turn: TranscriptTurn): Channel =>
  turn.channel ?? (turn.role === 'CUSTOMER' ? 'CUSTOMER' : 'AGENT');

/** How far (in pieces) a cue in the same turn reaches forward to the value it names. */
const SELF_REACH = 12;
/** How many earlier turns are searched for the other party's question. */
const LOOKBACK = 6;
const SECURITY_REFUSAL = new Set(["don't", 'not', 'remember', 'forgot', 'sorry', 'what', 'know', 'which']);
const AMOUNT_UNITS = new Set([
  'dollars',
  'dollar',
  'cents',
  'bucks',
  'percent',
  'minutes',
  'hours',
  'days',
  'years',
]);
const SECURITY_LEAD_INS = new Set([
  'yes',
  'yeah',
  'sure',
  "it's",
  'it',
  'is',
  'was',
  "that's",
  'um',
  'uh',
  'okay',
  'my',
  'oh',
  'so',
  'well',
  'the',
  'answer',
  ',',
]);

interface TurnState {
  pieces: Piece[];
  norms: string[];
  runs: NumberRun[];
  cues: Cue[];
  marks: (PiiEntityType | null)[];
  channel: Channel;
  /** Types found in this turn (the other party may read them back). */
  found: Set<PiiEntityType>;
}

interface Expectation {
  type: PiiEntityType;
  digits: number;
}

const KNOWN_TYPES = new Set<string>(PiiEntityType.options);
const asType = (value: string | null | undefined): PiiEntityType =>
  value && KNOWN_TYPES.has(value) ? (value as PiiEntityType) : 'NUMBER';

const isPii = (c: CueType): c is PiiEntityType => c !== 'BENIGN' && c !== 'LAST_DIGITS';

/**
 * Redacts a call transcript: pure, deterministic, no I/O. Each turn's words come back with
 * every PII entity replaced by ONE `[PII]` item spanning its words (Transcribe's convention:
 * punctuation inside the entity is absorbed, begin/end are the entity's), plus the list of
 * redactions with their input word span and time span (what a redacted audio copy silences).
 *
 * What is found: card numbers (Luhn where no context says so), CVV, expiry, SSN, bank account
 * and routing numbers, phone numbers, PINs, dates of birth, emails (written or spoken), street
 * addresses, UK postcodes and National Insurance numbers (written or spoken), names (cue phrases, answers to "your name?", `compromise`'s people, and every later
 * mention of a name found or known), security answers. Numbers are read by the spoken-number
 * normaliser, so "four one one one", "double five" and "oh" count, across words, pauses and
 * consecutive turns; a number gets its type from a cue in the same turn, the other party's
 * previous question ("what's the card number?"), an adjacent upstream `[PII]`, the number the
 * other party just gave (read-backs), or its shape (long numbers; order/confirmation numbers
 * excepted). Strict mode also redacts every other run of three or more digits.
 */
export const redactTranscript = (request: RedactionRequest): RedactionResult => {
  const mode = request.mode ?? 'default';
  const states: TurnState[] = request.turns.map((turn) => {
    const pieces = toPieces(turn.words);
    const norms = pieces.map((p) => p.norm);
    return {
      pieces,
      norms,
      runs: readNumbers(norms),
      cues: findCues(norms),
      marks: pieces.map(() => null),
      channel: channelOf(turn),
      found: new Set(),
    };
  });
  const lowercase = !states.some((s) =>
    s.pieces.some((p) => p.cap && p.norm !== 'i' && !p.norm.startsWith("i'")),
  );
  const people = peopleInTurns(
    states.map((s) => s.pieces),
    lowercase,
  );
  markUkIdsAcrossTurns(states);
  const expectations = new Map<number, Expectation[]>();
  const open = new Map<Channel, { type: PiiEntityType; digits: number; turn: number; end: number }>();
  /** Names from a bare question's answer that are English words ("frost"): sought after a title only. */
  const titled = new Set<string>();
  const learned = new Set<string>(
    (request.knownNames ?? []).flatMap(nameTokens).map((t) => (lowercase ? t.toLowerCase() : t)),
  );

  states.forEach((state, t) => {
    const { pieces, norms, marks, cues } = state;
    const mark = (span: Span, type: PiiEntityType, force = false): boolean => {
      let any = false;
      for (let k = span.start; k <= span.end; k += 1) {
        if (pieces[k]?.kind !== 'word') continue;
        if (marks[k] !== null && !force) continue;
        marks[k] = type;
        any = true;
      }
      if (any) state.found.add(type);
      return any;
    };
    const unmarked = (span: Span) => {
      for (let k = span.start; k <= span.end; k += 1) if (marks[k] !== null) return false;
      return true;
    };

    // The other party's last real turn: its question types the values in this answer.
    const other = otherTurnBefore(states, t);
    const otherState = other === null ? null : states[other]!;
    /** This speaker's first turn after turn o (a second turn goes on, it answers nothing). */
    const firstReply = (o: number): boolean => {
      for (let u = o + 1; u < t; u += 1) if (states[u]!.channel === state.channel) return false;
      return true;
    };
    const otherCues = otherState?.cues ?? [];
    const otherTypes = new Set(otherCues.map((c) => c.type));
    // Names and security answers are asked for: the cue must be in a question or a request.
    const asked = (type: CueType): boolean =>
      otherCues.some(
        (c) =>
          c.type === type &&
          otherState!.norms.slice(c.at + 1).some((n) => n === '?' || n === 'please' || n === 'ahead'),
      ) || otherCues.some((c) => c.type === type && otherState!.norms.slice(0, c.at).includes('?'));
    // A name question in bare output (no "?"): the agent's, answered by this first reply.
    const askedNameBare = (): boolean =>
      lowercase &&
      other !== null &&
      request.turns[other]!.role !== 'CUSTOMER' &&
      firstReply(other) &&
      asksNameBare(otherState!.norms, otherCues);
    if (other !== null && !expectations.has(other))
      expectations.set(
        other,
        otherCues.filter((c) => isPii(c.type)).map((c) => ({ type: c.type as PiiEntityType, digits: 0 })),
      );
    const expected = other === null ? [] : expectations.get(other)!;

    // Emails and addresses are recognisable on their own.
    for (const span of readEmails(norms)) mark(span, 'EMAIL');
    for (const span of readAddresses(
      norms,
      pieces.map((p) => p.cap),
      state.runs,
    ))
      mark(span, 'ADDRESS');
    // UK postcodes (part of an address) and National Insurance numbers, before the numbers read
    // their digits.
    const ukIds = readUkIds(pieces, otherState?.norms ?? []);
    for (const span of ukIds.postcodes) mark(span, 'ADDRESS');
    for (const span of ukIds.ninos) mark(span, 'UK_NATIONAL_INSURANCE_NUMBER');

    const selfCue = (at: number, accept: (c: Cue) => boolean): Cue | null => {
      let best: Cue | null = null;
      for (const c of cues) if (c.at < at && at - c.at <= SELF_REACH && accept(c)) best = c;
      return best;
    };

    // Dates of birth and expiry dates, said with month names.
    const dateTypes: PiiEntityType[] = ['DATE_OF_BIRTH', 'CREDIT_DEBIT_EXPIRY'];
    for (const span of readDates(norms)) {
      const self = selfCue(span.start, (c) => dateTypes.includes(c.type as PiiEntityType));
      const fromOther = dateTypes.find((d) => otherTypes.has(d));
      const type = (self?.type as PiiEntityType | undefined) ?? fromOther;
      if (type) mark(span, type);
    }

    let otherBenignUsed = false;
    let lastDigits = false;
    // Numbers: cue, continuation, upstream neighbour, the other party's question, read-back, shape.
    for (const run of state.runs) {
      if (!unmarked(run)) continue;
      const n = run.digits.length;
      lastDigits = false;
      const type = numberType(run, n);
      if (type) {
        mark(run, type);
        const range = lastDigits ? undefined : DIGITS[type];
        const current = open.get(state.channel);
        const digits =
          current && current.type === type && (current.turn !== t || current.end < run.start)
            ? current.digits + n
            : n;
        if (range && digits < range.min) open.set(state.channel, { type, digits, turn: t, end: run.end });
        else open.delete(state.channel);
      }
    }

    function numberType(run: NumberRun, n: number): PiiEntityType | null {
      const self = selfCue(run.start, () => true);
      const afterUnit = AMOUNT_UNITS.has(norms[run.end + 1] ?? '');
      if (self && self.type === 'LAST_DIGITS' && n >= 2) {
        lastDigits = true;
        const specific =
          cues.find((c) => isPii(c.type) && isNumericType(c.type as PiiEntityType))?.type ??
          otherCues.find((c) => isPii(c.type) && isNumericType(c.type as PiiEntityType))?.type;
        return (specific as PiiEntityType | undefined) ?? 'CREDIT_DEBIT_NUMBER';
      }
      if (self && isPii(self.type) && isNumericType(self.type) && n >= 2 && !afterUnit) return self.type;
      // The rest of a number begun earlier (same speaker, just before).
      const pending = open.get(state.channel);
      if (
        pending &&
        (pending.turn === t
          ? run.start - pending.end <= 4
          : pending.turn >= t - 2 && run.start <= 6 && n >= 2)
      )
        return pending.type;
      // Next to an upstream [PII]: the part Transcribe missed.
      const before = pieces[run.start - 1]?.norm === ',' ? run.start - 2 : run.start - 1;
      const after = pieces[run.end + 1]?.norm === ',' ? run.end + 2 : run.end + 1;
      for (const k of [before, after]) {
        const p = pieces[k];
        if (p?.kind === 'pii' && n >= 2) return asType(request.turns[t]!.words[p.word]?.redaction ?? null);
      }
      // "Can I get a reference number?" covers the first number of the answer, not every one.
      // A question for a value outweighs a reference number mentioned in the same turn.
      const asked = expected.some((e) => isNumericType(e.type) && e.digits < (DIGITS[e.type]?.min ?? 1));
      const benign =
        self?.type === 'BENIGN' ||
        (!self && !asked && !otherBenignUsed && n >= 2 && otherCues.at(-1)?.type === 'BENIGN');
      if (n >= 2) otherBenignUsed = true;
      // The other party asked for it.
      if (n >= 2 && !afterUnit && !benign) {
        const waiting = expected.filter(
          (e) => isNumericType(e.type) && e.digits < (DIGITS[e.type]?.min ?? 1),
        );
        const pick =
          waiting.find((e) => fits(e.type, n)) ??
          waiting.find((e) => fits(e.type, e.digits + n)) ??
          waiting[0];
        if (pick) {
          pick.digits += n;
          return pick.type;
        }
        // The other party just gave a number of this size: a read-back.
        if (otherState) {
          const echo = [...otherState.found].find((f) => isNumericType(f) && fits(f, n, n <= 4));
          if (echo && n >= 4) return echo;
        }
      }
      if (mode === 'strict' && n >= 3) return n >= 9 ? typeByShape(run.digits) : 'NUMBER';
      if (benign || afterUnit) return null;
      // Long numbers are personal data by shape: cards, phones, SSNs, accounts.
      const digitByDigit = run.chunks.every((c) => c.digits.length <= 2 || c.kind === 'written');
      if (n >= 9 || (n >= 7 && digitByDigit)) return typeByShape(run.digits);
      return null;
    }

    // Names.
    for (const span of namesAfterCues(pieces, lowercase)) mark(span, 'NAME');
    let bareAnswer: Span | null = null;
    if (asked('NAME')) {
      const span = nameInAnswer(pieces, lowercase);
      if (span) mark(span, 'NAME');
    } else if (askedNameBare()) {
      bareAnswer = nameInAnswer(pieces, lowercase);
      if (bareAnswer && (!bareAnswerIsName(pieces, bareAnswer) || !mark(bareAnswer, 'NAME')))
        bareAnswer = null;
    }
    for (const span of people[t]!) mark(span, 'NAME');

    // Security answers: the reply to a security question, or what follows "maiden name is".
    const securityAt = (start: number): Span | null => {
      let i = start;
      while (i < pieces.length && SECURITY_LEAD_INS.has(norms[i]!)) i += 1;
      let end = i - 1;
      while (end + 1 < pieces.length && end - i < 5 && pieces[end + 1]!.kind === 'word') end += 1;
      if (end < i) return null;
      const words = norms.slice(i, end + 1);
      if (words.some((w) => SECURITY_REFUSAL.has(w)) || norms[end + 1] === '?') return null;
      return { start: i, end };
    };
    if (asked('SECURITY_ANSWER') && !state.found.has('PIN')) {
      const span = securityAt(0);
      if (span) mark(span, 'SECURITY_ANSWER');
    }
    for (const c of cues)
      if (c.type === 'SECURITY_ANSWER' && ['is', 'was', "'s"].includes(norms[c.at + 1] ?? '')) {
        const span = securityAt(c.at + 2);
        if (span) mark(span, 'SECURITY_ANSWER');
      }

    for (let k = 0; k < pieces.length; k += 1)
      if (marks[k] === 'NAME' && pieces[k]!.kind === 'word' && learnsName(pieces[k]!.norm)) {
        // A bare question's answer: a word the lexicon does not know as a name is sought again
        // only after a title, unless the tagger found the person too (as it would without the question).
        if (
          bareAnswer &&
          k >= bareAnswer.start &&
          k <= bareAnswer.end &&
          !learnsBareName(pieces[k]!.norm) &&
          !people[t]!.some((p) => k >= p.start && k <= p.end)
        )
          titled.add(pieces[k]!.norm);
        else learned.add(lowercase ? pieces[k]!.norm : pieces[k]!.raw);
      }
  });

  // Every mention of a name found anywhere in the call (or known from the CTR).
  for (const state of states) {
    state.pieces.forEach((p, k) => {
      if (state.marks[k] !== null || p.kind !== 'word') return;
      const key = lowercase ? p.norm : p.raw;
      if (learned.has(key) && (lowercase || p.cap) && key.length >= 2) state.marks[k] = 'NAME';
      else if (titled.has(p.norm) && TITLES.has(state.pieces[k - 1]?.norm ?? '')) state.marks[k] = 'NAME';
    });
  }

  return build(request, states);
};

/** The other party's last real turn before turn t (not a backchannel), within LOOKBACK: its index. */
const otherTurnBefore = (states: readonly TurnState[], t: number): number | null => {
  for (let u = t - 1; u >= 0 && u >= t - LOOKBACK; u -= 1) {
    const s = states[u]!;
    if (s.channel === states[t]!.channel || isBackchannel(s.norms)) continue;
    return u;
  }
  return null;
};

/**
 * UK postcodes and NI numbers a speaker said over two of their turns (a pause split them; at most
 * one turn of the other party between): both parts are marked before any turn is read, so the
 * numbers do not read their digits. Each turn's part becomes its own `[PII]`.
 */
const markUkIdsAcrossTurns = (states: readonly TurnState[]): void => {
  const lastOf = new Map<Channel, number>();
  states.forEach((state, u) => {
    const t = lastOf.get(state.channel);
    lastOf.set(state.channel, u);
    if (t === undefined || u - t > 2) return;
    const earlier = states[t]!;
    const other = otherTurnBefore(states, t);
    const between = u - t === 2 ? states[t + 1]!.pieces : null;
    for (const value of readUkIdsAcross(
      earlier.pieces,
      state.pieces,
      other === null ? [] : states[other]!.norms,
      between,
    )) {
      const type: PiiEntityType = value.kind === 'postcode' ? 'ADDRESS' : 'UK_NATIONAL_INSURANCE_NUMBER';
      for (const [s, span] of [
        [earlier, value.first],
        [state, value.second],
      ] as const) {
        for (let k = span.start; k <= span.end; k += 1)
          if (s.pieces[k]?.kind === 'word' && s.marks[k] === null) s.marks[k] = type;
        s.found.add(type);
      }
    }
  });
};

/** Collapses each entity to one `[PII]` item and lists the redactions. */
const build = (request: RedactionRequest, states: readonly TurnState[]): RedactionResult => {
  const redactions: Redaction[] = [];
  const turns = request.turns.map((turn, t) => {
    const state = states[t]!;
    const wordType: (PiiEntityType | 'UPSTREAM' | null)[] = turn.words.map(() => null);
    state.pieces.forEach((p, k) => {
      if (p.kind === 'pii') wordType[p.word] = 'UPSTREAM';
      else if (state.marks[k] !== null && wordType[p.word] === null) wordType[p.word] = state.marks[k]!;
    });
    const words: RedactedWord[] = [];
    let w = 0;
    while (w < turn.words.length) {
      const input = turn.words[w]!;
      const type = wordType[w] ?? null;
      if (type === null) {
        words.push(wordOf(input));
        w += 1;
        continue;
      }
      if (type === 'UPSTREAM') {
        const upstreamType = asType(input.redaction ?? null);
        redactions.push({
          type: upstreamType,
          turnIndex: t,
          firstWord: w,
          lastWord: w,
          word: words.length,
          beginMs: input.beginMs,
          endMs: input.endMs,
          upstream: true,
        });
        words.push({ ...wordOf(input), redaction: upstreamType });
        w += 1;
        continue;
      }
      // Extend over words of the same entity; punctuation between them is absorbed.
      let last = w;
      for (let k = w + 1; k < turn.words.length; k += 1) {
        if (wordType[k] === type) last = k;
        else if (wordType[k] === null && isPunctuation(turn.words[k]!)) continue;
        else break;
      }
      const first = turn.words[w]!;
      const end = turn.words[last]!;
      const trail = end.punctuation ? '' : (/[.,?!;:"')\]}]+$/.exec(end.text)?.[0] ?? '');
      const opening = /^["'([{]+/.exec(first.text)?.[0] ?? '';
      // "(512) 555-0142" -> "[PII]": an opening bracket whose closing one was inside goes with it.
      const lead = opening.includes('(') && !trail.includes(')') ? opening.replace('(', '') : opening;
      redactions.push({
        type,
        turnIndex: t,
        firstWord: w,
        lastWord: last,
        word: words.length,
        beginMs: first.beginMs,
        endMs: end.endMs,
        upstream: false,
      });
      words.push({
        text: `${lead}${PII_TOKEN}${trail}`,
        beginMs: first.beginMs,
        endMs: end.endMs,
        confidence: null,
        redaction: type,
        punctuation: false,
      });
      w = last + 1;
    }
    return { words, text: joinWords(words) };
  });
  return { turns, redactions };
};

/** The input word as a redacted one (in the document's key order: RedactedWord). */
const wordOf = (input: TranscriptWord): RedactedWord => ({
  text: input.text,
  beginMs: input.beginMs,
  endMs: input.endMs,
  confidence: input.confidence ?? null,
  redaction: null,
  punctuation: input.punctuation ?? false,
});

const isPunctuation = (word: TranscriptWord): boolean =>
  word.punctuation === true || /^[.,?!;:]+$/.test(word.text.trim());
