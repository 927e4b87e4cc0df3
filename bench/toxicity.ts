/**
 * The embedded toxicity scorer (adapters/local/toxicity createLexiconScorer) over the dev sets'
 * and generated calls' turns: CPU µs a turn (`process.cpuUsage`, user + system, so waiting for a
 * shared core is not counted), median of rounds; and the sentence-structure rules alone
 * (structure.ts) on the same turns as the scorer hands them over. Figures only.
 *
 *   npx tsx bench/toxicity.ts
 */
import { createLexiconScorer } from '../adapters/local/toxicity/lexicon-toxicity-detector.js';
import { normaliseForRules } from '../adapters/local/toxicity/normalise.js';
import { removeReportedSpeech, structuralEvidence } from '../adapters/local/toxicity/structure.js';
import { removeBenignIdioms } from '../adapters/local/toxicity/toxic-phrases.js';
import { generatedCase } from '../eval/cases.js';
import { DEV_SETS, readEvalSet } from '../eval/sets.js';
import { generateCalls } from '../generator/index.js';
import { record } from './figures.js';

const ROUNDS = 7;
const PASSES = 2;

/** CPU µs a text of `fn` over `texts`: the median of ROUNDS rounds of PASSES passes. */
const cpuPerText = (texts: readonly string[], fn: (text: string) => unknown): number => {
  for (const t of texts) fn(t); // warm-up
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    const start = process.cpuUsage();
    for (let p = 0; p < PASSES; p += 1) for (const t of texts) fn(t);
    const used = process.cpuUsage(start);
    rounds.push((used.user + used.system) / (PASSES * texts.length));
  }
  rounds.sort((a, b) => a - b);
  return rounds[Math.floor(rounds.length / 2)]!;
};

export async function run(): Promise<void> {
  const sets: [string, string[]][] = [
    [
      'dev sets',
      DEV_SETS.flatMap((name) =>
        readEvalSet(name).flatMap((c) => c.turns.filter((t) => t.role !== 'IVR').map((t) => t.text)),
      ),
    ],
    [
      'generated',
      generateCalls(1, 100)
        .map(generatedCase)
        .flatMap((c) => c.doc.turns.filter((t) => t.role !== 'IVR').map((t) => t.text)),
    ],
  ];
  const score = createLexiconScorer();
  for (const [label, texts] of sets) {
    const scorer = cpuPerText(texts, score);
    const prepared = texts.map((t) => removeReportedSpeech(removeBenignIdioms(normaliseForRules(t))));
    const structure = cpuPerText(prepared, (t) => structuralEvidence(t));
    record(`toxicity scorer ${label}`, Number(scorer.toFixed(1)), 'µs CPU/turn', {
      turns: texts.length,
      structure_us: Number(structure.toFixed(1)),
    });
    console.log(
      `toxicity ${label.padEnd(9)}: ${texts.length} turns, scorer ${scorer.toFixed(1)} µs CPU a turn, of which sentence structure ${structure.toFixed(1)} (medians of ${ROUNDS} rounds)`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
