import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { StepDeps } from '../core/steps/deps.js';
import { steps } from '../core/steps/index.js';
import { PARTIAL_LOG_MESSAGE, QUARANTINE_LOG_MESSAGE } from '../infra/alarms.js';
import type { TaskName } from '../workflows/tasks.js';

/** JSON log lines (Powertools): service, request id, cold start, and the task's call id. */
export const logger = new Logger({ serviceName: 'debrief' });

/**
 * The log line a task's outcome is counted by (infra/alarms.ts logMetricFilters): a quarantined
 * call (QuarantineCall), a call landed `partial` (WriteResults: an enrichment failed for good).
 */
export const outcomeLogLine = (out: unknown): { message: string; reason?: unknown } | undefined => {
  const o = out as { state?: unknown; reason?: unknown } | null | undefined;
  if (o?.state === 'quarantined') return { message: QUARANTINE_LOG_MESSAGE, reason: o.reason };
  if (o?.state === 'partial') return { message: PARTIAL_LOG_MESSAGE };
  return undefined;
};

/**
 * A workflow task as a Lambda: the step validates its input (zod) and runs with AWS deps. Errors
 * propagate untouched so Step Functions' Retry/Catch match them by `error.name`. Only ids and
 * reasons are logged, never transcript text. A quarantine logs QUARANTINE_LOG_MESSAGE and a
 * partial call PARTIAL_LOG_MESSAGE, which metric filters count for their alarms.
 */
export const taskHandler = (name: TaskName, deps: () => StepDeps) =>
  middy<unknown, unknown>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .before((request) => {
      const event = request.event as { callId?: unknown };
      logger.appendKeys({ task: name, callId: typeof event?.callId === 'string' ? event.callId : undefined });
    })
    .after((request) => {
      const line = outcomeLogLine(request.response);
      if (line) {
        const { message, ...fields } = line;
        logger.warn(message, fields);
      }
    })
    .onError((request) => {
      logger.error('task failed', { errorName: request.error?.name, errorMessage: request.error?.message });
    })
    .handler((event) => steps[name](event, deps()));
