/**
 * Leave-one-dev-set-out: does training on whole labelled calls generalise to calls written in
 * another sitting? For each dev set k, a model is trained from the taxonomy plus the labelled
 * calls of the other dev sets (`--variant`: how a call becomes training text), and dev set k is
 * scored with it and with the taxonomy-only model: topic accuracy, top 3, "none", and the reason
 * naming the reference topic and the request (the strict figure). Generated calls are scored
 * with a model trained on every dev set. Reads the dev sets and generated calls only: the frozen
 * and holdout sets are never read (eval/README.md).
 *
 *   npx tsx scripts/cv-dev-sets.ts [--variant request] [--params '{}'] [--sets dev,...,dev7] [--seeds 1,2,3] [--count 60]
 */
import { parseArgs } from 'node:util';
import { createLocalEnrichers } from '../adapters/local/local-enrichers.js';
import { loadTaxonomy } from '../adapters/local/topics/taxonomy-file.js';
import type { LoadedTopicModel } from '../adapters/local/topics/topic-model-file.js';
import { loadWordVectors } from '../adapters/local/topics/word-vectors-file.js';
import { renderTable } from '../cli/render-table.js';
import { requestStart } from '../core/enrich/call-structure.js';
import type { Taxonomy } from '../core/enrich/taxonomy.js';
import {
  type LabelledCallTurns,
  type LabelledText,
  TopicModel,
  type TopicModelParams,
  trainTopicModel,
} from '../core/enrich/topic-model.js';
import { type EvalCase, generatedCase, labelledCase } from '../eval/cases.js';
import { reasonMatchesRequest } from '../eval/labelled-calls.js';
import { runEngines } from '../eval/run-engines.js';
import { reasonParts } from '../eval/score.js';
import { type EvalSetName, readEvalSet } from '../eval/sets.js';
import { scoreTopics } from '../eval/topic-score.js';
import { generateCalls } from '../generator/generate-calls.js';

const DEV_SETS = ['dev', 'dev2', 'dev3', 'dev4', 'dev5', 'dev6', 'dev7'] as const;

const { values } = parseArgs({
  options: {
    sets: { type: 'string', default: DEV_SETS.join(',') },
    variant: { type: 'string', default: 'request' },
    params: { type: 'string', default: '{}' },
    seeds: { type: 'string', default: '1,2,3' },
    count: { type: 'string', default: '60' },
  },
});
const held = values.sets.split(',').map((s) => s.trim());
for (const name of held)
  if (!(DEV_SETS as readonly string[]).includes(name))
    throw new Error(`${name}: only dev sets are held out and trained on (${DEV_SETS.join(', ')})`);
const params = JSON.parse(values.params) as Partial<TopicModelParams>;

const taxonomy = await loadTaxonomy();
const vectors = loadWordVectors();

const callsOf = (name: string): LabelledCallTurns[] =>
  readEvalSet(name as EvalSetName)
    .filter((c) => c.topic !== null)
    .map((c) => ({ topic: c.topic!, turns: c.turns.map((t) => ({ role: t.role, text: t.text })) }));

let noneCalls: LabelledCallTurns['turns'][] = [];

/** The taxonomy with more background talk: the no-topic calls' customer turns and the chatter before each call's request. */
const withBackground = (t: Taxonomy, base: TopicModel, calls: LabelledCallTurns[]): Taxonomy => {
  const talk: string[] = [];
  for (const turns of noneCalls)
    for (const turn of turns) if (turn.role === 'CUSTOMER' && turn.text.trim() !== '') talk.push(turn.text);
  for (const c of calls) {
    const scored = base.scoreTurns(c.turns);
    const first = base.firstRequest(scored, requestStart(c.turns.filter((x) => x.role !== 'IVR')));
    if (first < 0) continue;
    for (const turn of scored.slice(0, first)) if (turn.role === 'CUSTOMER') talk.push(turn.text);
  }
  return { ...t, background: [...t.background, ...talk] };
};

const noneCallsOf = (name: string): LabelledCallTurns['turns'][] =>
  readEvalSet(name as EvalSetName)
    .filter((c) => c.topic === null)
    .map((c) => c.turns.map((t) => ({ role: t.role, text: t.text })));

/** How labelled calls become a model: the variants measured (README, "Measured"). */
const VARIANTS: Record<string, (t: Taxonomy, calls: LabelledCallTurns[]) => string> = {
  // The shipped path: each call teaches its first request and the next topical customer turn.
  request: (t, calls) => trainTopicModel(t, { calls, vectors, params }).text,
  // Plus, as background talk: the customer's turns of calls about no topic, and what the caller
  // says before the request (greetings, identity answers, small talk).
  background: (t, calls) => {
    const base = new TopicModel(trainTopicModel(t, { vectors, params }).text, vectors);
    return trainTopicModel(withBackground(t, base, calls), { calls, vectors, params }).text;
  },
  // Its first request only.
  first: (t, calls) => {
    const base = new TopicModel(trainTopicModel(t, { vectors, params }).text, vectors);
    const texts: LabelledText[] = calls.flatMap((c) =>
      base
        .requestTexts(c.turns)
        .slice(0, 1)
        .map((text) => ({ topic: c.topic, text })),
    );
    return trainTopicModel(t, { texts, vectors, params }).text;
  },
};

