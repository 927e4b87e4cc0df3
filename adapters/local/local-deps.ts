import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { storeUsersDirectory } from '../../core/agents/store-directory.js';
import type { Enrichers } from '../../core/enrich/enrichers.js';
import { type FileNameStartSettings, fileNameStartSettings } from '../../core/file-name-start.js';
import { once } from '../../core/once.js';
import { PIPELINE_VERSION } from '../../core/pipeline-version.js';
import type { SpeechRecognizer } from '../../core/ports/speech-recognizer.js';
import type { Transcriber } from '../../core/ports/transcriber.js';
import type { PostProcessor } from '../../core/post-processor.js';
import { storeQueuesDirectory } from '../../core/queues/queues-export.js';
import type { WordRedactor } from '../../core/speech/word-redactor.js';
import type { StepDeps } from '../../core/steps/deps.js';
import { DEFAULT_TIMING, type TranscriptionTiming } from '../../core/transcription/transcription-plan.js';
import { postProcessors as projectPostProcessors } from '../../post-processors/index.js';
import type { PiiMode } from '../../schemas/call-document.js';
import { ParquetLake } from '../lake/parquet-lake.js';
import { loadCategories } from './categories-file.js';
import { ExecutionLedger } from './execution-ledger.js';
import { FsObjectStore } from './fs-object-store.js';
import { prepareHome } from './home-folder.js';

/**
 * The corrections file's module, imported on first use (`debrief query` and the lake-only paths
 * never load its CSV parser) and then kept: an `import()` per call resolves the module again each
 * time (twice per call: DetectTopics and SummarizeCall), and under a loader hook (tsx: tests,
 * benchmarks) each resolution is a round trip to the hook's thread.
 */
const correctionsModule = once(() => import('./topics/corrections-file.js'));

export interface LocalOptions {
  /** The debrief home: the local "bucket" (inbox/, work/, results/, quarantine/, lake/). */
  home: string;
  now?: () => string;
  postProcessors?: readonly PostProcessor[];
  /** How long a post-processor's synchronous work may run, ms (the run's step timeout; StepDeps). */
  postProcessTimeoutMs?: number;
  /** Replace the embedded engines (tests inject failing ones to check degradation). */
  enrichers?: () => Promise<Enrichers>;
  /**
   * The hash of the topic model those engines use (StepDeps.topicModelHash); default: the home's
   * active model's when the engines are the embedded ones, none when they are replaced.
   */
  topicModelHash?: () => Promise<string | null>;
  /** Speech settings of the embedded transcription engine. */
  speech?: LocalSpeechOptions;
  /** Replace the transcriber altogether (the back-pressure simulation injects a fake Transcribe). */
  transcriber?: () => Promise<Transcriber>;
  transcriptionTiming?: TranscriptionTiming;
  /** PII redaction mode (default `default`; see `debrief run --pii-mode`). */
  piiMode?: PiiMode;
  /** Reading a call's start from its file name (default: env DEBRIEF_FILENAME_DATETIME_REGEX / DEBRIEF_FILENAME_UTC_OFFSET / DEBRIEF_FILENAME_TIMEZONE, else the defaults). */
  fileNameStart?: FileNameStartSettings;
}

export interface LocalSpeechOptions {
  recognizer?: () => Promise<SpeechRecognizer>;
  /** PII redactor for transcripts made from audio (null: none). */
  redactor?: WordRedactor | null;
  /** Which channel of a stereo recording carries the agent (default 1, the Genesys layout). */
  agentChannel?: 0 | 1;
  languageCode?: string;
  categoriesFile?: string;
  onProgress?: (callId: string, stage: string, done: number, total: number) => void;
}

/** Genesys Cloud stereo recordings: customer (external) on channel 0, agent on channel 1 (README). */
export const DEFAULT_AGENT_CHANNEL = 1 as const;

export interface LocalRuntime {
  home: string;
  lakeDir: string;
  store: FsObjectStore;
  lake: ParquetLake;
  deps: StepDeps;
}

const ANI_HASH_KEY_FILE = 'ani-hash.key';

export class DamagedHomeError extends Error {
  override name = 'DamagedHomeError' as const;
}

/**
 * The secret for keyed hashes of personal identifiers: DEBRIEF_ANI_HASH_KEY when set, otherwise
 * a random key created once per home (hashes stay stable across runs but cannot be guessed).
 * Created atomically: written in full to a temporary file, then linked into place, which fails
 * if another process got there first, and then everyone reads the one key that won.
 */
export const homeAniHashKey = (home: string): string => {
  const fromEnv = process.env.DEBRIEF_ANI_HASH_KEY;
  if (fromEnv) return fromEnv;
  const file = join(home, ANI_HASH_KEY_FILE);
  // Made private if missing (a run has done so already, and said if an existing home is open).
  prepareHome(home, { warn: false });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, randomBytes(32).toString('hex'), { mode: 0o600 });
    linkSync(tmp, file);
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  } finally {
    rmSync(tmp, { force: true });
  }
  const key = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(key))
    throw new DamagedHomeError(
      `${file} is damaged (expected 64 hex characters): restore it from a backup, or set DEBRIEF_ANI_HASH_KEY; deleting it changes every caller hash from then on`,
    );
  return key;
};

/**
 * The key the home's caller hashes were made with, read but never created (`forget --ani` looks
 * calls up by it): DEBRIEF_ANI_HASH_KEY when set, else `<home>/ani-hash.key`; null when the home
 * has neither (no run hashed a number there).
 */
export const readHomeAniHashKey = (home: string): string | null => {
  const fromEnv = process.env.DEBRIEF_ANI_HASH_KEY;
  if (fromEnv) return fromEnv;
  const file = join(home, ANI_HASH_KEY_FILE);
  if (!existsSync(file)) return null;
  const key = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(key))
    throw new DamagedHomeError(
      `${file} is damaged (expected 64 hex characters): restore it from a backup, or set DEBRIEF_ANI_HASH_KEY`,
    );
  return key;
};

