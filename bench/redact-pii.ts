/**
 * The PII redactor (core/pii redactTranscript) over generated calls' raw transcripts: words per
 * second in default and strict mode, Transcribe-style (capitalised, punctuation items) and as a
 * lowercase speech engine writes it (every turn goes to the name tagger then). Figures only.
 *
 *   npx tsx bench/redact-pii.ts
 */
import { performance } from 'node:perf_hooks';
import { type RedactionMode, redactTranscript, type TranscriptTurn } from '../core/pii/index.js';
import { generateCalls } from '../generator/index.js';
import { generatedCase } from '../scripts/pii/generated-set.js';
import { record } from './figures.js';

const lowercased = (turns: readonly TranscriptTurn[]): TranscriptTurn[] =>
  turns.map((t) => ({
    ...t,
    words: t.words.filter((w) => !w.punctuation).map((w) => ({ ...w, text: w.text.toLowerCase() })),
  }));

export async function run(): Promise<void> {
  const calls = generateCalls(17, 30, { redact: false }).map(generatedCase);
  const variants: [string, TranscriptTurn[][]][] = [
    ['transcribe-style', calls.map((c) => c.turns)],
    ['lowercase engine', calls.map((c) => lowercased(c.turns))],
  ];
  for (const [label, transcripts] of variants) {
    const words = transcripts.reduce((n, turns) => n + turns.reduce((m, t) => m + t.words.length, 0), 0);
    for (const mode of ['default', 'strict'] as RedactionMode[]) {
      for (const turns of transcripts.slice(0, 3)) redactTranscript({ turns, mode }); // warm-up
      const perCall: number[] = [];
      const started = performance.now();
      for (const turns of transcripts) {
        const t0 = performance.now();
        redactTranscript({ turns, mode });
        perCall.push(performance.now() - t0);
      }
      const seconds = (performance.now() - started) / 1000;
      perCall.sort((a, b) => a - b);
      record(`redact-pii ${label} ${mode}`, Math.round(words / seconds), 'words/s', {
        calls: calls.length,
        words,
        median_ms_per_call: Number(perCall[Math.floor(perCall.length / 2)]!.toFixed(1)),
      });
      console.log(
        `redact-pii ${label.padEnd(16)} ${mode.padEnd(7)}: ${calls.length} calls, ${words} words, ${Math.round(words / seconds)} words/s, median ${perCall[Math.floor(perCall.length / 2)]!.toFixed(0)} ms/call`,
      );
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
