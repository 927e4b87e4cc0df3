import { describe, expect, it } from 'vitest';
import { INPUT_FAULTS } from '../../core/errors.js';
import { steps } from '../../core/steps/index.js';
import { freshRuntime } from '../helpers/local-runtime.js';

/**
 * A step reached without what the workflow always hands it is debrief's bug, not the call's input:
 * before, these threw InvalidInputError (one of INPUT_FAULTS), so the call was quarantined as if
 * its files were bad, let go of its recording, and its report said to fix the inputs.
 */
describe("internal invariants are debrief's fault (DebriefInternalError), never the input's", () => {
  const keys = { transcript: null, audio: 'inbox/rec-1.wav', ctr: null, recording: null };
  const rejection = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).not.toBeNull();
    return error!;
  };

  it('GetTranscription with no job, StartTranscription and GetTranscription with no inspected recording, InspectAudio with no recording', async () => {
    // Prepare
    const { runtime } = freshRuntime();
    const job = {
      jobName: 'rec-1-0123456789abcdef',
      kind: 'call-analytics',
      transcriptKey: 'transcripts/rec-1/rec-1-0123456789abcdef.tca.json',
      redactedAudioKey: null,
      status: 'IN_PROGRESS',
      startedAt: '2026-03-03T00:00:00.000Z',
      startAttempts: 1,
      polls: 0,
      waitSeconds: 1,
    };
    // Act
    const errors = [
      await rejection(steps.GetTranscription({ callId: 'rec-1', keys }, runtime.deps)),
      await rejection(steps.StartTranscription({ callId: 'rec-1', keys }, runtime.deps)),
      await rejection(steps.GetTranscription({ callId: 'rec-1', keys, transcription: job }, runtime.deps)),
      await rejection(steps.InspectAudio({ callId: 'rec-1', keys: { ...keys, audio: null } }, runtime.deps)),
    ];
    // Assess
    expect(errors.map((e) => [e.name, e.message])).toEqual([
      [
        'DebriefInternalError',
        "GetTranscription: reached with no transcription job to poll (a bug in debrief, not the call's input)",
      ],
      [
        'DebriefInternalError',
        "transcription: reached without an inspected recording (InspectAudio sets it) (a bug in debrief, not the call's input)",
      ],
      [
        'DebriefInternalError',
        "transcription: reached without an inspected recording (InspectAudio sets it) (a bug in debrief, not the call's input)",
      ],
      [
        'DebriefInternalError',
        "InspectAudio: reached with no recording to inspect (a bug in debrief, not the call's input)",
      ],
    ]);
    expect(INPUT_FAULTS.has('DebriefInternalError')).toBe(false);
  });

  it("the quarantine says it is debrief's bug, to report it, and not to fix the inputs", async () => {
    // Prepare
    const { runtime } = freshRuntime();
    const message =
      "GetTranscription: reached with no transcription job to poll (a bug in debrief, not the call's input)";
    // Act
    const out = (await steps.QuarantineCall(
      {
        callId: 'rec-1',
        keys,
        failedState: 'GetTranscription',
        error: {
          Error: 'DebriefInternalError',
          Cause: JSON.stringify({ errorType: 'DebriefInternalError', errorMessage: message }),
        },
      },
      runtime.deps,
    )) as { reason: string; reportKey: string };
    // Assess
    const report = JSON.parse(new TextDecoder().decode(await runtime.store.get(out.reportKey))) as {
      reason: string;
      retryable: boolean;
      howToRetry: string;
    };
    expect(out.reason).toBe(message);
    expect(report.reason).toBe(message);
    expect(report.howToRetry).toContain('a bug in debrief stopped the call');
    expect(report.howToRetry).not.toContain('fix or replace the inputs');
  });

  it("S3's own 500, which the AWS SDK names InternalError, is not called debrief's bug (review22)", async () => {
    // Prepare: the error an unmodelled S3 500 reaches a step's Catch as
    const { runtime } = freshRuntime();
    const message = 'We encountered an internal error. Please try again.';
    // Act
    const out = (await steps.QuarantineCall(
      {
        callId: 'rec-2',
        keys,
        failedState: 'LoadCall',
        error: {
          Error: 'InternalError',
          Cause: JSON.stringify({ errorType: 'InternalError', errorMessage: message }),
        },
      },
      runtime.deps,
    )) as { reason: string; reportKey: string };
    // Assess
    const report = JSON.parse(new TextDecoder().decode(await runtime.store.get(out.reportKey))) as {
      howToRetry: string;
    };
    expect(out.reason).toContain('unexpected InternalError in LoadCall');
    expect(report.howToRetry).not.toContain('a bug in debrief');
  });
});
