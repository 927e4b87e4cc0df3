import { createHash } from 'node:crypto';
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import {
  TOXICITY_LABELS,
  type ToxicityDetector,
  type ToxicityLabelName,
  type ToxicityRequest,
  type ToxicityResponse,
  type ToxicityResult,
} from '../../../core/ports/toxicity-detector.js';
import type { LineageEntry } from '../../../schemas/call-document.js';
import { normaliseForRules } from './normalise.js';
import { anyLiteralPrefilter, literalsGate } from './required-literals.js';
import { removeReportedSpeech, STRUCTURE_SOURCES, structuralEvidence } from './structure.js';
import {
  BENIGN_IDIOMS,
  IDIOM_MARK,
  MILD_PROFANITY,
  PLAIN_USES,
  removeBenignIdioms,
  TOXIC_PHRASES,
  type ToxicPhrase,
} from './toxic-phrases.js';
import { createWordnetLayer, WORDNET_LEXICON, WORDNET_LEXICON_VERSION } from './wordnet-layer.js';

const ENGINE = 'local-lexicon';
/** The installed obscenity version (a test keeps it in step with package.json). */
export const OBSCENITY_VERSION = '0.4.6';
/** Bump when the phrase rules change what is flagged (lineage names it beside the rules' hash). */
export const TOXICITY_RULES_VERSION = '12';

/** Words from obscenity's English list that are not mere swearing. */
const SLURS: ReadonlySet<string> = new Set([
  'abeed',
  'abo',
  'africoon',
  'arabush',
  'boonga',
  'chingchong',
  'chink',
  'dyke',
  'fag',
  'kike',
  'negro',
  'nigger',
  'retard',
  'spastic',
  'tranny',
]);
const SEXUAL_WORDS: ReadonlySet<string> = new Set([
  'anal',
  'anus',
  'bestiality',
  'blowjob',
  'boob',
  'buttplug',
  'cock',
  'cum',
  'deepthroat',
  'dildo',
  'doggystyle',
  'double penetration',
  'ejaculate',
  'felch',
  'fellatio',
  'finger bang',
  'fisting',
  'gangbang',
  'handjob',
  'hentai',
  'incest',
  'jerk off',
  'jizz',
  'lubejob',
  'masturbate',
  'orgasm',
  'orgy',
  'penis',
  'porn',
  'pussy',
  'rape',
  'semen',
  'sex',
  'tit',
  'vagina',
]);
/** Swear words that, aimed at "you", are an insult as well. */
const ABUSIVE_WORDS: ReadonlySet<string> = new Set([
  'ass',
  'bastard',
  'bitch',
  'cunt',
  'dick',
  'prick',
  'twat',
  'wank',
  'whore',
  'slut',
  'fuck',
  'shit',
  'turd',
]);
/**
 * Surnames, places and food that contain a listed word (the Scunthorpe problem). obscenity
 * whitelists some; call centers meet these daily.
 */
const WHITELIST = [
  'dickson',
  'dickens',
  'dickinson',
  'dickey',
  'cummings',
  'cummins',
  'cumin',
  'cumulative',
  'analisa',
  'analysis',
  'analyst',
  'shiitake',
  'dikshit',
  'penistone',
  'pennistone',
  'sexton',
  'essex',
  'middlesex',
  'sussex',
  'wessex',
  'titus',
  'title',
  'hancock',
  'cockburn',
  'glasscock',
  'scunthorpe',
  'assess',
  'class',
];
/** Words that are also given names ("this is Dick from billing"). */
const NAMES: ReadonlySet<string> = new Set(['dick']);
const NAME_CONTEXT =
  /\b(?:name\s+is|name's|this\s+is|i'm|i\s+am|mr|mister|ask\s+for|speak\s+(?:to|with)|talk\s+(?:to|with)|with|and|uncle|called)\s*$/u;
/**
 * A listed given name said to be someone's name anywhere in the turn ("Sorry, Dick's my husband",
 * "my husband, Dick"): every capitalised use of it in that turn is the name, also one opening a
 * sentence ("Dick! Did you buy something?").
 */
