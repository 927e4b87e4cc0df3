/**
 * Sentences of a spoken turn. Punctuated text is cut into sentences; a long unpunctuated stretch
 * (speech-recogniser output) is cut where it changes subject, before a marker word: "its been
 * raining all week anyway i got promoted so ..." → "its been raining all week", "anyway i got
 * promoted so ...". Pieces under four words stay with the piece before them.
 */
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

const CLAUSE_MARKER =
  /\s+(?=(?:anyway|anyways|so|but|um+|uh+|well|okay so|ok so|the thing is|the reason)\s)/giu;
/** Unpunctuated stretches shorter than this stay whole. */
const CLAUSE_MIN_WORDS = 12;

export const wordCount = (text: string): number =>
  text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

export const clauses = (sentence: string): string[] => {
  if (/[.!?]/u.test(sentence.slice(0, -1)) || wordCount(sentence) < CLAUSE_MIN_WORDS) return [sentence];
  const merged: string[] = [];
  for (const part of sentence.split(CLAUSE_MARKER).map((p) => p.trim())) {
    if (merged.length > 0 && wordCount(part) < 4) merged[merged.length - 1] += ` ${part}`;
    else merged.push(part);
  }
  return merged.filter((p) => p !== '');
};

/** Turns whose sentences are kept (a few calls' worth; cleared when full). */
const SENTENCE_CACHE_LIMIT = 2_000;
const sentencesOf = new Map<string, readonly string[]>();

/**
 * The sentences of a turn. Remembered (the answer depends on the text only): DetectTopics reads
 * a customer turn twice (small talk, then scores) and the summarizer once more.
 */
export const spokenSentences = (text: string): readonly string[] => {
  let sentences = sentencesOf.get(text);
  if (sentences === undefined) {
    sentences = Object.freeze(
      [...segmenter.segment(text)]
        .map((s) => s.segment.trim())
        .filter((s) => s !== '')
        .flatMap(clauses),
    );
    if (sentencesOf.size >= SENTENCE_CACHE_LIMIT) sentencesOf.clear();
    sentencesOf.set(text, sentences);
  }
  return sentences;
};
