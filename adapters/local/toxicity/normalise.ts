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

/** A word whose middle letters are masked: f*ck, f**king, sh*t, b***h, a**hole, st*pid. */
const MASKED_WORD = /(?<![\p{L}*])(\p{L}+)([*#]+)(\p{L}*)(?![\p{L}*])/gu;

const unmask = (head: string, stars: string, tail: string): string | null => {
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

const SPACED_LETTERS = /(?<![\p{L}])((?:\p{L}[ .-]){2,}\p{L})(?![\p{L}])/gu;

export const normaliseForRules = (raw: string): string => {
  let text = raw
    .replace(/[\u2018\u2019\u02bc`]/gu, "'")
    .replace(/[\u201c\u201d]/gu, '"')
    .toLowerCase();
  // A bare mask (Transcribe's vocabulary filter, or a typed "****").
  text = text.replace(/(?<![\p{L}*])\*{3,}(?![\p{L}*])/gu, ' [masked] ');
  text = text.replace(MASKED_WORD, (whole, head: string, stars: string, tail: string) => {
    return unmask(head, stars, tail) ?? whole;
  });
  text = text.replace(LEET_WORD, (word) => {
    // Trailing "!" or "$" is punctuation ("crooks!"), not a letter in disguise.
    const [, body = word, trail = ''] = /^(.*?)([!@$]*)$/u.exec(word) ?? [];
    if (!/[0-9!@$]/u.test(body)) return word;
    return `${[...body].map((c) => LEET[c] ?? c).join('')}${trail}`;
  });
  // "f u c k", "f.u.c.k": spelled-out letters that make a listed word.
  text = text.replace(SPACED_LETTERS, (whole) => {
    const joined = whole.replace(/[ .-]/gu, '');
    return (MASKABLE as readonly string[]).includes(joined) ? joined : whole;
  });
  // Phonetic spellings.
  text = text
    .replace(/\bf[v]ck/gu, 'fuck')
    .replace(/\bph[u]ck/gu, 'fuck')
    .replace(/\bf-ing\b/gu, 'fucking')
    .replace(/\bf-ed\b/gu, 'fucked');
  return text.replace(/\s+/gu, ' ').trim();
};
