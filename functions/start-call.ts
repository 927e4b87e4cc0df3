import { SFNClient } from '@aws-sdk/client-sfn';
import middy from '@middy/core';
import { startCallExecution } from '../adapters/aws/sfn-execution-starter.js';
import { decideOnObjectCreated } from '../core/trigger.js';
import { S3ObjectCreatedEvent } from '../schemas/events.js';
import { config } from './config.js';
import { logger } from './task-handler.js';

let client: SFNClient | undefined;

/** EventBridge (S3 Object Created under inbox/) -> one post-call execution per call. */
export const handler = middy<unknown, unknown>().handler(async (event) => {
  const decision = decideOnObjectCreated(S3ObjectCreatedEvent.parse(event));
  if (!decision.start) return logger.info('ignored', { reason: decision.reason });
  client ??= new SFNClient({ region: config().AWS_REGION });
  const arn = config().DEBRIEF_STATE_MACHINE_ARN;
  if (!arn) throw new Error('DEBRIEF_STATE_MACHINE_ARN is not configured');
  const outcome = await startCallExecution(client, arn, decision.executionName, decision.input);
  logger.info(outcome.started ? 'started' : 'duplicate event: execution already exists', {
    callId: decision.input.callId,
  });
  return outcome;
});
