/**
 * Speech to a Call Analytics document, as an asynchronous job (Transcribe on AWS, the embedded
 * engine locally): the workflow starts it, waits, and polls until it completes or fails.
 */
export type TranscriptionStatus = 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

/** Stereo recordings go to Call Analytics; mono ones to a standard job with speaker labels. */
export type TranscriptionKind = 'call-analytics' | 'speaker-labels';

export interface AudioInfo {
  /** wav | ogg | flac | mp3, read from the bytes (absent: wav). */
  container?: 'wav' | 'ogg' | 'flac' | 'mp3' | undefined;
  channels: number;
  sampleRate: number;
  durationMs: number;
  encoding: string;
  bitsPerSample: number;
}

export interface TranscriptionRequest {
  callId: string;
  /** Deterministic per call and audio version ([0-9a-zA-Z._-], at most 200 characters). */
  jobName: string;
  kind: TranscriptionKind;
  audioKey: string;
  audio: AudioInfo;
  /** Where the finished Call Analytics document must end up (LoadCall reads it). */
  transcriptKey: string;
  /** Where the redacted copy of the audio ends up. */
  redactedAudioKey: string;
}

export interface TranscriptionJob {
  status: TranscriptionStatus;
  /** Transcribe's FailureReason when FAILED. */
  failureReason: string | null;
}

export interface TranscriptionResult {
  transcriptKey: string;
  /** The redacted audio's key, when the engine produced one. */
  redactedAudioKey: string | null;
}

export interface Transcriber {
  /** Start the job. Starting a job that already exists returns its state (idempotent). */
  start(request: TranscriptionRequest): Promise<TranscriptionJob>;
  /** The job's state; null when no such job exists (never started, or lost with a local process). */
  get(request: TranscriptionRequest): Promise<TranscriptionJob | null>;
  /** After COMPLETED: put the validated Call Analytics document at `transcriptKey`. */
  finalize(request: TranscriptionRequest): Promise<TranscriptionResult>;
}
