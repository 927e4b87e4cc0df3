import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { StepDeps } from '../core/steps/deps.js';
import { steps } from '../core/steps/index.js';
import { QUARANTINE_LOG_MESSAGE } from '../infra/alarms.js';
import type { TaskName } from '../workflows/tasks.js';

/** JSON log lines (Powertools): service, request id, cold start, and the task's call id. */
export const logger = new Logger({ serviceName: 'debrief' });

/**
 * A workflow task as a Lambda: the step validates its input (zod) and runs with AWS deps. Errors
 * propagate untouched so Step Functions' Retry/Catch match them by `error.name`. Only ids and
 * reasons are logged, never transcript text. A quarantine logs QUARANTINE_LOG_MESSAGE, which a
 * metric filter counts for the CallsQuarantined alarm.
 */
export const taskHandler = (name: TaskName, deps: () => StepDeps) =>
  middy<unknown, unknown>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .before((request) => {
      const event = request.event as { callId?: unknown };
      logger.appendKeys({ task: name, callId: typeof event?.callId === 'string' ? event.callId : undefined });
    })
    .after((request) => {
      const out = request.response as { state?: unknown; reason?: unknown } | null;
      if (out?.state === 'quarantined') logger.warn(QUARANTINE_LOG_MESSAGE, { reason: out.reason });
    })
    .onError((request) => {
      logger.error('task failed', { errorName: request.error?.name, errorMessage: request.error?.message });
    })
    .handler((event) => steps[name](event, deps()));
