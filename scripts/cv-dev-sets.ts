/**
 * Leave-one-dev-set-out: does training on whole labelled calls generalise to calls written in
 * another sitting? For each dev set k, a model is trained from the taxonomy plus the labelled
 * calls of the other dev sets (`--variant`: how a call becomes training text), and dev set k is
 * scored with it and with the taxonomy-only model: topic accuracy, top 3, "none", and the reason
 * naming the reference topic and the request (the strict figure). Generated calls are scored
 * with a model trained on every dev set (what ships). The intents' answers (config/intent-answers.json)
 * are held out too: the taxonomy-only column reads none, the other column those of the other dev
 * sets' calls. Reads the dev sets and generated calls only: the frozen
 * and holdout sets are never read (eval/README.md).
 *
 *   npx tsx scripts/cv-dev-sets.ts [--variant request] [--params '{}'] [--sets dev,...,dev7] [--seeds 1,2,3] [--count 60] [--scores] [--changes] [--misses]
 */
import { parseArgs } from 'node:util';
import { createLocalEnrichers } from '../adapters/local/local-enrichers.js';
import { loadTaxonomy } from '../adapters/local/topics/taxonomy-file.js';
import type { LoadedTopicModel } from '../adapters/local/topics/topic-model-file.js';
import { loadWordVectors } from '../adapters/local/topics/word-vectors-file.js';
import { renderTable } from '../cli/render-table.js';
import { requestStart } from '../core/enrich/call-structure.js';
import { type IntentAnswer, IntentClassifier, intentAnswerLessons } from '../core/enrich/intents.js';
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
import { reasonMissCause, reasonParts, summaryOutcome } from '../eval/score.js';
import {
  DEV_SETS,
  devSetIntentCalls,
  type EvalSetName,
  readEvalSet,
  readIntentLabels,
} from '../eval/sets.js';
import { scoreTopics } from '../eval/topic-score.js';
import { generateCalls } from '../generator/generate-calls.js';

const { values } = parseArgs({
  options: {
    sets: { type: 'string', default: DEV_SETS.join(',') },
    variant: { type: 'string', default: 'lessons' },
    params: { type: 'string', default: '{}' },
    seeds: { type: 'string', default: '1,2,3' },
    count: { type: 'string', default: '60' },
    /** List the held-out calls whose topic changed between the two models. */
    changes: { type: 'boolean', default: false },
    /** Print the held-out best scores of the "none" calls and the lowest of the topical calls (to place minScore). */
    scores: { type: 'boolean', default: false },
    /** List the held-out calls the model gets wrong: topic (expected, answer, top 3), reason (with its cause), intent or outcome. */
    misses: { type: 'boolean', default: false },
  },
});
const held = values.sets.split(',').map((s) => s.trim());
for (const name of held)
  if (!(DEV_SETS as readonly string[]).includes(name))
    throw new Error(`${name}: only dev sets are held out and trained on (${DEV_SETS.join(', ')})`);
const params = JSON.parse(values.params) as Partial<TopicModelParams>;

const taxonomy = await loadTaxonomy();
const vectors = loadWordVectors();

/** A dev set's calls with their topic (null: about none of the topics). */
const callsOf = (name: string): LabelledCallTurns[] =>
  readEvalSet(name as EvalSetName).map((c) => ({
    topic: c.topic,
    turns: c.turns.map((t) => ({ role: t.role, text: t.text })),
  }));

/**
 * How labelled calls become a model. `lessons` (default) is what `debrief topics train` and the
 * shipped model do (core/enrich/topic-model.ts, callLessons). Other variants, measured on the
 * way (README, "Measured"), are parts joined by `+`:
 * - `request`: each call teaches its first request and the next topical customer turn (what
 *   `topics train` did before); `first`: its first request only; `after`: every topical
 *   customer turn from the request on;
 * - `answer`: also the agent's answer to the request (their first turn after it that is not script);
 * - `x2`: the call's texts count twice;
 * - `none`: the customer's turns of calls about no topic are learned as background talk;
 * - `pre`: so is what the caller says before the request; `chatter`: only the part of it the
 *   taxonomy's model reads as background (P(background) ≥ 0.8); `agents`: agent turns too.
 * `lessons` is `first+answer+none+chatter+agents`.
 */
