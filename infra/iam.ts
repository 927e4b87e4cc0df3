import { CALL_STATE_PREFIX } from '../core/call-lease.js';
import { enrichedPrefixOf } from '../core/enriched-document.js';
import { TRANSCRIBE_OUTPUT_PREFIX, UNREDACTED_PREFIX } from '../core/transcription/transcription-plan.js';
import { TASK_NAMES } from '../workflows/tasks.js';
import type { DeployConfig } from './config.js';
import type { Access, FunctionSpec } from './functions.js';

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, unknown>>;
}
export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** Everything a policy names, resolved at deploy time (partition, region and account included). */
export interface Arns {
  partition: string;
  region: string;
  account: string;
  bucketArn: string;
  kmsKeyArn: string;
  stateMachineArn: string;
  aniHashSecretArn: string;
  athenaWorkgroup: string;
  glueDatabase: string;
  /** Where drop events that could not start a call end up (the trigger's on-failure destination). */
  deadLetterQueueArn: string;
  /** `debrief-<stage>`: QuickSight asset ids and other named things start with it. */
  namePrefix: string;
  /** The role Transcribe assumes to read recordings and write its output (transcribeDataAccessPolicy). */
  transcribeDataAccessRoleArn: string;
}

/**
 * Transcribe's batch job and category actions take no resource-level permissions (the Service
 * Authorization Reference lists no resource type for them), so they are granted on "*" — the
 * actions themselves are the least privilege.
 */
const TRANSCRIBE_RESOURCES = ['*'];

/** Lake prefixes and Athena's query results, as object ARNs. */
const objects = (bucketArn: string, prefix: string) => `${bucketArn}/${prefix}/*`;
const listPrefix = (bucketArn: string, prefixes: string[]): PolicyStatement => ({
  Effect: 'Allow',
  Action: ['s3:ListBucket'],
  Resource: [bucketArn],
  Condition: { StringLike: { 's3:prefix': prefixes.map((p) => `${p}/*`) } },
});
export const ATHENA_RESULTS_PREFIX = 'athena-results';
/** Where each call's enriched document is kept (the deployed results prefix is `results`). */
const ENRICHED_PREFIX = enrichedPrefixOf('results');

/** SageMaker endpoint ARNs are lower-case whatever the endpoint name's case. */
export const topicsEndpointArn = (a: Arns, endpoint: string) =>
  `arn:${a.partition}:sagemaker:${a.region}:${a.account}:endpoint/${endpoint.toLowerCase()}`;

/** The geographic prefixes of Bedrock's system-defined cross-region inference profiles. */
const PROFILE_ID = /^(us|eu|apac|us-gov|global|jp|au|ca)\.(.+)$/;
/** An application inference profile's ARN names no model: refused (infra/config.ts). */
export const APPLICATION_PROFILE_ARN = /^arn:aws[a-z-]*:bedrock:[^:]*:[^:]*:application-inference-profile\//;

/**
 * What `bedrock:InvokeModel` (Converse) must be allowed on for a model id: a foundation model in
 * this region; or a cross-region inference profile plus the foundation model in every region
 * the profile may route to ("Prerequisites for inference profiles", Bedrock user guide), whether
 * the profile is given by id (`eu.amazon.nova-lite-v1:0`) or by ARN
 * (`arn:aws:bedrock:<region>:<account>:inference-profile/eu.amazon.nova-lite-v1:0`); or a
 * foundation model's ARN as given. An application inference profile's ARN does not say which
 * model it routes to, so no grant can be derived from it: refused.
 */
export const summaryModelArns = (a: Arns, modelId: string): string[] => {
  if (APPLICATION_PROFILE_ARN.test(modelId))
    throw new Error(
      `${modelId}: an application inference profile's ARN does not name its model, so its Bedrock grant cannot be derived; give the model or inference profile id it was created from`,
    );
  const profileArn = modelId.match(/^arn:(aws[a-z-]*):bedrock:[^:]*:[^:]*:inference-profile\/(.+)$/);
  if (profileArn) {
    const inner = profileArn[2]!.match(PROFILE_ID);
    return inner ? [modelId, `arn:${profileArn[1]}:bedrock:*::foundation-model/${inner[2]}`] : [modelId];
  }
  if (modelId.startsWith('arn:')) return [modelId];
  const profile = modelId.match(PROFILE_ID);
  if (profile)
    return [
      `arn:${a.partition}:bedrock:${a.region}:${a.account}:inference-profile/${modelId}`,
      `arn:${a.partition}:bedrock:*::foundation-model/${profile[2]}`,
    ];
  return [`arn:${a.partition}:bedrock:${a.region}::foundation-model/${modelId}`];
};

