// Experiment (issue #13, fifteenth round): does a small learned layer beside the toxicity rules
// catch toxic meaning in wording the rules were not written from? Per turn features (content-word
// vectors averaged and max-pooled, the words around "you", AFINN-165 negativity, second person,
// future-harm and imperative cues) → L2 logistic regression trained on the tuning sets' toxic turns
// against benign turns; combined as rules OR model over a high threshold (the highest score any
// training benign turn got). Measured honestly:
//   - leave one set out over the toxic-bearing tuning sets (dev, dev6 … dev11, tox-a, tox-b): the
//     held-out set's turns (toxic and benign) are not trained on; recall of rules alone against
//     rules OR model, the model's own recall, and the held-out set's benign turns flagged;
//   - a precision guard on benign text never trained on: generator seeds 5-8 (trained on 1-4), and
//     each benign fixture list with the model trained on the other one.
// Reads the sets in DEV_SETS (dev12 and later as each joined it), tox-a and tox-b; never frozen,
// holdout, tox-c or dev51.
// The result (README, "Toxicity"): it does not carry. At a threshold that flags no benign turn
// it was trained on, the model alone finds 0-2 of the 160 held-out toxic turns and none of the
// rules' 5 misses; at p > 0.5 it finds 56-73% but flags 7-13% of held-out benign turns. Not
// shipped: the engine is unchanged.
//   npx tsx scripts/tox-learned-experiment.ts [--variant mean|mean+max|mean+you|all] [--l2 N]
//     [--epochs N] [--top]   (--top: the five benign training turns the model scores highest)
// Features: mean = mean of content-word vectors (100-d); mean+max adds their max-pool; mean+you
// the mean of content words within 3 of "you"/"your"; all = mean, max and the words around
// "you". Each adds 12 dense cues (AFINN-165 lowest score and negativity, "you", future harm,
// imperative opening, ! and ?, length, "you" × negativity, "you" × future).
import { readFileSync } from 'node:fs';
import afinn from 'wink-sentiment/src/afinn-en-165.js';
import { loadWordVectors } from '../adapters/local/topics/word-vectors-file.js';
import { createLexiconScorer } from '../adapters/local/toxicity/lexicon-toxicity-detector.js';
import { normaliseForRules } from '../adapters/local/toxicity/normalise.js';
import type { ToxicityLabelName } from '../core/ports/toxicity-detector.js';
import { generatedCase } from '../eval/cases.js';
import { DEV_SETS, type EvalSetName, readEvalSet } from '../eval/sets.js';
import { generateCalls } from '../generator/index.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const VARIANT = arg('variant', 'all');
const L2 = Number(arg('l2', '1'));
const EPOCHS = Number(arg('epochs', '300'));
/** logistic, or knn (its "p > 0.5" is a score over 0): mean cosine of the 3 nearest toxic training turns less that of the 3 nearest benign ones. */
const MODEL = arg('model', 'logistic');
/** Turns with fewer content words known to the vectors get no score from the model ("Red."). */
const MIN_WORDS = Number(arg('min-words', '0'));

const vectors = loadWordVectors();
const DIMS = vectors.dims;

