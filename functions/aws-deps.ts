import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type PiiEntityType, TranscribeClient } from '@aws-sdk/client-transcribe';
import { createBedrockSummarizer } from '../adapters/aws/bedrock-summarizer.js';
import { createComprehendToxicityDetector } from '../adapters/aws/comprehend-toxicity.js';
import { S3ObjectStore } from '../adapters/aws/s3-object-store.js';
import { S3RecordingFingerprinter } from '../adapters/aws/s3-recording-fingerprinter.js';
import { createSageMakerTopicClassifier } from '../adapters/aws/sagemaker-topics.js';
import { readSecretString } from '../adapters/aws/secret-string.js';
import { AwsTranscriber } from '../adapters/aws/transcribe-transcriber.js';
import { genesysApiClient } from '../adapters/genesys/client.js';
import { genesysQueuesApiDirectory } from '../adapters/genesys/queues-api.js';
import { genesysUsersApiDirectory } from '../adapters/genesys/users-api.js';
import { ParquetLake } from '../adapters/lake/parquet-lake.js';
import { loadTaxonomy } from '../adapters/local/topics/taxonomy-file.js';
import { storeUsersDirectory } from '../core/agents/store-directory.js';
import { chainDirectories } from '../core/agents/users-export.js';
import { once } from '../core/once.js';
import { storeQueuesDirectory } from '../core/queues/queues-export.js';
import type { StepDeps } from '../core/steps/deps.js';
import { DEFAULT_TIMING } from '../core/transcription/transcription-plan.js';
import { postProcessors } from '../post-processors/index.js';
import { config, fileNameStartOf, genesysApiSettings } from './config.js';

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
  const s3 = new S3Client(region);
  const store = new S3ObjectStore(s3, c.DEBRIEF_BUCKET, c.DEBRIEF_KMS_KEY_ID);
  // Agent and queue names: the exports in the bucket first, then (when configured) the Genesys
  // users and routing APIs, through one client (one token).
  const genesysApi = genesysApiSettings(c);
  const genesys = genesysApi
    ? genesysApiClient({
        apiBase: genesysApi.apiBase,
        clientId: genesysApi.clientId,
        // Read from Secrets Manager on the first lookup, never at import or cold start.
        clientSecret: once(() =>
          readSecretString(new SecretsManagerClient(region), genesysApi.clientSecretArn, 1),
        ),
      })
    : null;
  const agentDirectory = chainDirectories([
    storeUsersDirectory(store, [c.DEBRIEF_GENESYS_USERS_KEY]),
    ...(genesys ? [genesysUsersApiDirectory(genesys)] : []),
  ]);
  const queueDirectory = chainDirectories([
    storeQueuesDirectory(store, [c.DEBRIEF_GENESYS_QUEUES_KEY]),
    ...(genesys ? [genesysQueuesApiDirectory(genesys)] : []),
  ]);
  deps = {
    store,
    lake: new ParquetLake(store, 'lake'),
    now: () => new Date().toISOString(),
    prefixes: { work: 'work', results: 'results', quarantine: 'quarantine' },
    postProcessors,
    aniHashKey: once(() => {
      const secret = c.DEBRIEF_ANI_HASH_SECRET_ARN;
      if (!secret) throw new Error('DEBRIEF_ANI_HASH_SECRET_ARN is not configured');
      return readSecretString(new SecretsManagerClient(region), secret);
    }),
    agentDirectory,
    queueDirectory,
    piiMode: c.DEBRIEF_PII_MODE,
    fileNameStart: fileNameStartOf(c),
    // "none" switches an enrichment off (the call lands processed, the part recorded as off).
    enrichers: once(async () => ({
      topics:
        c.DEBRIEF_TOPICS_ENDPOINT === 'none'
          ? null
          : createSageMakerTopicClassifier({
              client: new SageMakerRuntimeClient(aiClient(65_000)),
              endpointName: c.DEBRIEF_TOPICS_ENDPOINT,
            }),
      summarizer:
        c.DEBRIEF_SUMMARY_MODEL_ID === 'none'
          ? null
          : createBedrockSummarizer({
              client: new BedrockRuntimeClient(aiClient(120_000)),
              modelId: c.DEBRIEF_SUMMARY_MODEL_ID,
            }),
      toxicity:
        c.DEBRIEF_TOXICITY_REGION === 'none'
          ? null
          : createComprehendToxicityDetector({
              client: new ComprehendClient({ ...aiClient(15_000), region: c.DEBRIEF_TOXICITY_REGION }),
            }),
      taxonomy: await loadTaxonomy(),
      toxicityThreshold: c.DEBRIEF_TOXICITY_THRESHOLD,
    })),
    transcriber: once(async () => {
      if (!c.DEBRIEF_TRANSCRIBE_ROLE_ARN)
        throw new Error('DEBRIEF_TRANSCRIBE_ROLE_ARN is not set (deploy creates it)');
      // Throttling is the workflow's to handle (backoff in StartTranscription): one attempt here.
      return new AwsTranscriber(new TranscribeClient({ ...region, maxAttempts: 1 }), store, {
        bucket: c.DEBRIEF_BUCKET,
        dataAccessRoleArn: c.DEBRIEF_TRANSCRIBE_ROLE_ARN,
        kmsKeyId: c.DEBRIEF_KMS_KEY_ID,
        agentChannel: c.DEBRIEF_AGENT_CHANNEL,
        languages: c.DEBRIEF_LANGUAGES,
        redaction:
          c.DEBRIEF_REDACTION_OUTPUT === 'off'
            ? null
            : {
                output: c.DEBRIEF_REDACTION_OUTPUT,
                piiEntityTypes: c.DEBRIEF_PII_ENTITY_TYPES as PiiEntityType[],
              },
        keepUnredacted: c.DEBRIEF_KEEP_UNREDACTED,
        summarize: c.DEBRIEF_TRANSCRIBE_SUMMARY,
      });
    }),
    transcriptionTiming: DEFAULT_TIMING,
    // The same recording under two call names: ClaimCall quarantines the copy before transcription.
    recordings: new S3RecordingFingerprinter(s3, c.DEBRIEF_BUCKET),
  };
  return deps;
};
