import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DescribeStateMachineCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOOKUPS_AT_ONCE } from '../../adapters/aws/reprocess-preflight.js';
import {
  FullRunsNotAllowedError,
  PER_CALL_LOOKUPS_UP_TO,
  reprocessAwsCommand,
} from '../../cli/commands/reprocess-aws.js';
import { buildCli } from '../../cli/debrief.js';
import {
  describeFromPostProcessPlan,
  describeFullRunPlan,
  FromPostProcessPlanner,
  planFromPostProcess,
} from '../../core/reprocess-plan.js';
import { renderReprocessDefinition, reprocessDefinition } from '../../workflows/reprocess-definition.js';

const sfn = mockClient(SFNClient);
const s3 = mockClient(S3Client);
const SM = 'arn:aws:states:eu-west-1:123456789012:stateMachine:debrief-prod-reprocess';
const EXECUTION = 'arn:aws:states:eu-west-1:123456789012:execution:debrief-prod-reprocess:r1';
const BUCKET = 'debrief-prod-calls-abc123';
const STORED_AT = new Date('2026-03-01T12:00:00Z');
const BEFORE = new Date('2026-02-01T12:00:00Z');
const AFTER = new Date('2026-03-05T12:00:00Z');

const obj = (Key: string, LastModified = BEFORE) => ({ Key, LastModified });
const listed = (key: string, lastModified: Date) => ({ key, lastModified });

/** The deployed definition, as DescribeStateMachine answers it (the bucket rendered in). */
const deployed = () =>
  sfn.on(DescribeStateMachineCommand).resolves({
    stateMachineArn: SM,
    name: 'debrief-prod-reprocess',
    roleArn: 'arn:aws:iam::123456789012:role/r',
    type: 'STANDARD',
    creationDate: new Date(),
    definition: renderReprocessDefinition(
      reprocessDefinition({ maxConcurrency: 16, toleratedFailurePercentage: 5 }),
      { postCallStateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:pc', bucket: BUCKET },
    ),
  });

type Stored = { Key: string; LastModified: Date };
type ListInput = { Bucket?: string; Prefix?: string; ContinuationToken?: string; MaxKeys?: number };
/**
 * The bucket, answering ListObjectsV2 by prefix (keys in order, MaxKeys honoured): inbox/ listed
 * whole comes in two pages (c1, c2 | c3 with a CTR); `enriched` under results/enriched/, `more`
 * anywhere.
 */
const bucket = (enriched: Stored[], ctrAt = BEFORE, more: Stored[] = []) => {
  const inbox = [
    obj('inbox/c1.ctr.json'),
    obj('inbox/c1.tca.json'),
    obj('inbox/c2.wav'),
    obj('inbox/c3.ctr.json', ctrAt),
    obj('inbox/c3.tca.json'),
  ];
  const all = [...inbox, ...enriched, ...more].sort((a, b) => (a.Key < b.Key ? -1 : 1));
  const answer = (input: ListInput) => {
    if (input.Bucket !== BUCKET) throw new Error(`bucket ${input.Bucket}`);
    const under = all.filter((o) => o.Key.startsWith(input.Prefix ?? ''));
    const size = input.MaxKeys ?? (input.Prefix === 'inbox/' ? 3 : 1000);
    const from = Number(input.ContinuationToken ?? 0);
    const next = from + size;
    return {
      Contents: under.slice(from, next),
      IsTruncated: next < under.length,
      ...(next < under.length ? { NextContinuationToken: String(next) } : {}),
    };
  };
  s3.on(ListObjectsV2Command).callsFake(answer);
  return answer;
};
const ALL_STORED = ['c1', 'c2', 'c3'].map((c) => obj(`results/enriched/${c}.json`, STORED_AT));

const options = (more: Partial<Parameters<typeof reprocessAwsCommand>[0]> = {}) => ({
  stage: 'prod',
  region: 'eu-west-1',
  stateMachineArn: SM,
  prefix: 'inbox/',
  from: 'post-process' as const,
  name: 'r1',
  wait: false,
  ...more,
});

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out.push(String(s));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err.push(String(s));
    return true;
  });
  sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: new Date() });
});
afterEach(() => {
  sfn.reset();
  s3.reset();
  vi.restoreAllMocks();
});

