/**
 * What the extractive summarizer asks of a toxicity engine so that the reason for the call never
 * quotes abuse word for word: whether a sentence is abusive, and a clean form of one that carries
 * the request ("i cant log in so fix it or watch your back" → "i cant log in so fix it").
 */
export interface AbuseFilter {
  /** True when the text is abusive (any label over the engine's threshold). */
  isAbusive(text: string): boolean;
  /**
   * The text without its abusive clauses when the rest still says something, with profanity and
   * name-calls masked (ABUSE_MASK), a threat masked where it shares a clause with a clean request,
   * and any clause still abusive masked whole: `isAbusive` is false
   * on what comes back. A clean text comes back unchanged.
   */
  clean(text: string): string;
  /** The rules' hash, for the summarizer's lineage. */
  readonly hash: string;
}

/** What stands where a word was masked. */
export const ABUSE_MASK = '[…]';
