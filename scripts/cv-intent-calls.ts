/**
 * Do intents learn from labelled calls? The dev sets with intent labels (`eval/dev4/intents.csv`,
 * `eval/dev7/intents.csv`) teach the intent classifier their calls' requests as examples of the
 * labelled intent (`--teach`: how a call becomes an example), and each set is scored with a
 * classifier that did not learn its own labels: dev4 with dev7's, dev7 with dev4's, the
 * unlabelled dev sets with both. `--teach answers` (what ships since the eleventh round): the
 * other six dev sets' calls teach the agent's answer to the request as an answer of the call's
 * intent (its label, else the intent its reference reason names: core/enrich/intents.ts,
 * intentAnswerLessons), read when the request names no intent; "before" is the taxonomy's
 * intents alone. The topic model of each scored set is the one cv-dev-sets.ts
 * holds out (the taxonomy and the other dev sets' calls), so neither level has seen the set.
 * Printed per set: intent right (of calls labelled; labelled sets only) and the reason naming the
 * reference topic and the request (the strict figure), before → after. Reads the dev sets only:
 * the frozen and holdout sets are never read (eval/README.md).
 *
 *   npx tsx scripts/cv-intent-calls.ts [--teach answers|quote|request|none] [--sets dev,...,dev7] [--misses] [--list]
 *
 * `--misses` lists the calls whose intent or strict reason changed; `--list` the reasons that
 * still fail the strict check, with their cause (eval/score.ts) and the reference topic's intents
 * whose label would make them pass.
 */
import { parseArgs } from 'node:util';
import { createLocalSummarizer } from '../adapters/local/summary/extractive-summarizer.js';
import { loadTaxonomy } from '../adapters/local/topics/taxonomy-file.js';
import { loadWordVectors } from '../adapters/local/topics/word-vectors-file.js';
import { createLexiconAbuseFilter } from '../adapters/local/toxicity/abuse-filter.js';
import { renderTable } from '../cli/render-table.js';
import { IntentClassifier, intentAnswerLessons } from '../core/enrich/intents.js';
import type { Taxonomy } from '../core/enrich/taxonomy.js';
import { TopicModel, trainTopicModel } from '../core/enrich/topic-model.js';
import { reasonMatchesRequest } from '../eval/labelled-calls.js';
import { reasonMissCause, reasonParts } from '../eval/score.js';
import {
  DEV_SETS,
  devSetIntentCalls,
  type EvalSetName,
  readEvalSet,
  readIntentLabels,
} from '../eval/sets.js';
import type { CallSummary } from '../schemas/call-document.js';

const { values } = parseArgs({
  options: {
    sets: { type: 'string', default: DEV_SETS.join(',') },
    teach: { type: 'string', default: 'answers' },
    misses: { type: 'boolean', default: false },
    /** List the held-out reasons that fail the strict check after, with their cause. */
    list: { type: 'boolean', default: false },
  },
});
const held = values.sets.split(',').map((s) => s.trim()) as EvalSetName[];
// Only dev sets: the sets kept for reporting (frozen, holdout, the round's unseen dev set) are never
// held out here, so their calls are never listed (eval/README.md).
for (const name of held)
  if (!(DEV_SETS as readonly string[]).includes(name))
    throw new Error(`${name}: only dev sets are held out and taught (${DEV_SETS.join(', ')})`);
const taxonomy = await loadTaxonomy();
const vectors = loadWordVectors();
const labelOf = new Map(taxonomy.topics.map((t) => [t.id, t.label]));
const labels = [...labelOf.values()];
const LABELLED = DEV_SETS.filter((s) => readIntentLabels(s) !== null);

const summarizerFor = (model: TopicModel, intents: IntentClassifier) =>
  createLocalSummarizer({
    topicModel: model,
    topicLabels: labelOf,
    minTopicScore: taxonomy.minScore,
    intents,
    abuse: createLexiconAbuseFilter(),
  });

const summarize = async (
  model: TopicModel,
  intents: IntentClassifier,
  set: EvalSetName,
): Promise<Map<string, CallSummary>> => {
  const s = summarizerFor(model, intents);
  const out = new Map<string, CallSummary>();
  for (const c of readEvalSet(set)) {
    const turns = c.turns
      .filter((t) => t.role !== 'IVR' && t.text.trim() !== '')
      .map((t) => ({ role: t.role, text: t.text.trim() }));
    out.set(c.id, await s.summarize({ callId: c.id, language: 'en-US', turns }));
  }
  return out;
};

/** The taxonomy with the labelled calls of `sets` added as examples of their intents. */
const taught = async (model: TopicModel, sets: readonly EvalSetName[]): Promise<Taxonomy> => {
  const added = new Map<string, string[]>();
  const base = new IntentClassifier(taxonomy, vectors);
  for (const set of sets) {
    const intentLabels = readIntentLabels(set)!;
    const summaries = await summarize(model, base, set);
    for (const c of readEvalSet(set)) {
      const intent = intentLabels.get(c.id);
      if (c.topic === null || intent === null || intent === undefined) continue;
      const texts: string[] = [];
      if (values.teach === 'quote') {
        const quote = reasonParts(summaries.get(c.id)?.reasonForCall ?? null, labels).quote;
        if (quote !== null) texts.push(quote);
      } else if (values.teach === 'request') {
        texts.push(...model.requestTexts(c.turns).slice(0, 1));
      } else if (values.teach !== 'none') throw new Error('--teach: quote, request or none');
      added.set(`${c.topic}/${intent}`, [...(added.get(`${c.topic}/${intent}`) ?? []), ...texts]);
    }
  }
  return {
    ...taxonomy,
    topics: taxonomy.topics.map((t) => ({
      ...t,
      intents: (t.intents ?? []).map((i) => ({
        ...i,
        examples: [...i.examples, ...(added.get(`${t.id}/${i.id}`) ?? [])],
      })),
    })),
  };
};

