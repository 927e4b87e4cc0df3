import { loadTaxonomy } from '../adapters/local/topics/taxonomy-file.js';
import { loadWordVectors } from '../adapters/local/topics/word-vectors-file.js';
import { TopicModel, trainTopicModel } from '../core/enrich/topic-model.js';
import { requestStart } from '../core/enrich/call-structure.js';
import { readEvalSet } from '../eval/sets.js';
const [set, ...ids] = process.argv.slice(2);
const taxonomy = await loadTaxonomy(process.env.TAX);
const vectors = loadWordVectors();
const model = new TopicModel(trainTopicModel(taxonomy, { vectors }).text, vectors);
for (const c of readEvalSet(set as 'dev4')) {
  if (!ids.includes(c.id)) continue;
  const turns = c.turns.map((t) => ({ role: t.role, text: t.text })) as any;
  const scored = model.scoreTurns(turns);
  const first = model.firstRequest(scored, requestStart(turns.filter((t: any) => t.role !== 'IVR')));
  console.log(`== ${c.id} ref ${c.topic} first=${first}`);
  scored.forEach((t, i) => {
    const top = [...t.topics.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, v]) => `${k}:${v.toFixed(2)}`).join(' ');
    console.log(`${i === first ? '*' : ' '} ${t.role[0]} bg=${t.background.toFixed(2)} ${top} | ${t.text.slice(0, 90)}`);
  });
  console.log(model.scoreCall(turns).slice(0, 3).map((x) => `${x.topic}:${x.score.toFixed(2)}`).join(' '));
}
