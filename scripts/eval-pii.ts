/**
 * PII redaction scored per entity type: values planted, fully redacted, partly redacted, missed,
 * and false redactions per 1,000 words, in default and strict mode, on two sets:
 * - generated calls (the generator's lines, transcripts WITHOUT Transcribe's redaction, the
 *   agents' names known from the CTR as in the pipeline), which flatter what was tuned on them;
 * - the hand-written held-out set (scripts/pii/held-out.ts): other phrasings, ASR spellings,
 *   digits, split and read-back values, lowercase engine output, and look-alikes.
 *
 *   npx tsx scripts/eval-pii.ts [--seed 5] [--count 100]
 *
 * Goal (default mode): no card, SSN, phone, bank or date-of-birth value left readable (every one
 * fully redacted), fewer than 1 false redaction per 1,000 words.
 */
import { parseArgs } from 'node:util';
import { renderTable } from '../cli/render-table.js';
import { type RedactionMode, redactTranscript, type TranscriptTurn } from '../core/pii/index.js';
import { generateCalls } from '../generator/index.js';
import { generatedCase } from './pii/generated-set.js';
import { HELD_OUT } from './pii/held-out.js';
import { heldOutCase } from './pii/held-out-set.js';
import { emptyScore, type PlantedValue, type Score, scoreCall } from './pii/scoring.js';

const { values } = parseArgs({
  options: { seed: { type: 'string', default: '5' }, count: { type: 'string', default: '100' } },
});
const seed = Number(values.seed);
const count = Number(values.count);

interface Case {
  turns: TranscriptTurn[];
  planted: PlantedValue[];
  knownNames: string[];
}

const MUST_NOT_LEAK = new Set([
  'CREDIT_DEBIT_NUMBER',
  'SSN',
  'PHONE',
  'BANK_ACCOUNT_NUMBER',
  'BANK_ROUTING',
  'DATE_OF_BIRTH',
]);

const run = (cases: readonly Case[], mode: RedactionMode): { score: Score; seconds: number } => {
  const score = emptyScore();
  const started = performance.now();
  for (const c of cases) {
    const result = redactTranscript({ turns: c.turns, knownNames: c.knownNames, mode });
    scoreCall(score, c.turns, c.planted, result.redactions);
  }
  return { score, seconds: (performance.now() - started) / 1000 };
};

const perThousand = (s: Score) => (s.words === 0 ? 0 : (1000 * s.falseRedactions) / s.words);
const readable = (s: Score) =>
  [...s.byType].filter(([t]) => MUST_NOT_LEAK.has(t)).reduce((n, [, v]) => n + v.partial + v.missed, 0);

const report = (title: string, cases: readonly Case[]) => {
  const def = run(cases, 'default');
  const strict = run(cases, 'strict');
  const types = [...def.score.byType.keys()].sort();
  console.log(`\n${title}`);
  console.log(
    renderTable(
      ['type', 'planted', 'fully redacted', 'partly', 'missed', 'strict: fully', 'strict: missed'],
      types.map((t) => {
        const d = def.score.byType.get(t)!;
        const s = strict.score.byType.get(t)!;
        return [t, d.planted, d.full, d.partial, d.missed, s.full, s.missed];
      }),
    ),
  );
  for (const [mode, r] of [
    ['default', def],
    ['strict', strict],
  ] as const) {
    console.log(
      `${mode.padEnd(7)}: ${r.score.words} words, ${r.score.falseRedactions} false redactions = ${perThousand(r.score).toFixed(2)} per 1,000 words; ` +
        `card/SSN/phone/bank/DOB values readable: ${readable(r.score)}; ${Math.round(r.score.words / r.seconds)} words/s`,
    );
  }
  const met = readable(def.score) === 0 && perThousand(def.score) < 1;
  console.log(`goal (default mode: 0 readable, < 1 false per 1,000 words): ${met ? 'met' : 'NOT met'}`);
  for (const leak of def.score.leaks.slice(0, 12))
    console.log(`  not fully redacted (${leak.type}): "${leak.text}" -> left "${leak.left}"`);
  return met;
};

const generated: Case[] = generateCalls(seed, count, { redact: false }).map((call) => ({
  ...generatedCase(call),
  knownNames: call.truth.files.ctr ? call.truth.journey.agents.map((a) => a.name) : [],
}));
const heldOut: Case[] = HELD_OUT.map((c) => ({ ...heldOutCase(c), knownNames: c.knownNames ?? [] }));

console.log('PII redaction evaluation (core/pii redactTranscript)');
report(`Generated calls: ${count} (seed ${seed}), transcripts without Transcribe's redaction`, generated);
report(`Held-out set: ${heldOut.length} hand-written conversations (scripts/pii/held-out.ts)`, heldOut);
