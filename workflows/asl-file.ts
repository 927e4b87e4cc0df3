import { DEFAULT_REPROCESS_CONCURRENCY, DEFAULT_TOLERATED_FAILURE_PERCENTAGE } from '../infra/reprocess.js';
import { postCallDefinition } from './post-call-definition.js';
import { reprocessDefinition } from './reprocess-definition.js';

/** The exact text of workflows/post-call.asl.json. */
export const aslFileText = (): string => `${JSON.stringify(postCallDefinition(), null, 2)}\n`;

/** The exact text of workflows/reprocess.asl.json (with the default concurrency and tolerance). */
export const reprocessAslFileText = (): string =>
  `${JSON.stringify(
    reprocessDefinition({
      maxConcurrency: DEFAULT_REPROCESS_CONCURRENCY,
      toleratedFailurePercentage: DEFAULT_TOLERATED_FAILURE_PERCENTAGE,
    }),
    null,
    2,
  )}\n`;
