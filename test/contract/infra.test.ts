import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployConfigFromEnv, lambdaEnvironment } from '../../infra/config.js';
import { functionSpecs } from '../../infra/functions.js';
import { athenaViews, glueTableInput, glueTables } from '../../infra/glue.js';
import {
  policyFor,
  stateMachinePolicy,
  summaryModelArns,
  transcribeDataAccessPolicy,
  transcribeTrustPolicy,
} from '../../infra/iam.js';
import { stageRemoval } from '../../infra/stages.js';
import { dataColumnsOf } from '../../schemas/table.js';
import { tables } from '../../schemas/tables.js';
import { TASK_NAMES } from '../../workflows/tasks.js';
import { missing } from '../helpers/iam-eval.js';
import { REPO } from '../helpers/paths.js';

const arns = {
  partition: 'aws',
  region: 'us-east-1',
  account: '111122223333',
  bucketArn: 'arn:aws:s3:::calls',
  kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k',
  stateMachineArn: 'arn:aws:states:us-east-1:111122223333:stateMachine:pc',
  aniHashSecretArn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:debrief-dev/ani-hash-key-AbCdEf',
  athenaWorkgroup: 'debrief-dev',
  glueDatabase: 'debrief_dev',
  deadLetterQueueArn: 'arn:aws:sqs:us-east-1:111122223333:dlq',
  namePrefix: 'debrief-dev',
  transcribeDataAccessRoleArn: 'arn:aws:iam::111122223333:role/debrief-dev-transcribe',
};
const config = deployConfigFromEnv({ DEBRIEF_TOPICS_ENDPOINT: 'Debrief-Topics' });

