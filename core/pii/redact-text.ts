import { PII_TOKEN } from './pieces.js';
import { type RedactionMode, redactTranscript } from './redact-transcript.js';
import { readNumbers } from './spoken-number.js';

export interface RedactableText {
  /** Free text (a summary field): one "turn" with no speaker context. */
  text: string;
  role?: 'AGENT' | 'CUSTOMER' | 'IVR';
}

/**
 * Redacts free text such as a summary an AI step wrote, with the same rules as transcripts and
 * the names the call is known to mention. Returns the text with `[PII]` in place of each entity
 * and how many entities were replaced.
 */
export const redactText = (
  input: RedactableText,
  options: { mode?: RedactionMode; knownNames?: readonly string[] } = {},
): { text: string; redactions: number } => {
  const words = input.text
    .split(/\s+/)
    .filter(Boolean)
    .map((text) => ({ text, beginMs: 0, endMs: 0 }));
  if (words.length === 0) return { text: input.text, redactions: 0 };
  const result = redactTranscript({
    turns: [{ role: input.role ?? 'AGENT', words }],
    knownNames: options.knownNames ?? [],
    mode: options.mode ?? 'default',
  });
  const found = result.redactions.filter((r) => !r.upstream).length;
  return { text: found === 0 ? input.text : result.turns[0]!.text, redactions: found };
};

/** A value redacted from the transcript, as words and digits: found again in texts derived from it. */
export interface KnownValue {
  /** Lowercase words without punctuation ("four", "one", ...). */
  words: string[];
  /** Its digits as the normaliser reads them ("" when it has none). */
  digits: string;
}

const bare = (word: string): string => word.toLowerCase().replace(/^[^a-z0-9@]+|[^a-z0-9@]+$/g, '');

/**
 * Free text derived from the transcript (Transcribe's issues, outcomes, action items and summary)
 * has lost the context that typed its values, so besides the rules it is scrubbed of every value
 * redacted from the transcript itself: the same words in a row, or a number whose digits are part
 * of a redacted number.
 */
export const redactDerivedText = (
  text: string,
  known: readonly KnownValue[],
  options: { mode?: RedactionMode; knownNames?: readonly string[] } = {},
): { text: string; redactions: number } => {
  const ruled = redactText({ text }, options);
  const words = ruled.text.split(/\s+/).filter(Boolean);
  const norms = words.map(bare);
  const hit = norms.map(() => false);
  for (const value of known) {
    const n = value.words.length;
    if (n === 0) continue;
    for (let i = 0; i + n <= norms.length; i += 1)
      if (value.words.every((w, k) => norms[i + k] === w)) for (let k = 0; k < n; k += 1) hit[i + k] = true;
  }
  const digitsKnown = known.map((v) => v.digits).filter((d) => d.length >= 3);
  if (digitsKnown.length > 0)
    for (const run of readNumbers(norms)) {
      if (run.digits.length >= 3 && digitsKnown.some((d) => d.includes(run.digits)))
        for (let k = run.start; k <= run.end; k += 1) hit[k] = true;
    }
  if (!hit.includes(true)) return ruled;
  const out: string[] = [];
  let extra = 0;
  words.forEach((word, i) => {
    if (!hit[i]) out.push(word);
    else if (!hit[i - 1]) {
      extra += 1;
      out.push(`${PII_TOKEN}${/[.,?!;:]+$/.exec(word)?.[0] ?? ''}`);
    } else if (/[.,?!;:]+$/.test(word)) out[out.length - 1] = `${PII_TOKEN}${/[.,?!;:]+$/.exec(word)![0]}`;
  });
  return { text: out.join(' '), redactions: ruled.redactions + extra };
};
