import pLimit from 'p-limit';
import { InvalidAudioError } from '../../../core/audio/audio-errors.js';
import { errorMessage, InputVanishedError, SpeechEngineError } from '../../../core/errors.js';
import type {
  Transcriber,
  TranscriptionJob,
  TranscriptionRequest,
  TranscriptionResult,
} from '../../../core/ports/transcriber.js';
import type { FsObjectStore } from '../fs-object-store.js';
import { decodeRecordingFile } from './compressed-file.js';
import { type EmbeddedEngineOptions, runEmbeddedEngine } from './embedded-engine.js';
import { encodeWav } from './wav-file.js';

export interface LocalTranscriberOptions {
  store: FsObjectStore;
  /** The engine's recogniser, redactor, categories and settings (created on first job). */
  engine: () => Promise<Omit<EmbeddedEngineOptions, 'onProgress'>>;
  /** Jobs decoded at once (the recogniser already uses both cores for one job). */
  concurrency?: number;
  onProgress?: (callId: string, stage: string, done: number, total: number) => void;
}

interface LocalJob {
  status: TranscriptionJob['status'];
  failureReason: string | null;
  /**
   * The engine failed, not the recording (or the recording was removed before the engine read
   * it): `get` throws this, as Transcribe's own faults throw.
   */
  engineFault?: SpeechEngineError | InputVanishedError;
}

const fileOf = (key: string): string => key.slice(key.lastIndexOf('/') + 1);

/**
 * Why a job failed for the engine (a recogniser that crashed, a server that is down, a model that
 * cannot be read, a disk that is full), as a SpeechEngineError naming the recording: a step's fault,
 * not the input's (core/errors.ts INPUT_FAULTS), so the call keeps its recording and a copy of it
 * dropped meanwhile stays a copy, as on AWS, where Transcribe's internal failures are retried and
 * never read as the media's.
 */
const engineFault = (error: unknown, file: string): SpeechEngineError => {
  const cause = error instanceof SpeechEngineError ? error : null;
  const engine = cause?.engine ?? 'speech engine';
  const fix = cause?.fix ?? null;
  let detail = errorMessage(error);
  if (cause) {
    if (detail.startsWith(`${engine}: `)) detail = detail.slice(engine.length + 2);
    if (fix && detail.endsWith(` (fix: ${fix})`)) detail = detail.slice(0, -` (fix: ${fix})`.length);
  }
  return new SpeechEngineError(
    engine,
    cause?.reason ?? 'decoder-failed',
    `transcription of ${file} failed: ${detail}`,
    fix,
  );
};

/**
 * The embedded engine behind the same job contract as Transcribe: `start` queues the job and
 * returns at once, the workflow's Wait/GetTranscription loop polls it, exactly as on AWS. Jobs
 * live in this process; after a crash `get` finds no job and the workflow starts it again,
 * unless its transcript was already written (then it is COMPLETED).
 */
export class LocalTranscriber implements Transcriber {
  private readonly jobs = new Map<string, LocalJob>();
  private readonly limit: ReturnType<typeof pLimit>;

  constructor(private readonly options: LocalTranscriberOptions) {
    this.limit = pLimit(options.concurrency ?? 1);
  }

  async start(request: TranscriptionRequest): Promise<TranscriptionJob> {
    const existing = await this.get(request);
    if (existing) return existing;
    const job: LocalJob = { status: 'QUEUED', failureReason: null };
    this.jobs.set(request.jobName, job);
    void this.limit(async () => {
      job.status = 'IN_PROGRESS';
      try {
        await this.run(request, job);
        if (job.engineFault === undefined) job.status = 'COMPLETED';
      } catch (error) {
        job.status = 'FAILED';
        // A recording that cannot be decoded: what Transcribe would put in FailureReason, the
        // cause in one line (the call is quarantined for its input). Anything else is the engine's.
        if (error instanceof InvalidAudioError) job.failureReason = errorMessage(error);
        // The recording removed while the call waited for the engine (review22): the input's
        // fault, said as InspectAudio says it, not the engine's.
        else if (!(await this.options.store.exists(request.audioKey).catch(() => true)))
          job.engineFault = new InputVanishedError(fileOf(request.audioKey));
        else job.engineFault = engineFault(error, fileOf(request.audioKey));
      }
    });
    return { status: job.status, failureReason: job.failureReason };
  }

  async get(request: TranscriptionRequest): Promise<TranscriptionJob | null> {
    const job = this.jobs.get(request.jobName);
    if (job?.engineFault) {
      // Forgotten once told: the same recording started again (a later run, `watch`) is tried again.
      this.jobs.delete(request.jobName);
      throw job.engineFault;
    }
    if (job) return { status: job.status, failureReason: job.failureReason };
    if (await this.options.store.exists(request.transcriptKey))
      return { status: 'COMPLETED', failureReason: null };
    return null;
  }

  async finalize(request: TranscriptionRequest): Promise<TranscriptionResult> {
    // The engine wrote a validated document at the transcript key itself.
    const redacted = await this.options.store.exists(request.redactedAudioKey);
    return {
      transcriptKey: request.transcriptKey,
      redactedAudioKey: redacted ? request.redactedAudioKey : null,
    };
  }

  private async run(request: TranscriptionRequest, job: LocalJob): Promise<void> {
    const { store } = this.options;
    const name = fileOf(request.audioKey);
    const audio = await decodeRecordingFile(store.pathOf(request.audioKey), name);
    let engine: Awaited<ReturnType<LocalTranscriberOptions['engine']>>;
    try {
      engine = await this.options.engine();
    } catch (error) {
      // The engine could not be set up (its model cache cannot be written, a binary or model is
      // missing): the machine's fault, not the recording's; its own SpeechEngineError says so and
      // names the fix, about no recording in particular.
      job.status = 'FAILED';
      job.engineFault = error instanceof SpeechEngineError ? error : engineFault(error, name);
      return;
    }
    const progress = this.options.onProgress;
    const result = await runEmbeddedEngine(audio, request.jobName, {
      ...engine,
      ...(progress
        ? { onProgress: (stage, done, total) => progress(request.callId, stage, done, total) }
        : {}),
    });
    if (result.redactedAudio)
      await store.put(request.redactedAudioKey, await encodeWav(result.redactedAudio, audio.sampleRate));
    // Written last: its existence means the job is complete (see `get`).
    await store.put(request.transcriptKey, JSON.stringify(result.output));
  }
}
