import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../adapters/aws/s3-object-store.js';
import { fileNameStartSettings } from '../../core/file-name-start.js';
import type { StepDeps } from '../../core/steps/deps.js';
import { BEXT_PROBE_BYTES, loadCall } from '../../core/steps/load-call.js';
import { CallDocument } from '../../schemas/call-document.js';
import type { CallExecutionInput } from '../../schemas/workflow.js';
import { FAKE_AWS_CONFIG } from '../helpers/aws.js';
import { infoListChunk, plainWav, withBext, withChunk } from '../helpers/bwf.js';
import { FIXTURES } from '../helpers/paths.js';
import { type BucketModel, type BucketRequest, mockBucket, s3Error } from '../helpers/s3-bucket.js';

/**
 * LoadCall on AWS reads a recording's BWF bext date with ranged GetObjects through the real S3
 * adapter (the bucket answered by aws-sdk-client-mock): the first 4 KiB, never the recording.
 */
const s3 = mockClient(S3Client);
const BUCKET = 'calls-bucket';
const AUDIO = 'inbox/call-1_DT_2025-02-19T06-01-22.wav';
const TRANSCRIPT = 'transcripts/call-1/call-1-0123456789abcdef.tca.json';
let bucket: BucketModel;
let requests: BucketRequest[];

const deps = (): StepDeps =>
  ({
    store: new S3ObjectStore(new S3Client(FAKE_AWS_CONFIG), BUCKET, 'kms-1'),
    now: () => '2026-03-03T10:00:00.000Z',
    prefixes: { work: 'work', results: 'results', quarantine: 'quarantine' },
    fileNameStart: fileNameStartSettings(undefined, undefined, 'Europe/London'),
  }) as unknown as StepDeps;

const put = (key: string, body: Uint8Array | string) =>
  bucket.objects.set(key, {
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
    etag: `"${key}"`,
  });

const load = async (audio?: CallExecutionInput['audio']) => {
  const state = await loadCall(
    {
      callId: 'call-1',
      keys: { transcript: TRANSCRIPT, audio: AUDIO, ctr: null, recording: null },
      lookupSidecars: false,
      ...(audio ? { audio } : {}),
    },
    deps(),
  );
  const saved = bucket.objects.get(state.documentKey!)!.body;
  return CallDocument.parse(JSON.parse(new TextDecoder().decode(saved)));
};
const audioRequests = () =>
  requests.filter((r) => r.input.Key === AUDIO).map((r) => ({ command: r.command, input: r.input }));

beforeEach(() => {
  s3.reset();
  requests = [];
  bucket = mockBucket(s3, 1000, (r) => requests.push(r));
  put(TRANSCRIPT, readFileSync(join(FIXTURES, 'transcribe', 'call-analytics-output.json'), 'utf8'));
});

