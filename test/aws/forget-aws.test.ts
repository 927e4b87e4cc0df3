import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
} from '@aws-sdk/client-lambda';
import {
  DeleteObjectCommand,
  type DeleteObjectCommandInput,
  DeleteObjectsCommand,
  type DeleteObjectsCommandInput,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DuckDBInstance } from '@duckdb/node-api';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findCompactLakeFunction } from '../../adapters/aws/compact-lake-function.js';
import { DeleteObjectsError } from '../../adapters/aws/s3-delete-keys.js';
import { S3ObjectStore } from '../../adapters/aws/s3-object-store.js';
import { compactUnderLease } from '../../adapters/lake/compaction-lease.js';
import { decodeRows, encodeRows } from '../../adapters/lake/parquet-codec.js';
import { ParquetLake } from '../../adapters/lake/parquet-lake.js';
import {
  CallRunningError,
  CompactionFailedError,
  forgetAwsRows,
  forgetCallsAws,
  TombstoneNotLatestError,
} from '../../cli/commands/forget-aws.js';
import { UnknownCallError } from '../../cli/commands/forget-common.js';
import { buildCli } from '../../cli/debrief.js';
import { acquireCallLease, recordDone } from '../../core/call-lease.js';
import { transcriptionJobName } from '../../core/transcription/transcription-plan.js';
import { type Arns, eraserPolicy } from '../../infra/iam.js';
import { tables } from '../../schemas/tables.js';
import { FAKE_AWS_CONFIG } from '../helpers/aws.js';
import { missing, type Need } from '../helpers/iam-eval.js';
import { tempDir } from '../helpers/paths.js';
import { type BucketModel, type BucketRequest, mockBucket } from '../helpers/s3-bucket.js';
import { at, later, quarantine, statusRow, writeCall } from '../lake/lake-rows.js';

/**
 * `debrief forget --aws` against the SDK: the bucket is the in-memory S3 model (every request
 * answered as S3 documents it, DeleteObjects included), CompactLake's invocation runs the real
 * compaction (compactUnderLease, as functions/compact-lake.ts does) over that bucket, and the
 * state machine's running executions are what the test says.
 */
const BUCKET = 'debrief-dev-callsbucket-abc';
const FUNCTION = 'debrief-dev-CompactLakeFunction-xk3v9qzt';
const STATE_MACHINE = 'arn:aws:states:us-east-1:111122223333:stateMachine:debrief-dev-post-call';
const KMS = 'arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-aaaa-bbbb-cccc-000000000001';

const s3 = mockClient(S3Client);
const lambda = mockClient(LambdaClient);
const sfn = mockClient(SFNClient);
const clients = () => ({
  s3: new S3Client(FAKE_AWS_CONFIG),
  lambda: new LambdaClient(FAKE_AWS_CONFIG),
  sfn: new SFNClient(FAKE_AWS_CONFIG),
});
const store = () => new S3ObjectStore(new S3Client(FAKE_AWS_CONFIG), BUCKET);
const lake = () => new ParquetLake(store(), 'lake');
const put = (key: string, body = '{}') => store().put(key, body);

let bucket: BucketModel;
/** While CompactLake's compaction runs: its requests are the function's, not the command's. */
let inFunction = false;
let failDelete: (key: string) => string | null;
const tmp: string[] = [];

/** DeleteObjects as S3 answers it: each key deleted unless failDelete names an error; Quiet lists errors only. */
const mockDeleteObjects = () =>
  s3.on(DeleteObjectsCommand).callsFake((input: DeleteObjectsCommandInput) => {
    const errors: { Key: string; Code: string; Message: string }[] = [];
    const deleted: { Key: string }[] = [];
    for (const { Key } of input.Delete?.Objects ?? []) {
      const code = failDelete(String(Key));
      if (code) errors.push({ Key: String(Key), Code: code, Message: 'Access Denied' });
      else {
        bucket.objects.delete(String(Key));
        deleted.push({ Key: String(Key) });
      }
    }
    return {
      ...(input.Delete?.Quiet ? {} : { Deleted: deleted }),
      ...(errors.length ? { Errors: errors } : {}),
    };
  });

