import { TRANSCRIBE_OUTPUT_PREFIX, UNREDACTED_PREFIX } from '../core/transcription/transcription-plan.js';
import type { Access, FunctionSpec } from './functions.js';

export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export interface Arns {
  bucketArn: string;
  kmsKeyArn: string;
  stateMachineArn: string;
  /** SageMaker endpoint of the topic model. */
  topicsEndpointArn: string;
  /** Bedrock foundation model or inference profile ARN(s) of the summary model. */
  summaryModelArns: string[];
  /** The role Transcribe assumes to read recordings and write its output (see transcribeDataAccessPolicy). */
  transcribeDataAccessRoleArn: string;
  /** e.g. `arn:aws:transcribe:us-east-1:111122223333` (jobs are named per call). */
  transcribeJobArnPrefix: string;
}

const objects = (bucketArn: string, prefix: string) => `${bucketArn}/${prefix}/*`;

const statementsFor = (access: Access, arns: Arns): PolicyStatement[] => {
  const { bucketArn } = arns;
  switch (access) {
    case 'read-inbox':
      return [
        { Effect: 'Allow', Action: ['s3:GetObject'], Resource: [objects(bucketArn, 'inbox')] },
        {
          Effect: 'Allow',
          Action: ['s3:ListBucket'],
          Resource: [bucketArn],
          Condition: { StringLike: { 's3:prefix': ['inbox/*'] } },
        },
      ];
    case 'read-work':
      return [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [objects(bucketArn, 'work')] }];
    case 'write-work':
      return [{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: [objects(bucketArn, 'work')] }];
    case 'write-results':
      return [{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: [objects(bucketArn, 'results')] }];
    case 'write-lake':
      // Delete: a reprocessed call with no rows for a table removes its old object.
      return [
        {
          Effect: 'Allow',
          Action: ['s3:PutObject', 's3:DeleteObject'],
          Resource: [objects(bucketArn, 'lake')],
        },
      ];
    case 'write-quarantine':
      return [{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: [objects(bucketArn, 'quarantine')] }];
    case 'start-execution':
      return [{ Effect: 'Allow', Action: ['states:StartExecution'], Resource: [arns.stateMachineArn] }];
    case 'invoke-topics-endpoint':
      return [{ Effect: 'Allow', Action: ['sagemaker:InvokeEndpoint'], Resource: [arns.topicsEndpointArn] }];
    case 'invoke-summary-model':
      return [{ Effect: 'Allow', Action: ['bedrock:InvokeModel'], Resource: arns.summaryModelArns }];
    case 'compact-lake':
      return [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          Resource: [objects(bucketArn, 'lake')],
        },
        {
          Effect: 'Allow',
          Action: ['s3:ListBucket'],
          Resource: [bucketArn],
          Condition: { StringLike: { 's3:prefix': ['lake/*'] } },
        },
      ];
    case 'read-transcripts':
      return [
        { Effect: 'Allow', Action: ['s3:GetObject'], Resource: [objects(bucketArn, 'transcripts')] },
        {
          Effect: 'Allow',
          Action: ['s3:ListBucket'],
          Resource: [bucketArn],
          Condition: { StringLike: { 's3:prefix': ['transcripts/*'] } },
        },
      ];
    case 'write-transcripts':
      return [{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: [objects(bucketArn, 'transcripts')] }];
    case 'start-transcription':
      return [
        {
          Effect: 'Allow',
          Action: ['transcribe:StartCallAnalyticsJob', 'transcribe:StartTranscriptionJob'],
          Resource: [
            `${arns.transcribeJobArnPrefix}:analytics/*`,
            `${arns.transcribeJobArnPrefix}:transcription-job/*`,
          ],
        },
        // Passing the data-access role lets Transcribe queue jobs over the concurrency limit.
        {
          Effect: 'Allow',
          Action: ['iam:PassRole'],
          Resource: [arns.transcribeDataAccessRoleArn],
          Condition: { StringEquals: { 'iam:PassedToService': 'transcribe.amazonaws.com' } },
        },
      ];
    case 'get-transcription':
      return [
        {
          Effect: 'Allow',
          Action: ['transcribe:GetCallAnalyticsJob', 'transcribe:GetTranscriptionJob'],
          Resource: [
            `${arns.transcribeJobArnPrefix}:analytics/*`,
            `${arns.transcribeJobArnPrefix}:transcription-job/*`,
          ],
        },
      ];
    case 'collect-transcribe-output':
      return [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:DeleteObject'],
          Resource: [objects(bucketArn, TRANSCRIBE_OUTPUT_PREFIX)],
        },
        { Effect: 'Allow', Action: ['s3:PutObject'], Resource: [objects(bucketArn, UNREDACTED_PREFIX)] },
      ];
    case 'detect-toxic-content':
      // DetectToxicContent has no resource-level permissions.
      return [{ Effect: 'Allow', Action: ['comprehend:DetectToxicContent'], Resource: ['*'] }];
  }
};

/** Least-privilege policy document for one function: only its prefixes, only its verbs. */
export const policyFor = (fn: FunctionSpec, arns: Arns) => {
  const statements = fn.access.flatMap((a) => statementsFor(a, arns));
  const touchesS3 = fn.access.some(
    (a) =>
      a.startsWith('read-') ||
      a.startsWith('write-') ||
      a === 'compact-lake' ||
      a === 'collect-transcribe-output',
  );
  if (touchesS3)
    statements.push({
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: [arns.kmsKeyArn],
    });
  return { Version: '2012-10-17', Statement: statements };
};

/** Bucket policy: TLS only. (Public access is blocked on the bucket itself.) */
export const bucketPolicy = (bucketArn: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ],
});

/**
 * The role Transcribe assumes (DataAccessRoleArn): read the recordings in `inbox/`, write its
 * output under `transcribe-output/` (transcripts and the redacted audio), with the bucket key.
 * Nothing else: not the lake, not the transcripts the workflow keeps.
 */
export const transcribeDataAccessPolicy = (arns: Pick<Arns, 'bucketArn' | 'kmsKeyArn'>) => ({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['s3:GetObject'], Resource: [objects(arns.bucketArn, 'inbox')] },
    {
      Effect: 'Allow',
      Action: ['s3:ListBucket'],
      Resource: [arns.bucketArn],
      Condition: { StringLike: { 's3:prefix': ['inbox/*', `${TRANSCRIBE_OUTPUT_PREFIX}/*`] } },
    },
    {
      Effect: 'Allow',
      Action: ['s3:PutObject'],
      Resource: [objects(arns.bucketArn, TRANSCRIBE_OUTPUT_PREFIX)],
    },
    { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: [arns.kmsKeyArn] },
  ],
});

/** Trust policy of the data-access role: only Transcribe, only from this account. */
export const transcribeTrustPolicy = (accountId: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'transcribe.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
    },
  ],
});
