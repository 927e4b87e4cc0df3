import type { ObjectStoreWithHead } from '../../core/ports/object-store.js';
import { compactionLeaseKey } from './lake-layout.js';
import { type CompactionReport, ParquetLake } from './parquet-lake.js';

/**
 * One compaction at a time over a bucket, with S3 conditional writes only (no DynamoDB, no
 * lock service): the lease is an object created with If-None-Match: *, so exactly one of two
 * compactions creates it; it names its holder and an expiry, and a lease past its expiry (its
 * holder died: a Lambda lives 15 minutes at most) is removed with If-Match on the ETag that
 * was read, so of two compactions taking over a dead lease only one succeeds. Compaction is
 * safe without the lease (adapters/lake/parquet-lake.ts); the lease only spares duplicate work
 * and the short-lived duplicate objects two compactions at once would leave.
 */
export interface LeaseHolder {
  owner: string;
  acquiredAt: string;
  expiresAt: string;
}

export type LeaseOutcome =
  | { acquired: true; release: () => Promise<void> }
  | { acquired: false; heldBy: LeaseHolder | null };

const parseHolder = (body: Uint8Array | null): LeaseHolder | null => {
  if (!body) return null;
  try {
    const h = JSON.parse(new TextDecoder().decode(body)) as Partial<LeaseHolder>;
    return typeof h.owner === 'string' && typeof h.expiresAt === 'string' && typeof h.acquiredAt === 'string'
      ? (h as LeaseHolder)
      : null;
  } catch {
    return null;
  }
};

export const acquireLease = async (
  store: ObjectStoreWithHead,
  key: string,
  opts: { owner: string; now: string; ttlMs: number },
): Promise<LeaseOutcome> => {
  const holder: LeaseHolder = {
    owner: opts.owner,
    acquiredAt: opts.now,
    expiresAt: new Date(Date.parse(opts.now) + opts.ttlMs).toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const etag = await store.putIfAbsent(key, JSON.stringify(holder), 'application/json');
    if (etag !== null)
      return {
        acquired: true,
        release: async () => {
          await store.deleteVersion(key, etag);
        },
      };
    const current = (await store.listVersions(key)).find((v) => v.key === key);
    if (!current) continue; // released meanwhile: try again
    const held = parseHolder(await store.getVersion(key, current.etag));
    // An unreadable lease is treated as expired: nothing could ever renew it.
    if (held && held.expiresAt > opts.now) return { acquired: false, heldBy: held };
    await store.deleteVersion(key, current.etag);
  }
  return { acquired: false, heldBy: null };
};

/** The nightly compaction on AWS: the given days of every table, under the bucket's lease. */
export const compactUnderLease = async (
  store: ObjectStoreWithHead,
  opts: { prefix?: string; dts: readonly string[]; owner: string; now: string; ttlMs: number },
): Promise<
  { skipped: true; heldBy: LeaseHolder | null } | { skipped: false; reports: CompactionReport[] }
> => {
  const prefix = opts.prefix ?? 'lake';
  const lease = await acquireLease(store, compactionLeaseKey(prefix), opts);
  if (!lease.acquired) return { skipped: true, heldBy: lease.heldBy };
  try {
    const reports = await new ParquetLake(store, prefix).compactAll({ dts: opts.dts, now: opts.now });
    return { skipped: false, reports };
  } finally {
    await lease.release();
  }
};