const makeModel = (variant: string, t: Taxonomy, calls: LabelledCallTurns[]): string => {
  if (variant === 'lessons') return trainTopicModel(t, { calls, vectors, params }).text;
  const parts = new Set(variant.split('+'));
  const known = ['request', 'first', 'after', 'answer', 'x2', 'none', 'pre', 'chatter', 'agents'];
  for (const part of parts)
    if (!known.includes(part)) throw new Error(`--variant: lessons, or parts ${known.join(', ')}`);
  const base = new TopicModel(trainTopicModel(t, { vectors, params }).text, vectors);
  const examples: LabelledText[] = [];
  const background: string[] = [];
  if (parts.has('none'))
    for (const c of calls)
      if (c.topic === null)
        for (const turn of c.turns)
          if (
            (turn.role === 'CUSTOMER' || (parts.has('agents') && turn.role === 'AGENT')) &&
            turn.text.trim() !== ''
          )
            background.push(turn.text);
  for (const c of calls) {
    const topic = c.topic;
    if (topic === null) continue;
    const scored = base.scoreTurns(c.turns);
    const first = base.firstRequest(scored, requestStart(c.turns.filter((x) => x.role !== 'IVR')));
    const said: string[] = [];
    if (parts.has('request')) said.push(...base.requestTexts(c.turns));
    else if (parts.has('first')) said.push(...base.requestTexts(c.turns).slice(0, 1));
    else if (parts.has('after') && first >= 0)
      said.push(
        ...scored
          .slice(first)
          .filter(
            (x) => x.role === 'CUSTOMER' && !x.chatter && x.background < base.params.requestMaxBackground,
          )
          .map((x) => x.text),
      );
    if (parts.has('answer') && first >= 0) {
      const answer = scored.slice(first + 1).find((x) => x.role === 'AGENT' && !x.script);
      if (answer !== undefined) said.push(answer.text);
    }
    for (let i = 0; i < (parts.has('x2') ? 2 : 1); i += 1)
      for (const text of said) examples.push({ topic, text });
    if (first > 0)
      for (const x of scored.slice(0, first))
        if (
          (x.role === 'CUSTOMER' || (parts.has('agents') && x.role === 'AGENT')) &&
          (parts.has('pre') || (parts.has('chatter') && x.background >= 0.8))
        )
          background.push(x.text);
  }
  const lessons = { calls: calls.length, fingerprints: [], examples, background };
  return trainTopicModel(t, { lessons, vectors, params }).text;
};

const train = (calls: LabelledCallTurns[]): LoadedTopicModel => ({
  model: new TopicModel(makeModel(values.variant, taxonomy, calls), vectors),
  source: `cv ${values.variant}`,
});
/** The taxonomy alone: the default model before labelled calls were shipped. */
const taxonomyOnly: LoadedTopicModel = {
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
  /** Checked calls whose reason names the request (whatever its topic). */
  request: number;
  /** Calls with an intent label (not '-') and those whose summary names it. */
  intentRight: number;
  intentLabelled: number;
  /** Topical calls with a reference outcome and those whose summary states it. */
  outcomeRight: number;
  outcomeCalls: number;
  /** Per call: the answered topic (none when no topic), its score and the top 3 of the ranking. */
  got: Map<string, { topic: string; score: number; expected: string; top3: string }>;
}

