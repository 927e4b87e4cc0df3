/**
 * Finds requests the taxonomy claims for two topics (core/enrich/taxonomy-overlaps.ts): example
 * and intent phrases of one topic with the same content stems as another topic's, and phrases
 * the default model (the taxonomy plus config/topic-calls.json) scores higher for another topic.
 * neighbouring stems ("due date") that several phrases of two topics use, and phrases the default
 * model scores higher for another topic by more than --margin. Exits 1 when two topics have a
 * phrase with the same content stems; the other tables are for reading.
 *
 *   npx tsx scripts/check-taxonomy.ts [--topics config/topics.json] [--margin 0.2] [--min-per-topic 3]
 */
import { parseArgs } from 'node:util';
import { loadTaxonomy } from '../adapters/local/topics/taxonomy-file.js';
import { loadTopicModel } from '../adapters/local/topics/topic-model-file.js';
import { renderTable } from '../cli/render-table.js';
import {
  sameStemOverlaps,
  scoredElsewhere,
  sharedWordPairs,
  type TaxonomyPhrase,
} from '../core/enrich/taxonomy-overlaps.js';

const { values } = parseArgs({
  options: {
    topics: { type: 'string' },
    margin: { type: 'string', default: '0.2' },
    'min-per-topic': { type: 'string', default: '3' },
  },
});
const taxonomy = await loadTaxonomy(values.topics);
const where = (p: TaxonomyPhrase): string => (p.intent === null ? p.topic : `${p.topic}/${p.intent}`);

const same = sameStemOverlaps(taxonomy);
const identical = same.filter((o) => o.kind === 'same').length;
console.log(
  `phrases of two topics with the same content stems: ${identical}; with one's stems within the other's: ${same.length - identical}`,
);
if (same.length > 0)
  console.log(
    renderTable(
      ['', 'stems', 'topic', 'phrase', 'other topic', 'its phrase'],
      same.map((o) => [o.kind, o.stems, where(o.a), o.a.text, where(o.b), o.b.text]),
      50,
    ),
  );

const minPerTopic = Number(values['min-per-topic']);
const pairs = sharedWordPairs(taxonomy, minPerTopic);
console.log(`neighbouring stems at least ${minPerTopic} phrases of each of two topics use: ${pairs.length}`);
if (pairs.length > 0)
  console.log(
    renderTable(
      ['stems', 'topic', 'phrases'],
      pairs.flatMap((p) =>
        p.topics.map((t) => [
          p.pair,
          t.topic,
          `${t.phrases.length}: ${t.phrases.map((x) => x.text).join(' | ')}`,
        ]),
      ),
      110,
    ),
  );

const margin = Number(values.margin);
const { model } = loadTopicModel(taxonomy);
const elsewhere = scoredElsewhere(taxonomy, model, margin);
console.log(
  `phrases the model scores higher for another topic (by more than ${margin}): ${elsewhere.length}`,
);
if (elsewhere.length > 0)
  console.log(
    renderTable(
      ['topic', 'phrase', 'own', 'scored for', 'score'],
      elsewhere.map((e) => [where(e.phrase), e.phrase.text, e.own.toFixed(2), e.other, e.score.toFixed(2)]),
      60,
    ),
  );
if (identical > 0) process.exitCode = 1;
