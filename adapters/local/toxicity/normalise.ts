/**
 * Text as the phrase rules read it: lower case, straight apostrophes, single spaces, and the
 * usual ways of hiding a swear word undone ("f***ing", "sh1t", "a$$hole", "f u c k", "fvck").
 * Transcribe's vocabulary filter masks a word as `***`; that mask is kept as the token `[masked]`.
 */

/** Swear words a mask or a spelling trick may hide, by first and last letter. */
const MASKABLE = [
  'fucking',
  'fucked',
  'fucker',
  'fuck',
  'shitty',
  'shit',
  'bitch',
  'bastard',
  'asshole',
  'ass',
  'damn',
  'dick',
  'cunt',
  'piss',
  'crap',
  'whore',
  'slut',
  'stupid',
] as const;

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '!': 'i',
  '3': 'e',
  '4': 'a',
  '@': 'a',
  $: 's',
  '5': 's',
  '7': 't',
};

/** A word with letters plus digits/symbols in it, e.g. sh1t, a$$hole, b!tch. */
const LEET_WORD =
  /(?<![\p{L}\p{N}])(?=[\p{L}0-9!@$]*\p{L})(?=[\p{L}0-9!@$]*[0-9!@$])[\p{L}0-9!@$]{3,}(?![\p{L}\p{N}])/gu;

/**
 * Words a mask may hide inside a longer word or a compound ("d*ckhead", "clusterf*ck",
 * "b*llocks", "f*gg*t"): swear words, British ones included, and slurs. A masked word is read as
 * one of these when its visible letters fit and each run of mask characters stands for about as
 * many letters.
 */
export const MASK_VOCABULARY: readonly string[] = [
  ...MASKABLE,
  'motherfucker',
  'bullshit',
  'dickhead',
  'shithead',
  'arsehole',
  'knobhead',
  'bollocks',
  'bellend',
  'wanker',
  'tosser',
  'twat',
  'prick',
  'cock',
  'arse',
  'shite',
  'pissed',
  'faggot',
  'nigger',
  'nigga',
  'retard',
  'paki',
  'kike',
  'chink',
  'tranny',
  'spastic',
];
/** Hidden words short enough to turn up by chance inside an ordinary compound: only read on their own. */
const SHORT_WORDS: ReadonlySet<string> = new Set([
  'ass',
  'arse',
  'cock',
  'crap',
  'damn',
  'dick',
  'piss',
  'paki',
  'kike',
]);
/** Longest first, so "fucking" wins over "fuck" and "dickhead" over "dick". */
const BY_LENGTH = [...MASK_VOCABULARY].sort((a, b) => b.length - a.length);

