import type { Redaction, TranscriptTurn } from '../../core/pii/index.js';

/** A value planted in a transcript: which turn, which input words. */
export interface PlantedValue {
  type: string;
  turnIndex: number;
  /** Input word indexes of the value (pronunciations only). */
  words: number[];
  text: string;
}

export interface TypeScore {
  planted: number;
  full: number;
  partial: number;
  missed: number;
}

export interface Score {
  byType: Map<string, TypeScore>;
  words: number;
  falseRedactions: number;
  /** Planted values not fully redacted, for the report. */
  leaks: { type: string; text: string; left: string }[];
}

/** Function words inside a spoken value that give nothing away when left ("the seventh of March"). */
const FILLER = new Set(['the', 'of', 'and', 'a', 'um', 'uh']);

export const emptyScore = (): Score => ({ byType: new Map(), words: 0, falseRedactions: 0, leaks: [] });

/**
 * Scores one call's redactions against its planted values: a value is fully redacted when every
 * word of it (fillers aside) is inside a redaction, partly when some are, missed when none are.
 * A redaction touching no planted value is a false redaction.
 */
export const scoreCall = (
  score: Score,
  turns: readonly TranscriptTurn[],
  planted: readonly PlantedValue[],
  redactions: readonly Redaction[],
): void => {
  const covered = new Set<string>();
  for (const r of redactions)
    if (!r.upstream) for (let w = r.firstWord; w <= r.lastWord; w += 1) covered.add(`${r.turnIndex}:${w}`);
  const plantedWords = new Set(planted.flatMap((p) => p.words.map((w) => `${p.turnIndex}:${w}`)));
  for (const p of planted) {
    const s = score.byType.get(p.type) ?? { planted: 0, full: 0, partial: 0, missed: 0 };
    score.byType.set(p.type, s);
    s.planted += 1;
    const turn = turns[p.turnIndex]!;
    const value = p.words.filter(
      (w) => !FILLER.has(turn.words[w]!.text.toLowerCase().replace(/[^a-z']/g, '')),
    );
    const hit = value.filter((w) => covered.has(`${p.turnIndex}:${w}`)).length;
    if (value.length > 0 && hit === value.length) s.full += 1;
    else {
      if (hit > 0) s.partial += 1;
      else s.missed += 1;
      score.leaks.push({
        type: p.type,
        text: p.text,
        left: value
          .filter((w) => !covered.has(`${p.turnIndex}:${w}`))
          .map((w) => turn.words[w]!.text)
          .join(' '),
      });
    }
  }
  for (const r of redactions) {
    if (r.upstream) continue;
    let touches = false;
    for (let w = r.firstWord; w <= r.lastWord; w += 1)
      if (plantedWords.has(`${r.turnIndex}:${w}`)) touches = true;
    if (!touches) score.falseRedactions += 1;
  }
  score.words += turns.reduce((n, t) => n + t.words.filter((w) => !w.punctuation).length, 0);
};
