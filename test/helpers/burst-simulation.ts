import { createHash } from 'node:crypto';
import { AwsTranscriber } from '../../adapters/aws/transcribe-transcriber.js';
import { encodeWav } from '../../adapters/local/speech/wav-file.js';
import { loadTaxonomy } from '../../adapters/local/topics/taxonomy-file.js';
import type { Enrichers } from '../../core/enrich/enrichers.js';
import type { Lake } from '../../core/ports/lake.js';
import type { StepDeps } from '../../core/steps/deps.js';
import { DEFAULT_TIMING } from '../../core/transcription/transcription-plan.js';
import type { TableName } from '../../schemas/tables.js';
import { type LocalRunResult, LocalWorkflowRunner } from '../../workflows/local-runner.js';
import { transcribeSettings } from './aws.js';
import { MemoryObjectStore } from './memory-store.js';
import { type ServiceStats, SimulatedTranscribe, TRANSCRIBE_DEFAULTS } from './simulated-transcribe.js';
import { VirtualClock } from './virtual-clock.js';

/**
 * A burst of recordings dropped at once, through the real ASL (run by the local runner on a
 * virtual clock, so every Wait lasts what the definition says), the real steps and the real
 * Amazon Transcribe adapter, against a simulated Transcribe that enforces the concurrency,
 * queue and request-rate limits. Used by the workflow test and by `npm run bench burst`.
 */
const BUCKET = 'calls';

export class CountingLake implements Lake {
  readonly writes = new Map<TableName, Map<string, number>>();
  async putCallRows(table: TableName, callId: string): Promise<void> {
    const byCall = this.writes.get(table) ?? new Map<string, number>();
    byCall.set(callId, (byCall.get(callId) ?? 0) + 1);
    this.writes.set(table, byCall);
  }
}

/** Instant enrichment: the simulation is about the transcription stage, not the models. */
const instantEnrichers = async (): Promise<Enrichers> => {
  const lineage = () => ({ engine: 'instant', version: '1', model: null, promptHash: null, note: null });
  return {
    taxonomy: await loadTaxonomy(),
    toxicityThreshold: 0.5,
    topics: {
      classify: async (r) => ({
        sequence: r.inputs,
        labels: [...r.parameters.candidate_labels],
        scores: r.parameters.candidate_labels.map(() => 0.1),
      }),
      lineage,
    },
    summarizer: {
      summarize: async () => ({
        summary: null,
        reasonForCall: null,
        resolution: null,
        resolved: null,
        callbackNeeded: null,
        actionItems: [],
      }),
      lineage,
    },
    toxicity: {
      detect: async (r) => ({ ResultList: r.TextSegments.map(() => ({ Toxicity: 0, Labels: [] })) }),
      lineage,
    },
  };
};

/** 60–180 s of processing per job, fixed per job name. */
const runMs = (name: string) =>
  60_000 + (Number.parseInt(createHash('sha1').update(name).digest('hex').slice(0, 6), 16) % 120_000);

export interface BurstResult {
  calls: number;
  results: LocalRunResult[];
  service: ServiceStats;
  lake: CountingLake;
  store: MemoryObjectStore;
  simulatedMinutes: number;
  realSeconds: number;
}

export const simulateBurst = async (calls: number, queueLimit: number): Promise<BurstResult> => {
  const clock = new VirtualClock(Date.parse('2026-03-02T13:00:00Z'));
  const store = new MemoryObjectStore();
  const wav = await encodeWav([new Int16Array(4800), new Int16Array(4800)], 8000);
  for (let i = 0; i < calls; i++) await store.put(`inbox/burst-${i}.wav`, wav);
  const service = new SimulatedTranscribe(
    store,
    BUCKET,
    { ...TRANSCRIBE_DEFAULTS, queueLimit, runMs },
    () => clock.now,
  );
  const transcriber = new AwsTranscriber(service.client, store, transcribeSettings(BUCKET));
  const lake = new CountingLake();
  const deps: StepDeps = {
    store,
    lake,
    now: () => new Date(clock.now).toISOString(),
    prefixes: { work: 'work', results: 'results', quarantine: 'quarantine' },
    postProcessors: [],
    aniHashKey: async () => 'simulation-key-0123456789',
    piiMode: 'default',
    enrichers: instantEnrichers,
    transcriber: async () => transcriber,
    transcriptionTiming: DEFAULT_TIMING,
  };
  const runner = new LocalWorkflowRunner(deps, undefined, { waitMs: null });
  const started = clock.now;
  const realStart = performance.now();
  const results: LocalRunResult[] = [];
  let settled = 0;
  clock.install();
  try {
    const runs = Array.from({ length: calls }, (_, i) =>
      runner
        .run({
          callId: `burst-${i}`,
          keys: { transcript: null, audio: `inbox/burst-${i}.wav`, ctr: null, recording: null },
        })
        .then((r) => {
          results[i] = r;
          settled += 1;
        }),
    );
    await clock.runUntil(() => settled === calls, 24 * 3600_000);
    await Promise.all(runs);
  } finally {
    clock.uninstall();
  }
  return {
    calls,
    results,
    service: service.stats,
    lake,
    store,
    simulatedMinutes: Math.round((clock.now - started) / 60_000),
    realSeconds: (performance.now() - realStart) / 1000,
  };
};

export const describeBurst = (b: BurstResult): string => {
  const s = b.service;
  const polls = b.results.reduce((n, r) => n + r.statesRun.filter((x) => x === 'GetTranscription').length, 0);
  const states = b.results.reduce((n, r) => n + r.statesRun.length, 0);
  return (
    `${b.calls} recordings: ${b.simulatedMinutes} simulated min (${b.realSeconds.toFixed(1)} s real); ` +
    `jobs accepted ${s.accepted}, starts throttled ${s.startsThrottled}, refused with a full queue ${s.startsRefusedFull}, ` +
    `polls throttled ${s.getsThrottled}; max running ${s.maxRunning}, max queued ${s.maxQueued}; ` +
    `${polls} polls, ${(states / b.calls).toFixed(1)} states per call`
  );
};