/**
 * The InvokeModel statements for the summary model: summaryModelArns' grant, with a
 * cross-region profile's foundation model usable only through that profile (the condition
 * key `bedrock:InferenceProfileArn`, "Prerequisites for inference profiles"): the wildcard
 * region lets the profile route anywhere, not the function call the model directly elsewhere.
 */
export const summaryModelStatements = (a: Arns, modelId: string): PolicyStatement[] => {
  const [first, model, ...rest] = summaryModelArns(a, modelId);
  if (model === undefined || rest.length > 0)
    return [{ Effect: 'Allow', Action: ['bedrock:InvokeModel'], Resource: summaryModelArns(a, modelId) }];
  return [
    { Effect: 'Allow', Action: ['bedrock:InvokeModel'], Resource: [first!] },
    {
      Effect: 'Allow',
      Action: ['bedrock:InvokeModel'],
      Resource: [model],
      Condition: { StringEquals: { 'bedrock:InferenceProfileArn': first } },
    },
  ];
};

const glueArns = (a: Arns) => [
  `arn:${a.partition}:glue:${a.region}:${a.account}:catalog`,
  `arn:${a.partition}:glue:${a.region}:${a.account}:database/${a.glueDatabase}`,
  `arn:${a.partition}:glue:${a.region}:${a.account}:table/${a.glueDatabase}/*`,
];
const workgroupArn = (a: Arns) =>
  `arn:${a.partition}:athena:${a.region}:${a.account}:workgroup/${a.athenaWorkgroup}`;

