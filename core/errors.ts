/**
 * Errors are a contract with the workflow: Retry/Catch match `error.name`, so every name is a
 * string literal (minifiers rename classes). `retryable` documents what the ASL retries.
 */
export class DebriefError extends Error {
  override name: string = 'DebriefError';
  readonly retryable: boolean = false;
}

/** An input file is unreadable or violates its contract (corrupt JSON, wrong shape). */
export class InvalidInputError extends DebriefError {
  override name = 'InvalidInputError' as const;
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}

export class ObjectNotFoundError extends DebriefError {
  override name = 'ObjectNotFoundError' as const;
  constructor(readonly key: string) {
    super(`object not found: ${key}`);
  }
}

/**
 * A file of the call's drop (its recording, CTR, recording metadata or transcript) was removed after
 * it arrived and before it could be read (deleted or moved out of the inbox; core/call-store.ts
 * readingInput): the input is gone. One of INPUT_FAULTS, so the call lets go of the recording's
 * bytes (the same file dropped again, under this name or another, is no copy of a call that never
 * read it), and worth another run (core/failure-reason.ts RETRYABLE_ERRORS): locally the next run of
 * a drop that still holds the file runs the call, on AWS the file uploaded again does.
 */
export class InputVanishedError extends DebriefError {
  override name = 'InputVanishedError' as const;
  constructor(readonly file: string) {
    super(`${file} was removed before it could be read (deleted or moved after it arrived)`);
  }
}

/** A developer's post-processor threw: the call is quarantined with its name and message. */
export class PostProcessorError extends DebriefError {
  override name = 'PostProcessorError' as const;
  constructor(
    readonly processor: string,
    detail: string,
    /** The first `at …` frames of what the processor threw (none: it threw no Error, or failed otherwise). */
    readonly frames: readonly string[] = [],
  ) {
    super(`post-processor ${processor} failed: ${detail}`);
    // On AWS the Lambda's Cause carries the stack as `trace`: the processor's frames, not this line's.
    if (frames.length > 0)
      this.stack = [`${this.name}: ${this.message}`, ...frames.map((f) => `    ${f}`)].join('\n');
  }

  /**
   * The Cause QuarantineCall reads (the local runner's; AWS's is the Lambda's JSON with `trace`):
   * the message, read as the reason, and the frames, kept in the report's detail.
   */
  quarantineCause(): string {
    return JSON.stringify({ errorMessage: this.message, stack: this.frames });
  }
}

/** A dependency (AI service, endpoint) asked us to slow down or is briefly unavailable. */
export class ThrottledError extends DebriefError {
  override name = 'ThrottledError' as const;
  override readonly retryable = true;
}

/** An enrichment engine failed for good; the call degrades to `partial` with this reason. */
export class EngineError extends DebriefError {
  override name = 'EngineError' as const;
  constructor(
    readonly engine: string,
    detail: string,
  ) {
    super(`${engine}: ${detail}`);
  }
}

/**
 * One of debrief's own invariants does not hold: a step was reached without what the workflow
 * always hands it (a poll with no job, a transcription with no inspected recording). A bug in
 * debrief, never the call's input: not in INPUT_FAULTS, so the call keeps its recording, and its
 * quarantine says to report the bug rather than to fix the inputs.
 */
export class DebriefInternalError extends DebriefError {
  // Not 'InternalError': that is the name the AWS SDK gives S3's own 500 (a service fault, retried).
  override name = 'DebriefInternalError' as const;
  constructor(
    readonly step: string,
    detail: string,
  ) {
    super(`${step}: ${detail} (a bug in debrief, not the call's input)`);
  }
}

/** What a copy is a copy of: the recording's bytes, or (a call dropped without one) the transcript's. */
export type CopiedInput = 'recording' | 'transcript';

/**
 * What a copy's quarantine says after naming the call it is a copy of (within the reason's 300
 * characters): locally, or on AWS (`aws`: ClaimCall found it; uploads, `forget --aws`).
 */
export const duplicateDetail = (copied: CopiedInput, aws = false): string =>
  aws
    ? `the same ${copied}, byte for byte, that call landed with earlier (a call counts once). A copy by mistake: delete it, then debrief forget --aws this call. Renamed on purpose: debrief forget --aws that call, then upload this again. Wrong ${copied} in that call: upload the right one, then this again`
    : `the same ${copied}, byte for byte, that call landed with earlier (a call counts once). A copy by mistake: delete this file, then debrief forget this call. Renamed on purpose: debrief forget that call, then run again. Wrong ${copied} in that call: drop the right one; this call runs on the next run`;

export const DUPLICATE_RECORDING_DETAIL = duplicateDetail('recording');
export const DUPLICATE_TRANSCRIPT_DETAIL = duplicateDetail('transcript');
export const DUPLICATE_RECORDING_DETAIL_AWS = duplicateDetail('recording', true);
export const DUPLICATE_TRANSCRIPT_DETAIL_AWS = duplicateDetail('transcript', true);

