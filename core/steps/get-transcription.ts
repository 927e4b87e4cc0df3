import type { CallExecutionInput } from '../../schemas/workflow.js';
import { fileNameOf } from '../call-store.js';
import {
  DebriefInternalError,
  errorName,
  TranscriptionFailedError,
  TranscriptionTimeoutError,
} from '../errors.js';
import type { TranscriptionJob, TranscriptionResult } from '../ports/transcriber.js';
import { pollWaitSeconds, startBackoffSeconds } from '../transcription/transcription-plan.js';
import type { StepDeps } from './deps.js';
import { transcriptionRequest } from './start-transcription.js';

/**
 * GetTranscription: one poll of the job. COMPLETED puts the Call Analytics document at its
 * deterministic key and hands it to LoadCall; FAILED quarantines the call with Transcribe's
 * FailureReason; a job that no longer exists (a local run that was interrupted) is started
 * again; a throttled poll is simply a later poll; anything else waits for the next poll, until
 * the stage's deadline.
 */
export const getTranscription = async (
  input: CallExecutionInput,
  deps: StepDeps,
): Promise<CallExecutionInput> => {
  const state = input.transcription;
  // The workflow polls only after StartTranscription set the job: without one, the bug is ours.
  if (!state || !input.keys.audio)
    throw new DebriefInternalError('GetTranscription', 'reached with no transcription job to poll');
  const timing = deps.transcriptionTiming;
  const request = transcriptionRequest(input, state);
  const transcriber = await deps.transcriber();
  const waited = Date.parse(deps.now()) - Date.parse(state.startedAt);
  const polls = state.polls + 1;
  const checkDeadline = (status: string) => {
    if (waited > timing.maxWaitMs)
      throw new TranscriptionTimeoutError(
        `transcription job ${state.jobName} is still ${status} after ${Math.round(waited / 60_000)} min; drop the recording again to retry`,
      );
  };
  let job: TranscriptionJob | null;
  let result: TranscriptionResult | null = null;
  try {
    job = await transcriber.get(request);
    if (job?.status === 'COMPLETED') result = await transcriber.finalize(request);
  } catch (error) {
    // Polls are rate-limited too: a throttled poll is simply a later poll, never a failure.
    if (errorName(error) !== 'TranscriptionThrottledError') throw error;
    checkDeadline(state.status);
    return {
      ...input,
      transcription: { ...state, polls, waitSeconds: startBackoffSeconds(state.jobName, polls, timing) },
    };
  }
  if (!job) return { ...input, transcription: { ...state, status: 'NOT_STARTED', waitSeconds: 1 } };
  if (job.status === 'FAILED')
    throw new TranscriptionFailedError(
      `transcription of ${fileNameOf(input.keys.audio)} failed: ${job.failureReason ?? 'no reason given'}`,
    );
  if (result)
    return {
      ...input,
      keys: { ...input.keys, transcript: result.transcriptKey },
      transcription: { ...state, status: 'COMPLETED', redactedAudioKey: result.redactedAudioKey, polls },
    };
  checkDeadline(job.status);
  const status = job.status === 'QUEUED' ? 'QUEUED' : 'IN_PROGRESS';
  return {
    ...input,
    transcription: {
      ...state,
      status,
      polls,
      waitSeconds: pollWaitSeconds(state.jobName, polls, status, waited, timing),
    },
  };
};