const statementsFor = (access: Access, a: Arns, config: DeployConfig): PolicyStatement[] => {
  const { bucketArn } = a;
  switch (access) {
    case 'read-inbox':
      return [
        { Effect: 'Allow', Action: ['s3:GetObject'], Resource: [objects(bucketArn, 'inbox')] },
        listPrefix(bucketArn, ['inbox']),
      ];
    case 'read-work':
      return [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [objects(bucketArn, 'work')] }];
    case 'write-work':
      return [{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: [objects(bucketArn, 'work')] }];
    case 'delete-work':
      return [{ Effect: 'Allow', Action: ['s3:DeleteObject'], Resource: [objects(bucketArn, 'work')] }];
    case 'write-results':
      return [{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: [objects(bucketArn, 'results')] }];
    case 'use-enriched-documents':
      // Each call's document from before PostProcess (core/enriched-document.ts): read or deleted
      // by ClaimCall (a missing one is a 404, not a 403: the listing).
      return [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:DeleteObject'],
          Resource: [objects(bucketArn, ENRICHED_PREFIX)],
        },
        listPrefix(bucketArn, [ENRICHED_PREFIX]),
      ];
    case 'store-enriched-documents':
      // Stored by PostProcess, before any processor runs.
      return [{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: [objects(bucketArn, ENRICHED_PREFIX)] }];
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
      return [{ Effect: 'Allow', Action: ['states:StartExecution'], Resource: [a.stateMachineArn] }];
    case 'read-ani-hash-key':
      return [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [a.aniHashSecretArn] }];
    case 'read-genesys-client-secret':
      // Only when the Genesys API is configured (agent and queue names): its client secret, nothing else.
      return config.genesysUsersApi
        ? [
            {
              Effect: 'Allow',
              Action: ['secretsmanager:GetSecretValue'],
              Resource: [config.genesysUsersApi.clientSecretArn],
            },
          ]
        : [];
    case 'invoke-topics-endpoint':
      return config.topicsEndpoint === 'none'
        ? []
        : [
            {
              Effect: 'Allow',
              Action: ['sagemaker:InvokeEndpoint'],
              Resource: [topicsEndpointArn(a, config.topicsEndpoint)],
            },
          ];
    case 'invoke-summary-model':
      return config.summaryModelId === 'none' ? [] : summaryModelStatements(a, config.summaryModelId);
    case 'read-transcripts':
      return [
        { Effect: 'Allow', Action: ['s3:GetObject'], Resource: [objects(bucketArn, 'transcripts')] },
        listPrefix(bucketArn, ['transcripts']),
      ];
    case 'write-transcripts':
      return [{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: [objects(bucketArn, 'transcripts')] }];
    case 'start-transcription':
      return [
        {
          Effect: 'Allow',
          Action: ['transcribe:StartCallAnalyticsJob', 'transcribe:StartTranscriptionJob'],
          Resource: TRANSCRIBE_RESOURCES,
        },
        // Passing the data-access role lets Transcribe queue jobs over the concurrency limit.
        {
          Effect: 'Allow',
          Action: ['iam:PassRole'],
          Resource: [a.transcribeDataAccessRoleArn],
          Condition: { StringEquals: { 'iam:PassedToService': 'transcribe.amazonaws.com' } },
        },
        // OutputEncryptionKMSKeyId: "the role making the request must have permission to use the
        // specified KMS key" (StartCallAnalyticsJob / StartTranscriptionJob API reference);
        // Transcribe's key-management guide names kms:Encrypt.
        { Effect: 'Allow', Action: ['kms:Encrypt'], Resource: [a.kmsKeyArn] },
      ];
    case 'get-transcription':
      return [
        {
          Effect: 'Allow',
          Action: ['transcribe:GetCallAnalyticsJob', 'transcribe:GetTranscriptionJob'],
          Resource: TRANSCRIBE_RESOURCES,
        },
      ];
    case 'collect-transcribe-output':
      // Copy the redacted transcript out of Transcribe's folder, move or delete the unredacted one.
      return [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:DeleteObject'],
          Resource: [objects(bucketArn, TRANSCRIBE_OUTPUT_PREFIX)],
        },
        ...(config.transcription.keepUnredacted
          ? [
              {
                Effect: 'Allow' as const,
                Action: ['s3:PutObject'],
                Resource: [objects(bucketArn, UNREDACTED_PREFIX)],
              },
            ]
          : []),
      ];
    case 'detect-toxic-content':
      // DetectToxicContent has no resource-level permissions.
      return config.toxicityRegion === 'none'
        ? []
        : [{ Effect: 'Allow', Action: ['comprehend:DetectToxicContent'], Resource: ['*'] }];
    case 'compact-lake':
      return [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          Resource: [objects(bucketArn, 'lake')],
        },
        listPrefix(bucketArn, ['lake']),
      ];
    case 'call-leases':
      // One execution per call at a time (core/call-lease.ts): conditional create, read, delete.
      return [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          Resource: [objects(bucketArn, CALL_STATE_PREFIX)],
        },
        listPrefix(bucketArn, [CALL_STATE_PREFIX]),
      ];
    case 'sync-categories':
      return [
        {
          Effect: 'Allow',
          Action: ['transcribe:CreateCallAnalyticsCategory', 'transcribe:UpdateCallAnalyticsCategory'],
          Resource: TRANSCRIBE_RESOURCES,
        },
      ];
    case 'athena-views':
      // CREATE OR REPLACE VIEW: Athena stores each view as a Glue table of the lake database.
      return [
        {
          Effect: 'Allow',
          Action: ['athena:StartQueryExecution', 'athena:GetQueryExecution'],
          Resource: [workgroupArn(a)],
        },
        {
          Effect: 'Allow',
          Action: [
            'glue:GetDatabase',
            'glue:GetTable',
            'glue:GetTables',
            'glue:CreateTable',
            'glue:UpdateTable',
          ],
          Resource: glueArns(a),
        },
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: [objects(bucketArn, ATHENA_RESULTS_PREFIX)],
        },
        { Effect: 'Allow', Action: ['s3:GetBucketLocation'], Resource: [bucketArn] },
        listPrefix(bucketArn, [ATHENA_RESULTS_PREFIX]),
      ];
    case 'quicksight-setup': {
      const qs = (kind: string) =>
        `arn:${a.partition}:quicksight:${a.region}:${a.account}:${kind}/${a.namePrefix}-*`;
      return [
        {
          Effect: 'Allow',
          Action: [
            'quicksight:CreateDataSource',
            'quicksight:UpdateDataSource',
            'quicksight:UpdateDataSourcePermissions',
            'quicksight:PassDataSource',
          ],
          Resource: [qs('datasource')],
        },
        {
          Effect: 'Allow',
          Action: [
            'quicksight:CreateDataSet',
            'quicksight:UpdateDataSet',
            'quicksight:UpdateDataSetPermissions',
            'quicksight:PassDataSet',
          ],
          Resource: [qs('dataset')],
        },
        {
          Effect: 'Allow',
          Action: [
            'quicksight:CreateDashboard',
            'quicksight:UpdateDashboard',
            'quicksight:UpdateDashboardPermissions',
            'quicksight:UpdateDashboardPublishedVersion',
            'quicksight:DescribeDashboard',
          ],
          Resource: [qs('dashboard')],
        },
        // Dataset columns are read from the views' Athena metadata.
        {
          Effect: 'Allow',
          Action: ['athena:GetTableMetadata'],
          Resource: [`arn:${a.partition}:athena:${a.region}:${a.account}:datacatalog/AwsDataCatalog`],
        },
        { Effect: 'Allow', Action: ['glue:GetDatabase', 'glue:GetTable'], Resource: glueArns(a) },
      ];
    }
    case 'send-dead-letter':
      return [{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [a.deadLetterQueueArn] }];
  }
};