const score = async (
  cases: EvalCase[],
  loaded: LoadedTopicModel,
  intentAnswers?: readonly IntentAnswer[],
  set?: string,
): Promise<Figures> => {
  const enrichers = await createLocalEnrichers({
    topicModel: loaded,
    summary: { engine: 'local' },
    ...(intentAnswers === undefined ? {} : { intentAnswers }),
  });
  const answers = await runEngines(cases, enrichers);
  const t = scoreTopics(
    answers.map((a) => ({ id: a.case.id, expected: a.case.topic, matches: a.topics, ranking: a.ranking })),
  );
  const labelOf = new Map(taxonomy.topics.map((x) => [x.id, x.label]));
  const labels = [...labelOf.values()];
  const checked = answers.filter((a) => a.case.topic !== null && a.case.request !== null);
  const strictOk = (a: (typeof answers)[number]): boolean =>
    reasonParts(a.summary.reasonForCall, labels).label === labelOf.get(a.case.topic!) &&
    reasonMatchesRequest(a.summary.reasonForCall, a.case.request!);
  const strict = checked.filter(strictOk).length;
  const intentLabels = set === undefined ? null : readIntentLabels(set as EvalSetName);
  const labelled = answers.filter((a) => (intentLabels?.get(a.case.id) ?? null) !== null);
  const withOutcome = answers.filter((a) => a.case.topic !== null && a.case.outcome !== null);
  if (values.misses && set !== undefined && intentAnswers !== undefined && intentAnswers.length > 0)
    for (const a of answers) {
      if (a.case.topic === null) continue;
      const reason = a.summary.reasonForCall;
      const wantIntent = intentLabels?.get(a.case.id) ?? null;
      if (a.case.request !== null && !strictOk(a)) {
        // Why (eval/score.ts): the wrong topic, a request the caller's words never state, or the wrong sentence.
        const cause = reasonMissCause(
          reason,
          a.case.request,
          labelOf.get(a.case.topic)!,
          labels,
          a.case.doc.turns.filter((t) => t.role === 'CUSTOMER').map((t) => t.text),
        );
        console.log(
          `  ${set} ${a.case.id} reason [${cause}] (${a.case.topic}; ${a.case.request.map((g) => g.join('|')).join(' ; ')}): ${reason}`,
        );
      }
      if (wantIntent !== null && a.summary.intent !== wantIntent)
        console.log(`  ${set} ${a.case.id} intent ${wantIntent} -> ${a.summary.intent ?? 'none'}`);
      if (a.case.outcome !== null && summaryOutcome(a.summary) !== a.case.outcome)
        console.log(`  ${set} ${a.case.id} outcome ${a.case.outcome} -> ${summaryOutcome(a.summary)}`);
    }
  return {
    calls: t.calls,
    request: checked.filter((a) => reasonMatchesRequest(a.summary.reasonForCall, a.case.request!)).length,
    intentRight: labelled.filter((a) => a.summary.intent === intentLabels!.get(a.case.id)).length,
    intentLabelled: labelled.length,
    outcomeRight: withOutcome.filter((a) => summaryOutcome(a.summary) === a.case.outcome).length,
    outcomeCalls: withOutcome.length,
    right: t.primaryRight,
    top3: t.top3Right,
    withTopic: t.withTopic,
    none: t.noneRight,
    noneCalls: t.noneCalls,
    strict,
    checked: checked.length,
    got: new Map(
      answers.map((a) => [
        a.case.id,
        {
          topic: a.topics[0]?.topic ?? 'none',
          score: a.topics[0]?.score ?? 0,
          expected: a.case.topic ?? 'none',
          top3: a.ranking.slice(0, 3).join(', '),
        },
      ]),
    ),
  };
};

const pct = (a: number, b: number): string => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
const cell = (f: Figures, g: Figures, key: 'right' | 'top3' | 'strict'): string => {
  const of = key === 'right' ? f.calls : key === 'top3' ? f.withTopic : f.checked;
  return `${pct(f[key], of)} → ${pct(g[key], of)} (${g[key]}/${of}, ${g[key] - f[key] >= 0 ? '+' : ''}${g[key] - f[key]})`;
};

