import type { CallExecutionInput } from '../../schemas/workflow.js';
import { InvalidInputError, TranscriptionFailedError, TranscriptionTimeoutError } from '../errors.js';
import { queuedPollSeconds } from '../transcription/transcription-plan.js';
import type { StepDeps } from './deps.js';
import { transcriptionRequest } from './start-transcription.js';

/**
 * GetTranscription: one poll of the job. COMPLETED puts the Call Analytics document at its
 * deterministic key and hands it to LoadCall; FAILED quarantines the call with Transcribe's
 * FailureReason; a job that no longer exists (a local run that was interrupted) is started
 * again; anything else waits for the next poll, until the stage's deadline.
 */
export const getTranscription = async (
  input: CallExecutionInput,
  deps: StepDeps,
): Promise<CallExecutionInput> => {
  const state = input.transcription;
  if (!state || !input.keys.audio) throw new InvalidInputError('audio', 'no transcription job to poll');
  const timing = deps.transcriptionTiming;
  const request = transcriptionRequest(input, state);
  const job = await (await deps.transcriber()).get(request);
  if (!job) return { ...input, transcription: { ...state, status: 'NOT_STARTED', waitSeconds: 1 } };
  if (job.status === 'FAILED')
    throw new TranscriptionFailedError(
      `transcription of ${input.keys.audio} failed: ${job.failureReason ?? 'no reason given'}`,
    );
  if (job.status === 'COMPLETED') {
    const result = await (await deps.transcriber()).finalize(request);
    return {
      ...input,
      keys: { ...input.keys, transcript: result.transcriptKey },
      transcription: {
        ...state,
        status: 'COMPLETED',
        redactedAudioKey: result.redactedAudioKey,
        polls: state.polls + 1,
      },
    };
  }
  const waited = Date.parse(deps.now()) - Date.parse(state.startedAt);
  if (waited > timing.maxWaitMs)
    throw new TranscriptionTimeoutError(
      `transcription job ${state.jobName} is still ${job.status} after ${Math.round(waited / 60_000)} min; drop the recording again to retry`,
    );
  return {
    ...input,
    transcription: {
      ...state,
      status: job.status,
      polls: state.polls + 1,
      waitSeconds: job.status === 'QUEUED' ? queuedPollSeconds(state.polls, timing) : timing.pollSeconds,
    },
  };
};
