import { execFile, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { LockBusyError } from '../../adapters/local/file-lock.js';
import { lockHome } from '../../adapters/local/home-upkeep.js';
import { createLocalEnrichers } from '../../adapters/local/local-enrichers.js';
import { queryLake } from '../../cli/commands/query.js';
import { type RunOptions, type RunSummary, runDrop } from '../../cli/commands/run.js';
import { watchDrop } from '../../cli/commands/watch.js';
import { once } from '../../core/once.js';
import type { PostProcessor } from '../../core/post-processor.js';
import { renderCallPage } from '../../dashboards/render-calls.js';
import { callDetail } from '../../dashboards/workbench-queries.js';
import { functionSpecs } from '../../infra/functions.js';
import { DEFAULT_STEP_TIMEOUT_SECONDS } from '../../workflows/local-runner.js';
import { TASK_NAMES } from '../../workflows/tasks.js';
import { REPO, tempDir } from '../helpers/paths.js';
import { showcaseTranscriptFolder } from '../helpers/samples.js';
import { textSink } from '../helpers/text-sink.js';

/** The showcase calls as transcripts (samples/ drops some as recordings: no speech here). */
const SAMPLES = showcaseTranscriptFolder();
const A = 'call-0001-billing';
const B = 'call-0002-payments';
const C = 'call-0003-cancellation';
const enrichers = once(() => createLocalEnrichers());

const sink = textSink;

/** A drop folder holding the given sample calls (all their files). */
const dropOf = (...stems: string[]): string => {
  const dir = tempDir('drop');
  for (const f of readdirSync(SAMPLES).filter((f) => stems.some((s) => f.startsWith(`${s}.`))))
    copyFileSync(join(SAMPLES, f), join(dir, f));
  return dir;
};

const run = (dir: string, home: string, extra: Partial<RunOptions> = {}) => {
  const err = sink();
  return runDrop({ dir, home, enrichers, report: false, out: sink().stream, err: err.stream, ...extra }).then(
    (summary) => ({ summary, err: err.text() }),
  );
};

const outcomes = (s: RunSummary) => Object.fromEntries(s.calls.map((c) => [c.callId, c.outcome]));
const status = (home: string) =>
  queryLake(home, 'select call_id, state, reason from call_status order by call_id');
/** Every call once per table as analysts see it. */
const perCall = (home: string) =>
  queryLake(
    home,
    `select s.call_id, s.state, (select count(*) from calls c where c.call_id = s.call_id) as calls,
            (select count(*) from turns t where t.call_id = s.call_id) as turns,
            (select max(turn_count) from calls c where c.call_id = s.call_id) as turn_count
     from call_status s order by s.call_id`,
  );

describe('one home, one writer (#11.1)', () => {
  it('two runs on one home at once: the second waits, then both finish and every call is right once', async () => {
    const drop = dropOf(A, B, C);
    const home = tempDir('home');
    const [first, second] = await Promise.all([run(drop, home), run(drop, home)]);
    const all = [first, second];
    expect(all.some((r) => /waiting: another debrief run \(pid \d+\)/.test(r.err))).toBe(true);
    expect(all.flatMap((r) => r.summary.calls.map((c) => c.outcome)).sort()).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    const rows = await perCall(home);
    expect(rows.map((r) => [r.call_id, r.state, r.calls])).toEqual([
      [A, 'processed', 1],
      [B, 'processed', 1],
      [C, 'processed', 1],
    ]);
    for (const r of rows) expect(r.turns).toBe(r.turn_count);
    expect(await queryLake(home, "select count(*) as n from calls where ctr_status = 'matched'")).toEqual([
      { n: 3 },
    ]);
  });

  it('two `debrief run` processes on one home both exit 0 with the same, complete results', async () => {
    const drop = dropOf(A, B, C);
    const home = tempDir('home');
    const cli = (): Promise<{ code: number | null; stderr: string }> =>
      new Promise((resolve) => {
        const child = spawn('node', ['bin/debrief.mjs', 'run', drop, '--home', home], { cwd: REPO });
        let stderr = '';
        child.stderr.on('data', (d) => {
          stderr += String(d);
        });
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const results = await Promise.all([cli(), cli()]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    expect((await perCall(home)).map((r) => [r.call_id, r.state, r.calls])).toEqual([
      [A, 'processed', 1],
      [B, 'processed', 1],
      [C, 'processed', 1],
    ]);
    expect(await queryLake(home, "select count(*) as n from calls where ctr_status = 'matched'")).toEqual([
      { n: 3 },
    ]);
  });

  /**
   * `debrief <args>` signalled once a call is in flight (a recording being transcribed, or the
   * speech model's first build): its exit status and stderr.
   */
  const signalInFlight = async (
    args: string[],
    signal: NodeJS.Signals,
  ): Promise<{ code: number | null; stderr: string }> => {
    const child = spawn('node', ['bin/debrief.mjs', ...args], { cwd: REPO });
    let stderr = '';
    const inFlight = new Promise<void>((resolve) => {
      child.stderr.on('data', (d) => {
        stderr += String(d);
        if (/transcribing|first use/.test(stderr)) resolve();
      });
    });
    const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await inFlight;
    child.kill(signal);
    return { code: await closed, stderr };
  };

  it('Ctrl-C during a run says where it stands, lets go of the home and exits as an interrupt (it stopped silently, its lock left)', async () => {
    // Prepare: the bundled samples (recordings to transcribe: a call is in flight for seconds)
    const home = tempDir('home');
    // Act
    const { code, stderr } = await signalInFlight(['run', 'samples', '--home', home], 'SIGINT');
    // Assess
    expect(code).toBe(130);
    expect(stderr).toContain(
      `interrupted: the calls that finished are in the lake; a call in flight was not finished and runs again on the next run: npx debrief run samples --home ${home}`,
    );
    expect(readdirSync(join(home, '.locks')).filter((f) => f.endsWith('.lock'))).toEqual([]);
  }, 300_000);

  it('Ctrl-C during a run --reprocess repeats every option it was given and says the line runs the finished calls again too (it printed `run` alone: the calls not yet run again were then skipped as unchanged)', async () => {
    // Prepare: the bundled samples (recordings to transcribe: a call is in flight for seconds)
    const home = tempDir('home');
    // Act
    const { code, stderr } = await signalInFlight(
      ['run', 'samples', '--home', home, '--reprocess', '--concurrency', '3', '--toxicity-threshold', '0.7'],
      'SIGINT',
    );
    // Assess
    expect(code).toBe(130);
    expect(stderr).toContain(
      `interrupted: the calls that finished are in the lake; a call in flight was not finished. This line runs the calls again, the finished ones too (--reprocess; --call <id> for some of them): npx debrief run samples --reprocess --concurrency 3 --toxicity-threshold 0.7 --home ${home}\n`,
    );
  }, 300_000);

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s during a watch batch (Ctrl-C; a supervisor stopping it) says to start the watch again, not a run (it named `debrief run`; SIGTERM left the lock and said nothing), lets go of the home, exits %i',
    async (signal, status) => {
      // Prepare: a copy of the bundled samples watched (recordings to transcribe: a call is in flight for seconds)
      const drop = tempDir('watch-drop');
      for (const f of readdirSync(join(REPO, 'samples')))
        copyFileSync(join(REPO, 'samples', f), join(drop, f));
      const home = tempDir('home');
      // Act
      const { code, stderr } = await signalInFlight(['watch', drop, '--home', home], signal);
      // Assess
      expect(code).toBe(status);
      expect(stderr).toContain(
        `interrupted: the calls that finished are in the lake; a call in flight was not finished and runs again when the watch starts again: npx debrief watch ${drop} --home ${home}`,
      );
      expect(readdirSync(join(home, '.locks')).filter((f) => f.endsWith('.lock'))).toEqual([]);
    },
    300_000,
  );

  it('Ctrl-C during a watch repeats every option it was given, --settle-ms and --copy-quiet-ms among them (they were left out: resuming changed how it waits), a setting once', async () => {
    // Prepare
    const drop = tempDir('watch-drop');
    for (const f of readdirSync(join(REPO, 'samples'))) copyFileSync(join(REPO, 'samples', f), join(drop, f));
    const home = tempDir('home');
    // Act
    const { code, stderr } = await signalInFlight(
      [
        'watch',
        drop,
        '--home',
        home,
        '--settle-ms',
        '200',
        '--copy-quiet-ms',
        '7000',
        '--concurrency',
        '3',
        '--toxicity-threshold',
        '0.7',
      ],
      'SIGINT',
    );
    // Assess
    expect(code).toBe(130);
    expect(stderr).toContain(
      `runs again when the watch starts again: npx debrief watch ${drop} --settle-ms 200 --copy-quiet-ms 7000 --concurrency 3 --toxicity-threshold 0.7 --home ${home}\n`,
    );
  }, 300_000);

  it('with --no-wait a second run stops at once and says who holds the home', async () => {
    const home = tempDir('home');
    const held = await lockHome(home, { command: 'run' });
    try {
      await expect(run(dropOf(A), home, { wait: false })).rejects.toThrow(LockBusyError);
      await expect(run(dropOf(A), home, { wait: false })).rejects.toThrow(
        new RegExp(`in use by debrief run \\(pid ${process.pid} on `),
      );
    } finally {
      await held.release();
    }
  });

  it('a lock left by a killed run (its pid is gone) is taken over at once, and its leftovers are swept', async () => {
    const home = tempDir('home');
    mkdirSync(join(home, '.locks'), { recursive: true });
    mkdirSync(join(home, '.tmp'), { recursive: true });
    mkdirSync(join(home, 'inbox'), { recursive: true });
    const dead = 2 ** 22 + 12345; // above Linux's pid_max default: never a live process
    writeFileSync(
      join(home, '.locks', 'run.lock'),
      JSON.stringify({
        pid: dead,
        host: hostname(),
        command: 'run',
        startedAt: '2026-01-01T00:00:00Z',
        token: 'x',
      }),
    );
    writeFileSync(join(home, '.tmp', `${hostname()}~${dead}~abc`), 'half a parquet file');
    writeFileSync(join(home, 'inbox', 'left-over.ctr.json'), '{"ani": "tel:+15125550142"}');
    // The killed run was processing A: its lease on the call would hold A for a day.
    mkdirSync(join(home, 'state', 'leases'), { recursive: true });
    writeFileSync(
      join(home, 'state', 'leases', `${A}.json`),
      JSON.stringify({
        token: 'killed',
        acquiredAt: '2026-01-01T00:00:00Z',
        expiresAt: '2999-01-01T00:00:00Z',
      }),
    );
    const started = Date.now();
    const { summary } = await run(dropOf(A), home);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(outcomes(summary)).toEqual({ [A]: 'succeeded' });
    expect(readdirSync(join(home, '.tmp'))).toEqual([]);
    // The killed run's CTR copy is gone; the new run keeps only its transcript copy.
    expect(readdirSync(join(home, 'inbox'))).toEqual([`${A}.tca.json`]);
    expect(existsSync(join(home, '.locks', 'run.lock'))).toBe(false);
    expect(readdirSync(join(home, 'state', 'leases'))).toEqual([]);
  });
});

describe('every input problem ends as a quarantine row, never a crash (#11.5, #11.6, #11.13)', () => {
  it('a pipe and a file moved away mid-run quarantine their calls; links and hidden files are reported', async () => {
    const drop = dropOf(A, B, C);
    execFileSync('mkfifo', [join(drop, 'pipe.tca.json')]);
    symlinkSync(join(drop, 'nowhere.json'), join(drop, 'dangling.ctr.json'));
    symlinkSync(join(SAMPLES, 'call-0005-technical-support.tca.json'), join(drop, 'linked.tca.json'));
    symlinkSync(SAMPLES, join(drop, 'samples-link'));
    writeFileSync(join(drop, '.DS_Store'), 'x');
    // B's transcript disappears after the scan, while A runs (a producer moving files away).
    const mover: PostProcessor = {
      name: 'mover',
      version: '1',
      process: (doc) => {
        if (doc.callId === A && existsSync(join(drop, `${C}.tca.json`)))
          renameSync(join(drop, `${C}.tca.json`), join(tempDir('away'), 'x.tca.json'));
        return doc;
      },
    };
    const { summary, err } = await run(drop, tempDir('home'), { postProcessors: [mover], concurrency: 1 });
    expect(summary.failed).toBe(0);
    expect(outcomes(summary)).toMatchObject({
      [A]: 'succeeded',
      [B]: 'succeeded',
      [C]: 'quarantined',
      pipe: 'quarantined',
      linked: 'succeeded',
    });
    const reasons = Object.fromEntries(summary.calls.map((c) => [c.callId, c.reason]));
    expect(reasons[C]).toBe(
      `the transcript ${C}.tca.json could not be read (it was moved or deleted while being read): fix it and run again`,
    );
    expect(reasons.pipe).toMatch(
      /the transcript pipe\.tca\.json could not be read \(it is not a regular file/,
    );
    expect(err).toMatch(/dangling\.ctr\.json is a broken symbolic link: skipped/);
    expect(err).toMatch(/samples-link links to a folder, which is not followed: skipped/);
    expect(err).toMatch(/1 hidden file\(s\) or folder\(s\) skipped: \.DS_Store/);
  });

  it('a file nobody may read quarantines its call (EACCES), the other calls land and the run exits 0', async () => {
    const drop = dropOf(A, B);
    const home = tempDir('home');
    chmodSync(join(drop, `${B}.ctr.json`), 0o000);
    const asRoot = process.getuid?.() === 0;
    // root reads anything: run the CLI as `nobody` then, so the permission check is real.
    for (const dir of [drop, home]) chmodSync(dir, 0o777);
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(
        'node',
        ['bin/debrief.mjs', 'run', drop, '--home', home],
        { cwd: REPO, ...(asRoot ? { uid: 65534, gid: 65534 } : {}) },
        (error, _stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stderr }),
      );
    });
    expect(code, stderr).toBe(0);
    expect(await status(home)).toEqual([
      { call_id: A, state: 'processed', reason: null },
      {
        call_id: B,
        state: 'quarantined',
        reason: `the CTR (conversation record) ${B}.ctr.json could not be read (permission denied): fix it and run again`,
      },
    ]);
  });

  it('`watch` keeps going through unreadable files and a drop folder that disappears and comes back', async () => {
    const drop = tempDir('watch');
    const home = tempDir('home');
    const batches: RunSummary[] = [];
    const errors: Error[] = [];
    const watcher = watchDrop({
      dir: drop,
      home,
      enrichers,
      report: false,
      settleMs: 150,
      out: sink().stream,
      err: sink().stream,
      onBatch: (s) => batches.push(s),
      onBatchError: (e) => errors.push(e),
    });
    const until = async (check: () => Promise<boolean>) => {
      const end = Date.now() + 60_000;
      while (Date.now() < end) {
        if (await check()) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('condition not met in time');
    };
    const states = async () => Object.fromEntries((await status(home)).map((r) => [r.call_id, r.state]));
    try {
      execFileSync('mkfifo', [join(drop, 'pipe.tca.json')]);
      await until(async () => (await states()).pipe === 'quarantined');
      await watcher.idle();
      // The folder goes away: the batch fails as a whole, the watch waits for it to return.
      rmSync(drop, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 500));
      mkdirSync(drop);
      copyFileSync(join(SAMPLES, `${A}.tca.json`), join(drop, `${A}.tca.json`));
      await until(async () => (await states())[A] === 'processed');
      await watcher.idle();
    } finally {
      await watcher.close();
    }
    expect(await states()).toMatchObject({ pipe: 'quarantined', [A]: 'processed' });
    expect(errors.length).toBeGreaterThan(0);
  });
});

describe('what runs again and what is unchanged (#11.8, #11.9, #11.10)', () => {
  it('two different transcripts of one call in two subfolders quarantine it naming each by its folder (both read "x.tca.json"), as drop-relative paths', async () => {
    // Prepare: a drop with subfolders, the same call id in two of them
    const drop = tempDir('drop');
    mkdirSync(join(drop, 'archive'));
    mkdirSync(join(drop, 'today'));
    copyFileSync(join(SAMPLES, `${A}.tca.json`), join(drop, 'archive', `${A}.tca.json`));
    copyFileSync(join(SAMPLES, `${B}.tca.json`), join(drop, 'today', `${A}.tca.json`));
    const home = tempDir('home');
    // Act
    const { summary } = await run(drop, home);
    // Assess
    expect(outcomes(summary)).toEqual({ [A]: 'quarantined' });
    expect(await status(home)).toEqual([
      {
        call_id: A,
        state: 'quarantined',
        reason: `archive/${A}.tca.json and today/${A}.tca.json are both the call's transcript and differ: remove the wrong one and run again`,
      },
    ]);
  });

  it('two different transcripts of one call (x.tca.json, x.TCA.json) quarantine it naming both; an identical copy is harmless', async () => {
    // Prepare: A's transcript twice, the second one B's content; C's transcript twice, identical
    const drop = dropOf(A, C);
    copyFileSync(join(SAMPLES, `${B}.tca.json`), join(drop, `${A}.TCA.json`));
    copyFileSync(join(drop, `${C}.tca.json`), join(drop, `${C}.TCA.json`));
    const home = tempDir('home');
    // Act
    const { summary, err } = await run(drop, home);
    // Assess
    expect(outcomes(summary)).toEqual({ [A]: 'quarantined', [C]: 'succeeded' });
    expect(await status(home)).toEqual([
      {
        call_id: A,
        state: 'quarantined',
        reason: `${A}.TCA.json and ${A}.tca.json are both the call's transcript and differ: remove the wrong one and run again`,
      },
      { call_id: C, state: 'processed', reason: null },
    ]);
    expect(err).toMatch(/second file of the same kind for its call/);
    expect(existsSync(join(home, 'quarantine', A, 'error.json'))).toBe(true);
    // The wrong file removed, the call lands and its quarantine report and kept copies go
    rmSync(join(drop, `${A}.TCA.json`));
    expect(outcomes((await run(drop, home)).summary)).toEqual({ [A]: 'succeeded', [C]: 'unchanged' });
    expect((await status(home))[0]).toEqual({ call_id: A, state: 'processed', reason: null });
    expect(existsSync(join(home, 'quarantine', A))).toBe(false);
  });

  it("a call dropped with another call's CTR is named in a warning with the call that owns it", async () => {
    // Prepare: A as exported, and X: B's transcript with A's CTR (no recording clock to refute it)
    const drop = dropOf(A);
    copyFileSync(join(SAMPLES, `${B}.tca.json`), join(drop, 'x.tca.json'));
    copyFileSync(join(drop, `${A}.ctr.json`), join(drop, 'x.ctr.json'));
    const out = sink();
    const home = tempDir('home');
    // Act
    await runDrop({ dir: drop, home, enrichers, out: out.stream, err: sink().stream });
    // Assess
    expect(out.text()).toMatch(
      new RegExp(
        `warning: ${A}, x all carry the CTR of conversation \\S+: if they are not recordings of one conversation`,
      ),
    );
    // and each call's page says it too, after the run's output is gone (the newcomer's trial: the
    // page said only "matched")
    const db = await DuckDbLake.open(join(home, 'lake'));
    try {
      const query = (sql: string, params?: readonly string[]) => db.query(sql, params);
      const x = await callDetail(query, 'x');
      const a = await callDetail(query, A);
      expect(x?.sameConversation).toEqual([A]);
      expect(a?.sameConversation).toEqual(['x']);
      expect(renderCallPage(x!, { url: null, note: 'no recording' })).toMatch(
        new RegExp(
          `matched, and so is ${A} \\(conversation \\S+\\): if they are not recordings of one conversation, one was dropped with another call&#39;s CTR`,
        ),
      );
    } finally {
      db.close();
    }
  });

  it('reverting a file to an earlier version runs the call again and the lake shows that version', async () => {
    const drop = dropOf(A);
    const home = tempDir('home');
    const ctr = join(drop, `${A}.ctr.json`);
    const v1 = readFileSync(ctr, 'utf8');
    const v2 = JSON.stringify({ ...JSON.parse(v1), conversationId: 'another-conversation' });
    const ctrStatus = async () => (await queryLake(home, 'select ctr_status from calls'))[0]?.ctr_status;
    await run(drop, home);
    expect(await ctrStatus()).toBe('matched');
    writeFileSync(ctr, v2);
    expect(outcomes((await run(drop, home)).summary)).toEqual({ [A]: 'succeeded' });
    const afterV2 = await ctrStatus();
    writeFileSync(ctr, v1);
    expect(outcomes((await run(drop, home)).summary)).toEqual({ [A]: 'succeeded' });
    expect(await ctrStatus()).toBe('matched');
    expect(afterV2).not.toBe('matched');
    expect(outcomes((await run(drop, home)).summary)).toEqual({ [A]: 'unchanged' });
  });

  it('a damaged execution record (a crash while writing it) is reported and its call simply runs again', async () => {
    const drop = dropOf(A, B);
    const home = tempDir('home');
    await run(drop, home);
    const record = join(home, 'executions', `${A}.json`);
    writeFileSync(record, readFileSync(record, 'utf8').slice(0, 40));
    const { summary, err } = await run(drop, home);
    expect(outcomes(summary)).toEqual({ [A]: 'succeeded', [B]: 'unchanged' });
    expect(err).toMatch(new RegExp(`the record of ${A}'s last run is damaged: running it again`));
  });

  it('a step that runs out of time quarantines the call with a readable reason, and the next run tries it again', async () => {
    const drop = dropOf(A);
    const home = tempDir('home');
    const slow: PostProcessor = {
      name: 'slow',
      version: '1',
      process: async (doc) => {
        await new Promise((r) => setTimeout(r, 2500));
        return doc;
      },
    };
    const first = await run(drop, home, { postProcessors: [slow], stepTimeoutSeconds: 1 });
    expect(outcomes(first.summary)).toEqual({ [A]: 'quarantined' });
    expect(first.summary.calls[0]?.reason).toMatch(
      /^post-processor slow did not finish within the step's time limit \(--step-timeout\): tried again on the next run/,
    );
    const second = await run(drop, home);
    expect(outcomes(second.summary)).toEqual({ [A]: 'succeeded' });
    expect((await status(home))[0]).toMatchObject({ state: 'processed' });
  });

  it('a post-processor that hangs is named in the reason, not the ones before it (found by trial16: the reason named the step only)', async () => {
    // Prepare: a quick processor, then one that never returns
    const drop = dropOf(A);
    const home = tempDir('home');
    const tagger: PostProcessor = { name: 'tagger', version: '1', process: (doc) => doc };
    const hangs: PostProcessor = {
      name: 'waits-forever',
      version: '1',
      process: () => new Promise(() => {}),
    };
    // Act
    const { summary } = await run(drop, home, { postProcessors: [tagger, hangs], stepTimeoutSeconds: 1 });
    // Assess
    expect(outcomes(summary)).toEqual({ [A]: 'quarantined' });
    const [row] = await status(home);
    expect(row).toMatchObject({ state: 'quarantined' });
    expect(String(row?.reason)).toMatch(
      /^post-processor waits-forever did not finish within the step's time limit \(--step-timeout\): tried again on the next run/,
    );
    const report = JSON.parse(readFileSync(join(home, 'quarantine', A, 'error.json'), 'utf8'));
    expect(report.reason).toBe(row?.reason);
  });

  it('a post-processor that never returns (a synchronous loop no timer can interrupt) is stopped and named, and the run ends (the run hung for good before)', async () => {
    // Prepare: a processor stuck in a loop that never yields to the event loop
    const drop = dropOf(A);
    const home = tempDir('home');
    const spins: PostProcessor = {
      name: 'spins',
      version: '1',
      process: (doc) => {
        for (;;) if (doc.callId === '') break;
        return doc;
      },
    };
    const fixed: PostProcessor = { name: 'spins', version: '2', process: (doc) => doc };
    // Act
    const { summary } = await run(drop, home, { postProcessors: [spins], stepTimeoutSeconds: 1 });
    // Assess: quarantined naming it; fixed, the call runs again and lands
    expect(outcomes(summary)).toEqual({ [A]: 'quarantined' });
    const [row] = await status(home);
    expect(row).toMatchObject({ state: 'quarantined' });
    expect(String(row?.reason)).toMatch(
      /^post-processor spins failed: ran for more than 1 s without returning \(a loop that never ends, a runaway regular expression\?\) and was stopped/,
    );
    const report = JSON.parse(readFileSync(join(home, 'quarantine', A, 'error.json'), 'utf8'));
    expect(report.reason).toBe(row?.reason);
    const again = await run(drop, home, { postProcessors: [fixed], reprocess: true });
    expect(outcomes(again.summary)).toEqual({ [A]: 'succeeded' });
  });

  it('two post-processors of one name stop the run before any call (found by trial16: lineage kept one, and every later run said the calls were made with other post-processors, --reprocess or not)', async () => {
    // Prepare: the README's example copied for a second category, its name left as it was
    const drop = dropOf(A);
    const home = tempDir('home');
    const tag = (category: string): PostProcessor => ({
      name: 'vip-callers',
      version: '1.0.0',
      process: (doc) => ({ ...doc, categories: [...doc.categories, category] }),
    });
    // Act
    const refused = await run(drop, home, { postProcessors: [tag('vip'), tag('gold')] }).then(
      () => null,
      (error: Error) => error.message,
    );
    // Assess: nothing ran; with names of their own the call lands with both categories
    expect(refused).toBe(
      "two post-processors are named vip-callers (post-processors/index.ts): give each a name of its own; the call's lineage records each by its name",
    );
    expect(existsSync(join(home, 'lake'))).toBe(false);
    const ok = await run(drop, home, {
      postProcessors: [tag('vip'), { ...tag('gold'), name: 'gold-callers' }],
    });
    expect(outcomes(ok.summary)).toEqual({ [A]: 'succeeded' });
    expect(await queryLake(home, 'select categories from calls')).toEqual([
      { categories: expect.stringMatching(/"vip","gold"\]$/) },
    ]);
  });

  it('locally a step gets as long as its Lambda on AWS, not 60 s', () => {
    const tasks = functionSpecs().filter((f) => (TASK_NAMES as readonly string[]).includes(f.name));
    expect(Math.max(...tasks.map((t) => t.timeoutSeconds))).toBe(DEFAULT_STEP_TIMEOUT_SECONDS);
  });
});

