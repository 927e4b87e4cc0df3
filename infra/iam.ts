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
    case 'detect-toxic-content':
      // DetectToxicContent has no resource-level permissions.
      return [{ Effect: 'Allow', Action: ['comprehend:DetectToxicContent'], Resource: ['*'] }];
  }
};

/** Least-privilege policy document for one function: only its prefixes, only its verbs. */
export const policyFor = (fn: FunctionSpec, arns: Arns) => {
  const statements = fn.access.flatMap((a) => statementsFor(a, arns));
  const touchesS3 = fn.access.some(
    (a) => a.startsWith('read-') || a.startsWith('write-') || a === 'compact-lake',
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
