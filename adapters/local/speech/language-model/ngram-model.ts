/**
 * A backoff n-gram model (order ≤ 3) in columns: log10 probabilities and backoff weights, word
 * ids index `words`. Column arrays keep the 3.7 M n-grams of the general en-US model in a few
 * tens of MB instead of millions of objects.
 */
export interface NgramModel {
  order: number;
  words: string[];
  unigrams: { logProb: Float32Array; backoff: Float32Array };
  bigrams: { w1: Uint32Array; w2: Uint32Array; logProb: Float32Array; backoff: Float32Array };
  trigrams: { w1: Uint32Array; w2: Uint32Array; w3: Uint32Array; logProb: Float32Array };
}

/** ARPA's "log10 zero" (sphinx and SRILM write -99 for impossible events such as `<s>`). */
export const LOG10_ZERO = -99;

/** Numeric keys: exact in a double while the vocabulary stays under 2^17.6 words per position. */
export const bigramKey = (w1: number, w2: number, vocabSize: number): number => w1 * vocabSize + w2;
export const trigramKey = (w1: number, w2: number, w3: number, vocabSize: number): number =>
  (w1 * vocabSize + w2) * vocabSize + w3;

/** Lookups and backed-off probabilities over a model, in its own word ids. */
export class NgramScorer {
  readonly ids: Map<string, number>;
  private readonly bigramIndex = new Map<number, number>();
  private readonly trigramIndex = new Map<number, number>();
  private readonly size: number;

  constructor(readonly model: NgramModel) {
    this.size = model.words.length;
    this.ids = new Map(model.words.map((w, i) => [w, i]));
    const { bigrams, trigrams } = model;
    for (let i = 0; i < bigrams.w1.length; i++) {
      this.bigramIndex.set(bigramKey(bigrams.w1[i]!, bigrams.w2[i]!, this.size), i);
    }
    for (let i = 0; i < trigrams.w1.length; i++) {
      this.trigramIndex.set(trigramKey(trigrams.w1[i]!, trigrams.w2[i]!, trigrams.w3[i]!, this.size), i);
    }
  }

  bigram(w1: number, w2: number): number | undefined {
    return this.bigramIndex.get(bigramKey(w1, w2, this.size));
  }

  trigram(w1: number, w2: number, w3: number): number | undefined {
    return this.trigramIndex.get(trigramKey(w1, w2, w3, this.size));
  }

  /** log10 p(w | history) with Katz-style backoff; history is oldest first (0–2 words). */
  logProb(w: number, history: readonly number[]): number {
    const { unigrams, bigrams, trigrams } = this.model;
    if (history.length >= 2 && this.model.order >= 3) {
      const h1 = history[history.length - 2]!;
      const h2 = history[history.length - 1]!;
      const t = this.trigram(h1, h2, w);
      if (t !== undefined) return trigrams.logProb[t]!;
      const b = this.bigram(h1, h2);
      return (b === undefined ? 0 : bigrams.backoff[b]!) + this.logProb(w, [h2]);
    }
    if (history.length >= 1 && this.model.order >= 2) {
      const h = history[history.length - 1]!;
      const b = this.bigram(h, w);
      if (b !== undefined) return bigrams.logProb[b]!;
      return unigrams.backoff[h]! + unigrams.logProb[w]!;
    }
    return unigrams.logProb[w]!;
  }
}