/**
 * ISO "now" that never repeats within a process: the lake tells one write of a call from the
 * next by its timestamp (adapters/lake/latest-write.ts), so two writes must not share one.
 */
export const monotonicClock = (): (() => string) => {
  let last = 0;
  return () => {
    last = Math.max(Date.now(), last + 1);
    return new Date(last).toISOString();
  };
};

/** The lake of a home, for commands that only read or compact it (no key, no engines). */
export const localLake = (home: string): { store: FsObjectStore; lake: ParquetLake; lakeDir: string } => {
  const store = new FsObjectStore(resolve(home));
  return { store, lake: new ParquetLake(store, 'lake'), lakeDir: join(store.root, 'lake') };
};

/** The sha256 of a topic model file (what the local topic engine's lineage records); null: none. */
export const topicModelFileHash = async (file: string | null): Promise<string | null> => {
  if (file === null) return null;
  const { topicModelHash } = await import('../../core/enrich/topic-model.js');
  return topicModelHash(readFileSync(file, 'utf8'));
};

/** Local mode: the folder is the bucket, Parquet is written in-process. No AWS SDK client is created. */
export const createLocalRuntime = (options: LocalOptions): LocalRuntime => {
  const { store, lake, lakeDir } = localLake(options.home);
  return {
    home: store.root,
    lakeDir,
    store,
    lake,
    deps: {
      store,
      lake,
      now: options.now ?? monotonicClock(),
      prefixes: { work: 'work', results: 'results', quarantine: 'quarantine' },
      postProcessors: options.postProcessors ?? projectPostProcessors,
      ...(options.postProcessTimeoutMs === undefined
        ? {}
        : { postProcessTimeoutMs: options.postProcessTimeoutMs }),
      // Created on first use (MergeCtr, under the run's lock): `compact` and `query` never make one.
      aniHashKey: once(async () => homeAniHashKey(store.root)),
      piiMode: options.piiMode ?? 'default',
      // The same settings as the Lambdas' (functions/config.ts), from the same environment variables.
      fileNameStart:
        options.fileNameStart ??
        fileNameStartSettings(
          process.env.DEBRIEF_FILENAME_DATETIME_REGEX,
          process.env.DEBRIEF_FILENAME_UTC_OFFSET,
          process.env.DEBRIEF_FILENAME_TIMEZONE,
        ),
      // Loaded on first use: `debrief compact` and the lake-only paths never load the NLP engines.
      enrichers:
        options.enrichers ??
        once(async () => {
          const { createLocalEnrichers } = await import('./local-enrichers.js');
          const { activeTopicModelPath } = await import('./topics/topic-model-file.js');
          return createLocalEnrichers({ topicModelPath: activeTopicModelPath(store.root) });
        }),
      // The active topic model's hash (a --from post-process run with another one runs in full).
      ...(options.topicModelHash
        ? { topicModelHash: options.topicModelHash }
        : options.enrichers
          ? {}
          : {
              topicModelHash: once(async () => {
                const { activeTopicModelPath } = await import('./topics/topic-model-file.js');
                return topicModelFileHash(activeTopicModelPath(store.root));
              }),
            }),
      // The home's analysts' corrections (debrief topics correct), parsed again when the file changes.
      topicCorrection: async (callId) =>
        (await correctionsModule()).currentCorrections(store.root).get(callId) ?? null,
      // The call's results in the lake, by its execution record (a drop of it rejected keeps them).
      landedResults: (callId) => new ExecutionLedger(store).landedAt(callId),
      // A Genesys users export dropped next to the calls (inbox/genesys-users.json|csv) names agents.
      agentDirectory: storeUsersDirectory(store),
      // A Genesys queues export (inbox/genesys-queues.json|csv) names the queues records name by id.
      queueDirectory: storeQueuesDirectory(store),
      // The speech engine too: only calls dropped as audio load it.
      transcriber:
        options.transcriber ??
        once(async () => localTranscriber(store, options.speech ?? {}, options.piiMode ?? 'default')),
      transcriptionTiming: options.transcriptionTiming ?? DEFAULT_TIMING,
      // The agent on the other channel makes another transcript of the same recording: its own job.
      ...((options.speech?.agentChannel ?? DEFAULT_AGENT_CHANNEL) === DEFAULT_AGENT_CHANNEL
        ? {}
        : { transcriptionVariant: `agent-channel-${options.speech?.agentChannel}` }),
    },
  };
};

const localTranscriber = async (
  store: FsObjectStore,
  speech: LocalSpeechOptions,
  piiMode: PiiMode,
): Promise<Transcriber> => {
  const { LocalTranscriber } = await import('./speech/local-transcriber.js');
  const { piiWordRedactor } = await import('../../core/speech/pii-word-redactor.js');
  return new LocalTranscriber({
    store,
    engine: once(async () => ({
      recognizer: await (
        speech.recognizer ?? (await import('./speech/default-recognizer.js')).defaultRecognizer
      )(),
      // The run's PII mode: the transcript is redacted and the same spans silenced in the audio.
      redactor:
        speech.redactor !== undefined ? speech.redactor : piiMode === 'off' ? null : piiWordRedactor(piiMode),
      categories: await loadCategories(speech.categoriesFile),
      agentChannel: speech.agentChannel ?? DEFAULT_AGENT_CHANNEL,
      languageCode: speech.languageCode ?? 'en-US',
      version: PIPELINE_VERSION,
    })),
    ...(speech.onProgress ? { onProgress: speech.onProgress } : {}),
  });
};
