import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compactLakeFunctionPrefix } from '../../adapters/aws/compact-lake-function.js';
import { LambdaConfig } from '../../functions/config.js';
import { alarmSpecs } from '../../infra/alarms.js';
import { deployConfigFromEnv } from '../../infra/config.js';
import { functionSpecs } from '../../infra/functions.js';
import { athenaViews } from '../../infra/glue.js';
import { type Arns, eraserPolicy, policyFor } from '../../infra/iam.js';
import { reprocessDefaultsFromEnv, reprocessPolicy } from '../../infra/reprocess.js';
import { PROTECTED_STAGES, stageRemoval } from '../../infra/stages.js';
import { tableNames } from '../../schemas/tables.js';
import { renderReprocessDefinition, reprocessDefinition } from '../../workflows/reprocess-definition.js';
import { TASK_NAMES } from '../../workflows/tasks.js';
import { REPO } from '../helpers/paths.js';
import {
  runSstApp,
  type SstResource,
  type SstRun,
  sstAppConfig,
  writeConfigVariant,
} from '../helpers/sst-mock-app.js';

/**
 * `sst.config.ts`'s run() with the pinned SST 4.17.1 components (`npm run sst:platform`) under
 * Pulumi's offline mocks: what `npx sst deploy` would register, checked resource by resource.
 */
const RUN_TIMEOUT = 600_000;
const byType = (run: SstRun, type: string) => run.resources.filter((r) => r.type === type);
const one = (run: SstRun, type: string, name: string): SstResource => {
  const found = run.resources.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`no ${type} ${name}`);
  return found;
};
const arnOf = (r: SstResource) => String(r.state.arn);
const countByType = (run: SstRun) =>
  Object.fromEntries(
    [...new Set(run.resources.map((r) => r.type))].sort().map((t) => [t, byType(run, t).length]),
  );

/** The ARNs the policies must name, read back from the registered resources. */
const arnsOf = (run: SstRun): Arns => ({
  partition: 'aws',
  region: 'eu-west-1',
  account: '123456789012',
  bucketArn: arnOf(one(run, 'aws:s3/bucket:Bucket', 'CallsBucket')),
  kmsKeyArn: arnOf(one(run, 'aws:kms/key:Key', 'DebriefKey')),
  stateMachineArn: arnOf(one(run, 'aws:sfn/stateMachine:StateMachine', 'PostCall')),
  aniHashSecretArn: arnOf(one(run, 'aws:secretsmanager/secret:Secret', 'AniHashKey')),
  athenaWorkgroup: 'debrief-test',
  glueDatabase: 'debrief_test',
  deadLetterQueueArn: arnOf(one(run, 'aws:sqs/queue:Queue', 'DropDeadLetters')),
  namePrefix: 'debrief-test',
  transcribeDataAccessRoleArn: arnOf(one(run, 'aws:iam/role:Role', 'TranscribeAccess')),
});
const functionArn = (run: SstRun, name: string) =>
  arnOf(one(run, 'aws:lambda/function:Function', `${name}Function`));

