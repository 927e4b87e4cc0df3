import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetTableMetadataCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { ComprehendClient, DetectToxicContentCommand } from '@aws-sdk/client-comprehend';
import {
  CreateDashboardCommand,
  CreateDataSetCommand,
  CreateDataSourceCommand,
  QuickSightClient,
  UpdateDashboardCommand,
  UpdateDashboardPermissionsCommand,
  UpdateDashboardPublishedVersionCommand,
  UpdateDataSetCommand,
  UpdateDataSetPermissionsCommand,
  UpdateDataSourceCommand,
  UpdateDataSourcePermissionsCommand,
} from '@aws-sdk/client-quicksight';
import { S3Client } from '@aws-sdk/client-s3';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import {
  CreateCallAnalyticsCategoryCommand,
  GetCallAnalyticsJobCommand,
  GetTranscriptionJobCommand,
  StartCallAnalyticsJobCommand,
  type StartCallAnalyticsJobCommandInput,
  StartTranscriptionJobCommand,
  TranscribeClient,
  UpdateCallAnalyticsCategoryCommand,
} from '@aws-sdk/client-transcribe';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUMMARY_TOOL_NAME } from '../../adapters/aws/bedrock-summarizer.js';
import { TOXICITY_LABELS } from '../../core/ports/toxicity-detector.js';
import type { PostProcessor } from '../../core/post-processor.js';
import { steps } from '../../core/steps/index.js';
import { dashboardViewSql } from '../../dashboards/view-files.js';
import { deployConfigFromEnv, lambdaEnvironment } from '../../infra/config.js';
import { functionSpecs } from '../../infra/functions.js';
import { athenaViews } from '../../infra/glue.js';
import {
  type Arns,
  ATHENA_RESULTS_PREFIX,
  policyFor,
  producerPolicy,
  transcribeDataAccessPolicy,
} from '../../infra/iam.js';
import { LocalWorkflowRunner } from '../../workflows/local-runner.js';
import { TASK_NAMES } from '../../workflows/tasks.js';
import { missing, type Need } from '../helpers/iam-eval.js';
import { COPY_QUARANTINE_STATES } from '../helpers/local-runtime.js';
import { REPO } from '../helpers/paths.js';
import { type BucketModel, type BucketRequest, mockBucket } from '../helpers/s3-bucket.js';
import { transcribeTurn } from '../helpers/simulated-transcribe.js';

/**
 * Every request each Lambda makes, checked against the policy deploy gives it. The real
 * production wiring (functions/aws-deps.ts: S3ObjectStore, ParquetLake over S3, AwsTranscriber,
 * the Bedrock, Comprehend and SageMaker adapters, Secrets Manager) runs the committed ASL
 * in-process over SDK clients answered by aws-sdk-client-mock; each request is recorded with
 * the function that made it and turned into the permissions IAM and S3 evaluate for it
 * (S3: a GetObject/HeadObject of a key that does not exist answers 404 only to a caller with
 * s3:ListBucket, otherwise 403 AccessDenied — GetObject/HeadObject API reference, "Permissions").
 * A missing permission here is an outage in production that no other test would show.
 */

const REGION = 'us-east-1';
const ACCOUNT = '111122223333';
const BUCKET = 'debrief-calls';
const arns: Arns = {
  partition: 'aws',
  region: REGION,
  account: ACCOUNT,
  bucketArn: `arn:aws:s3:::${BUCKET}`,
  kmsKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/0f1e2d3c-aaaa-bbbb-cccc-000000000001`,
  stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:debrief-dev-post-call`,
  aniHashSecretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:debrief-dev/ani-hash-key-AbCdEf`,
  athenaWorkgroup: 'debrief-dev',
  glueDatabase: 'debrief_dev',
  deadLetterQueueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:debrief-dev-dlq`,
  namePrefix: 'debrief-dev',
  transcribeDataAccessRoleArn: `arn:aws:iam::${ACCOUNT}:role/debrief-dev-TranscribeAccess`,
};
/**
 * Every enrichment on (a SageMaker endpoint, a cross-region inference profile, toxicity here),
 * and QuickSight on, so that SetupQuickSight is deployed and checked too.
 */
const QUICKSIGHT_PRINCIPAL = `arn:aws:quicksight:${REGION}:${ACCOUNT}:group/default/analysts`;
const config = deployConfigFromEnv({
  DEBRIEF_TOPICS_ENDPOINT: 'Debrief-Topics',
  DEBRIEF_SUMMARY_MODEL_ID: 'us.amazon.nova-lite-v1:0',
  DEBRIEF_QUICKSIGHT_PRINCIPALS: QUICKSIGHT_PRINCIPAL,
});
const TRANSCRIBE_ROLE = 'TranscribeDataAccess';