describe('a later drop of a call that landed, rejected for its own input: the call keeps its results', () => {
  /** Every table's rows of the call, as analysts see them. */
  const rowsOf = async (home: string, callId: string) =>
    (await perCall(home)).find((r) => r.call_id === callId);

  it.each([
    ['call by call', {}],
    ['batched', { batchSize: 5 }],
  ] as const)(
    'a corrupt CTR (%s): rejected and said so, its report kept; the same files again are unchanged; the corrected CTR lands',
    async (_how, mode) => {
      // Prepare: A landed with its CTR; the CTR is then replaced by one cut off half-way. Before,
      // the call was quarantined and its call_status row hid every row it had landed
      const drop = dropOf(A);
      const home = tempDir('home');
      const ctr = join(drop, `${A}.ctr.json`);
      const whole = readFileSync(ctr, 'utf8');
      await run(drop, home, mode);
      const landed = await rowsOf(home, A);
      writeFileSync(ctr, whole.slice(0, whole.length / 2));
      // Act
      const rejected = await run(drop, home, mode);
      // Assess: the call and its rows as they were; the run says why and where the report is
      expect(outcomes(rejected.summary)).toEqual({ [A]: 'rejected' });
      expect(landed).toMatchObject({ state: 'processed', calls: 1 });
      expect(Number(landed?.turns)).toBeGreaterThan(0);
      expect(await rowsOf(home, A)).toEqual(landed);
      const record = JSON.parse(readFileSync(join(home, 'executions', `${A}.json`), 'utf8'));
      const reason = `ctr: ${A}.ctr.json is not valid JSON (cut off before its end): drop a corrected ${A}.ctr.json under the same name, or remove it and the call runs without a CTR (ctr_status missing)`;
      expect(rejected.err).toContain(
        `warning: ${A}: its files were rejected, and the call keeps the results of its run of ${record.keptResultsFrom.finishedAt}: ${reason} (report: ${join(home, 'quarantine', A, 'error.json')})`,
      );
      const report = JSON.parse(readFileSync(join(home, 'quarantine', A, 'error.json'), 'utf8'));
      expect(report).toMatchObject({
        error: 'InvalidInputError',
        reason,
        rejected: `these files of the call were rejected: its results from ${record.keptResultsFrom.finishedAt} stay in every table, as they were before it`,
      });
      expect(readdirSync(join(home, 'quarantine', A, 'inputs'))).toContain(`${A}.ctr.json`);
      // The same files again: unchanged, still said
      const again = await run(drop, home, mode);
      expect(outcomes(again.summary)).toEqual({ [A]: 'unchanged' });
      expect(again.err).toMatch(
        new RegExp(
          `note: 1 unchanged call\\(s\\) keep the results of an earlier run, their files in \\S+ having been rejected \\(${A}\\)`,
        ),
      );
      // Corrected: the call runs, lands, and the report goes
      writeFileSync(ctr, whole);
      const corrected = await run(drop, home, mode);
      expect(outcomes(corrected.summary)).toEqual({ [A]: 'succeeded' });
      expect(await rowsOf(home, A)).toMatchObject({ state: 'processed', calls: 1, turns: landed?.turns });
      expect(existsSync(join(home, 'quarantine', A))).toBe(false);
    },
  );

  it('rejected in another folder, the call keeps the folder its results came from: its files from that folder, fixed, replace them and say so (review of 00c3d65)', async () => {
    // Prepare: A lands from one folder; the same call in a second folder has a CTR cut off
    const first = dropOf(A);
    const home = tempDir('home');
    await run(first, home);
    const second = dropOf(A);
    const ctr = join(second, `${A}.ctr.json`);
    const whole = readFileSync(ctr, 'utf8');
    writeFileSync(ctr, whole.slice(0, whole.length / 2));
    // Act
    const rejected = await run(second, home);
    const record = JSON.parse(readFileSync(join(home, 'executions', `${A}.json`), 'utf8'));
    writeFileSync(ctr, whole.replace('"conversationId"', ' "conversationId"'));
    const fixed = await run(second, home);
    // Assess
    expect(outcomes(rejected.summary)).toEqual({ [A]: 'rejected' });
    expect(record.dropFolder).toBe(first);
    expect(outcomes(fixed.summary)).toEqual({ [A]: 'succeeded' });
    expect(fixed.summary.calls[0]?.replacedFrom).toBe(first);
  });

  it('files that cannot be read together (two different transcripts) are rejected before they are staged; the call keeps its results and its record', async () => {
    // Prepare
    const drop = dropOf(A);
    const home = tempDir('home');
    await run(drop, home);
    const landed = await rowsOf(home, A);
    const recordBefore = readFileSync(join(home, 'executions', `${A}.json`), 'utf8');
    copyFileSync(join(SAMPLES, `${B}.tca.json`), join(drop, `${A}.TCA.json`));
    // Act
    const { summary, err } = await run(drop, home);
    // Assess
    expect(outcomes(summary)).toEqual({ [A]: 'rejected' });
    expect(await rowsOf(home, A)).toEqual(landed);
    expect(readFileSync(join(home, 'executions', `${A}.json`), 'utf8')).toBe(recordBefore);
    expect(err).toContain(
      `warning: ${A}: its files were rejected, and the call keeps the results of its run of ${JSON.parse(recordBefore).finishedAt}: ${A}.TCA.json and ${A}.tca.json are both the call's transcript and differ`,
    );
    // The wrong file removed: the files are those the call landed with
    rmSync(join(drop, `${A}.TCA.json`));
    expect(outcomes((await run(drop, home)).summary)).toEqual({ [A]: 'unchanged' });
  });

  it("a step's fault is no rejection: a post-processor that fails on a reprocess of a landed call quarantines it, and its rows are hidden", async () => {
    // Prepare
    const drop = dropOf(A);
    const home = tempDir('home');
    await run(drop, home);
    const failing: PostProcessor = {
      name: 'crm-sync',
      version: '1',
      process: () => {
        throw new Error('CRM unreachable');
      },
    };
    // Act
    const { summary } = await run(drop, home, { postProcessors: [failing], reprocess: true });
    // Assess
    expect(outcomes(summary)).toEqual({ [A]: 'quarantined' });
    expect(await rowsOf(home, A)).toMatchObject({ state: 'quarantined', calls: 0, turns: 0 });
  });
});

