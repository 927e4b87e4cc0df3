import nlp from 'compromise';
import type { Span } from './dates.js';
import type { Piece } from './pieces.js';

/**
 * Person names: after "my name is"-style cues, in the answer to "may I have your full name?",
 * after greetings and thanks ("Thanks, Mary."), the people `compromise` finds, and every later
 * mention of a name already found or known from the CTR.
 */

/** Words that are never part of a name, whatever their case. */
const NOT_NAME = new Set([
  'i',
  "i'm",
  "i'll",
  // A recogniser's bare output writes no apostrophes ("im", "thats", "dont").
  'im',
  'id',
  'ill',
  'thats',
  'whats',
  'dont',
  'didnt',
  'doesnt',
  'cant',
  'wont',
  'youre',
  'theyre',
  'hes',
  'shes',
  'isnt',
  'wasnt',
  'lets',
  'theres',
  'heres',
  'me',
  'we',
  'us',
  'nope',
  'which',
  'as',
  'excuse',
  'both',
  'his',
  'her',
  'hers',
  'him',
  'them',
  'they',
  'their',
  'she',
  'our',
  'actually',
  'though',
  'obviously',
  "i've",
  "i'd",
  'it',
  "it's",
  'its',
  'is',
  'was',
  'and',
  'or',
  'but',
  'so',
  'the',
  'a',
  'an',
  'my',
  'your',
  'our',
  'this',
  'that',
  "that's",
  'here',
  'there',
  'with',
  'from',
  'calling',
  'speaking',
  'of',
  'at',
  'to',
  'for',
  'on',
  'in',
  'um',
  'uh',
  'yes',
  'yeah',
  'no',
  'not',
  'okay',
  'ok',
  'sure',
  'hi',
  'hello',
  'hey',
  'thanks',
  'thank',
  'you',
  'please',
  'sir',
  "ma'am",
  'madam',
  'again',
  'too',
  'also',
  'just',
  'who',
  'how',
  'what',
  'can',
  'may',
  'today',
  'good',
  'morning',
  'afternoon',
  'evening',
  'well',
  'oh',
  'right',
  'great',
  'sorry',
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'everyone',
  'everybody',
  'all',
  'guys',
  'there',
  'again',
  'again',
  'bye',
  'care',
  'then',
  'now',
  'born',
  'date',
  'birth',
  'phone',
  'number',
  'account',
  'customer',
  'agent',
  'support',
  'team',
  'department',
  'back',
  'going',
  'gonna',
  'about',
  'looking',
  'trying',
  'having',
  'happy',
  'glad',
  'afraid',
  'very',
  'really',
  'still',
  'did',
  'do',
  'does',
  'have',
  'has',
  'had',
  'be',
  'been',
  'will',
  'would',
  'could',
  'should',
  'on',
  'hold',
  'line',
  // The words that ask for a name are never one (the PII-audio helper: "my surname is ogunleye",
  // the answer to "what is your surname", had "surname" redacted in both turns and the name kept).
  'name',
  'names',
  'surname',
  'surnames',
  'forename',
  'forenames',
  // What is said of a name rather than the name ("my surname is spelt wrong", "my surname's
  // different now": the review of the surname cues redacted these words).
  'spelt',
  'spelled',
  'misspelt',
  'misspelled',
  'wrong',
  'changed',
  'different',
  'same',
  'correct',
  'incorrect',
  'hyphenated',
]);

interface CuePattern {
  words: readonly string[];
  /** Strong: whatever follows is the name. Soft: only capitalised words count. */
  strong: boolean;
}

const PATTERNS: readonly CuePattern[] = [
  ...[
    'my name is',
    'name is',
    "name's",
    "my name's",
    'surname is',
    "surname's",
    'surname was',
    'forename is',
    "forename's",
    'call me',
    'named',
    'name was',
    'names are',
    'i am called',
  ].map((p) => ({ words: p.split(' '), strong: true })),
  ...[
    'this is',
    "i'm",
    'i am',
    'speaking with',
    'speak with',
    'speak to',
    'talk to',
    'hi',
    'hello',
    'hey',
    'thanks',
    'thank you',
    'welcome',
    'care',
    'bye',
    'mr',
    'mrs',
    'ms',
    'miss',
    'dr',
    'holding',
    'have',
    'sorry',
    'morning',
    'afternoon',
    'evening',
    'dear',
  ].map((p) => ({ words: p.split(' '), strong: false })),
];
/**
 * The cue patterns by their first word, each list in PATTERNS' order: a piece is tried only
 * against the cues that start with it, and the first that matches wins as before (a cue whose
 * first word differs never matched it).
 */
