import { copyFileSync, mkdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { StateMachine } from 'aws-local-stepfunctions';
import { describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import type { PostProcessor } from '../../core/post-processor.js';
import {
  REDACTED_AUDIO_SUFFIXES,
  transcriptionJobName,
  transcriptKeyFor,
} from '../../core/transcription/transcription-plan.js';
import { reprocessAslFileText } from '../../workflows/asl-file.js';
import { LocalWorkflowRunner } from '../../workflows/local-runner.js';
import type { AslDefinition } from '../../workflows/post-call-definition.js';
import {
  CHECK_FROM,
  REPROCESS_CALL,
  REPROCESS_MAP,
  renderReprocessDefinition,
  reprocessDefinition,
  UNKNOWN_FROM_ERROR,
} from '../../workflows/reprocess-definition.js';
import { validateAsl as validate } from '../helpers/asl-validator.js';
import { freshRuntime, putInbox } from '../helpers/local-runtime.js';
import { REPO } from '../helpers/paths.js';
import { SAMPLES } from '../helpers/samples.js';

const POST_CALL = 'arn:aws:states:eu-west-1:123456789012:stateMachine:debrief-dev-post-call';
const rendered = (
  def: AslDefinition = reprocessDefinition({ maxConcurrency: 16, toleratedFailurePercentage: 5 }),
) =>
  JSON.parse(renderReprocessDefinition(def, { postCallStateMachineArn: POST_CALL, bucket: 'calls-bucket' }));

describe('the reprocess ASL definition (Distributed Map over the stored calls)', () => {
  it('is valid ASL once the post-call ARN and the bucket are substituted', () => {
    const result = validate(rendered(), { checkPaths: true, checkArn: true });
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it('the validator rejects a broken one (an unknown processor mode), so the test above can fail', () => {
    const broken = rendered();
    broken.States[REPROCESS_MAP].ItemProcessor.ProcessorConfig.Mode = 'EVERYWHERE';
    expect(validate(broken).isValid).toBe(false);
  });

  it('lists the bucket, runs Standard children that wait for the post-call machine and writes results to S3', () => {
    const map = rendered().States[REPROCESS_MAP];
    expect(map.ItemReader).toEqual({
      Resource: 'arn:aws:states:::s3:listObjectsV2',
      Parameters: { Bucket: 'calls-bucket', 'Prefix.$': '$.prefix' },
    });
    expect(map.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
    const task = map.ItemProcessor.States[REPROCESS_CALL];
    expect(task.Resource).toBe('arn:aws:states:::states:startExecution.sync:2');
    expect(task.Parameters.StateMachineArn).toBe(POST_CALL);
    expect(map.ResultWriter).toEqual({
      Resource: 'arn:aws:states:::s3:putObject',
      Parameters: { Bucket: 'calls-bucket', Prefix: 'reprocess-results' },
    });
    expect(map.MaxConcurrencyPath).toBe('$.maxConcurrency');
    expect(map.ToleratedFailurePercentagePath).toBe('$.toleratedFailurePercentage');
  });

  it('the committed workflows/reprocess.asl.json is current (run `npm run generate` after changing the builder)', () => {
    expect(readFileSync(join(REPO, 'workflows', 'reprocess.asl.json'), 'utf8')).toBe(reprocessAslFileText());
  });
});

/**
 * aws-local-stepfunctions 3.0.0 runs Map states in inline mode only: no ItemReader, ResultWriter,
 * ProcessorConfig or failure tolerance. So the committed definition runs here with exactly those
 * four fields swapped for `ItemsPath` over ListObjectsV2-shaped items; the Defaults and Settings
 * states, the ItemSelector, the item Choice, the Task's Parameters and ResultSelector run as written, and each
 * `startExecution.sync:2` runs the real post-call ASL in-process on a local home.
 */
const inlineMap = (definition: AslDefinition): AslDefinition => {
  const { ItemReader, ResultWriter, ToleratedFailurePercentagePath, Label, ItemProcessor, ...map } =
    definition.States[REPROCESS_MAP] as Record<string, unknown> & { ItemProcessor: Record<string, unknown> };
  const { ProcessorConfig, ...processor } = ItemProcessor;
  expect([ItemReader, ResultWriter, ToleratedFailurePercentagePath, Label, ProcessorConfig]).not.toContain(
    undefined,
  );
  // Its 30-day timeout overflows the local runner's setTimeout (a 32-bit delay): left out here.
  const { TimeoutSeconds, ...rest } = definition;
  expect(TimeoutSeconds).toBeGreaterThan(0);
  return {
    ...rest,
    States: {
      ...definition.States,
      [REPROCESS_MAP]: { ...map, ItemsPath: '$.items', ItemProcessor: processor },
    },
  } as unknown as AslDefinition;
};

describe('the reprocess item processor, run locally against a stored home', () => {
  it('starts one post-call execution per call (never for sidecars or objects before --since) and every call lands', async () => {
    // Prepare: a dropped transcript with sidecars, a recording with its stored transcript, an old call.
    const { runtime, runner } = freshRuntime();
    const drop = (stem: string) => ({ copyFrom: join(SAMPLES, stem) });
    putInbox(runtime, {
      'call-0004-fraud-report.tca.json': drop('call-0004-fraud-report.tca.json'),
      'call-0004-fraud-report.ctr.json': drop('call-0004-fraud-report.ctr.json'),
      'call-0004-fraud-report.recording.json': drop('call-0004-fraud-report.recording.json'),
      'call-0005-technical-support.wav': new Uint8Array([1, 2, 3]),
      'call-0005-technical-support.recording.json': drop('call-0005-technical-support.recording.json'),
      'call-0006-address-change.tca.json': drop('call-0006-address-change.tca.json'),
      'call-0006-address-change.wav_metadata.json': drop('call-0006-address-change.wav_metadata.json'),
    });
    const store = runtime.deps.store;
    const audio = 'inbox/call-0005-technical-support.wav';
    const stored = transcriptKeyFor(
      'call-0005-technical-support',
      transcriptionJobName('call-0005-technical-support', audio, await store.head(audio)),
    );
    mkdirSync(dirname(join(runtime.home, stored)), { recursive: true });
    copyFileSync(join(SAMPLES, 'call-0005-technical-support.tca.json'), join(runtime.home, stored));
    // call-0006 was dropped long before --since.
    const old = new Date('2025-01-01T00:00:00Z');
    utimesSync(join(runtime.home, 'inbox', 'call-0006-address-change.tca.json'), old, old);
    const since = Date.parse('2026-01-01T00:00:00Z') / 1000;
    // The items as the ItemReader gives them: { Etag, Key, LastModified (epoch s), Size, StorageClass }.
    const items = (await store.list('inbox/')).map((Key) => {
      const s = statSync(join(runtime.home, Key));
      return {
        Etag: `"${s.size}-${s.mtimeMs}"`,
        Key,
        LastModified: Math.floor(s.mtimeMs / 1000),
        Size: s.size,
        StorageClass: 'STANDARD',
      };
    });
    const started: unknown[] = [];
    const machine = new StateMachine(inlineMap(rendered()) as never);
    // Act
    const execution = machine.run({ prefix: 'inbox/', notBeforeEpochSeconds: since, items } as never, {
      context: {
        Execution: { Id: 'arn:aws:states:eu-west-1:123456789012:execution:debrief-dev-reprocess/x:1' },
      },
      overrides: {
        taskResourceLocalHandlers: {
          [REPROCESS_CALL]: async (raw) => {
            const params = raw as { StateMachineArn: string; Input: { reprocess: { key: string } } };
            expect(params.StateMachineArn).toBe(POST_CALL);
            started.push(params.Input);
            const run = await runner.run(params.Input);
            if (run.outcome !== 'succeeded')
              throw Object.assign(new Error(run.error?.message ?? 'failed'), { name: 'States.TaskFailed' });
            return {
              ExecutionArn: `${POST_CALL.replace(':stateMachine:', ':execution:')}:${started.length}`,
              Input: params.Input,
              Status: 'SUCCEEDED',
              Output: run.output,
            } as never;
          },
        },
      },
    });
    const output = (await execution.result) as unknown as (Record<string, unknown> | null)[];
    // Assess: the two calls of the window ran, each once, with the AWS console link to the parent.
    expect(started).toEqual([
      {
        reprocess: { key: 'inbox/call-0004-fraud-report.tca.json', from: 'start' },
        AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: expect.any(String),
      },
      {
        reprocess: { key: 'inbox/call-0005-technical-support.wav', from: 'start' },
        AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: expect.any(String),
      },
    ]);
    const results = output.filter((r) => r && 'execution' in r);
    expect(results.map((r) => [r?.key, r?.status])).toEqual([
      ['inbox/call-0004-fraud-report.tca.json', 'SUCCEEDED'],
      ['inbox/call-0005-technical-support.wav', 'SUCCEEDED'],
    ]);
    const db = await DuckDbLake.open(runtime.lakeDir);
    try {
      expect(await db.query('select call_id, status from calls order by call_id')).toEqual([
        { call_id: 'call-0004-fraud-report', status: 'processed' },
        { call_id: 'call-0005-technical-support', status: 'processed' },
      ]);
    } finally {
      db.close();
    }
  });

  it('from PostProcess: each call starts at PostProcess on its stored enriched document, with the new post-processors (no transcript read, no AI step)', async () => {
    // Prepare: a call landed by a run with two post-processors (what a live drop did on AWS).
    const tagged = (name: string, version: string, category: string): PostProcessor => ({
      name,
      version,
      process: (doc) => ({ ...doc, categories: [...doc.categories, category] }),
    });
    // (a clock that moves: each run's lake write is later than the one before)
    let tick = 0;
    const { runtime, runner } = freshRuntime({
      postProcessors: [tagged('vip', '1.0.0', 'vip-v1'), tagged('legacy', '1.0.0', 'legacy')],
      now: () => new Date(Date.parse('2026-03-03T00:00:00Z') + 1000 * tick++).toISOString(),
    });
    const id = 'call-0004-fraud-report';
    putInbox(runtime, {
      [`${id}.tca.json`]: { copyFrom: join(SAMPLES, `${id}.tca.json`) },
      [`${id}.ctr.json`]: { copyFrom: join(SAMPLES, `${id}.ctr.json`) },
    });
    const keys = {
      transcript: `inbox/${id}.tca.json`,
      audio: null,
      ctr: `inbox/${id}.ctr.json`,
      recording: null,
    };
    expect((await runner.run({ callId: id, keys })).outcome).toBe('succeeded');
    // The developer's new version of one processor, the other one removed.
    const again = new LocalWorkflowRunner(
      { ...runtime.deps, postProcessors: [tagged('vip', '2.0.0', 'vip-v2')] },
      undefined,
      { waitMs: 20 },
    );
    const items = (await runtime.deps.store.list('inbox/')).map((Key) => ({
      Etag: '"e"',
      Key,
      LastModified: 1_800_000_000,
      Size: 1,
      StorageClass: 'STANDARD',
    }));
    const started: unknown[] = [];
    const statesRun: string[][] = [];
    // Act: the reprocess map, its input as `debrief reprocess --aws --from post-process` starts it
    const execution = new StateMachine(inlineMap(rendered()) as never).run(
      { prefix: 'inbox/', from: 'PostProcess', items } as never,
      {
        context: {
          Execution: { Id: 'arn:aws:states:eu-west-1:123456789012:execution:debrief-dev-reprocess/x:1' },
        },
        overrides: {
          taskResourceLocalHandlers: {
            [REPROCESS_CALL]: async (raw) => {
              const input = (raw as { Input: { reprocess: { key: string; from: 'PostProcess' } } }).Input;
              started.push(input);
              const run = await again.run(input);
              statesRun.push(run.statesRun);
              return {
                ExecutionArn: 'arn:x',
                Input: input,
                Status: 'SUCCEEDED',
                Output: run.output,
              } as never;
            },
          },
        },
      },
    );
    await execution.result;
    // Assess: one post-call execution, told to start at PostProcess; only PostProcess and the lake write ran
    expect(started).toEqual([
      {
        reprocess: { key: `inbox/${id}.tca.json`, from: 'PostProcess' },
        AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: expect.any(String),
      },
    ]);
    expect(statesRun).toEqual([['ClaimCall', 'RouteCall', 'PostProcess', 'WriteResults']]);
    const db = await DuckDbLake.open(runtime.lakeDir);
    try {
      const [row] = await db.query(
        `select categories, lineage, ctr_status from calls where call_id = '${id}'`,
      );
      const categories = JSON.parse(String(row?.categories)) as string[];
      expect(categories.filter((c) => c.startsWith('vip-') || c === 'legacy')).toEqual(['vip-v2']);
      const lineage = JSON.parse(String(row?.lineage)) as Record<string, { version: string }>;
      expect(lineage['post:vip']?.version).toBe('2.0.0');
      expect(lineage['post:legacy']).toBeUndefined();
      expect(lineage.postProcessOnly).toBeDefined();
      // the CTR merged by the first run is still there: nothing was lost by not reading the inputs
      expect(row?.ctr_status).toBe('matched');
    } finally {
      db.close();
    }
  });

  it('a listing of transcripts/ starts the transcript only, never its redacted audio in any container (.opus too)', async () => {
    // Prepare: one recorded call's stored transcript beside redacted audio in every container the plan writes.
    const stem = 'transcripts/call-7/call-7-0123456789abcdef';
    const keys = [`${stem}.tca.json`, ...REDACTED_AUDIO_SUFFIXES.map((suffix) => `${stem}${suffix}`)];
    expect(keys).toContain(`${stem}.redacted.opus`);
    const items = keys.map((Key) => ({
      Etag: '"e"',
      Key,
      LastModified: 1_800_000_000,
      Size: 1,
      StorageClass: 'STANDARD',
    }));
    const started: string[] = [];
    // Act
    const execution = new StateMachine(inlineMap(rendered()) as never).run(
      { prefix: 'transcripts/', items } as never,
      {
        context: {
          Execution: { Id: 'arn:aws:states:eu-west-1:123456789012:execution:debrief-dev-reprocess/x:1' },
        },
        overrides: {
          taskResourceLocalHandlers: {
            [REPROCESS_CALL]: async (raw) => {
              const input = (raw as { Input: { reprocess: { key: string } } }).Input;
              started.push(input.reprocess.key);
              return { ExecutionArn: 'arn:x', Input: input, Status: 'SUCCEEDED', Output: {} } as never;
            },
          },
        },
      },
    );
    await execution.result;
    // Assess: one post-call execution, for the transcript.
    expect(started).toEqual([`${stem}.tca.json`]);
  });

  it('the deployed defaults apply unless the execution input overrides them', async () => {
    const def = inlineMap(
      rendered(reprocessDefinition({ maxConcurrency: 16, toleratedFailurePercentage: 5 })),
    );
    // Stop after Settings: its output is what the Map reads its paths from.
    const { Next, ...settings } = def.States.Settings as Record<string, unknown>;
    expect(Next).toBe(CHECK_FROM);
    const settingsOnly = {
      ...def,
      States: { Defaults: def.States.Defaults, Settings: { ...settings, End: true } },
    };
    const run = (input: object) => new StateMachine(settingsOnly as never).run(input as never).result;
    expect(await run({})).toEqual({
      prefix: 'inbox/',
      notBeforeEpochSeconds: 0,
      maxConcurrency: 16,
      toleratedFailurePercentage: 5,
      from: 'start',
    });
    expect(await run({ prefix: 'transcripts/', maxConcurrency: 200 })).toMatchObject({
      prefix: 'transcripts/',
      maxConcurrency: 200,
      toleratedFailurePercentage: 5,
    });
  });

  it('a "from" other than start or PostProcess fails the execution at once with a clear error, before the listing', async () => {
    const def = inlineMap(
      rendered(reprocessDefinition({ maxConcurrency: 16, toleratedFailurePercentage: 5 })),
    );
    // The Map replaced by a Succeed: what passes the check reaches it with the settings.
    const checked = {
      ...def,
      States: { ...def.States, [REPROCESS_MAP]: { Type: 'Succeed' } },
    };
    const run = (input: object) => new StateMachine(checked as never).run(input as never).result;
    await expect(run({ from: 'PostProcess' })).resolves.toMatchObject({ from: 'PostProcess' });
    await expect(run({})).resolves.toMatchObject({ from: 'start' });
    for (const from of ['post-process', 'LoadCall', '', 7]) {
      const failed = await run({ from }).then(
        () => null,
        (error: unknown) => error as { name?: string; message?: string; cause?: unknown },
      );
      expect(failed, JSON.stringify(from)).not.toBeNull();
      const cause = failed?.cause as { name?: string } | undefined;
      expect(`${cause?.name} ${failed?.message}`).toMatch(
        new RegExp(`^${UNKNOWN_FROM_ERROR.replace('.', '\\.')} .*"from" must be "start" or "PostProcess"`),
      );
    }
  });
});
