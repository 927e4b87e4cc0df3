/**
 * What to do about an AWS SDK error a `--aws` / `--athena` command ended with. The SDK's own
 * message stays the first line ("Could not load credentials from any providers", "User: … is not
 * authorized to perform: states:StartExecution on resource: …"); this adds which error it was (its
 * name, HTTP status and request id, for a support case or CloudTrail) and the next step. Told apart
 * by the error's name and the SDK's `$metadata`, never by importing the SDK: the CLI's error path
 * loads nothing.
 */

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
}

const NO_CREDENTIALS = new Set(['CredentialsProviderError']);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired', 'RequestExpired']);
const REJECTED = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
]);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'Forbidden']);
const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  'StateMachineDoesNotExist',
  'ExecutionDoesNotExist',
  'NoSuchBucket',
  'NoSuchKey',
  'NotFound',
  'EntityNotFoundException',
  'MetadataException',
]);
const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'SlowDown',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
]);
const UNREACHABLE = new Set([
  'ENOTFOUND',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'TimeoutError',
]);

/** The next step for an AWS error, or null when the error is none of the SDK's. */
const nextStep = (name: string, message: string): string | null => {
  if (NO_CREDENTIALS.has(name))
    return 'no AWS credentials were found: set AWS_PROFILE to a profile that has them (after `aws sso login` for an SSO profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';
  if (name === 'Error' && /^Region is missing$/u.test(message))
    return 'no AWS region: pass --region, or set AWS_REGION (or a region in your AWS profile)';
  if (EXPIRED.has(name)) return 'your AWS session has expired: sign in again (`aws sso login`) and rerun';
  if (REJECTED.has(name))
    return 'AWS did not accept these credentials: check AWS_PROFILE / the access key, and that the clock of this machine is right';
  if (DENIED.has(name))
    return 'these credentials may not do this: the message names the action and resource to allow (README, "Deploying to AWS", lists what each command calls)';
  if (NOT_FOUND.has(name))
    return 'not found: is the stage deployed, and are --stage and --region the ones it was deployed with?';
  if (THROTTLED.has(name)) return 'AWS throttled the request: wait a moment and rerun';
  return null;
};

/**
 * The lines to print after the SDK's message (`debrief: …`), or [] for an error that is not an AWS
 * SDK error (every local failure: their messages already say what to do).
 */
export const awsErrorAdvice = (error: unknown): string[] => {
  if (typeof error !== 'object' || error === null) return [];
  const e = error as SdkErrorShape;
  const name = typeof e.name === 'string' ? e.name : '';
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  const meta = e.$metadata;
  // A network failure is AWS's only when the SDK sent the request (its $metadata is on the error):
  // a local server's ECONNREFUSED or an AbortSignal's TimeoutError is no AWS matter.
  const unreachable =
    meta !== undefined && (UNREACHABLE.has(name) || UNREACHABLE.has(code))
      ? 'AWS could not be reached: check the network, a proxy, and --region'
      : null;
  const step = nextStep(name, message) ?? (code !== '' ? nextStep(code, message) : null) ?? unreachable;
  if (step === null && meta === undefined) return [];
  const facts = [
    name !== '' && name !== 'Error' ? name : code,
    typeof meta?.httpStatusCode === 'number' ? `HTTP ${meta.httpStatusCode}` : '',
    typeof meta?.requestId === 'string' && meta.requestId !== '' ? `request id ${meta.requestId}` : '',
  ].filter((f) => f !== '');
  return [...(facts.length > 0 ? [`(${facts.join(', ')})`] : []), ...(step !== null ? [step] : [])];
};
