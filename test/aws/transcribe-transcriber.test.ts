import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BadRequestException,
  ConflictException,
  GetCallAnalyticsJobCommand,
  GetTranscriptionJobCommand,
  InternalFailureException,
  LimitExceededException,
  NotFoundException,
  StartCallAnalyticsJobCommand,
  StartTranscriptionJobCommand,
  TranscribeClient,
} from '@aws-sdk/client-transcribe';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  AwsTranscriber,
  keyFromUri,
  type TranscribeSettings,
  withSuffixOf,
} from '../../adapters/aws/transcribe-transcriber.js';
import { INPUT_FAULTS } from '../../core/errors.js';
import { isRetryableFailure } from '../../core/failure-reason.js';
import type { TranscriptionRequest } from '../../core/ports/transcriber.js';
import { REDACTED_AUDIO_SUFFIXES } from '../../core/transcription/transcription-plan.js';
import { TranscribeCallAnalyticsOutput } from '../../schemas/transcribe-call-analytics.js';
import { TRANSIENT_ERRORS } from '../../workflows/tasks.js';
import { FAKE_AWS_CONFIG } from '../helpers/aws.js';
import { MemoryObjectStore } from '../helpers/memory-store.js';
import { FIXTURES, TCA_FIXTURE } from '../helpers/paths.js';

const transcribe = mockClient(TranscribeClient);
const client = new TranscribeClient(FAKE_AWS_CONFIG);
const $metadata = { httpStatusCode: 400 };

const SETTINGS: TranscribeSettings = {
  bucket: 'calls',
  dataAccessRoleArn: 'arn:aws:iam::111122223333:role/debrief-dev-transcribe',
  kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k',
  agentChannel: 1,
  languages: ['en-US'],
  redaction: { output: 'redacted' },
  keepUnredacted: false,
  summarize: true,
};

const request = (kind: TranscriptionRequest['kind'] = 'call-analytics'): TranscriptionRequest => ({
  callId: 'call 7',
  jobName: 'call_7-0123456789abcdef',
  kind,
  audioKey: 'inbox/call 7.wav',
  audio: {
    channels: kind === 'call-analytics' ? 2 : 1,
    sampleRate: 8000,
    durationMs: 312_460,
    encoding: 'mulaw',
    bitsPerSample: 8,
  },
  transcriptKey: 'transcripts/call 7/call_7-0123456789abcdef.tca.json',
  redactedAudioKey: 'transcripts/call 7/call_7-0123456789abcdef.redacted.wav',
});

const uri = (key: string) => `https://s3.us-east-1.amazonaws.com/calls/${key}`;