const who = new AsyncLocalStorage<string>();
const needs = new Map<string, Need[]>();
const need = (n: Need, principal = who.getStore() ?? 'outside any function') =>
  needs.set(principal, [...(needs.get(principal) ?? []), n]);

const objectArn = (key: string) => `${arns.bucketArn}/${key}`;
const kms = (action: string, why: string): Need => ({ action, resource: arns.kmsKeyArn, why });

/** What S3 checks for each request the bucket sees (SSE-KMS bucket: every object is under the key). */
const s3Needs = ({ command, input, found }: BucketRequest): Need[] => {
  const key = String(input.Key ?? '');
  const absentNeedsList = (action: string): Need[] =>
    found
      ? [kms('kms:Decrypt', `${action} ${key}`)]
      : [
          {
            action: 's3:ListBucket',
            resource: arns.bucketArn,
            context: { 's3:prefix': key },
            why: `${action} of absent ${key}: 404 instead of 403`,
          },
        ];
  switch (command) {
    case 'GetObject':
    case 'HeadObject':
      return [
        { action: 's3:GetObject', resource: objectArn(key), why: `${command} ${key}` },
        ...absentNeedsList(command),
        // HeadObject API reference, ChecksumMode: the checksum of an object encrypted with a KMS
        // key is returned only to a caller allowed kms:Decrypt (the recording's fingerprint).
        ...(input.ChecksumMode === 'ENABLED' && found
          ? [kms('kms:Decrypt', `${command} ${key} with ChecksumMode ENABLED`)]
          : []),
      ];
    case 'PutObject':
      return [
        { action: 's3:PutObject', resource: objectArn(key), why: `PutObject ${key}` },
        kms('kms:GenerateDataKey', `PutObject ${key}`),
      ];
    case 'DeleteObject':
      return [{ action: 's3:DeleteObject', resource: objectArn(key), why: `DeleteObject ${key}` }];
    case 'CopyObject': {
      const source = decodeURIComponent(String(input.CopySource).slice(BUCKET.length + 1));
      return [
        { action: 's3:GetObject', resource: objectArn(source), why: `CopyObject from ${source}` },
        { action: 's3:PutObject', resource: objectArn(key), why: `CopyObject to ${key}` },
        kms('kms:Decrypt', `CopyObject from ${source}`),
        kms('kms:GenerateDataKey', `CopyObject to ${key}`),
      ];
    }
    case 'ListObjectsV2':
      return [
        {
          action: 's3:ListBucket',
          resource: arns.bucketArn,
          context: { 's3:prefix': String(input.Prefix ?? '') },
          why: `ListObjectsV2 ${String(input.Prefix)}`,
        },
      ];
  }
};

const mocks: { restore(): void }[] = [];
const s3Requests: (BucketRequest & { principal: string })[] = [];
let bucket: BucketModel;
const executions: { name: string; input: string }[] = [];

