import { DeleteObjectsCommand, type S3Client } from '@aws-sdk/client-s3';
import { DebriefError } from '../../core/errors.js';

/** DeleteObjects takes at most this many keys per request (S3 API reference). */
export const DELETE_OBJECTS_MAX_KEYS = 1000;

/** Keys S3 answered with an error inside a DeleteObjects response (HTTP 200 all the same). */
export class DeleteObjectsError extends DebriefError {
  override name = 'DeleteObjectsError' as const;
  constructor(
    readonly bucket: string,
    readonly failures: readonly { key: string; code: string; message: string }[],
  ) {
    const shown = failures
      .slice(0, 10)
      .map((f) => `${f.key}: ${f.code}${f.message ? ` (${f.message})` : ''}`)
      .join('; ');
    super(
      `s3://${bucket}: ${failures.length} object${failures.length === 1 ? '' : 's'} not deleted: ${shown}${failures.length > 10 ? '; …' : ''}`,
    );
  }
}

/**
 * Delete keys with DeleteObjects, DELETE_OBJECTS_MAX_KEYS a request (quiet: S3 answers only
 * the failures). A request that answers with errors for some keys still deleted the others:
 * every batch is sent, then every failure is thrown together.
 */
export const deleteKeys = async (
  client: S3Client,
  bucket: string,
  keys: readonly string[],
): Promise<void> => {
  const failures: { key: string; code: string; message: string }[] = [];
  for (let i = 0; i < keys.length; i += DELETE_OBJECTS_MAX_KEYS) {
    const batch = keys.slice(i, i + DELETE_OBJECTS_MAX_KEYS);
    const out = await client.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
      }),
    );
    for (const e of out.Errors ?? [])
      failures.push({ key: e.Key ?? '?', code: e.Code ?? 'Error', message: e.Message ?? '' });
  }
  if (failures.length > 0) throw new DeleteObjectsError(bucket, failures);
};
