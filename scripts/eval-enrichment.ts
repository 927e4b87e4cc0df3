/**
 * Scores the embedded enrichment engines on generated calls with known answers:
 * topic accuracy, toxicity precision/recall per turn, summary overlap (ROUGE-1 F).
 *
 *   npx tsx scripts/eval-enrichment.ts [--seed 1] [--count 60] [--threshold 0.5]
 *
 * Turns are tagged IVR from the generator's truth (speech kind), not by the CTR merge, so the
 * figures measure enrichment alone and do not move with the merge's quality.
 */
import { parseArgs } from 'node:util';
import Table from 'cli-table3';
import { n as rougeN } from 'js-rouge';
import { createLocalSummarizer } from '../adapters/local/summary/extractive-summarizer.js';
import { createLocalTopicClassifier } from '../adapters/local/topics/naive-bayes-topic-classifier.js';
import { loadTaxonomy } from '../adapters/local/topics/taxonomy-file.js';
import { createLocalToxicityDetector } from '../adapters/local/toxicity/lexicon-toxicity-detector.js';
import { buildCallDocument } from '../core/call-document.js';
import { summarizeCall } from '../core/enrich/summary.js';
import { detectTopics } from '../core/enrich/topics.js';
import { detectToxicity } from '../core/enrich/toxicity.js';
import { generateCalls } from '../generator/generate-calls.js';
import type { CallTruth, SpeechTruth } from '../generator/truth.js';
import type { CallDocument, Turn } from '../schemas/call-document.js';
import { TranscribeCallAnalyticsOutput } from '../schemas/transcribe-call-analytics.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '60' },
    threshold: { type: 'string', default: '0.5' },
  },
});
const seed = Number(values.seed);
const count = Number(values.count);
const threshold = Number(values.threshold);

const overlapMs = (turn: Turn, speech: SpeechTruth): number =>
  Math.max(0, Math.min(turn.endMs, speech.endMs) - Math.max(turn.beginMs, speech.beginMs));

/** The truth utterances a transcript turn covers (a turn may merge several). */
const speechOf = (turn: Turn, truth: CallTruth): SpeechTruth[] =>
  truth.speech.filter((s) => s.channel === turn.channel && overlapMs(turn, s) > 0);

/** What MergeCtr would do, from the truth: a turn that holds only prompts is IVR. */
const withTruthRoles = (doc: CallDocument, truth: CallTruth): CallDocument => ({
  ...doc,
  turns: doc.turns.map((turn) => {
    const speech = speechOf(turn, truth);
    const ivr = speech.length > 0 && speech.every((s) => s.role === 'IVR');
    return ivr ? { ...turn, role: 'IVR' as const } : turn;
  }),
});

const rouge1 = (candidate: string | null, reference: string): number =>
  candidate === null || candidate.trim() === ''
    ? 0
    : rougeN(candidate, reference, { n: 1, caseSensitive: false });