const pct = (a: number, b: number): string => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
const rows: string[][] = [];
const sum = { strictB: 0, strictA: 0, checked: 0, intentB: 0, intentA: 0, labelled: 0 };
const base = new IntentClassifier(taxonomy, vectors);
/** The taxonomy's model alone: it reads the teaching calls' requests, as write-generated.ts does. */
const plain = new TopicModel(trainTopicModel(taxonomy, { vectors }).text, vectors);
for (const k of held) {
  const others = DEV_SETS.filter((n) => n !== k).flatMap((name) =>
    readEvalSet(name).map((c) => ({
      topic: c.topic,
      turns: c.turns.map((t) => ({ role: t.role, text: t.text })),
    })),
  );
  const model = new TopicModel(trainTopicModel(taxonomy, { calls: others, vectors }).text, vectors);
  const teachers =
    values.teach === 'answers' ? DEV_SETS.filter((s) => s !== k) : LABELLED.filter((s) => s !== k);
  const after =
    values.teach === 'answers'
      ? new IntentClassifier(taxonomy, vectors, intentAnswerLessons(plain, base, devSetIntentCalls(teachers)))
      : new IntentClassifier(await taught(model, teachers), vectors);
  const before = await summarize(model, base, k);
  const now = await summarize(model, after, k);
  const intentLabels = readIntentLabels(k);
  let strictB = 0;
  let strictA = 0;
  let checked = 0;
  let intentB = 0;
  let intentA = 0;
  let labelled = 0;
  for (const c of readEvalSet(k)) {
    if (c.topic === null) continue;
    const b = before.get(c.id)!;
    const a = now.get(c.id)!;
    const strict = (s: CallSummary) =>
      reasonParts(s.reasonForCall, labels).label === labelOf.get(c.topic!) &&
      reasonMatchesRequest(s.reasonForCall, c.request);
    checked += 1;
    const sb = strict(b);
    const sa = strict(a);
    if (sb) strictB += 1;
    if (sa) strictA += 1;
    const want = intentLabels?.get(c.id);
    if (want !== undefined) {
      labelled += 1;
      if ((b.intent ?? null) === want) intentB += 1;
      if ((a.intent ?? null) === want) intentA += 1;
    }
    if (values.list && !sa)
      console.log(
        `  ${k} ${c.id} [${reasonMissCause(
          a.reasonForCall,
          c.request,
          labelOf.get(c.topic)!,
          labels,
          c.turns.filter((t) => t.role === 'CUSTOMER').map((t) => t.text),
        )}] want ${c.topic}/${want ?? '?'} ${JSON.stringify(c.request)}: ${a.reasonForCall}`,
      );
    if (values.list && !sa) {
      const ref = taxonomy.topics.find((t) => t.id === c.topic)!;
      const quote = reasonParts(a.reasonForCall, labels).quote ?? '';
      const would = (ref.intents ?? [])
        .filter((i) => reasonMatchesRequest(`${ref.label} — ${i.label}: ${quote}`, c.request))
        .map((i) => i.id);
      if (would.length > 0) console.log(`    an intent would pass: ${would.join(', ')}`);
    }
    if (values.misses && (sb !== sa || (b.intent ?? null) !== (a.intent ?? null)))
      console.log(
        `  ${k} ${c.id}${want === undefined ? '' : ` [${want ?? '-'}]`}: ${b.intent ?? '-'}${sb ? ' ok' : ''} -> ${a.intent ?? '-'}${sa ? ' ok' : ''}${sb !== sa ? (sa ? ' GAINED' : ' LOST') : ''} | ${a.reasonForCall}`,
      );
  }
  sum.strictB += strictB;
  sum.strictA += strictA;
  sum.checked += checked;
  sum.intentB += intentB;
  sum.intentA += intentA;
  sum.labelled += labelled;
  rows.push([
    k,
    teachers.join('+') || '-',
    labelled === 0
      ? ''
      : `${pct(intentB, labelled)} → ${pct(intentA, labelled)} (${intentA - intentB >= 0 ? '+' : ''}${intentA - intentB})`,
    `${pct(strictB, checked)} → ${pct(strictA, checked)} (${strictA - strictB >= 0 ? '+' : ''}${strictA - strictB})`,
  ]);
}
rows.push([
  'all',
  '',
  `${pct(sum.intentB, sum.labelled)} → ${pct(sum.intentA, sum.labelled)} (${sum.intentA - sum.intentB >= 0 ? '+' : ''}${sum.intentA - sum.intentB})`,
  `${pct(sum.strictB, sum.checked)} → ${pct(sum.strictA, sum.checked)} (${sum.strictA - sum.strictB >= 0 ? '+' : ''}${sum.strictA - sum.strictB})`,
]);
console.log(
  values.teach === 'answers'
    ? "teach answers: the taxonomy's intents → and the agents' answers of the other dev sets' calls (read when the request names no intent)"
    : `teach ${values.teach}: the taxonomy's intents → and the other labelled sets' calls`,
);
console.log(
  renderTable(
    ['held out', 'intents learned from', 'intent right (of labelled)', 'reason: topic and request'],
    rows,
    60,
  ),
);
