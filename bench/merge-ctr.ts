/**
 * MergeCtr on a ten-minute call with about 150 utterances (IVR, queue, hold, a consult transfer,
 * a mixed first turn): median and p95 of the pure merge, input parsing excluded. Figures only.
 *
 *   npx tsx bench/merge-ctr.ts
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { buildCallDocument } from '../core/call-document.js';
import { mergeCtr } from '../core/ctr/merge.js';
import { classifyDropFile } from '../core/drop.js';
import { generateCall } from '../generator/index.js';
import { GenesysConversation, RecordingMetadata } from '../schemas/genesys-conversation.js';
import { TranscribeCallAnalyticsOutput } from '../schemas/transcribe-call-analytics.js';
import { record } from './figures.js';

const WARMUP = 50;
const RUNS = 500;

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export async function run(): Promise<void> {
  // Among a few seeds, the generated call closest to ten minutes (150 utterances each).
  const candidates = Array.from({ length: 30 }, (_, i) =>
    generateCall({
      seed: 150 + i,
      turns: 150,
      agents: 2,
      transfer: 'consult',
      hold: true,
      mixedFirstTurn: true,
      ctr: 'present',
      direction: 'inbound',
    }),
  );
  const minutes = (c: (typeof candidates)[number]) =>
    (
      JSON.parse(c.files.find((f) => f.name.endsWith('.tca.json'))!.content) as {
        ConversationCharacteristics: { TotalConversationDurationMillis: number };
      }
    ).ConversationCharacteristics.TotalConversationDurationMillis / 60_000;
  const call = candidates.reduce((best, c) =>
    Math.abs(minutes(c) - 10) < Math.abs(minutes(best) - 10) ? c : best,
  );
  const file = (kind: string) => {
    const found = call.files.find((f) => classifyDropFile(f.name)?.kind === kind);
    if (!found) throw new Error(`generated call has no ${kind} file`);
    return JSON.parse(found.content) as unknown;
  };
  const transcript = TranscribeCallAnalyticsOutput.parse(file('transcript'));
  const input = {
    ctr: GenesysConversation.parse(file('ctr')),
    recording: RecordingMetadata.parse(file('recording')),
  };
  const doc = buildCallDocument({
    callId: call.callId,
    transcript,
    sources: { transcript: 't', ctr: 'c', recording: 'r', audio: null },
    startedAt: null,
    fallbackDt: '2026-01-01',
  });

  for (let i = 0; i < WARMUP; i++) mergeCtr(doc, input, { aniHashKey: 'bench' });
  const times: number[] = [];
  let merged = doc;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    merged = mergeCtr(doc, input, { aniHashKey: 'bench' });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const words = doc.turns.reduce((n, t) => n + t.words.length, 0);
  console.log(
    `merge-ctr: ${(doc.durationMs / 60_000).toFixed(1)} min call, ${call.truth.speech.length} utterances, ` +
      `${doc.turns.length} transcript turns -> ${merged.turns.length} after splitting, ${words} items, ` +
      `${merged.journey?.agents.length} agents`,
  );
  record('merge-ctr: ten-minute call, median', quantile(times, 0.5), 'ms', {
    turns: merged.turns.length,
    items: words,
    runs: RUNS,
  });
  record('merge-ctr: ten-minute call, p95', quantile(times, 0.95), 'ms');
  console.log(
    `merge-ctr: median ${quantile(times, 0.5).toFixed(3)} ms, p95 ${quantile(times, 0.95).toFixed(3)} ms, ` +
      `max ${times[times.length - 1]!.toFixed(3)} ms over ${RUNS} runs (${WARMUP} warm-up)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
