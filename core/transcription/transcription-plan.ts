import { createHash } from 'node:crypto';
import type { ObjectInfo } from '../ports/object-store.js';
import type { AudioInfo, TranscriptionKind } from '../ports/transcriber.js';

/**
 * Names and keys of a call's transcription, derived from the call id and the audio's version so
 * the same recording is never transcribed twice (a late CTR reprocesses the call from the
 * stored transcript) while a re-uploaded recording is.
 */
export const TRANSCRIPTS_PREFIX = 'transcripts';
/**
 * Where Transcribe writes its raw output (one folder per job). GetTranscription copies the
 * redacted document to `transcripts/`, moves an unredacted one to `unredacted/` (its own
 * prefix and grants) or deletes it, and clears the folder.
 */
export const TRANSCRIBE_OUTPUT_PREFIX = 'transcribe-output';
export const UNREDACTED_PREFIX = 'unredacted';

const MAX_JOB_NAME = 200;
const JOB_VERSION_LENGTH = 16;

/** The head of every transcription job name of a call. */
export const jobNameStem = (callId: string): string =>
  callId
    .replace(/[^0-9a-zA-Z._-]/g, '_')
    .replace(/^\.+$/, '_')
    .slice(0, MAX_JOB_NAME - JOB_VERSION_LENGTH - 1);

/**
 * Whether a job name is one of this call's whatever the recording's version (`<stem>-<16 hex>`).
 * Only conclusive when jobNameStem(callId) is the id itself: otherwise other ids share the stem.
 */
export const isJobOf = (jobName: string, callId: string): boolean =>
  jobName.length === jobNameStem(callId).length + 1 + JOB_VERSION_LENGTH &&
  jobName.startsWith(`${jobNameStem(callId)}-`) &&
  /^[0-9a-f]+$/.test(jobName.slice(-JOB_VERSION_LENGTH));

/**
 * Transcribe job names: [0-9a-zA-Z._-], at most 200 characters, unique per account. `variant`
 * names transcriber settings that make another transcript of the same recording (StepDeps
 * transcriptionVariant: locally the agent's channel when it is not the default); none, or '',
 * gives the name every job had before it, so stored transcripts keep theirs.
 */
export const transcriptionJobName = (
  callId: string,
  audioKey: string,
  audio: ObjectInfo,
  variant = '',
): string => {
  const version = createHash('sha256')
    .update(
      `${audioKey}\0${audio.etag ?? ''}\0${audio.size}\0${audio.etag ? '' : audio.lastModified}${variant === '' ? '' : `\0${variant}`}`,
    )
    .digest('hex')
    .slice(0, JOB_VERSION_LENGTH);
  return `${jobNameStem(callId)}-${version}`;
};

export const TRANSCRIPT_SUFFIX = '.tca.json';
export const REDACTED_AUDIO_SUFFIX = '.redacted.wav';
/**
 * Where a redacted copy may be: locally always WAV (16-bit PCM, whatever the input was); on AWS in
 * the container Transcribe wrote it in (the copy keeps the suffix of Transcribe's file).
 */
/** Every container a redacted copy can get (WAV first: local, and AWS's default). */
export const REDACTED_AUDIO_CONTAINERS = [
  'wav',
  'ogg',
  'opus',
  'oga',
  'flac',
  'mp3',
  'mp4',
  'm4a',
  'webm',
  'amr',
] as const;
export const REDACTED_AUDIO_SUFFIXES = REDACTED_AUDIO_CONTAINERS.map((c) => `.redacted.${c}`);

export const transcriptKeyFor = (callId: string, jobName: string): string =>
  `${TRANSCRIPTS_PREFIX}/${callId}/${jobName}${TRANSCRIPT_SUFFIX}`;

export const redactedAudioKeyFor = (callId: string, jobName: string): string =>
  `${TRANSCRIPTS_PREFIX}/${callId}/${jobName}${REDACTED_AUDIO_SUFFIX}`;

/** Call Analytics needs one party per channel; a mono recording gets speaker labels instead. */
export const transcriptionKind = (audio: AudioInfo): TranscriptionKind =>
  audio.channels === 2 ? 'call-analytics' : 'speaker-labels';

export interface TranscriptionTiming {
  /** Give up on a job that has not finished this long after the first start attempt. */
  maxWaitMs: number;
  /** Poll interval while the job runs / waits in Transcribe's queue (s). */
  pollSeconds: number;
  queuedPollSeconds: number;
  /** Backoff for a throttled start: base and cap (s), full jitter. */
  startBackoffBaseSeconds: number;
  startBackoffCapSeconds: number;
}

/**
 * A 4-hour file takes Transcribe well under 2 h once it runs; the rest of the budget is for
 * waiting in Transcribe's queue behind a burst (100 concurrent jobs by default). The state
 * machine's own timeout (24 h) stays above this, so the stage fails with a readable reason.
 */
export const DEFAULT_TIMING: TranscriptionTiming = {
  maxWaitMs: 20 * 60 * 60 * 1000,
  pollSeconds: 30,
  queuedPollSeconds: 60,
  startBackoffBaseSeconds: 5,
  startBackoffCapSeconds: 300,
};

/** A deterministic draw in [0, 1) per job and attempt: spreads a burst, reproducible per call. */
const jitter = (jobName: string, n: number, salt: string): number =>
  Number.parseInt(createHash('sha256').update(`${jobName}#${salt}#${n}`).digest('hex').slice(0, 8), 16) /
  0x100000000;

/**
 * The wait before the next poll. GetCallAnalyticsJob allows 20 requests a second per account,
 * so N calls in flight must poll no more often than every N/20 s on average: a running job is
 * polled every 30–45 s; a queued one (a burst waits in Transcribe's queue for hours) less and
 * less often as it waits (60 s + 1/8 of the time waited so far, at most 15 min), so 5,000
 * queued calls settle at well under the limit. Jitter keeps a burst from polling in step.
 */
export const pollWaitSeconds = (
  jobName: string,
  polls: number,
  status: 'QUEUED' | 'IN_PROGRESS',
  waitedMs: number,
  timing: TranscriptionTiming,
): number => {
  const base =
    status === 'QUEUED' ? Math.min(900, timing.queuedPollSeconds + waitedMs / 8000) : timing.pollSeconds;
  return Math.max(1, Math.round(base * (1 + 0.5 * jitter(jobName, polls, 'poll'))));
};

/** First wait after a start: roughly how long Transcribe takes for this much audio. */
export const firstWaitSeconds = (audio: AudioInfo, timing: TranscriptionTiming): number =>
  Math.max(timing.pollSeconds, Math.min(600, Math.round(audio.durationMs / 1000 / 4)));

/**
 * Exponential backoff with full jitter ("AWS Architecture Blog: Exponential Backoff And
 * Jitter"): a uniform draw in [1, min(cap, base * 2^attempt)]. The draw is seeded by the job
 * name and attempt, so a burst of calls spreads out while each call's schedule is reproducible.
 */
export const startBackoffSeconds = (
  jobName: string,
  attempt: number,
  timing: TranscriptionTiming,
): number => {
  const ceiling = Math.min(
    timing.startBackoffCapSeconds,
    timing.startBackoffBaseSeconds * 2 ** Math.max(0, attempt - 1),
  );
  const u =
    Number.parseInt(createHash('sha256').update(`${jobName}#${attempt}`).digest('hex').slice(0, 8), 16) /
    0xffffffff;
  return Math.max(1, Math.round(1 + u * (ceiling - 1)));
};
