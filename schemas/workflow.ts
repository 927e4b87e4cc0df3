import { z } from 'zod';

/** Object keys of one call's input files (payloads carry keys, never documents). */
export const CallKeys = z.object({
  transcript: z.string().nullable(),
  audio: z.string().nullable().default(null),
  ctr: z.string().nullable().default(null),
  recording: z.string().nullable().default(null),
});
export type CallKeys = z.infer<typeof CallKeys>;

/** What InspectAudio read from the recording's header. */
export const AudioInfo = z.object({
  /** The recording's container as read from its bytes (absent in executions started before it was recorded: WAV). */
  container: z.enum(['wav', 'ogg', 'flac', 'mp3']).optional(),
  channels: z.int().min(1).max(2),
  sampleRate: z.int().positive(),
  durationMs: z.number().positive(),
  encoding: z.string(),
  bitsPerSample: z.int().positive(),
});
export type AudioInfo = z.infer<typeof AudioInfo>;

/**
 * The transcription stage's state, carried between StartTranscription, the Wait states and
 * GetTranscription. `waitSeconds` feeds the Wait states (SecondsPath).
 */
export const TranscriptionState = z.object({
  jobName: z.string().regex(/^[0-9a-zA-Z._-]{1,200}$/),
  kind: z.enum(['call-analytics', 'speaker-labels']),
  transcriptKey: z.string(),
  redactedAudioKey: z.string().nullable(),
  status: z.enum(['THROTTLED', 'NOT_STARTED', 'QUEUED', 'IN_PROGRESS', 'COMPLETED']),
  /** When the first start was attempted (ISO): the stage's deadlines count from here. */
  startedAt: z.string(),
  startAttempts: z.int().nonnegative(),
  polls: z.int().nonnegative(),
  waitSeconds: z.int().positive(),
});
export type TranscriptionState = z.infer<typeof TranscriptionState>;

/** Step Functions' Catch output (`ResultPath: $.error`). */
export const StateError = z.object({ Error: z.string(), Cause: z.string().optional() });
export type StateError = z.infer<typeof StateError>;

/** Where an execution starts: the whole workflow, or PostProcess on the stored enriched document. */
export const StartFrom = z.enum(['start', 'PostProcess']);
export type StartFrom = z.infer<typeof StartFrom>;

/** The execution input: what the drop trigger (S3 event or `debrief run`) starts a call with. */
export const CallExecutionInput = z.object({
  callId: z.string().min(1),
  keys: CallKeys,
  /** Find the CTR / recording sidecars by stem next to the transcript (set by the S3 trigger). */
  lookupSidecars: z.boolean().default(false),
  /**
   * Set by ClaimCall: `transcript` goes straight to LoadCall, `audio` through transcription;
   * `busy` waits for another execution of the call; `unchanged` (an exact repeat of the inputs
   * the call last completed with) and `incomplete` (a sidecar before its recording) end at once;
   * `copy` (on AWS: the recording is another call's, see core/recording-claims.ts) goes to
   * quarantine with `error`, before anything is transcribed; `ctr-only` (a CTR alone whose record
   * says the call was never recorded: core/ctr/ctr-only.ts) goes to LoadCall, which builds the call
   * from the record alone.
   */
  route: z
    .enum(['transcript', 'audio', 'busy', 'unchanged', 'incomplete', 'copy', 'ctr-only', 'post-process'])
    .optional(),
  /**
   * Where the caller asks the call to start: `PostProcess` (`--from post-process`) runs PostProcess
   * and WriteResults alone on the call's stored enriched document (core/enriched-document.ts), and
   * ClaimCall routes it `post-process` with that document's copy as `documentKey`; a call with no
   * such document (or one made from other inputs) runs in full. Absent or `start`: the whole workflow.
   */
  from: StartFrom.optional(),
  /**
   * What the caller knows of the inputs' content (`debrief run`: the drop's hash, its execution
   * name), kept with the enriched document: a PostProcess-only run with other inputs runs in full.
   * Absent on AWS: the document is then kept with, and compared against, the versions of the
   * call's inbox files (core/enriched-document.ts inboxInputsOf).
   */
  inputs: z.string().optional(),
  /** This execution's claim on the call (core/call-lease.ts). */
  claim: z
    .object({
      token: z.string(),
      /** The inputs' fingerprint, for event-driven runs (an exact repeat is skipped); else null. */
      fingerprint: z.string().nullable(),
      /** While `busy`: since when, and how long the next wait is. */
      waitingSince: z.string().nullable(),
      waitSeconds: z.int().positive(),
      /**
       * The recording's content fingerprint this execution claimed for the call (AWS), or, for a
       * reprocess on AWS, the one its call has (null: none); WriteResults and QuarantineCall record
       * it with the call's outcome. Absent: no recording, or not checked (local mode).
       */
      recording: z.string().nullable().optional(),
      /**
       * The fingerprint of the transcript dropped beside the recording, which the call claimed too
       * (AWS): WriteResults and QuarantineCall record it with `recording`. Absent: none.
       */
      transcript: z.string().nullable().optional(),
    })
    .optional(),
  /** Why ClaimCall sends the call to quarantine without failing (route `copy`), as a Catch would say it. */
  error: StateError.optional(),
  audio: AudioInfo.optional(),
  transcription: TranscriptionState.optional(),
});
export type CallExecutionInput = z.infer<typeof CallExecutionInput>;