const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
const pct = (x: number): string => (Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(1)}%`);
const num = (x: number): string => (Number.isNaN(x) ? 'n/a' : x.toFixed(3));

const main = async () => {
  const taxonomy = await loadTaxonomy();
  const classifier = createLocalTopicClassifier(taxonomy);
  const summarizer = createLocalSummarizer();
  const detector = createLocalToxicityDetector();

  let topicHits = 0;
  let topicInTop3 = 0;
  let noTopic = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let trapTurns = 0;
  let trapsFlagged = 0;
  const rougeSummary: number[] = [];
  const rougeReason: number[] = [];
  const rougeResolution: number[] = [];
  let resolvedKnown = 0;
  let resolvedRight = 0;
  let callbackKnown = 0;
  let callbackRight = 0;
  const confusion = new Map<string, number>();

  const calls = generateCalls(seed, count);
  for (const call of calls) {
    const truth = call.truth;
    const tca = call.files.find((f) => f.name.endsWith('.tca.json'));
    if (tca === undefined)
      throw new Error(`${call.callId}: no .tca.json among ${call.files.map((f) => f.name)}`);
    const doc = withTruthRoles(
      buildCallDocument({
        callId: call.callId,
        transcript: TranscribeCallAnalyticsOutput.parse(JSON.parse(tca.content)),
        sources: { transcript: tca.name, ctr: null, recording: null, audio: null },
        startedAt: null,
        fallbackDt: '2026-01-01',
      }),
      truth,
    );

    const topics = await detectTopics(doc, classifier, taxonomy);
    const primary = topics.matches[0]?.topic ?? null;
    if (primary === truth.topic) topicHits += 1;
    else
      confusion.set(
        `${truth.topic} -> ${primary ?? '(none)'}`,
        (confusion.get(`${truth.topic} -> ${primary ?? '(none)'}`) ?? 0) + 1,
      );
    if (primary === null) noTopic += 1;
    if (topics.matches.some((m) => m.topic === truth.topic)) topicInTop3 += 1;

    const toxicity = await detectToxicity(doc, detector, threshold);
    const toxicSpeech = new Set(truth.toxic.map((t) => t.speechIndex));
    const trapSpeech = new Set(truth.traps.map((t) => t.speechIndex));
    for (const scored of toxicity.turns) {
      const turn = doc.turns.find((t) => t.index === scored.index)!;
      const speech = speechOf(turn, truth).map((s) => s.index);
      const isToxic = speech.some((i) => toxicSpeech.has(i));
      const flagged = scored.toxicity >= threshold;
      if (flagged && isToxic) tp += 1;
      else if (flagged) fp += 1;
      else if (isToxic) fn += 1;
      if (!isToxic && speech.some((i) => trapSpeech.has(i))) {
        trapTurns += 1;
        if (flagged) trapsFlagged += 1;
      }
    }

    const { value } = await summarizeCall(doc, summarizer);
    rougeSummary.push(rouge1(value.summary, truth.reference.summary));
    rougeReason.push(rouge1(value.reasonForCall, truth.reference.reasonForCall));
    rougeResolution.push(rouge1(value.resolution, truth.reference.resolution));
    if (value.resolved !== null) {
      resolvedKnown += 1;
      if (value.resolved === truth.reference.resolved) resolvedRight += 1;
    }
    if (value.callbackNeeded !== null) {
      callbackKnown += 1;
      if (value.callbackNeeded === truth.reference.callbackNeeded) callbackRight += 1;
    }
  }

  const table = new Table({ head: ['metric', 'value', 'detail'] });
  table.push(
    ['calls', String(calls.length), `seed ${seed}`],
    [
      'topic accuracy (primary)',
      pct(topicHits / calls.length),
      `${topicHits}/${calls.length}; ${noTopic} without topic`,
    ],
    ['topic in reported topics', pct(topicInTop3 / calls.length), `up to ${taxonomy.maxTopics} per call`],
    ['toxicity precision (turns)', pct(tp / (tp + fp)), `tp ${tp}, fp ${fp}; threshold ${threshold}`],
    ['toxicity recall (turns)', pct(tp / (tp + fn)), `fn ${fn}`],
    ['trap turns flagged', `${trapsFlagged}/${trapTurns}`, 'benign look-alikes ("shoot you an email")'],
    ['summary ROUGE-1 F', num(mean(rougeSummary)), 'vs reference summary'],
    ['reason for call ROUGE-1 F', num(mean(rougeReason)), 'vs reference reasonForCall'],
    ['resolution ROUGE-1 F', num(mean(rougeResolution)), 'vs reference resolution'],
    ['resolved: stated / right', `${resolvedKnown} / ${resolvedRight}`, 'null (unknown) otherwise'],
    ['callback: stated / right', `${callbackKnown} / ${callbackRight}`, 'null (unknown) otherwise'],
  );
  console.log(table.toString());
  if (confusion.size > 0) {
    console.log('topic misses (truth -> predicted):');
    for (const [pair, n] of [...confusion.entries()].sort((a, b) => b[1] - a[1]))
      console.log(`  ${n} × ${pair}`);
  }
};

await main();
