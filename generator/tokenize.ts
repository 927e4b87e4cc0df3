import type { Fragment } from './customer-profile.js';
import type { PiiType } from './truth.js';

export interface Token {
  text: string;
  punctuation: boolean;
  /** Index of the PII fragment (within the utterance) this token belongs to, else null. */
  entity: number | null;
}

export interface TokenizedUtterance {
  tokens: Token[];
  entities: { type: PiiType; text: string }[];
  /** Canonical text: words separated by spaces, punctuation attached (how Transcribe writes Content). */
  text: string;
}

const TOKEN = /[A-Za-z0-9]+(?:['-][A-Za-z0-9]+)*|[.,?!]/g;

export function tokenize(fragments: readonly Fragment[]): TokenizedUtterance {
  const tokens: Token[] = [];
  const entities: TokenizedUtterance['entities'] = [];
  fragments.forEach((original, i) => {
    // Transcribe capitalizes the start of a turn's sentence, PII included ("Oh seven five ...").
    const fragment =
      i === 0
        ? { ...original, text: original.text.charAt(0).toUpperCase() + original.text.slice(1) }
        : original;
    let entity: number | null = null;
    if (fragment.pii !== null) {
      entity = entities.length;
      entities.push({ type: fragment.pii, text: fragment.text.trim() });
    }
    for (const match of fragment.text.matchAll(TOKEN)) {
      const text = match[0];
      tokens.push({ text, punctuation: /^[.,?!]$/.test(text), entity });
    }
  });
  return { tokens, entities, text: joinTokens(tokens) };
}

export function joinTokens(tokens: readonly { text: string; punctuation: boolean }[]): string {
  let out = '';
  for (const token of tokens) out += token.punctuation || out === '' ? token.text : ` ${token.text}`;
  return out;
}
