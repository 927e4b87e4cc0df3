import { cpSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createLocalEnrichers } from '../../adapters/local/local-enrichers.js';
import { callDays, fileNameDay, inDayOrder, storedCallDays } from '../../cli/commands/call-days.js';
import { queryLake } from '../../cli/commands/query.js';
import { type RunOptions, runDrop } from '../../cli/commands/run.js';
import type { DropCall } from '../../core/drop.js';
import { DEFAULT_FILE_NAME_START } from '../../core/file-name-start.js';
import { once } from '../../core/once.js';
import { generateCalls, writeDrop } from '../../generator/index.js';
import { tempDir } from '../helpers/paths.js';

const enrichers = once(() => createLocalEnrichers());
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

const DAYS = ['2026-01-01', '2026-01-02', '2026-01-03'];

/**
 * Twelve generated calls, call i started on DAYS[i mod 3]: in name order the days take turns, as
 * a year's calls listed by name do. `named`: each call's files also carry its start in their
 * names (PCA's `_DT_2026-01-01T10-00-00`).
 */
const spreadDrop = async (named: boolean): Promise<string> => {
  const dir = tempDir(named ? 'days-named-drop' : 'days-drop');
  const calls = Array.from({ length: 12 }, (_, i) => {
    const call = generateCalls(5, 1, { startDate: DAYS[i % DAYS.length]! }, i)[0]!;
    if (!named) return call;
    const stem = `${call.callId}_DT_${DAYS[i % DAYS.length]}T10-00-00`;
    return {
      ...call,
      callId: stem,
      files: call.files.map((f) => ({ ...f, name: f.name.replace(call.callId, stem) })),
    };
  });
  await writeDrop(calls, dir, tempDir('days-truth'));
  return dir;
};

const run = (dir: string, home: string, extra: Partial<RunOptions> = {}) =>
  runDrop({ dir, home, report: false, out: quiet, err: quiet, enrichers, ...extra });

