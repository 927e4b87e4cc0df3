/**
 * Fits the topic model's per-topic priors (TopicModelParams.topicPriors) on held-out scores, and
 * says whether they carry to calls they were not fitted on.
 *
 * Leave one dev set out: for each dev set k, a model trained on the taxonomy and the other dev
 * sets (no priors) scores k's calls; every call's topic distribution is kept. Priors b are then
 * fitted to those held-out distributions: the b that minimise the mean of −log softmax(ln s / T + b)
 * at each topical call's reference topic, plus (λ/2)·|b|² (gradient descent; T sharpens the
 * objective so that calls decided by a wide margin count little). A call's answer with priors is
 * the topic with the largest s·e^b (renormalised to the call's total, against the taxonomy's
 * minScore for "none"): what TopicModel.scoreCall answers with them.
 *
 * Printed: per held-out set, topic right without priors, with the priors fitted on the OTHER sets'
 * held-out scores (nested: never fitted on the set they are scored on), and the priors fitted on
 * every set (what DEFAULT_TOPIC_MODEL_PARAMS ships). Reads the dev sets only; never the frozen,
 * holdout or unseen sets (eval/README.md).
 *
 *   npx tsx scripts/fit-topic-priors.ts [--temperature 0.5] [--lambda 0.05] [--steps 300]
 */
import { parseArgs } from 'node:util';
import { loadTaxonomy } from '../adapters/local/topics/taxonomy-file.js';
import { loadWordVectors } from '../adapters/local/topics/word-vectors-file.js';
import { renderTable } from '../cli/render-table.js';
import { TopicModel, trainTopicModel } from '../core/enrich/topic-model.js';
import { labelledCase } from '../eval/cases.js';
import { DEV_SETS, readEvalSet } from '../eval/sets.js';

const { values } = parseArgs({
  options: {
    temperature: { type: 'string', default: '0.5' },
    lambda: { type: 'string', default: '0.05' },
    steps: { type: 'string', default: '300' },
  },
});
const T = Number(values.temperature);
const lambda = Number(values.lambda);
const steps = Number(values.steps);

const taxonomy = await loadTaxonomy();
const vectors = loadWordVectors();
const topics = taxonomy.topics.map((t) => t.id);

interface Scored {
  set: string;
  /** Reference topic; null: about none. */
  expected: string | null;
  /** Score per topic, in `topics` order. */
  scores: number[];
}

const scored: Scored[] = [];
for (const k of DEV_SETS) {
  const calls = DEV_SETS.filter((n) => n !== k).flatMap((n) =>
    readEvalSet(n).map((c) => ({
      topic: c.topic,
      turns: c.turns.map((t) => ({ role: t.role, text: t.text })),
    })),
  );
  const model = new TopicModel(
    trainTopicModel(taxonomy, { calls, vectors, params: { topicPriors: {} } }).text,
    vectors,
  );
  for (const c of readEvalSet(k).map(labelledCase)) {
    const byTopic = new Map(model.scoreCall(c.doc.turns).map((s) => [s.topic, s.score]));
    scored.push({ set: k, expected: c.topic, scores: topics.map((t) => byTopic.get(t) ?? 0) });
  }
  process.stderr.write(`${k} `);
}
process.stderr.write('\n');

/** The answered topic (null: none of these) with priors `b`. */
const answer = (scores: readonly number[], b: readonly number[]): string | null => {
  const total = scores.reduce((a, x) => a + x, 0);
  const adjusted = scores.map((x, i) => x * Math.exp(b[i]!));
  const sum = adjusted.reduce((a, x) => a + x, 0);
  if (sum === 0) return null;
  let best = 0;
  for (let i = 1; i < adjusted.length; i += 1)
    if (adjusted[i]! > adjusted[best]! || (adjusted[i] === adjusted[best] && topics[i]! < topics[best]!))
      best = i;
  return (adjusted[best]! / sum) * total >= taxonomy.minScore ? topics[best]! : null;
};
const right = (calls: readonly Scored[], b: readonly number[]): number =>
  calls.filter((c) => answer(c.scores, b) === c.expected).length;

const fitPriors = (calls: readonly Scored[]): number[] => {
  const data = calls
    .filter((c) => c.expected !== null && c.scores.some((x) => x > 0))
    .map((c) => ({
      logs: c.scores.map((x) => (x > 0 ? Math.log(x) / T : -50)),
      k: topics.indexOf(c.expected!),
    }));
  const b = topics.map(() => 0);
  for (let step = 0; step < steps; step += 1) {
    const g = topics.map(() => 0);
    for (const { logs, k } of data) {
      const l = logs.map((x, i) => x + b[i]!);
      const max = Math.max(...l);
      const e = l.map((x) => Math.exp(x - max));
      const z = e.reduce((a, x) => a + x, 0);
      for (let i = 0; i < g.length; i += 1) g[i] = g[i]! + e[i]! / z - (i === k ? 1 : 0);
    }
    for (let i = 0; i < b.length; i += 1) b[i] = b[i]! - 0.5 * (g[i]! / data.length + lambda * b[i]!);
  }
  return b;
};

const zero = topics.map(() => 0);
const rows: string[][] = [];
let before = 0;
let nested = 0;
for (const k of DEV_SETS) {
  const held = scored.filter((c) => c.set === k);
  const b = fitPriors(scored.filter((c) => c.set !== k));
  before += right(held, zero);
  nested += right(held, b);
  rows.push([k, String(held.length), String(right(held, zero)), String(right(held, b))]);
}
rows.push(['all', String(scored.length), String(before), String(nested)]);
console.log(`held-out topic right, leave one dev set out (T ${T}, λ ${lambda}, ${steps} steps)`);
console.log(renderTable(['held out', 'calls', 'no priors', 'priors fitted on the other sets'], rows));
const all = fitPriors(scored);
console.log(
  `fitted on every set's held-out scores (${right(scored, zero)} → ${right(scored, all)} of ${scored.length} on those same scores):`,
);
console.log(JSON.stringify(Object.fromEntries(topics.map((t, i) => [t, Math.round(all[i]! * 100) / 100]))));
