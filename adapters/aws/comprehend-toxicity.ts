import { type ComprehendClient, DetectToxicContentCommand } from '@aws-sdk/client-comprehend';
import { callEngine, type RetryPolicy } from '../../core/enrich/engine-call.js';
import type {
  ToxicityDetector,
  ToxicityRequest,
  ToxicityResponse,
} from '../../core/ports/toxicity-detector.js';
import type { LineageEntry } from '../../schemas/call-document.js';

const ENGINE = 'comprehend';

const TRANSIENT = [
  'TooManyRequestsException',
  'ThrottlingException',
  'InternalServerException',
  'ServiceUnavailableException',
] as const;

export interface ComprehendToxicityDetectorOptions {
  client: ComprehendClient;
  retry?: RetryPolicy;
}

/**
 * Comprehend DetectToxicContent. The caller (core/enrich/toxicity) sends requests within the
 * service limits; TextSizeLimitExceeded or InvalidRequest therefore mean a bug, not bad luck,
 * and are not retried.
 */
export const createComprehendToxicityDetector = (
  options: ComprehendToxicityDetectorOptions,
): ToxicityDetector => {
  const lineage: LineageEntry = {
    engine: ENGINE,
    version: 'DetectToxicContent',
    model: null,
    promptHash: null,
    note: null,
  };

  const detect = async (request: ToxicityRequest): Promise<ToxicityResponse> => {
    const output = await callEngine(
      ENGINE,
      () =>
        options.client.send(
          new DetectToxicContentCommand({
            TextSegments: request.TextSegments,
            LanguageCode: request.LanguageCode,
          }),
        ),
      { transientErrors: TRANSIENT, ...(options.retry ? { retry: options.retry } : {}) },
    );
    return {
      ResultList: (output.ResultList ?? []).map((result) => ({
        Toxicity: result.Toxicity ?? 0,
        Labels: (result.Labels ?? []).map((label) => ({
          Name: label.Name ?? 'UNKNOWN',
          Score: label.Score ?? 0,
        })),
      })),
    };
  };

  return { detect, lineage: () => lineage };
};
