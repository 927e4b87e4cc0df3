import { AthenaClient } from '@aws-sdk/client-athena';
import { QuickSightClient } from '@aws-sdk/client-quicksight';
import middy from '@middy/core';
import { z } from 'zod';
import { setUpQuickSight } from '../adapters/aws/quicksight-setup.js';
import { config } from './config.js';
import { logger } from './task-handler.js';

const SetupEvent = z.object({
  accountId: z.string().regex(/^\d{12}$/),
  region: z.string(),
  partition: z.string(),
  namePrefix: z.string().min(1),
  workgroup: z.string().min(1),
  database: z.string().min(1),
  principals: z.array(z.string().startsWith('arn:')).min(1),
  views: z.array(z.string()).min(1),
});

/** Deploy-time (QuickSight on): data source, datasets over the views, the dashboard. */
export const handler = middy<unknown, unknown>().handler(async (event) => {
  const setup = SetupEvent.parse(event);
  const region = { region: config().AWS_REGION };
  const result = await setUpQuickSight(new QuickSightClient(region), new AthenaClient(region), setup);
  logger.info('quicksight ready', { actions: result.actions, dashboard: result.dashboard });
  return result;
});
