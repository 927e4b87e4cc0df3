import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { ObjectNotFoundError, ThrottledError } from '../../core/errors.js';
import type {
  ConditionalDelete,
  ObjectInfo,
  ObjectStoreWithHead,
  ObjectVersion,
} from '../../core/ports/object-store.js';

const isNotFound = (error: unknown): boolean =>
  error instanceof Error &&
  (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.name === 'NoSuchKeyException');

const isThrottle = (error: unknown): boolean =>
  error instanceof Error && (error.name === 'SlowDown' || error.name === 'ThrottlingException');

const statusOf = (error: unknown): number | undefined =>
  (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;

/** 412: the object is not (or no longer) the version named in If-Match / If-None-Match. */
export const isPreconditionFailed = (error: unknown): boolean =>
  error instanceof Error && (error.name === 'PreconditionFailed' || statusOf(error) === 412);

/** 409: another conditional request on the same key was in flight (S3 asks to retry). */
const isConditionalConflict = (error: unknown): boolean =>
  error instanceof Error && (error.name === 'ConditionalRequestConflict' || statusOf(error) === 409);

/** Runs one S3 request for `key`, with S3's not-found and slow-down answers as our typed errors. */
export const s3Request = async <T>(key: string, fn: () => Promise<T>): Promise<T> => {
  try {
    return await fn();
  } catch (error) {
    if (isNotFound(error)) throw new ObjectNotFoundError(key);
    if (isThrottle(error)) throw new ThrottledError(`S3 throttled on ${key}`);
    throw error;
  }
};

/** The bucket on S3. The client is injected (one per cold start, created in functions/). */
export class S3ObjectStore implements ObjectStoreWithHead {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly kmsKeyId?: string,
  ) {}

  private call<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return s3Request(key, fn);
  }

  async get(key: string): Promise<Uint8Array> {
    return this.call(key, async () => {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!out.Body) throw new ObjectNotFoundError(key);
      return out.Body.transformToByteArray();
    });
  }

  async head(key: string): Promise<ObjectInfo> {
    return this.call(key, async () => {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        size: out.ContentLength ?? 0,
        lastModified: (out.LastModified ?? new Date(0)).toISOString(),
        ...(out.ETag ? { etag: out.ETag } : {}),
      };
    });
  }

  async getRange(key: string, start: number, end: number): Promise<Uint8Array> {
    return this.call(key, async () => {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=${start}-${end}` }),
      );
      if (!out.Body) throw new ObjectNotFoundError(key);
      return out.Body.transformToByteArray();
    });
  }

  private putCommand(key: string, body: Uint8Array | string, contentType?: string, ifNoneMatch?: '*') {
    return new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      Body: body,
      ContentType: contentType,
      ...(ifNoneMatch ? { IfNoneMatch: ifNoneMatch } : {}),
      ...(this.kmsKeyId ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: this.kmsKeyId } : {}),
    });
  }

  async put(key: string, body: Uint8Array | string, contentType?: string): Promise<void> {
    await this.call(key, () => this.client.send(this.putCommand(key, body, contentType)));
  }

  /** PutObject with If-None-Match: * (S3 conditional writes): 412 or 409 mean someone else has the key. */
  async putIfAbsent(key: string, body: Uint8Array | string, contentType?: string): Promise<string | null> {
    try {
      const out = await this.call(key, () => this.client.send(this.putCommand(key, body, contentType, '*')));
      return out.ETag ?? '';
    } catch (error) {
      if (isPreconditionFailed(error) || isConditionalConflict(error)) return null;
      throw error;
    }
  }

  /** GetObject with If-Match: the bytes of exactly the version listed, or null if it changed. */
  async getVersion(key: string, etag: string): Promise<Uint8Array | null> {
    try {
      return await this.call(key, async () => {
        const out = await this.client.send(
          new GetObjectCommand({ Bucket: this.bucket, Key: key, IfMatch: etag }),
        );
        if (!out.Body) throw new ObjectNotFoundError(key);
        return out.Body.transformToByteArray();
      });
    } catch (error) {
      if (error instanceof ObjectNotFoundError || isPreconditionFailed(error)) return null;
      throw error;
    }
  }

  /**
   * DeleteObject with If-Match (S3 conditional deletes, general purpose buckets since
   * September 2025; needs s3:DeleteObject and s3:GetObject): 412 = replaced since it was
   * listed, 404 = already gone, 409 = a concurrent write or delete won (left for next time).
   */
  async deleteVersion(key: string, etag: string): Promise<ConditionalDelete> {
    try {
      await this.call(key, () =>
        this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key, IfMatch: etag })),
      );
      return 'deleted';
    } catch (error) {
      if (error instanceof ObjectNotFoundError) return 'gone';
      if (isPreconditionFailed(error) || isConditionalConflict(error)) return 'changed';
      throw error;
    }
  }

  /** Server-side copy within the bucket (recordings can be hundreds of MB). */
  async copy(from: string, to: string): Promise<void> {
    await this.call(from, () =>
      this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: to,
          CopySource: `${this.bucket}/${from.split('/').map(encodeURIComponent).join('/')}`,
          ...(this.kmsKeyId ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: this.kmsKeyId } : {}),
        }),
      ),
    );
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.head(key);
      return true;
    } catch (error) {
      if (error instanceof ObjectNotFoundError) return false;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    return (await this.listVersions(prefix)).map((v) => v.key);
  }

  /** ListObjectsV2, every page; each key with its ETag. */
  async listVersions(prefix: string): Promise<ObjectVersion[]> {
    const versions: ObjectVersion[] = [];
    let token: string | undefined;
    do {
      const out = await this.call(prefix, () =>
        this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
        ),
      );
      for (const o of out.Contents ?? []) if (o.Key) versions.push({ key: o.Key, etag: o.ETag ?? '' });
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
    return versions.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    await this.call(key, () => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })));
  }
}
