import {
  GetCallAnalyticsJobCommand,
  GetTranscriptionJobCommand,
  type MediaFormat,
  type PiiEntityType,
  type RedactionOutput,
  StartCallAnalyticsJobCommand,
  type StartCallAnalyticsJobCommandInput,
  StartTranscriptionJobCommand,
  type StartTranscriptionJobCommandInput,
  type TranscribeClient,
} from '@aws-sdk/client-transcribe';
import { fileNameOf, readJson } from '../../core/call-store.js';
import {
  errorName,
  ThrottledError,
  TranscriptionConfigError,
  TranscriptionFailedError,
  TranscriptionServiceError,
  TranscriptionThrottledError,
} from '../../core/errors.js';
import type { ObjectStore } from '../../core/ports/object-store.js';
import type {
  Transcriber,
  TranscriptionJob,
  TranscriptionRequest,
  TranscriptionResult,
  TranscriptionStatus,
} from '../../core/ports/transcriber.js';
import { standardToCallAnalytics } from '../../core/speech/standard-to-call-analytics.js';
import {
  REDACTED_AUDIO_CONTAINERS,
  TRANSCRIBE_OUTPUT_PREFIX,
  UNREDACTED_PREFIX,
} from '../../core/transcription/transcription-plan.js';
import { TranscribeCallAnalyticsOutput } from '../../schemas/transcribe-call-analytics.js';
import { TranscribeStandardOutput } from '../../schemas/transcribe-standard.js';

/**
 * Amazon Transcribe behind the workflow's job contract: Call Analytics for stereo recordings
 * (ChannelDefinitions from configuration, PII redaction of transcript and audio), a standard
 * job with two speaker labels for mono ones (Call Analytics needs one party per channel).
 */
export interface TranscribeSettings {
  bucket: string;
  /** Role Transcribe assumes to read `inbox/` and write `transcribe-output/` (lets jobs queue over the limit). */
  dataAccessRoleArn: string;
  kmsKeyId?: string | undefined;
  /** Which channel carries the agent: 1 for Genesys Cloud exports (see README). */
  agentChannel: 0 | 1;
  /** One language, or several for automatic language identification. */
  languages: readonly string[];
  /** null: no redaction (not recommended: the RedactPii step still redacts the text). */
  redaction: { output: RedactionOutput; piiEntityTypes?: readonly PiiEntityType[] } | null;
  /** Keep Transcribe's unredacted transcript under `unredacted/` (own permissions) instead of deleting it. */
  keepUnredacted: boolean;
  /** Ask Call Analytics for its generative call summary. */
  summarize: boolean;
}

/**
 * StartTranscriptionJob's MediaFormat per container InspectAudio read (Ogg Opus and Ogg Vorbis
 * are both `ogg`). StartCallAnalyticsJob has no such field: Call Analytics infers the format.
 */
export const MEDIA_FORMAT: Record<NonNullable<TranscriptionRequest['audio']['container']>, MediaFormat> = {
  wav: 'wav',
  ogg: 'ogg',
  flac: 'flac',
  mp3: 'mp3',
};

/** Failure reasons Transcribe documents as passing: worth another job (see formats.md). */
const isInternal = (reason: string | undefined) => reason?.startsWith('Internal') ?? false;

/**
 * What Transcribe says when the media itself cannot be used: the FailureReason values the API
 * reference documents for TranscriptionJob and CallAnalyticsJob ("Unsupported media format", "The
 * media format provided does not match the detected media format", "Invalid sample rate for audio
 * file", "The sample rate provided does not match the detected sample rate", "Invalid file size:
 * file size too large", "Invalid number of channels: number of channels too large"; formats.md), the
 * one it gives a file under 500 ms ("The input media file length is too small"), a media format it
 * refuses ("The media format that you specified is not valid.") and media it could not read.
 */
