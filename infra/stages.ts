/**
 * What a stage keeps when it is removed (`sst remove --stage <stage>`, or a resource dropped
 * from sst.config.ts), as plain data that sst.config.ts applies and the tests read.
 *
 * SST's `removal: 'retain'` keeps only its own list of stateful types (buckets, tables,
 * databases: `addTransformationToRetainResourcesOnDelete` in .sst/platform/src/auto/run.ts), so
 * on its own it would delete the KMS key the kept bucket's objects are encrypted with (every
 * kept recording unreadable once the key's deletion wait ends) and the ANI hash secret (a
 * redeploy generates a new value: new hashes no longer match the kept lake's). Nor would it
 * keep the bucket's settings, separate resources: its SSE-KMS default encryption (new objects
 * fall back to SSE-S3), its Block Public Access, its TLS-only policy and its lifecycle rules
 * (retention stops). A protected stage keeps all of these as well, with Pulumi's
 * `retainOnDelete`.
 */
export const PROTECTED_STAGES: readonly string[] = ['production', 'prod'];

export interface StageRemoval {
  /** SST's app-wide removal policy (`app().removal`). */
  removal: 'retain' | 'remove';
  /** The KMS key of the bucket, the secret and Athena's results stays (retainOnDelete). */
  keepKey: boolean;
  /**
   * The key's alias goes even on a protected stage: alias names are unique per account and
   * region, and a kept one would stop the next deploy of the stage. The kept bucket's
   * encryption configuration names the key.
   */
  keepKeyAlias: boolean;
  /**
   * The kept bucket keeps its default encryption (the key), Block Public Access, TLS-only
   * policy and lifecycle rules (retainOnDelete). Its EventBridge notification goes (nothing
   * listens once the stack is gone).
   */
  keepBucketSettings: boolean;
  /** The ANI hash secret (and its value) stays (retainOnDelete). */
  keepAniHashSecret: boolean;
  /** S3 deletes a non-empty bucket only with forceDestroy. */
  bucketForceDestroy: boolean;
  /** Athena deletes a workgroup with saved queries only with forceDestroy. */
  workgroupForceDestroy: boolean;
  /** Days Secrets Manager waits before a deleted secret is gone (0: at once). */
  secretRecoveryWindowDays: number;
}

export const isProtectedStage = (stage: string): boolean => PROTECTED_STAGES.includes(stage);

export const stageRemoval = (stage: string): StageRemoval => {
  const keep = isProtectedStage(stage);
  return {
    removal: keep ? 'retain' : 'remove',
    keepKey: keep,
    keepKeyAlias: false,
    keepBucketSettings: keep,
    keepAniHashSecret: keep,
    bucketForceDestroy: !keep,
    workgroupForceDestroy: !keep,
    secretRecoveryWindowDays: keep ? 30 : 0,
  };
};
