import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { DescribeStateMachineCommand, type SFNClient } from '@aws-sdk/client-sfn';
import pLimit from 'p-limit';
import type { ListedObject } from '../../core/reprocess-plan.js';
import { REPROCESS_MAP } from '../../workflows/reprocess-definition.js';
import { ReprocessError } from './sfn-reprocess.js';

/**
 * The calls bucket a deployed reprocess state machine lists: its definition's ItemReader
 * (DescribeStateMachine), where deploy put the bucket's name (workflows/reprocess-definition.ts).
 */
export const reprocessBucketOf = async (client: SFNClient, stateMachineArn: string): Promise<string> => {
  const out = await client.send(new DescribeStateMachineCommand({ stateMachineArn }));
  let bucket: unknown;
  try {
    const definition = JSON.parse(out.definition ?? '') as {
      States?: Record<string, { ItemReader?: { Parameters?: { Bucket?: unknown } } }>;
    };
    bucket = definition.States?.[REPROCESS_MAP]?.ItemReader?.Parameters?.Bucket;
  } catch {
    bucket = undefined;
  }
  if (typeof bucket !== 'string' || bucket === '')
    throw new ReprocessError(
      `cannot tell which bucket ${stateMachineArn} lists (no ${REPROCESS_MAP} state reading an S3 listing): is it a debrief reprocess state machine?`,
    );
  return bucket;
};

/**
 * Every object under a prefix, page by page, each with its LastModified (ListObjectsV2, all
 * pages); with `maxKeys`, only the first page of at most that many (one exact key: is it there).
 */
export const listObjects = async (
  client: S3Client,
  bucket: string,
  prefix: string,
  visit: (o: ListedObject) => void,
  maxKeys?: number,
): Promise<void> => {
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        ContinuationToken: token,
        ...(maxKeys !== undefined ? { MaxKeys: maxKeys } : {}),
      }),
    );
    for (const o of page.Contents ?? [])
      if (o.Key) visit({ key: o.Key, lastModified: o.LastModified ?? null });
    token = page.IsTruncated && maxKeys === undefined ? page.NextContinuationToken : undefined;
  } while (token);
};

/** How many of the pre-flight's per-call listings are in flight at once. */
export const LOOKUPS_AT_ONCE = 16;

/** One listing of `listEach`: a prefix, and `maxKeys` as listObjects takes it. */
export interface Lookup {
  prefix: string;
  maxKeys?: number;
}

/**
 * Several listings (listObjects each), `atOnce` in flight (up to 2,000 for --from post-process's
 * 1,000 calls: in series, minutes): each listing's objects, in the order of `lookups`. They
 * start in that order; once one fails no other starts, those in flight end, and the error thrown
 * is that of the first failed listing in that order (as in series, the same one).
 */
export const listEach = async (
  client: S3Client,
  bucket: string,
  lookups: readonly Lookup[],
  atOnce = LOOKUPS_AT_ONCE,
): Promise<ListedObject[][]> => {
  const limit = pLimit(atOnce);
  let failed = false;
  const settled = await Promise.allSettled(
    lookups.map((lookup) =>
      limit(async () => {
        if (failed) return null; // not started: an earlier listing failed
        const objects: ListedObject[] = [];
        try {
          await listObjects(client, bucket, lookup.prefix, (o) => objects.push(o), lookup.maxKeys);
        } catch (error) {
          failed = true;
          throw error;
        }
        return objects;
      }),
    ),
  );
  const found: ListedObject[][] = [];
  for (const s of settled) {
    if (s.status === 'rejected') throw s.reason;
    found.push(s.value ?? []); // (none: after a failed listing, thrown above)
  }
  return found;
};