describe('sst.config.ts under Pulumi mocks (default configuration)', () => {
  let run: SstRun;
  const config = deployConfigFromEnv({});
  const specs = functionSpecs(config);
  beforeAll(async () => {
    run = await runSstApp({ stage: 'test' });
  }, RUN_TIMEOUT);

  it('deploys without an error from SST or Pulumi (no secret to set first, one bucket policy)', () => {
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ database: 'debrief_test', workgroup: 'debrief-test' });
  });

  it('the drop rule filters on the inbox/ prefix alone: a recording in any container (.opus, .flac, .mp3, .ogg) reaches StartCall', () => {
    const rule = one(run, 'aws:cloudwatch/eventRule:EventRule', 'DropRule');
    const pattern = JSON.parse(String(rule.inputs.eventPattern));
    expect(pattern.detail.object).toEqual({ key: [{ prefix: 'inbox/' }] });
    expect(pattern['detail-type']).toEqual(['Object Created']);
  });

  it('registers the expected resources, counted by type', () => {
    const n = specs.length;
    expect(countByType(run)).toMatchObject({
      'sst:aws:Function': n,
      'aws:lambda/function:Function': n,
      // One per function, the two state machines', and the one Transcribe assumes.
      'aws:iam/role:Role': n + 3,
      'aws:s3/bucketObjectv2:BucketObjectv2': n,
      'sst:aws:Bucket': 1,
      'aws:s3/bucketPolicy:BucketPolicy': 1,
      'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration': 1,
      'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration': 1,
      'aws:sfn/stateMachine:StateMachine': 2,
      'aws:glue/catalogDatabase:CatalogDatabase': 1,
      'aws:glue/catalogTable:CatalogTable': tableNames.length,
      'aws:athena/workgroup:Workgroup': 1,
      // The views, and the call categories deployed to Transcribe.
      'aws:lambda/invocation:Invocation': 2,
      'aws:secretsmanager/secret:Secret': 1,
      'aws:sqs/queue:Queue': 1,
      'aws:sns/topic:Topic': 1,
      'aws:cloudwatch/metricAlarm:MetricAlarm': alarmSpecs({
        stage: 'test',
        stateMachineArn: '',
        reprocessStateMachineArn: '',
        functionNames: Object.fromEntries(specs.map((s) => [s.name, s.name])),
        deadLetterQueueName: '',
      }).length,
      // For analysts, producers and whoever erases calls.
      'aws:iam/policy:Policy': 3,
    });
    // Off by default: nothing of QuickSight, and no CORS on the calls bucket.
    expect(Object.keys(countByType(run)).filter((t) => /quicksight|bucketCors/i.test(t))).toEqual([]);
    expect(run.resources.some((r) => r.name === 'SetupQuickSight')).toBe(false);
  });

  it('every function (each workflow task included) has its own role with exactly its least-privilege policy', () => {
    const arns = arnsOf(run);
    expect(TASK_NAMES.every((t) => specs.some((s) => s.name === t))).toBe(true);
    for (const spec of specs) {
      const role = one(run, 'aws:iam/role:Role', `${spec.name}Role`);
      const policies = role.inputs.inlinePolicies as { name: string; policy: string }[];
      expect(policies.map((p) => p.name)).toEqual(['least-privilege']);
      const doc = JSON.parse(policies[0]!.policy);
      expect(doc, spec.name).toEqual(policyFor(spec, arns, config));
      for (const st of doc.Statement)
        for (const r of st.Resource as string[])
          expect(r === '*' || r.startsWith('arn:aws:'), `${spec.name} ${r}`).toBe(true);
      // No managed policies SST might add (e.g. full access to linked resources).
      expect(role.inputs.managedPolicyArns ?? []).toEqual(
        expect.not.arrayContaining([expect.stringMatching(/FullAccess|AdministratorAccess/)]),
      );
      expect(run.builds[spec.name]?.bytes, `${spec.name} bundle`).toBeGreaterThan(1000);
    }
    // Specific: only MergeCtr reads the ANI secret; the state machine ARN is real (no `*` account).
    const readers = specs.filter((s) =>
      JSON.stringify(policyFor(s, arns, config)).includes('secretsmanager:GetSecretValue'),
    );
    expect(readers.map((s) => s.name)).toEqual(['MergeCtr']);
    expect(JSON.stringify(policyFor(specs.find((s) => s.name === 'StartCall')!, arns, config))).toContain(
      'arn:aws:states:eu-west-1:123456789012:stateMachine:debrief-test-post-call',
    );
  });

  it('the state machine runs the shared ASL with the real function ARNs, and may invoke only the tasks', () => {
    const sm = one(run, 'aws:sfn/stateMachine:StateMachine', 'PostCall');
    const definition = String(sm.inputs.definition);
    expect(definition).not.toContain('${');
    const resources = [...definition.matchAll(/"Resource":"([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(resources)).toEqual(new Set(TASK_NAMES.map((t) => functionArn(run, t))));
    const invoke = one(run, 'aws:iam/rolePolicy:RolePolicy', 'PostCallInvoke');
    const allowed = JSON.parse(String(invoke.inputs.policy)).Statement[0].Resource;
    expect([...allowed].sort()).toEqual(TASK_NAMES.map((t) => functionArn(run, t)).sort());
    expect(allowed).not.toContain(functionArn(run, 'StartCall'));
    expect(allowed).not.toContain(functionArn(run, 'CompactLake'));
  });

  it('the reprocess state machine: a Distributed Map over the bucket starting the post-call machine, its role exactly reprocessPolicy', () => {
    const postCall = arnOf(one(run, 'aws:sfn/stateMachine:StateMachine', 'PostCall'));
    const sm = one(run, 'aws:sfn/stateMachine:StateMachine', 'Reprocess');
    expect(sm.inputs.name).toBe('debrief-test-reprocess');
    expect(sm.inputs.type).toBe('STANDARD');
    const bucket = String(one(run, 'aws:s3/bucket:Bucket', 'CallsBucket').state.bucket);
    expect(String(sm.inputs.definition)).toBe(
      renderReprocessDefinition(reprocessDefinition(reprocessDefaultsFromEnv({})), {
        postCallStateMachineArn: postCall,
        bucket,
      }),
    );
    const role = one(run, 'aws:iam/role:Role', 'ReprocessRole');
    expect(sm.inputs.roleArn).toBe(arnOf(role));
    const grant = one(run, 'aws:iam/rolePolicy:RolePolicy', 'ReprocessPolicy');
    expect(JSON.parse(String(grant.inputs.policy))).toEqual(
      reprocessPolicy({
        partition: 'aws',
        region: 'eu-west-1',
        account: '123456789012',
        bucketArn: arnOf(one(run, 'aws:s3/bucket:Bucket', 'CallsBucket')),
        kmsKeyArn: arnOf(one(run, 'aws:kms/key:Key', 'DebriefKey')),
        postCallStateMachineArn: postCall,
        reprocessStateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:debrief-test-reprocess',
      }),
    );
    expect(run.outputs).toMatchObject({
      reprocessStateMachine: 'arn:aws:states:eu-west-1:123456789012:stateMachine:debrief-test-reprocess',
    });
  });

  it('`debrief forget --aws` finds CompactLake by the name SST gives it; the eraser policy names it and the stack', () => {
    const fn = one(run, 'aws:lambda/function:Function', 'CompactLakeFunction');
    expect(String(fn.inputs.name)).toMatch(new RegExp(`^${compactLakeFunctionPrefix('test')}[A-Za-z0-9]+$`));
    expect(run.outputs).toMatchObject({ compactLakeFunction: String(fn.inputs.name) });
    const eraser = one(run, 'aws:iam/policy:Policy', 'EraserPolicy');
    expect(eraser.inputs.name).toBe('debrief-test-eraser');
    expect(JSON.parse(String(eraser.inputs.policy))).toEqual(eraserPolicy(arnsOf(run), arnOf(fn)));
    // Its environment is where the command reads the bucket, the key and the state machine.
    const env = (fn.inputs.environment as { variables: Record<string, string> }).variables;
    expect(env).toMatchObject({
      DEBRIEF_BUCKET: String(one(run, 'aws:s3/bucket:Bucket', 'CallsBucket').state.bucket),
      DEBRIEF_KMS_KEY_ID: arnsOf(run).kmsKeyArn,
      DEBRIEF_STATE_MACHINE_ARN: arnsOf(run).stateMachineArn,
    });
  });

  it('every function gets the one configuration: parseable by functions/config.ts, no secret value', () => {
    for (const spec of specs) {
      const fn = one(run, 'aws:lambda/function:Function', `${spec.name}Function`);
      const env = (fn.inputs.environment as { variables: Record<string, string> }).variables;
      const parsed = LambdaConfig.parse(env);
      expect(parsed).toMatchObject({
        DEBRIEF_TOPICS_ENDPOINT: 'none',
        DEBRIEF_SUMMARY_MODEL_ID: 'amazon.nova-lite-v1:0',
        DEBRIEF_TOXICITY_REGION: 'eu-west-1',
        DEBRIEF_ANI_HASH_SECRET_ARN: arnOf(one(run, 'aws:secretsmanager/secret:Secret', 'AniHashKey')),
        DEBRIEF_ATHENA_WORKGROUP: 'debrief-test',
      });
      expect(Object.keys(env).some((k) => /ANI_HASH_KEY$/.test(k))).toBe(false);
      expect(fn.inputs.runtime).toBe('nodejs22.x');
    }
  });

  it('Athena: an encrypted result location in the workgroup, and the views created at deploy', () => {
    const wg = one(run, 'aws:athena/workgroup:Workgroup', 'Analytics');
    const bucket = String(one(run, 'aws:s3/bucket:Bucket', 'CallsBucket').state.bucket);
    expect(wg.inputs.configuration).toMatchObject({
      enforceWorkgroupConfiguration: true,
      resultConfiguration: {
        outputLocation: `s3://${bucket}/athena-results/`,
        encryptionConfiguration: {
          encryptionOption: 'SSE_KMS',
          kmsKeyArn: arnOf(one(run, 'aws:kms/key:Key', 'DebriefKey')),
        },
      },
    });
    const views = one(run, 'aws:lambda/invocation:Invocation', 'AthenaViews');
    expect(views.inputs.functionName).toBe(
      one(run, 'aws:lambda/function:Function', 'CreateViewsFunction').state.name,
    );
    expect(JSON.parse(String(views.inputs.input))).toEqual({ views: athenaViews() });
    const table = one(run, 'aws:glue/catalogTable:CatalogTable', 'raw_calls');
    expect((table.inputs.storageDescriptor as { location: string }).location).toBe(
      `s3://${bucket}/lake/calls/`,
    );
  });

  it('the bucket: KMS with Bucket Keys, lifecycle for every working prefix, TLS-only policy from SST', () => {
    const enc = byType(
      run,
      'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
    )[0]!;
    expect(enc.inputs.rules).toEqual([
      expect.objectContaining({
        bucketKeyEnabled: true,
        applyServerSideEncryptionByDefault: expect.objectContaining({ sseAlgorithm: 'aws:kms' }),
      }),
    ]);
    const lifecycle = byType(run, 'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration')[0]!;
    const prefixes = (lifecycle.inputs.rules as { filter?: { prefix?: string } }[]).map(
      (r) => r.filter?.prefix,
    );
    expect(prefixes).toEqual([
      'work/',
      'results/',
      'quarantine/',
      'transcripts/',
      'state/',
      'transcribe-output/',
      'reprocess-results/',
      'unredacted/',
      'athena-results/',
    ]);
    const policy = JSON.parse(String(byType(run, 'aws:s3/bucketPolicy:BucketPolicy')[0]!.inputs.policy));
    expect(JSON.stringify(policy)).toContain('aws:SecureTransport');
  });

  it('the drop trigger: a dead-letter queue for EventBridge and an on-failure destination for StartCall', () => {
    const dlq = arnOf(one(run, 'aws:sqs/queue:Queue', 'DropDeadLetters'));
    expect(one(run, 'aws:cloudwatch/eventTarget:EventTarget', 'DropTarget').inputs).toMatchObject({
      arn: functionArn(run, 'StartCall'),
      deadLetterConfig: { arn: dlq },
    });
    expect(
      one(run, 'aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig', 'StartCallOnFailure').inputs,
    ).toMatchObject({
      destinationConfig: { onFailure: { destination: dlq } },
    });
  });

  it('alarms for failed executions, quarantines, throttling of every function and DLQ depth go to the SNS topic', () => {
    const topic = arnOf(one(run, 'aws:sns/topic:Topic', 'Alarms'));
    const alarms = byType(run, 'aws:cloudwatch/metricAlarm:MetricAlarm');
    const names = alarms.map((a) => String(a.inputs.name).replace('debrief-test-', '')).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        'ExecutionsFailed',
        'CallsQuarantined',
        'CallsPartial',
        'CompactLakeErrors',
        'ReprocessFailed',
        'DropDeadLetters',
        'ExecutionsThrottled',
      ]),
    );
    for (const spec of specs) expect(names).toContain(`${spec.name}Throttled`);
    for (const a of alarms) expect(a.inputs.alarmActions).toEqual([topic]);
    const dlqAlarm = alarms.find((a) => String(a.inputs.name).endsWith('DropDeadLetters'))!;
    expect(dlqAlarm.inputs.dimensions).toEqual({
      QueueName: one(run, 'aws:sqs/queue:Queue', 'DropDeadLetters').state.name,
    });
    expect(
      one(run, 'aws:cloudwatch/logMetricFilter:LogMetricFilter', 'QuarantineCount').inputs.logGroupName,
    ).toBe(`/aws/lambda/${one(run, 'aws:lambda/function:Function', 'QuarantineCallFunction').state.name}`);
    // The stage's own namespace, where the filter writes and the alarms read.
    const filter = one(run, 'aws:cloudwatch/logMetricFilter:LogMetricFilter', 'QuarantineCount');
    expect(filter.inputs.metricTransformation).toMatchObject({
      namespace: 'debrief/test',
      name: 'CallsQuarantined',
    });
    expect(
      alarms.find((a) => String(a.inputs.name).endsWith('-CompactLakeErrors'))!.inputs.dimensions,
    ).toEqual({
      FunctionName: one(run, 'aws:lambda/function:Function', 'CompactLakeFunction').state.name,
    });
    const reprocess = alarms.find((a) => String(a.inputs.name).endsWith('-ReprocessFailed'))!;
    expect(
      (reprocess.inputs.metricQueries as { metric?: { dimensions: Record<string, string> } }[])
        .filter((q) => q.metric)
        .map((q) => q.metric!.dimensions.StateMachineArn),
    ).toEqual(Array(3).fill(arnOf(one(run, 'aws:sfn/stateMachine:StateMachine', 'Reprocess'))));
    const partial = one(run, 'aws:cloudwatch/logMetricFilter:LogMetricFilter', 'PartialCount');
    expect(partial.inputs).toMatchObject({
      logGroupName: `/aws/lambda/${one(run, 'aws:lambda/function:Function', 'WriteResultsFunction').state.name}`,
      pattern: '{ $.message = "call partial" }',
      metricTransformation: { namespace: 'debrief/test', name: 'CallsPartial' },
    });
    const quarantined = alarms.find((a) => String(a.inputs.name).endsWith('-CallsQuarantined'))!;
    expect(quarantined.inputs).toMatchObject({ namespace: 'debrief/test', metricName: 'CallsQuarantined' });
    const failed = alarms.find((a) => String(a.inputs.name).endsWith('-ExecutionsFailed'))!;
    expect(
      (failed.inputs.metricQueries as { id: string; metric?: { namespace: string } }[]).find(
        (q) => q.id === 'quarantined',
      )?.metric?.namespace,
    ).toBe('debrief/test');
  });
});