describe("LoadCall reads the recording's bext date on S3 with one small ranged read", () => {
  it('HeadObject, then GetObject Range bytes=0-4095: the start from bext, in the configured zone (BST)', async () => {
    // Prepare: a 16,646-byte WAV; its bext says 2025-06-30 23:45:00 (London, BST = UTC+1).
    put(AUDIO, withBext(plainWav(), { originationDate: '2025-06-30', originationTime: '23:45:00' }));
    // Act
    const doc = await load();
    // Assess
    expect(BEXT_PROBE_BYTES).toBe(4096);
    expect(audioRequests()).toEqual([
      { command: 'HeadObject', input: { Bucket: BUCKET, Key: AUDIO } },
      { command: 'GetObject', input: { Bucket: BUCKET, Key: AUDIO, Range: 'bytes=0-4095' } },
    ]);
    expect(doc.startedAt).toBe('2025-06-30T22:45:00.000Z');
    expect(doc.dt).toBe('2025-06-30');
    expect(doc.lineage.start?.note).toBe(
      'source=recording-bext; name=call-1_DT_2025-02-19T06-01-22.wav; read=2025-06-30 23:45:00; no zone in BWF: read in Europe/London (+01:00)',
    );
  });

  it('a bext chunk past the first 4 KiB: a few small ranged reads of chunk headers, never the samples', async () => {
    // Prepare: a 6 KB JUNK chunk first (a recorder's reserved space), then bext, fmt, data.
    const wav = withBext(plainWav(), { originationDate: '2025:01:10', originationTime: '08-00-00' });
    const junk = new Uint8Array(8 + 6000);
    junk.set(new TextEncoder().encode('JUNK'));
    new DataView(junk.buffer).setUint32(4, 6000, true);
    const file = new Uint8Array(wav.length + junk.length);
    file.set(wav.subarray(0, 12));
    file.set(junk, 12);
    file.set(wav.subarray(12), 12 + junk.length);
    new DataView(file.buffer).setUint32(4, file.length - 8, true);
    put(AUDIO, file);
    // Act
    const doc = await load();
    // Assess: JUNK at 12, bext at 6020 (its header, then the 338 bytes up to OriginationTime), its
    // body 639 bytes (odd: the pad byte checked at 6668), fmt at 6668 (header, 16-byte body), data at 6692.
    const ranges = audioRequests()
      .filter((r) => r.command === 'GetObject')
      .map((r) => r.input.Range);
    expect(ranges).toEqual([
      'bytes=0-4095',
      'bytes=6020-6027',
      'bytes=6028-6365',
      'bytes=6668-6671',
      'bytes=6668-6675',
      'bytes=6676-6691',
      'bytes=6692-6699',
    ]);
    expect(doc.startedAt).toBe('2025-01-10T08:00:00.000Z');
  });

  it('no bext, an impossible bext date, another container, or the recording gone: the file name gives the start', async () => {
    const named = '2025-02-19T06:01:22.000Z'; // London in February: GMT
    put(AUDIO, plainWav());
    expect((await load()).startedAt).toBe(named);
    put(AUDIO, withBext(plainWav(), { originationDate: '2025-02-30', originationTime: '23:45:00' }));
    expect((await load()).startedAt).toBe(named);
    put(AUDIO, new TextEncoder().encode(`OggS${'\u0000'.repeat(200)}`));
    expect((await load()).startedAt).toBe(named);
    bucket.objects.delete(AUDIO);
    const gone = await load();
    expect(gone.startedAt).toBe(named);
    expect(gone.lineage.start?.note).toMatch(/^source=file-name; .*read in Europe\/London \(\+00:00\)$/);
  });

  it('no ranged read when there can be no bext: an empty recording (no Range bytes=0--1), or one InspectAudio read as Ogg', async () => {
    const named = '2025-02-19T06:01:22.000Z';
    put(AUDIO, new Uint8Array(0));
    expect((await load()).startedAt).toBe(named);
    expect(audioRequests()).toEqual([{ command: 'HeadObject', input: { Bucket: BUCKET, Key: AUDIO } }]);
    requests.length = 0;
    put(AUDIO, new TextEncoder().encode(`OggS${'\u0000'.repeat(200)}`));
    const ogg = {
      container: 'ogg',
      channels: 1,
      sampleRate: 16000,
      durationMs: 1000,
      encoding: 'opus',
      bitsPerSample: 16,
    } as const;
    expect((await load(ogg)).startedAt).toBe(named);
    expect(audioRequests()).toEqual([]);
  });

  it('S3 failing (500) fails the step, to be retried: the start never silently falls back to the name', async () => {
    put(AUDIO, withBext(plainWav(), { originationDate: '2025-06-30', originationTime: '23:45:00' }));
    s3.on(HeadObjectCommand, { Bucket: BUCKET, Key: AUDIO }).rejects(s3Error('InternalError', 500));
    await expect(load()).rejects.toThrow(/InternalError/);
  });
});

