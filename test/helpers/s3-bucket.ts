import { createHash } from 'node:crypto';
import {
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
 * when the key exists; GetObject / DeleteObject If-Match -> 412 when the ETag differs and
 * 404 NoSuchKey when the key is absent; ListObjectsV2 pages of `pageSize` with ETags. S3
 * cannot run here; this lets the lake's compaction and the S3 adapter be exercised together.
 */
export const s3Error = (name: string, status: number): Error =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

export interface BucketModel {
  objects: Map<string, { body: Uint8Array; etag: string }>;
}

export const mockBucket = (s3: S3Stub, pageSize = 1000): BucketModel => {
  const objects = new Map<string, { body: Uint8Array; etag: string }>();
  let version = 0;
  const missing = (key: string) =>
    new NoSuchKey({ message: `no such key ${key}`, $metadata: { httpStatusCode: 404 } });
  s3.on(PutObjectCommand).callsFake(
    (input: { Key: string; Body: Uint8Array | string; IfNoneMatch?: string }) => {
      if (input.IfNoneMatch === '*' && objects.has(input.Key)) throw s3Error('PreconditionFailed', 412);
      const body = typeof input.Body === 'string' ? new TextEncoder().encode(input.Body) : input.Body;
      // Real ETags are content MD5s; the version number keeps two puts of equal bytes apart here.
      const etag = `"${createHash('md5').update(body).update(String(++version)).digest('hex')}"`;
      objects.set(input.Key, { body, etag });
      return { ETag: etag };
    },
  );
  s3.on(GetObjectCommand).callsFake((input: { Key: string; IfMatch?: string }) => {
    const o = objects.get(input.Key);
    if (!o) throw missing(input.Key);
    if (input.IfMatch && input.IfMatch !== o.etag) throw s3Error('PreconditionFailed', 412);
    return { ETag: o.etag, Body: { transformToByteArray: async () => o.body } };
  });
  s3.on(HeadObjectCommand).callsFake((input: { Key: string }) => {
    const o = objects.get(input.Key);
    if (!o) throw s3Error('NotFound', 404);
    return { ContentLength: o.body.length, LastModified: new Date('2026-03-03T10:00:00Z'), ETag: o.etag };
  });
  s3.on(DeleteObjectCommand).callsFake((input: { Key: string; IfMatch?: string }) => {
    const o = objects.get(input.Key);
    if (input.IfMatch) {
      if (!o) throw missing(input.Key);
      if (input.IfMatch !== '*' && input.IfMatch !== o.etag) throw s3Error('PreconditionFailed', 412);
    }
    objects.delete(input.Key);
    return {};
  });
  s3.on(ListObjectsV2Command).callsFake((input: { Prefix?: string; ContinuationToken?: string }) => {
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
  return { objects };
};
