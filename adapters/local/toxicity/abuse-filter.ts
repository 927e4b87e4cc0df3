import { ABUSE_MASK, type AbuseFilter } from '../../../core/enrich/abuse.js';
import { wordCount } from '../../../core/enrich/clauses.js';
import {
  createLexiconScorer,
  createProfanityMatcher,
  matcherPrefilter,
  TOXICITY_RULES_HASH,
} from './lexicon-toxicity-detector.js';
import { CALLED_NOUNS, INSULT_ADJECTIVES, VOCATIVE_INSULT_WORDS } from './toxic-phrases.js';

/** Same threshold as the toxicity step's default: a text the step would flag is abusive here. */
const ABUSIVE = 0.5;

/** Swear words obscenity's list leaves out, masked wherever they are. */
const MILD_SWEARS = String.raw`(?:god\s*damn\w*|damn(?:ed|it)?|dammit|bloody|crap(?:py)?|bullshit|effing|frigging|flaming)`;
/** Words that make a name-call ruder; masked with it. */
const RUDE_MODIFIERS = String.raw`(?:${INSULT_ADJECTIVES}|${MILD_SWEARS}|little|absolute|complete|total|utter|bunch\s+of|lot\s+of|pack\s+of)`;
/** A name-call that is one whatever its context ("idiot", "you useless idiots"). */
const NAME_CALL = new RegExp(
  String.raw`\b(?:${RUDE_MODIFIERS}\s+)*(?:${VOCATIVE_INSULT_WORDS.join('|')})s?\b`,
  'giu',
);
/** A noun that is a name-call only when aimed at someone ("you clowns", not "the thief took my card"). */
const CALLED_YOU = new RegExp(
  String.raw`(?<=\b(?:you|ya)\s+)(?:${RUDE_MODIFIERS}\s+)*${CALLED_NOUNS}\b`,
  'giu',
);
const SWEAR = new RegExp(String.raw`\b${MILD_SWEARS}\b`, 'giu');
/** A word masked or spelled around a filter ("f***ing", "f-ing"; "sh1t" is obscenity's): masked whole. */
const STARRED = /\b\p{L}+\*+\p{L}*|\*{2,}|\b\p{L}-(?:ing|in'?)(?!\p{L})/gu;
/** Clause boundaries: after a comma or semicolon, before a conjunction. */
const CLAUSE = /(?<=[,;:])\s+|\s+(?=(?:or|and|but|so|cos|cause|because|otherwise)\s)/iu;
const LEADING_CONJUNCTION = /^(?:or|and|but|so|cos|cause|because|otherwise)\s+/iu;
/** A mask ending the text so far, with the comma and space after it. */
const MASK_BEFORE = new RegExp(`${ABUSE_MASK.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}[,;:]?\\s*$`, 'u');
/**
 * Where a clause with no comma or conjunction in it turns from the request to a threat: before a
 * condition ("… if my claim isn't paid", "unless", "or else", "before", "until") and before a main
 * clause that starts with who will act ("If my refund is late I'll …", "… you'll regret it"). Kept
 * (capturing), so that a clause split on them joins back as it was.
 */
const PARTS =
  /(\s+(?=(?:if|unless|or else|before|until|till)\s)|\s+(?=(?:i'll|ill|i will|i'm going to|im going to|i am going to|i'd|you'll|youll|you will|you'd|we'll|someone'?s|somebody'?s|someone will|somebody will|they'll|theyll|he'll|she'll)\s))/iu;

/** Clause and sentence boundaries, kept (capturing) so that a text split on them joins back as it was. */
const PIECES = /((?<=[,;:.!?])\s+|\s+(?=(?:or|and|but|so|cos|cause|because|otherwise)\s))/iu;

/**
 * The summarizer's abuse filter on the embedded toxicity rules (lexicon-toxicity-detector.ts):
 * a text is abusive when those rules flag it; cleaning drops the clauses they flag and masks
 * profanity (obscenity's matcher and mild swear words) and name-calls, then masks whole any clause
 * they still flag: nothing they flag is left.
 */
export const createLexiconAbuseFilter = (): AbuseFilter => {
  const score = createLexiconScorer();
  const matcher = createProfanityMatcher();
  // (sound: a text it turns away is one the matcher finds no word in; see matcherPrefilter)
  const couldMatch = matcherPrefilter(matcher) ?? (() => true);
  const isAbusive = (text: string): boolean => score(text).Toxicity >= ABUSIVE;

  const maskWords = (text: string): string => {
    const spans: [number, number][] = [];
    const wordAt = (start: number, end: number): [number, number] => {
      let a = start;
      let b = end;
      while (a > 0 && /[\p{L}\p{N}*$@']/u.test(text.charAt(a - 1))) a -= 1;
      while (b < text.length && /[\p{L}\p{N}*$@']/u.test(text.charAt(b))) b += 1;
      return [a, b];
    };
    if (couldMatch(text))
      for (const m of matcher.getAllMatches(text, true)) spans.push(wordAt(m.startIndex, m.endIndex + 1));
    for (const re of [NAME_CALL, CALLED_YOU, SWEAR, STARRED])
      for (const m of text.matchAll(re)) spans.push([m.index, m.index + m[0].length]);
    if (spans.length === 0) return text;
    spans.sort((x, y) => x[0] - y[0]);
    let out = '';
    let at = 0;
    for (const [a, b] of spans) {
      if (b <= at) continue;
      // Spans next to each other ("bloody muppets") become one mask.
      out += out.endsWith(ABUSE_MASK) && /^\s*$/u.test(text.slice(at, a)) ? '' : text.slice(at, a);
      if (!out.endsWith(ABUSE_MASK)) out += ABUSE_MASK;
      at = Math.max(at, b);
    }
    return out + text.slice(at);
  };

  /**
   * An abusive clause narrowed to its abusive part: split where it turns from a condition to a
   * threat (PARTS), the parts the rules flag masked and the clean ones kept ("I'll torch your office
   * if my claim isn't paid" → "[…] if my claim isn't paid"). Null when no clean part of three words
   * or more (a leading conjunction not counted) is left, or the whole is still abusive.
   */
  const narrow = (clause: string): string | null => {
    const parts = clause.split(PARTS);
    if (parts.length < 3) return null;
    let out = '';
    let kept = false;
    for (let k = 0; k < parts.length; k += 1) {
      const part = parts[k]!;
      if (k % 2 === 1) {
        out += part;
        continue;
      }
      if (!isAbusive(part)) {
        if (wordCount(part.replace(LEADING_CONJUNCTION, '')) >= 3) kept = true;
        out += part;
        continue;
      }
      const stop = /[,;:.!?]*$/u.exec(part)?.[0] ?? '';
      out = MASK_BEFORE.test(out)
        ? `${out.replace(MASK_BEFORE, ABUSE_MASK)}${stop}`
        : `${out}${ABUSE_MASK}${stop}`;
    }
    return kept && !isAbusive(out) ? out : null;
  };

  /**
   * Threats, harassment and sexual remarks have no word to mask: a clause or sentence still abusive
   * once its words are masked is masked whole ("Cancel my policy or I will snap your neck." →
   * "Cancel my policy […]."); a text abusive only as a whole is masked whole.
   */
  const maskClauses = (text: string): string => {
    const parts = text.split(PIECES);
    let out = '';
    for (let k = 0; k < parts.length; k += 1) {
      const part = parts[k]!;
      if (k % 2 === 1) {
        out += part;
        continue;
      }
      if (!isAbusive(part)) {
        out += part;
        continue;
      }
      const narrowed = narrow(part);
      if (narrowed !== null) {
        out += narrowed;
        continue;
      }
      // Its punctuation stays where it ends a clause or sentence, not a dotted word ("F.U.C.K. this bank").
      const next = parts[k + 2];
      const stop = /[,;:.!?]*$/u.exec(part)?.[0] ?? '';
      const end = stop === '.' && next !== undefined && !/^\p{Lu}/u.test(next) ? '' : stop;
      // Masks next to each other ("[…], […].") become one.
      out = MASK_BEFORE.test(out)
        ? `${out.replace(MASK_BEFORE, ABUSE_MASK)}${end}`
        : `${out}${ABUSE_MASK}${end}`;
    }
    return isAbusive(out) ? ABUSE_MASK : out;
  };

  const clean = (raw: string): string => {
    const text = raw.replace(/[\u2018\u2019]/gu, "'");
    const clauses = text.split(CLAUSE).filter((c) => c.trim() !== '');
    // An abusive clause is left out after a clean one ("My card was charged twice, and you will
    // regret it if …"); before any, it is narrowed to its threat when a clean request shares it
    // ("If my refund is late I'll …, and …").
    const kept: string[] = [];
    let narrowed = false;
    for (const c of clauses) {
      if (!isAbusive(c)) kept.push(c);
      else if (kept.length === 0) {
        const n = narrow(c);
        if (n !== null) {
          kept.push(n);
          narrowed = true;
        }
      }
    }
    let base = text;
    if (kept.length > 0 && (kept.length < clauses.length || narrowed)) {
      const joined = kept
        .join(' ')
        .replace(LEADING_CONJUNCTION, '')
        .replace(/[\s,;:]+$/u, '');
      if (wordCount(joined) >= 4)
        base = /[.!?]$/u.test(text) && !/[.!?]$/u.test(joined) ? `${joined}.` : joined;
    }
    const masked = maskWords(base);
    const result = isAbusive(masked) ? maskClauses(masked) : masked;
    return result === text ? raw : result;
  };

  return { isAbusive, clean, hash: TOXICITY_RULES_HASH };
};
