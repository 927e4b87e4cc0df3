import { bigramKey, LOG10_ZERO, type NgramModel, trigramKey } from './ngram-model.js';

export const SENTENCE_START = '<s>';
export const SENTENCE_END = '</s>';

/**
 * A trigram model with Witten-Bell smoothing, written in backoff (ARPA) form: for a history h
 * seen c(h) times with T(h) distinct followers,
 *   p(w | h) = (c(h, w) + T(h) · p(w | h')) / (c(h) + T(h))   for every w seen after h,
 *   bow(h)   = T(h) / (c(h) + T(h))                           for the rest (times p(w | h')),
 * which sums to one over the vocabulary at every order. Unigrams are maximum likelihood over the
 * corpus's own words (closed vocabulary): the general model supplies every other word when the
 * two are mixed. Witten-Bell suits a small hand-written corpus better than Kneser-Ney, whose
 * discounts need counts-of-counts that a few thousand sentences do not have.
 */
export const estimateWittenBell = (sentences: readonly (readonly string[])[]): NgramModel => {
  const ids = new Map<string, number>([
    [SENTENCE_START, 0],
    [SENTENCE_END, 1],
  ]);
  const words = [SENTENCE_START, SENTENCE_END];
  const id = (w: string): number => {
    let i = ids.get(w);
    if (i === undefined) {
      i = words.length;
      ids.set(w, i);
      words.push(w);
    }
    return i;
  };
  const encoded = sentences.filter((s) => s.length > 0).map((s) => [0, ...s.map(id), 1]);
  const v = words.length;

  const uni = new Float64Array(v);
  const bi = new Map<number, number>();
  const tri = new Map<number, number>();
  for (const s of encoded) {
    for (let i = 1; i < s.length; i++) {
      uni[s[i]!]!++;
      bi.set(bigramKey(s[i - 1]!, s[i]!, v), (bi.get(bigramKey(s[i - 1]!, s[i]!, v)) ?? 0) + 1);
      if (i >= 2) {
        const k = trigramKey(s[i - 2]!, s[i - 1]!, s[i]!, v);
        tri.set(k, (tri.get(k) ?? 0) + 1);
      }
    }
  }
  const total = uni.reduce((a, b) => a + b, 0);
  const uniProb = new Float64Array(v);
  for (let w = 0; w < v; w++) uniProb[w] = uni[w]! / total;

  // History totals and distinct-follower counts.
  const biHist = { count: new Float64Array(v), types: new Float64Array(v) };
  for (const [k, c] of bi) {
    const h = Math.floor(k / v);
    biHist.count[h]! += c;
    biHist.types[h]!++;
  }
  const triHist = new Map<number, { count: number; types: number }>();
  for (const [k, c] of tri) {
    const h = Math.floor(k / v);
    const entry = triHist.get(h) ?? { count: 0, types: 0 };
    entry.count += c;
    entry.types++;
    triHist.set(h, entry);
  }

  const uniBackoff = new Float64Array(v);
  for (let h = 0; h < v; h++) {
    const c = biHist.count[h]!;
    uniBackoff[h] = c > 0 ? biHist.types[h]! / (c + biHist.types[h]!) : 1;
  }
  const biProb = new Map<number, number>();
  for (const [k, c] of bi) {
    const h = Math.floor(k / v);
    const w = k % v;
    biProb.set(k, (c + biHist.types[h]! * uniProb[w]!) / (biHist.count[h]! + biHist.types[h]!));
  }
  const lowerBigram = (h: number, w: number): number =>
    biProb.get(bigramKey(h, w, v)) ?? uniBackoff[h]! * uniProb[w]!;

  const biKeys = [...bi.keys()].sort((a, b) => a - b);
  const triKeys = [...tri.keys()].sort((a, b) => a - b);
  const model: NgramModel = {
    order: 3,
    words,
    unigrams: { logProb: new Float32Array(v), backoff: new Float32Array(v) },
    bigrams: {
      w1: new Uint32Array(biKeys.length),
      w2: new Uint32Array(biKeys.length),
      logProb: new Float32Array(biKeys.length),
      backoff: new Float32Array(biKeys.length),
    },
    trigrams: {
      w1: new Uint32Array(triKeys.length),
      w2: new Uint32Array(triKeys.length),
      w3: new Uint32Array(triKeys.length),
      logProb: new Float32Array(triKeys.length),
    },
  };
  for (let w = 0; w < v; w++) {
    model.unigrams.logProb[w] = w === 0 ? LOG10_ZERO : Math.log10(uniProb[w]!);
    model.unigrams.backoff[w] = Math.log10(uniBackoff[w]!);
  }
  biKeys.forEach((k, i) => {
    const h = triHist.get(k);
    model.bigrams.w1[i] = Math.floor(k / v);
    model.bigrams.w2[i] = k % v;
    model.bigrams.logProb[i] = Math.log10(biProb.get(k)!);
    model.bigrams.backoff[i] = h ? Math.log10(h.types / (h.count + h.types)) : 0;
  });
  triKeys.forEach((k, i) => {
    const h = Math.floor(k / v);
    const w = k % v;
    const hist = triHist.get(h)!;
    const h2 = h % v;
    model.trigrams.w1[i] = Math.floor(h / v);
    model.trigrams.w2[i] = h2;
    model.trigrams.w3[i] = w;
    model.trigrams.logProb[i] = Math.log10(
      (tri.get(k)! + hist.types * lowerBigram(h2, w)) / (hist.count + hist.types),
    );
  });
  return model;
};