describe('infrastructure derived from code', () => {
  it('has one function per workflow task plus the trigger, each pointing at an existing handler file', () => {
    const specs = functionSpecs();
    expect(specs.map((s) => s.name)).toEqual([
      ...TASK_NAMES,
      'StartCall',
      'CompactLake',
      'CreateViews',
      'SyncCategories',
    ]);
    expect(
      functionSpecs({ quicksight: { principals: ['arn:aws:quicksight:x'], serviceRole: 'r' } }).at(-1)?.name,
    ).toBe('SetupQuickSight');
    for (const s of specs)
      expect(existsSync(join(REPO, s.handler.replace(/\.handler$/, '.ts'))), s.handler).toBe(true);
  });

  it('lets the transcription functions start, read and collect Transcribe jobs, and nothing else', () => {
    const policyOf = (name: string, cfg = config) =>
      policyFor(functionSpecs().find((s) => s.name === name)!, arns, cfg);
    const actions = (name: string, cfg = config) =>
      [...new Set(policyOf(name, cfg).Statement.flatMap((s) => s.Action))].sort();
    expect(actions('StartTranscription')).toEqual([
      'iam:PassRole',
      'kms:Decrypt',
      'kms:Encrypt',
      'kms:GenerateDataKey',
      's3:GetObject',
      's3:ListBucket',
      'transcribe:StartCallAnalyticsJob',
      'transcribe:StartTranscriptionJob',
    ]);
    expect(policyOf('StartTranscription').Statement.find((s) => s.Action.includes('iam:PassRole'))).toEqual({
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: [arns.transcribeDataAccessRoleArn],
      Condition: { StringEquals: { 'iam:PassedToService': 'transcribe.amazonaws.com' } },
    });
    // Transcribe's job actions take no resource-level permissions: the actions are the limit.
    expect(
      policyOf('StartTranscription').Statement.find((s) =>
        s.Action.includes('transcribe:StartCallAnalyticsJob'),
      ),
    ).toEqual({
      Effect: 'Allow',
      Action: ['transcribe:StartCallAnalyticsJob', 'transcribe:StartTranscriptionJob'],
      Resource: ['*'],
    });
    const s3Resources = (name: string, cfg = config) =>
      policyOf(name, cfg)
        .Statement.flatMap((s) => s.Resource)
        .filter((r) => r.startsWith('arn:aws:s3:::calls/'))
        .sort();
    expect(s3Resources('GetTranscription')).toEqual([
      'arn:aws:s3:::calls/transcribe-output/*',
      'arn:aws:s3:::calls/transcripts/*',
    ]);
    // Keeping unredacted transcripts is opt-in, and only then may anything write unredacted/.
    const keeping = deployConfigFromEnv({
      DEBRIEF_REDACTION_OUTPUT: 'redacted_and_unredacted',
      DEBRIEF_KEEP_UNREDACTED: 'true',
    });
    expect(s3Resources('GetTranscription', keeping)).toContain('arn:aws:s3:::calls/unredacted/*');
    for (const spec of functionSpecs())
      if (spec.name !== 'GetTranscription')
        expect(
          s3Resources(spec.name, keeping).some((r) => r.includes('/unredacted/')),
          spec.name,
        ).toBe(false);
    expect(actions('GetTranscription')).not.toContain('transcribe:StartCallAnalyticsJob');
    expect(actions('InspectAudio')).toEqual([
      'kms:Decrypt',
      'kms:GenerateDataKey',
      's3:GetObject',
      's3:ListBucket',
    ]);
  });

  it("gives Transcribe's data-access role exactly: read inbox/, write transcribe-output/, the bucket key", () => {
    expect(transcribeDataAccessPolicy(arns).Statement).toEqual([
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::calls/inbox/*'] },
      {
        Effect: 'Allow',
        Action: ['s3:ListBucket'],
        Resource: ['arn:aws:s3:::calls'],
        Condition: { StringLike: { 's3:prefix': ['inbox/*', 'transcribe-output/*'] } },
      },
      { Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::calls/transcribe-output/*'] },
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: [arns.kmsKeyArn] },
    ]);
    expect(transcribeTrustPolicy('111122223333').Statement[0]).toMatchObject({
      Principal: { Service: 'transcribe.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
    });
  });

  it('reads the transcription settings from the deploy shell, with Genesys defaults', () => {
    expect(deployConfigFromEnv({}).transcription).toEqual({
      agentChannel: 1,
      languages: ['en-US'],
      redactionOutput: 'redacted',
      piiEntityTypes: [],
      keepUnredacted: false,
      summarize: true,
    });
    expect(
      deployConfigFromEnv({ DEBRIEF_LANGUAGES: 'en-US, es-US', DEBRIEF_AGENT_CHANNEL: '0' }).transcription,
    ).toMatchObject({
      agentChannel: 0,
      languages: ['en-US', 'es-US'],
    });
    expect(() => deployConfigFromEnv({ DEBRIEF_AGENT_CHANNEL: '2' })).toThrow(/transcription\.agentChannel/);
  });

  it('grants each function only its own prefixes and verbs (no wildcards on actions or the whole bucket)', () => {
    for (const spec of functionSpecs()) {
      const policy = policyFor(spec, arns, config);
      for (const st of policy.Statement) {
        expect(
          st.Action.every((a) => !a.endsWith('*')),
          `${spec.name} ${st.Action}`,
        ).toBe(true);
        expect(st.Resource).not.toContain('arn:aws:s3:::calls/*');
        // Only Comprehend's toxicity API and Transcribe's job actions lack resource-level permissions.
        if (st.Resource.includes('*'))
          expect(
            st.Action.every((a) => a === 'comprehend:DetectToxicContent' || a.startsWith('transcribe:')),
          ).toBe(true);
      }
    }
    const load = policyFor(functionSpecs().find((s) => s.name === 'LoadCall')!, arns, config);
    expect([...new Set(load.Statement.flatMap((s) => s.Action))].sort()).toEqual([
      'kms:Decrypt',
      'kms:GenerateDataKey',
      's3:GetObject',
      's3:ListBucket',
      's3:PutObject',
    ]);
    const start = policyFor(functionSpecs().find((s) => s.name === 'StartCall')!, arns, config);
    expect(start.Statement).toEqual([
      { Effect: 'Allow', Action: ['states:StartExecution'], Resource: [arns.stateMachineArn] },
      { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [arns.deadLetterQueueArn] },
    ]);
  });

  it('enrichment permissions follow the same configuration as the Lambda environment', () => {
    const topics = functionSpecs().find((s) => s.name === 'DetectTopics')!;
    expect(policyFor(topics, arns, config).Statement[2]).toEqual({
      Effect: 'Allow',
      Action: ['sagemaker:InvokeEndpoint'],
      Resource: ['arn:aws:sagemaker:us-east-1:111122223333:endpoint/debrief-topics'],
    });
    const off = deployConfigFromEnv({ DEBRIEF_SUMMARY_MODEL_ID: 'none' });
    const summary = functionSpecs().find((s) => s.name === 'SummarizeCall')!;
    expect(policyFor(summary, arns, off).Statement.flatMap((s) => s.Action)).not.toContain(
      'bedrock:InvokeModel',
    );
    expect(summaryModelArns(arns, 'eu.amazon.nova-lite-v1:0')).toEqual([
      'arn:aws:bedrock:us-east-1:111122223333:inference-profile/eu.amazon.nova-lite-v1:0',
      'arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0',
    ]);
    expect(() => deployConfigFromEnv({ DEBRIEF_TOXICITY_REGION: 'mars' })).toThrow(/toxicityRegion/);
  });

  it.each([
    ['by id', 'eu.amazon.nova-lite-v1:0'],
    ['by ARN', 'arn:aws:bedrock:eu-west-1:111122223333:inference-profile/eu.amazon.nova-lite-v1:0'],
  ])(
    'a cross-region inference profile given %s: the profile, and the model in every region it routes to through that profile only (found by a new-user trial: the ARN got the profile alone)',
    (_form, modelId) => {
      // Prepare: what Bedrock authorizes for Converse through eu.amazon.nova-lite-v1:0 from
      // eu-west-1 ("Prerequisites for inference profiles"): the profile, then the model where it runs.
      const summary = functionSpecs().find((s) => s.name === 'SummarizeCall')!;
      const onEu = { ...arns, region: 'eu-west-1' };
      const policy = policyFor(summary, onEu, deployConfigFromEnv({ DEBRIEF_SUMMARY_MODEL_ID: modelId }));
      const profile = 'arn:aws:bedrock:eu-west-1:111122223333:inference-profile/eu.amazon.nova-lite-v1:0';
      const throughProfile = { 'bedrock:InferenceProfileArn': profile };
      const models = ['eu-west-1', 'eu-west-3', 'eu-central-1', 'eu-north-1'].map(
        (r) => `arn:aws:bedrock:${r}::foundation-model/amazon.nova-lite-v1:0`,
      );
      const needs = [
        { action: 'bedrock:InvokeModel', resource: profile, why: 'Converse' },
        ...models.map((resource) => ({
          action: 'bedrock:InvokeModel',
          resource,
          context: throughProfile,
          why: 'Converse',
        })),
      ];

      // Assess
      expect(missing(policy, needs)).toEqual([]);
      // The model only through the profile (found by review: the wildcard-region grant let the
      // function call the model directly in any region): not directly, not through another profile.
      for (const context of [
        {} as Record<string, string>,
        { 'bedrock:InferenceProfileArn': profile.replace('eu.amazon.nova-lite', 'us.amazon.nova-lite') },
      ])
        expect(
          missing(
            policy,
            models.map((resource) => ({ action: 'bedrock:InvokeModel', resource, context, why: 'direct' })),
          ),
        ).toHaveLength(models.length);
      // Not another model's.
      expect(
        missing(policy, [
          {
            action: 'bedrock:InvokeModel',
            resource: 'arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-pro-v1:0',
            why: 'another model',
          },
        ]),
      ).toHaveLength(1);
    },
  );

  it('a foundation model ARN is granted as given; an application inference profile ARN is refused, naming the fix', () => {
    const model = 'arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-lite-v1:0';
    expect(summaryModelArns(arns, model)).toEqual([model]);
    const application = 'arn:aws:bedrock:eu-west-1:111122223333:application-inference-profile/a1b2c3d4e5f6';
    expect(() => deployConfigFromEnv({ DEBRIEF_SUMMARY_MODEL_ID: application })).toThrow(
      /summaryModelId: an application inference profile's ARN does not name its model.*inference profile id/,
    );
    expect(() => summaryModelArns(arns, application)).toThrow(/application inference profile/);
  });

  it('the Genesys users API (agent names) is off unless configured; on, MergeCtr alone may read its secret', () => {
    // Prepare
    const mergeCtr = functionSpecs().find((s) => s.name === 'MergeCtr')!;
    const secretArn = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:genesys-client-AbCdEf';
    const on = deployConfigFromEnv({
      DEBRIEF_GENESYS_API_BASE: 'https://api.mypurecloud.com',
      DEBRIEF_GENESYS_CLIENT_ID: 'client-id',
      DEBRIEF_GENESYS_CLIENT_SECRET_ARN: secretArn,
    });
    const refs = { ...arns, bucket: 'bkt', transcribeRoleArn: arns.transcribeDataAccessRoleArn };
    const readsSecret = (c: typeof config) =>
      functionSpecs()
        .filter((s) => policyFor(s, arns, c).Statement.some((st) => st.Resource.includes(secretArn)))
        .map((s) => s.name);

    // Assess
    expect(config.genesysUsersApi).toBe(false);
    expect(Object.keys(lambdaEnvironment(config, refs)).filter((k) => k.includes('GENESYS'))).toEqual([]);
    expect(policyFor(mergeCtr, arns, config).Statement.flatMap((s) => s.Resource)).not.toContain(secretArn);
    expect(lambdaEnvironment(on, refs)).toMatchObject({
      DEBRIEF_GENESYS_API_BASE: 'https://api.mypurecloud.com',
      DEBRIEF_GENESYS_CLIENT_ID: 'client-id',
      DEBRIEF_GENESYS_CLIENT_SECRET_ARN: secretArn,
    });
    expect(readsSecret(on)).toEqual(['MergeCtr']);
    expect(() => deployConfigFromEnv({ DEBRIEF_GENESYS_CLIENT_ID: 'client-id' })).toThrow(
      /genesysUsersApi: .* go together \(missing DEBRIEF_GENESYS_API_BASE, DEBRIEF_GENESYS_CLIENT_SECRET_ARN\)/,
    );
  });

  it('the state machine may invoke the workflow tasks only (not the trigger or compaction)', () => {
    const fnArns = Object.fromEntries(
      [...TASK_NAMES, 'StartCall', 'CompactLake'].map((n) => [n, `arn:aws:lambda:us-east-1:1:function:${n}`]),
    );
    const resources = stateMachinePolicy(fnArns).Statement[0]!.Resource;
    expect(resources).toHaveLength(TASK_NAMES.length);
    expect(resources.join()).not.toMatch(/StartCall|CompactLake/);
  });

  it('Glue columns are the Parquet data columns of each row schema, dt as a projected partition', () => {
    const calls = glueTableInput('calls', 'bkt');
    expect(calls.StorageDescriptor.Columns.map((c) => c.Name)).toEqual(
      dataColumnsOf(tables.calls).map((c) => c.name),
    );
    expect(calls.StorageDescriptor.Columns.find((c) => c.Name === 'duration_ms')?.Type).toBe('bigint');
    expect(calls.StorageDescriptor.Columns.find((c) => c.Name === 'started_at')?.Type).toBe('timestamp');
    // Added columns come last: objects written before them read them as null (Parquet by name).
    expect(calls.StorageDescriptor.Columns.slice(-8)).toEqual([
      { Name: 'has_recording', Type: 'boolean' },
      { Name: 'abandoned', Type: 'boolean' },
      { Name: 'offered', Type: 'boolean' },
      { Name: 'entry_wait_ms', Type: 'bigint' },
      { Name: 'answer_wait_ms', Type: 'bigint' },
      { Name: 'abandon_wait_ms', Type: 'bigint' },
      { Name: 'short_abandon', Type: 'boolean' },
      { Name: 'abandoned_while', Type: 'string' },
    ]);
    expect(calls.PartitionKeys).toEqual([{ Name: 'dt', Type: 'string' }]);
    expect(calls.Parameters['storage.location.template']).toBe(`s3://bkt/lake/calls/dt=\${dt}/`);
    expect(glueTableInput('call_status', 'bkt').PartitionKeys).toEqual([]);
    expect(glueTables('bkt')).toHaveLength(Object.keys(tables).length);
  });

  it('Athena gets the same views as DuckDB: latest rows per table, then the dashboard views', () => {
    const names = athenaViews().map((v) => v.name);
    expect(names.slice(0, Object.keys(tables).length)).toEqual(Object.keys(tables));
    expect(names).toContain('topic_stats');
    expect(athenaViews()[0]?.sql).toMatch(/from raw_calls t join/);
  });
});

describe('what `sst remove` keeps (infra/stages.ts)', () => {
  it.each(['production', 'prod'])(
    '%s keeps the bucket, the key and the ANI secret, and refuses to empty them',
    (stage) => {
      expect(stageRemoval(stage)).toEqual({
        removal: 'retain',
        keepKey: true,
        keepKeyAlias: false,
        keepBucketSettings: true,
        keepAniHashSecret: true,
        bucketForceDestroy: false,
        workgroupForceDestroy: false,
        secretRecoveryWindowDays: 30,
      });
    },
  );
  it.each(['dev', 'test', 'staging', 'prod-eu', 'Production'])('%s keeps nothing', (stage) => {
    expect(stageRemoval(stage)).toEqual({
      removal: 'remove',
      keepKey: false,
      keepKeyAlias: false,
      keepBucketSettings: false,
      keepAniHashSecret: false,
      bucketForceDestroy: true,
      workgroupForceDestroy: true,
      secretRecoveryWindowDays: 0,
    });
  });
});
