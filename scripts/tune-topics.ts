/**
 * Topic-model tuning on the sets that may be tuned on (dev, dev2, dev3, dev4, generated calls): primary
 * accuracy, top-3 and "none" per set for the taxonomy's model, or with parameters overridden.
 * The frozen and holdout sets are refused (eval/README.md). It trains the taxonomy's model alone:
 * the default model also learns the dev sets' calls (config/topic-calls.json), so its dev-set
 * figures are fitted; judge a parameter on held-out calls with `npx tsx scripts/cv-dev-sets.ts
 * --params '{…}'` (leave one dev set out).
 *
 *   npx tsx scripts/tune-topics.ts [--sets dev,dev2,dev3,dev4,generator] [--params '{"vectorWeight":0.4}'] [--taxonomy file] [--misses]
 */
import { parseArgs } from 'node:util';
import { loadTaxonomy } from '../adapters/local/topics/taxonomy-file.js';
import { loadWordVectors } from '../adapters/local/topics/word-vectors-file.js';
import { TopicModel, trainTopicModel } from '../core/enrich/topic-model.js';
import { type EvalCase, generatedCase, labelledCase } from '../eval/cases.js';
import { readEvalSet } from '../eval/sets.js';
import { generateCalls } from '../generator/generate-calls.js';

const { values } = parseArgs({
  options: {
    sets: { type: 'string', default: 'dev,dev2,dev3,dev4,generator' },
    params: { type: 'string', default: '{}' },
    taxonomy: { type: 'string' },
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '60' },
    misses: { type: 'boolean', default: false },
    /** Print the best score of every "none" call and the lowest best scores of topical calls (to place minScore). */
    scores: { type: 'boolean', default: false },
  },
});

const casesFor = (name: string): EvalCase[] => {
  if (name === 'dev' || name === 'dev2' || name === 'dev3' || name === 'dev4')
    return readEvalSet(name).map(labelledCase);
  if (name === 'generator')
    return generateCalls(Number(values.seed), Number(values.count)).map(generatedCase);
  throw new Error(`${name}: only dev, dev2, dev3, dev4 and generator may be tuned on (eval/README.md)`);
};

const taxonomy = await loadTaxonomy(values.taxonomy);
const vectors = loadWordVectors();
const model = new TopicModel(
  trainTopicModel(taxonomy, { vectors, params: JSON.parse(values.params) }).text,
  vectors,
);
const line: string[] = [];
const tops: { none: boolean; score: number; right: boolean }[] = [];
for (const name of values.sets.split(',')) {
  const cases = casesFor(name);
  let right = 0;
  let top3 = 0;
  let withTopic = 0;
  let none = 0;
  let noneCalls = 0;
  for (const c of cases) {
    const ranked = model.scoreCall(c.doc.turns.filter((t) => t.role !== 'IVR' && t.text.trim() !== ''));
    if (values.scores)
      tops.push({
        none: c.topic === null,
        score: ranked[0]?.score ?? 0,
        right: ranked[0]?.topic === c.topic,
      });
    const got = ranked[0] !== undefined && ranked[0].score >= taxonomy.minScore ? ranked[0].topic : null;
    if (got === c.topic) right += 1;
    else if (values.misses)
      console.log(
        `${name} ${c.id}: ${c.topic} -> ${got} (${ranked
          .slice(0, 3)
          .map((r) => `${r.topic} ${r.score.toFixed(2)}`)
          .join(', ')})`,
      );
    if (c.topic === null) {
      noneCalls += 1;
      if (got === null) none += 1;
    } else {
      withTopic += 1;
      if (ranked.slice(0, 3).some((r) => r.topic === c.topic)) top3 += 1;
    }
  }
  line.push(`${name} ${right}/${cases.length} top3 ${top3}/${withTopic} none ${none}/${noneCalls}`);
}
console.log(`${values.params}  ${line.join(' | ')}`);
if (values.scores) {
  const f = (xs: typeof tops) => xs.map((t) => t.score.toFixed(3)).join(' ');
  console.log(`"none" calls, best score: ${f(tops.filter((t) => t.none).sort((a, b) => b.score - a.score))}`);
  const topical = tops.filter((t) => !t.none).sort((a, b) => a.score - b.score);
  console.log(
    `topical calls, 12 lowest best scores (R = right topic): ${topical
      .slice(0, 12)
      .map((t) => `${t.score.toFixed(3)}${t.right ? 'R' : ''}`)
      .join(' ')}`,
  );
}