/** Call Analytics as seen from outside: writes its output (as its data-access role) where asked. */
const mockTranscribe = () => {
  const transcribe = mockClient(TranscribeClient);
  mocks.push(transcribe);
  const jobs = new Map<string, StartCallAnalyticsJobCommandInput>();
  const put = (key: string, body: string | Uint8Array) => {
    need(
      { action: 's3:PutObject', resource: objectArn(key), why: `Transcribe writes ${key}` },
      TRANSCRIBE_ROLE,
    );
    need(kms('kms:GenerateDataKey', `Transcribe writes ${key}`), TRANSCRIBE_ROLE);
    bucket.objects.set(key, {
      body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
      etag: `"t-${key.length}"`,
    });
  };
  transcribe.on(StartCallAnalyticsJobCommand).callsFake((input: StartCallAnalyticsJobCommandInput) => {
    need({ action: 'transcribe:StartCallAnalyticsJob', resource: '*', why: 'StartCallAnalyticsJob' });
    if (input.DataAccessRoleArn)
      need({
        action: 'iam:PassRole',
        resource: input.DataAccessRoleArn,
        context: { 'iam:PassedToService': 'transcribe.amazonaws.com' },
        why: 'DataAccessRoleArn',
      });
    // "the role making the request must have permission to use the specified KMS key"
    // (StartCallAnalyticsJob, OutputEncryptionKMSKeyId); the console guide names kms:Encrypt.
    if (input.OutputEncryptionKMSKeyId) need(kms('kms:Encrypt', 'OutputEncryptionKMSKeyId'));
    const name = input.CallAnalyticsJobName!;
    jobs.set(name, input);
    const media = (input.Media?.RedactedMediaFileUri ?? input.Media?.MediaFileUri)!.replace(
      `s3://${BUCKET}/`,
      '',
    );
    need(
      { action: 's3:GetObject', resource: objectArn(media), why: `Transcribe reads ${media}` },
      TRANSCRIBE_ROLE,
    );
    need(kms('kms:Decrypt', `Transcribe reads ${media}`), TRANSCRIBE_ROLE);
    const prefix = input.OutputLocation!.replace(`s3://${BUCKET}/`, '');
    const turn = (role: string, begin: number, content: string) =>
      transcribeTurn(role, begin, content, { lengthMs: 1800, confidence: 0.98 });
    // A recording with no speech: Transcribe completes with no turns (LoadCall quarantines it).
    const silent = name.startsWith('silent-call');
    const document = (output: string) =>
      JSON.stringify({
        JobName: name,
        JobStatus: 'COMPLETED',
        LanguageCode: 'en-US',
        Channel: 'VOICE',
        ContentMetadata: { Output: output, ...(output === 'Redacted' ? { RedactionTypes: ['PII'] } : {}) },
        Transcript: silent
          ? []
          : [
              turn('AGENT', 1000, 'thank you for calling how can I help'),
              turn('CUSTOMER', 4000, 'I have a question about my bill'),
              turn('AGENT', 8000, 'I can help with that today'),
            ],
      });
    put(`${prefix}redacted-analytics/${name}.json`, document('Redacted'));
    if (input.Settings?.ContentRedaction?.RedactionOutput === 'redacted_and_unredacted')
      put(`${prefix}analytics/${name}.json`, document('Raw'));
    if (input.Media?.RedactedMediaFileUri) put(`${prefix}redacted-media/${name}.wav`, 'RIFF');
    return { CallAnalyticsJob: { CallAnalyticsJobName: name, CallAnalyticsJobStatus: 'IN_PROGRESS' } };
  });
  transcribe.on(GetCallAnalyticsJobCommand).callsFake(({ CallAnalyticsJobName: name }) => {
    need({ action: 'transcribe:GetCallAnalyticsJob', resource: '*', why: 'GetCallAnalyticsJob' });
    const job = jobs.get(name);
    const prefix = job!.OutputLocation!.replace(
      `s3://${BUCKET}/`,
      `https://s3.${REGION}.amazonaws.com/${BUCKET}/`,
    );
    return {
      CallAnalyticsJob: {
        CallAnalyticsJobName: name,
        CallAnalyticsJobStatus: 'COMPLETED',
        Transcript: {
          RedactedTranscriptFileUri: `${prefix}redacted-analytics/${name}.json`,
          ...(job!.Settings?.ContentRedaction?.RedactionOutput === 'redacted_and_unredacted'
            ? { TranscriptFileUri: `${prefix}analytics/${name}.json` }
            : {}),
        },
        ...(job!.Media?.RedactedMediaFileUri
          ? { Media: { RedactedMediaFileUri: `${prefix}redacted-media/${name}.wav` } }
          : {}),
      },
    };
  });
  // SyncCategories: create, or (the category exists: a later deploy) update. Account-wide: '*'.
  const categories = new Set<string>();
  transcribe.on(CreateCallAnalyticsCategoryCommand).callsFake(({ CategoryName }) => {
    need({ action: 'transcribe:CreateCallAnalyticsCategory', resource: '*', why: `create ${CategoryName}` });
    if (categories.has(CategoryName))
      throw Object.assign(new Error(`${CategoryName} exists`), { name: 'ConflictException' });
    categories.add(CategoryName);
    return { CategoryProperties: { CategoryName } };
  });
  transcribe.on(UpdateCallAnalyticsCategoryCommand).callsFake(({ CategoryName }) => {
    need({ action: 'transcribe:UpdateCallAnalyticsCategory', resource: '*', why: `update ${CategoryName}` });
    return { CategoryProperties: { CategoryName } };
  });
  transcribe.on(StartTranscriptionJobCommand).rejects(new Error('this test drops stereo recordings only'));
  transcribe.on(GetTranscriptionJobCommand).rejects(new Error('this test drops stereo recordings only'));
};

