/**
 * A turn's words cut into pieces the rules can read: lowercase text without the punctuation a
 * word may carry ("Mary," -> mary + ","), hyphenated number words split ("twenty-one"), written
 * numbers kept whole ("555-1234"), and `[PII]` items marked. Every piece points back at its word.
 */

export interface PieceWord {
  text: string;
  /** A punctuation item (Transcribe writes commas and periods as their own items). */
  punctuation?: boolean;
  /** Set on words that arrive already redacted (`[PII]`), with their entity type when known. */
  redaction?: string | null;
}

export interface Piece {
  /** Index of the word this piece came from. */
  word: number;
  /** Lowercase text, or the punctuation mark itself. */
  norm: string;
  /** The original spelling (case kept), without attached punctuation. */
  raw: string;
  kind: 'word' | 'punct' | 'pii';
  /** Starts with a capital letter. */
  cap: boolean;
  /** First word of a sentence (capitals there say nothing about names). */
  sentenceStart: boolean;
}

export const PII_TOKEN = '[PII]';
const WRITTEN_NUMBER = /^[#($]?\d[\d,./\-)]*\d\)?$|^[#($]?\d$/;
const LEADING = /^["'([{]+/;
const TRAILING = /[.,?!;:"')\]}]+$/;
export const SENTENCE_END = new Set(['.', '?', '!']);
/**
 * A word splitWord would leave whole and push as one piece: ASCII letters, apostrophes only
 * between them (a leading or trailing one is punctuation), no digit, `@`, `.` or `-`.
 */
const PLAIN_WORD = /^[A-Za-z](?:[A-Za-z']*[A-Za-z])?$/;

const splitWord = (text: string): { lead: string; core: string; trail: string } => {
  const lead = LEADING.exec(text)?.[0] ?? '';
  const rest = text.slice(lead.length);
  if (WRITTEN_NUMBER.test(rest.replace(TRAILING, '')) || rest.includes('@')) {
    const trail = /[.,?!;:"')\]}]+$/.exec(rest)?.[0] ?? '';
    const core = rest.slice(0, rest.length - trail.length);
    // "4111-1111." keeps its digits; an email keeps its dots.
    return { lead, core, trail };
  }
  const trail = TRAILING.exec(rest)?.[0] ?? '';
  return { lead, core: rest.slice(0, rest.length - trail.length), trail };
};

/** The pieces of one turn's words. */
export const toPieces = (words: readonly PieceWord[]): Piece[] => {
  const pieces: Piece[] = [];
  let atSentenceStart = true;
  const push = (word: number, raw: string, kind: Piece['kind']) => {
    pieces.push({
      word,
      norm: kind === 'word' ? raw.toLowerCase() : raw,
      raw,
      kind,
      // (its first unit A to Z: /^[A-Z]/ without a regular expression per piece)
      cap: kind === 'word' && raw.charCodeAt(0) >= 65 && raw.charCodeAt(0) <= 90,
      sentenceStart: kind === 'word' && atSentenceStart,
    });
    if (kind === 'punct') atSentenceStart = SENTENCE_END.has(raw);
    else atSentenceStart = false;
  };
  words.forEach((w, index) => {
    const text = w.text.trim();
    if (text === '') return;
    if (text.startsWith(PII_TOKEN) || w.redaction) {
      push(index, PII_TOKEN, 'pii');
      // "[PII]." keeps its punctuation.
      const trail = text.slice(PII_TOKEN.length);
      if (trail && /^[.,?!;:]/.test(trail)) push(index, trail.charAt(0), 'punct');
      return;
    }
    if (w.punctuation) {
      push(index, text.charAt(0), 'punct');
      return;
    }
    // Most words are letters alone (apostrophes inside): one piece, no lead, trail or number.
    if (PLAIN_WORD.test(text)) {
      push(index, text, 'word');
      return;
    }
    const { core, trail } = splitWord(text);
    if (core !== '') {
      const isNumber = /\d/.test(core) || core.includes('@') || core.includes('.');
      const parts = isNumber ? [core] : core.split('-').filter(Boolean);
      for (const part of parts) push(index, part, 'word');
    }
    if (trail) push(index, trail.charAt(0), 'punct');
  });
  return pieces;
};
