/// <reference path="./.sst/platform/config.d.ts" />
// Thin on purpose: what it builds (function specs, IAM policies, the ASL, Glue tables, views,
// alarms, the Lambda environment) comes from plain functions in infra/ and workflows/. It is
// typechecked against the pinned SST's types and run under Pulumi's mocks by `npm run check`
// (test/contract/sst-app.test.ts). Configuration: DEBRIEF_* variables of the deploy shell
// (infra/config.ts, README "Deploying to AWS").
export default $config({
  app(input) {
    return {
      name: 'debrief',
      home: 'aws',
      // infra/stages.ts's PROTECTED_STAGES keep their buckets (and, below, the key and the ANI
      // secret); test/contract/sst-app.test.ts checks this list against it (app() stays import-free).
      removal: ['production', 'prod'].includes(input?.stage) ? 'retain' : 'remove',
      // Pinned: the versions SST 4.17.1's platform ships with.
      providers: { aws: '7.20.0', random: '4.16.6' },
    };
  },
  async run() {
    const { deployConfigFromEnv, lambdaEnvironment } = await import('./infra/config.js');
    const { functionSpecs } = await import('./infra/functions.js');
    const {
      analystPolicy,
      eraserPolicy,
      policyFor,
      producerPolicy,
      stateMachinePolicy,
      transcribeDataAccessPolicy,
      transcribeTrustPolicy,
      ATHENA_RESULTS_PREFIX,
    } = await import('./infra/iam.js');
    const { athenaViews, glueTableInput } = await import('./infra/glue.js');
    const { alarmSpecs, logMetricFilters, metricAlarmArgs } = await import('./infra/alarms.js');
    const { dashboardViewSql } = await import('./dashboards/view-files.js');
    const { loadCategories } = await import('./adapters/local/categories-file.js');
    const { tableNames } = await import('./schemas/tables.js');
    const { stageRemoval } = await import('./infra/stages.js');
    const { postCallDefinition, renderDefinition } = await import('./workflows/post-call-definition.js');
    const { reprocessDefinition, renderReprocessDefinition, REPROCESS_RESULTS_PREFIX } = await import(
      './workflows/reprocess-definition.js'
    );
    const { reprocessDefaultsFromEnv, reprocessPolicy } = await import('./infra/reprocess.js');
    const { TASK_NAMES } = await import('./workflows/tasks.js');

    const config = deployConfigFromEnv(process.env);
    const reprocessDefaults = reprocessDefaultsFromEnv(process.env);
    // SST runs this bundled, from the project root: the view SQL is read from there.
    const sqlDir = `${process.cwd()}/dashboards/sql`;
    const stage = $app.stage;
    const removal = stageRemoval(stage);
    const namePrefix = `${$app.name}-${stage}`;
    const region = aws.getRegionOutput().region;
    const account = aws.getCallerIdentityOutput().accountId;
    const partition = aws.getPartitionOutput().partition;

    const key = new aws.kms.Key(
      'DebriefKey',
      {
        description: `debrief ${stage}: calls bucket, ANI hash secret, Athena results`,
        enableKeyRotation: true,
      },
      // A kept bucket's objects are readable only with this key (README "Remove the stack").
      { retainOnDelete: removal.keepKey },
    );
    new aws.kms.Alias(
      'DebriefKeyAlias',
      { name: `alias/${namePrefix}`, targetKeyId: key.keyId },
      { retainOnDelete: removal.keepKeyAlias },
    );

    // SST's bucket already attaches the TLS-only policy (one policy per bucket: adding another
    // makes SST refuse the stack). No CORS: nothing reads the bucket from a browser.
    const bucket = new sst.aws.Bucket('Calls', {
      cors: false,
      lifecycle: [
        { id: 'work', prefix: 'work/', expiresIn: `${config.retentionDays.work} days` },
        { id: 'results', prefix: 'results/', expiresIn: `${config.retentionDays.results} days` },
        { id: 'quarantine', prefix: 'quarantine/', expiresIn: `${config.retentionDays.quarantine} days` },
        // Transcripts (and redacted audio) made from recordings live as long as the results.
        { id: 'transcripts', prefix: 'transcripts/', expiresIn: `${config.retentionDays.results} days` },
        // Which inputs each call last completed with (a repeated event is skipped), and call leases.
        { id: 'call-state', prefix: 'state/', expiresIn: `${config.retentionDays.results} days` },
        // Transcribe's own output is collected at once; whatever is left there is debris.
        { id: 'transcribe-output', prefix: 'transcribe-output/', expiresIn: '7 days' },
        // What each reprocess map run wrote per call (execution, status, output): a few months.
        {
          id: 'reprocess-results',
          prefix: `${REPROCESS_RESULTS_PREFIX}/`,
          expiresIn: `${config.retentionDays.quarantine} days`,
        },
        // Kept unredacted transcripts (opt-in) go with the quarantine retention: short.
        { id: 'unredacted', prefix: 'unredacted/', expiresIn: `${config.retentionDays.quarantine} days` },
        {
          id: 'athena-results',
          prefix: `${ATHENA_RESULTS_PREFIX}/`,
          expiresIn: `${config.retentionDays.athenaResults} days`,
        },
      ],
      // A kept bucket keeps its Block Public Access, TLS-only policy and lifecycle rules
      // (infra/stages.ts keepBucketSettings): each is a resource of its own that SST's retain
      // would delete. A function transform gets the resource options to set.
      transform: {
        bucket: { forceDestroy: removal.bucketForceDestroy },
        publicAccessBlock: (args, opts) => {
          Object.assign(args, {
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
          });
          opts.retainOnDelete = removal.keepBucketSettings;
        },
        policy: (_args, opts) => {
          opts.retainOnDelete = removal.keepBucketSettings;
        },
        lifecycle: (_args, opts) => {
          opts.retainOnDelete = removal.keepBucketSettings;
        },
      },
    });
    new aws.s3.BucketServerSideEncryptionConfiguration(
      'CallsEncryption',
      {
        bucket: bucket.name,
        // Bucket Keys: one KMS call per bucket key period instead of per object.
        rules: [
          {
            applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.arn },
            bucketKeyEnabled: true,
          },
        ],
      },
      // Without it, a kept bucket's new objects would be encrypted with S3's key, not this one.
      { retainOnDelete: removal.keepBucketSettings },
    );
    new aws.s3.BucketNotification('CallsToEventBridge', { bucket: bucket.name, eventbridge: true });

    // The ANI hash key: generated at deploy (nothing to set beforehand), 48 characters, kept in
    // Secrets Manager under the stack's key; functions get its ARN, never the value.
    const aniHashValue = new random.RandomPassword('AniHashKeyValue', { length: 48, special: false });
    const aniHashSecret = new aws.secretsmanager.Secret(
      'AniHashKey',
      {
        name: `${namePrefix}/ani-hash-key`,
        kmsKeyId: key.arn,
        recoveryWindowInDays: removal.secretRecoveryWindowDays,
      },
      { retainOnDelete: removal.keepAniHashSecret },
    );
    new aws.secretsmanager.SecretVersion(
      'AniHashKeyVersion',
      { secretId: aniHashSecret.id, secretString: aniHashValue.result },
      { retainOnDelete: removal.keepAniHashSecret },
    );

    const deadLetters = new aws.sqs.Queue('DropDeadLetters', {
      messageRetentionSeconds: 14 * 24 * 3600,
      sqsManagedSseEnabled: true,
    });

    const database = new aws.glue.CatalogDatabase('Lake', {
      name: `${$app.name}_${stage}`.replace(/-/g, '_'),
    });
    const workgroup = new aws.athena.Workgroup('Analytics', {
      name: namePrefix,
      forceDestroy: removal.workgroupForceDestroy,
      configuration: {
        enforceWorkgroupConfiguration: true,
        publishCloudwatchMetricsEnabled: true,
        resultConfiguration: {
          outputLocation: $interpolate`s3://${bucket.name}/${ATHENA_RESULTS_PREFIX}/`,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKeyArn: key.arn },
        },
      },
    });

    // The role Transcribe assumes: read recordings in inbox/, write its output to transcribe-output/.
    // Passing it also lets Transcribe queue jobs over the concurrency limit instead of refusing.
    const transcribeRole = new aws.iam.Role('TranscribeAccess', {
      assumeRolePolicy: account.apply((id) => JSON.stringify(transcribeTrustPolicy(id))),
      inlinePolicies: [
        {
          name: 'data-access',
          policy: $resolve({ bucketArn: bucket.arn, kmsKeyArn: key.arn }).apply((a) =>
            JSON.stringify(transcribeDataAccessPolicy(a)),
          ),
        },
      ],
    });

    const stateMachineName = `${namePrefix}-post-call`;
    const stateMachineArn = $interpolate`arn:${partition}:states:${region}:${account}:stateMachine:${stateMachineName}`;
    const arns = $resolve({
      partition,
      region,
      account,
      bucketArn: bucket.arn,
      bucket: bucket.name,
      kmsKeyArn: key.arn,
      stateMachineArn,
      aniHashSecretArn: aniHashSecret.arn,
      athenaWorkgroup: workgroup.name,
      glueDatabase: database.name,
      deadLetterQueueArn: deadLetters.arn,
      transcribeDataAccessRoleArn: transcribeRole.arn,
    }).apply((a) => ({ ...a, namePrefix }));
    const environment = arns.apply((a) =>
      lambdaEnvironment(config, {
        region: a.region,
        bucket: a.bucket,
        kmsKeyArn: a.kmsKeyArn,
        stateMachineArn: a.stateMachineArn,
        aniHashSecretArn: a.aniHashSecretArn,
        athenaWorkgroup: a.athenaWorkgroup,
        glueDatabase: a.glueDatabase,
        transcribeRoleArn: a.transcribeDataAccessRoleArn,
      }),
    );

    const specs = functionSpecs(config);
    const fns = Object.fromEntries(
      specs.map((spec) => {
        const policy = arns.apply((a) => JSON.stringify(policyFor(spec, a, config)));
        const fn = new sst.aws.Function(spec.name, {
          handler: spec.handler,
          runtime: 'nodejs22.x',
          memory: `${spec.memoryMb} MB`,
          timeout: `${spec.timeoutSeconds} seconds`,
          environment,
          logging: { format: 'json', retention: '3 months' },
          permissions: [],
          transform: {
            role: (args) => {
              args.inlinePolicies = [{ name: 'least-privilege', policy }];
            },
          },
        });
        return [spec.name, fn];
      }),
    );
    const fn = (name: string) => {
      const found = fns[name];
      if (!found) throw new Error(`no function ${name}`);
      return found;
    };

    // The state machine invokes the workflow's tasks and nothing else.
    const sfnRole = new aws.iam.Role('PostCallRole', {
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      }),
    });
    const taskArns = $resolve(Object.fromEntries(TASK_NAMES.map((t) => [t, fn(t).arn])));
    new aws.iam.RolePolicy('PostCallInvoke', {
      role: sfnRole.id,
      policy: taskArns.apply((a) => JSON.stringify(stateMachinePolicy(a))),
    });
    const postCall = new aws.sfn.StateMachine('PostCall', {
      name: stateMachineName,
      roleArn: sfnRole.arn,
      type: 'STANDARD',
      definition: taskArns.apply((a) => renderDefinition(postCallDefinition(), a as never)),
    });

    // Reprocessing (`debrief reprocess --aws`): a Distributed Map over the stored calls that runs
    // the post-call machine once per call (workflows/reprocess-definition.ts, infra/reprocess.ts).
    const reprocessName = `${namePrefix}-reprocess`;
    const reprocessArn = $interpolate`arn:${partition}:states:${region}:${account}:stateMachine:${reprocessName}`;
    const reprocessRole = new aws.iam.Role('ReprocessRole', {
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      }),
    });
    const reprocessGrant = new aws.iam.RolePolicy('ReprocessPolicy', {
      role: reprocessRole.id,
      policy: $resolve({
        partition,
        region,
        account,
        bucketArn: bucket.arn,
        kmsKeyArn: key.arn,
        postCallStateMachineArn: postCall.arn,
        reprocessStateMachineArn: reprocessArn,
      }).apply((a) => JSON.stringify(reprocessPolicy(a))),
    });
    new aws.sfn.StateMachine(
      'Reprocess',
      {
        name: reprocessName,
        roleArn: reprocessRole.arn,
        type: 'STANDARD',
        definition: $resolve([postCall.arn, bucket.name]).apply(([postCallStateMachineArn, name]) =>
          renderReprocessDefinition(reprocessDefinition(reprocessDefaults), {
            postCallStateMachineArn,
            bucket: name,
          }),
        ),
      },
      // The role has its grants before the state machine can run.
      { dependsOn: [reprocessGrant] },
    );

    // Drop trigger: EventBridge -> StartCall (asynchronous). A delivery EventBridge cannot make
    // and an invocation that still fails after Lambda's retries both land in the DLQ.
    const rule = new aws.cloudwatch.EventRule('DropRule', {
      eventPattern: bucket.name.apply((name) =>
        JSON.stringify({
          source: ['aws.s3'],
          'detail-type': ['Object Created'],
          detail: { bucket: { name: [name] }, object: { key: [{ prefix: 'inbox/' }] } },
        }),
      ),
    });
    new aws.sqs.QueuePolicy('DropDeadLettersPolicy', {
      queueUrl: deadLetters.url,
      policy: $resolve([deadLetters.arn, rule.arn]).apply(([queueArn, ruleArn]) =>
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Resource: queueArn,
              Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
            },
          ],
        }),
      ),
    });
    new aws.cloudwatch.EventTarget('DropTarget', {
      rule: rule.name,
      arn: fn('StartCall').arn,
      deadLetterConfig: { arn: deadLetters.arn },
      retryPolicy: { maximumEventAgeInSeconds: 24 * 3600, maximumRetryAttempts: 185 },
    });
    new aws.lambda.Permission('DropInvoke', {
      action: 'lambda:InvokeFunction',
      function: fn('StartCall').name,
      principal: 'events.amazonaws.com',
      sourceArn: rule.arn,
    });
    new aws.lambda.FunctionEventInvokeConfig('StartCallOnFailure', {
      functionName: fn('StartCall').name,
      maximumRetryAttempts: 2,
      maximumEventAgeInSeconds: 6 * 3600,
      destinationConfig: { onFailure: { destination: deadLetters.arn } },
    });

    const nightly = new aws.cloudwatch.EventRule('NightlyCompaction', {
      scheduleExpression: 'cron(30 2 * * ? *)',
    });
    new aws.cloudwatch.EventTarget('NightlyCompactionTarget', {
      rule: nightly.name,
      arn: fn('CompactLake').arn,
    });
    new aws.lambda.Permission('NightlyCompactionInvoke', {
      action: 'lambda:InvokeFunction',
      function: fn('CompactLake').name,
      principal: 'events.amazonaws.com',
      sourceArn: nightly.arn,
    });

    // Glue tables `raw_<table>` with partition projection, then the Athena views over them.
    const BUCKET = '__bucket__';
    const located = (s: string) => bucket.name.apply((b) => s.replaceAll(BUCKET, b));
    const tables = tableNames.map((name) => {
      const t = glueTableInput(name, BUCKET);
      return new aws.glue.CatalogTable(t.Name, {
        databaseName: database.name,
        name: t.Name,
        description: t.Description,
        tableType: t.TableType,
        parameters: Object.fromEntries(Object.entries(t.Parameters).map(([k, v]) => [k, located(v)])),
        partitionKeys: t.PartitionKeys.map((k) => ({ name: k.Name, type: k.Type })),
        storageDescriptor: {
          location: located(t.StorageDescriptor.Location),
          inputFormat: t.StorageDescriptor.InputFormat,
          outputFormat: t.StorageDescriptor.OutputFormat,
          serDeInfo: { serializationLibrary: t.StorageDescriptor.SerdeInfo.SerializationLibrary },
          columns: t.StorageDescriptor.Columns.map((c) => ({ name: c.Name, type: c.Type })),
        },
      });
    });
    // Run at deploy; runs again whenever the views' SQL (or the columns it selects) changes.
    // Call categories as code: the same file the embedded engine evaluates locally.
    new aws.lambda.Invocation('TranscribeCategories', {
      functionName: fn('SyncCategories').name,
      input: JSON.stringify({ categories: await loadCategories() }),
    });
    const views = new aws.lambda.Invocation(
      'AthenaViews',
      { functionName: fn('CreateViews').name, input: JSON.stringify({ views: athenaViews(sqlDir) }) },
      { dependsOn: [...tables, workgroup] },
    );

    // For people: attach these managed policies to analysts and to whatever drops calls.
    const analyst = new aws.iam.Policy('AnalystPolicy', {
      name: `${namePrefix}-analyst`,
      description: 'Query the debrief lake in Athena (workgroup, Glue, lake read, encrypted results)',
      policy: arns.apply((a) => JSON.stringify(analystPolicy(a))),
    });
    const producer = new aws.iam.Policy('ProducerPolicy', {
      name: `${namePrefix}-producer`,
      description: 'Drop calls into inbox/ of the debrief bucket (encrypted with its key)',
      policy: arns.apply((a) => JSON.stringify(producerPolicy(a))),
    });
    // `debrief forget --aws`: for the operator who erases calls (it deletes them).
    const eraser = new aws.iam.Policy('EraserPolicy', {
      name: `${namePrefix}-eraser`,
      description: 'Erase calls with debrief forget --aws (delete their objects, tombstone, compact)',
      policy: $resolve({ a: arns, compactArn: fn('CompactLake').arn }).apply(({ a, compactArn }) =>
        JSON.stringify(eraserPolicy(a, compactArn)),
      ),
    });

    let dashboard: $util.Output<string> | undefined;
    if (config.quicksight) {
      const qs = config.quicksight;
      new aws.iam.RolePolicyAttachment('QuickSightLakeRead', {
        role: qs.serviceRole,
        policyArn: analyst.arn,
      });
      const setup = new aws.lambda.Invocation(
        'QuickSightSetup',
        {
          functionName: fn('SetupQuickSight').name,
          input: arns.apply((a) =>
            JSON.stringify({
              accountId: a.account,
              region: a.region,
              partition: a.partition,
              namePrefix,
              workgroup: a.athenaWorkgroup,
              database: a.glueDatabase,
              principals: qs.principals,
              views: dashboardViewSql(sqlDir).map((v) => v.name),
            }),
          ),
        },
        { dependsOn: [views] },
      );
      dashboard = $interpolate`https://${region}.quicksight.aws.amazon.com/sn/dashboards/${namePrefix}-overview#${setup.id}`;
    }

    // Operations: alarms to one topic (subscribe e-mail addresses with DEBRIEF_ALARM_EMAILS).
    const alarms = new aws.sns.Topic('Alarms', { name: `${namePrefix}-alarms` });
    config.alarmEmails.forEach((email, i) => {
      new aws.sns.TopicSubscription(`AlarmEmail${i}`, {
        topic: alarms.arn,
        protocol: 'email',
        endpoint: email,
      });
    });
    // SST names each function's log group /aws/lambda/<function name>.
    for (const filter of logMetricFilters(stage)) {
      new aws.cloudwatch.LogMetricFilter(
        filter.name,
        {
          logGroupName: $interpolate`/aws/lambda/${fn(filter.functionName).name}`,
          pattern: filter.pattern,
          metricTransformation: {
            namespace: filter.namespace,
            name: filter.metricName,
            value: '1',
            unit: 'Count',
          },
        },
        { dependsOn: [fn(filter.functionName)] },
      );
    }
    const functionNames = Object.fromEntries(specs.map((s) => [s.name, fn(s.name).name]));
    for (const spec of alarmSpecs({
      stage,
      stateMachineArn,
      reprocessStateMachineArn: reprocessArn,
      functionNames,
      deadLetterQueueName: deadLetters.name,
    })) {
      new aws.cloudwatch.MetricAlarm(`Alarm${spec.name}`, {
        name: `${namePrefix}-${spec.name}`,
        alarmActions: [alarms.arn],
        okActions: [alarms.arn],
        ...metricAlarmArgs(spec),
      });
    }

    return {
      bucket: bucket.name,
      database: database.name,
      workgroup: workgroup.name,
      stateMachine: stateMachineArn,
      reprocessStateMachine: reprocessArn,
      alarmsTopic: alarms.arn,
      deadLetterQueue: deadLetters.url,
      analystPolicy: analyst.arn,
      producerPolicy: producer.arn,
      eraserPolicy: eraser.arn,
      compactLakeFunction: fn('CompactLake').name,
      ...(dashboard ? { dashboard } : {}),
    };
  },
});
