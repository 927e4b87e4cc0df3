import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionSpecs } from '../../infra/functions.js';
import { athenaViews, glueTableInput, glueTables } from '../../infra/glue.js';
import {
  bucketPolicy,
  policyFor,
  transcribeDataAccessPolicy,
  transcribeTrustPolicy,
} from '../../infra/iam.js';
import { dataColumnsOf } from '../../schemas/table.js';
import { tables } from '../../schemas/tables.js';
import { TASK_NAMES } from '../../workflows/tasks.js';
import { REPO } from '../helpers/paths.js';

const arns = {
  bucketArn: 'arn:aws:s3:::calls',
  kmsKeyArn: 'arn:aws:kms:us-east-1:1:key/k',
  stateMachineArn: 'arn:aws:states:us-east-1:1:stateMachine:pc',
  topicsEndpointArn: 'arn:aws:sagemaker:us-east-1:1:endpoint/debrief-topics',
  summaryModelArns: ['arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0'],
  transcribeDataAccessRoleArn: 'arn:aws:iam::1:role/debrief-transcribe',
  transcribeJobArnPrefix: 'arn:aws:transcribe:us-east-1:1',
};

describe('infrastructure derived from code', () => {
  it('has one function per workflow task plus the trigger, each pointing at an existing handler file', () => {
    const specs = functionSpecs();
    expect(specs.map((s) => s.name)).toEqual([...TASK_NAMES, 'StartCall', 'CompactLake']);
    for (const s of specs)
      expect(existsSync(join(REPO, s.handler.replace(/\.handler$/, '.ts'))), s.handler).toBe(true);
  });

  it('grants each function only its own prefixes and verbs (no wildcards on actions or the whole bucket)', () => {
    for (const spec of functionSpecs()) {
      const policy = policyFor(spec, arns);
      for (const st of policy.Statement) {
        expect(
          st.Action.every((a) => !a.endsWith('*')),
          `${spec.name} ${st.Action}`,
        ).toBe(true);
        expect(st.Resource).not.toContain('arn:aws:s3:::calls/*');
        // Only Comprehend's toxicity API lacks resource-level permissions.
        if (st.Resource.includes('*')) expect(st.Action).toEqual(['comprehend:DetectToxicContent']);
      }
    }
    const load = policyFor(functionSpecs().find((s) => s.name === 'LoadCall')!, arns);
    expect([...new Set(load.Statement.flatMap((s) => s.Action))].sort()).toEqual([
      'kms:Decrypt',
      'kms:GenerateDataKey',
      's3:GetObject',
      's3:ListBucket',
      's3:PutObject',
    ]);
    const start = policyFor(functionSpecs().find((s) => s.name === 'StartCall')!, arns);
    expect(start.Statement).toEqual([
      { Effect: 'Allow', Action: ['states:StartExecution'], Resource: [arns.stateMachineArn] },
    ]);
  });

  it('lets the transcription functions start, read and collect Transcribe jobs, and nothing else', () => {
    const actions = (name: string) =>
      policyFor(functionSpecs().find((s) => s.name === name)!, arns)
        .Statement.flatMap((s) => s.Action)
        .sort();
    expect(actions('StartTranscription')).toEqual([
      'iam:PassRole',
      'kms:Decrypt',
      'kms:GenerateDataKey',
      's3:GetObject',
      's3:ListBucket',
      'transcribe:StartCallAnalyticsJob',
      'transcribe:StartTranscriptionJob',
    ]);
    const start = policyFor(functionSpecs().find((s) => s.name === 'StartTranscription')!, arns);
    expect(start.Statement.find((s) => s.Action.includes('iam:PassRole'))).toEqual({
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: [arns.transcribeDataAccessRoleArn],
      Condition: { StringEquals: { 'iam:PassedToService': 'transcribe.amazonaws.com' } },
    });
    const get = policyFor(functionSpecs().find((s) => s.name === 'GetTranscription')!, arns);
    expect(
      get.Statement.flatMap((s) => s.Resource)
        .filter((r) => r.startsWith('arn:aws:s3'))
        .sort(),
    ).toEqual([
      'arn:aws:s3:::calls/transcribe-output/*',
      'arn:aws:s3:::calls/transcripts/*',
      'arn:aws:s3:::calls/unredacted/*',
    ]);
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

  it('denies non-TLS access to the bucket', () => {
    expect(bucketPolicy(arns.bucketArn).Statement[0]).toMatchObject({
      Effect: 'Deny',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  it('Glue columns are the Parquet data columns of each row schema, dt as a projected partition', () => {
    const calls = glueTableInput('calls', 'bkt');
    expect(calls.StorageDescriptor.Columns.map((c) => c.Name)).toEqual(
      dataColumnsOf(tables.calls).map((c) => c.name),
    );
    expect(calls.StorageDescriptor.Columns.find((c) => c.Name === 'duration_ms')?.Type).toBe('bigint');
    expect(calls.StorageDescriptor.Columns.find((c) => c.Name === 'started_at')?.Type).toBe('timestamp');
    expect(calls.PartitionKeys).toEqual([{ Name: 'dt', Type: 'string' }]);
    expect(calls.Parameters['storage.location.template']).toBe(`s3://bkt/lake/calls/dt=\${dt}/`);
    expect(glueTableInput('call_status', 'bkt').PartitionKeys).toEqual([]);
    expect(glueTables('bkt')).toHaveLength(Object.keys(tables).length);
  });

  it('Athena gets the same views as DuckDB: latest rows per table, then the dashboard views', () => {
    const names = athenaViews().map((v) => v.name);
    expect(names.slice(0, 5)).toEqual(Object.keys(tables));
    expect(names).toContain('topic_stats');
    expect(athenaViews()[0]?.sql).toMatch(/from raw_calls t join/);
  });
});