const STOP = new Set(
  'a an the and or but if so of to in on at for from by with as is are was were be been being am do does did have has had i me my mine we us our it its this that these those there here then than just not no yes ok okay oh um uh er well right can could would should will shall may might must get got go going gonna want wanna let s t ll re ve d m please thanks thank hello hi yeah what which who whom when where why how all any some very really'.split(
    ' ',
  ),
);
const SECOND = new Set(['you', 'your', 'yours', 'yourself', 'yourselves', 'ya', 'u', 'youre']);
const FUTURE =
  /\b(?:i'll|i will|i'm going to|i'm gonna|we'll|we will|someone will|someone's going to|you'll|you will|you're going to|gonna|wait till|watch your|or else)\b/u;
const IMPERATIVE_START =
  /^(?:shut|get|go|listen|stop|say|admit|tell|give|put|look|watch|don't|do|come|answer|hurry|move)\b/u;

const DENSE = 12;

const tokens = (text: string): string[] => text.match(/[a-z]+(?:'[a-z]+)?/gu) ?? [];

/** The word's vector, its apostrophe part dropped ("you're" → "you"). */
const vec = (w: string) => vectors.vector(w) ?? vectors.vector(w.replace(/'.*$/u, ''));

const contentWords = (raw: string): number =>
  tokens(normaliseForRules(raw)).filter(
    (w) => !STOP.has(w) && !SECOND.has(w.replace(/'.*$/u, '')) && vec(w) !== undefined,
  ).length;

export const featureCount = (variant: string): number =>
  DIMS * (variant === 'mean' ? 1 : variant === 'all' ? 3 : 2) + DENSE;

export const features = (raw: string, variant = VARIANT): Float32Array => {
  const text = normaliseForRules(raw);
  const words = tokens(text);
  const out = new Float32Array(featureCount(variant));
  const mean = out.subarray(0, DIMS);
  const second = variant === 'mean' ? null : out.subarray(DIMS, 2 * DIMS);
  const youWin =
    variant === 'mean+you' ? second : variant === 'all' ? out.subarray(2 * DIMS, 3 * DIMS) : null;
  const max = variant === 'mean+max' || variant === 'all' ? second : null;
  if (max) max.fill(-1);
  let n = 0;
  let nYou = 0;
  const youAt = words.flatMap((w, i) => (SECOND.has(w.replace(/'.*$/u, '')) ? [i] : []));
  let afMin = 0;
  let afNeg = 0;
  let afNeg2 = 0;
  for (let i = 0; i < words.length; i += 1) {
    const w = words[i]!;
    const s = afinn[w] ?? 0;
    if (s < afMin) afMin = s;
    if (s < 0) afNeg += -s;
    if (s <= -2) afNeg2 += 1;
    if (STOP.has(w) || SECOND.has(w.replace(/'.*$/u, ''))) continue;
    const v = vec(w);
    if (v === undefined) continue;
    n += 1;
    for (let d = 0; d < DIMS; d += 1) mean[d]! += v[d]!;
    if (max) for (let d = 0; d < DIMS; d += 1) if (v[d]! > max[d]!) max[d] = v[d]!;
    if (youWin && youAt.some((j) => Math.abs(j - i) <= 3)) {
      nYou += 1;
      for (let d = 0; d < DIMS; d += 1) youWin[d]! += v[d]!;
    }
  }
  if (n > 0) for (let d = 0; d < DIMS; d += 1) mean[d]! /= n;
  if (max && n === 0) max.fill(0);
  if (youWin && nYou > 0) for (let d = 0; d < DIMS; d += 1) youWin[d]! /= nYou;
  const dense = out.subarray(out.length - DENSE);
  const len = Math.max(1, words.length);
  const you = youAt.length;
  const future = FUTURE.test(text) ? 1 : 0;
  dense[0] = afMin / 5;
  dense[1] = afNeg / Math.sqrt(len);
  dense[2] = afNeg2;
  dense[3] = Math.min(3, you);
  dense[4] = you > 0 ? 1 : 0;
  dense[5] = future;
  dense[6] = IMPERATIVE_START.test(text) ? 1 : 0;
  dense[7] = (raw.match(/!/gu) ?? []).length;
  dense[8] = (raw.match(/\?/gu) ?? []).length;
  dense[9] = Math.log1p(words.length);
  dense[10] = (you > 0 ? 1 : 0) * (afMin / 5);
  dense[11] = (you > 0 ? 1 : 0) * future;
  return out;
};

/** L2 logistic regression, features standardised, classes weighted to balance, full-batch Adam. */
export interface Logistic {
  mu: Float32Array;
  sd: Float32Array;
  w: Float32Array;
  b: number;
}
export const trainLogistic = (xs: readonly Float32Array[], ys: readonly number[], l2 = L2): Logistic => {
  const dim = xs[0]!.length;
  const mu = new Float32Array(dim);
  const sd = new Float32Array(dim);
  for (const x of xs) for (let d = 0; d < dim; d += 1) mu[d]! += x[d]! / xs.length;
  for (const x of xs) for (let d = 0; d < dim; d += 1) sd[d]! += (x[d]! - mu[d]!) ** 2 / xs.length;
  for (let d = 0; d < dim; d += 1) sd[d] = Math.sqrt(sd[d]!) || 1;
  const z = xs.map((x) => x.map((v, d) => (v - mu[d]!) / sd[d]!));
  const pos = ys.filter((y) => y === 1).length;
  const wPos = ys.length / (2 * pos);
  const wNeg = ys.length / (2 * (ys.length - pos));
  const w = new Float32Array(dim);
  let b = 0;
  const m = new Float64Array(dim + 1);
  const v = new Float64Array(dim + 1);
  const lr = 0.05;
  const total = ys.length;
  for (let epoch = 1; epoch <= EPOCHS; epoch += 1) {
    const g = new Float64Array(dim + 1);
    for (let i = 0; i < z.length; i += 1) {
      const x = z[i]!;
      let s = b;
      for (let d = 0; d < dim; d += 1) s += w[d]! * x[d]!;
      const p = 1 / (1 + Math.exp(-s));
      const err = (p - ys[i]!) * (ys[i] === 1 ? wPos : wNeg);
      for (let d = 0; d < dim; d += 1) g[d]! += err * x[d]!;
      g[dim]! += err;
    }
    for (let d = 0; d <= dim; d += 1) {
      const grad = g[d]! / total + (d < dim ? (l2 * w[d]!) / total : 0);
      m[d] = 0.9 * m[d]! + 0.1 * grad;
      v[d] = 0.999 * v[d]! + 0.001 * grad * grad;
      const step = (lr * (m[d]! / (1 - 0.9 ** epoch))) / (Math.sqrt(v[d]! / (1 - 0.999 ** epoch)) + 1e-8);
      if (d < dim) w[d]! -= step;
      else b -= step;
    }
  }
  return { mu, sd, w, b };
};
export const logit = (m: Logistic, x: Float32Array): number => {
  let s = m.b;
  for (let d = 0; d < x.length; d += 1) s += (m.w[d]! * (x[d]! - m.mu[d]!)) / m.sd[d]!;
  return s;
};

// ---- data --------------------------------------------------------------------------------------
interface Item {
  text: string;
  toxic: readonly ToxicityLabelName[];
  lookalike: boolean;
  source: string;
}
const TOXIC_SETS = ['dev', 'dev6', 'dev7', 'dev8', 'dev9', 'dev10', 'dev11', 'tox-a', 'tox-b'] as const;
const BENIGN_ONLY_SETS = DEV_SETS.filter((s) => !(TOXIC_SETS as readonly string[]).includes(s));
const fromSet = (name: EvalSetName): Item[] =>
  readEvalSet(name).flatMap((c) =>
    c.turns.map((t) => ({ text: t.text, toxic: t.toxic, lookalike: t.lookalike.length > 0, source: name })),
  );
const fixture = (file: string): Item[] =>
  readFileSync(new URL(`../test/fixtures/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((text) => ({ text, toxic: [], lookalike: true, source: file }));
const generated = (seeds: readonly number[]): Item[] => {
  const seen = new Set<string>();
  const out: Item[] = [];
  for (const seed of seeds)
    for (const c of generateCalls(seed, 200).map(generatedCase))
      for (const t of c.doc.turns) {
        if ((c.turnLabels.get(t.index)?.toxic.length ?? 0) > 0 || seen.has(t.text)) continue;
        seen.add(t.text);
        out.push({ text: t.text, toxic: [], lookalike: false, source: `gen${seed}` });
      }
  return out;
};

const started = Date.now();
const bySet = new Map<string, Item[]>(
  [...TOXIC_SETS, ...BENIGN_ONLY_SETS].map((s) => [s, fromSet(s as EvalSetName)]),
);
const genTrain = generated([1, 2, 3, 4]);
const genGuard = generated([5, 6, 7, 8]).filter((i) => !genTrain.some((t) => t.text === i.text));
const fixA = fixture('toxicity-review14-benign.txt');
const fixB = fixture('toxicity-review14b-benign.txt');
console.log(
  `data: ${[...bySet.values()].flat().length} set turns, generator ${genTrain.length} train / ${genGuard.length} guard, fixtures ${fixA.length} + ${fixB.length} (${Date.now() - started} ms)`,
);

const rules = createLexiconScorer();
const ruleCache = new Map<string, boolean>();
const rulesFlag = (text: string) => {
  let f = ruleCache.get(text);
  if (f === undefined) {
    f = rules(text).Toxicity >= 0.5;
    ruleCache.set(text, f);
  }
  return f;
};
const featCache = new Map<string, Float32Array>();
const feat = (text: string) => {
  let f = featCache.get(text);
  if (f === undefined) {
    f = features(text);
    featCache.set(text, f);
  }
  return f;
};

const gated =
  (score: (text: string) => number) =>
  (text: string): number =>
    MIN_WORDS > 0 && contentWords(text) < MIN_WORDS ? -1e9 : score(text);
const logisticScorer = (items: readonly Item[]) => {
  const model = trainLogistic(
    items.map((i) => feat(i.text)),
    items.map((i) => (i.toxic.length > 0 ? 1 : 0)),
  );
  return gated((text) => logit(model, feat(text)));
};
/** Leave-one-out inside training: a training turn is not its own neighbour (its score is honest). */
const knn = (items: readonly Item[]) => {
  const unit = (text: string) => {
    const x = feat(text).subarray(0, DIMS);
    const n = Math.hypot(...x) || 1;
    return x.map((v) => v / n);
  };
  const toxic = items.filter((i) => i.toxic.length > 0).map((i) => ({ text: i.text, u: unit(i.text) }));
  const benign = items.filter((i) => i.toxic.length === 0).map((i) => ({ text: i.text, u: unit(i.text) }));
  const top3 = (pool: readonly { text: string; u: Float32Array }[], text: string, u: Float32Array) => {
    const best = [-1, -1, -1];
    for (const p of pool) {
      if (p.text === text) continue;
      let dot = 0;
      for (let d = 0; d < DIMS; d += 1) dot += p.u[d]! * u[d]!;
      if (dot > best[2]!) {
        best[2] = dot;
        best.sort((a, b) => b - a);
      }
    }
    return (best[0]! + best[1]! + best[2]!) / 3;
  };
  const cache = new Map<string, number>();
  return gated((text) => {
    let s = cache.get(text);
    if (s === undefined) {
      const u = unit(text);
      s = top3(toxic, text, u) - top3(benign, text, u);
      cache.set(text, s);
    }
    return s;
  });
};

/** Trains on items, threshold = highest score of a benign training turn (0 training benign flagged). */
const trainLayer = (train: readonly Item[]) => {
  const distinct = new Map<string, Item>();
  for (const i of train) if (!distinct.has(i.text) || i.toxic.length > 0) distinct.set(i.text, i);
  const items = [...distinct.values()];
  const model = MODEL === 'knn' ? knn(items) : logisticScorer(items);
  const benignScores = items
    .filter((i) => i.toxic.length === 0)
    .map((i) => model(i.text))
    .sort((a, b) => a - b);
  const quantile = (q: number) =>
    benignScores[Math.min(benignScores.length - 1, Math.floor(q * benignScores.length))]!;
  const threshold = quantile(1);
  if (process.argv.includes('--top'))
    for (const i of items
      .filter((i) => i.toxic.length === 0)
      .map((i) => ({ i, s: model(i.text) }))
      .sort((a, b) => b.s - a.s)
      .slice(0, 5))
      console.log(`          top benign ${i.s.toFixed(2)} ${i.i.source}: ${i.i.text.slice(0, 100)}`);
  // Nearest label: centroid (mean feature vector) of each label's toxic training turns.
  const centroids = new Map<ToxicityLabelName, Float32Array>();
  const counts = new Map<ToxicityLabelName, number>();
  for (const i of items)
    for (const label of i.toxic.slice(0, 1)) {
      const c = centroids.get(label) ?? new Float32Array(DIMS);
      const x = feat(i.text);
      for (let d = 0; d < DIMS; d += 1) c[d]! += x[d]!;
      centroids.set(label, c);
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
  const label = (text: string): ToxicityLabelName => {
    const x = feat(text);
    let best: ToxicityLabelName = 'INSULT';
    let bestCos = -Infinity;
    for (const [name, c] of centroids) {
      let dot = 0;
      let nc = 0;
      let nx = 0;
      for (let d = 0; d < DIMS; d += 1) {
        dot += c[d]! * x[d]!;
        nc += c[d]! ** 2;
        nx += x[d]! ** 2;
      }
      const cos = dot / Math.sqrt(nc * nx || 1);
      if (cos > bestCos) [best, bestCos] = [name, cos];
    }
    return best;
  };
  return { model, threshold, quantile, label, positives: items.filter((i) => i.toxic.length > 0).length };
};

const pct = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)}%`);
const benignPool = (exclude: string) => [
  ...[...bySet.entries()].filter(([s]) => s !== exclude).flatMap(([, items]) => items),
  ...genTrain,
  ...fixA,
  ...fixB,
];

console.log(`\nvariant ${VARIANT}, l2 ${L2}, epochs ${EPOCHS}: leave one set out`);
console.log(
  'set      toxic  rules  rules+model  model alone  (at 0.5 / rank)  held-out benign flagged by model only',
);
const QS = [1, 0.9995, 0.999, 0.998, 0.995, 0.99];
const sweep = QS.map(() => ({ added: 0, benign: 0, look: 0 }));
const totals = {
  toxic: 0,
  rules: 0,
  both: 0,
  model: 0,
  loose: 0,
  benign: 0,
  added: 0,
  lookalikes: 0,
  lookAdded: 0,
  labelRight: 0,
};
for (const held of TOXIC_SETS) {
  const { model, threshold, quantile, label } = trainLayer(benignPool(held));
  const test = bySet.get(held)!;
  const toxic = test.filter((i) => i.toxic.length > 0);
  const benign = test.filter((i) => i.toxic.length === 0);
  QS.forEach((q, k) => {
    const t = quantile(q);
    sweep[k]!.added += toxic.filter((i) => !rulesFlag(i.text) && model(i.text) > t).length;
    const fb = benign.filter((i) => !rulesFlag(i.text) && model(i.text) > t);
    sweep[k]!.benign += fb.length;
    sweep[k]!.look += fb.filter((i) => i.lookalike).length;
  });
  const byModel = (i: Item) => model(i.text) > threshold;
  const rulesHit = toxic.filter((i) => rulesFlag(i.text)).length;
  const bothHit = toxic.filter((i) => rulesFlag(i.text) || byModel(i)).length;
  const modelHit = toxic.filter(byModel).length;
  const loose = toxic.filter((i) => model(i.text) > 0).length;
  const added = benign.filter((i) => !rulesFlag(i.text) && byModel(i));
  const lookAdded = added.filter((i) => i.lookalike).length;
  const added2 = toxic.filter((i) => !rulesFlag(i.text) && byModel(i));
  for (const i of toxic.filter((t) => !rulesFlag(t.text))) {
    const x = model(i.text);
    console.log(
      `          rules miss (score ${x.toFixed(2)}, above ${benign.filter((b) => model(b.text) < x).length} of ${benign.length} held-out benign): ${i.text.slice(0, 100)}`,
    );
  }
  const looseBenign = benign.filter((i) => !rulesFlag(i.text) && model(i.text) > 0).length;
  console.log(`          at p>0.5 held-out benign flagged: ${looseBenign} of ${benign.length}`);
  const labelRight = added2.filter((i) => i.toxic.includes(label(i.text))).length;
  // Where the held-out toxic turns rank among the held-out benign turns (AUC-like).
  const benignScores = benign.map((i) => model(i.text));
  const auc =
    toxic.reduce((s, t) => {
      const x = model(t.text);
      return s + benignScores.filter((b) => b < x).length / benignScores.length;
    }, 0) / toxic.length;
  console.log(
    `${held.padEnd(7)} ${String(toxic.length).padStart(5)}  ${`${rulesHit}`.padStart(5)}  ${`${bothHit}`.padStart(11)}  ${`${modelHit}`.padStart(11)}  (${loose} / ${auc.toFixed(3)})       ${added.length} of ${benign.length} (${lookAdded} of ${benign.filter((i) => i.lookalike).length} look-alikes); label right ${labelRight}/${added2.length}; thr ${threshold.toFixed(2)}`,
  );
  for (const i of added2) console.log(`          + ${i.toxic.join(',')}: ${i.text.slice(0, 110)}`);
  for (const i of added)
    console.log(`          ! ${i.lookalike ? 'look-alike' : 'benign'}: ${i.text.slice(0, 110)}`);
  totals.toxic += toxic.length;
  totals.rules += rulesHit;
  totals.both += bothHit;
  totals.model += modelHit;
  totals.loose += loose;
  totals.benign += benign.length;
  totals.added += added.length;
  totals.lookalikes += benign.filter((i) => i.lookalike).length;
  totals.lookAdded += lookAdded;
  totals.labelRight += labelRight;
}
console.log(
  `all     ${String(totals.toxic).padStart(5)}  ${`${totals.rules}`.padStart(5)}  ${`${totals.both}`.padStart(11)}  ${`${totals.model}`.padStart(11)}  (${totals.loose})        ${totals.added} of ${totals.benign} (${totals.lookAdded} of ${totals.lookalikes} look-alikes)`,
);
console.log(
  `recall held out: rules ${pct(totals.rules, totals.toxic)} → rules+model ${pct(totals.both, totals.toxic)}; model alone ${pct(totals.model, totals.toxic)} (at p>0.5: ${pct(totals.loose, totals.toxic)})`,
);

for (const [k, q] of QS.entries())
  console.log(
    `threshold at training benign quantile ${q}: held-out toxic added over rules ${sweep[k]!.added} of ${totals.toxic - totals.rules} missed, model alone counted above; held-out benign added ${sweep[k]!.benign} (${sweep[k]!.look} look-alikes)`,
  );

// ---- precision guard on benign text never trained on -------------------------------------------
const allSets = [...bySet.values()].flat();
for (const [name, train, guard] of [
  ['generator seeds 5-8 (trained on 1-4)', [...allSets, ...genTrain, ...fixA, ...fixB], genGuard],
  ['review14b list (trained on review14)', [...allSets, ...genTrain, ...fixA], fixB],
  ['review14 list (trained on review14b)', [...allSets, ...genTrain, ...fixB], fixA],
] as const) {
  const { model, threshold } = trainLayer(train);
  const added = guard.filter((i) => !rulesFlag(i.text) && model(i.text) > threshold);
  const loose = guard.filter((i) => !rulesFlag(i.text) && model(i.text) > 0);
  console.log(`guard ${name}: ${added.length} of ${guard.length} added (at p>0.5: ${loose.length})`);
  for (const i of added.slice(0, 8)) console.log(`          ! ${i.text.slice(0, 110)}`);
}

// ---- cost per turn -----------------------------------------------------------------------------
// The logistic layer's cost does not depend on its weights: a layer fitted on two turns is timed.
{
  const texts = allSets.map((i) => i.text);
  const fresh = trainLogistic([feat(texts[0]!), feat('you are an idiot')], [0, 1]);
  for (let k = 0; k < 2; k += 1) for (const t of texts) logit(fresh, features(t));
  const t0 = process.cpuUsage();
  const rounds = 5;
  for (let k = 0; k < rounds; k += 1) for (const t of texts) logit(fresh, features(t));
  const used = process.cpuUsage(t0);
  console.log(
    `cost: ${(((used.user + used.system) / (texts.length * rounds)) as number).toFixed(1)} µs CPU per turn (features + score, ${texts.length} turns × ${rounds}; normaliseForRules included)`,
  );
}
