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
import type { ObjectInfo, ObjectStoreWithHead } from '../../core/ports/object-store.js';

const isNotFound = (error: unknown): boolean =>
  error instanceof Error &&
  (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.name === 'NoSuchKeyException');

const isThrottle = (error: unknown): boolean =>
  error instanceof Error && (error.name === 'SlowDown' || error.name === 'ThrottlingException');

/** The bucket on S3. The client is injected (one per cold start, created in functions/). */
export class S3ObjectStore implements ObjectStoreWithHead {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly kmsKeyId?: string,
  ) {}

  private async call<T>(key: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFoundError(key);
      if (isThrottle(error)) throw new ThrottledError(`S3 throttled on ${key}`);
      throw error;
    }
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

  async put(key: string, body: Uint8Array | string, contentType?: string): Promise<void> {
    await this.call(key, () =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
          ...(this.kmsKeyId ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: this.kmsKeyId } : {}),
        }),
      ),
    );
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
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const out = await this.call(prefix, () =>
        this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
        ),
      );
      for (const o of out.Contents ?? []) if (o.Key) keys.push(o.Key);
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  async delete(key: string): Promise<void> {
    await this.call(key, () => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })));
  }
}