const KIN = String.raw`(?:husband|son|dad|father|brother|uncle|partner|friend|neighbour|boss|colleague|grandad|grandson|cousin|nephew|lodger|other\s+half)`;
const NAMED_IN_TURN = new RegExp(
  String.raw`\b(Dick)(?:'s|\s+is)\s+(?:my|our|his|her|the)\s+${KIN}\b|\b(?:my|our|his|her)\s+${KIN}\s*,?\s+(Dick)\b|\b(Dick)\s*,\s+(?:my|our|his|her)\s+${KIN}\b`,
  'u',
);
const DIRECTED = /\b(?:you|ya|your|you're|u)\b/u;
/** Made once (a `\p{…}` literal inside the matcher loop would be built per match: see topic-model.ts). */
const UPPER_CASE = /\p{Lu}/u;
/** Names and places that hold a listed word, removed before the matcher reads the original text. */
export const BENIGN_NAMES: readonly RegExp[] = [
  /\bdick'?s\s+sporting\s+goods\b/giu,
  /\bdick(?:erson|inson|ens|son|ey|ie)\b/giu,
  /\b(?:cockburn|penistone|middlesex|sussex|essex|wessex|scunthorpe|hancock|hitchcock)\b/giu,
  /\bcock\s+and\s+bull\b|\bcock(?:\s+and\s+[a-z]+)?\s+(?:pub|inn|tavern|arms|hotel)\b/giu,
  /\bsex\s+(?:marker|field|designation)\b/giu,
  ...PLAIN_USES,
];

/**
 * A listed word inside a longer capitalised word in mid-sentence is part of a name ("Shitterton",
 * "Twatt", "Cockermouth", "Clitheroe"): call centres hear place names and surnames all day. Not
 * when the rest of the word is a swear word's own ending or compound ("Dickhead", "Fucking").
 */
const SWEAR_ENDINGS =
  /^(?:s|es|ed|er|ers|ing|in|y|ty|head|heads|face|faces|hole|holes|wit|wits|wad|wads|bag|bags|stain|show|storm|load|hat|hats|sucker|tard|nugget|weasel|lord|off|end|ends)$/u;
const SWEAR_STARTS = /^(?:mother|bull|horse|dip|dumb|jack|cluster|dog|chicken|ape|apes)$/u;
const CAPITALISED_WORD = /\p{Lu}\p{Ll}+/gu;

/** sha256 over every rule the detector applies, so lineage changes when one does. */
export const TOXICITY_RULES_HASH = createHash('sha256')
  .update(
    JSON.stringify([
      OBSCENITY_VERSION,
      TOXICITY_RULES_VERSION,
      [...TOXIC_PHRASES, ...MILD_PROFANITY].map((p) => [p.label, p.score, p.pattern.source]),
      BENIGN_IDIOMS.map((r) => r.source),
      BENIGN_NAMES.map((r) => r.source),
      NAMED_IN_TURN.source,
      [...SLURS],
      [...SEXUAL_WORDS],
      [...ABUSIVE_WORDS],
      WHITELIST,
      SWEAR_ENDINGS.source,
      SWEAR_STARTS.source,
      STRUCTURE_SOURCES,
      WORDNET_LEXICON,
    ]),
  )
  .digest('hex');

const combine = (scores: readonly number[]): number =>
  Math.min(0.99, 1 - scores.reduce((rest, s) => rest * (1 - s), 1));

const round = (n: number): number => Math.round(n * 1000) / 1000;

const normalise = (text: string): string =>
  text.replace(/[\u2018\u2019\u02bc`]/gu, "'").replace(/\s+/gu, ' ');

/** What RegExpMatcher keeps inside (obscenity 0.4.6): read only to build the pre-filter below. */
interface MatcherInternals {
  blacklistedTerms?: readonly { regExp?: unknown }[];
  blacklistMatcherTransformers?: unknown;
  applyTransformers?: (input: string, transformers: unknown) => [number[], string];
}

/** A transformer as obscenity's TransformerSet keeps it (0.4.6): simple (type 0) or stateful (type 1). */
interface TransformerInternals {
  type?: unknown;
  transform?: unknown;
  factory?: unknown;
}
type CharTransform = (char: number) => number | undefined;
interface StatefulTransformer {
  transform: CharTransform;
  reset: () => void;
}

/** Most code points kept in the look-up of the leading simple transformers beyond ASCII. */
const MAX_REMEMBERED_CHARS = 4096;

/**
 * The text the matcher's patterns read: what obscenity's `applyTransformers` returns beside its
 * index map (0.4.6: each code point through the transformers in order, those that come out
 * appended), without the index map, the character iterator and the look-ups per character. The
 * leading simple transformers (confusables, leetspeak, lower case: functions of the character
 * alone) are looked up in a table computed once by calling them (ASCII; other code points are
 * remembered as they come), the rest (collapsing duplicates, stateful) run as in obscenity, from
 * their own factory, and are reset after each text as `resetAll` does. Null when the transformer
 * set is not what this reads (another obscenity version): obscenity's own function is used.
 */
export const matcherTransform = (matcher: RegExpMatcher): ((input: string) => string) | null => {
  const list = (
    (matcher as unknown as MatcherInternals).blacklistMatcherTransformers as
      | { transformers?: unknown }
      | undefined
  )?.transformers;
  if (!Array.isArray(list)) return null;
  const transformers = list as readonly TransformerInternals[];
  if (
    !transformers.every(
      (t) =>
        (t.type === 0 && typeof t.transform === 'function') ||
        (t.type === 1 && typeof t.factory === 'function'),
    )
  )
    return null;
  let lead = 0;
  while (lead < transformers.length && transformers[lead]!.type === 0) lead += 1;
  const simple = transformers.slice(0, lead).map((t) => t.transform as CharTransform);
  const rest = transformers
    .slice(lead)
    .map((t) =>
      t.type === 0
        ? { simple: t.transform as CharTransform, stateful: null }
        : { simple: null, stateful: (t.factory as () => StatefulTransformer)() },
    );
  if (rest.some((r) => r.stateful !== null && typeof r.stateful.transform !== 'function')) return null;
  const stateful = rest.flatMap((r) => (r.stateful === null ? [] : [r.stateful]));
  /** The leading simple transformers on one code point: -1 where one drops it. */
  const leading = (char: number): number => {
    let c: number | undefined = char;
    for (const f of simple) {
      c = f(c);
      if (c === undefined) return -1;
    }
    return c;
  };
  const ascii = Int32Array.from({ length: 128 }, (_, c) => leading(c));
  const beyond = new Map<number, number>();
  return (input) => {
    let out = '';
    const n = input.length;
    for (let i = 0; i < n; i += 1) {
      let char = input.charCodeAt(i);
      // A surrogate pair is one code point, as obscenity's CharacterIterator reads it.
      if (char >= 0xd800 && char <= 0xdbff && i + 1 < n) {
        const low = input.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          char = (char - 0xd800) * 0x400 + low - 0xdc00 + 0x10000;
          i += 1;
        }
      }
      let c: number | undefined;
      if (char < 128) c = ascii[char]!;
      else {
        c = beyond.get(char);
        if (c === undefined) {
          c = leading(char);
          if (beyond.size < MAX_REMEMBERED_CHARS) beyond.set(char, c);
        }
      }
      if (c < 0) continue;
      for (let k = 0; k < rest.length && c !== undefined; k += 1) {
        const r = rest[k]!;
        c = r.simple === null ? r.stateful!.transform(c) : r.simple(c);
      }
      if (c !== undefined) out += c < 0x10000 ? String.fromCharCode(c) : String.fromCodePoint(c);
    }
    for (const s of stateful) s.reset();
    return out;
  };
};

/**
 * A test every text that the matcher could find a word in passes, much cheaper than the matcher
 * (which runs each of its ~120 term patterns over the text in turn): the text as the matcher
 * sees it (its own transformers: case, leetspeak, confusables, duplicates, skipped symbols) tested
 * once against the union of the same patterns. Sound: getAllMatches only reports matches of a
 * term's pattern in that same transformed text, and a pattern matches somewhere iff the union of
 * the patterns does (the union of patterns without groups or back-references, one set of flags).
 * A text that passes goes to the matcher as before (which also applies the whitelist). Null when
 * the matcher's insides are not what this reads (another obscenity version): every text goes to
 * the matcher, as before (local-toxicity-detector.test.ts fails on that, so it is noticed).
 */
export const matcherPrefilter = (matcher: RegExpMatcher): ((input: string) => boolean) | null => {
  const inside = matcher as unknown as MatcherInternals;
  const terms = inside.blacklistedTerms;
  const transform = inside.applyTransformers;
  if (!Array.isArray(terms) || terms.length === 0 || typeof transform !== 'function') return null;
  const patterns = terms.map((t) => t.regExp);
  if (
    !patterns.every(
      (r): r is RegExp => r instanceof RegExp && r.flags === 'gs' && !/\\\d|\\k<|\((?!\?:)/.test(r.source),
    )
  )
    return null;
  const union = new RegExp(patterns.map((r) => `(?:${r.source})`).join('|'), 's');
  const fast = matcherTransform(matcher);
  if (fast !== null) {
    // The union's answer on the last transformed text: the scorer asks about a turn's normalised
    // text and then its rules' text, which most often transform to the same string (98-99% of the
    // dev-set and generated turns). The union has no state (no `g`), so the answer is the same.
    let lastTransformed: string | null = null;
    let lastAnswer = false;
    return (input) => {
      const transformed = fast(input);
      if (transformed !== lastTransformed) {
        lastAnswer = union.test(transformed);
        lastTransformed = transformed;
      }
      return lastAnswer;
    };
  }
  return (input) => union.test(transform.call(matcher, input, inside.blacklistMatcherTransformers)[1]);
};

/**
 * One test that passes every text some of `patterns` matches: their union. Sound when the
 * patterns share their flags, none is stateful (`g`, `y`) and none has a capturing group (a
 * back-reference would then point at another pattern's group): a pattern matches a text iff the
 * union does, so the patterns need only be tried on texts that pass. Null otherwise (every text
 * is tried, as without it).
 */
export const patternsPrefilter = (patterns: readonly RegExp[]): ((text: string) => boolean) | null => {
  const flags = patterns[0]?.flags;
  if (
    flags === undefined ||
    /[gy]/.test(flags) ||
    !patterns.every((r) => r.flags === flags && !/\\\d|\\k<|\((?!\?)/.test(r.source))
  )
    return null;
  const union = new RegExp(patterns.map((r) => `(?:${r.source})`).join('|'), flags);
  return (text) => union.test(text);
};

/**
 * One test that passes every text some of `patterns` (global, for `replace`) matches: their
 * union, without the `g` flag. A text no pattern matches comes out of the replacements as it
 * went in (each replacement leaves it as it is, so the next one reads the same text), so the
 * replacements need only run on texts that pass. Null when the patterns cannot be joined (see
 * patternsPrefilter) or are not all global.
 */
export const replacementsPrefilter = (patterns: readonly RegExp[]): ((text: string) => boolean) | null =>
  patterns.every((r) => r.flags.includes('g'))
    ? patternsPrefilter(patterns.map((r) => new RegExp(r.source, r.flags.replace('g', ''))))
    : null;

/** The literal pre-filter, then the union (each is sound, so both are; a missing one passes every text). */
const both = (patterns: readonly RegExp[]): ((text: string) => boolean) => {
  const literals = anyLiteralPrefilter(patterns.map((r) => new RegExp(r.source, r.flags.replace('g', ''))));
  const union = replacementsPrefilter(patterns);
  return (text) => (literals === null || literals(text)) && (union === null || union(text));
};

/**
 * removeBenignIdioms, each idiom tried only on texts that hold one of its literals (literalsGate),
 * as the phrase rules are, in the same order, so the same text comes out: a replacement takes
 * characters out and puts IDIOM_MARK in their place, which holds none of the idioms' literals
 * whole or in part (test), so a literal the text lacked is lacking after every replacement and
 * its idiom could not have matched. The union of the idioms that was their pre-filter was the
 * costliest expression of the scorer (a union is tried at every position of the text).
 */
export const idiomRemover = (): ((text: string) => string) => {
  const gate = literalsGate(BENIGN_IDIOMS);
  return (text) => {
    const marks = gate(text);
    let out = text;
    for (let i = 0; i < BENIGN_IDIOMS.length; i += 1)
      if (marks[i] === 1) out = out.replace(BENIGN_IDIOMS[i]!, IDIOM_MARK);
    return out;
  };
};

/** Every phrase rule, in the order their evidence is added. */
const PHRASES: readonly ToxicPhrase[] = [...TOXIC_PHRASES, ...MILD_PROFANITY];

/** obscenity's English matcher, with our whitelist of names and places. */
export const createProfanityMatcher = (): RegExpMatcher => {
  const built = englishDataset.build();
  return new RegExpMatcher({
    ...built,
    ...englishRecommendedTransformers,
    whitelistedTerms: [...(built.whitelistedTerms ?? []), ...WHITELIST],
  });
};

/** The word obscenity's dataset filed a match under ("fuck" for "f***ing"). */
export const matchedWord = (match: Parameters<typeof englishDataset.getPayloadWithPhraseMetadata>[0]) =>
  englishDataset.getPayloadWithPhraseMetadata(match).phraseMetadata?.originalWord;

/**
 * The rules as a plain function of one text: obscenity's profanity matcher plus phrase evidence
 * for insults, threats, harassment, hate, sexual and graphic content. Scores are fixed evidence
 * weights (not probabilities): one clear hit crosses 0.5, independent hits on a label combine as
 * 1 - Π(1 - s).
 */
export const createLexiconScorer = (
  options: {
    /**
     * Every text through obscenity's matcher, every phrase rule, every benign idiom and name and
     * every step of normaliseForRules,
     * no pre-filter (tests compare both ways).
     */
    matchEveryText?: boolean;
    /** The WordNet-derived lexicon layer (wordnet-layer.ts, rules v7); `false` leaves it out (comparisons). */
    wordnet?: boolean;
  } = {},
): ((raw: string) => ToxicityResult) => {
  const matcher = createProfanityMatcher();
  const wordnet = options.wordnet === false ? null : createWordnetLayer();
  const couldMatch = (!options.matchEveryText && matcherPrefilter(matcher)) || (() => true);
  // The phrase rules are tried one by one: joined into one expression (patternsPrefilter) the 63
  // rules of v3 ran about 8 times slower than all of them in turn (measured on the dev sets' 2,337
  // turns: 507 against 67 µs a turn for the whole scorer; the 39 rules of v2 joined well).
  // Each rule is tried only on texts that hold one of the literals of each part its pattern
  // requires, for one of its branches (required-literals.ts, derived from the pattern): one scan of
  // the text over a trie of every rule's literals instead of 63 patterns whose alternations are
  // tried at every position. A generated turn tries 2.5 rules (9.4 when one literal of the best
  // part was enough: "you" marked most threats).
  const phraseGate = options.matchEveryText
    ? () => new Uint8Array(PHRASES.length).fill(1)
    : literalsGate(
        PHRASES.map((p) => p.pattern),
        { everySet: true },
      );
  const withoutIdioms = options.matchEveryText ? removeBenignIdioms : idiomRemover();
  // Most speech holds no benign name: those texts skip its replacements. Their literals first
  // (required-literals.ts: one expression of plain words, case-insensitive), then the union.
  const anyBenignName = options.matchEveryText ? () => true : both(BENIGN_NAMES);

  /** Capitalised words in mid-sentence that hold a listed word as part of a name, replaced by "[name]". */
  const withoutNames = (text: string): string =>
    text.replace(CAPITALISED_WORD, (word, at: number) => {
      if (/(?:^|[.!?]["')\]]?)\s*$/u.test(text.slice(0, at))) return word;
      const lower = word.toLowerCase();
      if (!couldMatch(lower)) return word;
      for (const m of matcher.getAllMatches(lower, true)) {
        const before = lower.slice(0, m.startIndex);
        const after = lower.slice(m.endIndex + 1);
        if (before === '' && after === '') return word;
        if (before === '' && SWEAR_ENDINGS.test(after)) return word;
        if (after === '' && SWEAR_STARTS.test(before)) return word;
      }
      return matcher.hasMatch(lower) ? '[name]' : word;
    });

  return (raw: string): ToxicityResult => {
    const normalised = normalise(raw);
    const normalisedCouldMatch = couldMatch(normalised);
    const original = normalisedCouldMatch ? withoutNames(normalised) : normalised;
    // Rules read de-obfuscated lower-case text with everyday idioms taken out.
    const forRules = normaliseForRules(original, { everyStep: options.matchEveryText });
    // What someone else said or wrote ("the man told me to drop dead") is reported, not said.
    const text = removeReportedSpeech(withoutIdioms(forRules), { everyText: options.matchEveryText });
    const evidence = new Map<ToxicityLabelName, number[]>();
    const add = (label: ToxicityLabelName, s: number) =>
      evidence.set(label, [...(evidence.get(label) ?? []), s]);

    const words = new Set<string>();
    // Read only when a listed name is matched in its original casing (seldom).
    let namedInTurn: boolean | null = null;
    const isNamedInTurn = (): boolean => {
      if (namedInTurn === null) namedInTurn = NAMED_IN_TURN.test(normalised);
      return namedInTurn;
    };
    const profanity = (input: string, checkNames: boolean) => {
      // The pre-filter is a function of the text: most texts reach here as they were normalised.
      if (!(input === normalised ? normalisedCouldMatch : couldMatch(input))) return;
      for (const match of matcher.getAllMatches(input, true)) {
        const word = matchedWord(match);
        if (word === undefined || words.has(word)) continue;
        // Names are judged on the original casing only.
        if (!checkNames && NAMES.has(word)) continue;
        if (checkNames && NAMES.has(word)) {
          const before = input.slice(0, match.startIndex).toLowerCase();
          const capitalised =
            UPPER_CASE.test(input.charAt(match.startIndex)) &&
            (isNamedInTurn() || !/(?:^|[.!?]\s*)$/u.test(before));
          if (capitalised || NAME_CONTEXT.test(before)) continue;
        }
        words.add(word);
        if (SLURS.has(word)) add('HATE_SPEECH', 0.9);
        if (SEXUAL_WORDS.has(word)) add('SEXUAL', 0.8);
        add('PROFANITY', 0.8);
        if (ABUSIVE_WORDS.has(word) && DIRECTED.test(text)) add('INSULT', 0.75);
      }
    };
    // Names ("this is Dick from billing") are judged on the original casing, then the
    // normalised text catches what obfuscation hid from the matcher.
    const benignOriginal = anyBenignName(original)
      ? BENIGN_NAMES.reduce((t, n) => t.replace(n, ' '), original)
      : original;
    profanity(benignOriginal, true);
    profanity(text, false);
    const couldMatchPhrase = phraseGate(text);
    for (let i = 0; i < PHRASES.length; i += 1) {
      const phrase = PHRASES[i]!;
      if (couldMatchPhrase[i] === 1 && phrase.pattern.test(text)) add(phrase.label, phrase.score);
    }
    // Rules v4: who is spoken of and what is said of them (structure.ts), for the labels the
    // words and phrases above found no evidence of (where they did, their weights stand as before).
    for (const hit of structuralEvidence(text)) if (!evidence.has(hit.label)) add(hit.label, hit.score);
    // Rules v7: terms of abuse, slurs, harm and sexual words chosen by WordNet's structure
    // (config/toxicity-lexicon.json), aimed at the listener (wordnet-layer.ts), likewise.
    if (wordnet !== null)
      for (const hit of wordnet(text)) if (!evidence.has(hit.label)) add(hit.label, hit.score);

    // No evidence (most turns): every label scores round(combine([])) = 0, and so does the turn.
    if (evidence.size === 0)
      return { Toxicity: 0, Labels: TOXICITY_LABELS.map((name) => ({ Name: name, Score: 0 })) };
    const labels = TOXICITY_LABELS.map((name) => ({
      Name: name,
      Score: round(combine(evidence.get(name) ?? [])),
    }));
    return { Toxicity: round(combine(labels.map((l) => l.Score))), Labels: labels };
  };
};

/**
 * The embedded toxicity engine: the lexicon rules (createLexiconScorer), answering Comprehend's
 * contract with the same seven labels.
 */
export const createLocalToxicityDetector = (
  options: {
    /**
     * Every text through obscenity's matcher, every phrase rule, every benign idiom and name and
     * every step of normaliseForRules,
     * no pre-filter (tests compare both ways).
     */
    matchEveryText?: boolean;
  } = {},
): ToxicityDetector => {
  const score = createLexiconScorer(options);
  const version = OBSCENITY_VERSION;
  const lineage: LineageEntry = {
    engine: ENGINE,
    version,
    model: `obscenity ${version} + phrase lists v${TOXICITY_RULES_VERSION} (${TOXIC_PHRASES.length + MILD_PROFANITY.length} patterns) + sentence structure (AFINN-165) + WordNet ${WORDNET_LEXICON_VERSION} lexicon`,
    modelHash: TOXICITY_RULES_HASH,
    promptHash: null,
    note: null,
  };
  return {
    detect: async (request: ToxicityRequest): Promise<ToxicityResponse> => ({
      ResultList: request.TextSegments.map((segment) => score(segment.Text)),
    }),
    lineage: () => lineage,
  };
};
