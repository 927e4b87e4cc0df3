import type { CallExecutionInput, TranscriptionState } from '../../schemas/workflow.js';
import { fileNameOf, readingInput } from '../call-store.js';
import {
  DebriefInternalError,
  errorName,
  InputVanishedError,
  TranscriptionFailedError,
  TranscriptionTimeoutError,
} from '../errors.js';
import type { TranscriptionRequest } from '../ports/transcriber.js';
import {
  firstWaitSeconds,
  redactedAudioKeyFor,
  startBackoffSeconds,
  transcriptionJobName,
  transcriptionKind,
  transcriptKeyFor,
} from '../transcription/transcription-plan.js';
import type { StepDeps } from './deps.js';

/**
 * Transcription reached without InspectAudio's findings: the workflow always inspects a recording
 * before it transcribes it, so the bug is ours, not the call's input.
 */
const notInspected = (): DebriefInternalError =>
  new DebriefInternalError('transcription', 'reached without an inspected recording (InspectAudio sets it)');

/** The request for this call's transcription (the same on every attempt and poll). */
export const transcriptionRequest = (
  input: CallExecutionInput,
  state: TranscriptionState,
): TranscriptionRequest => {
  if (!input.keys.audio || !input.audio) throw notInspected();
  return {
    callId: input.callId,
    jobName: state.jobName,
    kind: state.kind,
    audioKey: input.keys.audio,
    audio: input.audio,
    transcriptKey: state.transcriptKey,
    redactedAudioKey: state.redactedAudioKey ?? redactedAudioKeyFor(input.callId, state.jobName),
  };
};

/**
 * StartTranscription: start the job (idempotent: the job name is derived from the call and
 * the audio version, and starting an existing job returns its state). When Transcribe refuses
 * for now (concurrent-job or queue limit, request rate), the state says THROTTLED with a
 * backoff-with-jitter wait; the workflow waits and comes back here, until the stage's deadline.
 */
export const startTranscription = async (
  input: CallExecutionInput,
  deps: StepDeps,
): Promise<CallExecutionInput> => {
  if (!input.keys.audio || !input.audio) throw notInspected();
  const audioKey = input.keys.audio;
  const timing = deps.transcriptionTiming;
  const now = deps.now();
  const previous = input.transcription;
  const jobName =
    previous?.jobName ??
    transcriptionJobName(
      input.callId,
      audioKey,
      await readingInput(audioKey, () => deps.store.head(audioKey)),
      deps.transcriptionVariant,
    );
  const state: TranscriptionState = previous ?? {
    jobName,
    kind: transcriptionKind(input.audio),
    transcriptKey: transcriptKeyFor(input.callId, jobName),
    redactedAudioKey: redactedAudioKeyFor(input.callId, jobName),
    status: 'NOT_STARTED',
    startedAt: now,
    startAttempts: 0,
    polls: 0,
    waitSeconds: 1,
  };
  const attempts = state.startAttempts + 1;
  const transcriber = await deps.transcriber();
  try {
    const job = await transcriber.start(transcriptionRequest(input, state));
    if (job.status === 'FAILED')
      throw new TranscriptionFailedError(
        `transcription of ${fileNameOf(input.keys.audio)} failed: ${job.failureReason ?? 'no reason given'}`,
      );
    return {
      ...input,
      transcription: {
        ...state,
        status: job.status,
        startAttempts: attempts,
        waitSeconds: firstWaitSeconds(input.audio, timing),
      },
    };
  } catch (error) {
    // A refusal that names no fault of the media, for a recording that is no longer there (deleted
    // while a throttled start waited: Transcribe finds no object at its URI), is the input gone.
    if (
      errorName(error) === 'TranscriptionConfigError' &&
      !(await deps.store.exists(audioKey).catch(() => true))
    )
      throw new InputVanishedError(fileNameOf(audioKey));
    if (errorName(error) !== 'TranscriptionThrottledError') throw error;
    const waited = Date.parse(now) - Date.parse(state.startedAt);
    if (waited > timing.maxWaitMs)
      throw new TranscriptionTimeoutError(
        `the transcription service refused to start ${jobName} for ${Math.round(waited / 60_000)} min (limits reached ${attempts} times); drop the recording again later`,
      );
    return {
      ...input,
      transcription: {
        ...state,
        status: 'THROTTLED',
        startAttempts: attempts,
        waitSeconds: startBackoffSeconds(jobName, attempts, timing),
      },
    };
  }
};
