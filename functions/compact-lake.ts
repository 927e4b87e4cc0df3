import middy from '@middy/core';
import { z } from 'zod';
import { compactUnderLease } from '../adapters/lake/compaction-lease.js';
import { previousUtcDay } from '../core/compaction.js';
import { awsDeps } from './aws-deps.js';
import { logger } from './task-handler.js';

const CompactEvent = z.looseObject({
  dt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  time: z.string().optional(),
});

/** The lease outlives the function's 15-minute limit: a dead holder frees it by then. */
const LEASE_TTL_MS = 16 * 60 * 1000;

/**
 * Nightly (EventBridge schedule): merge yesterday's per-call Parquet objects into one per table,
 * while calls keep landing (safe: see adapters/lake/parquet-lake.ts), one compaction at a time.
 */
export const handler = middy<unknown, unknown>().handler(async (event, context) => {
  const { dt, time } = CompactEvent.parse(event ?? {});
  const day = dt ?? previousUtcDay(time ?? new Date().toISOString());
  const outcome = await compactUnderLease(awsDeps().store, {
    dts: [day],
    owner: context?.awsRequestId ?? 'compact-lake',
    now: new Date().toISOString(),
    ttlMs: LEASE_TTL_MS,
  });
  logger.info(outcome.skipped ? 'another compaction holds the lease' : 'compacted', { dt: day, ...outcome });
  return outcome;
});
