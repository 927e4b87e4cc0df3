import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3RecordingFingerprinter } from '../../adapters/aws/s3-recording-fingerprinter.js';
import { ObjectNotFoundError, ThrottledError } from '../../core/errors.js';
import { FAKE_AWS_CONFIG } from '../helpers/aws.js';
import { crc64nvmeBase64, s3Error } from '../helpers/s3-bucket.js';

const s3 = mockClient(S3Client);
const fingerprinter = () => new S3RecordingFingerprinter(new S3Client(FAKE_AWS_CONFIG), 'calls-bucket');
const KEY = 'inbox/call-0001.wav';

/** CRC-64/NVME's check value: the CRC of the ASCII bytes "123456789" is 0xae8b14860a799888. */
const CHECK = new TextEncoder().encode('123456789');
const CHECK_FINGERPRINT = 'crc64nvme-ae8b14860a799888-9';

/** A GetObject body as the SDK gives one in Node (a stream of chunks). */
const streamOf = (bytes: Uint8Array, chunk = 4) => ({
  async *[Symbol.asyncIterator]() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  },
});

beforeEach(() => s3.reset());

describe('S3RecordingFingerprinter (contract against the SDK)', () => {
  it('takes the full-object CRC64NVME S3 stores from one HeadObject with ChecksumMode ENABLED, reading nothing', async () => {
    // Prepare: an object uploaded without a checksum (S3 adds CRC64NVME, a full-object checksum)
    s3.on(HeadObjectCommand).resolves({
      ContentLength: 9,
      ETag: '"e1"',
      ChecksumCRC64NVME: 'rosUhgp5mIg=',
      ChecksumType: 'FULL_OBJECT',
    });
    // Act
    const fingerprint = await fingerprinter().fingerprint(KEY);
    // Assess
    expect(fingerprint).toBe(CHECK_FINGERPRINT);
    expect(s3.commandCalls(HeadObjectCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'calls-bucket', Key: KEY, ChecksumMode: 'ENABLED' },
    ]);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it('streams the object once when its checksum is composite (multipart with CRC32 parts), to the same fingerprint', async () => {
    // Prepare
    s3.on(HeadObjectCommand).resolves({
      ContentLength: 9,
      ETag: '"mp-2"',
      ChecksumCRC32: 'AAAAAA==-2',
      ChecksumType: 'COMPOSITE',
    });
    s3.on(GetObjectCommand).resolves({ Body: streamOf(CHECK) } as never);
    // Act
    const fingerprint = await fingerprinter().fingerprint(KEY);
    // Assess: the same fingerprint as S3's own CRC64NVME of these bytes
    expect(fingerprint).toBe(CHECK_FINGERPRINT);
    expect(await crc64nvmeBase64(CHECK)).toBe('rosUhgp5mIg=');
    expect(s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'calls-bucket', Key: KEY, IfMatch: '"mp-2"' },
    ]);
  });

  it('streams an object with no checksum at all (uploaded before S3 kept one by default)', async () => {
    // Prepare
    s3.on(HeadObjectCommand).resolves({ ContentLength: 9, ETag: '"old"' });
    s3.on(GetObjectCommand).resolves({ Body: streamOf(CHECK, 2) } as never);
    // Act / Assess
    expect(await fingerprinter().fingerprint(KEY)).toBe(CHECK_FINGERPRINT);
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'calls-bucket',
      Key: KEY,
      IfMatch: '"old"',
    });
  });

  it('reads the object again when it was replaced between HeadObject and GetObject (412)', async () => {
    // Prepare
    s3.on(HeadObjectCommand)
      .resolvesOnce({ ContentLength: 9, ETag: '"v1"' })
      .resolvesOnce({ ContentLength: 9, ETag: '"v2"' });
    s3.on(GetObjectCommand)
      .rejectsOnce(s3Error('PreconditionFailed', 412))
      .resolvesOnce({ Body: streamOf(CHECK) } as never);
    // Act / Assess
    expect(await fingerprinter().fingerprint(KEY)).toBe(CHECK_FINGERPRINT);
    expect(s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input.IfMatch)).toEqual(['"v1"', '"v2"']);
  });

  it('S3 slowing down is a ThrottledError (the workflow retries the task); a missing object is ObjectNotFoundError', async () => {
    // Prepare
    s3.on(HeadObjectCommand)
      .rejectsOnce(s3Error('SlowDown', 503))
      .rejectsOnce(s3Error('NotFound', 404))
      .resolves({ ContentLength: 9, ETag: '"v1"' });
    s3.on(GetObjectCommand).rejects(s3Error('SlowDown', 503));
    // Act / Assess
    await expect(fingerprinter().fingerprint(KEY)).rejects.toBeInstanceOf(ThrottledError);
    await expect(fingerprinter().fingerprint(KEY)).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(fingerprinter().fingerprint(KEY)).rejects.toBeInstanceOf(ThrottledError);
  });
});
