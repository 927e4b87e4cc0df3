/**
 * Scores the embedded enrichment engines, side by side, on the hand-written frozen set (never
 * tuned on; eval/README.md), the sets written later and never tuned on (holdout, dev51, the
 * toxicity dev set's half C) and on generated calls with known answers (dev8 and tox-b, printed too, are
 * tuning material since the twelfth round, dev9 since the thirteenth, dev10 since the fourteenth, dev11 since the fifteenth, dev12 since the sixteenth, dev13 since the seventeenth, dev14 since the eighteenth, dev15 since the nineteenth, dev16 since the twentieth, dev17 since the twenty-first, dev18 since the twenty-second, dev19 since the twenty-third, dev20 since the twenty-fourth, dev21 since the twenty-fifth, dev22 since the twenty-sixth, dev23 since the twenty-seventh, dev24 since the twenty-eighth, dev25 since the twenty-ninth, dev26 since the thirtieth, dev27 since the thirty-first, dev28 since the thirty-third, dev29 since the thirty-fourth, dev30 since the thirty-fifth, dev31 since the thirty-sixth, dev32 since the thirty-seventh, dev33 since the thirty-eighth, dev34 since the thirty-ninth, dev35 since the fortieth, dev36 since the forty-first, dev37 since the forty-second, dev38 since the forty-third, dev39 since the forty-fourth, dev40 since the forty-fifth, dev41 since the forty-sixth, dev42 since the forty-seventh, dev43 since the forty-eighth, dev44 since the forty-ninth, dev45 since the fiftieth, dev46 since the fifty-first, dev47 since the fifty-second, dev48 since the fifty-third, dev49 since the fifty-fourth, dev50 since the fifty-fifth):
 * topic accuracy, top-3 and confusion matrix; toxicity precision/recall per turn and per label,
 * benign look-alikes flagged; summary reason/outcome accuracy and ROUGE.
 *
 *   npx tsx scripts/eval-enrichment.ts [--sets frozen,holdout,dev8,dev9,dev10,dev11,dev12,dev13,dev14,dev15,dev16,dev17,dev18,dev19,dev20,dev21,dev22,dev23,dev24,dev25,dev26,dev27,dev28,dev29,dev30,dev31,dev32,dev33,dev34,dev35,dev36,dev37,dev38,dev39,dev40,dev41,dev42,dev43,dev44,dev45,dev46,dev47,dev48,dev49,dev50,dev51,tox-b,tox-c,generator] [--seed 1] [--count 60] [--misses]
 *
 * `--sets dev` is a set to tune on (dev to dev50); `--misses` lists what was missed, except on the sets kept for
 * reporting (frozen, holdout, dev51 and the toxicity dev set's half C, tox-c: their misses are not
 * inspected call by call, so they stay tests no rule was fitted to). dev8 and the toxicity dev
 * set's half B, tox-b, were reported only until the twelfth round, which tuned on them; dev9 until
 * the thirteenth, dev10 until the fourteenth, dev11 until the fifteenth, dev12 until the sixteenth, dev13 until the seventeenth, dev14 until the eighteenth, dev15 until the nineteenth, dev16 until the twentieth, dev17 until the twenty-first, dev18 until the twenty-second, dev19 until the twenty-third, dev20 until the twenty-fourth, dev21 until the twenty-fifth, dev22 until the twenty-sixth, dev23 until the twenty-seventh, dev24 until the twenty-eighth, dev25 until the twenty-ninth, dev26 until the thirtieth, dev27 until the thirty-first, dev28 until the thirty-third, dev29 until the thirty-fourth, dev30 until the thirty-fifth, dev31 until the thirty-sixth, dev32 until the thirty-seventh, dev33 until the thirty-eighth, dev34 until the thirty-ninth, dev35 until the fortieth, dev36 until the forty-first, dev37 until the forty-second, dev38 until the forty-third, dev39 until the forty-fourth, dev40 until the forty-fifth, dev41 until the forty-sixth, dev42 until the forty-seventh, dev43 until the forty-eighth, dev44 until the forty-ninth, dev45 until the fiftieth, dev46 until the fifty-first, dev47 until the fifty-second, dev48 until the fifty-third, dev49 until the fifty-fourth, dev50 until the fifty-fifth.
 */
