import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../adapters/aws/s3-object-store.js';
import { startCallExecution } from '../../adapters/aws/sfn-execution-starter.js';
import { ObjectNotFoundError, ThrottledError } from '../../core/errors.js';
import { decideOnObjectCreated } from '../../core/trigger.js';
import { S3ObjectCreatedEvent } from '../../schemas/events.js';
import { FAKE_AWS_CONFIG } from '../helpers/aws.js';
import { FIXTURES } from '../helpers/paths.js';

const creds = FAKE_AWS_CONFIG;
const s3 = mockClient(S3Client);
const sfn = mockClient(SFNClient);

beforeEach(() => {
  s3.reset();
  sfn.reset();
});

const objectCreated = (key: string, version = 'v1') => {
  const event = JSON.parse(readFileSync(join(FIXTURES, 'eventbridge', 's3-object-created.json'), 'utf8'));
  event.detail.object.key = key;
  event.detail.object['version-id'] = version;
  return S3ObjectCreatedEvent.parse(event);
};

describe('S3ObjectStore (contract against the SDK)', () => {
  it('sends GetObject with bucket and key and returns the bytes', async () => {
    // The SDK's streaming body, reduced to the method the adapter uses.
    const Body = { transformToByteArray: async () => new TextEncoder().encode('hello') };
    s3.on(GetObjectCommand).resolves({ Body } as never);
    const store = new S3ObjectStore(new S3Client(creds), 'calls-bucket');
    expect(new TextDecoder().decode(await store.get('inbox/a.tca.json'))).toBe('hello');
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'calls-bucket',
      Key: 'inbox/a.tca.json',
    });
  });

  it('maps NoSuchKey to ObjectNotFoundError and SlowDown to ThrottledError', async () => {
    const store = new S3ObjectStore(new S3Client(creds), 'b');
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'missing', $metadata: {} }));
    await expect(store.get('x')).rejects.toBeInstanceOf(ObjectNotFoundError);
    const slow = Object.assign(new Error('slow down'), { name: 'SlowDown' });
    s3.on(HeadObjectCommand).rejects(slow);
    await expect(store.head('x')).rejects.toBeInstanceOf(ThrottledError);
  });

  it('puts with SSE-KMS when a key is configured', async () => {
    s3.on(PutObjectCommand).resolves({});
    await new S3ObjectStore(new S3Client(creds), 'b', 'kms-key-1').put(
      'lake/x.parquet',
      'data',
      'application/vnd.apache.parquet',
    );
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'b',
      Key: 'lake/x.parquet',
      Body: 'data',
      ContentType: 'application/vnd.apache.parquet',
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: 'kms-key-1',
    });
  });

  it('lists every page of a prefix', async () => {
    s3.on(ListObjectsV2Command, { Prefix: 'inbox/a.' })
      .resolvesOnce({
        Contents: [{ Key: 'inbox/a.tca.json' }],
        IsTruncated: true,
        NextContinuationToken: 't1',
      })
      .resolvesOnce({ Contents: [{ Key: 'inbox/a.ctr.json' }], IsTruncated: false });
    const keys = await new S3ObjectStore(new S3Client(creds), 'b').list('inbox/a.');
    expect(keys).toEqual(['inbox/a.ctr.json', 'inbox/a.tca.json']);
    expect(s3.commandCalls(ListObjectsV2Command)[1]?.args[0].input).toEqual({
      Bucket: 'b',
      Prefix: 'inbox/a.',
      ContinuationToken: 't1',
    });
  });
});