const S3_ACCESS: readonly Access[] = [
  'read-inbox',
  'call-leases',
  'read-transcripts',
  'write-transcripts',
  'collect-transcribe-output',
  'read-work',
  'write-work',
  'delete-work',
  'write-results',
  'use-enriched-documents',
  'store-enriched-documents',
  'write-lake',
  'write-quarantine',
  'compact-lake',
  'athena-views',
];

/** Least-privilege policy document for one function: only its prefixes, only its verbs. */
export const policyFor = (fn: FunctionSpec, a: Arns, config: DeployConfig): PolicyDocument => {
  const statements = fn.access.flatMap((x) => statementsFor(x, a, config));
  // The bucket and the ANI secret are encrypted with the stack's key.
  if (fn.access.some((x) => S3_ACCESS.includes(x) || x === 'read-ani-hash-key'))
    statements.push({
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: [a.kmsKeyArn],
    });
  return { Version: '2012-10-17', Statement: statements };
};

/** The state machine may invoke the workflow's task functions and nothing else (not the trigger). */
export const stateMachinePolicy = (taskFunctionArns: Record<string, string>): PolicyDocument => {
  const arns = TASK_NAMES.map((t) => {
    const arn = taskFunctionArns[t];
    if (!arn) throw new Error(`no function ARN for task ${t}`);
    return arn;
  });
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: arns }],
  };
};

/**
 * Read access to the lake through Athena: for analysts (attach the managed policy to their
 * role or group) and for QuickSight's service role. Query results stay in the workgroup's
 * encrypted location.
 */
export const analystPolicy = (a: Arns): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: [
        'athena:StartQueryExecution',
        'athena:GetQueryExecution',
        'athena:GetQueryResults',
        'athena:StopQueryExecution',
        'athena:GetWorkGroup',
      ],
      Resource: [workgroupArn(a)],
    },
    {
      Effect: 'Allow',
      Action: [
        'glue:GetDatabase',
        'glue:GetDatabases',
        'glue:GetTable',
        'glue:GetTables',
        'glue:GetPartitions',
      ],
      Resource: glueArns(a),
    },
    { Effect: 'Allow', Action: ['s3:GetObject'], Resource: [objects(a.bucketArn, 'lake')] },
    {
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
      Resource: [objects(a.bucketArn, ATHENA_RESULTS_PREFIX)],
    },
    { Effect: 'Allow', Action: ['s3:GetBucketLocation'], Resource: [a.bucketArn] },
    listPrefix(a.bucketArn, ['lake', ATHENA_RESULTS_PREFIX]),
    { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: [a.kmsKeyArn] },
  ],
});