const MEDIA_FAULTS: readonly RegExp[] = [
  /\bunsupported media format\b/i,
  /\bmedia format\b[^.]*\b(?:not valid|isn't valid|is invalid|does not match|doesn't match)\b/i,
  /\bsample rate\b/i,
  /\bnumber of channels\b/i,
  /\bfile size\b/i,
  /\bmedia file length\b/i,
  /\b(?:audio|media)(?: file)? is too (?:short|long|small|large)\b/i,
  /\b(?:unable|failed) to (?:read|decode|parse)\b[^.]*\b(?:audio|media)\b/i,
  /\b(?:audio|media)(?: file)? (?:could not|couldn't|cannot|can't) be (?:read|decoded|parsed)\b/i,
  /\bcorrupt(?:ed)? (?:audio|media)\b|\b(?:audio|media)(?: file)? is corrupt/i,
];

/** A BadRequestException's message names the media as the problem (else the request is at fault). */
export const isMediaFault = (message: string): boolean => MEDIA_FAULTS.some((m) => m.test(message));

/** At most `max` characters of Transcribe's message, so the advice after it fits in a reason. */
const clipped = (message: string, max = 100): string =>
  message.length > max ? `${message.slice(0, max - 1).trimEnd()}…` : message;

/**
 * A BadRequestException: "Your request didn't pass one or more validation tests … See the exception
 * message field" (API reference). Only a message about the media is the recording's fault
 * (TranscriptionFailedError, an input fault); any other (the data-access role, the output location,
 * the KMS key, the language or redaction settings, an account that opted out of content use) is
 * the deployment's, said with what to check (TranscriptionConfigError: the call keeps its recording).
 */
const badRequest = (error: unknown, request: TranscriptionRequest): Error => {
  const message = (error as Error).message ?? '';
  if (isMediaFault(message))
    return new TranscriptionFailedError(`Transcribe refused ${fileNameOf(request.audioKey)}: ${message}`);
  return new TranscriptionConfigError(
    `Transcribe refused the job for ${fileNameOf(request.audioKey)}: ${clipped(message)}; not the recording's fault: check the Transcribe settings (data-access role and its bucket and KMS access, output location, language, redaction), then upload the recording again`,
  );
};

const STATUS: Record<string, TranscriptionStatus> = {
  QUEUED: 'QUEUED',
  IN_PROGRESS: 'IN_PROGRESS',
  FAILED: 'FAILED',
  COMPLETED: 'COMPLETED',
};

/** `s3://b/k`, `https://s3.<region>.amazonaws.com/b/k` or `https://b.s3.<region>.amazonaws.com/k` -> key in `bucket`. */
export const keyFromUri = (uri: string, bucket: string): string => {
  if (uri.startsWith('s3://')) {
    const rest = uri.slice(5);
    const slash = rest.indexOf('/');
    if (rest.slice(0, slash) !== bucket) throw new Error(`output ${uri} is not in bucket ${bucket}`);
    return rest.slice(slash + 1);
  }
  const url = new URL(uri);
  const path = decodeURIComponent(url.pathname.slice(1));
  if (url.hostname.startsWith(`${bucket}.s3`)) return path;
  if (!path.startsWith(`${bucket}/`)) throw new Error(`output ${uri} is not in bucket ${bucket}`);
  return path.slice(bucket.length + 1);
};

/**
 * `x.redacted.wav` with the audio suffix of `source` (`.wav` when it has none we know): one of
 * REDACTED_AUDIO_CONTAINERS, the list LoadCall and reprocess look for redacted copies by.
 */
export const withSuffixOf = (key: string, source: string): string => {
  const ext = /\.(\w+)$/.exec(source)?.[1]?.toLowerCase();
  const known = REDACTED_AUDIO_CONTAINERS.find((c) => c === ext);
  return key.replace(/\.wav$/, `.${known ?? 'wav'}`);
};

