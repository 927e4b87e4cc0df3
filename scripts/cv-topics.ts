/**
 * k-fold cross-validation of the topic model over the taxonomy's own examples (sentence level):
 * every k-th example is held out in turn, a model is trained on the rest, and the held-out
 * examples are classified alone. Reads no evaluation set, so it is a check on parameters that
 * owes nothing to the dev, frozen or holdout calls (README, "Topics").
 *
 *   npx tsx scripts/cv-topics.ts [--taxonomy file] [--folds 5] ['{"smoothing":0.7}' ...]
 */
import { parseArgs } from 'node:util';
import { loadTaxonomy } from '../adapters/local/topics/taxonomy-file.js';
import { loadWordVectors } from '../adapters/local/topics/word-vectors-file.js';
import { TopicModel, type TopicModelParams, trainTopicModel } from '../core/enrich/topic-model.js';

const { values, positionals } = parseArgs({
  options: { taxonomy: { type: 'string' }, folds: { type: 'string', default: '5' } },
  allowPositionals: true,
});
const folds = Number(values.folds);
const taxonomy = await loadTaxonomy(values.taxonomy);
const vectors = loadWordVectors();

for (const params of (positionals.length > 0 ? positionals : ['{}']).map(
  (p) => JSON.parse(p) as Partial<TopicModelParams>,
)) {
  let right = 0;
  let top3 = 0;
  let total = 0;
  for (let fold = 0; fold < folds; fold += 1) {
    const train = {
      ...taxonomy,
      topics: taxonomy.topics.map((t) => ({
        ...t,
        examples: t.examples.filter((_, i) => i % folds !== fold),
      })),
    };
    const model = new TopicModel(trainTopicModel(train, { vectors, params }).text, vectors);
    for (const topic of taxonomy.topics)
      topic.examples.forEach((example, i) => {
        if (i % folds !== fold) return;
        total += 1;
        const scored = model.scoreText(example);
        if (scored === null) return;
        const ranked = [...scored.topics.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
        if (ranked[0] === topic.id) right += 1;
        if (ranked.slice(0, 3).includes(topic.id)) top3 += 1;
      });
  }
  const pct = (n: number) => `${((100 * n) / total).toFixed(1)}%`;
  console.log(
    `${JSON.stringify(params)}  accuracy ${pct(right)}  top 3 ${pct(top3)}  (${total} examples, ${folds} folds)`,
  );
}
