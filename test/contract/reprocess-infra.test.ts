import { describe, expect, it } from 'vitest';
import {
  ASSUMED_QUOTAS,
  DEFAULT_REPROCESS_CONCURRENCY,
  reprocessConcurrency,
  reprocessDefaultsFromEnv,
  reprocessPolicy,
} from '../../infra/reprocess.js';

const arns = {
  partition: 'aws',
  region: 'us-east-1',
  account: '111122223333',
  bucketArn: 'arn:aws:s3:::calls',
  kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k',
  postCallStateMachineArn: 'arn:aws:states:us-east-1:111122223333:stateMachine:debrief-dev-post-call',
  reprocessStateMachineArn: 'arn:aws:states:us-east-1:111122223333:stateMachine:debrief-dev-reprocess',
};

describe('the reprocess role (least privilege for a Distributed Map that runs the post-call machine)', () => {
  const doc = reprocessPolicy(arns);
  const allowed = (action: string) =>
    doc.Statement.filter((s) => s.Action.includes(action)).flatMap((s) => s.Resource);

  it('grants exactly these actions, each on exactly its resources', () => {
    expect(doc.Statement.flatMap((s) => s.Action).sort()).toEqual(
      [
        'events:DescribeRule',
        'events:PutRule',
        'events:PutTargets',
        'kms:Decrypt',
        'kms:GenerateDataKey',
        's3:AbortMultipartUpload',
        's3:ListBucket',
        's3:ListMultipartUploadParts',
        's3:PutObject',
        'states:DescribeExecution',
        'states:StartExecution',
        'states:StopExecution',
      ].sort(),
    );
    // Its own map run's children, and the post-call machine; nothing else can be started.
    expect(allowed('states:StartExecution')).toEqual([
      arns.reprocessStateMachineArn,
      arns.postCallStateMachineArn,
    ]);
    expect(allowed('states:DescribeExecution')).toEqual([
      'arn:aws:states:us-east-1:111122223333:execution:debrief-dev-reprocess/*',
      'arn:aws:states:us-east-1:111122223333:execution:debrief-dev-post-call:*',
    ]);
    expect(allowed('states:StopExecution')).toEqual(allowed('states:DescribeExecution'));
    // .sync learns that the post-call execution ended through this managed rule only.
    expect(allowed('events:PutRule')).toEqual([
      'arn:aws:events:us-east-1:111122223333:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule',
    ]);
    expect(allowed('s3:PutObject')).toEqual(['arn:aws:s3:::calls/reprocess-results/*']);
    expect(allowed('kms:GenerateDataKey')).toEqual([arns.kmsKeyArn]);
  });

  it('lists only the call prefixes and reads no object', () => {
    const list = doc.Statement.find((s) => s.Action.includes('s3:ListBucket'));
    expect(list?.Resource).toEqual(['arn:aws:s3:::calls']);
    expect(list?.Condition).toEqual({ StringLike: { 's3:prefix': ['inbox/*', 'transcripts/*'] } });
    expect(JSON.stringify(doc)).not.toMatch(/s3:GetObject|s3:DeleteObject|lambda:|"\*"/);
  });
});

describe('reprocess concurrency from the AI services quotas', () => {
  it('is the smallest bound: share × rate × seconds per call / requests per call', () => {
    const { concurrency, bounds } = reprocessConcurrency(ASSUMED_QUOTAS);
    expect(bounds['Comprehend DetectToxicContent TPS']).toBeCloseTo((0.5 * 10 * 20) / 6);
    expect(bounds['Bedrock requests per minute']).toBeCloseTo((0.5 * (500 / 60) * 20) / 1);
    expect(bounds['Bedrock tokens per minute']).toBeCloseTo((0.5 * (500_000 / 60) * 20) / 2800);
    expect(bounds['SageMaker endpoint requests per second']).toBeCloseTo(0.5 * 20 * 20);
    expect(concurrency).toBe(16);
    expect(DEFAULT_REPROCESS_CONCURRENCY).toBe(16);
  });

  it('follows the tightest quota: a raised toxicity quota moves the bound to Bedrock tokens', () => {
    const raised = reprocessConcurrency({ ...ASSUMED_QUOTAS, toxicityTps: 100 });
    expect(raised.concurrency).toBe(29);
    expect(reprocessConcurrency({ ...ASSUMED_QUOTAS, sagemakerRps: 0 }).bounds).not.toHaveProperty(
      'SageMaker endpoint requests per second',
    );
    expect(reprocessConcurrency({ ...ASSUMED_QUOTAS, toxicityTps: 0.01 }).concurrency).toBe(1);
  });

  it('DEBRIEF_REPROCESS_CONCURRENCY and DEBRIEF_REPROCESS_TOLERATED_FAILURE_PERCENT set the deployed defaults, checked', () => {
    expect(reprocessDefaultsFromEnv({})).toEqual({ maxConcurrency: 16, toleratedFailurePercentage: 5 });
    expect(
      reprocessDefaultsFromEnv({
        DEBRIEF_REPROCESS_CONCURRENCY: '200',
        DEBRIEF_REPROCESS_TOLERATED_FAILURE_PERCENT: '0.5',
      }),
    ).toEqual({ maxConcurrency: 200, toleratedFailurePercentage: 0.5 });
    expect(() => reprocessDefaultsFromEnv({ DEBRIEF_REPROCESS_CONCURRENCY: '0' })).toThrow(
      /DEBRIEF_REPROCESS_CONCURRENCY/,
    );
    expect(() => reprocessDefaultsFromEnv({ DEBRIEF_REPROCESS_CONCURRENCY: 'lots' })).toThrow(
      /DEBRIEF_REPROCESS_CONCURRENCY/,
    );
    expect(() => reprocessDefaultsFromEnv({ DEBRIEF_REPROCESS_TOLERATED_FAILURE_PERCENT: '101' })).toThrow(
      /TOLERATED_FAILURE_PERCENT/,
    );
  });
});