describe('Amazon Transcribe adapter (aws-sdk-client-mock)', () => {
  let store: MemoryObjectStore;
  beforeEach(() => {
    transcribe.reset();
    store = new MemoryObjectStore();
  });

  it('sends the exact StartCallAnalyticsJob request: channels, PII redaction of text and audio, output, KMS, role, language, summary', async () => {
    transcribe
      .on(StartCallAnalyticsJobCommand)
      .resolves({ CallAnalyticsJob: { CallAnalyticsJobStatus: 'QUEUED' } });
    const job = await new AwsTranscriber(client, store, SETTINGS).start(request());
    expect(job).toEqual({ status: 'QUEUED', failureReason: null });
    expect(transcribe.commandCalls(StartCallAnalyticsJobCommand)[0]!.args[0].input).toEqual({
      CallAnalyticsJobName: 'call_7-0123456789abcdef',
      Media: { RedactedMediaFileUri: 's3://calls/inbox/call 7.wav' },
      OutputLocation: 's3://calls/transcribe-output/call_7-0123456789abcdef/',
      OutputEncryptionKMSKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k',
      DataAccessRoleArn: 'arn:aws:iam::111122223333:role/debrief-dev-transcribe',
      Settings: {
        ContentRedaction: { RedactionType: 'PII', RedactionOutput: 'redacted' },
        LanguageOptions: ['en-US'],
        Summarization: { GenerateAbstractiveSummary: true },
      },
      ChannelDefinitions: [
        { ChannelId: 1, ParticipantRole: 'AGENT' },
        { ChannelId: 0, ParticipantRole: 'CUSTOMER' },
      ],
    });
  });

  it('several languages turn on language identification; entity types and both outputs as configured', async () => {
    transcribe
      .on(StartCallAnalyticsJobCommand)
      .resolves({ CallAnalyticsJob: { CallAnalyticsJobStatus: 'IN_PROGRESS' } });
    const settings: TranscribeSettings = {
      ...SETTINGS,
      agentChannel: 0,
      languages: ['en-US', 'es-US'],
      redaction: { output: 'redacted_and_unredacted', piiEntityTypes: ['CREDIT_DEBIT_NUMBER', 'SSN'] },
      summarize: false,
      kmsKeyId: undefined,
    };
    await new AwsTranscriber(client, store, settings).start(request());
    const input = transcribe.commandCalls(StartCallAnalyticsJobCommand)[0]!.args[0].input;
    expect(input.Settings).toEqual({
      ContentRedaction: {
        RedactionType: 'PII',
        RedactionOutput: 'redacted_and_unredacted',
        PiiEntityTypes: ['CREDIT_DEBIT_NUMBER', 'SSN'],
      },
      LanguageOptions: ['en-US', 'es-US'],
      LanguageIdSettings: { 'en-US': {}, 'es-US': {} },
    });
    expect(input.ChannelDefinitions).toEqual([
      { ChannelId: 0, ParticipantRole: 'AGENT' },
      { ChannelId: 1, ParticipantRole: 'CUSTOMER' },
    ]);
    expect(input).not.toHaveProperty('OutputEncryptionKMSKeyId');
  });

  it('a mono recording gets the exact StartTranscriptionJob request: two speaker labels, queued over the limit', async () => {
    transcribe
      .on(StartTranscriptionJobCommand)
      .resolves({ TranscriptionJob: { TranscriptionJobStatus: 'QUEUED' } });
    await new AwsTranscriber(client, store, SETTINGS).start(request('speaker-labels'));
    expect(transcribe.commandCalls(StartTranscriptionJobCommand)[0]!.args[0].input).toEqual({
      TranscriptionJobName: 'call_7-0123456789abcdef',
      MediaFormat: 'wav',
      Media: { MediaFileUri: 's3://calls/inbox/call 7.wav' },
      OutputBucketName: 'calls',
      OutputKey: 'transcribe-output/call_7-0123456789abcdef/',
      OutputEncryptionKMSKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k',
      LanguageCode: 'en-US',
      Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2 },
      ContentRedaction: { RedactionType: 'PII', RedactionOutput: 'redacted' },
      JobExecutionSettings: {
        AllowDeferredExecution: true,
        DataAccessRoleArn: 'arn:aws:iam::111122223333:role/debrief-dev-transcribe',
      },
    });
    expect(transcribe.commandCalls(StartCallAnalyticsJobCommand)).toHaveLength(0);
  });

  it('compressed recordings: the media URI is the dropped object itself; StartTranscriptionJob names its container as MediaFormat, Call Analytics (no such field) infers it', async () => {
    transcribe
      .on(StartTranscriptionJobCommand)
      .resolves({ TranscriptionJob: { TranscriptionJobStatus: 'QUEUED' } })
      .on(StartCallAnalyticsJobCommand)
      .resolves({ CallAnalyticsJob: { CallAnalyticsJobStatus: 'QUEUED' } });
    const t = new AwsTranscriber(client, store, SETTINGS);
    const compressed = (
      kind: TranscriptionRequest['kind'],
      audioKey: string,
      container: 'ogg' | 'flac' | 'mp3',
      encoding: string,
    ): TranscriptionRequest => ({
      ...request(kind),
      audioKey,
      audio: { ...request(kind).audio, container, encoding, bitsPerSample: 16 },
    });
    // Mono: one standard job per container, MediaFormat from the bytes (a Genesys .opus is Ogg).
    await t.start(compressed('speaker-labels', 'inbox/7d1b5f9a.opus', 'ogg', 'opus'));
    await t.start(compressed('speaker-labels', 'inbox/call 8.flac', 'flac', 'flac'));
    await t.start(compressed('speaker-labels', 'inbox/call 9.mp3', 'mp3', 'mp3'));
    // A name can lie: what InspectAudio read wins.
    await t.start(compressed('speaker-labels', 'inbox/call 10.mp3', 'ogg', 'vorbis'));
    const standard = transcribe.commandCalls(StartTranscriptionJobCommand).map((c) => c.args[0].input);
    expect(standard.map((i) => [i.Media?.MediaFileUri, i.MediaFormat])).toEqual([
      ['s3://calls/inbox/7d1b5f9a.opus', 'ogg'],
      ['s3://calls/inbox/call 8.flac', 'flac'],
      ['s3://calls/inbox/call 9.mp3', 'mp3'],
      ['s3://calls/inbox/call 10.mp3', 'ogg'],
    ]);
    // Stereo: the exact Call Analytics request, with the Opus object as the redacted media input.
    await t.start(compressed('call-analytics', 'inbox/7d1b5f9a.opus', 'ogg', 'opus'));
    const [analytics] = transcribe.commandCalls(StartCallAnalyticsJobCommand).map((c) => c.args[0].input);
    expect(analytics).toEqual({
      ...t.callAnalyticsRequest(request()),
      Media: { RedactedMediaFileUri: 's3://calls/inbox/7d1b5f9a.opus' },
    });
    expect(analytics).not.toHaveProperty('MediaFormat');
  });

  it('finalize: a redacted copy Transcribe wrote in another container keeps its suffix', async () => {
    const out = 'transcribe-output/call_7-0123456789abcdef/';
    await store.put(`${out}redacted-analytics/call_7.json`, readFileSync(TCA_FIXTURE));
    await store.put(`${out}redacted-media/7d1b5f9a.ogg`, new Uint8Array([0x4f, 0x67, 0x67, 0x53]));
    transcribe.on(GetCallAnalyticsJobCommand).resolves({
      CallAnalyticsJob: {
        CallAnalyticsJobStatus: 'COMPLETED',
        Transcript: { RedactedTranscriptFileUri: uri(`${out}redacted-analytics/call_7.json`) },
        Media: { RedactedMediaFileUri: uri(`${out}redacted-media/7d1b5f9a.ogg`) },
      },
    });
    const result = await new AwsTranscriber(client, store, SETTINGS).finalize(request());
    expect(result.redactedAudioKey).toBe('transcripts/call 7/call_7-0123456789abcdef.redacted.ogg');
    expect(await store.list('')).toEqual([result.redactedAudioKey, result.transcriptKey].sort());
  });

  it('maps each documented Start error: limits back off, a conflict reads the job, a bad request fails the call', async () => {
    const t = new AwsTranscriber(client, store, SETTINGS);
    transcribe
      .on(StartCallAnalyticsJobCommand)
      .rejects(new LimitExceededException({ message: 'Rate exceeded', $metadata }));
    await expect(t.start(request())).rejects.toMatchObject({ name: 'TranscriptionThrottledError' });
    transcribe.reset();
    transcribe
      .on(StartCallAnalyticsJobCommand)
      .rejects(new InternalFailureException({ message: 'oops', $metadata }));
    await expect(t.start(request())).rejects.toMatchObject({ name: 'ThrottledError' });
    transcribe.reset();
    transcribe
      .on(StartCallAnalyticsJobCommand)
      .rejects(
        new BadRequestException({ message: 'The media format that you specified is not valid.', $metadata }),
      );
    await expect(t.start(request())).rejects.toMatchObject({
      name: 'TranscriptionFailedError',
      message: 'Transcribe refused call 7.wav: The media format that you specified is not valid.',
    });
    // A retried Lambda (the job exists already): report the job instead of failing.
    transcribe.reset();
    transcribe
      .on(StartCallAnalyticsJobCommand)
      .rejects(new ConflictException({ message: 'exists', $metadata }));
    transcribe
      .on(GetCallAnalyticsJobCommand)
      .resolves({ CallAnalyticsJob: { CallAnalyticsJobStatus: 'IN_PROGRESS' } });
    await expect(t.start(request())).resolves.toEqual({ status: 'IN_PROGRESS', failureReason: null });
    expect(transcribe.commandCalls(GetCallAnalyticsJobCommand)[0]!.args[0].input).toEqual({
      CallAnalyticsJobName: 'call_7-0123456789abcdef',
    });
  });

  it("a BadRequestException is the recording's fault only when it is about the media; any other is the configuration's, saying what to check (Start and Get)", async () => {
    const t = new AwsTranscriber(client, store, SETTINGS);
    const refusal = async (command: 'start' | 'get', message: string, kind: TranscriptionRequest['kind']) => {
      transcribe.reset();
      const error = new BadRequestException({ message, $metadata });
      transcribe.on(StartCallAnalyticsJobCommand).rejects(error);
      transcribe.on(StartTranscriptionJobCommand).rejects(error);
      transcribe.on(GetCallAnalyticsJobCommand).rejects(error);
      transcribe.on(GetTranscriptionJobCommand).rejects(error);
      const thrown = await (command === 'start' ? t.start(request(kind)) : t.get(request(kind))).then(
        () => null,
        (e: unknown) => e as Error,
      );
      return {
        name: thrown?.name,
        message: thrown?.message,
        inputFault: INPUT_FAULTS.has(thrown?.name ?? ''),
      };
    };
    // The media: the FailureReason texts the API reference documents, and what Transcribe says of
    // a file under 500 ms (awsdocs/amazon-transcribe-developer-guide#12)
    for (const media of [
      'The media format that you specified is not valid.',
      'Unsupported media format',
      'Invalid sample rate for audio file',
      'Invalid number of channels: number of channels too large',
      'Invalid file size: file size too large',
      'The input media file length is too small. Check the length of the file and try your request again.',
    ])
      expect(await refusal('start', media, 'call-analytics')).toEqual({
        name: 'TranscriptionFailedError',
        message: `Transcribe refused call 7.wav: ${media}`,
        inputFault: true,
      });
    // The request: a setting that fails validation, an account that opted out of content use
    // (messages as Transcribe words them: linuxacademy/content-aws-mls-c01#1,
    // aws-solutions/media-insights-on-aws#699)
    const role = `1 validation error detected: Value 'debrief-transcribe' at 'dataAccessRoleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:(aws|aws-cn|aws-us-gov|aws-iso-{0,1}[a-z]{0,1}):iam::[0-9]{0,63}:role/[A-Za-z0-9:_/+=,@.-]{0,1024}$`;
    const optedOut =
      'You must specify a value for outputBucketName because your account, 111122223333, has opted out of using your content for quality improvements. Make sure you provide a value for outputBucketName and try your request again.';
    const check =
      "; not the recording's fault: check the Transcribe settings (data-access role and its bucket and KMS access, output location, language, redaction), then upload the recording again";
    expect(await refusal('start', role, 'call-analytics')).toEqual({
      name: 'TranscriptionConfigError',
      message: `Transcribe refused the job for call 7.wav: ${role.slice(0, 99).trimEnd()}…${check}`,
      inputFault: false,
    });
    expect(await refusal('start', optedOut, 'speaker-labels')).toEqual({
      name: 'TranscriptionConfigError',
      message: `Transcribe refused the job for call 7.wav: ${optedOut.slice(0, 99).trimEnd()}…${check}`,
      inputFault: false,
    });
    // GetCallAnalyticsJob refusing the request is never the recording's either.
    const jobName =
      "1 validation error detected: Value 'call 7' at 'callAnalyticsJobName' failed to satisfy constraint";
    expect(await refusal('get', jobName, 'call-analytics')).toEqual({
      name: 'TranscriptionConfigError',
      message: `Transcribe refused the job for call 7.wav: ${jobName}${check}`,
      inputFault: false,
    });
  });

  it('reads job states: FAILED with its reason, an internal failure retried, an unknown job is null, throttled polls are throttled', async () => {
    const t = new AwsTranscriber(client, store, SETTINGS);
    transcribe.on(GetCallAnalyticsJobCommand).resolves({
      CallAnalyticsJob: {
        CallAnalyticsJobStatus: 'FAILED',
        FailureReason: 'Invalid number of channels: 1. Call Analytics requires 2.',
      },
    });
    await expect(t.get(request())).resolves.toEqual({
      status: 'FAILED',
      failureReason: 'Invalid number of channels: 1. Call Analytics requires 2.',
    });
    transcribe.reset();
    transcribe.on(GetCallAnalyticsJobCommand).resolves({
      CallAnalyticsJob: {
        CallAnalyticsJobStatus: 'FAILED',
        FailureReason: 'Internal failure. Please try your request again.',
      },
    });
    await expect(t.get(request())).rejects.toMatchObject({ name: 'ThrottledError' });
    transcribe.reset();
    transcribe
      .on(GetCallAnalyticsJobCommand)
      .rejects(new NotFoundException({ message: "couldn't be found", $metadata }));
    await expect(t.get(request())).resolves.toBeNull();
    transcribe.reset();
    transcribe
      .on(GetCallAnalyticsJobCommand)
      .rejects(new LimitExceededException({ message: 'Rate exceeded', $metadata }));
    await expect(t.get(request())).rejects.toMatchObject({ name: 'TranscriptionThrottledError' });
    transcribe.reset();
    transcribe
      .on(GetTranscriptionJobCommand)
      .resolves({ TranscriptionJob: { TranscriptionJobStatus: 'COMPLETED' } });
    await expect(t.get(request('speaker-labels'))).resolves.toEqual({
      status: 'COMPLETED',
      failureReason: null,
    });
  });

  it("a job FAILED for a reason not about the media (access to a bucket, a KMS key) is the configuration's fault, naming the job to delete; one about the media stays the recording's (Get and Start)", async () => {
    // Before: every FAILED job was TranscriptionFailedError, an input fault: a deployment whose
    // data-access role cannot read the KMS key quarantined each recording as bad media, letting
    // go of it, and said to fix the inputs.
    const t = new AwsTranscriber(client, store, SETTINGS);
    const failedWith = async (reason: string, via: 'get' | 'start') => {
      transcribe.reset();
      const job = { CallAnalyticsJob: { CallAnalyticsJobStatus: 'FAILED' as const, FailureReason: reason } };
      transcribe.on(GetCallAnalyticsJobCommand).resolves(job);
      transcribe
        .on(StartCallAnalyticsJobCommand)
        .rejects(new ConflictException({ message: 'exists', $metadata }));
      return (via === 'get' ? t.get(request()) : t.start(request())).then(
        (state) => ({ state, name: null, message: null, inputFault: false }),
        (e: unknown) => ({
          state: null,
          name: (e as Error).name,
          message: (e as Error).message,
          inputFault: INPUT_FAULTS.has((e as Error).name),
        }),
      );
    };
    const kms =
      'The KMS key you specified could not be used to decrypt the media file. Check the key policy and try your request again.';
    for (const via of ['get', 'start'] as const) {
      expect(await failedWith(kms, via)).toEqual({
        state: null,
        name: 'TranscriptionConfigError',
        message: `Transcribe's job call_7-0123456789abcdef for call 7.wav failed: ${kms.slice(0, 99)}…; not the recording's fault: check the Transcribe settings (data-access role and its bucket and KMS access, output location), delete the job call_7-0123456789abcdef (the same recording finds it again), then upload the recording again`,
        inputFault: false,
      });
      // The media's own fault stays a FAILED state, which the workflow quarantines as the recording's
      expect(await failedWith('Invalid sample rate for audio file', via)).toEqual({
        state: { status: 'FAILED', failureReason: 'Invalid sample rate for audio file' },
        name: null,
        message: null,
        inputFault: false,
      });
    }
  });

  it('finalize: the redacted transcript is validated and copied to its key, the redacted audio moved beside it, the unredacted one deleted', async () => {
    const out = 'transcribe-output/call_7-0123456789abcdef/';
    await store.put(`${out}redacted-analytics/call_7.json`, readFileSync(TCA_FIXTURE));
    await store.put(`${out}analytics/call_7.json`, '{"raw":"unredacted transcript"}');
    await store.put(`${out}redacted-media/call 7.wav`, new Uint8Array([1, 2, 3]));
    transcribe.on(GetCallAnalyticsJobCommand).resolves({
      CallAnalyticsJob: {
        CallAnalyticsJobStatus: 'COMPLETED',
        Transcript: {
          TranscriptFileUri: uri(`${out}analytics/call_7.json`),
          RedactedTranscriptFileUri: uri(`${out}redacted-analytics/call_7.json`),
        },
        Media: { RedactedMediaFileUri: uri(`${out}redacted-media/call%207.wav`) },
      },
    });
    const result = await new AwsTranscriber(client, store, SETTINGS).finalize(request());
    expect(result).toEqual({
      transcriptKey: 'transcripts/call 7/call_7-0123456789abcdef.tca.json',
      redactedAudioKey: 'transcripts/call 7/call_7-0123456789abcdef.redacted.wav',
    });
    const doc = TranscribeCallAnalyticsOutput.parse(
      JSON.parse(new TextDecoder().decode(await store.get(result.transcriptKey))),
    );
    expect(doc.ContentMetadata?.Output).toBe('Redacted');
    expect(await store.get(result.redactedAudioKey!)).toEqual(new Uint8Array([1, 2, 3]));
    // Nothing unredacted is kept anywhere, and Transcribe's folder is empty.
    expect(await store.list('')).toEqual([result.redactedAudioKey, result.transcriptKey].sort());
  });

  it("finalize of a COMPLETED job with no transcript location is the service's fault, retried, never the recording's", async () => {
    // Before: TranscriptionFailedError, an input fault (the call let go of its recording, its
    // report said to fix the inputs) for what GetCallAnalyticsJob broke.
    transcribe.on(GetCallAnalyticsJobCommand).resolves({
      CallAnalyticsJob: { CallAnalyticsJobStatus: 'COMPLETED', Transcript: {} },
    });
    const thrown = await new AwsTranscriber(client, store, SETTINGS).finalize(request()).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(thrown).toMatchObject({
      name: 'TranscriptionServiceError',
      message:
        "Transcribe reported job call_7-0123456789abcdef COMPLETED with no transcript location (the service's fault, not the recording's)",
    });
    expect(INPUT_FAULTS.has(thrown!.name)).toBe(false);
    // The workflow retries it (every task's Retry), and the next run tries a call it quarantined.
    expect(TRANSIENT_ERRORS).toContain(thrown!.name);
    expect(isRetryableFailure(thrown!.name)).toBe(true);
  });

  it('finalize keeps the unredacted transcript under unredacted/ only when configured', async () => {
    const out = 'transcribe-output/call_7-0123456789abcdef/';
    await store.put(`${out}redacted-analytics/call_7.json`, readFileSync(TCA_FIXTURE));
    await store.put(`${out}analytics/call_7.json`, '{"raw":"unredacted transcript"}');
    transcribe.on(GetCallAnalyticsJobCommand).resolves({
      CallAnalyticsJob: {
        CallAnalyticsJobStatus: 'COMPLETED',
        Transcript: {
          TranscriptFileUri: uri(`${out}analytics/call_7.json`),
          RedactedTranscriptFileUri: uri(`${out}redacted-analytics/call_7.json`),
        },
      },
    });
    await new AwsTranscriber(client, store, { ...SETTINGS, keepUnredacted: true }).finalize(request());
    expect(await store.list('unredacted/')).toEqual(['unredacted/call 7/call_7-0123456789abcdef.json']);
    expect(await store.list('transcribe-output/')).toEqual([]);
  });

  it('finalize of a mono job converts the speaker-labelled output; roles are marked as diarized', async () => {
    const out = 'transcribe-output/call_7-0123456789abcdef/';
    await store.put(
      `${out}redacted-call_7.json`,
      readFileSync(join(FIXTURES, 'transcribe', 'standard-speaker-labels-redacted.json')),
    );
    transcribe.on(GetTranscriptionJobCommand).resolves({
      TranscriptionJob: {
        TranscriptionJobStatus: 'COMPLETED',
        Transcript: { RedactedTranscriptFileUri: `s3://calls/${out}redacted-call_7.json` },
      },
    });
    const result = await new AwsTranscriber(client, store, SETTINGS).finalize(request('speaker-labels'));
    const doc = JSON.parse(new TextDecoder().decode(await store.get(result.transcriptKey)));
    expect(TranscribeCallAnalyticsOutput.parse(doc).Transcript.map((t) => t.ParticipantRole)).toEqual([
      'AGENT',
      'CUSTOMER',
      'AGENT',
    ]);
    expect(doc.Transcript[0].Content).toBe(
      'Thanks for calling Northwind Motors service this is [PII], how can I help?',
    );
    expect(doc.Transcript[1].Items.find((i: { Content: string }) => i.Content === '[PII]').Redaction).toEqual(
      [{ Type: 'PHONE', Category: 'PII', Confidence: 0.9987 }],
    );
    expect(doc.DebriefEngine).toMatchObject({
      engine: 'amazon-transcribe',
      roleSource: 'speaker-diarization',
    });
    expect(doc.DebriefEngine.note).toMatch(/agent = greeting cue/);
    expect(result.redactedAudioKey).toBeNull();
  });

  it("a mono job with language identification gives the call the job's identified language, not the first one configured (toxicity is measured only in English)", async () => {
    const out = 'transcribe-output/call_7-0123456789abcdef/';
    // The fixture's transcript carries no results.language_code: the job's LanguageCode is the language.
    const fixture = JSON.parse(
      readFileSync(join(FIXTURES, 'transcribe', 'standard-speaker-labels-redacted.json'), 'utf8'),
    );
    expect(fixture.results.language_code).toBeUndefined();
    await store.put(`${out}redacted-call_7.json`, JSON.stringify(fixture));
    transcribe.on(GetTranscriptionJobCommand).resolves({
      TranscriptionJob: {
        TranscriptionJobStatus: 'COMPLETED',
        IdentifyLanguage: true,
        LanguageCode: 'en-GB',
        Transcript: { RedactedTranscriptFileUri: `s3://calls/${out}redacted-call_7.json` },
      },
    });
    const settings = { ...SETTINGS, languages: ['es-US', 'en-GB'] };
    const result = await new AwsTranscriber(client, store, settings).finalize(request('speaker-labels'));
    const doc = JSON.parse(new TextDecoder().decode(await store.get(result.transcriptKey)));
    expect(TranscribeCallAnalyticsOutput.parse(doc).LanguageCode).toBe('en-GB');
  });

  it('reads output URIs in every form Transcribe returns them', () => {
    expect(keyFromUri('s3://calls/a/b c.json', 'calls')).toBe('a/b c.json');
    expect(keyFromUri('https://s3.eu-west-1.amazonaws.com/calls/a/b%20c.json', 'calls')).toBe('a/b c.json');
    expect(keyFromUri('https://calls.s3.eu-west-1.amazonaws.com/a/b.json', 'calls')).toBe('a/b.json');
    expect(() => keyFromUri('s3://other/a.json', 'calls')).toThrow(/not in bucket calls/);
  });
});

describe('the redacted copy keeps its container (withSuffixOf)', () => {
  it.each(['wav', 'ogg', 'opus', 'oga', 'flac', 'mp3', 'mp4', 'm4a', 'webm', 'amr', 'MP4'])(
    'a .%s copy is one LoadCall and reprocess look for (found by review: .redacted.oga/.mp4/.m4a/.webm/.amr were written but not in REDACTED_AUDIO_SUFFIXES)',
    (ext) => {
      // Prepare
      const key = withSuffixOf('transcripts/c-1/job.redacted.wav', `transcribe-output/job/redacted.${ext}`);

      // Assess
      expect(key).toBe(`transcripts/c-1/job.redacted.${ext.toLowerCase()}`);
      expect(REDACTED_AUDIO_SUFFIXES.some((suffix) => key.endsWith(suffix))).toBe(true);
    },
  );

  it('an unknown suffix gives .wav', () => {
    expect(withSuffixOf('t/job.redacted.wav', 'out/redacted.xyz')).toBe('t/job.redacted.wav');
  });
});