const PATTERNS_BY_FIRST = new Map<string, CuePattern[]>();
for (const p of PATTERNS) {
  const first = p.words[0]!;
  const list = PATTERNS_BY_FIRST.get(first);
  if (list) list.push(p);
  else PATTERNS_BY_FIRST.set(first, [p]);
}
const NO_PATTERNS: readonly CuePattern[] = [];
const MAX_NAME_WORDS = 3;
/** What follows a name someone introduces ("it's Priya from ..."). */
const INTRODUCES = new Set(['from', 'calling', 'speaking', 'here', 'with']);

const nameWord = (p: Piece | undefined, strong: boolean, lowercase: boolean): boolean =>
  p !== undefined &&
  p.kind === 'word' &&
  /^[a-z][a-z'-]*$/i.test(p.raw) &&
  !NOT_NAME.has(p.norm) &&
  (strong || p.cap || lowercase);

/** Up to three name words from piece i on (skipping one comma). */
const takeName = (pieces: readonly Piece[], i: number, strong: boolean, lowercase: boolean): Span | null => {
  let start = i;
  if (pieces[start]?.norm === ',') start += 1;
  let end = start - 1;
  // A spelled name ("K A R L S S O N") is one letter per word; "I" starts none (the pronoun) but
  // is one of its letters between two others ("S M I T H").
  const anyLetter = (p: Piece | undefined) => p?.kind === 'word' && /^[a-z]$/i.test(p.raw);
  const letter = (p: Piece | undefined) => anyLetter(p) && p?.norm !== 'i';
  const spelledFrom = (i: number): number => {
    let last = i;
    while (letter(pieces[last + 1]) || (anyLetter(pieces[last + 1]) && anyLetter(pieces[last + 2])))
      last += 1;
    return last;
  };
  if (letter(pieces[start]) && letter(pieces[start + 1])) return { start, end: spelledFrom(start) };
  while (
    end - start + 1 < MAX_NAME_WORDS &&
    nameWord(pieces[end + 1], strong, lowercase) &&
    // "its wei zhang mate": "mate" may be a name (Mate Kovac), not one that follows a name.
    !(end >= start && pieces[end + 1]!.norm === 'mate') &&
    !(anyLetter(pieces[end + 1]) && anyLetter(pieces[end + 2]))
  )
    end += 1;
  if (end < start) return null;
  // The name, then spelled ("Smith, S M I T H"): the letters are the name too (the review: they
  // were left after "[PII],").
  const after = pieces[end + 1]?.norm === ',' ? end + 2 : end + 1;
  if (letter(pieces[after]) && letter(pieces[after + 1])) end = spelledFrom(after);
  return { start, end };
};

/** Names after cue phrases in the turn ("my name is", "this is Dana", "Thanks, Mary"). */
export const namesAfterCues = (pieces: readonly Piece[], lowercase: boolean): Span[] => {
  const spans: Span[] = [];
  for (let i = 0; i < pieces.length; i += 1) {
    for (const { words, strong } of PATTERNS_BY_FIRST.get(pieces[i]!.norm) ?? NO_PATTERNS) {
      if (!words.every((w, k) => pieces[i + k]?.norm === w)) continue;
      const span =
        takeName(pieces, i + words.length, strong, lowercase && strong) ??
        (strong ? givenNameWordAt(pieces, i + words.length, lowercase) : null);
      if (span) spans.push(span);
      break;
    }
    // "it's Priya from Acme", "it's Dana calling".
    if (
      (pieces[i]?.norm === "it's" || pieces[i]?.norm === 'its') &&
      nameWord(pieces[i + 1], false, lowercase)
    ) {
      const span = takeName(pieces, i + 1, false, lowercase);
      if (span && INTRODUCES.has(pieces[span.end + 1]?.norm ?? '')) spans.push(span);
    }
    // "Dana speaking", "Dana here".
    const next = pieces[i + 1]?.norm;
    if (
      (next === 'speaking' || next === 'here') &&
      nameWord(pieces[i], false, false) &&
      pieces[i + 2]?.kind === 'punct'
    )
      spans.push({ start: i, end: i });
  }
  return spans;
};

/** Titles before a name ("thank you mrs frost"). */
export const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'doctor',
  'mister',
  'sir',
  'madam',
  'professor',
]);
const LEAD_INS = new Set([
  'yes',
  'yeah',
  'sure',
  "it's",
  'it',
  'is',
  "that's",
  'that',
  'this',
  'um',
  'uh',
  'okay',
  'my',
  'name',
  'full',
  'surname',
  'forename',
  'first',
  'last',
  'middle',
  'family',
  'maiden',
  "i'm",
  'its',
  'well',
  'so',
  'oh',
  'the',
  "beneficiary's",
  'beneficiary',
  'would',
  'be',
  // Hesitations before an answer in a recogniser's bare output ("erm john smith"); not "ah"
  // (Ah Kow, Ah-young).
  'er',
  'erm',
  'uhm',
  'umm',
  'hmm',
  'mm',
  'eh',
  // A title before the name is no name ("its doctor okafor", "mrs frost").
  ...TITLES,
  'im',
  'thats',
  'yep',
  'yup',
  ',',
  '.',
]);
/**
 * Who a caller may name instead of themself ("my daughter", "my husband david"): after "my", the
 * relation is no name, the words after it may be. Read only there: "son" and "nan" are names too
 * (Son Nguyen), never made not-names.
 */