/** The batch objects under each table's day folder (`calls/dt=2026-01-01`), by folder. */
const batchObjects = (home: string): Map<string, Set<string>> => {
  const by = new Map<string, Set<string>>();
  for (const e of readdirSync(join(home, 'lake'), { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.startsWith('b-')) continue;
    const folder = e.parentPath.slice(join(home, 'lake').length + 1);
    by.set(folder, new Set([...(by.get(folder) ?? []), e.name]));
  }
  return by;
};

/** Objects in `after` that were not in `before`, per folder. */
const written = (before: Map<string, Set<string>>, after: Map<string, Set<string>>): Map<string, number> =>
  new Map(
    [...after].map(([folder, names]) => [
      folder,
      [...names].filter((n) => !before.get(folder)?.has(n)).length,
    ]),
  );

describe('debrief run --batch hands the calls out by day', () => {
  beforeAll(() => {
    vi.stubEnv('DEBRIEF_ANI_HASH_KEY', 'a'.repeat(64));
  });

  it('a reprocess of calls listed by name over several days writes one object per table and day', async () => {
    // Prepare: the calls' first run (batches of 4: in name order each holds all three days)
    const dir = await spreadDrop(false);
    const home = tempDir('days-home');
    await run(dir, home, { batchSize: 4 });
    const days = await queryLake(
      home,
      'select dt::varchar as dt, count(*)::int as n from calls group by 1 order by 1',
    );
    const before = batchObjects(home);
    // Act
    const again = await run(dir, home, { batchSize: 4, reprocess: true });
    // Assess: every call ran again, each on its own day
    expect(again.failed).toBe(0);
    expect(again.calls.every((c) => c.outcome === 'succeeded')).toBe(true);
    expect(days).toEqual(DAYS.map((dt) => ({ dt, n: 4 })));
    // Three batches of one day each: one object per table and day, three of call_status
    const byFolder = written(before, batchObjects(home));
    const partitioned = [...byFolder].filter(([folder]) => folder.includes('/dt='));
    expect(new Set(partitioned.map(([folder]) => folder.slice(folder.indexOf('dt='))))).toEqual(
      new Set(DAYS.map((d) => `dt=${d}`)),
    );
    expect(partitioned.every(([, n]) => n === 1)).toBe(true);
    expect(byFolder.get('call_status')).toBe(3);
    // The outcomes are reported in the drop's order, as before
    expect(again.calls.map((c) => c.callId)).toEqual([...again.calls.map((c) => c.callId)].sort());
  });

  it('a first run whose file names carry the calls’ start writes one object per table and day', async () => {
    const dir = await spreadDrop(true);
    const home = tempDir('days-named-home');
    const summary = await run(dir, home, { batchSize: 4 });
    expect(summary.failed).toBe(0);
    const byFolder = written(new Map(), batchObjects(home));
    const partitioned = [...byFolder].filter(([folder]) => folder.includes('/dt='));
    expect(partitioned.length).toBeGreaterThan(0);
    expect(partitioned.every(([, n]) => n === 1)).toBe(true);
    expect(byFolder.get('call_status')).toBe(3);
  });

  it('a reprocess by day on two worker threads lands the same rows as the first run in name order', async () => {
    // Prepare: the first run in one thread (name order: no day is known yet), and a copy of its home
    const dir = await spreadDrop(false);
    const oneThread = tempDir('days-one-thread');
    const twoWorkers = tempDir('days-two-workers');
    await run(dir, oneThread, { batchSize: 4, enrichers: undefined });
    cpSync(oneThread, twoWorkers, { recursive: true });
    // Act: the copy reprocessed by day, each worker its own stretch of days
    const again = await run(dir, twoWorkers, {
      batchSize: 4,
      enrichers: undefined,
      workers: 2,
      reprocess: true,
    });
    // Assess
    expect(again.failed).toBe(0);
    const content = async (home: string) => ({
      calls: await queryLake(home, 'select * exclude (written_at) from calls order by all'),
      turns: await queryLake(home, 'select count(*)::int as n, sum(toxicity) as t from turns'),
      status: await queryLake(home, 'select * exclude (updated_at) from call_status order by all'),
    });
    expect(await content(twoWorkers)).toEqual(await content(oneThread));
    // Two worker threads start (tsx registered in each): slow on a loaded machine
  }, 300_000);
});

const call = (callId: string, audio: string | null = null, transcript: string | null = null): DropCall => ({
  callId,
  transcript,
  audio,
  ctr: null,
  recording: null,
});

describe('call days', () => {
  it('reads each call’s day from where its result document is filed, the newer of two', () => {
    // Prepare: a's result under two days (its day changed; the older document stayed)
    const results = tempDir('results');
    for (const [dt, name] of [
      ['2026-03-01', 'a'],
      ['2026-03-02', 'b'],
      ['2026-02-27', 'a'],
      ['2026-03-01', 'x~2fy'],
    ] as const) {
      mkdirSync(join(results, `dt=${dt}`), { recursive: true });
      writeFileSync(join(results, `dt=${dt}`, `${name}.json`), '{}');
    }
    utimesSync(join(results, 'dt=2026-03-01', 'a.json'), new Date('2026-03-01'), new Date('2026-03-01'));
    utimesSync(join(results, 'dt=2026-02-27', 'a.json'), new Date('2026-03-05'), new Date('2026-03-05'));
    // Act
    const days = storedCallDays(results, [call('a'), call('b'), call('c'), call('x/y')]);
    // Assess
    expect(days).toEqual(['2026-02-27', '2026-03-02', null, '2026-03-01']);
    expect(storedCallDays(join(results, 'none'), [call('a')])).toEqual([null]);
  });

  it('reads a first run’s day from a date-time in the recording’s, else the transcript’s, file name', () => {
    expect(fileNameDay(call('a', 'x/Auto1_DT_2021-12-01T07-55-51.wav'), DEFAULT_FILE_NAME_START)).toBe(
      '2021-12-01',
    );
    expect(fileNameDay(call('a', null, 'b_2025-02-19_06-01-22.tca.json'), DEFAULT_FILE_NAME_START)).toBe(
      '2025-02-19',
    );
    expect(fileNameDay(call('a', null, 'call-0001.tca.json'), DEFAULT_FILE_NAME_START)).toBeNull();
    // A stored result's day comes first
    const results = tempDir('results-first');
    mkdirSync(join(results, 'dt=2026-01-05'), { recursive: true });
    writeFileSync(join(results, 'dt=2026-01-05', 'a.json'), '{}');
    expect(
      callDays(results, [
        call('a', 'a_DT_2021-12-01T07-55-51.wav'),
        call('b', 'b_DT_2021-12-01T07-55-51.wav'),
      ]),
    ).toEqual(['2026-01-05', '2021-12-01']);
  });

  it('orders calls by day, each day’s in the order given, those of no known day last', () => {
    const calls = ['a', 'b', 'c', 'd', 'e', 'f'];
    expect(inDayOrder(calls, ['2026-01-02', null, '2026-01-01', '2026-01-02', null, '2026-01-01'])).toEqual([
      'c',
      'f',
      'a',
      'd',
      'b',
      'e',
    ]);
    expect(
      inDayOrder(
        calls,
        calls.map(() => null),
      ),
    ).toEqual(calls);
  });
});
