import type { TranscribeSettings } from '../../adapters/aws/transcribe-transcriber.js';
import type { RetryPolicy } from '../../core/enrich/engine-call.js';

/** Every SDK client in tests: a fixed region and fake credentials (no credential chain, no IMDS). */
export const FAKE_AWS_CONFIG = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
} as const;

/** The adapters' own retries, without the waiting. */
export const FAST_RETRY: RetryPolicy = { retries: 2, minTimeoutMs: 0, maxTimeoutMs: 0 };

/** Transcribe settings of a deployment without a KMS key or summaries (bucket `bucket`). */
export const transcribeSettings = (bucket: string): TranscribeSettings => ({
  bucket,
  dataAccessRoleArn: 'arn:aws:iam::111122223333:role/debrief-transcribe',
  agentChannel: 1,
  languages: ['en-US'],
  redaction: { output: 'redacted' },
  keepUnredacted: false,
  summarize: false,
});