/**
 * For whoever drops calls (a Genesys export job, a copy script): write inbox/ only, encrypted.
 * Recordings are large: `aws s3 cp` and the SDKs' upload managers send anything over 8 MB (six
 * minutes of 8 kHz stereo) as a multipart upload, and a multipart upload under SSE-KMS needs
 * kms:Decrypt as well as kms:GenerateDataKey (S3 must read the encrypted parts to complete it:
 * AWS Knowledge Center "s3-large-file-encryption-kms-key"); AbortMultipartUpload lets the client
 * clean up an upload that failed half-way. No read of any object.
 */
export const producerPolicy = (a: Arns): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:AbortMultipartUpload'],
      Resource: [objects(a.bucketArn, 'inbox')],
    },
    { Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: [a.kmsKeyArn] },
  ],
});

/**
 * The role Transcribe assumes (DataAccessRoleArn): read the recordings in `inbox/`, write its
 * output under `transcribe-output/` (transcripts and the redacted audio), with the bucket key.
 * Nothing else: not the lake, not the transcripts the workflow keeps.
 */
export const transcribeDataAccessPolicy = (a: Pick<Arns, 'bucketArn' | 'kmsKeyArn'>): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['s3:GetObject'], Resource: [objects(a.bucketArn, 'inbox')] },
    listPrefix(a.bucketArn, ['inbox', TRANSCRIBE_OUTPUT_PREFIX]),
    { Effect: 'Allow', Action: ['s3:PutObject'], Resource: [objects(a.bucketArn, TRANSCRIBE_OUTPUT_PREFIX)] },
    { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: [a.kmsKeyArn] },
  ],
});

/** Trust policy of the data-access role: only Transcribe, only for this account. */
export const transcribeTrustPolicy = (accountId: string) => ({
  Version: '2012-10-17' as const,
  Statement: [
    {
      Effect: 'Allow' as const,
      Principal: { Service: 'transcribe.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
    },
  ],
});

/** What `debrief forget --aws` deletes: every prefix that holds a call's objects (the lake aside). */
const ERASED_PREFIXES = [
  'inbox',
  'transcripts',
  UNREDACTED_PREFIX,
  TRANSCRIBE_OUTPUT_PREFIX,
  'work',
  'results',
  'quarantine',
  CALL_STATE_PREFIX,
];

/**
 * For whoever erases calls with `debrief forget --aws` (cli/commands/forget-aws.ts): find the
 * CompactLake function and read its environment (the bucket, key and state machine), list the
 * running executions, list and delete a call's objects, read lake/call_status and the call state,
 * write the tombstone into lake/call_status, invoke CompactLake. Attach it to the operator's role
 * for the time of an erasure: it deletes calls.
 */
export const eraserPolicy = (a: Arns, compactLakeFunctionArn: string): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [
    // ListFunctions takes no resource-level permission.
    { Effect: 'Allow', Action: ['lambda:ListFunctions'], Resource: ['*'] },
    {
      Effect: 'Allow',
      Action: ['lambda:GetFunctionConfiguration', 'lambda:InvokeFunction'],
      Resource: [compactLakeFunctionArn],
    },
    { Effect: 'Allow', Action: ['states:ListExecutions'], Resource: [a.stateMachineArn] },
    listPrefix(a.bucketArn, [...ERASED_PREFIXES, 'lake']),
    {
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: [
        objects(a.bucketArn, 'inbox'),
        objects(a.bucketArn, CALL_STATE_PREFIX),
        objects(a.bucketArn, 'lake'),
      ],
    },
    // The tombstone is one write of the call (`c-<call>.…`, adapters/lake/lake-layout.ts): never a
    // status compaction's output, which holds every call's latest status.
    {
      Effect: 'Allow',
      Action: ['s3:PutObject'],
      Resource: [`${a.bucketArn}/lake/call_status/c-*`],
    },
    {
      Effect: 'Allow',
      Action: ['s3:DeleteObject'],
      Resource: ERASED_PREFIXES.map((p) => objects(a.bucketArn, p)),
    },
    { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: [a.kmsKeyArn] },
  ],
});