/** A token of letters with at least one run of mask characters after a letter: f*ck, d*ckh*ad, clusterf*ck. */
const MASKED_TOKEN = /(?<![\p{L}*#])\p{L}[\p{L}*#]*[*#][\p{L}*#]*(?![\p{L}*#])/gu;

/** A word whose middle letters are masked: f*ck, f**king, sh*t, b***h, a**hole, st*pid. */
const MASKED_WORD = /^(\p{L}+)([*#]+)(\p{L}*)$/u;

const unmaskSimple = (head: string, stars: string, tail: string): string | null => {
  const hidden = stars.length;
  for (const word of MASKABLE) {
    if (!word.startsWith(head) || !word.endsWith(tail)) continue;
    const missing = word.length - head.length - tail.length;
    // "f***ing" hides "uck" exactly; "f**king" hides "uc"; allow one mask char per hidden letter,
    // or fewer (people type "f*ck" for "fuck" too).
    if (missing >= 1 && hidden <= missing + 1) return word;
  }
  // "f***ing" style where the tail is a suffix of a known word's inflection.
  for (const word of MASKABLE) {
    for (const suffix of ['ing', 'ed', 'er', 's']) {
      if (tail.endsWith(suffix) && `${word}${suffix}`.startsWith(head) && word.length > head.length) {
        const core = tail.slice(0, tail.length - suffix.length);
        if (word.endsWith(core)) return `${word}${suffix}`;
      }
    }
  }
  return null;
};

/**
 * A masked token read against MASK_VOCABULARY: the token with each run of k mask characters
 * standing for k - 1 to k + 1 letters must spell prefix + word + suffix, the masks inside the word.
 * A prefix or suffix (a compound: "clusterf*ck", "d*ckhead") is allowed for words of 4 letters or
 * more. Null when nothing fits.
 */
const unmaskCompound = (token: string): string | null => {
  const first = token.search(/[*#]/u);
  let last = first;
  for (let i = token.length - 1; i >= 0; i -= 1)
    if (token[i] === '*' || token[i] === '#') {
      last = i;
      break;
    }
  const pattern = new RegExp(
    `^${token.replace(/[*#]+/gu, (run) => `\\p{L}{${Math.max(1, run.length - 1)},${run.length + 1}}`)}$`,
    'u',
  );
  for (const word of BY_LENGTH)
    for (let p = 0; p <= first; p += 1)
      for (let q = token.length; q > last; q -= 1) {
        const pre = token.slice(0, p);
        const post = token.slice(q);
        if (/[*#]/u.test(pre + post)) continue;
        if ((pre !== '' || post !== '') && (word.length < 4 || SHORT_WORDS.has(word))) continue;
        const candidate = `${pre}${word}${post}`;
        if (pattern.test(candidate)) return candidate;
      }
  return null;
};

const unmask = (token: string): string => {
  const simple = MASKED_WORD.exec(token);
  if (simple) {
    const found = unmaskSimple(simple[1]!, simple[2]!, simple[3]!);
    if (found !== null) return found;
  }
  return unmaskCompound(token) ?? token;
};

/** A run of three or more of one letter ("fuuuuck", "shiiiit", "waaaanker"). */
const LONG_RUN = /(\p{L})\1{2,}/gu;
const REPEATED_WORD = /\p{L}*(\p{L})\1{2,}\p{L}*/gu;

/**
 * A word stretched by repeated letters, read as the listed word it spells when runs are cut to
 * one or two letters ("waaaanker" → "wanker", "biiitch" → "bitch"), else with runs of two.
 */
const unstretch = (word: string): string => {
  const one = word.replace(LONG_RUN, '$1');
  const two = word.replace(LONG_RUN, '$1$1');
  const listed = (w: string) => BY_LENGTH.some((v) => w === v || w.startsWith(v));
  if (listed(one)) return one;
  if (listed(two)) return two;
  return two;
};

const SPACED_LETTERS = /(?<![\p{L}])((?:\p{L}[ .-]){2,}\p{L})(?![\p{L}])/gu;

/**
 * A run of single letters read as the longest listed word it spells from one letter to another (at
 * least three letters), the letters around it kept as they were: "f u c k" → "fuck", "r a c-u-n-t" →
 * "r a cunt"; a run that spells no listed word is left as it is ("b b c", "a b c d").
 */
const spelledOut = (whole: string): string => {
  const letters = whole.replace(/[ .-]/gu, '');
  if (MASK_VOCABULARY.includes(letters)) return letters;
  if (whole.length !== 2 * letters.length - 1) return whole;
  for (let length = letters.length - 1; length >= 3; length -= 1)
    for (let start = 0; start + length <= letters.length; start += 1) {
      const word = letters.slice(start, start + length);
      if (!MASK_VOCABULARY.includes(word)) continue;
      // The letters before and after keep their separators; the word's own are dropped.
      const before = whole.slice(0, 2 * start);
      const after = whole.slice(2 * (start + length) - 1);
      return `${before}${word}${after}`;
    }
  return whole;
};

/**
 * Listed words of five letters or more with two neighbouring letters swapped after the first
 * ("idoit", "stupdi", "btich"), as typed to get past a filter or by a slip: the swapped spelling read
 * as the word. No spelling here is an English word (a test reads WordNet's lemmas).
 */
export const TRANSPOSABLE: readonly string[] = [
  ...MASK_VOCABULARY.filter((w) => w.length >= 5 && !w.includes('-')),
  'idiot',
  'idiots',
  'moron',
  'morons',
  'useless',
  'pathetic',
  'imbecile',
  'cretin',
];
const SWAPPED: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const word of TRANSPOSABLE)
    for (let i = 1; i + 1 < word.length; i += 1) {
      if (word[i] === word[i + 1]) continue;
      const swapped = `${word.slice(0, i)}${word[i + 1]}${word[i]}${word.slice(i + 2)}`;
      if (!TRANSPOSABLE.includes(swapped) && !map.has(swapped)) map.set(swapped, word);
    }
  return map;
})();
/** The swapped spellings SWAPPED reads (tests). */
export const SWAPPED_SPELLINGS: readonly string[] = [...SWAPPED.keys()];

/**
 * Listed words spelled back to front ("tihs", "kcuf"), to get past a filter, with the endings a
 * swear word takes on ("kcuffing" → "fucking": the stem reversed, the ending not; "gnikcuf",
 * "sreknaw": the ending reversed too, rules v12), and listed words
 * in pig Latin ("uckingfay", "ullshitbay", "itshay": the first one to three letters moved to the end
 * before "ay") — rules v11. Not the short words that turn up inside ordinary ones; no back-to-front
 * spelling here is an English word (a test reads WordNet's lemmas).
 */
const HIDEABLE = MASK_VOCABULARY.filter((w) => !SHORT_WORDS.has(w) && !w.includes('-') && w.length >= 4);
const BACK_TO_FRONT: ReadonlyMap<string, string> = new Map(
  HIDEABLE.map((w) => [[...w].reverse().join(''), w] as const).filter(([r, w]) => r !== w),
);
/** The back-to-front spellings read as listed words (tests). */
export const BACK_TO_FRONT_SPELLINGS: readonly string[] = [...BACK_TO_FRONT.keys()];
const STEMS_BACK_TO_FRONT = [...BACK_TO_FRONT.keys()].sort((a, b) => b.length - a.length).join('|');
/**
 * A back-to-front stem with an ending as written ("kcufing", "kcuffing", "kcuffed": the stem's last
 * letter may be doubled before it), or with the ending reversed too ("gnikcuf", "sreknaw").
 */
const BACK_TO_FRONT_STEM = new RegExp(`^(${STEMS_BACK_TO_FRONT})(\\p{L}??)(ing|in|ed|er|ers|s|y)?$`, 'u');
const BACK_TO_FRONT_WHOLE = new RegExp(`^(gni|ni|de|sre|re|s|y)(${STEMS_BACK_TO_FRONT})$`, 'u');
const REVERSED_ENDING: Readonly<Record<string, string>> = {
  gni: 'ing',
  ni: 'in',
  de: 'ed',
  sre: 'ers',
  re: 'er',
  s: 's',
  y: 'y',
};
const HIDEABLE_SET: ReadonlySet<string> = new Set(HIDEABLE);
const unhide = (word: string): string | null => {
  const reversed = BACK_TO_FRONT_STEM.exec(word);
  if (reversed) {
    const [, back, doubled, ending = ''] = reversed as unknown as [
      string,
      string,
      string,
      string | undefined,
    ];
    // a letter between stem and ending only as the stem's last letter doubled, before an ending
    if (doubled === '' || (doubled === back.at(-1) && ending !== '' && ending !== 's'))
      return `${BACK_TO_FRONT.get(back)!}${ending}`;
  }
  const whole = BACK_TO_FRONT_WHOLE.exec(word);
  if (whole) return `${BACK_TO_FRONT.get(whole[2]!)!}${REVERSED_ENDING[whole[1]!]!}`;
  if (word.length >= 6 && word.endsWith('ay')) {
    const body = word.slice(0, -2);
    for (let k = 1; k <= 3 && k < body.length; k += 1) {
      const read = `${body.slice(-k)}${body.slice(0, -k)}`;
      if (HIDEABLE_SET.has(read)) return read;
    }
  }
  return null;
};

/**
 * What each replacement below needs in the text to change it: a mask character, a letter three
 * times in a row, a digit or a leet symbol, a hyphen. A text without it comes out of that
 * replacement as it went in, so the replacement is skipped (`everyStep` runs them all: tests).
 */
const ANY_MASK = /[*#]/u;
const LETTER_RUN = /(\p{L})\1{2}/u;
const ANY_LEET = /[0-9!@$]/u;

export const normaliseForRules = (raw: string, options: { everyStep?: boolean } = {}): string => {
  const every = options.everyStep === true;
  let text = raw
    .replace(/[\u2018\u2019\u02bc`]/gu, "'")
    .replace(/[\u201c\u201d]/gu, '"')
    .toLowerCase();
  if (every || ANY_MASK.test(text)) {
    // A bare mask (Transcribe's vocabulary filter, or a typed "****").
    text = text.replace(/(?<![\p{L}*])\*{3,}(?![\p{L}*])/gu, ' [masked] ');
    text = text.replace(MASKED_TOKEN, unmask);
  }
  if (every || LETTER_RUN.test(text)) text = text.replace(REPEATED_WORD, unstretch);
  if (every || ANY_LEET.test(text))
    text = text.replace(LEET_WORD, (word) => {
      // Trailing "!" or "$" is punctuation ("crooks!"), not a letter in disguise.
      const [, body = word, trail = ''] = /^(.*?)([!@$]*)$/u.exec(word) ?? [];
      if (!/[0-9!@$]/u.test(body)) return word;
      return `${[...body].map((c) => LEET[c] ?? c).join('')}${trail}`;
    });
  // "f u c k", "f.u.c.k": spelled-out letters that make a listed word; since rules v9 also a listed
  // word inside a longer run of single letters ("you r a c-u-n-t": "r a c u n t" is no word).
  text = text.replace(SPACED_LETTERS, spelledOut);
  // A hyphen for one letter of a listed word on its own ("sh-t", "b-tch"); not a compound ("co-op").
  if (every || text.includes('-'))
    text = text.replace(
      /(?<![\p{L}-])(\p{L}+)-(\p{L}+)(?![\p{L}-])/gu,
      (whole, head: string, tail: string) => {
        const word = MASK_VOCABULARY.find(
          (v) => v.length === head.length + tail.length + 1 && v.startsWith(head) && v.endsWith(tail),
        );
        return word ?? whole;
      },
    );
  // Phonetic spellings.
  text = text
    .replace(/\bf[v]ck/gu, 'fuck')
    .replace(/\bph[u]ck/gu, 'fuck')
    .replace(/\bf-ing\b/gu, 'fucking')
    .replace(/\bf-ed\b/gu, 'fucked')
    // Two neighbouring letters swapped (rules v9): "you absolute idoit"; back to front or in pig
    // Latin (rules v11): "utter tihs", "uckingfay useless".
    .replace(
      /(?<![\p{L}\p{N}'])[a-z]{4,}(?![\p{L}\p{N}])/gu,
      (word) => SWAPPED.get(word) ?? unhide(word) ?? word,
    );
  return text.replace(/\s+/gu, ' ').trim();
};
