/**
 * Word error rate the way sclite scores it: the alignment of hypothesis to reference words with
 * the least cost under sclite's default weights (substitution 4, deletion 3, insertion 3; a
 * match 0), WER = (S + D + I) / N over the reference's N words. Text is normalised first:
 * lowercase, no punctuation except inner apostrophes.
 */
const SUB = 4;
const DEL = 3;
const INS = 3;
export interface WordErrors {
  reference: number;
  substitutions: number;
  deletions: number;
  insertions: number;
}

export const normalizeWords = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w.length > 0);

export const wordErrors = (reference: readonly string[], hypothesis: readonly string[]): WordErrors => {
  const n = reference.length;
  const m = hypothesis.length;
  // cost[i][j]: edits turning the first i reference words into the first j hypothesis words.
  const cost: number[][] = Array.from({ length: n + 1 }, (_, i) =>
    Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j * INS : j === 0 ? i * DEL : 0)),
  );
  const diagonal = (i: number, j: number) =>
    cost[i - 1]![j - 1]! + (reference[i - 1] === hypothesis[j - 1] ? 0 : SUB);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      cost[i]![j] = Math.min(diagonal(i, j), cost[i - 1]![j]! + DEL, cost[i]![j - 1]! + INS);
    }
  }
  const errors: WordErrors = { reference: n, substitutions: 0, deletions: 0, insertions: 0 };
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && cost[i]![j] === diagonal(i, j)) {
      if (reference[i - 1] !== hypothesis[j - 1]) errors.substitutions++;
      i--;
      j--;
    } else if (i > 0 && cost[i]![j] === cost[i - 1]![j]! + DEL) {
      errors.deletions++;
      i--;
    } else {
      errors.insertions++;
      j--;
    }
  }
  return errors;
};

export const addErrors = (a: WordErrors, b: WordErrors): WordErrors => ({
  reference: a.reference + b.reference,
  substitutions: a.substitutions + b.substitutions,
  deletions: a.deletions + b.deletions,
  insertions: a.insertions + b.insertions,
});

export const NO_ERRORS: WordErrors = { reference: 0, substitutions: 0, deletions: 0, insertions: 0 };

export const wordErrorRate = (e: WordErrors): number =>
  e.reference === 0 ? 0 : (e.substitutions + e.deletions + e.insertions) / e.reference;