const train = (calls: LabelledCallTurns[]): LoadedTopicModel => {
  const make = VARIANTS[values.variant];
  if (make === undefined) throw new Error(`--variant: one of ${Object.keys(VARIANTS).join(', ')}`);
  return { model: new TopicModel(make(taxonomy, calls), vectors), source: `cv ${values.variant}` };
};
const shipped: LoadedTopicModel = {
  model: new TopicModel(trainTopicModel(taxonomy, { vectors, params }).text, vectors),
  source: 'taxonomy',
};

interface Figures {
  calls: number;
  right: number;
  top3: number;
  withTopic: number;
  none: number;
  noneCalls: number;
  strict: number;
  checked: number;
}

const score = async (cases: EvalCase[], loaded: LoadedTopicModel): Promise<Figures> => {
  const enrichers = await createLocalEnrichers({ topicModel: loaded, summary: { engine: 'local' } });
  const answers = await runEngines(cases, enrichers);
  const t = scoreTopics(
    answers.map((a) => ({ id: a.case.id, expected: a.case.topic, matches: a.topics, ranking: a.ranking })),
  );
  const labelOf = new Map(taxonomy.topics.map((x) => [x.id, x.label]));
  const labels = [...labelOf.values()];
  const checked = answers.filter((a) => a.case.topic !== null && a.case.request !== null);
  const strict = checked.filter(
    (a) =>
      reasonParts(a.summary.reasonForCall, labels).label === labelOf.get(a.case.topic!) &&
      reasonMatchesRequest(a.summary.reasonForCall, a.case.request!),
  ).length;
  return {
    calls: t.calls,
    right: t.primaryRight,
    top3: t.top3Right,
    withTopic: t.withTopic,
    none: t.noneRight,
    noneCalls: t.noneCalls,
    strict,
    checked: checked.length,
  };
};

const pct = (a: number, b: number): string => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
const cell = (f: Figures, g: Figures, key: 'right' | 'top3' | 'strict'): string => {
  const of = key === 'right' ? f.calls : key === 'top3' ? f.withTopic : f.checked;
  return `${pct(f[key], of)} → ${pct(g[key], of)} (${g[key] - f[key] >= 0 ? '+' : ''}${g[key] - f[key]})`;
};

console.log(`variant ${values.variant}, params ${values.params}; shipped → trained on the other dev sets`);
const rows: string[][] = [];
const sums = { base: 0, cv: 0, baseStrict: 0, cvStrict: 0 };
for (const k of held) {
  const cases = readEvalSet(k as EvalSetName).map(labelledCase);
  const calls = DEV_SETS.filter((n) => n !== k).flatMap(callsOf);
  noneCalls = DEV_SETS.filter((n) => n !== k).flatMap(noneCallsOf);
  const before = await score(cases, shipped);
  const after = await score(cases, train(calls));
  sums.base += before.right / before.calls;
  sums.cv += after.right / after.calls;
  sums.baseStrict += before.strict / before.checked;
  sums.cvStrict += after.strict / after.checked;
  rows.push([
    k,
    String(before.calls),
    String(calls.length),
    cell(before, after, 'right'),
    cell(before, after, 'top3'),
    `${before.none}/${before.noneCalls} → ${after.none}/${after.noneCalls}`,
    cell(before, after, 'strict'),
  ]);
}
rows.push([
  'mean',
  '',
  '',
  `${pct(sums.base, held.length)} → ${pct(sums.cv, held.length)}`,
  '',
  '',
  `${pct(sums.baseStrict, held.length)} → ${pct(sums.cvStrict, held.length)}`,
]);
console.log(
  renderTable(
    ['held out', 'calls', 'trained calls', 'topic right', 'top 3', 'none', 'reason: topic and request'],
    rows,
    60,
  ),
);

const all = DEV_SETS.flatMap(callsOf);
noneCalls = DEV_SETS.flatMap(noneCallsOf);
const full = train(all);
const genRows: string[][] = [];
for (const seed of values.seeds.split(',').map(Number)) {
  const cases = generateCalls(seed, Number(values.count)).map(generatedCase);
  const before = await score(cases, shipped);
  const after = await score(cases, full);
  genRows.push([
    `generator seed ${seed} ×${values.count}`,
    cell(before, after, 'right'),
    cell(before, after, 'top3'),
  ]);
}
console.log(`model trained on all ${all.length} topical dev calls: ${full.model.file.version}`);
console.log(renderTable(['set', 'topic right', 'top 3'], genRows, 60));