const RELATIONS = new Set([
  'daughter',
  'son',
  'husband',
  'wife',
  'partner',
  'mum',
  'mom',
  'mother',
  'dad',
  'father',
  'brother',
  'sister',
  'nan',
  'nana',
  'gran',
  'granny',
  'grandma',
  'grandad',
  'grandpa',
  'grandson',
  'granddaughter',
  'aunt',
  'auntie',
  'uncle',
  'niece',
  'nephew',
  'friend',
  'neighbour',
  'neighbor',
  'carer',
  'boyfriend',
  'girlfriend',
  'fiance',
  'fiancee',
]);
/** A relation, possessive too as the recogniser writes it ("my dads account", "my husbands name"). */
const isRelation = (norm: string): boolean =>
  RELATIONS.has(norm) || (norm.endsWith('s') && RELATIONS.has(norm.slice(0, -1)));
/** Words between "my" and a relation ("my late husband"). */
const RELATION_MODIFIERS = new Set(['late', 'ex', 'old', 'eldest', 'youngest', 'little', 'older', 'younger']);
/**
 * Openings of a reply that put the answer off ("hang on", "pardon", "one sec"): skipped, and the
 * reply read on ("pardon farhan qureshi"); read only at the reply's start (after lead-ins): "hang"
 * and "pardon" stay names anywhere else (Hang Nguyen).
 */
const PUT_OFF_OPENINGS: readonly (readonly string[])[] = [
  ['hang', 'on'],
  ['pardon'],
  ['one', 'sec'],
  ['one', 'second'],
  ['one', 'moment'],
  ['bear', 'with'],
];
/** Openings of a reply that gives no name ("let me check", "why do you need it"): the whole reply is none. */
const NO_ANSWER_OPENINGS: readonly (readonly string[])[] = [['let', 'me'], ['why']];
const opensWith = (pieces: readonly Piece[], i: number, words: readonly string[]): boolean =>
  words.every((w, k) => pieces[i + k]?.norm === w);

/** The answer to "may I have your name?": the first name words after lead-ins. */
export const nameInAnswer = (pieces: readonly Piece[], lowercase: boolean): Span | null => {
  let i = 0;
  for (;;) {
    while (i < pieces.length && LEAD_INS.has(pieces[i]!.norm)) i += 1;
    const putOff = PUT_OFF_OPENINGS.find((words) => opensWith(pieces, i, words));
    if (putOff) {
      i += putOff.length;
      continue;
    }
    // "my daughter", "my late husband david": the relation is no name, a name may follow it.
    if (pieces[i - 1]?.norm !== 'my') break;
    let k = i;
    while (RELATION_MODIFIERS.has(pieces[k]?.norm ?? '')) k += 1;
    if (!isRelation(pieces[k]?.norm ?? '')) break;
    i = k + 1;
  }
  if (NO_ANSWER_OPENINGS.some((words) => opensWith(pieces, i, words))) return null;
  // "will frost", "may okafor": a first name that is a word too, when a name follows it and the
  // reply is no more than the name (not "will do one second", "may i ask why").
  if (
    GIVEN_NAME_WORDS.has(pieces[i]?.norm ?? '') &&
    nameWord(pieces[i + 1], false, lowercase) &&
    !AFTER_MODAL.has(pieces[i + 1]!.norm)
  ) {
    const rest = pieces.slice(i).filter((p) => p.kind === 'word');
    if (rest.length <= 3 && rest.slice(1).every((p) => nameWord(p, false, lowercase))) {
      const span = takeName(pieces, i + 1, false, lowercase);
      if (span) return { start: i, end: span.end };
    }
  }
  return takeName(pieces, i, false, lowercase);
};

