/**
 * Leave-one-out check of the intent classifier over the taxonomy's own intent examples: each
 * example is held out in turn, the classifier is built from every other example (and the labels),
 * and the held-out example is classified under its topic. Reads no evaluation set, so it says how
 * the intents generalise to a phrasing they were not given, owing nothing to the dev, frozen or
 * holdout calls (eval/README.md, eighth round).
 *
 *   npx tsx scripts/cv-intents.ts [--taxonomy file] [--held file] [--skip-first N]
 *
 * `--taxonomy` is the taxonomy the classifier learns from (default config/topics.json); `--held`
 * the taxonomy whose examples are held out one by one (default: the same). `--skip-first N` holds
 * out only the examples after the first N of each intent, e.g. those a writer of new examples had
 * not read.
 */
import { parseArgs } from 'node:util';
import { loadTaxonomy } from '../adapters/local/topics/taxonomy-file.js';
import { loadWordVectors } from '../adapters/local/topics/word-vectors-file.js';
import { IntentClassifier } from '../core/enrich/intents.js';

const { values } = parseArgs({
  options: {
    taxonomy: { type: 'string' },
    held: { type: 'string' },
    'skip-first': { type: 'string', default: '0' },
  },
});
const skip = Number(values['skip-first']);
const taxonomy = await loadTaxonomy(values.taxonomy);
const held = values.held === undefined ? taxonomy : await loadTaxonomy(values.held);
const vectors = loadWordVectors();

let total = 0;
let named = 0;
let right = 0;
for (const topic of held.topics)
  for (const intent of topic.intents ?? [])
    for (const example of intent.examples.slice(skip)) {
      const without = {
        ...taxonomy,
        topics: taxonomy.topics.map((t) => ({
          ...t,
          intents: (t.intents ?? []).map((i) => ({
            ...i,
            examples: i.examples.filter((e) => e !== example),
          })),
        })),
      };
      const got = new IntentClassifier(without, vectors).classify(topic.id, example);
      total += 1;
      if (got !== null) named += 1;
      if (got?.id === intent.id) right += 1;
    }
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}% (${a}/${b})`;
console.log(
  `intents, leave one out: right ${pct(right, total)}, named ${pct(named, total)}, right of named ${pct(right, named)}`,
);
