import { createHash } from 'node:crypto';
import { Crc64NvmeJs } from '@aws-sdk/checksums/crc';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';

const stubType = () => mockClient(S3Client);
export type S3Stub = ReturnType<typeof stubType>;

/**
 * An in-memory bucket behind aws-sdk-client-mock that answers as the S3 documentation says
 * (conditional requests guide, conditional deletes guide): PutObject If-None-Match: * -> 412
 * when the key exists; GetObject Range `bytes=a-b` -> those bytes, clamped to the object; GetObject / DeleteObject If-Match -> 412 when the ETag differs and
 * 404 NoSuchKey when the key is absent; ListObjectsV2 pages of `pageSize` with ETags. S3
 * cannot run here; this lets the lake's compaction and the S3 adapter be exercised together.
 */
export const s3Error = (name: string, status: number): Error =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

export interface BucketModel {
  objects: Map<string, { body: Uint8Array; etag: string }>;
  /**
   * Keys uploaded with a composite checksum (a multipart upload with CRC32 parts): HeadObject
   * with ChecksumMode ENABLED answers ChecksumCRC32 `<crc>-<parts>`, ChecksumType COMPOSITE and
   * no CRC64NVME. Every other object has the CRC64NVME S3 adds by default (FULL_OBJECT).
   */
  composite: Set<string>;
}

/** The CRC64NVME S3 stores for an object uploaded without a checksum, base64 as HeadObject returns it. */
export const crc64nvmeBase64 = async (body: Uint8Array): Promise<string> => {
  const crc = new Crc64NvmeJs();
  crc.update(body);
  return Buffer.from(await crc.digest()).toString('base64');
};

/** A GetObject body as the SDK gives one in Node: readable as a stream or all at once. */
const bodyOf = (bytes: Uint8Array, chunk = 64 * 1024) => ({
  transformToByteArray: async () => bytes,
  async *[Symbol.asyncIterator]() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  },
});

/** What a request to the bucket was, seen before it is answered (`found`: the key existed). */
export interface BucketRequest {
  command: 'GetObject' | 'HeadObject' | 'PutObject' | 'DeleteObject' | 'CopyObject' | 'ListObjectsV2';
  input: Record<string, unknown>;
  found: boolean;
}

export const mockBucket = (
  s3: S3Stub,
  pageSize = 1000,
  observe: (request: BucketRequest) => void = () => undefined,
): BucketModel => {
  const objects = new Map<string, { body: Uint8Array; etag: string }>();
  const composite = new Set<string>();
  const seen = (command: BucketRequest['command'], input: Record<string, unknown>) =>
    observe({ command, input, found: typeof input.Key === 'string' && objects.has(input.Key) });
  let version = 0;
  const missing = (key: string) =>
    new NoSuchKey({ message: `no such key ${key}`, $metadata: { httpStatusCode: 404 } });
  s3.on(PutObjectCommand).callsFake(
    (input: { Key: string; Body: Uint8Array | string; IfNoneMatch?: string }) => {
      seen('PutObject', input);
      if (input.IfNoneMatch === '*' && objects.has(input.Key)) throw s3Error('PreconditionFailed', 412);
      const body = typeof input.Body === 'string' ? new TextEncoder().encode(input.Body) : input.Body;
      // Real ETags are content MD5s; the version number keeps two puts of equal bytes apart here.
      const etag = `"${createHash('md5').update(body).update(String(++version)).digest('hex')}"`;
      objects.set(input.Key, { body, etag });
      composite.delete(input.Key);
      return { ETag: etag };
    },
  );
  s3.on(GetObjectCommand).callsFake((input: { Key: string; IfMatch?: string; Range?: string }) => {
    seen('GetObject', input);
    const o = objects.get(input.Key);
    if (!o) throw missing(input.Key);
    if (input.IfMatch && input.IfMatch !== o.etag) throw s3Error('PreconditionFailed', 412);
    if (!input.Range) return { ETag: o.etag, Body: bodyOf(o.body) };
    // `bytes=first-last`: the bytes present in that range (clamped to the object); none present -> 416.
    const [, first, last] = /^bytes=(\d+)-(\d+)$/.exec(input.Range) ?? [];
    if (first === undefined || last === undefined) throw new Error(`unsupported Range ${input.Range}`);
    if (Number(first) >= o.body.length) throw s3Error('InvalidRange', 416);
    const end = Math.min(Number(last), o.body.length - 1);
    return {
      ETag: o.etag,
      ContentRange: `bytes ${first}-${end}/${o.body.length}`,
      Body: bodyOf(o.body.subarray(Number(first), end + 1)),
    };
  });
  s3.on(HeadObjectCommand).callsFake(async (input: { Key: string; ChecksumMode?: string }) => {
    seen('HeadObject', input);
    const o = objects.get(input.Key);
    if (!o) throw s3Error('NotFound', 404);
    const head = {
      ContentLength: o.body.length,
      LastModified: new Date('2026-03-03T10:00:00Z'),
      ETag: o.etag,
    };
    if (input.ChecksumMode !== 'ENABLED') return head;
    if (composite.has(input.Key)) return { ...head, ChecksumCRC32: 'AAAAAA==-2', ChecksumType: 'COMPOSITE' };
    return { ...head, ChecksumCRC64NVME: await crc64nvmeBase64(o.body), ChecksumType: 'FULL_OBJECT' };
  });
  s3.on(DeleteObjectCommand).callsFake((input: { Key: string; IfMatch?: string }) => {
    seen('DeleteObject', input);
    const o = objects.get(input.Key);
    if (input.IfMatch) {
      if (!o) throw missing(input.Key);
      if (input.IfMatch !== '*' && input.IfMatch !== o.etag) throw s3Error('PreconditionFailed', 412);
    }
    objects.delete(input.Key);
    return {};
  });
  s3.on(ListObjectsV2Command).callsFake((input: { Prefix?: string; ContinuationToken?: string }) => {
    seen('ListObjectsV2', input);
    const keys = [...objects.keys()].filter((k) => k.startsWith(input.Prefix ?? '')).sort();
    const start = input.ContinuationToken ? keys.findIndex((k) => k > String(input.ContinuationToken)) : 0;
    const page = start < 0 ? [] : keys.slice(start, start + pageSize);
    const truncated = start >= 0 && start + pageSize < keys.length;
    return {
      Contents: page.map((Key) => ({ Key, ETag: objects.get(Key)?.etag })),
      IsTruncated: truncated,
      NextContinuationToken: truncated ? page.at(-1) : undefined,
    };
  });
  // CopySource is `bucket/key`, the key URL-encoded (as S3ObjectStore.copy sends it).
  s3.on(CopyObjectCommand).callsFake((input: { Key: string; CopySource: string }) => {
    const source = decodeURIComponent(input.CopySource.slice(input.CopySource.indexOf('/') + 1));
    observe({ command: 'CopyObject', input, found: objects.has(source) });
    const o = objects.get(source);
    if (!o) throw missing(source);
    const etag = `"${createHash('md5').update(o.body).update(String(++version)).digest('hex')}"`;
    objects.set(input.Key, { body: o.body, etag });
    return { CopyObjectResult: { ETag: etag } };
  });
  return { objects, composite };
};
