import type { Cue } from './cues.js';

/**
 * Name questions in a speech recogniser's bare lowercase output (no "?", no capitals): which agent
 * turns ask the caller's name, so that the reply is read for one (core/pii/redact-transcript.ts).
 */

/** What may follow a name question's cue at the end of the turn ("your name for me", "speaking to"). */
const BARE_TAILS: readonly (readonly string[])[] = [
  [],
  ['for', 'me'],
  ['again'],
  ['to'],
  ['with'],
  ['today'],
  ['as', 'well'],
  ['too'],
  ['there'],
];
/** Words a name question's cue ends on (not "beneficiary": "tell me about the beneficiary" asks no name). */
const NAME_CUE_ENDS = new Set(['name', 'surname', 'speaking', 'calling', 'account', 'card']);
/** Words before a question's opening that leave it a question ("okay so what is your name"). */
const DISCOURSE = new Set([
  'okay',
  'ok',
  'right',
  'alright',
  'so',
  'lovely',
  'great',
  'perfect',
  'brilliant',
  'excellent',
  'thanks',
  'thank',
  'you',
  'sorry',
  'then',
  'now',
  'first',
  'of',
  'all',
  'well',
  'um',
  'uh',
  'er',
  'erm',
  'yeah',
  'yes',
  'fine',
  'cheers',
  'and',
]);
/** What a name question asks with after "can i", "could you" ("can i take your name"; not "can i just say i love your name"). */
const ASKING_VERBS = new Set([
  'take',
  'have',
  'get',
  'grab',
  'confirm',
  'give',
  'tell',
  'spell',
  'check',
  'ask',
  'start',
  'go',
  'read',
  'verify',
]);
/** Words between "can i" and its verb ("can i just quickly take"). */
const ASKING_FILLERS = new Set(['just', 'please', 'also', 'quickly', 'now', 'first', 'then', 'kindly']);

/**
 * A name question in a recogniser's bare output, which writes no "?": an agent's turn whose last
 * clause (after the last comma or full stop) ends with a name cue (BARE_TAILS aside) and opens,
 * after words such as "okay", "so", "lovely", with a question: "what is your name", "whats the name
 * on the account", "who am i speaking to", "can i just take your full name", "could you give me
 * your surname", "confirm your full name for me", "and your surname". A statement that holds a cue
 * is none ("i can see your name here", "let me see what we have under your name", "the letter has
 * your date of birth and your name", "can i just say i love your name"), nor "my surname".
 */
export const asksNameBare = (norms: readonly string[], cues: readonly Cue[]): boolean =>
  cues.some((c) => {
    if (c.type !== 'NAME' || !NAME_CUE_ENDS.has(norms[c.at]!) || norms[c.start - 1] === 'my') return false;
    const tail = norms.slice(c.at + 1).filter((n) => n !== '.' && n !== ',');
    if (!BARE_TAILS.some((t) => t.length === tail.length && t.every((w, k) => tail[k] === w))) return false;
    let from = c.start;
    while (from > 0 && norms[from - 1] !== '.' && norms[from - 1] !== ',' && norms[from - 1] !== '?')
      from -= 1;
    const clause = norms.slice(from, c.start);
    let i = 0;
    while (i < clause.length && DISCOURSE.has(clause[i]!)) i += 1;
    const words = clause.slice(i);
    // "who am i speaking to", "and your surname", "okay and the full name".
    if (words.length === 0 || (words.length === 1 && (words[0] === 'your' || words[0] === 'the')))
      return true;
    const [first, second] = words;
    // "whats your name", "confirm your name for me": the cue ("your name") holds the determiner.
    const cueOwns = second === undefined && /^(your|the)$/.test(norms[c.start]!);
    if (first === 'what' || first === 'whats' || first === "what's")
      return cueOwns || ['is', 'was', "'s", 'your', 'the', 'their', 'his', 'her'].includes(second ?? '');
    if (first === 'tell' || first === 'give' || first === 'confirm' || first === 'spell')
      return cueOwns || ['me', 'us', 'your', 'the'].includes(second ?? '');
    if (['can', 'could', 'may', 'would'].includes(first!) && ['i', 'you', 'we'].includes(second ?? '')) {
      let k = 2;
      while (ASKING_FILLERS.has(words[k] ?? '')) k += 1;
      return ASKING_VERBS.has(words[k] ?? '');
    }
    return asksAtClauseEnd(words, /^(your|the)$/.test(norms[c.start]!));
  });

/**
 * A greeting or an introduction run into the question, with no stop between ("hello youre through
 * to the bank can i take your name", "my name is yann whats your name"): the clause ends with the
 * question itself, right before the cue: modal, pronoun, a request verb (and "me", "your"), or
 * "whats" with the cue's determiner. Not a statement that ends so ("so that we can have your
 * name": "we can", not "can we").
 */
const asksAtClauseEnd = (words: readonly string[], cueOwnsDeterminer: boolean): boolean => {
  let end = words.length;
  const last = words[end - 1];
  if (cueOwnsDeterminer && (last === 'whats' || last === "what's")) return true;
  if (last === 'your' || last === 'the') {
    end -= 1;
    const before = words[end - 1];
    if (before === 'whats' || before === "what's") return true;
    if ((before === 'is' || before === 'was') && words[end - 2] === 'what') return true;
  }
  if (words[end - 1] === 'me' || words[end - 1] === 'us') end -= 1;
  if (!ASKING_VERBS.has(words[end - 1] ?? '')) return false;
  let k = end - 2;
  while (k >= 0 && ASKING_FILLERS.has(words[k]!)) k -= 1;
  return (
    ['i', 'you', 'we'].includes(words[k] ?? '') &&
    ['can', 'could', 'may', 'would'].includes(words[k - 1] ?? '')
  );
};