const glueArn = (resource: string) => `arn:aws:glue:${REGION}:${ACCOUNT}:${resource}`;
/** What Glue checks when Athena reads or writes a table for the caller: catalog, database, table. */
const glueNeeds = (actions: string[], database: string, table: string, why: string) => {
  for (const action of actions)
    for (const resource of [
      glueArn('catalog'),
      glueArn(`database/${database}`),
      glueArn(`table/${database}/${table}`),
    ])
      need({ action, resource, why });
};

/**
 * Athena runs a query with the caller's rights: the workgroup, Glue for the tables a statement
 * reads or (a view is a Glue table) writes, and S3 and the key for the result it writes to the
 * workgroup's output location (the stack's `athena-results/`).
 */
const mockAthena = () => {
  const athena = mockClient(AthenaClient);
  mocks.push(athena);
  const workgroups = new Map<string, string>();
  const views = new Set<string>();
  athena.on(StartQueryExecutionCommand).callsFake(({ QueryString, WorkGroup, QueryExecutionContext }) => {
    const workgroup = `arn:aws:athena:${REGION}:${ACCOUNT}:workgroup/${WorkGroup}`;
    need({ action: 'athena:StartQueryExecution', resource: workgroup, why: 'StartQueryExecution' });
    const id = `q-${workgroups.size + 1}`;
    workgroups.set(id, workgroup);
    const view = /^create or replace view ([a-z0-9_]+)/i.exec(String(QueryString))?.[1];
    if (view) {
      const database = String(QueryExecutionContext?.Database);
      glueNeeds(['glue:GetDatabase', 'glue:GetTable'], database, view, `create or replace view ${view}`);
      // A view that exists is replaced (UpdateTable); a new one is created (CreateTable).
      glueNeeds([views.has(view) ? 'glue:UpdateTable' : 'glue:CreateTable'], database, view, `view ${view}`);
      views.add(view);
    }
    const result = `${ATHENA_RESULTS_PREFIX}/${id}.txt`;
    need({ action: 's3:GetBucketLocation', resource: arns.bucketArn, why: 'the results location' });
    need({ action: 's3:PutObject', resource: objectArn(result), why: `Athena writes ${result}` });
    need(kms('kms:GenerateDataKey', `Athena writes ${result} (SSE-KMS workgroup)`));
    return { QueryExecutionId: id };
  });
  athena.on(GetQueryExecutionCommand).callsFake(({ QueryExecutionId }) => {
    const workgroup = workgroups.get(String(QueryExecutionId))!;
    need({ action: 'athena:GetQueryExecution', resource: workgroup, why: 'GetQueryExecution' });
    return { QueryExecution: { QueryExecutionId, Status: { State: 'SUCCEEDED' } } };
  });
  athena.on(GetTableMetadataCommand).callsFake(({ CatalogName, DatabaseName, TableName }) => {
    need({
      action: 'athena:GetTableMetadata',
      resource: `arn:aws:athena:${REGION}:${ACCOUNT}:datacatalog/${CatalogName}`,
      why: `GetTableMetadata ${TableName}`,
    });
    glueNeeds(
      ['glue:GetDatabase', 'glue:GetTable'],
      String(DatabaseName),
      String(TableName),
      `columns of ${TableName}`,
    );
    return {
      TableMetadata: {
        Name: TableName,
        Columns: [
          { Name: 'day', Type: 'string' },
          { Name: 'calls', Type: 'bigint' },
        ],
      },
    };
  });
};

/**
 * QuickSight's set-up: each asset created, or on a later deploy (it exists) updated and granted
 * again. A dataset over a data source needs quicksight:PassDataSource on it, a dashboard over
 * datasets quicksight:PassDataSet on each (QuickSight's IAM reference).
 */