describe('privacy (#11.12)', () => {
  it("a malformed CTR's reason carries no digits of the caller's number; CTR copies leave the inbox after the run", async () => {
    const drop = dropOf(A);
    const home = tempDir('home');
    writeFileSync(
      join(drop, `${A}.ctr.json`),
      '{"conversationId":"c","participants":[{"purpose":"customer","sessions":[{"ani":"tel:+15125550142" "dnis":"x"}]}]}',
    );
    await run(drop, home);
    const [row] = await status(home);
    expect(row).toMatchObject({ state: 'quarantined' });
    expect(String(row?.reason)).toMatch(
      /^ctr: call-0001-billing\.ctr\.json is not valid JSON \(syntax error at line 1, column \d+\): drop a corrected call-0001-billing\.ctr\.json under the same name, or remove it and the call runs without a CTR \(ctr_status missing\)$/,
    );
    expect(String(row?.reason)).not.toMatch(/512|555|0142/);
    // The CTR and recording copies (caller numbers) leave the inbox when the call is done.
    expect(readdirSync(join(home, 'inbox'))).toEqual([`${A}.tca.json`]);
  });

  it('a CTR cut off says what to do, and each way it says runs the call (found by trial21: the reason said only "is not valid JSON (cut off before its end)")', async () => {
    // Prepare: a CTR cut off half-way, as a copy that stopped
    const drop = dropOf(A);
    const home = tempDir('home');
    const ctr = join(drop, `${A}.ctr.json`);
    const whole = readFileSync(ctr, 'utf8');
    writeFileSync(ctr, whole.slice(0, whole.indexOf('":', whole.length / 2) + 2));
    // Act
    await run(drop, home);
    const [cut] = await status(home);
    // Assess
    expect(cut).toMatchObject({
      state: 'quarantined',
      reason: `ctr: ${A}.ctr.json is not valid JSON (cut off before its end): drop a corrected ${A}.ctr.json under the same name, or remove it and the call runs without a CTR (ctr_status missing)`,
    });
    // Removed: the next run lands the call without a CTR
    rmSync(ctr);
    const removed = await run(drop, home);
    expect(outcomes(removed.summary)).toEqual({ [A]: 'succeeded' });
    expect(await queryLake(home, 'select ctr_status from calls')).toEqual([{ ctr_status: 'missing' }]);
    // Dropped again corrected under the same name: the next run lands it with its CTR
    writeFileSync(ctr, whole);
    const corrected = await run(drop, home);
    expect(outcomes(corrected.summary)).toEqual({ [A]: 'succeeded' });
    expect(await queryLake(home, 'select ctr_status from calls')).toEqual([{ ctr_status: 'matched' }]);
  });

  it("quarantined calls' kept inputs are deleted after the retention; the report stays", async () => {
    const drop = dropOf(A);
    writeFileSync(join(drop, `${A}.ctr.json`), 'not json');
    const home = tempDir('home');
    await run(drop, home);
    const folder = join(home, 'quarantine', A);
    expect(readdirSync(join(folder, 'inputs')).sort()).toEqual([
      `${A}.ctr.json`,
      `${A}.recording.json`,
      `${A}.tca.json`,
    ]);
    const report = JSON.parse(readFileSync(join(folder, 'error.json'), 'utf8'));
    writeFileSync(
      join(folder, 'error.json'),
      JSON.stringify({ ...report, quarantinedAt: '2020-01-01T00:00:00Z' }),
    );
    // the home's inbox holds the quarantined call's unredacted transcript too (a second name of the kept one)
    expect(readdirSync(join(home, 'inbox')).filter((f) => f.startsWith(A))).toEqual([`${A}.tca.json`]);
    const { err } = await run(dropOf(B), home, { keepQuarantinedDays: 30 });
    expect(err).toMatch(
      /3 input file\(s\) of calls quarantined long ago deleted \(retention\), and 1 copy\(ies\) of them in inbox\//,
    );
    expect(existsSync(join(folder, 'inputs'))).toBe(false);
    expect(existsSync(join(folder, 'error.json'))).toBe(true);
    // the inbox keeps no copy of the quarantined call; the call that ran keeps its transcript there
    expect(readdirSync(join(home, 'inbox')).sort()).toEqual([`${B}.tca.json`]);
    // the quarantined call's files, unchanged in their drop, are still known: unchanged, not run again
    const again = await run(drop, home, { keepQuarantinedDays: 30 });
    expect(outcomes(again.summary)).toEqual({ [A]: 'unchanged' });
  });

  it('--keep-inputs: inbox copies of calls that landed longer ago are deleted; runs, unchanged and --reprocess read the drop', async () => {
    // Prepare: A and B landed; A's last run backdated past the retention.
    const home = tempDir('home');
    await run(dropOf(A, B), home);
    expect(readdirSync(join(home, 'inbox')).sort()).toEqual([`${A}.tca.json`, `${B}.tca.json`]);
    const record = join(home, 'executions', `${A}.json`);
    writeFileSync(
      record,
      JSON.stringify({ ...JSON.parse(readFileSync(record, 'utf8')), finishedAt: '2020-01-01T00:00:00Z' }),
    );
    // its copy as old as that (a copy keeps its drop file's time, older than the landing)
    const old = new Date('2019-12-31T00:00:00Z');
    utimesSync(join(home, 'inbox', `${A}.tca.json`), old, old);
    const before = await perCall(home);

    // Act: without the option nothing goes; with it, A's copies go.
    const kept = await run(dropOf(C), home);
    const { err } = await run(dropOf(C), home, { keepInputsDays: 30 });

    // Assess
    expect(kept.err).not.toMatch(/inbox file/);
    expect(err).toMatch(
      /1 inbox file\(s\) of 1 call\(s\) that landed more than 30 day\(s\) ago deleted \(--keep-inputs/,
    );
    expect(readdirSync(join(home, 'inbox')).sort()).toEqual([`${B}.tca.json`, `${C}.tca.json`]);
    expect((await perCall(home)).filter((r) => r.call_id !== C)).toEqual(before);
    // A's drop again: unchanged (its hashes are in state/); --reprocess lands it from the drop
    expect(outcomes((await run(dropOf(A), home, { keepInputsDays: 30 })).summary)).toEqual({
      [A]: 'unchanged',
    });
    const redo = await run(dropOf(A), home, { reprocess: true });
    expect(outcomes(redo.summary)).toEqual({ [A]: 'succeeded' });
    expect(readdirSync(join(home, 'inbox'))).toContain(`${A}.tca.json`);
  });
});

describe('what the terminal shows (#11.13)', () => {
  it('escape codes in a transcript are printed escaped in the run report', async () => {
    const drop = tempDir('drop');
    const tca = JSON.parse(readFileSync(join(SAMPLES, `${A}.tca.json`), 'utf8'));
    for (const turn of tca.Transcript) turn.Content = `\u001b]0;pwned\u0007\u001b[2J ${turn.Content}`;
    writeFileSync(join(drop, `${A}.tca.json`), JSON.stringify(tca));
    const out = sink();
    await runDrop({ dir: drop, home: tempDir('home[1]*'), enrichers, out: out.stream, err: sink().stream });
    expect(out.text()).not.toContain('\u001b');
    expect(out.text()).toContain(A);
  });
});

describe('a CTR dropped without its recording', () => {
  it('quarantines the call with a reason naming the file and what to drop beside it', async () => {
    // Prepare: A's conversation record alone, under another call's name
    const dir = tempDir('drop');
    copyFileSync(join(SAMPLES, `${A}.ctr.json`), join(dir, 'lone call.ctr.json'));
    const home = tempDir('home');
    // Act
    await run(dir, home);
    // Assess
    const [row] = await status(home);
    expect(row?.state).toBe('quarantined');
    expect(row?.reason).toBe(
      'lone call.ctr.json: no recording or transcript of this call beside it: drop lone call.wav (or .opus, .ogg, .flac, .mp3) or lone call.tca.json in the same folder, and the call runs',
    );
  });
});
