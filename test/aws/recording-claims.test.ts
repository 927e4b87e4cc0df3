import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../adapters/aws/s3-object-store.js';
import { acquireCallLease, recordDone, recordQuarantined } from '../../core/call-lease.js';
import { ThrottledError } from '../../core/errors.js';
import { claimRecording } from '../../core/recording-claims.js';
import { FAKE_AWS_CONFIG } from '../helpers/aws.js';
import { type BucketModel, type BucketRequest, mockBucket, s3Error } from '../helpers/s3-bucket.js';

/**
 * Recording claims over the real S3 adapter, the SDK answered by a bucket that behaves as the S3
 * conditional-writes guide says (PutObject If-None-Match: * -> 412 when the key exists;
 * GetObject/DeleteObject If-Match -> 412 when replaced).
 */
const s3 = mockClient(S3Client);
const FP = 'crc64nvme-ae8b14860a799888-9';
const CLAIM_KEY = `state/recordings/${FP}.json`;
const NOW = '2026-03-03T10:00:00.000Z';
let bucket: BucketModel;
let requests: BucketRequest[];
const store = () => new S3ObjectStore(new S3Client(FAKE_AWS_CONFIG), 'calls-bucket', 'kms-1');
const claim = (callId: string, token: string) =>
  claimRecording(store(), { fingerprint: FP, callId, token, now: NOW });
/** An execution of the call holding its lease with this token (what ClaimCall does first). */
const running = async (callId: string, token: string) =>
  expect(await acquireCallLease(store(), callId, token, NOW)).toEqual({ acquired: true });
const holder = () => JSON.parse(new TextDecoder().decode(bucket.objects.get(CLAIM_KEY)!.body));

beforeEach(() => {
  s3.reset();
  requests = [];
  bucket = mockBucket(s3, 1000, (r) => requests.push(r));
});