beforeEach(() => {
  s3.reset();
  lambda.reset();
  sfn.reset();
  bucket = mockBucket(s3);
  failDelete = () => null;
  mockDeleteObjects();
  lambda.on(ListFunctionsCommand).resolves({
    Functions: [{ FunctionName: 'debrief-dev-StartCallFunction-aaaa1111' }, { FunctionName: FUNCTION }],
  });
  lambda.on(GetFunctionConfigurationCommand).resolves({
    FunctionName: FUNCTION,
    Environment: {
      Variables: {
        DEBRIEF_BUCKET: BUCKET,
        DEBRIEF_KMS_KEY_ID: KMS,
        DEBRIEF_STATE_MACHINE_ARN: STATE_MACHINE,
      },
    },
  });
  // CompactLake: the real compaction of the day over the bucket, its outcome as the payload.
  lambda.on(InvokeCommand).callsFake(async (input: { Payload: Uint8Array }) => {
    const { dt } = JSON.parse(new TextDecoder().decode(input.Payload)) as { dt: string };
    inFunction = true;
    const outcome = await compactUnderLease(store(), {
      dts: [dt],
      owner: 'test-invocation',
      now: later(200),
      ttlMs: 60_000,
    }).finally(() => {
      inFunction = false;
    });
    return { StatusCode: 200, Payload: new TextEncoder().encode(JSON.stringify(outcome)) };
  });
  sfn.on(ListExecutionsCommand).resolves({ executions: [] });
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
  for (const dir of tmp.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const JOB = 'call-1-0123456789abcdef';
/** Everything the pipeline leaves in the bucket for call-1 (processed on 2026-03-02), and call-10's beside it. */
const seed = async () => {
  await writeCall(lake(), 'call-1', at(0), { dt: '2026-03-02' });
  await writeCall(lake(), 'call-10', at(1), { dt: '2026-03-02' });
  const of1 = [
    'inbox/call-1.wav',
    'inbox/call-1.ctr.json',
    'transcripts/call-1/call-1-0123456789abcdef.tca.json',
    'transcripts/call-1/call-1-0123456789abcdef.redacted.wav',
    `transcribe-output/${JOB}/redacted-${JOB}.json`,
    'work/call-1/merged.json',
    'results/dt=2026-03-02/call-1.json',
    'results/enriched/call-1.json',
    'quarantine/call-1/report.json',
  ];
  for (const key of of1) await put(key);
  await recordDone(store(), 'call-1', 'f'.repeat(64), at(0), 'crc64nvme-aaaaaaaaaaaa');
  await put(
    'state/recordings/crc64nvme-aaaaaaaaaaaa.json',
    JSON.stringify({ callId: 'call-1', token: 't1', claimedAt: at(0) }),
  );
  const of10 = [
    'inbox/call-10.wav',
    'transcripts/call-10/call-10-0123456789abcdef.tca.json',
    'transcribe-output/call-10-0123456789abcdef/redacted.json',
    'work/call-10/merged.json',
    'results/dt=2026-03-02/call-10.json',
    'results/enriched/call-10.json',
    'state/done/call-10.json',
    'state/recordings/crc64nvme-bbbbbbbbbbbb.json',
  ];
  for (const key of of10)
    await put(
      key,
      key.includes('recordings')
        ? JSON.stringify({ callId: 'call-10', token: 't2', claimedAt: at(1) })
        : '{}',
    );
  s3.resetHistory();
  return { of1, of10 };
};

/** The requests of one kind the test's S3 client sent. */
const sent = <T>(command: new (input: T) => unknown) =>
  s3.commandCalls(command as never).map((c) => c.args[0].input as T);

/** Rows of the objects under a prefix (every table's Parquet), for one call. */
const storedRows = async (prefix: string, callId: string, table: keyof typeof tables) => {
  let n = 0;
  for (const [key, o] of bucket.objects)
    if (key.startsWith(prefix) && key.endsWith('.parquet'))
      n += (await decodeRows(tables[table], o.body)).filter((r) => r.call_id === callId).length;
  return n;
};

/** A Parquet object as DuckDB reads it. */
const readParquet = async (bytes: Uint8Array): Promise<Record<string, unknown>[]> => {
  const dir = tempDir('forget-aws');
  tmp.push(dir);
  const file = join(dir, 'tombstone.parquet');
  writeFileSync(file, bytes);
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  try {
    const reader = await db.runAndReadAll(`select * from read_parquet('${file}')`);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    db.closeSync();
    instance.closeSync();
  }
};

describe('debrief forget --aws', () => {
  it('writes the tombstone, deletes every object of the call (one DeleteObjects per kind), compacts its day; its neighbour call-10 keeps everything', async () => {
    const { of1, of10 } = await seed();
    expect(await storedRows('lake/calls/', 'call-1', 'calls')).toBe(1);

    const report = await forgetCallsAws({
      callIds: ['call-1'],
      stage: 'dev',
      clients: clients(),
      now: () => at(100),
    });

    // The stack was found by name, its bucket read from the function's environment.
    expect(lambda.commandCalls(GetFunctionConfigurationCommand)[0]?.args[0].input).toEqual({
      FunctionName: FUNCTION,
    });
    // Before anything is written, and again once the objects are gone (none started meanwhile).
    const listing = {
      stateMachineArn: STATE_MACHINE,
      statusFilter: 'RUNNING',
      maxResults: 1000,
      nextToken: undefined,
    };
    expect(sfn.commandCalls(ListExecutionsCommand).map((c) => c.args[0].input)).toEqual([listing, listing]);
    // Listed: the call's own prefixes, and inbox/, results/ and the claims once.
    const prefixes = new Set(sent(ListObjectsV2Command).map((i) => i.Prefix));
    for (const p of [
      'lake/call_status/',
      'inbox/',
      'results/',
      'state/recordings/',
      'transcripts/call-1/',
      'unredacted/call-1/',
      'transcribe-output/call-1-',
      'work/call-1/',
      'quarantine/call-1/',
      'state/leases/call-1.json',
      'state/done/call-1.json',
    ])
      expect(prefixes, p).toContain(p);
    expect(sent(ListObjectsV2Command).every((i) => i.Bucket === BUCKET)).toBe(true);

    // The tombstone: one object of lake/call_status/, written with the stack's key, its row read back by DuckDB.
    const puts = sent(PutObjectCommand).filter((i) => String(i.Key).startsWith('lake/call_status/c-call-1.'));
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({ Bucket: BUCKET, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: KMS });
    expect(await readParquet(puts[0]?.Body as Uint8Array)).toEqual([
      {
        call_id: 'call-1',
        state: 'forgotten',
        reason: null,
        stage: null,
        error_name: null,
        dt: null,
        sources: '',
        updated_at: new Date(at(100)),
        superseded_dts: null,
      },
    ]);

    // Exactly the call's objects went, kind by kind, Transcribe's output first, the state last.
    expect(sent(DeleteObjectsCommand).map((i) => i.Delete?.Objects?.map((o) => o.Key))).toEqual([
      [`transcribe-output/${JOB}/redacted-${JOB}.json`],
      ['inbox/call-1.ctr.json', 'inbox/call-1.wav'],
      [
        'transcripts/call-1/call-1-0123456789abcdef.redacted.wav',
        'transcripts/call-1/call-1-0123456789abcdef.tca.json',
      ],
      ['results/dt=2026-03-02/call-1.json'],
      ['results/enriched/call-1.json'],
      ['work/call-1/merged.json'],
      ['quarantine/call-1/report.json'],
      ['state/done/call-1.json'],
    ]);
    expect(sent(DeleteObjectsCommand).every((i) => i.Bucket === BUCKET && i.Delete?.Quiet === true)).toBe(
      true,
    );
    // The claim on its recording: alone, only as the version that named the call (If-Match).
    // (CompactLake's own deletes are the lake's.)
    expect(
      sent<DeleteObjectCommandInput>(DeleteObjectCommand).filter((i) => !String(i.Key).startsWith('lake/')),
    ).toEqual([
      {
        Bucket: BUCKET,
        Key: 'state/recordings/crc64nvme-aaaaaaaaaaaa.json',
        IfMatch: expect.stringMatching(/^"[0-9a-f]+"$/),
      },
    ]);
    for (const key of [...of1, 'state/done/call-1.json', 'state/recordings/crc64nvme-aaaaaaaaaaaa.json'])
      expect(bucket.objects.has(key), key).toBe(false);
    for (const key of of10) expect(bucket.objects.has(key), key).toBe(true);

    // CompactLake ran for its day: the Parquet files no longer hold its rows, call-10's are all there.
    expect(lambda.commandCalls(InvokeCommand).map((c) => c.args[0].input)).toEqual([
      {
        FunctionName: FUNCTION,
        InvocationType: 'RequestResponse',
        Payload: new TextEncoder().encode('{"dt":"2026-03-02"}'),
      },
    ]);
    for (const table of ['calls', 'turns', 'call_agents'] as const) {
      expect(await storedRows(`lake/${table}/`, 'call-1', table), table).toBe(0);
      expect(await storedRows(`lake/${table}/`, 'call-10', table), table).toBeGreaterThan(0);
    }
    expect((await lake().statuses()).get('call-1')).toEqual({ updatedAt: at(100), state: 'forgotten' });

    expect(report.compactions).toEqual([{ dt: '2026-03-02', outcome: 'compacted', superseded: 4 }]);
    expect(forgetAwsRows(report)).toEqual([
      ['call-1', 'lake: hidden now (tombstone)', 'lake/call_status/', 1],
      ['call-1', 'lake rows: dropped by CompactLake', 'dt=2026-03-02', 1],
      ['call-1', "Transcribe's output", 'transcribe-output/<job>/', 1],
      ['call-1', 'staged inputs', 'inbox/', 2],
      ['call-1', 'transcripts and redacted audio', 'transcripts/<call>/', 2],
      ['call-1', 'result documents', 'results/dt=*/', 1],
      ['call-1', 'enriched document (--from post-process)', 'results/enriched/', 1],
      ['call-1', 'working documents', 'work/<call>/', 1],
      ['call-1', 'quarantine report and kept inputs', 'quarantine/<call>/', 1],
      ['call-1', 'duplicate-recording claims', 'state/recordings/', 1],
      ['call-1', 'call lease and last-inputs record', 'state/', 1],
    ]);
  });

  it('refuses an unknown id before any write, naming it', async () => {
    await seed();
    const run = forgetCallsAws({ callIds: ['call-1', 'call-404'], stage: 'dev', clients: clients() });
    await expect(run).rejects.toThrow(UnknownCallError);
    await expect(run).rejects.toThrow(/no call "call-404" in s3:\/\/debrief-dev-callsbucket-abc/);
    expect(sent(PutObjectCommand)).toEqual([]);
    expect(sent(DeleteObjectsCommand)).toEqual([]);
    expect(lambda.commandCalls(InvokeCommand)).toEqual([]);
  });

  it('refuses a call being processed: its lease held, or an execution its files started running', async () => {
    await seed();
    await acquireCallLease(store(), 'call-1', 'token-1', new Date().toISOString());
    s3.resetHistory();
    await expect(forgetCallsAws({ callIds: ['call-1'], stage: 'dev', clients: clients() })).rejects.toThrow(
      new CallRunningError([{ callId: 'call-1', why: 'its lease state/leases/call-1.json is held' }]),
    );
    expect(sent(PutObjectCommand)).toEqual([]);
    expect(sent(DeleteObjectsCommand)).toEqual([]);

    bucket.objects.delete('state/leases/call-1.json');
    // Two pages: call-10's execution on the first, call-1's on the second.
    sfn
      .on(ListExecutionsCommand)
      .callsFake((input: { nextToken?: string }) =>
        input.nextToken === 'p2'
          ? { executions: [{ name: 'call-1-8899aabbccddeeff' }] }
          : { executions: [{ name: 'call-10-00112233445566aa' }], nextToken: 'p2' },
      );
    const run = forgetCallsAws({ callIds: ['call-1'], stage: 'dev', clients: clients() });
    await expect(run).rejects.toThrow(
      /"call-1" is being processed \(execution call-1-8899aabbccddeeff is running\)/,
    );
    expect(sfn.commandCalls(ListExecutionsCommand).at(-1)?.args[0].input).toMatchObject({ nextToken: 'p2' });
    expect(sent(PutObjectCommand)).toEqual([]);
    expect(sent(DeleteObjectsCommand)).toEqual([]);
    expect(lambda.commandCalls(InvokeCommand)).toEqual([]);
  });

  it('--dry-run lists what would go and sends no write', async () => {
    const { of1 } = await seed();
    const report = await forgetCallsAws({
      callIds: ['call-1'],
      dryRun: true,
      stage: 'dev',
      clients: clients(),
    });
    expect(report.calls[0]?.traces.flatMap((t) => t.keys).sort()).toEqual(
      [...of1, 'state/done/call-1.json', 'state/recordings/crc64nvme-aaaaaaaaaaaa.json'].sort(),
    );
    expect(report.calls[0]?.days).toEqual(['2026-03-02']);
    expect(forgetAwsRows(report).slice(0, 2)).toEqual([
      ['call-1', 'lake: would be hidden (tombstone)', 'lake/call_status/', 0],
      ['call-1', 'lake rows: CompactLake would drop them', 'dt=2026-03-02', 1],
    ]);
    expect(sent(PutObjectCommand)).toEqual([]);
    expect(sent(DeleteObjectsCommand)).toEqual([]);
    expect(lambda.commandCalls(InvokeCommand)).toEqual([]);
    for (const key of of1) expect(bucket.objects.has(key), key).toBe(true);
  });

  it('killed after the tombstone, a second run deletes the rest without writing a second tombstone', async () => {
    await seed();
    const crash = forgetCallsAws({
      callIds: ['call-1'],
      stage: 'dev',
      clients: clients(),
      now: () => at(100),
      beforeStep: (_, step) => {
        if (step === 'working documents') throw new Error('killed');
      },
    });
    await expect(crash).rejects.toThrow('killed');
    expect(bucket.objects.has('work/call-1/merged.json')).toBe(true);
    expect(bucket.objects.has('inbox/call-1.wav')).toBe(false);
    s3.resetHistory();

    const report = await forgetCallsAws({
      callIds: ['call-1'],
      stage: 'dev',
      clients: clients(),
      now: () => at(200),
    });
    expect(sent(PutObjectCommand).filter((i) => String(i.Key).startsWith('lake/call_status/c-'))).toEqual([]);
    expect(report.calls[0]).toMatchObject({
      stateBefore: 'forgotten',
      tombstone: false,
      days: ['2026-03-02'],
    });
    expect(sent(DeleteObjectsCommand).map((i) => i.Delete?.Objects?.map((o) => o.Key))).toEqual([
      ['work/call-1/merged.json'],
      ['quarantine/call-1/report.json'],
      ['state/done/call-1.json'],
    ]);
    expect(
      sent<DeleteObjectCommandInput>(DeleteObjectCommand)
        .map((i) => String(i.Key))
        .filter((k) => !k.startsWith('lake/')),
    ).toEqual(['state/recordings/crc64nvme-aaaaaaaaaaaa.json']);
    expect(await storedRows('lake/calls/', 'call-1', 'calls')).toBe(0);
    expect(forgetAwsRows(report)[0]).toEqual([
      'call-1',
      'lake: already forgotten (tombstone in call_status)',
      'lake/call_status/',
      0,
    ]);
  });

  it('deletes 2500 objects of a call in pages: listed 1000 at a time, deleted 1000 keys a request', async () => {
    await seed();
    const pages = mockBucket(s3, 1000);
    // The same model, refilled: mockBucket replaced the handlers, so copy the seeded objects over.
    for (const [key, o] of bucket.objects) pages.objects.set(key, o);
    bucket = pages;
    mockDeleteObjects();
    const keys = Array.from(
      { length: 2500 },
      (_, i) => `work/call-1/part-${String(i).padStart(4, '0')}.json`,
    );
    for (const key of keys) bucket.objects.set(key, { body: new Uint8Array(), etag: `"${key}"` });
    s3.resetHistory();

    await forgetCallsAws({ callIds: ['call-1'], stage: 'dev', clients: clients(), now: () => at(100) });
    const workLists = sent(ListObjectsV2Command).filter((i) => i.Prefix === 'work/call-1/');
    const all = ['work/call-1/merged.json', ...keys]; // in key order, as S3 lists them
    expect(workLists.map((i) => i.ContinuationToken)).toEqual([undefined, all[999], all[1999]]);
    const workDeletes = sent(DeleteObjectsCommand)
      .map((i) => i.Delete?.Objects?.map((o) => String(o.Key)) ?? [])
      .filter((batch) => batch[0]?.startsWith('work/'));
    expect(workDeletes.map((b) => b.length)).toEqual([1000, 1000, 501]);
    expect(workDeletes.flat()).toEqual([...keys, 'work/call-1/merged.json'].sort());
    expect([...bucket.objects.keys()].filter((k) => k.startsWith('work/call-1/'))).toEqual([]);
  });

  it('a DeleteObjects that answers errors for some keys fails loudly, naming them, after trying every batch', async () => {
    await seed();
    failDelete = (key) => (key === 'inbox/call-1.wav' ? 'AccessDenied' : null);
    const run = forgetCallsAws({ callIds: ['call-1'], stage: 'dev', clients: clients(), now: () => at(100) });
    await expect(run).rejects.toThrow(DeleteObjectsError);
    await expect(
      forgetCallsAws({ callIds: ['call-1'], stage: 'dev', clients: clients(), now: () => at(100) }),
    ).rejects.toThrow(`s3://${BUCKET}: 1 object not deleted: inbox/call-1.wav: AccessDenied (Access Denied)`);
    // The other key of the batch went; nothing after the failing kind was touched, the day not compacted.
    expect(bucket.objects.has('inbox/call-1.ctr.json')).toBe(false);
    expect(bucket.objects.has('work/call-1/merged.json')).toBe(true);
    expect(lambda.commandCalls(InvokeCommand)).toEqual([]);
  });

  it('a day another compaction holds is reported, not compacted; a CompactLake that fails is an error', async () => {
    await seed();
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      Payload: new TextEncoder().encode(
        JSON.stringify({ skipped: true, heldBy: { owner: 'nightly' } }),
      ) as never,
    });
    const report = await forgetCallsAws({
      callIds: ['call-1'],
      stage: 'dev',
      clients: clients(),
      now: () => at(100),
    });
    expect(report.compactions).toEqual([{ dt: '2026-03-02', outcome: 'skipped', superseded: 0 }]);
    expect(forgetAwsRows(report)[1]).toEqual([
      'call-1',
      'lake rows: NOT yet dropped from 2026-03-02 (another compaction ran)',
      'dt=2026-03-02',
      1,
    ]);
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: 'Unhandled',
      Payload: new TextEncoder().encode('{"errorMessage":"boom"}') as never,
    });
    const failed = forgetCallsAws({
      callIds: ['call-1'],
      stage: 'dev',
      clients: clients(),
      now: () => at(200),
    });
    await expect(failed).rejects.toThrow(CompactionFailedError);
    await expect(failed).rejects.toThrow(
      `${FUNCTION} failed compacting dt=2026-03-02 (Unhandled): {"errorMessage":"boom"}`,
    );
    // What it means for the erasure, and what to do.
    await expect(failed).rejects.toThrow(
      /The calls are hidden and their objects deleted, but their rows are still in the Parquet files of dt=2026-03-02: run the same forget again/,
    );
  });

  it("finds the stage's CompactLake function across ListFunctions pages, and says so when there is none", async () => {
    lambda
      .on(ListFunctionsCommand)
      .resolvesOnce({
        Functions: [{ FunctionName: 'debrief-prod-CompactLakeFunction-zzzz9999' }],
        NextMarker: 'm2',
      })
      .resolvesOnce({ Functions: [{ FunctionName: FUNCTION }] });
    expect(await findCompactLakeFunction(new LambdaClient(FAKE_AWS_CONFIG), 'dev')).toBe(FUNCTION);
    expect(lambda.commandCalls(ListFunctionsCommand).map((c) => c.args[0].input)).toEqual([
      { MaxItems: 50, Marker: undefined },
      { MaxItems: 50, Marker: 'm2' },
    ]);
    lambda.on(ListFunctionsCommand).resolves({ Functions: [] });
    await expect(findCompactLakeFunction(new LambdaClient(FAKE_AWS_CONFIG), 'qa')).rejects.toThrow(
      /no Lambda function debrief-qa-CompactLakeFunction-… .*--compact-function/,
    );
  });

  it('every request it makes is allowed by the eraser policy (infra/iam.ts) the stack creates, and no more than it needs', async () => {
    await seed();
    // The same bucket, now recording each request with whether its key existed.
    const requests: BucketRequest[] = [];
    const observed = mockBucket(s3, 1000, (r) => {
      if (!inFunction) requests.push(r);
    });
    for (const [key, o] of bucket.objects) observed.objects.set(key, o);
    bucket = observed;
    mockDeleteObjects();
    s3.resetHistory();
    await forgetCallsAws({ callIds: ['call-1'], stage: 'dev', clients: clients(), now: () => at(100) });

    const bucketArn = `arn:aws:s3:::${BUCKET}`;
    const functionArn = `arn:aws:lambda:us-east-1:111122223333:function:${FUNCTION}`;
    const object = (key: unknown) => `${bucketArn}/${String(key)}`;
    const kms = (action: string, why: string): Need => ({ action, resource: KMS, why });
    const needs: Need[] = [];
    for (const { command, input, found } of requests) {
      const why = `${command} ${String(input.Key ?? input.Prefix)}`;
      if (command === 'ListObjectsV2')
        needs.push({
          action: 's3:ListBucket',
          resource: bucketArn,
          context: { 's3:prefix': String(input.Prefix) },
          why,
        });
      else if (command === 'GetObject' || command === 'HeadObject') {
        needs.push({ action: 's3:GetObject', resource: object(input.Key), why }, kms('kms:Decrypt', why));
        // A key that is not there answers 404 only to a caller who may list it (else 403).
        if (!found)
          needs.push({
            action: 's3:ListBucket',
            resource: bucketArn,
            context: { 's3:prefix': String(input.Key) },
            why,
          });
      } else if (command === 'PutObject')
        needs.push(
          { action: 's3:PutObject', resource: object(input.Key), why },
          kms('kms:GenerateDataKey', why),
        );
      else if (command === 'DeleteObject')
        // With If-Match: s3:DeleteObject, and s3:GetObject to evaluate the condition.
        needs.push(
          { action: 's3:DeleteObject', resource: object(input.Key), why },
          { action: 's3:GetObject', resource: object(input.Key), why },
        );
      else throw new Error(`not modelled: ${command}`);
    }
    // DeleteObjects: s3:DeleteObject on every key it names (DeleteObjects API reference).
    for (const i of sent(DeleteObjectsCommand))
      for (const o of i.Delete?.Objects ?? [])
        needs.push({ action: 's3:DeleteObject', resource: object(o.Key), why: `DeleteObjects ${o.Key}` });
    needs.push(
      { action: 'lambda:ListFunctions', resource: '*', why: 'find CompactLake' },
      { action: 'lambda:GetFunctionConfiguration', resource: functionArn, why: 'its environment' },
      { action: 'lambda:InvokeFunction', resource: functionArn, why: 'compact the day' },
      { action: 'states:ListExecutions', resource: STATE_MACHINE, why: 'running executions' },
    );
    expect(lambda.commandCalls(ListFunctionsCommand)).toHaveLength(1);
    expect(sent(DeleteObjectsCommand).length).toBeGreaterThan(0);

    const arns: Arns = {
      partition: 'aws',
      region: 'us-east-1',
      account: '111122223333',
      bucketArn,
      kmsKeyArn: KMS,
      stateMachineArn: STATE_MACHINE,
      aniHashSecretArn:
        'arn:aws:secretsmanager:us-east-1:111122223333:secret:debrief-dev/ani-hash-key-AbCdEf',
      athenaWorkgroup: 'debrief-dev',
      glueDatabase: 'debrief_dev',
      deadLetterQueueArn: 'arn:aws:sqs:us-east-1:111122223333:debrief-dev-dlq',
      namePrefix: 'debrief-dev',
      transcribeDataAccessRoleArn: 'arn:aws:iam::111122223333:role/debrief-dev-TranscribeAccess',
    };
    const policy = eraserPolicy(arns, functionArn);
    expect(missing(policy, needs)).toEqual([]);
    // Not the lake's data objects (CompactLake rewrites those), not other prefixes, not other functions.
    expect(
      missing(policy, [
        {
          action: 's3:DeleteObject',
          resource: object('lake/calls/dt=2026-03-02/c-call-1.x.parquet'),
          why: 'a',
        },
        { action: 's3:PutObject', resource: object('lake/calls/dt=2026-03-02/c-call-1.x.parquet'), why: 'b' },
        { action: 's3:GetObject', resource: object('athena-results/q.csv'), why: 'c' },
        {
          action: 'lambda:InvokeFunction',
          resource: `${functionArn.replace('CompactLake', 'StartCall')}`,
          why: 'd',
        },
        // Nor a status compaction's output (every call's latest status): only a call's own write.
        {
          action: 's3:PutObject',
          resource: object('lake/call_status/compacted-20260303T100000000Z.0a1b2c3d4e.parquet'),
          why: 'e',
        },
      ]),
    ).toHaveLength(5);
  });

  it("an id its job names do not spell out (a space in it): only the job its recording in inbox/ gives, not another id's", async () => {
    await seed();
    await put('inbox/call 7.wav', 'RIFF');
    const job = transcriptionJobName('call 7', 'inbox/call 7.wav', await store().head('inbox/call 7.wav'));
    expect(job).toMatch(/^call_7-[0-9a-f]{16}$/);
    await put(`transcribe-output/${job}/redacted.json`);
    // call_7's own job (another call whose name gives the same stem) stays.
    await put('transcribe-output/call_7-00000000000000aa/redacted.json');
    s3.resetHistory();
    const report = await forgetCallsAws({
      callIds: ['call 7'],
      stage: 'dev',
      clients: clients(),
      now: () => at(100),
    });
    expect(forgetAwsRows(report)[1]).toEqual([
      'call 7',
      'lake rows: none in the Parquet files (no day holds any)',
      '-',
      0,
    ]);
    expect(sent(DeleteObjectsCommand).map((i) => i.Delete?.Objects?.map((o) => o.Key))).toEqual([
      [`transcribe-output/${job}/redacted.json`],
      ['inbox/call 7.wav'],
    ]);
    expect(bucket.objects.has('transcribe-output/call_7-00000000000000aa/redacted.json')).toBe(true);
    // No status row, no day: nothing to compact.
    expect(lambda.commandCalls(InvokeCommand)).toEqual([]);
  });

  it('an id whose job names are its own (call_7) keeps the jobs of another id with the same job stem (call 7, transcribing now)', async () => {
    await seed();
    await put('inbox/call_7.wav', 'RIFF-a');
    await put('inbox/call 7.wav', 'RIFF-b');
    const own = transcriptionJobName('call_7', 'inbox/call_7.wav', await store().head('inbox/call_7.wav'));
    const other = transcriptionJobName('call 7', 'inbox/call 7.wav', await store().head('inbox/call 7.wav'));
    expect(other).toMatch(/^call_7-[0-9a-f]{16}$/);
    await put(`transcribe-output/${own}/redacted.json`);
    await put(`transcribe-output/${other}/redacted.json`);
    s3.resetHistory();
    await forgetCallsAws({ callIds: ['call_7'], stage: 'dev', clients: clients(), now: () => at(100) });
    expect(bucket.objects.has(`transcribe-output/${own}/redacted.json`)).toBe(false);
    expect(bucket.objects.has(`transcribe-output/${other}/redacted.json`)).toBe(true);
    expect(bucket.objects.has('inbox/call 7.wav')).toBe(true);
  });

  it('killed after its inputs went, a second run still finds the Transcribe output of an id its job names do not spell out (from its transcripts)', async () => {
    await seed();
    await put('inbox/call 7.wav', 'RIFF');
    const job = transcriptionJobName('call 7', 'inbox/call 7.wav', await store().head('inbox/call 7.wav'));
    await put(`transcripts/call 7/${job}.tca.json`);
    await put(`transcribe-output/${job}/redacted.json`);
    const crash = forgetCallsAws({
      callIds: ['call 7'],
      stage: 'dev',
      clients: clients(),
      now: () => at(100),
      beforeStep: (_, step) => {
        if (step === 'transcripts and redacted audio') throw new Error('killed');
      },
    });
    await expect(crash).rejects.toThrow('killed');
    expect(bucket.objects.has('inbox/call 7.wav')).toBe(false);
    await forgetCallsAws({ callIds: ['call 7'], stage: 'dev', clients: clients(), now: () => at(200) });
    expect([...bucket.objects.keys()].filter((k) => k.includes(job))).toEqual([]);
  });

  it('the command line: --aws with --from-file and --compact-function prints the table; a day left uncompacted exits 1', async () => {
    await seed();
    const dir = tempDir('forget-aws-ids');
    tmp.push(dir);
    writeFileSync(join(dir, 'ids.txt'), '# erasure request 7\ncall-1\n');
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      Payload: new TextEncoder().encode(JSON.stringify({ skipped: true, heldBy: null })) as never,
    });
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => err.push(String(s)) > 0);
    await buildCli().parseAsync(
      [
        'forget',
        '--aws',
        '--from-file',
        join(dir, 'ids.txt'),
        '--compact-function',
        FUNCTION,
        '--region',
        'us-east-1',
      ],
      { from: 'user' },
    );
    // Named: no lookup by name.
    expect(lambda.commandCalls(ListFunctionsCommand)).toEqual([]);
    expect(out.join('')).toMatch(/call-1 .*lake: hidden now \(tombstone\)/);
    expect(out.join('')).toMatch(/call-1 .*staged inputs .*inbox\/ .*2/);
    expect(out.join('')).toMatch(new RegExp(`forgot 1 call in s3://${BUCKET}`));
    expect(err.join('')).toMatch(
      /the rows of dt=2026-03-02 are hidden but still in the Parquet files; run the same forget again/,
    );
    expect(process.exitCode).toBe(1);
    expect(bucket.objects.has('inbox/call-1.wav')).toBe(false);
  });

  it('--stage, --region or --compact-function without --aws stops before a home is touched (it would erase locally instead)', async () => {
    const home = tempDir('forget-aws-home');
    tmp.push(home);
    for (const extra of [
      ['--stage', 'prod'],
      ['--region', 'eu-west-1'],
      ['--compact-function', FUNCTION],
    ])
      await expect(
        buildCli().parseAsync(['forget', 'call-1', '--home', home, ...extra], { from: 'user' }),
      ).rejects.toThrow(new RegExp(`forget: ${extra[0]} goes with --aws`));
    expect(lambda.calls()).toEqual([]);
    expect(s3.calls()).toEqual([]);
  });

  it('--home or --no-wait with --aws stops before anything is erased (they are about a home and would be ignored)', async () => {
    const home = tempDir('forget-aws-home');
    tmp.push(home);
    for (const extra of [['--home', home], ['--no-wait']])
      await expect(
        buildCli().parseAsync(['forget', 'call-1', '--aws', '--compact-function', FUNCTION, ...extra], {
          from: 'user',
        }),
      ).rejects.toThrow(new RegExp(`forget: ${extra[0]} goes without --aws`));
    expect(lambda.calls()).toEqual([]);
    expect(s3.calls()).toEqual([]);
  });

  it('rows a write left on a day no status names (quarantined after WriteResults wrote them) are found by their objects and compacted away', async () => {
    await seed();
    await writeCall(lake(), 'call-5', at(0), { dt: '2026-03-06', uncommitted: true });
    await quarantine(lake(), 'call-5', at(10));
    await put('quarantine/call-5/error.json');
    expect(await storedRows('lake/turns/', 'call-5', 'turns')).toBe(2);
    const report = await forgetCallsAws({
      callIds: ['call-5'],
      stage: 'dev',
      clients: clients(),
      now: () => at(100),
    });
    expect(report.calls[0]).toMatchObject({ stateBefore: 'quarantined', days: ['2026-03-06'] });
    for (const table of ['calls', 'turns', 'call_agents'] as const)
      expect(await storedRows(`lake/${table}/`, 'call-5', table), table).toBe(0);
    expect(await storedRows('lake/calls/', 'call-1', 'calls')).toBe(1);
  });

  it("a status compacted by an older version (no superseded_dts column) leaves the call's days unknown: every day of the lake is compacted", async () => {
    // call-1 written on two days (the first write superseded), its status in such an object; call-10 on a third day.
    await writeCall(lake(), 'call-1', at(0), { dt: '2026-03-01', uncommitted: true });
    await writeCall(lake(), 'call-1', at(5), { dt: '2026-03-02', uncommitted: true });
    await writeCall(lake(), 'call-10', at(1), { dt: '2026-03-04' });
    const dir = tempDir('forget-aws-legacy');
    tmp.push(dir);
    writeFileSync(
      join(dir, 'full.parquet'),
      encodeRows(tables.call_status, [{ ...statusRow('call-1', at(5)), dt: '2026-03-02' }]),
    );
    const instance = await DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    await db.run(
      `copy (select * exclude (superseded_dts) from read_parquet('${join(dir, 'full.parquet')}')) to '${join(dir, 'old.parquet')}' (format parquet)`,
    );
    db.closeSync();
    instance.closeSync();
    await store().put(
      'lake/call_status/compacted-20260303T100010000Z.0a1b2c3d4e.parquet',
      new Uint8Array(readFileSync(join(dir, 'old.parquet'))),
    );
    expect(await storedRows('lake/calls/', 'call-1', 'calls')).toBe(2);

    const report = await forgetCallsAws({
      callIds: ['call-1'],
      stage: 'dev',
      clients: clients(),
      now: () => at(100),
    });
    expect(report.calls[0]).toMatchObject({
      stateBefore: 'processed',
      days: ['2026-03-01', '2026-03-02', '2026-03-04'],
    });
    expect(
      lambda
        .commandCalls(InvokeCommand)
        .map((c) => new TextDecoder().decode(c.args[0].input.Payload as Uint8Array)),
    ).toEqual(['{"dt":"2026-03-01"}', '{"dt":"2026-03-02"}', '{"dt":"2026-03-04"}']);
    for (const table of ['calls', 'turns', 'call_agents'] as const)
      expect(await storedRows(`lake/${table}/`, 'call-1', table), table).toBe(0);
    expect(await storedRows('lake/calls/', 'call-10', 'calls')).toBe(1);
  });

  it("a recording claim another call took over while it ran (the claim was stale) is that call's now: left in place", async () => {
    await seed();
    const claim = 'state/recordings/crc64nvme-aaaaaaaaaaaa.json';
    const theirs = JSON.stringify({ callId: 'call-20', token: 't20', claimedAt: at(95) });
    await forgetCallsAws({
      callIds: ['call-1'],
      stage: 'dev',
      clients: clients(),
      now: () => at(100),
      beforeStep: async (_, step) => {
        if (step === 'duplicate-recording claims') await put(claim, theirs);
      },
    });
    expect(new TextDecoder().decode(bucket.objects.get(claim)?.body)).toBe(theirs);
    expect(bucket.objects.has('state/done/call-1.json')).toBe(false);
  });

  it('a call that starts again while it deletes (a late file of it landed) fails before any compaction, saying so', async () => {
    await seed();
    const run = forgetCallsAws({
      callIds: ['call-1'],
      stage: 'dev',
      clients: clients(),
      now: () => at(100),
      beforeStep: (_, step) => {
        if (step === 'working documents')
          sfn.on(ListExecutionsCommand).resolves({
            executions: [
              {
                name: 'call-1-00112233aabbccdd',
                executionArn: `${STATE_MACHINE}:call-1-00112233aabbccdd`,
                stateMachineArn: STATE_MACHINE,
                status: 'RUNNING',
                startDate: new Date(at(90)),
              },
            ],
          });
      },
    });
    await expect(run).rejects.toThrow(CallRunningError);
    await expect(run).rejects.toThrow(
      /"call-1" is being processed \(execution call-1-00112233aabbccdd is running\): it started again while forget ran/,
    );
    expect(lambda.commandCalls(InvokeCommand)).toEqual([]);
  });

  it('a newer status landing while it deletes (the call dropped again) fails the read-back before any compaction', async () => {
    await seed();
    const run = forgetCallsAws({
      callIds: ['call-1'],
      stage: 'dev',
      clients: clients(),
      now: () => at(100),
      beforeStep: async (_, step) => {
        if (step === 'working documents') await writeCall(lake(), 'call-1', at(150), { dt: '2026-03-05' });
      },
    });
    await expect(run).rejects.toThrow(TombstoneNotLatestError);
    await expect(run).rejects.toThrow(/"call-1" has a newer status than the tombstone/);
    expect(lambda.commandCalls(InvokeCommand)).toEqual([]);
  });
});