/**
 * A recording another call holds: one call dropped again under a new name would count twice in
 * every figure (and on AWS be transcribed, and paid for, twice), so it is quarantined naming the
 * call it is a copy of. Locally: a call that landed with these bytes in an earlier run (within
 * one drop the scan says so and both run: adapters/local/local-drop.ts sameRecordings,
 * ExecutionLedger.originalOf). On AWS: ClaimCall, before InspectAudio and StartTranscription
 * (core/recording-claims.ts). A call dropped as a transcript without a recording is held by its
 * transcript's bytes the same way (`copied`: 'transcript'); the error keeps its name either way.
 */
export class DuplicateRecordingError extends DebriefError {
  override name = 'DuplicateRecordingError' as const;
  constructor(
    readonly original: string,
    readonly copied: CopiedInput = 'recording',
    readonly aws = false,
  ) {
    super(`a copy of call ${original}: ${duplicateDetail(copied, aws)}`);
  }

  /**
   * The Cause QuarantineCall reads: the call it is a copy of apart from the words, so the reason
   * keeps that call id whole (core/failure-reason.ts copyReason) while the words are masked and cut.
   */
  quarantineCause(): string {
    return JSON.stringify({ errorMessage: duplicateDetail(this.copied, this.aws), copyOf: this.original });
  }
}

export const errorName = (error: unknown): string =>
  error instanceof Error ? error.name : typeof error === 'string' ? error : 'UnknownError';

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);

/** The transcription service refused to start a job for now (concurrency/queue/rate limits). */
export class TranscriptionThrottledError extends DebriefError {
  override name = 'TranscriptionThrottledError' as const;
  override readonly retryable = true;
}

/** The transcription job failed, or the service refused the audio: the call is quarantined. */
/**
 * The transcript is in a language debrief's redactor does not read (it finds numbers, names and
 * addresses as English speakers say them) and arrived unredacted: its text would land with every
 * value in it, though the call said redacted (found by helper-215: an es-US transcript dropped
 * raw landed its phone number, name, birth date and card number). Not in INPUT_FAULTS: the
 * transcript is fine, redaction is what is missing; not retried.
 */
export class PiiLanguageError extends DebriefError {
  override name = 'PiiLanguageError' as const;
}

export class TranscriptionFailedError extends DebriefError {
  override name = 'TranscriptionFailedError' as const;
}

/**
 * Transcribe refused the request for a reason in the request, not in the recording (a
 * BadRequestException about the data-access role, the output location, a KMS key, the language or
 * redaction settings): the deployment's configuration is at fault. Not in INPUT_FAULTS: the call
 * keeps its recording, and the recording uploaded again once the configuration is fixed runs.
 */
export class TranscriptionConfigError extends DebriefError {
  override name = 'TranscriptionConfigError' as const;
}

/**
 * The transcription service answered outside its contract (a job it says is COMPLETED with no
 * transcript location): its fault, not the recording's. Retried (workflows/tasks.ts
 * TRANSIENT_ERRORS), and a call it quarantines keeps its recording and is tried again on the next run.
 */
export class TranscriptionServiceError extends DebriefError {
  override name = 'TranscriptionServiceError' as const;
  override readonly retryable = true;
}

/** The job did not finish within the workflow's limit for it. */
export class TranscriptionTimeoutError extends DebriefError {
  override name = 'TranscriptionTimeoutError' as const;
}

/** Why a speech engine failed; `fix` (when known) is one line a person can act on. */
export type SpeechEngineFailure =
  | 'binary-missing'
  | 'model-missing'
  | 'model-unreadable'
  | 'decoder-failed'
  | 'bad-response'
  | 'http-error'
  | 'unavailable'
  | 'throttled'
  | 'timeout'
  | 'bad-input'
  | 'aborted'
  | 'cache-unwritable';

/** A speech recogniser (pocketsphinx, an OpenAI-compatible server) or its model failed. */
export class SpeechEngineError extends DebriefError {
  override name = 'SpeechEngineError' as const;
  override readonly retryable: boolean;
  constructor(
    readonly engine: string,
    readonly reason: SpeechEngineFailure,
    detail: string,
    readonly fix: string | null = null,
  ) {
    super(`${engine}: ${detail}${fix ? ` (fix: ${fix})` : ''}`);
    this.retryable = reason === 'throttled' || reason === 'timeout' || reason === 'unavailable';
  }
}

/**
 * Quarantines that say the call's input is wrong (a copy of another call's recording, a file that
 * cannot be read or used): such a call lets go of its recording. Any other quarantine is a step's
 * fault after the inputs were read (a post-processor, an engine, a timeout), and the call keeps its
 * recording, locally (adapters/local/execution-ledger.ts) and on AWS (core/recording-claims.ts).
 */
export const INPUT_FAULTS: ReadonlySet<string> = new Set([
  'DuplicateRecordingError',
  'InputVanishedError',
  'InvalidInputError',
  'InvalidAudioError',
  'UnreadableInputError',
  'ConflictingInputsError',
  'TranscriptionFailedError',
]);