describe('recording claims on S3 (conditional writes)', () => {
  it('the first call claims the recording with one PutObject If-None-Match: *, encrypted with the key', async () => {
    // Act
    const result = await claim('call-a', 'tok-a');
    // Assess
    expect(result).toEqual({ held: true });
    expect(s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input)).toEqual([
      {
        Bucket: 'calls-bucket',
        Key: CLAIM_KEY,
        Body: JSON.stringify({ callId: 'call-a', token: 'tok-a', claimedAt: NOW }),
        ContentType: 'application/json',
        IfNoneMatch: '*',
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: 'kms-1',
      },
    ]);
  });

  it('a call that loses the race (412) reads the claim: the winner is still running, so it is the copy', async () => {
    // Prepare
    await running('call-a', 'tok-a');
    await running('call-b', 'tok-b');
    // Act: both executions at once
    const [a, b] = await Promise.all([claim('call-a', 'tok-a'), claim('call-b', 'tok-b')]);
    // Assess: exactly one holds it, the other names it
    expect([a, b]).toEqual([{ held: true }, { held: false, copyOf: 'call-a' }]);
    const puts = requests.filter((r) => r.command === 'PutObject' && r.input.Key === CLAIM_KEY);
    expect(puts.map((r) => [r.input.IfNoneMatch, r.found])).toEqual([
      ['*', false],
      ['*', true],
    ]);
    expect(holder().callId).toBe('call-a');
  });

  it('409 ConditionalRequestConflict (a concurrent conditional write) is a lost race too, then read', async () => {
    // Prepare: S3 answers call-b's create with 409 (another conditional write on the key in flight)
    let conflicts = 0;
    s3.reset();
    bucket = mockBucket(s3, 1000, (r) => {
      if (r.command === 'PutObject' && r.input.Key === CLAIM_KEY && r.found && conflicts++ === 0)
        throw s3Error('ConditionalRequestConflict', 409);
    });
    await running('call-a', 'tok-a');
    await claim('call-a', 'tok-a');
    // Act / Assess
    expect(await claim('call-b', 'tok-b')).toEqual({ held: false, copyOf: 'call-a' });
    expect(conflicts).toBe(1);
  });

  it('a call that landed with the recording holds it after its execution ended', async () => {
    // Prepare: call-a claimed it, landed with it (done names the recording), released its lease
    await claim('call-a', 'tok-a');
    await recordDone(store(), 'call-a', 'inputs-1', NOW, FP);
    // Act / Assess
    expect(await claim('call-b', 'tok-b')).toEqual({ held: false, copyOf: 'call-a' });
  });

  it("a call quarantined by a step's fault after its recording was read (a post-processor, a timeout, an engine) still holds it: a later drop of the same bytes is its copy", async () => {
    for (const error of ['PostProcessorError', 'States.Timeout', 'ComprehendError']) {
      // Prepare: call-a claimed the recording, then a step failed after reading it (found by the
      // twentieth round's trial locally: a copy dropped later took the recording over, and the
      // original, run again as its error report says, was then quarantined as a copy)
      bucket.objects.clear();
      await claim('call-a', 'tok-a');
      await recordQuarantined(store(), 'call-a', NOW, error, FP);
      // Act / Assess
      expect(await claim('call-b', 'tok-b')).toEqual({ held: false, copyOf: 'call-a' });
      expect(await claim('call-a', 'tok-a2')).toEqual({ held: true });
    }
  });

  it('a claim whose call landed with other bytes since, or was quarantined for its input, or died, is taken over', async () => {
    for (const letGo of [
      () => recordDone(store(), 'call-a', 'inputs-2', NOW, 'crc64nvme-0000000000000001-9'),
      () => recordQuarantined(store(), 'call-a', NOW, 'TranscriptionFailedError', FP),
      () => recordQuarantined(store(), 'call-a', NOW, 'DuplicateRecordingError', FP),
      // a quarantine recorded before the error was kept: no error, no recording
      () =>
        store().put(
          'state/done/call-a.json',
          JSON.stringify({ outcome: 'quarantined', fingerprint: null, recording: null, at: NOW }),
          'application/json',
        ),
      async () => undefined, // its execution died: no lease with its token, no outcome
    ]) {
      // Prepare
      bucket.objects.clear();
      requests.length = 0;
      await claim('call-a', 'tok-a');
      await letGo();
      // Act
      const result = await claim('call-b', 'tok-b');
      // Assess: the stale claim is removed only if unchanged (If-Match), then created anew
      expect(result).toEqual({ held: true });
      expect(holder()).toEqual({ callId: 'call-b', token: 'tok-b', claimedAt: NOW });
      const deletes = requests.filter((r) => r.command === 'DeleteObject' && r.input.Key === CLAIM_KEY);
      expect(deletes).toHaveLength(1);
      expect(deletes[0]?.input.IfMatch).toMatch(/^"[0-9a-f]{32}"$/);
    }
  });

  it('the same call from a later execution holds it, and the claim becomes that execution’s', async () => {
    // Prepare
    await claim('call-a', 'tok-a');
    await recordDone(store(), 'call-a', 'inputs-1', NOW, FP);
    // Act
    const again = await claim('call-a', 'tok-a2');
    // Assess
    expect(again).toEqual({ held: true });
    expect(holder().token).toBe('tok-a2');
  });

  it('S3 slowing down is a ThrottledError (retried by the workflow), never a copy', async () => {
    // Prepare
    s3.on(PutObjectCommand).rejects(s3Error('SlowDown', 503));
    // Act / Assess
    await expect(claim('call-a', 'tok-a')).rejects.toBeInstanceOf(ThrottledError);
  });

  it('refuses a fingerprint that is not one (it is part of an object key)', async () => {
    await expect(
      claimRecording(store(), { fingerprint: '../leases/x', callId: 'c', token: 't', now: NOW }),
    ).rejects.toThrow(/not a recording fingerprint/);
  });
});
