import type { Random } from './random.js';
import type { Token } from './tokenize.js';

export interface TimedToken extends Token {
  beginMs: number;
  endMs: number;
}

function syllables(word: string): number {
  const groups = word.toLowerCase().match(/[aeiouy]+/g)?.length ?? 0;
  const silentE = /[^aeiouy]e$/i.test(word) && groups > 1 ? 1 : 0;
  // Digits and initials ("I R A") still take a beat to say.
  return Math.max(1, groups - silentE);
}

/**
 * Word timings for one utterance, starting at 0: duration grows with syllables, pauses follow
 * commas and sentence ends. `rate` < 1 speaks faster. Punctuation items get a zero-length time
 * at the end of the previous word, as Transcribe writes them.
 */
export function timeTokens(
  tokens: readonly Token[],
  random: Random,
  rate: number,
): { tokens: TimedToken[]; durationMs: number } {
  if (!tokens.some((t) => !t.punctuation)) throw new RangeError('an utterance needs at least one word');
  const out: TimedToken[] = [];
  let cursor = 0;
  let lastWordEnd = 0;
  for (const token of tokens) {
    if (token.punctuation) {
      out.push({ ...token, beginMs: lastWordEnd, endMs: lastWordEnd });
      cursor += Math.round(random.int(120, 280) * rate * (token.text === ',' ? 1 : 1.8));
      continue;
    }
    if (out.length > 0) cursor += Math.round(random.int(30, 110) * rate);
    const duration = Math.round((110 + 105 * syllables(token.text)) * rate * random.float(0.85, 1.15));
    out.push({ ...token, beginMs: cursor, endMs: cursor + duration });
    cursor += duration;
    lastWordEnd = cursor;
  }
  return { tokens: out, durationMs: lastWordEnd };
}
