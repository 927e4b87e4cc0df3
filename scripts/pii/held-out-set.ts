import type { TranscriptTurn } from '../../core/pii/index.js';
import type { HeldOutCase } from './held-out.js';
import type { PlantedValue } from './scoring.js';

const ROLES = { A: 'AGENT', C: 'CUSTOMER', I: 'IVR' } as const;
const MARK = /\[\[([A-Z_]+)\|([^\]]+)\]\]/g;
const WORD_MS = 320;

/**
 * A held-out case as the redactor sees it: words with made-up times (punctuation stays on the
 * words, as engines other than Transcribe and summaries write it) and the planted values.
 */
export const heldOutCase = (c: HeldOutCase): { turns: TranscriptTurn[]; planted: PlantedValue[] } => {
  const turns: TranscriptTurn[] = [];
  const planted: PlantedValue[] = [];
  let clock = 0;
  c.turns.forEach((line, turnIndex) => {
    const role = ROLES[line.charAt(0) as keyof typeof ROLES];
    if (!role || line.charAt(1) !== ':')
      throw new Error(`${c.id}: turn ${turnIndex} needs an A:, C: or I: prefix`);
    const body = line.slice(2).trim();
    const words: { text: string; beginMs: number; endMs: number }[] = [];
    const say = (segment: string, type: string | null) => {
      const texts = (c.lowercase ? segment.toLowerCase().replace(/[.,?!]/g, ' ') : segment).split(/\s+/);
      const value: number[] = [];
      texts.forEach((text, k) => {
        if (text === '') return;
        // Punctuation right after a value ("]].") belongs to the word before it.
        if (k === 0 && type === null && !/^\s/.test(segment) && words.length > 0) {
          words[words.length - 1]!.text += text;
          return;
        }
        words.push({ text, beginMs: clock, endMs: clock + WORD_MS - 40 });
        clock += WORD_MS;
        if (type) value.push(words.length - 1);
      });
      if (type && value.length > 0) planted.push({ type, turnIndex, words: value, text: segment });
    };
    let at = 0;
    for (const m of body.matchAll(MARK)) {
      say(body.slice(at, m.index), null);
      say(m[2]!, m[1]!);
      at = m.index + m[0].length;
    }
    say(body.slice(at), null);
    turns.push({ role, words });
    clock += 700;
  });
  return { turns, planted };
};