const listings = () => s3.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input);
const starts = () => sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input);

describe('reprocess --aws --from post-process: the pre-flight', () => {
  it("every call has its stored document: lists inbox/ (every page) and asks for each call's enriched document, says so, and starts the same execution as before", async () => {
    // Prepare
    deployed();
    bucket(ALL_STORED);
    // Act
    await reprocessAwsCommand(options());
    // Assess
    expect(sfn.commandCalls(DescribeStateMachineCommand).map((c) => c.args[0].input)).toEqual([
      { stateMachineArn: SM },
    ]);
    expect(listings()).toEqual([
      { Bucket: BUCKET, Prefix: 'inbox/', ContinuationToken: undefined },
      { Bucket: BUCKET, Prefix: 'inbox/', ContinuationToken: '3' },
      // a few calls: each one's enriched document by its key, and the listing held their inbox files
      ...['c1', 'c2', 'c3'].map((c) => ({
        Bucket: BUCKET,
        Prefix: `results/enriched/${c}.json`,
        ContinuationToken: undefined,
        MaxKeys: 1,
      })),
    ]);
    expect(starts()).toEqual([
      { stateMachineArn: SM, name: 'r1', input: JSON.stringify({ prefix: 'inbox/', from: 'PostProcess' }) },
    ]);
    expect(err.join('')).toContain(
      '3 call(s) to reprocess from PostProcess: 3 rerun their post-processors only (about $0.00), 0 run in full (about $0.00',
    );
    expect(out.join('')).toMatch(new RegExp(`^${EXECUTION}\\n`));
  });

  it('a call without a stored document is refused, naming the count and the flag: no execution starts', async () => {
    // Prepare: c2 has none
    deployed();
    bucket(ALL_STORED.filter((o) => !o.Key.includes('c2')));
    // Act
    const refused = reprocessAwsCommand(options());
    // Assess
    await expect(refused).rejects.toBeInstanceOf(FullRunsNotAllowedError);
    await expect(refused).rejects.toThrow(
      /^1 of 3 call\(s\) would run in full, not from PostProcess \(1 with no stored enriched document, 0 whose inbox files changed since it was stored: about \$0\.01 of Comprehend, Bedrock and SageMaker again\), so nothing was started: pass --allow-full-runs to run them in full, or --dry-run to see the counts$/,
    );
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
    expect(err.join('')).toContain(
      'in full: 1 with no stored enriched document, 0 whose inbox files changed',
    );
  });

  it('an inbox file written after the document was stored counts in full too (its ETag is not the one it was made from)', async () => {
    // Prepare: c3's CTR arrived after its document was stored
    deployed();
    bucket(ALL_STORED, AFTER);
    // Act
    const refused = reprocessAwsCommand(options());
    // Assess
    await expect(refused).rejects.toThrow(
      /^1 of 3 call\(s\) would run in full.*0 with no stored enriched document, 1 whose inbox files changed/,
    );
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('--allow-full-runs starts it anyway, with the input unchanged (the same as without the flag)', async () => {
    // Prepare
    deployed();
    bucket([]);
    // Act
    await reprocessAwsCommand(options({ allowFullRuns: true }));
    // Assess
    expect(starts()).toEqual([
      { stateMachineArn: SM, name: 'r1', input: JSON.stringify({ prefix: 'inbox/', from: 'PostProcess' }) },
    ]);
    expect(err.join('')).toContain(
      '0 rerun their post-processors only (about $0.00), 3 run in full (about $0.02',
    );
  });

  it('--dry-run prints the counts on stdout and starts nothing, with or without --from', async () => {
    // Prepare
    deployed();
    bucket(ALL_STORED.filter((o) => !o.Key.includes('c1')));
    // Act
    const fromPostProcess = await reprocessAwsCommand(options({ dryRun: true }));
    const printed = out.join('');
    out.length = 0;
    s3.resetHistory();
    const whole = await reprocessAwsCommand(options({ dryRun: true, from: undefined }));
    // Assess
    expect(fromPostProcess.ok).toBe(true);
    expect(whole.ok).toBe(true);
    expect(printed).toContain('3 call(s) to reprocess from PostProcess: 2 rerun their post-processors only');
    expect(printed).toContain('1 run in full');
    expect(printed).toContain('(e.g. c1)');
    expect(printed).toMatch(/dry run: nothing started\n$/);
    expect(out.join('')).toMatch(/^3 call\(s\) to reprocess, all in full .*\ndry run: nothing started\n$/);
    // without --from only the listing the map makes is needed
    expect(listings().map((l) => l.Prefix)).toEqual(['inbox/', 'inbox/']);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('--prefix transcripts/: the calls from that listing, its enriched document and inbox files asked for by its own prefixes', async () => {
    // Prepare: c4 dropped as a recording, transcribed twice (re-uploaded); its redacted audio beside
    deployed();
    bucket([obj('results/enriched/c4.json', STORED_AT)]);
    s3.on(ListObjectsV2Command, { Bucket: BUCKET, Prefix: 'transcripts/' }).resolves({
      Contents: [
        obj('transcripts/c4/job-a.tca.json'),
        obj('transcripts/c4/job-b.tca.json'),
        obj('transcripts/c4/c4.redacted.wav'),
      ],
      IsTruncated: false,
    });
    // Act
    await reprocessAwsCommand(options({ prefix: 'transcripts/' }));
    // Assess
    expect(listings().map((l) => l.Prefix)).toEqual([
      'transcripts/',
      'results/enriched/c4.json',
      'inbox/c4.',
    ]);
    expect(err.join('')).toContain(
      '1 call(s) to reprocess from PostProcess: 1 rerun their post-processors only',
    );
    expect(starts()).toHaveLength(1);
  });

  it('--prefix inbox/<stem>: one call, its inbox files from that listing and its document by its key; inbox/ and results/enriched/ are not listed whole', async () => {
    // Prepare: c3's CTR arrived after its document was stored
    deployed();
    bucket(ALL_STORED, AFTER);
    // Act
    const refused = reprocessAwsCommand(options({ prefix: 'inbox/c3' }));
    // Assess
    await expect(refused).rejects.toThrow(
      /^1 of 1 call\(s\) would run in full.*0 with no stored enriched document, 1 whose inbox files changed/,
    );
    expect(listings()).toEqual([
      { Bucket: BUCKET, Prefix: 'inbox/c3', ContinuationToken: undefined },
      { Bucket: BUCKET, Prefix: 'results/enriched/c3.json', ContinuationToken: undefined, MaxKeys: 1 },
    ]);
  });

  it("a prefix narrower than inbox/<stem>. (its CTR not in it): the call's inbox files are listed by inbox/<stem>.", async () => {
    // Prepare
    deployed();
    bucket(ALL_STORED, AFTER);
    // Act
    const refused = reprocessAwsCommand(options({ prefix: 'inbox/c3.t' }));
    // Assess
    await expect(refused).rejects.toThrow(/^1 of 1 call\(s\) would run in full.*1 whose inbox files changed/);
    expect(listings().map((l) => l.Prefix)).toEqual(['inbox/c3.t', 'results/enriched/c3.json', 'inbox/c3.']);
  });

  it(`more than ${PER_CALL_LOOKUPS_UP_TO} calls listed: results/enriched/ and inbox/ are listed whole, every page`, async () => {
    // Prepare: 1,001 calls dropped as recordings, each transcribed, each with its document stored
    deployed();
    const ids = Array.from(
      { length: PER_CALL_LOOKUPS_UP_TO + 1 },
      (_, i) => `t${String(i).padStart(4, '0')}`,
    );
    bucket(
      ids.map((c) => obj(`results/enriched/${c}.json`, STORED_AT)),
      BEFORE,
      ids.map((c) => obj(`transcripts/${c}/job.tca.json`)),
    );
    // Act
    await reprocessAwsCommand(options({ prefix: 'transcripts/', dryRun: true }));
    // Assess
    expect(listings().map((l) => [l.Prefix, l.ContinuationToken, l.MaxKeys])).toEqual([
      ['transcripts/', undefined, undefined],
      ['transcripts/', '1000', undefined],
      ['results/enriched/', undefined, undefined],
      ['results/enriched/', '1000', undefined],
      ['inbox/', undefined, undefined],
      ['inbox/', '3', undefined],
    ]);
    expect(out.join('')).toContain(
      '1001 call(s) to reprocess from PostProcess: 1001 rerun their post-processors only',
    );
  });

  /**
   * 40 calls dropped as recordings (transcripts/tNNNN/job.tca.json): t0000-t0002 without a stored
   * document, t0005 with a CTR landed after its document was stored.
   */
  const fortyCalls = () => {
    const ids = Array.from({ length: 40 }, (_, i) => `t${String(i).padStart(4, '0')}`);
    const answer = bucket(
      ids.slice(3).map((c) => obj(`results/enriched/${c}.json`, STORED_AT)),
      BEFORE,
      [...ids.map((c) => obj(`transcripts/${c}/job.tca.json`)), obj('inbox/t0005.ctr.json', AFTER)],
    );
    const expected = [
      { Bucket: BUCKET, Prefix: 'transcripts/', ContinuationToken: undefined },
      ...ids.map((c) => ({
        Bucket: BUCKET,
        Prefix: `results/enriched/${c}.json`,
        ContinuationToken: undefined,
        MaxKeys: 1,
      })),
      ...ids.map((c) => ({ Bucket: BUCKET, Prefix: `inbox/${c}.`, ContinuationToken: undefined })),
    ];
    return { answer, expected };
  };
  const REFUSAL =
    /^4 of 40 call\(s\) would run in full, not from PostProcess \(3 with no stored enriched document, 1 whose inbox files changed since it was stored/;
  const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

  it(`a call's lookups run ${LOOKUPS_AT_ONCE} at once (they ran one by one: up to 2,000 requests in series), the same requests, the same plan`, async () => {
    // Prepare: each listing answers after a tick; how many are pending at once is counted
    deployed();
    const { answer, expected } = fortyCalls();
    let pending = 0;
    let most = 0;
    s3.on(ListObjectsV2Command).callsFake(async (input: ListInput) => {
      pending += 1;
      most = Math.max(most, pending);
      await tick();
      pending -= 1;
      return answer(input);
    });
    // Act
    const refused = reprocessAwsCommand(options({ prefix: 'transcripts/' }));
    // Assess: the requests sent in series, in their order (each document, then each inbox), the
    // plan as in series, 16 in flight at most
    await expect(refused).rejects.toThrow(REFUSAL);
    expect(listings()).toEqual(expected);
    expect(most).toBe(LOOKUPS_AT_ONCE);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('a failed lookup: the error of the first in order surfaces (as in series), and no lookup starts after it', async () => {
    // Prepare: t0003's listing fails late, t0010's at once (both in the first 16); the others answer after a tick
    deployed();
    const { answer } = fortyCalls();
    s3.on(ListObjectsV2Command).callsFake(async (input: ListInput) => {
      if (input.Prefix === 'results/enriched/t0010.json') throw new Error('SlowDown t0010');
      await tick();
      if (input.Prefix === 'results/enriched/t0003.json') {
        await tick();
        throw new Error('AccessDenied t0003');
      }
      return answer(input);
    });
    // Act
    const refused = reprocessAwsCommand(options({ prefix: 'transcripts/' }));
    // Assess
    await expect(refused).rejects.toThrow(/^AccessDenied t0003$/);
    expect(listings().map((l) => l.Prefix)).toEqual([
      'transcripts/',
      ...Array.from(
        { length: LOOKUPS_AT_ONCE },
        (_, i) => `results/enriched/t${String(i).padStart(4, '0')}.json`,
      ),
    ]);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('through the command line: --allow-full-runs without --from is refused before any request', async () => {
    // Act
    const refused = buildCli().parseAsync(
      ['reprocess', '--aws', '--state-machine-arn', SM, '--allow-full-runs'],
      { from: 'user' },
    );
    // Assess
    await expect(refused).rejects.toThrow(/--allow-full-runs goes with --from post-process/);
    expect(sfn.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });
});

describe('planFromPostProcess', () => {
  it('--since leaves out calls the map skips, and an escaped call id finds its document', () => {
    // Act
    const plan = planFromPostProcess({
      listed: [
        listed('inbox/old.tca.json', BEFORE),
        listed('inbox/a b.tca.json', AFTER),
        listed('inbox/a b.ctr.json', AFTER),
      ],
      enriched: [listed('results/enriched/a~20b.json', new Date('2026-03-06T00:00:00Z'))],
      inbox: [
        listed('inbox/old.tca.json', BEFORE),
        listed('inbox/a b.tca.json', AFTER),
        listed('inbox/a b.ctr.json', AFTER),
      ],
      enrichedPrefix: 'results/enriched',
      notBeforeEpochSeconds: Date.parse('2026-03-01T00:00:00Z') / 1000,
    });
    // Assess
    expect(plan).toEqual({
      calls: 1,
      postProcessOnly: 1,
      full: 0,
      noDocument: 0,
      changedSince: 0,
      fullExamples: [],
    });
  });
});

describe('FromPostProcessPlanner', () => {
  it('keeps nothing of a call it was not given by the listing: its enriched document and inbox files are dropped as they come', () => {
    // Prepare: count what goes into any Map or Set while the other listings are fed
    const planner = new FromPostProcessPlanner({ enrichedPrefix: 'results/enriched' });
    planner.listed(listed('inbox/c1.tca.json', BEFORE));
    const kept: unknown[] = [];
    const set = Map.prototype.set;
    const add = Set.prototype.add;
    vi.spyOn(Map.prototype, 'set').mockImplementation(function (this: Map<unknown, unknown>, k, v) {
      kept.push(k);
      return set.call(this, k, v);
    });
    vi.spyOn(Set.prototype, 'add').mockImplementation(function (this: Set<unknown>, k) {
      kept.push(k);
      return add.call(this, k);
    });
    // Act
    planner.enriched(listed('results/enriched/unlisted.json', STORED_AT));
    planner.enriched(listed('results/enriched/c1.json', STORED_AT));
    planner.inbox(listed('inbox/unlisted.ctr.json', AFTER));
    planner.inbox(listed('inbox/unlisted.tca.json', AFTER));
    planner.inbox(listed('inbox/c1.tca.json', BEFORE));
    vi.restoreAllMocks();
    // Assess
    expect(kept.filter((k) => String(k).includes('unlisted'))).toEqual([]);
    expect(planner.plan()).toMatchObject({ calls: 1, postProcessOnly: 1, full: 0 });
  });

  it("only inbox/<stem>. files are the call's (what ClaimCall lists): one in a folder below is not", () => {
    // Act
    const plan = planFromPostProcess({
      listed: [listed('inbox/c1.tca.json', BEFORE)],
      enriched: [listed('results/enriched/c1.json', STORED_AT)],
      inbox: [listed('inbox/c1.tca.json', BEFORE), listed('inbox/old/c1.ctr.json', AFTER)],
      enrichedPrefix: 'results/enriched',
    });
    // Assess
    expect(plan).toMatchObject({ calls: 1, postProcessOnly: 1, changedSince: 0 });
  });
});

describe('the printed plan', () => {
  const plan = {
    calls: 1_000_000,
    postProcessOnly: 0,
    full: 1_000_000,
    noDocument: 1_000_000,
    changedSince: 0,
    fullExamples: ['c1'],
  };

  it('prints costs one way: the refusal and the dry run without --from as the plan does ($6,032)', () => {
    // Assess
    expect(new FullRunsNotAllowedError(plan).message).toContain('about $6,032 of Comprehend');
    expect(describeFullRunPlan(1_000_000)).toContain('all in full (about $6,032:');
    expect(describeFromPostProcessPlan(plan)).toContain('run in full (about $6,032:');
    expect(describeFullRunPlan(3)).toContain('(about $0.02:');
  });

  it('says the count in full is a lower bound when it counts calls from PostProcess: a removed inbox file is not seen', () => {
    // Prepare: c1's CTR was removed after its document was stored: ClaimCall's inputs differ, the listings cannot tell
    const counted = planFromPostProcess({
      listed: [listed('inbox/c1.tca.json', BEFORE)],
      enriched: [listed('results/enriched/c1.json', STORED_AT)],
      inbox: [listed('inbox/c1.tca.json', BEFORE)],
      enrichedPrefix: 'results/enriched',
    });
    // Act
    const text = describeFromPostProcessPlan(counted);
    // Assess
    expect(counted).toMatchObject({ postProcessOnly: 1, full: 0 });
    expect(text).toContain(
      'the count in full is a lower bound: a call whose inbox file was removed since its document was stored, or landed while a run was storing it, also runs in full',
    );
    expect(describeFromPostProcessPlan(plan)).not.toContain('lower bound');
  });
});