const mockQuickSight = () => {
  const quicksight = mockClient(QuickSightClient);
  mocks.push(quicksight);
  const qsArn = (kind: string, id: unknown) =>
    `arn:aws:quicksight:${REGION}:${ACCOUNT}:${kind}/${String(id)}`;
  const existing = new Set<string>();
  const passes = (input: object, kind: 'datasource' | 'dataset', action: string) => {
    for (const arn of new Set(
      JSON.stringify(input).match(new RegExp(`arn:aws:quicksight:[^"]+:${kind}/[^"]+`, 'g')),
    ))
      need({ action, resource: arn, why: `uses ${arn}` });
  };
  const asset = (command: unknown, action: string, kind: string, idField: string, create: boolean) =>
    quicksight.on(command as never).callsFake((input: Record<string, unknown>) => {
      const resource = qsArn(kind, input[idField]);
      need({ action: `quicksight:${action}`, resource, why: `${action} ${String(input[idField])}` });
      if (kind === 'dataset' && action.endsWith('DataSet'))
        passes(input, 'datasource', 'quicksight:PassDataSource');
      if (kind === 'dashboard' && action.endsWith('Dashboard'))
        passes(input, 'dataset', 'quicksight:PassDataSet');
      if (create) {
        if (existing.has(resource))
          throw Object.assign(new Error(`${resource} exists`), { name: 'ResourceExistsException' });
        existing.add(resource);
      }
      return action === 'UpdateDashboard' ? { VersionArn: `${resource}/version/2` } : {};
    });
  asset(CreateDataSourceCommand, 'CreateDataSource', 'datasource', 'DataSourceId', true);
  asset(UpdateDataSourceCommand, 'UpdateDataSource', 'datasource', 'DataSourceId', false);
  asset(
    UpdateDataSourcePermissionsCommand,
    'UpdateDataSourcePermissions',
    'datasource',
    'DataSourceId',
    false,
  );
  asset(CreateDataSetCommand, 'CreateDataSet', 'dataset', 'DataSetId', true);
  asset(UpdateDataSetCommand, 'UpdateDataSet', 'dataset', 'DataSetId', false);
  asset(UpdateDataSetPermissionsCommand, 'UpdateDataSetPermissions', 'dataset', 'DataSetId', false);
  asset(CreateDashboardCommand, 'CreateDashboard', 'dashboard', 'DashboardId', true);
  asset(UpdateDashboardCommand, 'UpdateDashboard', 'dashboard', 'DashboardId', false);
  asset(
    UpdateDashboardPublishedVersionCommand,
    'UpdateDashboardPublishedVersion',
    'dashboard',
    'DashboardId',
    false,
  );
  asset(UpdateDashboardPermissionsCommand, 'UpdateDashboardPermissions', 'dashboard', 'DashboardId', false);
};

