import { bigramKey, LOG10_ZERO, type NgramModel, NgramScorer, trigramKey } from './ngram-model.js';
import { SENTENCE_START } from './witten-bell.js';

export interface InterpolationReport {
  /** Words the domain model adds to the general vocabulary. */
  addedWords: string[];
  /** Histories whose left-over mass rounded to ≤ 0 and was clamped (quantised input). */
  clampedBackoffs: number;
}

/**
 * Static linear interpolation of two backoff models into one backoff model (what SRILM's
 * `ngram -mix-lm -lambda` writes): every n-gram explicit in either model gets
 *   p(w | h) = λ · p_domain(w | h) + (1 − λ) · p_general(w | h)
 * (each side backing off as usual; a word unknown to one side has probability 0 there), and every
 * history's backoff weight is recomputed so the mixed model sums to one again:
 *   bow(h) = (1 − Σ_explicit p(w | h)) / (1 − Σ_explicit p(w | h'))
 * with h' the history minus its oldest word, scored by the NEW lower-order model.
 */
export const interpolate = (
  general: NgramModel,
  domain: NgramModel,
  domainWeight: number,
  onProgress?: (done: number, total: number) => void,
): { model: NgramModel; report: InterpolationReport } => {
  if (!(domainWeight >= 0 && domainWeight <= 1))
    throw new RangeError(`domain weight ${domainWeight} not in [0, 1]`);
  const lambda = domainWeight;
  const g = new NgramScorer(general);
  const d = new NgramScorer(domain);

  // Union vocabulary: the general ids first, then the domain's new words.
  const words = [...general.words];
  const ids = new Map(g.ids);
  const addedWords: string[] = [];
  for (const w of domain.words) {
    if (!ids.has(w)) {
      ids.set(w, words.length);
      words.push(w);
      addedWords.push(w);
    }
  }
  const v = words.length;
  const toG = words.map((w) => g.ids.get(w) ?? -1);
  const toD = words.map((w) => d.ids.get(w) ?? -1);
  const start = ids.get(SENTENCE_START)!;

  // p(w | h1 h2) on one side, in union ids; h1/h2 = -1 when absent. An unknown context word
  // ends the history there (the side backs off past it); an unknown predicted word has p = 0.
  const side = (scorer: NgramScorer, map: number[], w: number, h1: number, h2: number): number => {
    const target = map[w]!;
    if (target < 0) return 0;
    const b = h2 < 0 ? -1 : map[h2]!;
    const a = h1 < 0 || b < 0 ? -1 : map[h1]!;
    return 10 ** scorer.logProb(target, a >= 0 ? [a, b] : b >= 0 ? [b] : []);
  };
  const mix = (w: number, h1: number, h2: number, general?: number): number =>
    lambda * side(d, toD, w, h1, h2) + (1 - lambda) * (general ?? side(g, toG, w, h1, h2));

  const total =
    v +
    general.bigrams.w1.length +
    domain.bigrams.w1.length +
    general.trigrams.w1.length +
    domain.trigrams.w1.length;
  let done = 0;
  const tick = (n: number) => {
    done += n;
    onProgress?.(Math.min(done, total), total);
  };
  const STEP = 200_000;

  // Unigrams.
  const uniProb = new Float64Array(v);
  for (let w = 0; w < v; w++) uniProb[w] = w === start ? 0 : mix(w, -1, -1);
  tick(v);

  // Bigrams: the union of both models' explicit pairs, in union ids.
  const biIndex = new Map<number, number>();
  const biW1: number[] = [];
  const biW2: number[] = [];
  const addBigram = (w1: number, w2: number) => {
    const k = bigramKey(w1, w2, v);
    if (!biIndex.has(k)) {
      biIndex.set(k, biW1.length);
      biW1.push(w1);
      biW2.push(w2);
    }
  };
  for (let i = 0; i < general.bigrams.w1.length; i++)
    addBigram(general.bigrams.w1[i]!, general.bigrams.w2[i]!);
  const generalBigrams = biW1.length;
  if (generalBigrams !== general.bigrams.w1.length)
    throw new Error('interpolate: the general model repeats a bigram');
  const fromDomain = (i: number) => ids.get(domain.words[i]!)!;
  for (let i = 0; i < domain.bigrams.w1.length; i++) {
    addBigram(fromDomain(domain.bigrams.w1[i]!), fromDomain(domain.bigrams.w2[i]!));
  }
  const biProb = new Float64Array(biW1.length);
  const uniNumerator = new Float64Array(v).fill(1);
  const uniDenominator = new Float64Array(v).fill(1);
  for (let i = 0; i < biW1.length; i++) {
    const w1 = biW1[i]!;
    const w2 = biW2[i]!;
    // Rows from the general model carry its explicit probability: no lookup needed.
    biProb[i] = mix(w2, -1, w1, i < generalBigrams ? 10 ** general.bigrams.logProb[i]! : undefined);
    uniNumerator[w1]! -= biProb[i]!;
    uniDenominator[w1]! -= uniProb[w2]!;
    if ((i + 1) % STEP === 0) tick(STEP);
  }
  let clampedBackoffs = 0;
  const ratio = (numerator: number, denominator: number): number => {
    if (numerator <= 1e-9 || denominator <= 1e-9) {
      clampedBackoffs++;
      return Math.max(numerator, 1e-9) / Math.max(denominator, 1e-9);
    }
    return numerator / denominator;
  };
  const uniBackoff = new Float64Array(v);
  for (let w = 0; w < v; w++) uniBackoff[w] = ratio(uniNumerator[w]!, uniDenominator[w]!);
  // The new model's bigram probability, for the trigram denominators.
  const newBigram = (w1: number, w2: number): number => {
    const i = biIndex.get(bigramKey(w1, w2, v));
    return i === undefined ? uniBackoff[w1]! * uniProb[w2]! : biProb[i]!;
  };

  // Trigrams. Both inputs only hold trigrams whose history is an explicit bigram (the sphinx
  // trie inserts placeholders; counted trigrams imply their bigram), so every history has a row.
  const triSeen = new Set<number>();
  const triW: [number[], number[], number[]] = [[], [], []];
  const addTrigram = (w1: number, w2: number, w3: number) => {
    const k = trigramKey(w1, w2, w3, v);
    if (!triSeen.has(k)) {
      triSeen.add(k);
      triW[0].push(w1);
      triW[1].push(w2);
      triW[2].push(w3);
    }
  };
  for (let i = 0; i < general.trigrams.w1.length; i++) {
    addTrigram(general.trigrams.w1[i]!, general.trigrams.w2[i]!, general.trigrams.w3[i]!);
  }
  const generalTrigrams = triW[0].length;
  if (generalTrigrams !== general.trigrams.w1.length)
    throw new Error('interpolate: the general model repeats a trigram');
  for (let i = 0; i < domain.trigrams.w1.length; i++) {
    addTrigram(
      fromDomain(domain.trigrams.w1[i]!),
      fromDomain(domain.trigrams.w2[i]!),
      fromDomain(domain.trigrams.w3[i]!),
    );
  }
  const triProb = new Float64Array(triW[0].length);
  const biNumerator = new Float64Array(biW1.length).fill(1);
  const biDenominator = new Float64Array(biW1.length).fill(1);
  for (let i = 0; i < triProb.length; i++) {
    const w1 = triW[0][i]!;
    const w2 = triW[1][i]!;
    const w3 = triW[2][i]!;
    triProb[i] = mix(w3, w1, w2, i < generalTrigrams ? 10 ** general.trigrams.logProb[i]! : undefined);
    const h = biIndex.get(bigramKey(w1, w2, v));
    if (h === undefined)
      throw new Error(`interpolate: trigram history ${words[w1]} ${words[w2]} is not a bigram`);
    biNumerator[h]! -= triProb[i]!;
    biDenominator[h]! -= newBigram(w2, w3);
    if ((i + 1) % STEP === 0) tick(STEP);
  }

  const log = (p: number) => (p > 0 ? Math.log10(p) : LOG10_ZERO);
  const model: NgramModel = {
    order: 3,
    words,
    unigrams: { logProb: Float32Array.from(uniProb, log), backoff: Float32Array.from(uniBackoff, log) },
    bigrams: {
      w1: Uint32Array.from(biW1),
      w2: Uint32Array.from(biW2),
      logProb: Float32Array.from(biProb, log),
      backoff: Float32Array.from(biNumerator, (n, i) => log(ratio(n, biDenominator[i]!))),
    },
    trigrams: {
      w1: Uint32Array.from(triW[0]),
      w2: Uint32Array.from(triW[1]),
      w3: Uint32Array.from(triW[2]),
      logProb: Float32Array.from(triProb, log),
    },
  };
  onProgress?.(total, total);
  return { model, report: { addedWords, clampedBackoffs } };
};