describe('the drop trigger', () => {
  it('starts one execution per transcript, named from key + version (duplicates collapse, re-uploads do not)', () => {
    const a = decideOnObjectCreated(objectCreated('inbox/call-7.tca.json', 'v1'));
    const again = decideOnObjectCreated(objectCreated('inbox/call-7.tca.json', 'v1'));
    const reupload = decideOnObjectCreated(objectCreated('inbox/call-7.tca.json', 'v2'));
    expect(a).toMatchObject({
      start: true,
      input: { callId: 'call-7', keys: { transcript: 'inbox/call-7.tca.json' }, lookupSidecars: true },
    });
    expect(a.start && again.start && a.executionName === again.executionName).toBe(true);
    expect(a.start && reupload.start && a.executionName !== reupload.executionName).toBe(true);
    if (a.start) expect(a.executionName.length).toBeLessThanOrEqual(80);
  });

  it('keeps execution names within 80 characters of the allowed alphabet for long odd stems', () => {
    const d = decideOnObjectCreated(objectCreated(`inbox/${'x y+'.repeat(40)}.tca.json`));
    expect(d.start && /^[0-9A-Za-z_-]{1,80}$/.test(d.executionName)).toBe(true);
  });

  it('a recording or a sidecar starts its call too (a late CTR reprocesses it; ClaimCall gathers the rest)', () => {
    expect(decideOnObjectCreated(objectCreated('inbox/call-7.wav', 'v1'))).toMatchObject({
      start: true,
      input: {
        callId: 'call-7',
        keys: { audio: 'inbox/call-7.wav', transcript: null },
        lookupSidecars: true,
      },
    });
    expect(decideOnObjectCreated(objectCreated('inbox/call-7.ctr.json', 'v1'))).toMatchObject({
      start: true,
      input: { callId: 'call-7', keys: { ctr: 'inbox/call-7.ctr.json', audio: null }, lookupSidecars: true },
    });
    expect(decideOnObjectCreated(objectCreated('inbox/call-7.wav_call_metadata.json'))).toMatchObject({
      start: true,
      input: { callId: 'call-7', keys: { recording: 'inbox/call-7.wav_call_metadata.json' } },
    });
  });

  it('a recording in any container starts its call as audio (InspectAudio reads the bytes and decides)', () => {
    for (const key of [
      'inbox/7d1b5f9a-3e2c-4c86-a0d4-f8b2e6c0a175.opus',
      'inbox/call 8.flac',
      'inbox/call-9.MP3',
      'inbox/call-10.ogg',
      'inbox/call-11.oga',
      'inbox/call-12.m4a',
    ]) {
      expect(decideOnObjectCreated(objectCreated(key))).toMatchObject({
        start: true,
        input: { keys: { audio: key, transcript: null, ctr: null, recording: null } },
      });
    }
    // Genesys' export metadata beside the .opus is the recording's sidecar, not audio.
    expect(decideOnObjectCreated(objectCreated('inbox/7d1b.opus_metadata.json'))).toMatchObject({
      start: true,
      input: { callId: '7d1b', keys: { recording: 'inbox/7d1b.opus_metadata.json', audio: null } },
    });
  });

  it('ignores unknown files and keys outside inbox/, saying why', () => {
    expect(decideOnObjectCreated(objectCreated('inbox/readme.txt'))).toMatchObject({
      start: false,
      reason: expect.stringMatching(/not a call file/),
    });
    expect(decideOnObjectCreated(objectCreated('lake/calls/x.parquet'))).toMatchObject({ start: false });
  });

  it('StartExecution carries the state machine, the name and the JSON input; an existing execution is a duplicate', async () => {
    const d = decideOnObjectCreated(objectCreated('inbox/call-7.tca.json'));
    if (!d.start) throw new Error('expected a start');
    sfn.on(StartExecutionCommand).resolvesOnce({ executionArn: 'arn:exec:1', startDate: new Date() });
    const client = new SFNClient(creds);
    expect(await startCallExecution(client, 'arn:sm', d.executionName, d.input)).toEqual({
      started: true,
      executionArn: 'arn:exec:1',
    });
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input).toEqual({
      stateMachineArn: 'arn:sm',
      name: d.executionName,
      input: JSON.stringify(d.input),
    });
    sfn
      .on(StartExecutionCommand)
      .rejects(Object.assign(new Error('exists'), { name: 'ExecutionAlreadyExists' }));
    expect(await startCallExecution(client, 'arn:sm', d.executionName, d.input)).toEqual({
      started: false,
      duplicate: true,
    });
  });
});

describe('object keys in EventBridge events are used as stored (not URL-decoded)', () => {
  const cases = [
    { key: 'inbox/a+b.tca.json', stem: 'a+b' },
    { key: 'inbox/100% sure.tca.json', stem: '100% sure' },
    { key: 'inbox/call 7 (agent).tca.json', stem: 'call 7 (agent)' },
    { key: 'inbox/appel-été-Zoë-通話.tca.json', stem: 'appel-été-Zoë-通話' },
    { key: 'inbox/a%20b.tca.json', stem: 'a%20b' },
  ];
  for (const c of cases) {
    it(`"${c.key}" starts call "${c.stem}" reading exactly that key`, () => {
      const d = decideOnObjectCreated(objectCreated(c.key));
      expect(d).toMatchObject({ start: true, input: { callId: c.stem, keys: { transcript: c.key } } });
      if (d.start) expect(d.executionName).toMatch(/^[0-9A-Za-z_-]{1,80}$/);
    });
  }

  it('different raw keys that would decode alike stay different calls', () => {
    const plus = decideOnObjectCreated(objectCreated('inbox/a+b.tca.json'));
    const space = decideOnObjectCreated(objectCreated('inbox/a b.tca.json'));
    expect(plus.start && space.start && plus.executionName !== space.executionName).toBe(true);
  });
});