export class AwsTranscriber implements Transcriber {
  constructor(
    private readonly client: TranscribeClient,
    private readonly store: ObjectStore & { copy(from: string, to: string): Promise<void> },
    private readonly settings: TranscribeSettings,
  ) {}

  private outputPrefix(request: TranscriptionRequest): string {
    return `${TRANSCRIBE_OUTPUT_PREFIX}/${request.jobName}/`;
  }

  /** The exact StartCallAnalyticsJob request (exported for the contract tests and the README). */
  callAnalyticsRequest(request: TranscriptionRequest): StartCallAnalyticsJobCommandInput {
    const s = this.settings;
    const media = `s3://${s.bucket}/${request.audioKey}`;
    const languages = [...s.languages];
    return {
      CallAnalyticsJobName: request.jobName,
      // RedactedMediaFileUri instead of MediaFileUri: Transcribe also writes a redacted audio copy.
      Media: s.redaction ? { RedactedMediaFileUri: media } : { MediaFileUri: media },
      OutputLocation: `s3://${s.bucket}/${this.outputPrefix(request)}`,
      ...(s.kmsKeyId ? { OutputEncryptionKMSKeyId: s.kmsKeyId } : {}),
      DataAccessRoleArn: s.dataAccessRoleArn,
      Settings: {
        ...(s.redaction
          ? {
              ContentRedaction: {
                RedactionType: 'PII',
                RedactionOutput: s.redaction.output,
                ...(s.redaction.piiEntityTypes?.length
                  ? { PiiEntityTypes: [...s.redaction.piiEntityTypes] }
                  : {}),
              },
            }
          : {}),
        LanguageOptions: languages,
        ...(languages.length > 1
          ? { LanguageIdSettings: Object.fromEntries(languages.map((l) => [l, {}])) }
          : {}),
        ...(s.summarize ? { Summarization: { GenerateAbstractiveSummary: true } } : {}),
      },
      ChannelDefinitions: [
        { ChannelId: s.agentChannel, ParticipantRole: 'AGENT' },
        { ChannelId: 1 - s.agentChannel, ParticipantRole: 'CUSTOMER' },
      ],
    } as StartCallAnalyticsJobCommandInput;
  }