/** What may follow the name in the reply to a bare name question ("will frost and my postcode is…"). */
const AFTER_BARE_ANSWER = new Set([
  'and',
  'from',
  'here',
  'speaking',
  'calling',
  'thats',
  "that's",
  'its',
  "it's",
  'is',
  'please',
  'thanks',
  'thank',
  ',',
  '.',
]);

/**
 * Whether a name taken from the reply to a bare name question ends the reply's words, or a word
 * such as "and", "from", "thats" follows it: "depends which account", "spot on", "under the
 * company", "bad line sorry" are no names.
 */
const endsBareAnswer = (pieces: readonly Piece[], span: Span): boolean => {
  const next = pieces[span.end + 1];
  return next === undefined || AFTER_BARE_ANSWER.has(next.norm);
};

/** Replies to a bare name question that give none: acknowledgements and interjections ("fab", "aye", "dunno"). */
const BARE_NOT_NAMES = new Set([
  'fab',
  'lovely',
  'brilliant',
  'perfect',
  'spot',
  'correct',
  'exactly',
  'cheers',
  'absolutely',
  'definitely',
  'certainly',
  'smashing',
  'wonderful',
  'excellent',
  'fantastic',
  'aye',
  'nah',
  'ta',
  'dunno',
  'hiya',
  'ummm',
  'nae',
  'cool',
  'sound',
  'grand',
  'magic',
  'whatever',
  'whichever',
  'same',
]);
/** Words that make a name-like reply a place's or a firm's ("victoria station", "kowalski holdings"). */
const NOT_A_PERSON = new Set([
  'station',
  'office',
  'holdings',
  'ltd',
  'limited',
  'plc',
  'inc',
  'llc',
  'bank',
  'surgery',
  'road',
  'street',
  'wine',
  'wines',
  'reserve',
  'group',
  'services',
  'council',
  'police',
  'school',
  'hospital',
  'solicitors',
  'associates',
  'company',
  'insurance',
]);
/** How a reply that is no name opens ("is that necessary", "the landlord", "go ahead", "one sec"). */
const BARE_NO_ANSWER_FIRST = new Set([
  'the',
  'a',
  'an',
  'one',
  'two',
  'bad',
  'no',
  'not',
  'sure',
  'go',
  'fire',
  'ask',
  'of',
]);
/** Words skipped before a reply's opening is read ("yeah its the landlord"). */
const BARE_FILLERS = new Set([
  'er',
  'erm',
  'um',
  'uh',
  'hmm',
  'mm',
  'eh',
  'yes',
  'yeah',
  'yep',
  'ok',
  'okay',
  'well',
  'so',
  'oh',
  'its',
  "it's",
]);

/**
 * Whether the name taken from the reply to a bare name question (no "?": nothing but the agent's
 * words says a name was asked for) shows itself a name: it ends the reply, or "and", "from"… follow
 * it (endsBareAnswer), and it is a word the lexicon knows as a name
 * ("michael baker", "smith"), words it does not know at all ("okafor", "hang nguyen": the last of
 * two or three), or "will"/"may" and a surname ("will frost"); not a reply that opens as a
 * question or with "the", "go", "one"… ("is that necessary", "the landlord", "go ahead", "one
 * sec"), nor acknowledgements and interjections ("fab", "aye", "dunno").
 */