/**
 * One stored object to reprocess (an item of the reprocess state machine's Distributed Map: a
 * key from an S3 listing). ClaimCall finds its call (id, sidecars, current transcript) or says
 * why there is nothing to run for it; it never transcribes.
 */
export const ReprocessRequest = z.object({
  reprocess: z.object({ key: z.string().min(1), from: StartFrom.optional() }),
});
export type ReprocessRequest = z.infer<typeof ReprocessRequest>;

/** ClaimCall's answer for a reprocess item that runs nothing (a sidecar, a superseded transcript…). */
export const ReprocessSkipped = z.object({
  route: z.literal('skipped'),
  reprocess: z.object({ key: z.string(), reason: z.string() }),
});
export type ReprocessSkipped = z.infer<typeof ReprocessSkipped>;

/** What ClaimCall accepts: a call (trigger, `debrief run`, a re-claim) or a reprocess item. */
export const ClaimCallInput = z.union([CallExecutionInput, ReprocessRequest]);

/** What a caller may send (defaults not yet applied). */
export type CallExecutionRequest = z.input<typeof CallExecutionInput>;

/** The state passed between tasks once LoadCall has written the call document. */
export const CallState = CallExecutionInput.extend({
  documentKey: z.string(),
  /**
   * The recording's length from its WAV header, read by LoadCall when the call runs from a
   * transcript (dropped beside the recording, or stored by an earlier transcription) and InspectAudio
   * did not read it (`audio`): MergeCtr compares recording metadata with it. Absent: no recording,
   * or not a WAV whose header could be read.
   */
  recordingMs: z.number().nonnegative().optional(),
});
export type CallState = z.infer<typeof CallState>;

export const EnrichmentPart = z.enum(['topics', 'summary', 'toxicity']);
export type EnrichmentPart = z.infer<typeof EnrichmentPart>;

/**
 * The files of a call quarantined before any of them was read into the store (`debrief run`
 * found one that cannot be read, or two of one kind that differ, in the drop folder): where they
 * are, by absolute path. Its `keys` are then all null (no inbox key holds them), and the report
 * names these instead, left in place: no copy is kept, the drop folder is never changed.
 */
export const FilesInPlace = z.object({
  /** The drop folder, absolute. */
  folder: z.string(),
  /** The call's file of each kind, as the call would have been read from them. */
  inputs: z.object({
    transcript: z.string().nullable(),
    audio: z.string().nullable(),
    ctr: z.string().nullable(),
    recording: z.string().nullable(),
  }),
  /** Every file of the call still in the drop folder, a second file of one kind included. */
  files: z.array(z.string()),
});
export type FilesInPlace = z.infer<typeof FilesInPlace>;

export const QuarantineInput = CallExecutionInput.extend({
  documentKey: z.string().optional(),
  /** Which state failed (set by the `<Task>Failed` Pass state). */
  failedState: z.string().optional(),
  error: StateError,
  /** Set by `debrief run` for a call quarantined before its files were staged (never on AWS). */
  leftInPlace: FilesInPlace.optional(),
});
export type QuarantineInput = z.infer<typeof QuarantineInput>;

export const QuarantineOutput = z.object({
  callId: z.string(),
  /**
   * `rejected`: the drop's own input was at fault and the call already had results in the lake,
   * which it keeps (core/call-lease.ts rejectsDrop); `quarantined`: the call shows no rows.
   */
  state: z.enum(['quarantined', 'rejected']),
  reason: z.string(),
  reportKey: z.string(),
  /** For a rejected drop: when the results the call keeps landed. */
  keptResultsFrom: z.string().optional(),
});
export type QuarantineOutput = z.infer<typeof QuarantineOutput>;

export const WriteResultsOutput = z.object({
  callId: z.string(),
  state: z.enum(['processed', 'partial']),
  dt: z.string(),
  documentKey: z.string(),
  turns: z.number().int(),
  durationMs: z.number(),
});
export type WriteResultsOutput = z.infer<typeof WriteResultsOutput>;

/** What each branch of the Enrich Parallel state returns: a key to its result, or why it failed. */
export const EnrichmentBranchResult = z.union([
  z.object({ part: EnrichmentPart, key: z.string() }),
  z.object({ part: EnrichmentPart, failed: z.literal(true), error: StateError }),
  // Switched off by configuration (e.g. no SageMaker endpoint): not a failure.
  z.object({ part: EnrichmentPart, off: z.literal(true), reason: z.string() }),
  // A CTR-only call (no recording, no speech): nothing to read, not a failure.
  z.object({ part: EnrichmentPart, notApplicable: z.literal(true), reason: z.string() }),
]);
export type EnrichmentBranchResult = z.infer<typeof EnrichmentBranchResult>;

export const ApplyEnrichmentInput = CallState.extend({ parts: z.array(EnrichmentBranchResult) });
export type ApplyEnrichmentInput = z.infer<typeof ApplyEnrichmentInput>;
