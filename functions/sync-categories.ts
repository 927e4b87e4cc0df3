import { TranscribeClient } from '@aws-sdk/client-transcribe';
import middy from '@middy/core';
import { syncCategories } from '../adapters/aws/transcribe-categories.js';
import { CategoryConfig } from '../schemas/categories.js';
import { config } from './config.js';
import { logger } from './task-handler.js';

/** Deploy-time: the deploy passes config/categories.json, so a changed file re-runs this. */
export const handler = middy<unknown, unknown>().handler(async (event) => {
  const { categories } = CategoryConfig.parse(event);
  const report = await syncCategories(new TranscribeClient({ region: config().AWS_REGION }), categories);
  logger.info('call categories synced', { ...report });
  return report;
});
