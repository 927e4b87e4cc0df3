import middy from '@middy/core';
import { z } from 'zod';
import { ParquetLake } from '../adapters/lake/parquet-lake.js';
import { previousUtcDay } from '../core/compaction.js';
import { tableNames, tables } from '../schemas/tables.js';
import { awsDeps } from './aws-deps.js';
import { logger } from './task-handler.js';

const CompactEvent = z.looseObject({
  dt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  time: z.string().optional(),
});

/** Nightly (EventBridge schedule): merge yesterday's per-call Parquet objects into one per table. */
export const handler = middy<unknown, unknown>().handler(async (event) => {
  const { dt, time } = CompactEvent.parse(event ?? {});
  const day = dt ?? previousUtcDay(time ?? new Date().toISOString());
  const lake = new ParquetLake(awsDeps().store, 'lake');
  const results = [];
  for (const table of tableNames) {
    const partition = tables[table].partitionKeys.length > 0 ? day : null;
    results.push({ table, dt: partition, ...(await lake.compact(table, partition)) });
  }
  logger.info('compacted', { dt: day, results });
  return results;
});
