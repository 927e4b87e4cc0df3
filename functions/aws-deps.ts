import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { createBedrockSummarizer } from '../adapters/aws/bedrock-summarizer.js';
import { createComprehendToxicityDetector } from '../adapters/aws/comprehend-toxicity.js';
import { S3ObjectStore } from '../adapters/aws/s3-object-store.js';
import { createSageMakerTopicClassifier } from '../adapters/aws/sagemaker-topics.js';
import { ParquetLake } from '../adapters/lake/parquet-lake.js';
import { loadTaxonomy } from '../adapters/local/topics/taxonomy-file.js';
import { once } from '../core/once.js';
import type { StepDeps } from '../core/steps/deps.js';
import { postProcessors } from '../post-processors/index.js';
import { config } from './config.js';

let deps: StepDeps | undefined;

/** Production dependencies, created once per cold start (never at import time). */
export const awsDeps = (): StepDeps => {
  if (deps) return deps;
  const c = config();
  const region = { region: c.AWS_REGION };
  // The AI adapters retry transient errors themselves (and the workflow retries the task), so
  // the SDK makes one attempt; timeouts bound a hung model or endpoint.
  const aiClient = (requestTimeout: number) => ({
    ...region,
    maxAttempts: 1,
    requestHandler: { requestTimeout },
  });
  const store = new S3ObjectStore(new S3Client(region), c.DEBRIEF_BUCKET, c.DEBRIEF_KMS_KEY_ID);
  deps = {
    store,
    lake: new ParquetLake(store, 'lake'),
    now: () => new Date().toISOString(),
    prefixes: { work: 'work', results: 'results', quarantine: 'quarantine' },
    postProcessors,
    aniHashKey: c.DEBRIEF_ANI_HASH_KEY,
    enrichers: once(async () => ({
      topics: createSageMakerTopicClassifier({
        client: new SageMakerRuntimeClient(aiClient(65_000)),
        endpointName: c.DEBRIEF_TOPICS_ENDPOINT,
      }),
      summarizer: createBedrockSummarizer({
        client: new BedrockRuntimeClient(aiClient(120_000)),
        modelId: c.DEBRIEF_SUMMARY_MODEL_ID,
      }),
      toxicity: createComprehendToxicityDetector({ client: new ComprehendClient(aiClient(15_000)) }),
      taxonomy: await loadTaxonomy(),
      toxicityThreshold: c.DEBRIEF_TOXICITY_THRESHOLD,
    })),
  };
  return deps;
};
