import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { lockHome } from '../../adapters/local/home-upkeep.js';
import { createLocalEnrichers } from '../../adapters/local/local-enrichers.js';
import { compactLake } from '../../cli/commands/compact.js';
import { writeDashboard } from '../../cli/commands/dashboard.js';
import { forgetCalls, forgetRows, readIdsFile, UnknownCallError } from '../../cli/commands/forget.js';
import { queryLake } from '../../cli/commands/query.js';
import { type RunOptions, runDrop } from '../../cli/commands/run.js';
import { objectName } from '../../core/object-names.js';
import { once } from '../../core/once.js';
import { generateCall, generateCalls, writeDrop } from '../../generator/index.js';
import { tableNames } from '../../schemas/tables.js';
import { AUDIO_FIXTURES, OPUS_CALL } from '../helpers/audio-fixtures.js';
import { oracleRecognizer } from '../helpers/oracle-recognizer.js';
import { REPO, tempDir } from '../helpers/paths.js';

/**
 * `debrief forget` on a home a real run made (generated transcripts, one with its recording, one
 * quarantined), read back through the real DuckDB views and the Parquet files.
 */
const enrichers = once(() => createLocalEnrichers());
let opus: ReturnType<typeof generateCall> | undefined;
const opusCall = () => {
  opus ??= generateCall(OPUS_CALL);
  return opus;
};
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

/** A Genesys-style recording (Ogg Opus and its sidecars), transcribed: transcripts and redacted audio. */
const RECORDED = 'opus-call';
const BROKEN = 'broken-call';

/** Eight generated calls, a recording, and a corrupt transcript. */
const makeDrop = async (): Promise<string> => {
  const dir = tempDir('forget-drop');
  await writeDrop(generateCalls(11, 8), dir, tempDir('forget-truth'));
  for (const f of ['opus-call.opus', 'opus-call.opus_metadata.json', 'opus-call.ctr.json'])
    copyFileSync(join(AUDIO_FIXTURES, f), join(dir, f));
  writeFileSync(join(dir, `${BROKEN}.tca.json`), '{ not json');
  return dir;
};

const run = (dir: string, home: string, extra: Partial<RunOptions> = {}) =>
  runDrop({
    dir,
    home,
    enrichers,
    postProcessors: [],
    report: false,
    out: quiet,
    err: quiet,
    speech: {
      recognizer: async () => oracleRecognizer(opusCall().truth, (ch) => (ch === 1 ? 'AGENT' : 'CUSTOMER')),
    },
    ...extra,
  });

/** Every file of the home (paths relative to it). */
const files = (home: string): string[] =>
  readdirSync(home, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(home.length + 1));

/** Each view's rows of these calls, by view. */
const shown = async (home: string, ids: readonly string[]) => {
  const list = ids.map((id) => `'${id}'`).join(', ');
  const found: Record<string, number> = {};
  for (const view of [...tableNames, 'recent_calls']) {
    const [row] = await queryLake(home, `select count(*) as n from ${view} where call_id in (${list})`);
    if (Number(row?.n) > 0) found[view] = Number(row?.n);
  }
  return found;
};

/** What analysts see of every other call: every table's rows without write times, and the dashboard views. */
const othersView = async (home: string, forgotten: readonly string[]) => {
  const list = forgotten.map((id) => `'${id}'`).join(', ');
  const content: Record<string, unknown> = {};
  for (const table of tableNames.filter((t) => t !== 'call_status'))
    content[table] = await queryLake(
      home,
      `select * exclude (written_at) from ${table} where call_id not in (${list}) order by all`,
    );
  content.call_status = await queryLake(
    home,
    `select * exclude (updated_at, superseded_dts) from call_status where call_id not in (${list}) order by all`,
  );
  return content;
};

/** Is any trace of the call left in the home outside the lake: a path naming it, a file holding its id? */
const tracesOutsideLake = (home: string, callId: string): string[] =>
  files(home).filter(
    (f) =>
      !f.startsWith('lake/') &&
      (f.includes(objectName(callId)) || f.includes(callId) || readFileSync(join(home, f)).includes(callId)),
  );