console.log(
  `variant ${values.variant}, params ${values.params}; taxonomy only → taxonomy and the other dev sets' calls`,
);
const rows: string[][] = [];
/** Per held-out set, with the other sets' calls: the summary's measures. */
const measures: string[][] = [];
const pooled: { topic: string; score: number; expected: string }[] = [];
const sums = { base: 0, cv: 0, baseStrict: 0, cvStrict: 0 };
const zero = (): Figures => ({
  calls: 0,
  right: 0,
  top3: 0,
  withTopic: 0,
  none: 0,
  noneCalls: 0,
  strict: 0,
  checked: 0,
  request: 0,
  intentRight: 0,
  intentLabelled: 0,
  outcomeRight: 0,
  outcomeCalls: 0,
  got: new Map(),
});
const pooledBefore = zero();
const pooledAfter = zero();
const add = (to: Figures, f: Figures) => {
  for (const key of [
    'calls',
    'right',
    'top3',
    'withTopic',
    'none',
    'noneCalls',
    'strict',
    'checked',
    'request',
    'intentRight',
    'intentLabelled',
    'outcomeRight',
    'outcomeCalls',
  ] as const)
    to[key] += f[key];
};
for (const k of held) {
  const cases = readEvalSet(k as EvalSetName).map(labelledCase);
  const calls = DEV_SETS.filter((n) => n !== k).flatMap(callsOf);
  const before = await score(cases, taxonomyOnly, []);
  const after = await score(
    cases,
    train(calls),
    intentAnswerLessons(
      taxonomyOnly.model,
      new IntentClassifier(taxonomy, vectors),
      devSetIntentCalls(DEV_SETS.filter((n) => n !== k)),
    ),
    k,
  );
  measures.push([
    k,
    pct(after.request, after.checked),
    pct(after.strict, after.checked),
    pct(after.intentRight, after.intentLabelled),
    pct(after.outcomeRight, after.outcomeCalls),
  ]);
  if (values.changes)
    for (const [id, b] of before.got) {
      const a = after.got.get(id)!;
      if (a.topic !== b.topic)
        console.log(
          `  ${k} ${id} (${b.expected}): ${b.topic} ${b.score.toFixed(2)} -> ${a.topic} ${a.score.toFixed(2)}${a.topic === a.expected ? ' gained' : b.topic === b.expected ? ' LOST' : ''}`,
        );
    }
  if (values.misses)
    for (const [id, a] of after.got)
      if (a.topic !== a.expected)
        console.log(`  miss ${k} ${id} (${a.expected}): ${a.topic} ${a.score.toFixed(2)} — top 3 ${a.top3}`);
  for (const g of after.got.values()) pooled.push(g);
  add(pooledBefore, before);
  add(pooledAfter, after);
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
  'all',
  String(pooledBefore.calls),
  '',
  cell(pooledBefore, pooledAfter, 'right'),
  cell(pooledBefore, pooledAfter, 'top3'),
  `${pooledBefore.none}/${pooledBefore.noneCalls} → ${pooledAfter.none}/${pooledAfter.noneCalls}`,
  cell(pooledBefore, pooledAfter, 'strict'),
]);
rows.push([
  'mean of sets',
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

measures.push([
  'all',
  `${pct(pooledAfter.request, pooledAfter.checked)} (${pooledAfter.request}/${pooledAfter.checked})`,
  `${pct(pooledAfter.strict, pooledAfter.checked)} (${pooledAfter.strict}/${pooledAfter.checked})`,
  `${pct(pooledAfter.intentRight, pooledAfter.intentLabelled)} (${pooledAfter.intentRight}/${pooledAfter.intentLabelled})`,
  `${pct(pooledAfter.outcomeRight, pooledAfter.outcomeCalls)} (${pooledAfter.outcomeRight}/${pooledAfter.outcomeCalls})`,
]);
console.log("held out, trained on the other dev sets' calls: the summary's measures");
console.log(
  renderTable(
    [
      'held out',
      'reason: request',
      'reason: topic and request',
      'intent right (of labelled)',
      'outcome right',
    ],
    measures,
    60,
  ),
);

if (values.scores) {
  // Answers below minScore are "none" with score 0: the scores say where the threshold could move up.
  const none = pooled.filter((g) => g.expected === 'none').sort((a, b) => b.score - a.score);
  console.log(`held-out "none" calls, best score: ${none.map((g) => g.score.toFixed(3)).join(' ')}`);
  const topical = pooled
    .filter((g) => g.expected !== 'none' && g.topic !== 'none')
    .sort((a, b) => a.score - b.score);
  console.log(
    `held-out topical calls, 20 lowest best scores (R = right): ${topical
      .slice(0, 20)
      .map((g) => `${g.score.toFixed(3)}${g.topic === g.expected ? 'R' : ''}`)
      .join(' ')}`,
  );
}

const all = DEV_SETS.flatMap(callsOf);
const full = train(all);
const genRows: string[][] = [];
for (const seed of values.seeds.split(',').map(Number)) {
  const cases = generateCalls(seed, Number(values.count)).map(generatedCase);
  const before = await score(cases, taxonomyOnly, []);
  const after = await score(cases, full);
  genRows.push([
    `generator seed ${seed} ×${values.count}`,
    cell(before, after, 'right'),
    cell(before, after, 'top3'),
  ]);
}
console.log(
  `generated calls: taxonomy only → taxonomy and all ${all.length} dev calls: ${full.model.file.version}`,
);
console.log(renderTable(['set', 'topic right', 'top 3'], genRows, 60));
