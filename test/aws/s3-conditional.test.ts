import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../adapters/aws/s3-object-store.js';
import { acquireLease, compactUnderLease } from '../../adapters/lake/compaction-lease.js';
import { compactionLeaseKey } from '../../adapters/lake/lake-layout.js';
import { ParquetLake } from '../../adapters/lake/parquet-lake.js';
import { FAKE_AWS_CONFIG } from '../helpers/aws.js';
import { mockBucket, s3Error } from '../helpers/s3-bucket.js';
import { at, writeCall } from '../lake/lake-rows.js';

const s3 = mockClient(S3Client);
const store = () => new S3ObjectStore(new S3Client(FAKE_AWS_CONFIG), 'calls-bucket', 'kms-1');

beforeEach(() => s3.reset());

describe('S3ObjectStore conditional requests (contract against the SDK)', () => {
  it('lists keys with their ETags across pages', async () => {
    s3.on(ListObjectsV2Command)
      .resolvesOnce({
        Contents: [{ Key: 'lake/a', ETag: '"e1"' }],
        IsTruncated: true,
        NextContinuationToken: 't',
      })
      .resolvesOnce({ Contents: [{ Key: 'lake/b', ETag: '"e2"' }], IsTruncated: false });
    expect(await store().listVersions('lake/')).toEqual([
      { key: 'lake/a', etag: '"e1"' },
      { key: 'lake/b', etag: '"e2"' },
    ]);
    expect(s3.commandCalls(ListObjectsV2Command)[1]?.args[0].input).toEqual({
      Bucket: 'calls-bucket',
      Prefix: 'lake/',
      ContinuationToken: 't',
    });
  });

  it('reads one version with GetObject If-Match; 412 means it was replaced', async () => {
    const Body = { transformToByteArray: async () => new Uint8Array([1, 2]) };
    s3.on(GetObjectCommand)
      .resolvesOnce({ Body } as never)
      .rejectsOnce(s3Error('PreconditionFailed', 412));
    expect(await store().getVersion('lake/a', '"e1"')).toEqual(new Uint8Array([1, 2]));
    expect(await store().getVersion('lake/a', '"e1"')).toBeNull();
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'calls-bucket',
      Key: 'lake/a',
      IfMatch: '"e1"',
    });
  });

  it('deletes one version with DeleteObject If-Match: 412 changed, 404 gone, 409 changed (left for next time)', async () => {
    s3.on(DeleteObjectCommand)
      .resolvesOnce({})
      .rejectsOnce(s3Error('PreconditionFailed', 412))
      .rejectsOnce(new NoSuchKey({ message: 'gone', $metadata: { httpStatusCode: 404 } }))
      .rejectsOnce(s3Error('ConditionalRequestConflict', 409));
    const outcomes = [];
    for (let i = 0; i < 4; i += 1) outcomes.push(await store().deleteVersion('lake/a', '"e1"'));
    expect(outcomes).toEqual(['deleted', 'changed', 'gone', 'changed']);
    expect(s3.commandCalls(DeleteObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'calls-bucket',
      Key: 'lake/a',
      IfMatch: '"e1"',
    });
  });

  it('creates only if absent with PutObject If-None-Match: * (SSE-KMS kept); 412 means taken', async () => {
    s3.on(PutObjectCommand).resolvesOnce({ ETag: '"new"' }).rejectsOnce(s3Error('PreconditionFailed', 412));
    expect(await store().putIfAbsent('lake/_leases/compaction.json', '{}', 'application/json')).toBe('"new"');
    expect(await store().putIfAbsent('lake/_leases/compaction.json', '{}', 'application/json')).toBeNull();
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'calls-bucket',
      Key: 'lake/_leases/compaction.json',
      Body: '{}',
      ContentType: 'application/json',
      IfNoneMatch: '*',
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: 'kms-1',
    });
  });
});

describe('the compaction lease on S3 (#11.3, #12.8)', () => {
  it('one of two compactions at once runs; the other is told who holds the lease', async () => {
    mockBucket(s3);
    const lake = new ParquetLake(store(), 'lake');
    for (const id of ['a', 'b']) await writeCall(lake, id, at(0));
    const run = (owner: string) =>
      compactUnderLease(store(), { dts: ['2026-03-02'], owner, now: at(10), ttlMs: 60_000 });
    const [first, second] = await Promise.all([run('one'), run('two')]);
    expect([first.skipped, second.skipped].sort()).toEqual([false, true]);
    const skipped = first.skipped ? first : second;
    expect(skipped).toMatchObject({ skipped: true, heldBy: { owner: expect.stringMatching(/one|two/) } });
    // The winner released it: the next compaction runs.
    expect((await run('three')).skipped).toBe(false);
  });

  it('a lease whose holder died (past its expiry) is taken over by exactly one of two', async () => {
    const bucket = mockBucket(s3);
    const key = compactionLeaseKey('lake');
    await acquireLease(store(), key, { owner: 'dead', now: at(0), ttlMs: 1000 });
    expect(bucket.objects.has(key)).toBe(true);
    const [a, b] = await Promise.all([
      acquireLease(store(), key, { owner: 'a', now: at(60), ttlMs: 1000 }),
      acquireLease(store(), key, { owner: 'b', now: at(60), ttlMs: 1000 }),
    ]);
    expect([a.acquired, b.acquired].filter(Boolean)).toHaveLength(1);
    const held = await acquireLease(store(), key, { owner: 'c', now: at(60), ttlMs: 1000 });
    expect(held).toMatchObject({ acquired: false, heldBy: { owner: expect.stringMatching(/^[ab]$/) } });
  });
});
