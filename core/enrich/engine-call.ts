import pRetry from 'p-retry';
import { DebriefError, EngineError, errorMessage, errorName, ThrottledError } from '../errors.js';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, minTimeoutMs: 250, maxTimeoutMs: 4_000 };

export interface EngineCallOptions {
  /** Error names (SDK exception names) that are worth another attempt. */
  transientErrors: readonly string[];
  retry?: RetryPolicy;
  /**
   * The error to throw once the retries are spent (or the error is not transient), given how many
   * tries were made; undefined keeps the default translation below. An adapter whose errors are
   * not all throttling (a chat server's 5xx, a server that is down) names them here.
   */
  giveUp?: (error: unknown, tries: number) => DebriefError | undefined;
}

/**
 * Calls an AI service with retries on its transient errors, then translates whatever is left
 * into the workflow's error contract: still transient -> ThrottledError (the ASL retries it
 * later), anything else -> EngineError (the part degrades to `failed`).
 */
export const callEngine = async <T>(
  engine: string,
  run: () => Promise<T>,
  options: EngineCallOptions,
): Promise<T> => {
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const transient = new Set(options.transientErrors);
  let tries = 0;
  try {
    return await pRetry(
      () => {
        tries += 1;
        return run();
      },
      {
        retries: policy.retries,
        minTimeout: policy.minTimeoutMs,
        maxTimeout: policy.maxTimeoutMs,
        randomize: true,
        shouldRetry: ({ error }) => transient.has(error.name),
      },
    );
  } catch (error) {
    if (error instanceof DebriefError) throw error;
    const named = options.giveUp?.(error, tries);
    if (named !== undefined) throw named;
    const name = errorName(error);
    const detail = `${name}: ${errorMessage(error)}`;
    if (transient.has(name)) throw new ThrottledError(`${engine}: ${detail}`);
    throw new EngineError(engine, detail);
  }
};
