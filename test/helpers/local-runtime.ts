import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import {
  createLocalRuntime,
  type LocalRuntime,
  type LocalSpeechOptions,
} from '../../adapters/local/local-deps.js';
import type { Enrichers } from '../../core/enrich/enrichers.js';
import type { FileNameStartSettings } from '../../core/file-name-start.js';
import type { Transcriber } from '../../core/ports/transcriber.js';
import type { PostProcessor } from '../../core/post-processor.js';
import type { TranscriptionTiming } from '../../core/transcription/transcription-plan.js';
import type { PiiMode } from '../../schemas/call-document.js';
import { LocalWorkflowRunner } from '../../workflows/local-runner.js';
import { CLAIM_FAILED_ROUTE, failedStateName, ROUTE_CALL } from '../../workflows/post-call-definition.js';
import { CLAIM_TASK, QUARANTINE_TASK } from '../../workflows/tasks.js';
import { tempDir } from './paths.js';

/** A fresh local home with a fixed clock (so written_at is reproducible). */
export const freshRuntime = (
  opts: {
    postProcessors?: PostProcessor[];
    now?: () => string;
    enrichers?: () => Promise<Enrichers>;
    topicModelHash?: () => Promise<string | null>;
    speech?: LocalSpeechOptions;
    transcriber?: () => Promise<Transcriber>;
    transcriptionTiming?: TranscriptionTiming;
    waitMs?: number;
    piiMode?: PiiMode;
    fileNameStart?: FileNameStartSettings;
  } = {},
) => {
  const home = tempDir('home');
  const runtime: LocalRuntime = createLocalRuntime({
    home,
    now: opts.now ?? (() => '2026-03-03T00:00:00.000Z'),
    postProcessors: opts.postProcessors ?? [],
    ...(opts.enrichers ? { enrichers: opts.enrichers } : {}),
    ...(opts.topicModelHash ? { topicModelHash: opts.topicModelHash } : {}),
    ...(opts.speech ? { speech: opts.speech } : {}),
    ...(opts.transcriber ? { transcriber: opts.transcriber } : {}),
    ...(opts.transcriptionTiming ? { transcriptionTiming: opts.transcriptionTiming } : {}),
    ...(opts.piiMode ? { piiMode: opts.piiMode } : {}),
    ...(opts.fileNameStart ? { fileNameStart: opts.fileNameStart } : {}),
  });
  return { runtime, runner: new LocalWorkflowRunner(runtime.deps, undefined, { waitMs: opts.waitMs ?? 20 }) };
};

/** Put files into the local bucket's inbox/ (as the drop ingest would). */
export const putInbox = (
  runtime: LocalRuntime,
  files: Record<string, string | Uint8Array | { copyFrom: string }>,
) => {
  const dir = join(runtime.home, 'inbox');
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    if (typeof content === 'string' || content instanceof Uint8Array) writeFileSync(join(dir, name), content);
    else copyFileSync(content.copyFrom, join(dir, name));
  }
};

/** Open the runtime's lake in DuckDB for the length of `fn` (the views analysts query). */
export const withDb = async <T>(lakeDir: string, fn: (db: DuckDbLake) => Promise<T>): Promise<T> => {
  const db = await DuckDbLake.open(lakeDir);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
};

/** The states a copy of another call's recording runs (AWS: ClaimCall routes it to quarantine). */
export const COPY_QUARANTINE_STATES = [
  CLAIM_TASK,
  ROUTE_CALL,
  failedStateName(CLAIM_TASK),
  CLAIM_FAILED_ROUTE,
  QUARANTINE_TASK,
  'Quarantined',
];
