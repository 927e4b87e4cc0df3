import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createLocalEnrichers } from '../../adapters/local/local-enrichers.js';
import { queryLake } from '../../cli/commands/query.js';
import { type RunOptions, runDrop } from '../../cli/commands/run.js';
import { once } from '../../core/once.js';
import { generateCalls, writeDrop } from '../../generator/index.js';
import { tempDir } from '../helpers/paths.js';

const enrichers = once(() => createLocalEnrichers());
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

/** Twelve generated calls (CTR present, missing, callback-only, chat; nameless agents...) as transcripts. */
let generated: string | undefined;
const drop = async (): Promise<string> => {
  if (generated) return generated;
  const dir = tempDir('batched-drop');
  await writeDrop(generateCalls(5, 12), dir, tempDir('batched-truth'));
  generated = dir;
  return dir;
};

const run = async (home: string, extra: Partial<RunOptions> = {}) =>
  runDrop({ dir: await drop(), home, report: false, out: quiet, err: quiet, ...extra });

const TABLES = [
  'calls',
  'turns',
  'call_agents',
  'call_topics',
  'call_findings',
  'call_categories',
  'call_interruptions',
  'call_roles',
];

/** Every table as analysts see it, without the write times (each run has its own). */
const lakeContent = async (home: string) => {
  const content: Record<string, unknown> = {};
  for (const table of TABLES)
    content[table] = await queryLake(home, `select * exclude (written_at) from ${table} order by all`);
  content.call_status = await queryLake(home, 'select * exclude (updated_at) from call_status order by all');
  return content;
};

const lakeObjects = (home: string): string[] =>
  readdirSync(join(home, 'lake'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.parquet'))
    .map((e) => e.name);

describe('debrief run --batch', () => {
  // One caller-hash key for every home here, so their rows compare equal.
  beforeAll(() => {
    vi.stubEnv('DEBRIEF_ANI_HASH_KEY', 'a'.repeat(64));
  });

  it('lands exactly the rows of a call-by-call run, in one object per table and day per batch', async () => {
    // Prepare
    const plainHome = tempDir('plain-home');
    const batchHome = tempDir('batch-home');
    // Act
    // The call-by-call run's objects as its writes left them (before the run's merge).
    const plain = await run(plainHome, { enrichers, mergeLake: false });
    const batched = await run(batchHome, { enrichers, batchSize: 5, mergeLake: false });
    // Assess
    expect(batched.calls.map((c) => [c.callId, c.outcome, c.statesRun])).toEqual(
      plain.calls.map((c) => [c.callId, c.outcome, c.statesRun]),
    );
    expect(await lakeContent(batchHome)).toEqual(await lakeContent(plainHome));
    const objects = lakeObjects(batchHome);
    expect(objects.every((name) => name.startsWith('b-'))).toBe(true);
    expect(objects.length).toBeLessThan(lakeObjects(plainHome).length);
    // The same run merged at its end: the same rows, one object per table and day.
    const mergedHome = tempDir('merged-home');
    await run(mergedHome, { enrichers });
    expect(await lakeContent(mergedHome)).toEqual(await lakeContent(plainHome));
    const perPartition = new Map<string, number>();
    for (const e of readdirSync(join(mergedHome, 'lake'), { recursive: true, withFileTypes: true }))
      if (e.isFile() && e.name.endsWith('.parquet'))
        perPartition.set(e.parentPath, (perPartition.get(e.parentPath) ?? 0) + 1);
    expect(Math.max(...perPartition.values())).toBe(1);
    // Working documents stayed in memory: none on disk for calls that succeeded.
    expect(existsSync(join(batchHome, 'work'))).toBe(false);
    // The execution records were written: a second run finds every call unchanged.
    const again = await run(batchHome, { enrichers, batchSize: 5 });
    expect(new Set(again.calls.map((c) => c.outcome))).toEqual(new Set(['unchanged']));
  });

  it('on worker threads lands the same rows as in one thread', async () => {
    const oneThread = tempDir('one-thread');
    const twoWorkers = tempDir('two-workers');
    await run(oneThread, { batchSize: 4 });
    const summary = await run(twoWorkers, { batchSize: 4, workers: 2 });
    expect(summary.failed).toBe(0);
    expect(await lakeContent(twoWorkers)).toEqual(await lakeContent(oneThread));
  });

  it('a lake write that fails reports its batch failed, records none of it, and the next run lands it', async () => {
    // Prepare: a file where the call_status folder must go, so the flush fails at the commit
    const home = tempDir('failing-flush');
    mkdirSync(join(home, 'lake'), { recursive: true });
    writeFileSync(join(home, 'lake', 'call_status'), 'not a folder');
    // Act
    const failed = await run(home, { enrichers, batchSize: 50 });
    rmSync(join(home, 'lake', 'call_status'));
    const shownAfterFailure = await queryLake(home, 'select count(*) as n from calls');
    const storedAfterFailure = await queryLake(home, 'select count(*) as n from raw_calls');
    const second = await run(home, { enrichers, batchSize: 50 });
    // Assess
    expect(failed.failed).toBe(12);
    expect(failed.calls[0]?.error?.message).toMatch(/EEXIST|ENOTDIR/);
    // The data objects landed, but without their status rows nothing counts.
    expect(storedAfterFailure).toEqual([{ n: 12 }]);
    expect(shownAfterFailure).toEqual([{ n: 0 }]);
    expect(second.failed).toBe(0);
    expect(second.calls.every((c) => c.outcome === 'succeeded')).toBe(true);
    expect(await queryLake(home, 'select count(*) as n from calls')).toEqual([{ n: 12 }]);
  });

  it('a call quarantined in a batch keeps its working document on disk; the others land', async () => {
    const home = tempDir('batch-quarantine');
    const victim = (await run(tempDir('probe'), { enrichers, batchSize: 50 })).calls[3]!.callId;
    const summary = await run(home, {
      enrichers,
      batchSize: 50,
      postProcessors: [
        {
          name: 'picky',
          version: '1',
          process: (doc) => {
            if (doc.callId === victim) throw new Error('lookup service down');
            return doc;
          },
        },
      ],
    });
    const status = await queryLake(home, 'select call_id, state, stage from call_status order by call_id');
    expect(status.filter((s) => s.state === 'quarantined')).toEqual([
      { call_id: victim, state: 'quarantined', stage: 'PostProcess' },
    ]);
    expect(summary.calls.filter((c) => c.outcome === 'succeeded')).toHaveLength(11);
    const kept = readdirSync(join(home, 'work'), { recursive: true }).map(String);
    expect(kept.filter((f) => f.endsWith('call.json'))).toHaveLength(1);
    expect(kept.find((f) => f.endsWith('call.json'))).toContain(victim);
  });
});
