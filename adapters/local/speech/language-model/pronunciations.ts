/**
 * The pronunciation check of the domain vocabulary against cmudict (the dictionary pocketsphinx
 * decodes with): a word the dictionary lacks is spelled from two dictionary words when it is a
 * compound ("autopay" = "auto" + "pay", "passcode" = "pass" + "code"); anything else is dropped
 * from the domain model (the recogniser could never output it) and reported.
 */
export type Dictionary = ReadonlyMap<string, string>;

/** cmudict text → first pronunciation per word (alternates "word(2)" are ignored). */
export const parseDictionary = (text: string): Map<string, string> => {
  const dict = new Map<string, string>();
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const word = line.slice(0, space);
    if (word.endsWith(')')) continue;
    if (!dict.has(word)) dict.set(word, line.slice(space + 1).trim());
  }
  return dict;
};

export interface PronunciationReport {
  /** Words given a pronunciation built from two dictionary words. */
  added: { word: string; parts: [string, string]; phones: string }[];
  /** Words with no pronunciation: left out of the domain model. */
  dropped: string[];
}

const MIN_PART = 2;

export const checkPronunciations = (vocabulary: Iterable<string>, dict: Dictionary): PronunciationReport => {
  const report: PronunciationReport = { added: [], dropped: [] };
  for (const word of [...new Set(vocabulary)].sort()) {
    if (dict.has(word)) continue;
    let found: PronunciationReport['added'][number] | undefined;
    // Longest first part first: "reinstalling" → "re" + "installing" only if nothing longer fits.
    for (let cut = word.length - MIN_PART; cut >= MIN_PART && !found; cut--) {
      const a = word.slice(0, cut);
      const b = word.slice(cut);
      const pa = dict.get(a);
      const pb = dict.get(b);
      if (pa && pb) found = { word, parts: [a, b], phones: `${pa} ${pb}` };
    }
    if (found) report.added.push(found);
    else report.dropped.push(word);
  }
  return report;
};

/**
 * Sentences without dropped words: a sentence is cut where a dropped word stood, so no n-gram
 * spans the gap (deleting the word would invent a word pair nobody said).
 */
export const withoutWords = (sentences: readonly string[][], dropped: ReadonlySet<string>): string[][] =>
  sentences.flatMap((s) => {
    const pieces: string[][] = [[]];
    for (const w of s) {
      if (dropped.has(w)) pieces.push([]);
      else pieces[pieces.length - 1]!.push(w);
    }
    return pieces.filter((p) => p.length > 0);
  });