/** Rows of the calls in the lake's Parquet files themselves (every object, every version). */
const storedRows = async (home: string, ids: readonly string[]) => {
  const list = ids.map((id) => `'${id}'`).join(', ');
  const stored: Record<string, number> = {};
  for (const table of tableNames) {
    // A table no call of the home has rows in has no folder (call_metrics without post-processors).
    if (!existsSync(join(home, 'lake', table))) continue;
    const glob = join(home, 'lake', table, '**', '*.parquet');
    const [row] = await queryLake(
      home,
      `select count(*) as n from read_parquet('${glob}', union_by_name = true) where call_id in (${list})${table === 'call_status' ? " and state <> 'forgotten'" : ''}`,
    );
    if (Number(row?.n) > 0) stored[table] = Number(row?.n);
  }
  return stored;
};

describe('debrief forget', () => {
  beforeAll(() => {
    vi.stubEnv('DEBRIEF_ANI_HASH_KEY', 'b'.repeat(64));
  });

  it('removes every trace of a call from the home, hides it from every view at once and from the files at the next compact', async () => {
    // Prepare: a run, and the call of the recording forgotten with one generated call.
    const drop = await makeDrop();
    const home = tempDir('forget-home');
    const first = await run(drop, home);
    const generated = first.calls.map((c) => c.callId).filter((id) => id !== RECORDED && id !== BROKEN);
    const victim = generated[0] as string;
    expect(first.calls.find((c) => c.callId === BROKEN)?.outcome).toBe('quarantined');
    expect(first.calls.find((c) => c.callId === RECORDED)?.outcome).toBe('succeeded');
    const ids = [victim, RECORDED, BROKEN];
    expect(Object.keys(await shown(home, [victim, RECORDED])).sort()).toEqual(
      expect.arrayContaining(['call_status', 'calls', 'turns', 'recent_calls']),
    );
    expect(tracesOutsideLake(home, RECORDED).some((f) => f.startsWith('transcripts/'))).toBe(true);
    expect(tracesOutsideLake(home, RECORDED).some((f) => f.startsWith('executions/recordings/'))).toBe(true);
    expect(tracesOutsideLake(home, BROKEN).some((f) => f.startsWith('quarantine/'))).toBe(true);
    const others = await othersView(home, ids);
    const victimRow = await queryLake(
      home,
      `select * exclude (written_at) from calls where call_id = '${victim}'`,
    );
    expect(victimRow).toHaveLength(1);
    await writeDashboard(home);
    expect(readFileSync(join(home, 'dashboard.html'), 'utf8')).toContain(victim);
    const overview = await queryLake(home, 'select * from pipeline_status order by state');

    // A dry run removes nothing.
    const before = files(home).sort();
    const dry = await forgetCalls({ home, callIds: ids, dryRun: true, err: quiet });
    expect(files(home).sort()).toEqual(before);
    expect(dry.calls.find((c) => c.callId === RECORDED)?.lakeRows.turns).toBeGreaterThan(0);

    // Unknown ids: refused, nothing removed.
    await expect(forgetCalls({ home, callIds: [victim, 'no-such-call'], err: quiet })).rejects.toThrow(
      UnknownCallError,
    );
    await expect(forgetCalls({ home, callIds: ['no-such-call'], err: quiet })).rejects.toThrow(
      /no call "no-such-call" in this home/,
    );
    expect(files(home).sort()).toEqual(before);

    // the speech decoder's folder of unredacted clips a killed process left (found by a new-user trial)
    const killed = spawnSync(process.execPath, ['-e', '']).pid;
    const clips = join(tmpdir(), `debrief-pocketsphinx-${killed}-Forget`);
    mkdirSync(clips, { recursive: true });
    writeFileSync(join(clips, 'u000000.wav'), 'RIFF');

    // Act
    const report = await forgetCalls({ home, callIds: ids, err: quiet });
    expect(existsSync(clips)).toBe(false);

    // Assert: the report names what went where.
    const rows = forgetRows(report).map((r) => `${r[0]} | ${r[1]} | ${r[2]} | ${r[3]}`);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `^${RECORDED} \\| lake: hidden now, dropped by the next compact \\| calls 1, turns \\d+`,
          ),
        ),
        `${RECORDED} | staged inputs | inbox/ | 1`,
        `${RECORDED} | transcripts and redacted audio | transcripts/<call>/ | 2`,
        `${RECORDED} | duplicate-recording claims | executions/recordings/*/ | 1`,
        `${RECORDED} | execution record | executions/<call>.json | 1`,
        `${BROKEN} | quarantine report and kept inputs | quarantine/<call>/ | 2`,
        expect.stringMatching(new RegExp(`^${victim} \\| result documents \\| results/dt=\\*/ \\| 1$`)),
      ]),
    );
    // Nothing of them is left outside the lake; no view shows them; everyone else is as before.
    for (const id of ids) expect(tracesOutsideLake(home, id), id).toEqual([]);
    expect(await shown(home, ids)).toEqual({});
    expect(await othersView(home, ids)).toEqual(others);
    const after = await queryLake(home, 'select * from pipeline_status order by state');
    const count = (rows: Record<string, unknown>[], state: string) =>
      Number(rows.find((r) => r.state === state)?.calls ?? 0);
    expect(count(after, 'processed') + count(after, 'partial')).toBe(
      count(overview, 'processed') + count(overview, 'partial') - 2,
    );
    expect(count(after, 'quarantined')).toBe(count(overview, 'quarantined') - 1);
    expect(after.map((r) => r.state)).not.toContain('forgotten');
    expect(readFileSync(join(home, 'dashboard.html'), 'utf8')).not.toContain(victim);
    // Still in the Parquet files until compaction...
    expect(Object.keys(await storedRows(home, ids))).toEqual(expect.arrayContaining(['calls', 'turns']));

    // ...which drops them, keeping the tombstones (one per call) and nothing else of them.
    await compactLake(home, undefined, { err: quiet });
    expect(await storedRows(home, ids)).toEqual({});
    const tombstones = await queryLake(
      home,
      `select call_id, state, reason, sources, dt from read_parquet('${join(home, 'lake', 'call_status', '*.parquet')}', union_by_name = true) where call_id in (${ids.map((id) => `'${id}'`).join(', ')}) order by call_id`,
    );
    expect(tombstones).toEqual(
      [...ids].sort().map((id) => ({ call_id: id, state: 'forgotten', reason: null, sources: '', dt: null })),
    );
    expect(await shown(home, ids)).toEqual({});
    expect(await othersView(home, ids)).toEqual(others);
    for (const file of files(home).filter((f) => f.startsWith('lake/') && !f.startsWith('lake/call_status/')))
      expect(file).not.toContain(RECORDED);

    // Forgotten again: known by its tombstone, nothing left to remove, no second tombstone.
    const again = await forgetCalls({ home, callIds: [victim], err: quiet });
    expect(again.calls[0]).toMatchObject({ stateBefore: 'forgotten', tombstone: false, traces: [] });

    // A later drop of the same call runs it again as a new call, and it shows as before.
    const redrop = await run(drop, home);
    const outcomes = Object.fromEntries(redrop.calls.map((c) => [c.callId, c.outcome]));
    expect(outcomes[victim]).toBe('succeeded');
    expect(outcomes[RECORDED]).toBe('succeeded');
    expect(outcomes[generated[1] as string]).toBe('unchanged');
    expect(Object.keys(await shown(home, [victim, RECORDED])).sort()).toEqual(
      expect.arrayContaining(['call_status', 'calls', 'turns']),
    );
    expect(await othersView(home, ids)).toEqual(others);
    expect(
      await queryLake(home, `select * exclude (written_at) from calls where call_id = '${victim}'`),
    ).toEqual(victimRow);
    const [back] = await queryLake(home, `select state from call_status where call_id = '${victim}'`);
    expect(back?.state).toBe('processed');
  }, 240_000);

  it('killed half-way, a second forget finishes the job; a run holding the home makes it wait or stop', async () => {
    // Prepare
    const drop = await makeDrop();
    const home = tempDir('forget-crash');
    const first = await run(drop, home);
    const victim = first.calls.map((c) => c.callId).find((id) => id !== RECORDED && id !== BROKEN) as string;
    const ids = [victim, RECORDED];
    const others = await othersView(home, ids);

    // A run holds the home: --no-wait stops at once, nothing removed.
    const before = files(home).sort();
    const lock = await lockHome(home, { command: 'run', wait: false });
    try {
      await expect(forgetCalls({ home, callIds: ids, wait: false, err: quiet })).rejects.toThrow(/run/);
    } finally {
      await lock.release();
    }
    expect(files(home).sort()).toEqual(before);

    // Act: killed after the tombstone and the inputs of the second call, before its transcripts.
    await expect(
      forgetCalls({
        home,
        callIds: ids,
        err: quiet,
        beforeStep: (callId, step) => {
          if (callId === RECORDED && step === 'transcripts and redacted audio') throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');

    // Assert: hidden already (the tombstone is the first thing written), files half removed.
    expect(await shown(home, ids)).toEqual({});
    expect(tracesOutsideLake(home, victim)).toEqual([]);
    const left = tracesOutsideLake(home, RECORDED);
    expect(left.some((f) => f.startsWith('transcripts/'))).toBe(true);
    expect(left.some((f) => f.startsWith('inbox/'))).toBe(false);

    // Rerun: finishes, writes no second tombstone.
    const rerun = await forgetCalls({ home, callIds: ids, err: quiet });
    expect(rerun.calls.map((c) => [c.callId, c.stateBefore, c.tombstone])).toEqual([
      [victim, 'forgotten', false],
      [RECORDED, 'forgotten', false],
    ]);
    expect(rerun.calls[1]?.traces.map((t) => t.what)).toEqual([
      'transcripts and redacted audio',
      'result documents',
      'working documents',
      'duplicate-recording claims',
      'execution record',
    ]);
    for (const id of ids) expect(tracesOutsideLake(home, id)).toEqual([]);
    const [tombs] = await queryLake(
      home,
      `select count(*) as n from read_parquet('${join(home, 'lake', 'call_status', '*.parquet')}', union_by_name = true) where state = 'forgotten'`,
    );
    expect(Number(tombs?.n)).toBe(2);
    expect(await othersView(home, ids)).toEqual(others);
  }, 240_000);

  it('a forgotten call lets go of its recording: its copy, quarantined as one, runs on the next run; the command line', async () => {
    // Prepare: call-a lands with a recording; call-b, the same bytes in a later drop, is its copy.
    const transcript = join(REPO, 'samples', 'call-0004-fraud-report.tca.json');
    const recording = join(REPO, 'samples', 'call-0001-billing.wav');
    const home = tempDir('forget-dup-home');
    const first = tempDir('forget-dup-a');
    const second = tempDir('forget-dup-b');
    for (const [dir, name] of [
      [first, 'call-a'],
      [second, 'call-b'],
    ] as const) {
      copyFileSync(transcript, join(dir, `${name}.tca.json`));
      copyFileSync(recording, join(dir, `${name}.wav`));
    }
    await run(first, home);
    const copy = await run(second, home);
    expect(copy.calls.map((c) => [c.callId, c.outcome, c.error?.name])).toEqual([
      ['call-b', 'quarantined', 'DuplicateRecordingError'],
    ]);

    // Act: through the command line, an unknown id first (refused, exit 1), then call-a from a file.
    const cli = (...args: string[]) =>
      spawnSync('node', ['bin/debrief.mjs', 'forget', ...args, '--home', home], {
        cwd: REPO,
        encoding: 'utf8',
      });
    const refused = cli('call-a', 'call-z');
    // the ids file outside the home, in a folder of its own (not beside the home: that is /tmp itself)
    const ids = join(tempDir('forget-request'), 'forget-ids.txt');
    writeFileSync(ids, '# erasure request\ncall-a\n');
    const dry = cli('--from-file', ids, '--dry-run');
    const done = cli('--from-file', ids);
    const again = await run(second, home);

    // Assert
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('no call "call-z" in this home');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/call-a .*lake: would be hidden/);
    expect(dry.stdout).toContain('dry run: nothing was removed');
    expect(done.status).toBe(0);
    // two claims: its recording's and, dropped with it, its transcript's (bbcdbb3)
    expect(done.stdout).toMatch(/call-a .*duplicate-recording claims .*executions\/recordings\/\*\/ .*2/);
    expect(done.stdout).toContain('forgot 1 call');
    expect(again.calls.map((c) => [c.callId, c.outcome])).toEqual([['call-b', 'succeeded']]);
    expect(await queryLake(home, 'select call_id, state from call_status order by call_id')).toEqual([
      { call_id: 'call-b', state: 'processed' },
    ]);
  }, 240_000);

  it('reads ids from a file: one a line, blank lines and # comments skipped', () => {
    const dir = tempDir('forget-ids');
    const file = join(dir, 'ids.txt');
    writeFileSync(file, '# erasure requests, 2026-12\ncall-a\n\n  call-b  \r\n#call-c\n');
    expect(readIdsFile(file)).toEqual(['call-a', 'call-b']);
    expect(existsSync(file)).toBe(true);
  });
});