/** What `sst remove` would leave behind: the resources registered with retainOnDelete. */
const kept = (run: SstRun) =>
  run.resources
    .filter((r) => r.options.retainOnDelete === true)
    .map((r) => `${r.type} ${r.name}`)
    .sort();

describe('sst.config.ts under Pulumi mocks: what `sst remove` keeps per stage', () => {
  let production: SstRun;
  let test: SstRun;
  beforeAll(async () => {
    [production, test] = await Promise.all([
      runSstApp({ stage: 'production' }),
      runSstApp({ stage: 'test' }),
    ]);
  }, RUN_TIMEOUT);

  it("app()'s removal policy is infra/stages.ts's for protected and other stages", async () => {
    for (const stage of [...PROTECTED_STAGES, 'dev', 'test', 'prod-eu', 'Production'])
      expect((await sstAppConfig(stage)).removal, stage).toBe(stageRemoval(stage).removal);
    expect(stageRemoval('production').removal).toBe('retain');
    expect(stageRemoval('dev').removal).toBe('remove');
  });

  it('production keeps the bucket and its settings (encryption, Block Public Access, TLS-only policy, lifecycle), the KMS key its objects are encrypted with, and the ANI hash secret; nothing else (found by review: the kept bucket lost its SSE-KMS default, Block Public Access and TLS-only policy)', () => {
    expect(production.errors).toEqual([]);
    expect(kept(production)).toEqual(
      [
        'aws:s3/bucket:Bucket CallsBucket',
        'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration CallsEncryption',
        'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock CallsPublicAccessBlock',
        'aws:s3/bucketPolicy:BucketPolicy CallsPolicy',
        'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration CallsLifecycle',
        'aws:kms/key:Key DebriefKey',
        'aws:secretsmanager/secret:Secret AniHashKey',
        'aws:secretsmanager/secretVersion:SecretVersion AniHashKeyVersion',
      ].sort(),
    );
    // The kept bucket is encrypted with the kept key.
    const enc = byType(
      production,
      'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
    )[0]!;
    expect(JSON.stringify(enc.inputs.rules)).toContain(
      arnOf(one(production, 'aws:kms/key:Key', 'DebriefKey')),
    );
    expect(one(production, 'aws:s3/bucket:Bucket', 'CallsBucket').inputs.forceDestroy).toBe(false);
    // The transform that keeps the public-access block still blocks everything.
    for (const run of [production, test])
      expect(
        one(run, 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock', 'CallsPublicAccessBlock').inputs,
      ).toMatchObject({
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
    expect(
      one(production, 'aws:secretsmanager/secret:Secret', 'AniHashKey').inputs.recoveryWindowInDays,
    ).toBe(30);
    expect(one(production, 'aws:athena/workgroup:Workgroup', 'Analytics').inputs.forceDestroy).toBe(false);
  });

  it('any other stage keeps nothing: the bucket is emptied and deleted, the key and the secret go', () => {
    expect(test.errors).toEqual([]);
    expect(kept(test)).toEqual([]);
    expect(one(test, 'aws:s3/bucket:Bucket', 'CallsBucket').inputs.forceDestroy).toBe(true);
    expect(one(test, 'aws:secretsmanager/secret:Secret', 'AniHashKey').inputs.recoveryWindowInDays).toBe(0);
    expect(one(test, 'aws:athena/workgroup:Workgroup', 'Analytics').inputs.forceDestroy).toBe(true);
  });
});

describe('sst.config.ts under Pulumi mocks (QuickSight on, summary switched off)', () => {
  let run: SstRun;
  const principal = 'arn:aws:quicksight:eu-west-1:123456789012:group/default/analysts';
  beforeAll(async () => {
    run = await runSstApp({
      stage: 'test',
      env: { DEBRIEF_QUICKSIGHT_PRINCIPALS: principal, DEBRIEF_SUMMARY_MODEL_ID: 'none' },
    });
  }, RUN_TIMEOUT);

  it('adds the set-up function, runs it after the views with the principals, and lets QuickSight read the lake', () => {
    expect(run.errors).toEqual([]);
    const setup = one(run, 'aws:lambda/invocation:Invocation', 'QuickSightSetup');
    expect(JSON.parse(String(setup.inputs.input))).toMatchObject({
      principals: [principal],
      workgroup: 'debrief-test',
      database: 'debrief_test',
      views: [
        'daily_overview',
        'topic_stats',
        'agent_stats',
        'pipeline_status',
        'queue_stats',
        'topic_daily',
        'category_daily',
        'daily_topic_mix',
        'role_daily',
        'topic_daily_totals',
        'queue_daily_totals',
        'metric_daily',
      ],
    });
    expect(
      one(run, 'aws:iam/rolePolicyAttachment:RolePolicyAttachment', 'QuickSightLakeRead').inputs,
    ).toMatchObject({
      role: 'aws-quicksight-service-role-v0',
      policyArn: arnOf(one(run, 'aws:iam/policy:Policy', 'AnalystPolicy')),
    });
  });

  it('a switched-off summary gets neither a model in the environment nor a Bedrock permission', () => {
    const role = one(run, 'aws:iam/role:Role', 'SummarizeCallRole');
    expect(String((role.inputs.inlinePolicies as { policy: string }[])[0]!.policy)).not.toContain('bedrock');
    const fn = one(run, 'aws:lambda/function:Function', 'SummarizeCallFunction');
    expect(
      (fn.inputs.environment as { variables: Record<string, string> }).variables.DEBRIEF_SUMMARY_MODEL_ID,
    ).toBe('none');
  });
});

describe('regression: issue 12 item 1', () => {
  it(
    "a second bucket policy next to SST's own is refused, as `sst deploy` refused the old config",
    async () => {
      const original = readFileSync(join(REPO, 'sst.config.ts'), 'utf8');
      const anchor = "new aws.s3.BucketNotification('CallsToEventBridge'";
      expect(original).toContain(anchor);
      const variant = original
        .replace(/'\.\/(infra|dashboards|schemas|workflows|adapters)\//g, "'../$1/")
        .replace(
          anchor,
          `new aws.s3.BucketPolicy('CallsTlsOnly', { bucket: bucket.name, policy: bucket.arn.apply((arn) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] })) });\n    ${anchor}`,
        );
      const run = await runSstApp({ stage: 'test', configFile: writeConfigVariant('item1', variant) });
      expect(run.errors.join('\n')).toMatch(
        /Cannot add bucket policy "CallsTlsOnly".*already has a policy attached/,
      );
    },
    RUN_TIMEOUT,
  );
});