export const bareAnswerIsName = (pieces: readonly Piece[], span: Span): boolean => {
  if (!endsBareAnswer(pieces, span)) return false;
  const words = pieces.filter((p) => p.kind === 'word').map((p) => p.norm);
  if (words[0] === 'is' && ['that', 'this', 'it'].includes(words[1] ?? '')) return false;
  let i = 0;
  while (i < words.length && BARE_FILLERS.has(words[i]!)) i += 1;
  if (BARE_NO_ANSWER_FIRST.has(words[i] ?? '')) return false;
  const taken = pieces
    .slice(span.start, span.end + 1)
    .filter((p) => p.kind === 'word')
    .map((p) => p.norm);
  if (taken.some((w) => BARE_NOT_NAMES.has(w) || NOT_A_PERSON.has(w))) return false;
  if (GIVEN_NAME_WORDS.has(taken[0]!) && taken.length >= 2) return true;
  return taken.some((w) => (lexiconFlags(w) & PERSON) !== 0);
};

/** First names that are words too, and in NOT_NAME: a name only where the reply vouches for it. */
const GIVEN_NAME_WORDS = new Set(['will', 'may']);
/** Verbs a reply puts after "will" or "may" ("will check", "will ring back"): no surname. */
const AFTER_MODAL = new Set([
  'check',
  'call',
  'ring',
  'send',
  'try',
  'see',
  'wait',
  'phone',
  'look',
  'get',
  'need',
  'come',
  'speak',
  'email',
  'text',
  'pop',
  'sort',
  'find',
  'ask',
  'go',
  'write',
  'post',
  'pay',
  'bring',
  'keep',
  'confirm',
  'give',
  'take',
  'leave',
  'let',
  'tell',
  'put',
  'head',
  'grab',
  'dig',
  'hang',
  'hold',
]);
/** What may follow "my name is will frost" for "will" to be a name: the turn's end, or these. */
const AFTER_GIVEN_NAME = new Set(['and', 'from', 'calling', 'speaking', 'here', ',', '.']);

/**
 * "my name is will frost": a first name that is a word too, after a strong cue, when the turn ends
 * after it or after one name word following it (or "and", "from", a comma does): not "my name is
 * will be on the letter", "my name is will appear on the letter".
 */
const givenNameWordAt = (pieces: readonly Piece[], i: number, lowercase: boolean): Span | null => {
  if (!GIVEN_NAME_WORDS.has(pieces[i]?.norm ?? '')) return null;
  const ends = (p: Piece | undefined) => p === undefined || AFTER_GIVEN_NAME.has(p.norm);
  // "my name is will", "my name is may and i need help".
  if (ends(pieces[i + 1])) return { start: i, end: i };
  return nameWord(pieces[i + 1], false, lowercase) && ends(pieces[i + 2]) ? { start: i, end: i + 1 } : null;
};

/**
 * Whether a word found as a name is sought again in the rest of the call: not a word that is never
 * a name elsewhere ("will" answered as a name is not every later "will"; CTR names skip them too),
 * nor a title taken with a name ("its doctor okafor here" is no reason to hide every "doctor").
 */
export const learnsName = (norm: string): boolean => !NOT_NAME.has(norm) && !TITLES.has(norm);

/**
 * Whether a name taken from the answer to a bare name question (no "?") is sought in the rest of
 * the call wherever it stands: a word the lexicon knows as a name ("smith"); any other ("frost",
 * "okafor", and an ordinary word taken by mistake: "mastercard") only after a title ("mrs frost").
 */
export const learnsBareName = (norm: string): boolean => (lexiconFlags(norm) & PERSON) !== 0;

