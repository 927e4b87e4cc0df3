import {
  BadRequestException,
  LimitExceededException,
  StartCallAnalyticsJobCommand,
  TranscribeClient,
} from '@aws-sdk/client-transcribe';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { AwsTranscriber } from '../../adapters/aws/transcribe-transcriber.js';
import type { ObjectStoreWithHead } from '../../core/ports/object-store.js';
import type { Transcriber } from '../../core/ports/transcriber.js';
import { renderCallAudio } from '../../generator/audio/render-call-audio.js';
import { LocalWorkflowRunner } from '../../workflows/local-runner.js';
import { shortBillingCall } from '../helpers/audio-fixtures.js';
import { FAKE_AWS_CONFIG, transcribeSettings } from '../helpers/aws.js';
import { freshRuntime, putInbox, withDb } from '../helpers/local-runtime.js';
import { oracleRecognizer } from '../helpers/oracle-recognizer.js';

describe('locally, the recording removed after InspectAudio, before the speech engine reads it', () => {
  it("quarantines the call for its input (InputVanishedError, the dropped file's name), not as the engine's fault (review22)", async () => {
    // Prepare: the transcriber's start removes the recording first, as a person deleting it while the call waits for the engine would
    const call = shortBillingCall('rec-a');
    const wav = (await renderCallAudio(call.truth)).wav;
    const { runtime } = freshRuntime({
      speech: {
        recognizer: async () => oracleRecognizer(call.truth, (ch) => (ch === 1 ? 'AGENT' : 'CUSTOMER')),
      },
    });
    const transcriber = async (): Promise<Transcriber> => {
      const real = await runtime.deps.transcriber();
      return {
        start: async (request) => {
          await runtime.store.delete(request.audioKey);
          return real.start(request);
        },
        get: (request) => real.get(request),
        finalize: (request) => real.finalize(request),
      };
    };
    const runner = new LocalWorkflowRunner({ ...runtime.deps, transcriber }, undefined, { waitMs: 20 });
    putInbox(runtime, { 'rec-a.wav': wav });
    // Act
    const r = await runner.run({
      callId: 'rec-a',
      keys: { transcript: null, audio: 'inbox/rec-a.wav', ctr: null, recording: null },
    });
    const rows = await withDb(runtime.lakeDir, (db) =>
      db.query('select state, stage, error_name, reason from call_status'),
    );
    // Assess
    expect(r.outcome).toBe('quarantined');
    expect(r.quarantine?.errorName).toBe('InputVanishedError');
    expect(rows).toHaveLength(1);
    expect(String(rows[0]!.reason)).toContain('rec-a.wav was removed before it could be read');
    expect(String(rows[0]!.reason)).not.toContain('inbox/');
  }, 300_000);
});

describe('locally, a CTR or recording metadata removed after the call was claimed, before MergeCtr reads it', () => {
  it.each([
    ['van-a.ctr.json', 'ctr'],
    ['van-a.recording.json', 'recording'],
  ] as const)(
    "quarantines the call for its input (InputVanishedError naming %s), not as 'unexpected ObjectNotFoundError' (leftover of fix22a)",
    async (name, key) => {
      // Prepare: a transcript drop with its CTR and metadata; reading the transcript (LoadCall)
      // removes the file first, as a person deleting it while the call runs would
      const call = shortBillingCall('van-a', 'present');
      const { runtime } = freshRuntime();
      const real = runtime.deps.store;
      const store = new Proxy(real, {
        get(target, prop, receiver) {
          if (prop === 'get')
            return async (k: string) => {
              if (k === 'inbox/van-a.tca.json') await real.delete(`inbox/${name}`);
              return real.get(k);
            };
          const value = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }) as ObjectStoreWithHead;
      const runner = new LocalWorkflowRunner({ ...runtime.deps, store }, undefined, { waitMs: 20 });
      putInbox(runtime, Object.fromEntries(call.files.map((f) => [f.name, f.content])));
      // Act
      const r = await runner.run({
        callId: 'van-a',
        keys: {
          transcript: 'inbox/van-a.tca.json',
          audio: null,
          ctr: 'inbox/van-a.ctr.json',
          recording: 'inbox/van-a.recording.json',
        },
      });
      // Assess
      expect(key).toBeTruthy();
      expect(r.outcome).toBe('quarantined');
      expect(r.quarantine?.errorName).toBe('InputVanishedError');
      expect(r.quarantine?.reason).toContain(`${name} was removed before it could be read`);
      expect(r.quarantine?.reason).not.toContain('inbox/');
    },
    300_000,
  );
});

describe("a recording removed while Transcribe's start was throttled (AWS adapter, mocked Transcribe)", () => {
  it('quarantines the call as InputVanishedError naming the file, not TranscriptionConfigError for the URI Transcribe can no longer find (review22 suspicion)', async () => {
    // Prepare: the first start is throttled; before the next, the recording is deleted, and
    // Transcribe answers as it does for an S3 URI with no object behind it
    const call = shortBillingCall('rec-t');
    const wav = (await renderCallAudio(call.truth)).wav;
    const transcribe = mockClient(TranscribeClient);
    const { runtime } = freshRuntime();
    const aws = new AwsTranscriber(
      new TranscribeClient(FAKE_AWS_CONFIG),
      runtime.store,
      transcribeSettings('calls'),
    );
    let starts = 0;
    transcribe.on(StartCallAnalyticsJobCommand).callsFake(async () => {
      starts += 1;
      if (starts === 1)
        throw new LimitExceededException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
      await runtime.store.delete('inbox/rec-t.wav');
      throw new BadRequestException({
        message:
          "The URI that you provided doesn't point to an S3 object. Make sure that the object exists and try your request again.",
        $metadata: { httpStatusCode: 400 },
      });
    });
    const runner = new LocalWorkflowRunner({ ...runtime.deps, transcriber: async () => aws }, undefined, {
      waitMs: 20,
    });
    putInbox(runtime, { 'rec-t.wav': wav });
    try {
      // Act
      const r = await runner.run({
        callId: 'rec-t',
        keys: { transcript: null, audio: 'inbox/rec-t.wav', ctr: null, recording: null },
      });
      // Assess
      expect(starts).toBe(2);
      expect(r.outcome).toBe('quarantined');
      expect(r.quarantine?.errorName).toBe('InputVanishedError');
      expect(r.quarantine?.reason).toContain('rec-t.wav was removed before it could be read');
    } finally {
      transcribe.restore();
    }
  }, 300_000);
});
