import type { RetryPolicy } from '../../core/enrich/engine-call.js';

/** Every SDK client in tests: a fixed region and fake credentials (no credential chain, no IMDS). */
export const FAKE_AWS_CONFIG = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
} as const;

/** The adapters' own retries, without the waiting. */
export const FAST_RETRY: RetryPolicy = { retries: 2, minTimeoutMs: 0, maxTimeoutMs: 0 };
