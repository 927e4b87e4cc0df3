import { AthenaClient } from '@aws-sdk/client-athena';
import middy from '@middy/core';
import { z } from 'zod';
import { executeAthena } from '../adapters/aws/athena-query.js';
import { config } from './config.js';
import { logger } from './task-handler.js';

/** The deploy passes the views (so their SQL ships with the deploy and a change re-runs this). */
const CreateViewsEvent = z.object({
  views: z.array(z.object({ name: z.string().regex(/^[a-z_][a-z0-9_]*$/), sql: z.string().min(1) })).min(1),
});

/** Deploy-time: CREATE OR REPLACE VIEW for each view, in order, in the stack's workgroup. */
export const handler = middy<unknown, unknown>().handler(async (event) => {
  const { views } = CreateViewsEvent.parse(event);
  const c = config();
  if (!c.DEBRIEF_ATHENA_WORKGROUP || !c.DEBRIEF_GLUE_DATABASE)
    throw new Error('DEBRIEF_ATHENA_WORKGROUP and DEBRIEF_GLUE_DATABASE must be configured');
  const client = new AthenaClient({ region: c.AWS_REGION });
  const target = { workgroup: c.DEBRIEF_ATHENA_WORKGROUP, database: c.DEBRIEF_GLUE_DATABASE };
  for (const view of views) {
    await executeAthena(client, `create or replace view ${view.name} as\n${view.sql}`, target);
    logger.info('view created', { view: view.name });
  }
  return { views: views.map((v) => v.name) };
});