describe("A call nothing gave a start, on S3: filed under its recording's upload time (HeadObject's Last-Modified)", () => {
  const UNDATED = 'inbox/call-2.wav';
  const MADE = 'transcripts/call-2/call-2-0123456789abcdef.tca.json';
  const loadUndated = async () => {
    const state = await loadCall(
      {
        callId: 'call-2',
        keys: { transcript: MADE, audio: UNDATED, ctr: null, recording: null },
        lookupSidecars: false,
      },
      deps(),
    );
    return CallDocument.parse(
      JSON.parse(new TextDecoder().decode(bucket.objects.get(state.documentKey!)!.body)),
    );
  };
  /** The recording's HeadObject as S3 documents it (Content-Length, Last-Modified, ETag), uploaded at `at`. */
  const uploadedAt = (at: string, wav = plainWav()) => {
    put(UNDATED, wav);
    s3.on(HeadObjectCommand, { Bucket: BUCKET, Key: UNDATED }).resolves({
      ContentLength: wav.length,
      LastModified: new Date(at),
      ETag: `"${UNDATED}"`,
    });
  };

  beforeEach(() =>
    put(MADE, readFileSync(join(FIXTURES, 'transcribe', 'call-analytics-output.json'), 'utf8')),
  );

  it("the recording's upload day, said in lineage.start", async () => {
    uploadedAt('2026-02-27T23:59:30.000Z');
    const doc = await loadUndated();
    expect([doc.dt, doc.startedAt]).toEqual(['2026-02-27', null]);
    expect(doc.lineage.start?.note).toMatch(
      /^source=recording-file-time; name=call-2\.wav; read=2026-02-27T23:59:30\.000Z; .*filed under 2026-02-27/,
    );
  });

  // review21: LoadCall failed (ObjectNotFoundError) where the bext read lets a gone recording be.
  it('the recording gone since it was transcribed: the transcript made from it gives the day', async () => {
    const doc = await loadUndated();
    expect(doc.dt).toBe('2026-03-03'); // the bucket's Last-Modified of the transcript
    expect(doc.lineage.start?.note).toMatch(
      /^source=transcript-file-time; name=call-2-0123456789abcdef\.tca\.json; /,
    );
  });

  // review21: a file time of 0 (an archive without times) filed the call under 1970-01-01, one from
  // a recorder's clock years ahead under that year: neither is when the call can have been.
  it('a file time at the epoch or in the future is not a day: the day the call was read, said in lineage.start', async () => {
    for (const at of ['1970-01-01T00:00:00.000Z', '2031-05-01T08:00:00.000Z']) {
      uploadedAt(at);
      const doc = await loadUndated();
      expect(doc.dt, at).toBe('2026-03-03'); // deps().now()
      expect(doc.lineage.start?.note).toMatch(
        new RegExp(
          `^source=run-time; name=call-2\\.wav; read=${at.replace(/\./g, '\\.')}; .*filed under 2026-03-03`,
        ),
      );
    }
  });

  it("the recording's LIST/INFO creation date (ICRD) before its upload time: a date alone gives the day, a date and time the start", async () => {
    // Prepare: recorded on 2026-02-20 (ICRD, written after the samples as libsndfile does), uploaded a week later.
    uploadedAt(
      '2026-02-27T23:59:30.000Z',
      withChunk(plainWav(), infoListChunk({ ICRD: '2026-02-20' }), 'end'),
    );
    // Act
    const day = await loadUndated();
    // Assess: HeadObject, the first 4 KiB, then the LIST chunk's header and body after the samples.
    expect(
      requests.filter((r) => r.input.Key === UNDATED && r.command === 'GetObject').map((r) => r.input.Range),
    ).toEqual(['bytes=0-4095', 'bytes=16044-16051', 'bytes=16052-16075']);
    expect([day.dt, day.startedAt]).toEqual(['2026-02-20', null]);
    expect(day.lineage.start?.note).toBe(
      'source=recording-icrd; name=call-2.wav; read=2026-02-20; a creation date without a time: started_at is null and the call is filed under 2026-02-20',
    );
    uploadedAt(
      '2026-02-27T23:59:30.000Z',
      withChunk(plainWav(), infoListChunk({ ICRD: '2026-02-20 23:30:00' }), 'start'),
    );
    const start = await loadUndated();
    expect([start.dt, start.startedAt]).toEqual(['2026-02-20', '2026-02-20T23:30:00.000Z']); // London in February: GMT
    expect(start.lineage.start?.note).toBe(
      'source=recording-icrd; name=call-2.wav; read=2026-02-20 23:30:00; no zone in ICRD: read in Europe/London (+00:00)',
    );
  });

  it("an ICRD that cannot be the call's (unparseable, before 2000, in the future) is passed over for the upload time", async () => {
    for (const text of ['Friday', '1980-01-01', '2026-03-04T12:00:00Z']) {
      uploadedAt('2026-02-27T23:59:30.000Z', withChunk(plainWav(), infoListChunk({ ICRD: text }), 'start'));
      const doc = await loadUndated();
      expect(doc.dt, text).toBe('2026-02-27');
      expect(doc.lineage.start?.note, text).toMatch(/^source=recording-file-time; name=call-2\.wav; /);
    }
  });

  it('a date-time in the file name still comes before the ICRD', async () => {
    put(AUDIO, withChunk(plainWav(), infoListChunk({ ICRD: '2024-01-01' }), 'start'));
    const doc = await load();
    expect(doc.startedAt).toBe('2025-02-19T06:01:22.000Z');
    expect(doc.lineage.start?.note).toMatch(/^source=file-name; /);
  });
});