/** The lexicon tags that name people (compromise's own word lists). */
const PERSON_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person']);
type Lexicon = Record<string, string | string[]>;
let lexicon: Lexicon | undefined;
const tagsOf = (norm: string): string[] | undefined => {
  lexicon ??= (nlp.model() as { one: { lexicon: Lexicon } }).one.lexicon;
  const tags = lexicon[norm.replace(/['\u2019]s$/, '')];
  return tags === undefined ? undefined : Array.isArray(tags) ? tags : [tags];
};

/** What the lexicon says of a word, as flags (see lexiconFlags). */
const KNOWN = 1;
const HONORIFIC = 2;
const PERSON = 4;
/** Words whose flags are kept (a long run's vocabulary; cleared when full). */
const FLAGS_CACHE_LIMIT = 50_000;
const flagsByNorm = new Map<string, number>();

/**
 * Whether the lexicon knows the word, tags it an honorific, tags it a name: what worthTagging
 * asks of every word of every turn, remembered per word (the lexicon never changes), so a word
 * seen before costs one look-up instead of a replace, a look-up in the lexicon and an array.
 */
const lexiconFlags = (norm: string): number => {
  let flags = flagsByNorm.get(norm);
  if (flags === undefined) {
    const tags = tagsOf(norm);
    flags =
      tags === undefined
        ? 0
        : KNOWN |
          (tags.includes('Honorific') ? HONORIFIC : 0) |
          (tags.some((t) => PERSON_TAGS.has(t)) ? PERSON : 0);
    if (flagsByNorm.size >= FLAGS_CACHE_LIMIT) flagsByNorm.clear();
    flagsByNorm.set(norm, flags);
  }
  return flags;
};

/**
 * Could the tagger find a person in this turn? It is most of the redactor's cost, and it only
 * finds people around words its lexicon knows as names (Dana, Whitfield), anywhere in the turn,
 * or after an honorific (Mr Okonkwo); a turn with neither (Acme, Visa, Monday) gets nothing from
 * it. The output is the same as tagging every candidate turn (checked on generated calls, cased
 * and lowercase), and lowercase transcripts cost a quarter of what they did.
 */
const worthTagging = (pieces: readonly Piece[], candidate: (p: Piece) => boolean): boolean => {
  let candidates = false;
  let unknown = false;
  let named = false;
  let honorific = false;
  for (const p of pieces) {
    if (p.kind !== 'word') continue;
    const flags = lexiconFlags(p.norm);
    if (flags & HONORIFIC) honorific = true;
    // Any word, candidate or not: "Tyrone Okafor ..." at a sentence start is still a person.
    if (flags & PERSON) named = true;
    if (!candidate(p)) continue;
    candidates = true;
    if (!(flags & KNOWN)) unknown = true;
  }
  return candidates && (named || (unknown && honorific));
};

/**
 * The people `compromise` finds, per turn, as piece spans (capitalised words only unless the
 * transcript is lowercase). All turns go to the tagger in one document: it is the slow part,
 * and one call per call costs far less than one per turn.
 */
export const peopleInTurns = (
  turns: readonly (readonly Piece[])[],
  lowercase: boolean,
  /** `every`: tag every turn with a candidate, without the lexicon's filter (for tests). */
  turnsTagged: 'worth-tagging' | 'every' = 'worth-tagging',
): Span[][] => {
  let text = '';
  const located: { turn: number; piece: number; at: number }[] = [];
  turns.forEach((pieces, turn) => {
    // Only turns with a candidate the tagger could confirm (a capitalised word inside a
    // sentence, or any word when the transcript has no capitals) and could name (worthTagging).
    const candidate = (p: Piece) =>
      p.kind === 'word' && (lowercase || (p.cap && !p.sentenceStart && !NOT_NAME.has(p.norm)));
    if (!(turnsTagged === 'every' ? pieces.some(candidate) : worthTagging(pieces, candidate))) return;
    pieces.forEach((p, piece) => {
      if (text !== '') text += ' ';
      located.push({ turn, piece, at: text.length });
      text += p.raw;
    });
    // A turn ends a sentence, whatever its punctuation.
    text += ' .\n';
  });
  const spans: Span[][] = turns.map(() => []);
  if (located.length === 0) return spans;
  const found = nlp(text).people().json({ offset: true, text: false }) as {
    offset: { start: number; length: number };
  }[];
  let cursor = 0;
  for (const { offset } of found) {
    const from = offset.start;
    const to = offset.start + offset.length;
    while (cursor < located.length && located[cursor]!.at < from) cursor += 1;
    let span: { turn: number; start: number; end: number } | null = null;
    for (let k = cursor; k < located.length && located[k]!.at < to; k += 1) {
      const { turn, piece } = located[k]!;
      if (!nameWord(turns[turn]![piece], false, lowercase)) continue;
      if (span && span.turn !== turn) break;
      if (span) span.end = piece;
      else span = { turn, start: piece, end: piece };
    }
    // "Absolutely." alone at a sentence start is no name, whatever the tagger thinks.
    if (span && !(span.start === span.end && turns[span.turn]![span.start]!.sentenceStart))
      spans[span.turn]!.push({ start: span.start, end: span.end });
  }
  return spans;
};

/** The words of a name worth matching elsewhere ("Dana Smith" -> Dana, Smith). */
export const nameTokens = (name: string): string[] =>
  name
    .split(/[\s,]+/)
    .map((w) => w.replace(/^[^A-Za-z]+|[^A-Za-z]+$/g, ''))
    .filter((w) => w.length >= 2 && !NOT_NAME.has(w.toLowerCase()));
