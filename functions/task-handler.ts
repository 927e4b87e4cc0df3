import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { StepDeps } from '../core/steps/deps.js';
import { steps } from '../core/steps/index.js';
import type { TaskName } from '../workflows/tasks.js';

export const logger = new Logger({ serviceName: 'debrief' });

/**
 * A workflow task as a Lambda: the step validates its input (zod) and runs with AWS deps. Errors
 * propagate untouched so Step Functions' Retry/Catch match them by `error.name`. Only ids are
 * logged, never transcript text.
 */
export const taskHandler = (name: TaskName, deps: () => StepDeps) =>
  middy<unknown, unknown>()
    .before((request) => {
      const event = request.event as { callId?: unknown };
      logger.appendKeys({ task: name, callId: typeof event?.callId === 'string' ? event.callId : undefined });
    })
    .onError((request) => {
      logger.error('task failed', { errorName: request.error?.name, errorMessage: request.error?.message });
    })
    .handler((event) => steps[name](event, deps()));
