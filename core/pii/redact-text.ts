import { type RedactionMode, redactTranscript } from './redact-transcript.js';

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