  /** The exact StartTranscriptionJob request for a mono recording. */
  speakerLabelsRequest(request: TranscriptionRequest): StartTranscriptionJobCommandInput {
    const s = this.settings;
    const languages = [...s.languages];
    return {
      TranscriptionJobName: request.jobName,
      // The container InspectAudio read from the bytes (a name can lie: `x.mp3` holding Ogg).
      MediaFormat: MEDIA_FORMAT[request.audio.container ?? 'wav'],
      Media: { MediaFileUri: `s3://${s.bucket}/${request.audioKey}` },
      OutputBucketName: s.bucket,
      OutputKey: this.outputPrefix(request),
      ...(s.kmsKeyId ? { OutputEncryptionKMSKeyId: s.kmsKeyId } : {}),
      ...(languages.length > 1
        ? { IdentifyLanguage: true, LanguageOptions: languages }
        : { LanguageCode: languages[0] }),
      Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2 },
      ...(s.redaction
        ? {
            ContentRedaction: {
              RedactionType: 'PII',
              RedactionOutput: s.redaction.output,
              ...(s.redaction.piiEntityTypes?.length
                ? { PiiEntityTypes: [...s.redaction.piiEntityTypes] }
                : {}),
            },
          }
        : {}),
      // Queue over the concurrency limit instead of refusing (needs the data-access role).
      JobExecutionSettings: { AllowDeferredExecution: true, DataAccessRoleArn: s.dataAccessRoleArn },
    } as StartTranscriptionJobCommandInput;
  }

  async start(request: TranscriptionRequest): Promise<TranscriptionJob> {
    try {
      if (request.kind === 'call-analytics') {
        const out = await this.client.send(
          new StartCallAnalyticsJobCommand(this.callAnalyticsRequest(request)),
        );
        return this.jobState(
          request,
          out.CallAnalyticsJob?.CallAnalyticsJobStatus,
          out.CallAnalyticsJob?.FailureReason,
        );
      }
      const out = await this.client.send(
        new StartTranscriptionJobCommand(this.speakerLabelsRequest(request)),
      );
      return this.jobState(
        request,
        out.TranscriptionJob?.TranscriptionJobStatus,
        out.TranscriptionJob?.FailureReason,
      );
    } catch (error) {
      switch (errorName(error)) {
        // The job exists (a retried Lambda, a duplicate event): report its state.
        case 'ConflictException': {
          const job = await this.get(request);
          if (job) return job;
          throw new ThrottledError(`job ${request.jobName} exists but cannot be read yet`);
        }
        // Concurrent-job / queue limit or request rate: the workflow backs off and retries. The API
        // reference words LimitExceededException as "too many requests or your input file is too
        // long"; a file over Transcribe's length limit (4 h) never gets here: InspectAudio refuses
        // it as the recording's fault first (core/audio/wav-header.ts AUDIO_LIMITS).
        case 'LimitExceededException':
        case 'ThrottlingException':
        case 'TooManyRequestsException':
          throw new TranscriptionThrottledError(
            `Transcribe refused to start ${request.jobName} for now: ${(error as Error).message}`,
          );
        case 'InternalFailureException':
          throw new ThrottledError(`Transcribe internal failure starting ${request.jobName}`);
        // The media, or the request, is unacceptable: no retry will help.
        case 'BadRequestException':
          throw badRequest(error, request);
        default:
          throw error;
      }
    }
  }

  /**
   * A job's state. FAILED for a passing reason is retried; FAILED for a reason that is not about
   * the media (the data-access role cannot read the recording's bucket or its KMS key, cannot
   * write the output location) is the deployment's fault, said as such (TranscriptionConfigError:
   * the call keeps its recording), naming the job, since the same bytes find the same FAILED job
   * again until it is deleted; FAILED for the media is a state the workflow quarantines as the
   * recording's (GetTranscription).
   */
  private jobState(
    request: TranscriptionRequest,
    status: string | undefined,
    failureReason: string | undefined,
  ): TranscriptionJob {
    const mapped = STATUS[status ?? 'QUEUED'] ?? 'QUEUED';
    if (mapped === 'FAILED' && isInternal(failureReason))
      throw new ThrottledError(`Transcribe job failed internally (${failureReason}); the workflow retries`);
    if (mapped === 'FAILED' && failureReason && !isMediaFault(failureReason))
      throw new TranscriptionConfigError(
        `Transcribe's job ${request.jobName} for ${fileNameOf(request.audioKey)} failed: ${clipped(failureReason)}; not the recording's fault: check the Transcribe settings (data-access role and its bucket and KMS access, output location), delete the job ${request.jobName} (the same recording finds it again), then upload the recording again`,
      );
    return { status: mapped, failureReason: failureReason ?? null };
  }

  private async describe(request: TranscriptionRequest) {
    try {
      if (request.kind === 'call-analytics') {
        const job = (
          await this.client.send(new GetCallAnalyticsJobCommand({ CallAnalyticsJobName: request.jobName }))
        ).CallAnalyticsJob;
        return job
          ? {
              status: job.CallAnalyticsJobStatus,
              failureReason: job.FailureReason,
              transcriptUri: job.Transcript?.TranscriptFileUri,
              redactedTranscriptUri: job.Transcript?.RedactedTranscriptFileUri,
              redactedMediaUri: job.Media?.RedactedMediaFileUri,
              // Call Analytics writes LanguageCode into its own transcript.
              languageCode: undefined,
            }
          : null;
      }
      const job = (
        await this.client.send(new GetTranscriptionJobCommand({ TranscriptionJobName: request.jobName }))
      ).TranscriptionJob;
      return job
        ? {
            status: job.TranscriptionJobStatus,
            failureReason: job.FailureReason,
            transcriptUri: job.Transcript?.TranscriptFileUri,
            redactedTranscriptUri: job.Transcript?.RedactedTranscriptFileUri,
            redactedMediaUri: undefined,
            // The language it transcribed in: with IdentifyLanguage, the one it identified.
            languageCode: job.LanguageCode,
          }
        : null;
    } catch (error) {
      const name = errorName(error);
      if (name === 'NotFoundException') return null;
      // GetCallAnalyticsJob is rate-limited (20 requests a second): the workflow polls later.
      if (
        name === 'LimitExceededException' ||
        name === 'ThrottlingException' ||
        name === 'TooManyRequestsException'
      )
        throw new TranscriptionThrottledError(`Transcribe throttled reading job ${request.jobName}`);
      if (name === 'InternalFailureException')
        throw new ThrottledError(`Transcribe internal failure reading job ${request.jobName}`);
      if (name === 'BadRequestException') throw badRequest(error, request);
      throw error;
    }
  }

  async get(request: TranscriptionRequest): Promise<TranscriptionJob | null> {
    const job = await this.describe(request);
    return job ? this.jobState(request, job.status, job.failureReason) : null;
  }

  /**
   * Copy the (redacted) transcript to its deterministic key, validated (and, for a mono job,
   * converted to the Call Analytics shape); move the redacted audio beside it; keep the
   * unredacted transcript under `unredacted/` or delete it, as configured. Nothing unredacted
   * ever lands where the workflow reads.
   */
  async finalize(request: TranscriptionRequest): Promise<TranscriptionResult> {
    const job = await this.describe(request);
    if (job?.status !== 'COMPLETED') throw new ThrottledError(`job ${request.jobName} is not complete yet`);
    const { bucket } = this.settings;
    const redactedKey = job.redactedTranscriptUri ? keyFromUri(job.redactedTranscriptUri, bucket) : null;
    const plainKey = job.transcriptUri ? keyFromUri(job.transcriptUri, bucket) : null;
    const sourceKey = redactedKey ?? plainKey;
    // COMPLETED means the transcript is at TranscriptFileUri (API reference): without one the
    // service broke its contract, which says nothing of the recording.
    if (!sourceKey)
      throw new TranscriptionServiceError(
        `Transcribe reported job ${request.jobName} COMPLETED with no transcript location (the service's fault, not the recording's)`,
      );
    const raw = await readJson(this.store, sourceKey, 'transcript');
    const document =
      request.kind === 'call-analytics'
        ? TranscribeCallAnalyticsOutput.parse(raw)
        : standardToCallAnalytics(
            TranscribeStandardOutput.parse(raw),
            // A transcript without results.language_code takes the job's own language (the
            // identified one when several were offered), never merely the first one configured:
            // the call's language decides whether its toxicity is measured.
            job.languageCode ?? this.settings.languages[0] ?? 'en-US',
            {
              version: request.jobName,
            },
          );
    await this.store.put(request.transcriptKey, JSON.stringify(document), 'application/json');
    let redactedAudioKey: string | null = null;
    if (job.redactedMediaUri) {
      const media = keyFromUri(job.redactedMediaUri, bucket);
      // Transcribe writes the redacted audio in its own container (what it made of an Ogg or
      // FLAC input): the copy keeps that suffix instead of being called .wav.
      redactedAudioKey = withSuffixOf(request.redactedAudioKey, media);
      await this.store.copy(media, redactedAudioKey);
      await this.store.delete(media);
    }
    if (redactedKey && plainKey && plainKey !== redactedKey) {
      if (this.settings.keepUnredacted)
        await this.store.copy(plainKey, `${UNREDACTED_PREFIX}/${request.callId}/${request.jobName}.json`);
      await this.store.delete(plainKey);
    }
    await this.store.delete(sourceKey);
    return { transcriptKey: request.transcriptKey, redactedAudioKey };
  }
}
