import { S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '../adapters/aws/s3-object-store.js';
import { ParquetLake } from '../adapters/lake/parquet-lake.js';
import type { StepDeps } from '../core/steps/deps.js';
import { postProcessors } from '../post-processors/index.js';
import { config } from './config.js';

let deps: StepDeps | undefined;

/** Production dependencies, created once per cold start (never at import time). */
export const awsDeps = (): StepDeps => {
  if (deps) return deps;
  const c = config();
  const store = new S3ObjectStore(
    new S3Client({ region: c.AWS_REGION }),
    c.DEBRIEF_BUCKET,
    c.DEBRIEF_KMS_KEY_ID,
  );
  deps = {
    store,
    lake: new ParquetLake(store, 'lake'),
    now: () => new Date().toISOString(),
    prefixes: { work: 'work', results: 'results', quarantine: 'quarantine' },
    postProcessors,
    aniHashKey: c.DEBRIEF_ANI_HASH_KEY,
  };
  return deps;
};