import { parseArgs } from 'node:util';
import { createLocalEnrichers } from '../adapters/local/local-enrichers.js';
import { renderTable } from '../cli/render-table.js';
import { TOXICITY_LABELS } from '../core/ports/toxicity-detector.js';
import { type EvalCase, generatedCase, labelledCase } from '../eval/cases.js';
import { reasonMatchesRequest } from '../eval/labelled-calls.js';
import { runEngines } from '../eval/run-engines.js';
import {
  type CaseAnswer,
  mean,
  precision,
  type ReasonMissCause,
  reasonMissCause,
  reasonParts,
  recall,
  type SummaryScores,
  scoreSummaries,
  scoreToxicity,
  type ToxicityScores,
} from '../eval/score.js';
import { DEV_SETS, EVAL_SETS, type EvalSetName, readEvalSet, readIntentLabels } from '../eval/sets.js';
import { confusionMatrix, ratio, scoreTopics, type TopicScores } from '../eval/topic-score.js';
import { generateCalls } from '../generator/generate-calls.js';

const { values } = parseArgs({
  options: {
    sets: {
      type: 'string',
      default:
        'frozen,holdout,dev8,dev9,dev10,dev11,dev12,dev13,dev14,dev15,dev16,dev17,dev18,dev19,dev20,dev21,dev22,dev23,dev24,dev25,dev26,dev27,dev28,dev29,dev30,dev31,dev32,dev33,dev34,dev35,dev36,dev37,dev38,dev39,dev40,dev41,dev42,dev43,dev44,dev45,dev46,dev47,dev48,dev49,dev50,dev51,tox-b,tox-c,generator',
    },
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '60' },
    misses: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  // The file's own header is its usage.
  const { readFileSync } = await import('node:fs');
  const header =
    /^\/\*\*\n([\s\S]*?)\n \*\//u.exec(readFileSync(new URL(import.meta.url), 'utf8'))?.[1] ?? '';
  console.log(header.replace(/^ \* ?/gmu, ''));
  process.exit(0);
}
const seed = Number(values.seed);
const count = Number(values.count);

const pct = (x: number): string => (Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(1)}%`);
const num = (x: number): string => (Number.isNaN(x) ? 'n/a' : x.toFixed(3));
const frac = (a: number, b: number): string => `${pct(ratio(a, b))} (${a}/${b})`;

interface SetReport {
  name: string;
  answers: CaseAnswer[];
  /** Topical calls whose reason names the reference topic and passes the request check. */
  reasonTopicAndRequest: number;
  /**
   * The same with the request checked on the quoted words alone (after "topic — intent: "; an agent's joined words
   * included, their "(agent:" / "(agent replied:" labels not, as in every request check):
   * how much of the figure above the labels' own words carry ("billing — late payment fee: …" meets
   * "fee|charg" by its intent's label).
   */
  reasonTopicAndRequestInQuote: number;
  /** Reasons the toxicity engine flags (they quote abuse), and calls with a reference toxic customer turn. */
  abusiveReasons: string[];
  callsWithToxicCustomer: number;
  topics: TopicScores;
  toxicity: ToxicityScores;
  summaries: SummaryScores;
}

const casesFor = (name: string): EvalCase[] => {
  if (name in EVAL_SETS) return readEvalSet(name as EvalSetName).map(labelledCase);
  if (name === 'generator') return generateCalls(seed, count).map(generatedCase);
  throw new Error(`unknown set ${name} (${Object.keys(EVAL_SETS).join(', ')}, generator)`);
};

/** Intent precision (of the intents named) or recall (of the calls with an intent label), where the set has labels. */
const intentScore = (r: SetReport, of: 'named' | 'labelled'): string => {
  const labels = r.name in EVAL_SETS ? readIntentLabels(r.name as EvalSetName) : null;
  if (labels === null) return 'n/a';
  let named = 0;
  let right = 0;
  for (const a of r.answers) {
    if (!labels.has(a.case.id)) continue;
    const intent = a.summary.intent ?? null;
    if (intent !== null) named += 1;
    if (intent !== null && intent === labels.get(a.case.id)) right += 1;
  }
  const labelled = [...labels.values()].filter((v) => v !== null).length;
  return frac(right, of === 'named' ? named : labelled);
};

/** Sets whose misses are never listed (eval/README.md). */
const REPORT_ONLY: ReadonlySet<string> = new Set(['frozen', 'holdout', 'dev51', 'tox-c']);

const label = (name: string): string => (name === 'generator' ? `generator seed ${seed} ×${count}` : name);

const main = async () => {
  const enrichers = await createLocalEnrichers();
  const reports: SetReport[] = [];
  for (const name of values.sets.split(',').map((s) => s.trim())) {
    const answers = await runEngines(casesFor(name), enrichers);
    const labelOf = new Map(enrichers.taxonomy.topics.map((t) => [t.id, t.label]));
    const labels = [...labelOf.values()];
    const reasons = answers.map((a) => reasonParts(a.summary.reasonForCall, labels).quote ?? '');
    const flagged = (
      await enrichers.toxicity!.detect({
        TextSegments: reasons.map((Text) => ({ Text: Text === '' ? ' ' : Text })),
        LanguageCode: 'en',
      })
    ).ResultList.map((r) => r.Toxicity >= enrichers.toxicityThreshold);
    reports.push({
      name,
      answers,
      reasonTopicAndRequest: answers.filter(
        (a) =>
          a.case.topic !== null &&
          a.case.request !== null &&
          reasonParts(a.summary.reasonForCall, labels).label === labelOf.get(a.case.topic) &&
          reasonMatchesRequest(a.summary.reasonForCall, a.case.request),
      ).length,
      reasonTopicAndRequestInQuote: answers.filter((a) => {
        const { label, quote } = reasonParts(a.summary.reasonForCall, labels);
        return (
          a.case.topic !== null &&
          a.case.request !== null &&
          label === labelOf.get(a.case.topic) &&
          quote !== null &&
          reasonMatchesRequest(quote, a.case.request)
        );
      }).length,
      abusiveReasons: answers.filter((_, i) => flagged[i]).map((a) => a.case.id),
      callsWithToxicCustomer: answers.filter((a) =>
        a.case.doc.turns.some(
          (t, i) => t.role === 'CUSTOMER' && (a.case.turnLabels.get(i)?.toxic.length ?? 0) > 0,
        ),
      ).length,
      topics: scoreTopics(
        answers.map((a) => ({
          id: a.case.id,
          expected: a.case.topic,
          matches: a.topics,
          ranking: a.ranking,
        })),
      ),
      toxicity: scoreToxicity(answers),
      summaries: scoreSummaries(answers),
    });
  }
  const lineage = [enrichers.topics, enrichers.toxicity, enrichers.summarizer].flatMap((e) =>
    e === null ? [] : [e.lineage()],
  );
  console.log(
    `Engines: ${lineage.map((l) => `${l.engine} ${l.version}${l.model ? ` (${l.model})` : ''}`).join('; ')}`,
  );

  const row = (metric: string, f: (r: SetReport) => string): string[] => [metric, ...reports.map(f)];
  const rows: string[][] = [
    row('calls', (r) => String(r.answers.length)),
    row('topic: primary right', (r) => frac(r.topics.primaryRight, r.topics.calls)),
    row('topic: reference in top 3', (r) => frac(r.topics.top3Right, r.topics.withTopic)),
    row('topic: "none" calls answered none', (r) => frac(r.topics.noneRight, r.topics.noneCalls)),
    row('topic: abstained (no topic) on a topical call', (r) => String(r.topics.abstained)),
    row('toxicity: turns scored', (r) => String(r.toxicity.turns)),
    row('toxicity: precision per turn', (r) =>
      frac(r.toxicity.overall.tp, r.toxicity.overall.tp + r.toxicity.overall.fp),
    ),
    row('toxicity: recall per turn', (r) =>
      frac(r.toxicity.overall.tp, r.toxicity.overall.tp + r.toxicity.overall.fn),
    ),
    row(
      'toxicity: benign look-alikes flagged',
      (r) => `${r.toxicity.lookalikesFlagged}/${r.toxicity.lookalikes}`,
    ),
    ...TOXICITY_LABELS.map((l) =>
      row(`  ${l} P / R`, (r) => {
        const s = r.toxicity.perLabel.get(l)!;
        return s.tp + s.fn + s.fp === 0
          ? '-'
          : `${pct(precision(s))} / ${pct(recall(s))} (ref ${s.tp + s.fn})`;
      }),
    ),
    row('summary: reason names the request', (r) =>
      r.summaries.requestChecked === 0 ? 'n/a' : frac(r.summaries.reasonMatches, r.summaries.requestChecked),
    ),
    row('summary: reason names the reference topic and the request', (r) =>
      r.summaries.requestChecked === 0 ? 'n/a' : frac(r.reasonTopicAndRequest, r.summaries.requestChecked),
    ),
    row('summary: the same, the request in the quoted words alone (labels not counted)', (r) =>
      r.summaries.requestChecked === 0
        ? 'n/a'
        : frac(r.reasonTopicAndRequestInQuote, r.summaries.requestChecked),
    ),
    row(
      'summary: reasons quoting abuse (of calls with a toxic customer turn)',
      (r) => `${r.abusiveReasons.length} (${r.callsWithToxicCustomer})`,
    ),
    row('summary: intent right, of those named', (r) => intentScore(r, 'named')),
    row('summary: intent right, of calls labelled', (r) => intentScore(r, 'labelled')),
    row('summary: outcome right', (r) => frac(r.summaries.outcomeRight, r.summaries.outcomeCalls)),
    row('summary: outcome stated (not null)', (r) =>
      frac(r.summaries.outcomeStated, r.summaries.outcomeCalls),
    ),
    row('summary: reason ROUGE-1 F', (r) => num(mean(r.summaries.reasonRouge1))),
    row('summary: reason ROUGE-L F', (r) => num(mean(r.summaries.reasonRougeL))),
    row('summary: summary ROUGE-1 F', (r) => num(mean(r.summaries.summaryRouge1))),
  ];
  console.log(renderTable(['measure', ...reports.map((r) => label(r.name))], rows, 80));
  const fitted = reports.filter((r) => (DEV_SETS as readonly string[]).includes(r.name)).map((r) => r.name);
  if (fitted.length > 0)
    console.log(
      `Note: the default topic model learned the dev sets' calls (config/topic-calls.json) and the intents their agents' answers (config/intent-answers.json), so the topic, intent and reason figures of ${fitted.join(', ')} are fitted; held-out figures: npx tsx scripts/cv-dev-sets.ts and scripts/cv-intent-calls.ts (leave one dev set out).`,
    );

  const order = enrichers.taxonomy.topics.map((t) => t.id);
  for (const r of reports) {
    const m = confusionMatrix(r.topics, order);
    console.log(`\nTopic confusion matrix, ${label(r.name)} (rows: reference, columns: predicted)`);
    console.log(renderTable(m.head, m.rows, 40));
    const o = r.summaries.outcomeConfusion;
    const outcomes = ['resolved', 'not_resolved', 'follow_up', 'null'];
    console.log(`Outcome confusion, ${label(r.name)}`);
    console.log(
      renderTable(
        ['reference \\ stated', ...outcomes],
        [...o.entries()].map(([ref, got]) => [ref, ...outcomes.map((x) => String(got.get(x) ?? '·'))]),
      ),
    );
    if (values.misses && !REPORT_ONLY.has(r.name)) {
      console.log(`Misses, ${label(r.name)}:`);
      for (const m of r.topics.misses) console.log(`  topic ${m.id}: ${m.expected} -> ${m.got}`);
      for (const m of r.toxicity.missed) console.log(`  toxic missed ${m.id}#${m.index}: ${m.text}`);
      for (const m of r.toxicity.falseAlarms) console.log(`  false alarm ${m.id}#${m.index}: ${m.text}`);
      const labels = enrichers.taxonomy.topics.map((t) => t.label);
      const labelOf = new Map(enrichers.taxonomy.topics.map((t) => [t.id, t.label]));
      const causes = new Map<ReasonMissCause, number>();
      for (const m of r.summaries.reasonMisses) {
        const a = r.answers.find((x) => x.case.id === m.id)!;
        const customer = a.case.doc.turns.filter((t) => t.role === 'CUSTOMER').map((t) => t.text);
        const cause = reasonMissCause(
          m.reason,
          a.case.request!,
          labelOf.get(a.case.topic!)!,
          labels,
          customer,
        );
        causes.set(cause, (causes.get(cause) ?? 0) + 1);
        console.log(`  reason ${m.id} [${cause}]: ${m.reason}`);
      }
      const intentLabels = r.name in EVAL_SETS ? readIntentLabels(r.name as EvalSetName) : null;
      for (const a of r.answers) {
        const want = intentLabels?.get(a.case.id);
        const got = a.summary.intent ?? null;
        if (want !== undefined && want !== null && got !== want)
          console.log(`  intent ${a.case.id}: ${want} -> ${got ?? 'none'}`);
      }
      for (const a of r.answers) {
        const got = a.summary.outcome ?? null;
        if (a.case.outcome === null || a.case.outcome === undefined || got === a.case.outcome) continue;
        const last = a.case.doc.turns.slice(-2).map((t) => `${t.role === 'AGENT' ? 'A' : 'C'}: ${t.text}`);
        console.log(`  outcome ${a.case.id}: ${a.case.outcome} -> ${got ?? 'null'} | ${last.join(' | ')}`);
      }
      for (const id of r.abusiveReasons) {
        const a = r.answers.find((x) => x.case.id === id)!;
        console.log(`  reason quotes abuse ${id}: ${a.summary.reasonForCall}`);
      }
      if (r.summaries.reasonMisses.length > 0)
        console.log(
          `  reason misses by cause: ${['topic', 'unsaid', 'selection'].map((c) => `${c} ${causes.get(c as ReasonMissCause) ?? 0}`).join(', ')}`,
        );
    }
  }
};

await main();
