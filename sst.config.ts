/// <reference path="./.sst/platform/config.d.ts" />
// Thin on purpose: everything it builds (functions, IAM policies, the ASL, Glue tables, views)
// comes from plain functions in infra/ and workflows/ that the tests check. `sst deploy` needs
// an AWS account, so this file is not type-checked or run in CI (see README "Deploying to AWS").
export default $config({
  app(input) {
    return { name: 'debrief', home: 'aws', removal: input?.stage === 'production' ? 'retain' : 'remove' };
  },
  async run() {
    const { functionSpecs } = await import('./infra/functions.js');
    const { policyFor, bucketPolicy } = await import('./infra/iam.js');
    const { glueTables } = await import('./infra/glue.js');
    const { postCallDefinition, renderDefinition } = await import('./workflows/post-call-definition.js');

    const key = new aws.kms.Key('DebriefKey', { enableKeyRotation: true });
    const bucket = new sst.aws.Bucket('Calls', {
      transform: {
        bucket: { forceDestroy: $app.stage !== 'production' },
        publicAccessBlock: {
          blockPublicAcls: true,
          blockPublicPolicy: true,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
        },
      },
    });
    new aws.s3.BucketServerSideEncryptionConfigurationV2('CallsEncryption', {
      bucket: bucket.name,
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.arn } }],
    });
    new aws.s3.BucketPolicy('CallsTlsOnly', {
      bucket: bucket.name,
      policy: bucket.arn.apply((arn) => JSON.stringify(bucketPolicy(arn))),
    });
    new aws.s3.BucketNotification('CallsToEventBridge', { bucket: bucket.name, eventbridge: true });

    const aniHashKey = new sst.Secret('AniHashKey');
    const stateMachineName = `${$app.name}-${$app.stage}-post-call`;
    const stateMachineArn = $interpolate`arn:aws:states:${aws.getRegionOutput().name}:${aws.getCallerIdentityOutput().accountId}:stateMachine:${stateMachineName}`;

    const fns = Object.fromEntries(
      functionSpecs().map((spec) => {
        const policy = $resolve([bucket.arn, key.arn, stateMachineArn]).apply(
          ([bucketArn, kmsKeyArn, smArn]) =>
            policyFor(spec, {
              bucketArn,
              kmsKeyArn,
              stateMachineArn: smArn,
              topicsEndpointArn:
                process.env.DEBRIEF_TOPICS_ENDPOINT_ARN ?? 'arn:aws:sagemaker:*:*:endpoint/debrief-topics',
              summaryModelArns: [
                process.env.DEBRIEF_SUMMARY_MODEL_ARN ??
                  'arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0',
              ],
            }),
        );
        const fn = new sst.aws.Function(spec.name, {
          handler: spec.handler,
          runtime: 'nodejs22.x',
          memory: `${spec.memoryMb} MB`,
          timeout: `${spec.timeoutSeconds} seconds`,
          environment: {
            DEBRIEF_BUCKET: bucket.name,
            DEBRIEF_KMS_KEY_ID: key.arn,
            DEBRIEF_ANI_HASH_KEY: aniHashKey.value,
            DEBRIEF_STATE_MACHINE_ARN: stateMachineArn,
          },
          permissions: [],
          transform: {
            role: (args) => {
              args.inlinePolicies = [
                { name: 'least-privilege', policy: policy.apply((p) => JSON.stringify(p)) },
              ];
            },
          },
        });
        return [spec.name, fn];
      }),
    );

    const sfnRole = new aws.iam.Role('PostCallRole', {
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      }),
    });
    const taskArns = $resolve(Object.fromEntries(Object.entries(fns).map(([n, f]) => [n, f.arn])));
    new aws.iam.RolePolicy('PostCallInvoke', {
      role: sfnRole.id,
      policy: taskArns.apply((arns) =>
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: Object.values(arns) }],
        }),
      ),
    });
    new aws.sfn.StateMachine('PostCall', {
      name: stateMachineName,
      roleArn: sfnRole.arn,
      type: 'STANDARD',
      definition: taskArns.apply((arns) => renderDefinition(postCallDefinition(), arns as never)),
    });

    const rule = new aws.cloudwatch.EventRule('DropRule', {
      eventPattern: bucket.name.apply((name) =>
        JSON.stringify({
          source: ['aws.s3'],
          'detail-type': ['Object Created'],
          detail: { bucket: { name: [name] }, object: { key: [{ prefix: 'inbox/' }] } },
        }),
      ),
    });
    new aws.cloudwatch.EventTarget('DropTarget', { rule: rule.name, arn: fns.StartCall.arn });
    new aws.lambda.Permission('DropInvoke', {
      action: 'lambda:InvokeFunction',
      function: fns.StartCall.name,
      principal: 'events.amazonaws.com',
      sourceArn: rule.arn,
    });

    const nightly = new aws.cloudwatch.EventRule('NightlyCompaction', {
      scheduleExpression: 'cron(30 2 * * ? *)',
    });
    new aws.cloudwatch.EventTarget('NightlyCompactionTarget', {
      rule: nightly.name,
      arn: fns.CompactLake.arn,
    });
    new aws.lambda.Permission('NightlyCompactionInvoke', {
      action: 'lambda:InvokeFunction',
      function: fns.CompactLake.name,
      principal: 'events.amazonaws.com',
      sourceArn: nightly.arn,
    });

    const db = new aws.glue.CatalogDatabase('Lake', { name: `debrief_${$app.stage}`.replace(/-/g, '_') });
    bucket.name.apply((name) =>
      glueTables(name).map(
        (t) =>
          new aws.glue.CatalogTable(t.Name, {
            databaseName: db.name,
            name: t.Name,
            tableType: t.TableType,
            parameters: t.Parameters,
            partitionKeys: t.PartitionKeys.map((k) => ({ name: k.Name, type: k.Type })),
            storageDescriptor: {
              location: t.StorageDescriptor.Location,
              inputFormat: t.StorageDescriptor.InputFormat,
              outputFormat: t.StorageDescriptor.OutputFormat,
              serDeInfo: { serializationLibrary: t.StorageDescriptor.SerdeInfo.SerializationLibrary },
              columns: t.StorageDescriptor.Columns.map((c) => ({ name: c.Name, type: c.Type })),
            },
          }),
      ),
    );
    return { bucket: bucket.name, database: db.name };
  },
});
