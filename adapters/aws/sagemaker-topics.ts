import { InvokeEndpointCommand, type SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { callEngine, type RetryPolicy } from '../../core/enrich/engine-call.js';
import { EngineError } from '../../core/errors.js';
import {
  type TopicClassifier,
  type ZeroShotRequest,
  ZeroShotResponse,
} from '../../core/ports/topic-classifier.js';
import type { LineageEntry } from '../../schemas/call-document.js';

const ENGINE = 'sagemaker';

/** Worth another attempt; `TimeoutError` is our own abort when the endpoint is too slow. */
const TRANSIENT = [
  'ThrottlingException',
  'ServiceUnavailable',
  'InternalFailure',
  'InternalDependencyException',
  'ModelNotReadyException',
  'TimeoutError',
  'AbortError',
] as const;

export interface SageMakerTopicClassifierOptions {
  /** Configure SDK retries and socket timeouts on the client (maxAttempts, requestHandler). */
  client: SageMakerRuntimeClient;
  endpointName: string;
  /** What the endpoint serves (e.g. a Hugging Face model id + revision), recorded in lineage. */
  modelVersion?: string;
  /** Abort one invocation after this long; the container itself must answer within 60 s. */
  timeoutMs?: number;
  retry?: RetryPolicy;
}

/** Hugging Face containers answer a single input with an object, some versions with [object]. */
const unwrap = (body: unknown): unknown => (Array.isArray(body) && body.length === 1 ? body[0] : body);

export const createSageMakerTopicClassifier = (options: SageMakerTopicClassifierOptions): TopicClassifier => {
  const timeoutMs = options.timeoutMs ?? 65_000;
  const lineage: LineageEntry = {
    engine: ENGINE,
    version: options.modelVersion ?? 'unversioned',
    model: options.endpointName,
    promptHash: null,
    note: null,
  };

  const classify = async (request: ZeroShotRequest): Promise<ZeroShotResponse> => {
    const output = await callEngine(
      ENGINE,
      () =>
        options.client.send(
          new InvokeEndpointCommand({
            EndpointName: options.endpointName,
            ContentType: 'application/json',
            Accept: 'application/json',
            Body: JSON.stringify(request),
          }),
          { abortSignal: AbortSignal.timeout(timeoutMs) },
        ),
      { transientErrors: TRANSIENT, ...(options.retry ? { retry: options.retry } : {}) },
    );
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(output.Body));
    } catch {
      throw new EngineError(ENGINE, `${options.endpointName} answered with a body that is not JSON`);
    }
    const parsed = ZeroShotResponse.safeParse(unwrap(body));
    if (!parsed.success) {
      throw new EngineError(
        ENGINE,
        `${options.endpointName} broke the zero-shot contract: ${parsed.error.message}`,
      );
    }
    return parsed.data;
  };

  return { classify, lineage: () => lineage };
};