const mockServices = () => {
  const s3 = mockClient(S3Client);
  mocks.push(s3);
  bucket = mockBucket(s3, 1000, (request) => {
    for (const n of s3Needs(request)) need(n);
    s3Requests.push({ principal: who.getStore() ?? 'outside any function', ...request });
  });

  const secrets = mockClient(SecretsManagerClient);
  mocks.push(secrets);
  secrets.on(GetSecretValueCommand).callsFake(({ SecretId }) => {
    need({ action: 'secretsmanager:GetSecretValue', resource: SecretId, why: 'GetSecretValue' });
    need(kms('kms:Decrypt', 'the secret is encrypted with the stack key'));
    return { SecretString: 'k'.repeat(48) };
  });

  const bedrock = mockClient(BedrockRuntimeClient);
  mocks.push(bedrock);
  bedrock.on(ConverseCommand).callsFake(({ modelId }) => {
    // A cross-region profile: the profile in this region, and the model wherever it routes.
    const model = String(modelId).replace(/^us\./, '');
    need({
      action: 'bedrock:InvokeModel',
      resource: `arn:aws:bedrock:${REGION}:${ACCOUNT}:inference-profile/${modelId}`,
      why: 'Converse through the inference profile',
    });
    for (const region of ['us-east-1', 'us-east-2', 'us-west-2'])
      need({
        action: 'bedrock:InvokeModel',
        resource: `arn:aws:bedrock:${region}::foundation-model/${model}`,
        context: {
          'bedrock:InferenceProfileArn': `arn:aws:bedrock:${REGION}:${ACCOUNT}:inference-profile/${modelId}`,
        },
        why: `the profile routes to ${region}`,
      });
    return {
      output: {
        message: {
          role: 'assistant',
          content: [
            {
              toolUse: {
                toolUseId: 't-1',
                name: SUMMARY_TOOL_NAME,
                input: {
                  summary: 'The customer asked about a bill; the agent helped.',
                  reason_for_call: 'A question about a bill.',
                  resolution: 'Answered.',
                  resolved: true,
                  callback_needed: false,
                  action_items: [],
                },
              },
            },
          ],
        },
      },
      stopReason: 'tool_use',
      usage: { inputTokens: 100, outputTokens: 30, totalTokens: 130 },
      metrics: { latencyMs: 10 },
    };
  });

  const comprehend = mockClient(ComprehendClient);
  mocks.push(comprehend);
  comprehend.on(DetectToxicContentCommand).callsFake(({ TextSegments }) => {
    need({ action: 'comprehend:DetectToxicContent', resource: '*', why: 'DetectToxicContent' });
    return {
      ResultList: (TextSegments ?? []).map(() => ({
        Toxicity: 0.01,
        Labels: TOXICITY_LABELS.map((Name) => ({ Name, Score: 0.01 })),
      })),
    };
  });

  const sagemaker = mockClient(SageMakerRuntimeClient);
  mocks.push(sagemaker);
  sagemaker.on(InvokeEndpointCommand).callsFake(({ EndpointName, Body }) => {
    need({
      action: 'sagemaker:InvokeEndpoint',
      resource: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint/${String(EndpointName).toLowerCase()}`,
      why: 'InvokeEndpoint',
    });
    const request = JSON.parse(new TextDecoder().decode(Body as Uint8Array)) as {
      inputs: string;
      parameters: { candidate_labels: string[] };
    };
    const labels = request.parameters.candidate_labels;
    return {
      ContentType: 'application/json',
      Body: new TextEncoder().encode(
        JSON.stringify({
          sequence: request.inputs,
          labels,
          scores: labels.map((_, i) => (i === 0 ? 0.9 : 0.05)),
        }),
      ),
    };
  });

  const sfn = mockClient(SFNClient);
  mocks.push(sfn);
  sfn.on(StartExecutionCommand).callsFake(({ stateMachineArn, name, input }) => {
    need({ action: 'states:StartExecution', resource: stateMachineArn, why: 'StartExecution' });
    executions.push({ name, input });
    return {
      executionArn: `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`,
      startDate: new Date(),
    };
  });

  mockTranscribe();
  mockAthena();
  mockQuickSight();
};

const sample = (name: string) => readFileSync(join(REPO, 'samples', name));
const drop = (key: string, body: Uint8Array) => bucket.objects.set(key, { body, etag: `"p-${key}"` });
const objectCreated = (key: string) => ({
  version: '0',
  id: `e-${key}`,
  'detail-type': 'Object Created',
  source: 'aws.s3',
  account: ACCOUNT,
  time: '2026-03-26T15:00:00Z',
  region: REGION,
  resources: [arns.bucketArn],
  detail: {
    version: '0',
    bucket: { name: BUCKET },
    object: { key, size: 100, etag: `p-${key}`, sequencer: '0066', 'version-id': '' },
    'request-id': 'R',
    requester: ACCOUNT,
    'source-ip-address': '10.0.0.1',
    reason: 'PutObject',
  },
});

const savedEnv: Record<string, string | undefined> = {};
const runs: { callId: string; outcome: string; statesRun: string[] }[] = [];
const deploys: unknown[] = [];

beforeAll(async () => {
  const env = lambdaEnvironment(config, {
    region: REGION,
    bucket: BUCKET,
    kmsKeyArn: arns.kmsKeyArn,
    stateMachineArn: arns.stateMachineArn,
    aniHashSecretArn: arns.aniHashSecretArn,
    athenaWorkgroup: arns.athenaWorkgroup,
    glueDatabase: arns.glueDatabase,
    transcribeRoleArn: arns.transcribeDataAccessRoleArn,
  });
  for (const [k, v] of Object.entries(env)) {
    savedEnv[k] ??= process.env[k];
    process.env[k] = v;
  }
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  mockServices();
  // Each task's step runs "as" its Lambda: the requests it makes are that function's.
  const original = { ...steps };
  for (const name of TASK_NAMES)
    steps[name] = (input, deps) => who.run(name, () => original[name](input, deps));
  try {
    const { awsDeps } = await import('../../functions/aws-deps.js');
    const { handler: startCall } = await import('../../functions/start-call.js');
    // One post-processor, so that PostProcess reads and writes the working document as it does
    // whenever post-processors are registered (none is by default: it would make no request).
    const tag: PostProcessor = {
      name: 'iam-check',
      version: '1',
      process: (doc) => ({ ...doc, categories: [...doc.categories, 'iam-check'] }),
    };
    const runner = new LocalWorkflowRunner({ ...awsDeps(), postProcessors: [tag] }, undefined, { waitMs: 0 });
    const corrupt = new TextEncoder().encode('not a wav file at all, just text pretending');
    drop('inbox/call-0001-billing.wav', sample('call-0001-billing.wav'));
    drop('inbox/call-0001-billing.ctr.json', sample('call-0001-billing.ctr.json'));
    drop('inbox/call-0001-billing.recording.json', sample('call-0001-billing.recording.json'));
    drop('inbox/broken-call.wav', corrupt);
    drop('inbox/silent-call.wav', sample('call-0002-payments.wav'));
    for (const key of ['inbox/call-0001-billing.wav', 'inbox/broken-call.wav', 'inbox/silent-call.wav']) {
      await who.run('StartCall', () => startCall(objectCreated(key), {} as never));
      const execution = executions.at(-1)!;
      const result = await runner.run(JSON.parse(execution.input));
      runs.push({ callId: key, outcome: result.outcome, statesRun: result.statesRun });
    }
    // The first call's recording again under another name, uploaded multipart with CRC32 parts
    // (a composite checksum): its fingerprint is streamed, and it is quarantined as a copy.
    drop('inbox/call-0001-again.wav', sample('call-0001-billing.wav'));
    bucket.composite.add('inbox/call-0001-again.wav');
    await who.run('StartCall', () => startCall(objectCreated('inbox/call-0001-again.wav'), {} as never));
    const copy = await runner.run(JSON.parse(executions.at(-1)!.input));
    runs.push({ callId: 'inbox/call-0001-again.wav', outcome: copy.outcome, statesRun: copy.statesRun });
    // `debrief reprocess --aws`: the Distributed Map's child starts the post-call machine with
    // the listed key; ClaimCall finds the transcript made from that recording version.
    const reprocessed = await runner.run({ reprocess: { key: 'inbox/call-0001-billing.wav' } });
    runs.push({ callId: 'reprocess inbox/call-0001-billing.wav', ...reprocessed });
    // `debrief reprocess --aws --from post-process`: ClaimCall copies the enriched document the
    // reprocess above stored (PostProcess) to a working document; PostProcess and WriteResults run.
    const postProcessOnly = await runner.run({
      reprocess: { key: 'inbox/call-0001-billing.wav', from: 'PostProcess' },
    });
    runs.push({ callId: 'reprocess --from post-process inbox/call-0001-billing.wav', ...postProcessOnly });
    const dts = [...bucket.objects.keys()].flatMap(
      (k) => k.match(/^lake\/[a-z_]+\/dt=([\d-]+)\//)?.[1] ?? [],
    );
    const { handler: compact } = await import('../../functions/compact-lake.js');
    for (const dt of new Set(dts))
      await who.run('CompactLake', () => compact({ dt }, { awsRequestId: 'r-1' } as never));
    // The deploy-time functions, with the events sst.config.ts gives them, each run twice: a
    // first deploy (everything created) and a later one (everything exists: replaced, updated).
    const lambdaContext = { awsRequestId: 'r-2' } as never;
    const { handler: createViews } = await import('../../functions/create-views.js');
    const { handler: syncCategories } = await import('../../functions/sync-categories.js');
    const { handler: setUpQuickSight } = await import('../../functions/setup-quicksight.js');
    const categories = JSON.parse(readFileSync(join(REPO, 'config', 'categories.json'), 'utf8'));
    const sqlDir = join(REPO, 'dashboards', 'sql');
    const quicksightEvent = {
      accountId: ACCOUNT,
      region: REGION,
      partition: 'aws',
      namePrefix: arns.namePrefix,
      workgroup: arns.athenaWorkgroup,
      database: arns.glueDatabase,
      principals: [QUICKSIGHT_PRINCIPAL],
      views: dashboardViewSql(sqlDir).map((v) => v.name),
    };
    for (const _deploy of ['first', 'later']) {
      deploys.push(
        await who.run('CreateViews', () => createViews({ views: athenaViews(sqlDir) }, lambdaContext)),
        await who.run('SyncCategories', () => syncCategories(categories, lambdaContext)),
        await who.run('SetupQuickSight', () => setUpQuickSight(quicksightEvent, lambdaContext)),
      );
    }
    Object.assign(steps, original);
  } finally {
    Object.assign(steps, original);
  }
}, 120_000);

afterAll(() => {
  for (const m of mocks) m.restore();
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('IAM: every request each function makes is allowed by its policy', () => {
  it('ran a call through to the lake, quarantined a corrupt one and a silent one, compacted the day', () => {
    expect(runs.map((r) => [r.callId, r.outcome])).toEqual([
      ['inbox/call-0001-billing.wav', 'succeeded'],
      ['inbox/broken-call.wav', 'quarantined'],
      ['inbox/silent-call.wav', 'quarantined'],
      ['inbox/call-0001-again.wav', 'quarantined'],
      ['reprocess inbox/call-0001-billing.wav', 'succeeded'],
      ['reprocess --from post-process inbox/call-0001-billing.wav', 'succeeded'],
    ]);
    expect(runs[5]!.statesRun).toEqual(['ClaimCall', 'RouteCall', 'PostProcess', 'WriteResults']);
    expect(runs[4]!.statesRun).toContain('WriteResults');
    expect(runs[4]!.statesRun).not.toContain('StartTranscription');
    // The copy: quarantined by ClaimCall, nothing transcribed.
    expect(runs[3]!.statesRun).toEqual(COPY_QUARANTINE_STATES);
    const report = JSON.parse(
      new TextDecoder().decode(bucket.objects.get('quarantine/call-0001-again/error.json')!.body),
    );
    expect(report.error).toBe('DuplicateRecordingError');
    expect(report.reason).toMatch(/^a copy of call call-0001-billing: the same recording, byte for byte,/);
    // Its recording is kept in quarantine by a server-side copy, never read into QuarantineCall.
    const recording = (r: BucketRequest & { principal: string }) =>
      r.principal === 'QuarantineCall' &&
      [r.input.Key, r.input.CopySource].some((k) => String(k).endsWith('call-0001-again.wav'));
    expect(s3Requests.filter(recording).map((r) => [r.command, r.input.Key])).toEqual([
      ['HeadObject', 'inbox/call-0001-again.wav'],
      ['CopyObject', 'quarantine/call-0001-again/inputs/call-0001-again.wav'],
    ]);
    // Quarantined after transcription: the transcript is one of the inputs it keeps.
    expect(runs[2]!.statesRun).toEqual(
      expect.arrayContaining(['GetTranscription', 'LoadCall', 'QuarantineCall']),
    );
    expect(runs[0]!.statesRun).toEqual(
      expect.arrayContaining([
        'StartTranscription',
        'GetTranscription',
        'DetectTopics',
        'SummarizeCall',
        'DetectToxicity',
        'WriteResults',
      ]),
    );
    expect(needs.has('CompactLake')).toBe(true);
  });

  it('the deploy-time functions ran as a first deploy and as a later one', () => {
    const [views, created, quicksight, , updated, again] = deploys as [
      { views: string[] },
      { created: string[]; updated: string[] },
      { actions: string[] },
      unknown,
      { created: string[]; updated: string[] },
      { actions: string[] },
    ];
    expect(views.views.length).toBeGreaterThan(0);
    expect(created.created.length).toBeGreaterThan(0);
    expect(updated).toEqual({ created: [], updated: created.created });
    expect(quicksight.actions.at(-1)).toBe('dashboard created');
    expect(again.actions.at(-1)).toBe('dashboard updated');
  });

  const specs = functionSpecs(config);
  it('every function is checked: QuickSight is on, and each makes requests', () => {
    expect(specs.map((s) => s.name)).toContain('SetupQuickSight');
    for (const spec of specs) expect(needs.get(spec.name) ?? [], spec.name).not.toEqual([]);
  });
  for (const spec of specs)
    it(`${spec.name}`, () => {
      const made = needs.get(spec.name) ?? [];
      expect(missing(policyFor(spec, arns, config), made)).toEqual([]);
    });

  it("Transcribe's data-access role", () => {
    expect(missing(transcribeDataAccessPolicy(arns), needs.get(TRANSCRIBE_ROLE) ?? [])).toEqual([]);
  });

  it('the producer policy lets `aws s3 cp` upload a recording (a multipart upload over 8 MB) into inbox/ only', () => {
    // CreateMultipartUpload, UploadPart, CompleteMultipartUpload: s3:PutObject; under SSE-KMS
    // the initiation needs kms:GenerateDataKey and the parts kms:Decrypt (AWS Knowledge Center,
    // "s3-large-file-encryption-kms-key"); a failed upload is aborted.
    const key = 'inbox/call-0001-billing.wav';
    const upload: Need[] = [
      { action: 's3:PutObject', resource: objectArn(key), why: 'CreateMultipartUpload/UploadPart/Complete' },
      kms('kms:GenerateDataKey', 'CreateMultipartUpload'),
      kms('kms:Decrypt', 'UploadPart, CompleteMultipartUpload'),
      { action: 's3:AbortMultipartUpload', resource: objectArn(key), why: 'a failed upload is aborted' },
    ];
    expect(missing(producerPolicy(arns), upload)).toEqual([]);
    expect(
      missing(producerPolicy(arns), [
        { action: 's3:PutObject', resource: objectArn('lake/calls/x.parquet'), why: 'outside inbox/' },
      ]),
    ).toHaveLength(1);
    expect(
      missing(producerPolicy(arns), [{ action: 's3:GetObject', resource: objectArn(key), why: 'read' }]),
    ).toHaveLength(1);
  });

  it('no request was made outside a function', () => {
    expect(needs.get('outside any function') ?? []).toEqual([]);
  });
});
