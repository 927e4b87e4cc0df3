/**
 * Throughput of reprocessing stored transcripts, side by side on the same generated drop:
 *   plain       the steps called in a plain loop (no ASL), one call at a time, documents and
 *               Parquet on disk per call: the simplest correct alternative (per-step CPU shown)
 *   plain-mem   the same loop with the working document in memory and lake writes batched
 *   plain-again the plain-mem loop on a home whose calls already ran (a first pass, not measured):
 *               a reprocess's cost per step (not run by default; scripts/throughput-ab.ts --mode)
 *   asl         `debrief run` as it is: the ASL runner, 2 calls in flight, one object per call and table
 *   batch-1     `debrief run --batch B --workers 1`: the ASL runner, documents in memory, batched lake
 *   batch-W     `debrief run --batch B --workers W` (W = cores): the same on every core
 *   reprocess-W `debrief run --reprocess --batch B --workers W` on a home whose calls already ran
 *               (a first run of the same drop, not measured): the goal's literal case
 * Each mode runs in its own process (its CPU is its own, start-up included) on a fresh home.
 * Printed: calls/s, CPU s per call, the phases, and the projected time for 1,000,000 calls.
 * Figures only, nothing asserted (the machine is shared and noisy).
 *
 *   npm run bench throughput
 *   BENCH_THROUGHPUT_CALLS=2000 BENCH_THROUGHPUT_BATCH=500 BENCH_THROUGHPUT_MODES=plain,asl,batch-2 npm run bench throughput
 *   BENCH_THROUGHPUT_FINISH=0 ... skips the finish (result table + dashboard) of the run modes
 *   BENCH_THROUGHPUT_PROFILE=/tmp/prof ... also writes a CPU profile of each mode's second half
 *     (<mode>-<calls>.cpuprofile; its CPU figures then include the profiler's own cost), read with
 *     npx tsx scripts/cpuprofile-summary.ts /tmp/prof/plain-mem-2000.cpuprofile --calls 1000
 *   BENCH_THROUGHPUT_OWN=1 ... the plain loops' steps also with the CPU of the thread that ran them
 *     (Linux: /proc; the kernel brings it up to date at each tick and switch, so it is a sum over
 *     many calls that counts, not one step's): what a step costs beside what V8's and libuv's other
 *     threads (optimising compiler, collector helpers, file creates) did while it ran. Off by
 *     default: reading it costs each step about 2 µs more.
 */
import { execFile } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderTable } from '../cli/render-table.js';
import { generateCalls, writeDrop } from '../generator/index.js';
import { record } from './figures.js';
import { tempDir } from './temp-dir.js';

const MILLION = 1_000_000;
const REPO = fileURLToPath(new URL('../', import.meta.url));
/** Whose compiled code a mode runs: this checkout's, or another's (scripts/throughput-ab.ts). */
const CODE = process.env.BENCH_THROUGHPUT_CODE ? `${resolve(process.env.BENCH_THROUGHPUT_CODE)}/` : REPO;

/**
 * A module as `debrief` runs it: compiled to dist/ (scripts/build.mjs), no TypeScript loader,
 * so worker threads start as they do for a user and every mode pays the same for its code.
 */
const compiled = <T>(module: string): Promise<T> =>
  import(pathToFileURL(`${CODE}dist/${module}.js`).href) as Promise<T>;

interface ModeResult {
  mode: string;
  calls: number;
  outcomes: Record<string, number>;
  /** Process start to the first call (module loading). */
  startSeconds: number;
  /** All calls through the workflow (engines' first load included). */
  callSeconds: number;
  callCpuSeconds: number;
  /** The run's finish: result table and dashboard (run modes; 0 when skipped). */
  finishSeconds: number;
  finishCpuSeconds: number;
  /**
   * CPU seconds from the moment half the calls were done to the end of the per-call phase, and
   * how many calls that was: the per-call cost once caches and compiled code are warm (each
   * worker thread warms up on its own).
   */
  secondHalfCpuSeconds: number;
  secondHalfCalls: number;
  /** The whole process, from its own rusage. */
  processCpuSeconds: number;
  lakeObjects: number;
  /**
   * Lake objects the measured phase added (after less before: a reprocess's first run not
   * counted): for the batched modes, the objects their flushes wrote (batch objects are not
   * merged); a call-by-call run merges its per-call objects at its end.
   */
  lakeObjectsAdded: number;
  /** Per step (plain loop only): CPU seconds summed over calls. */
  steps?: Record<string, number>;
  /** Per step, the CPU seconds of the thread that ran the steps alone (BENCH_THROUGHPUT_OWN=1). */
  stepsOwn?: Record<string, number>;
}

const cpuSeconds = (since?: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

/**
 * This thread's CPU seconds, read from its /proc schedstat (the time it ran, in ns, as of the last
 * scheduler tick or switch; one `pread`),
 * or null where there is none (not Linux) or when BENCH_THROUGHPUT_OWN is not set.
 */
const ownThreadCpu = (): { seconds: () => number; close: () => void } | null => {
  if (process.env.BENCH_THROUGHPUT_OWN !== '1') return null;
  let fd: number;
  try {
    fd = openSync('/proc/thread-self/schedstat', 'r');
  } catch {
    return null;
  }
  const buffer = Buffer.alloc(64);
  return {
    seconds: () => {
      const n = readSync(fd, buffer, 0, buffer.length, 0);
      return Number(buffer.toString('latin1', 0, n).split(' ')[0]) / 1e9;
    },
    close: () => closeSync(fd),
  };
};

/**
 * Process CPU when half of `total` calls were done (`done(n)` is told each count reached), and
 * `atHalf` called then (the CPU profiler starts there: BENCH_THROUGHPUT_PROFILE).
 */
const halfWay = (total: number, atHalf: () => void = () => {}) => {
  const mark = { calls: 0, cpu: 0 };
  return {
    mark,
    done: (n: number) => {
      if (mark.calls === 0 && n >= total / 2) {
        atHalf();
        mark.calls = n;
        mark.cpu = cpuSeconds();
      }
    },
  };
};

/**
 * A V8 CPU profile of this thread from `start()` to `stop(file)` (node:inspector, in process):
 * the second half of a mode's calls, once warm. Worker threads are not in it (profile `batch-1`,
 * which runs its calls in the command's thread). Sampled every 100 µs.
 */
const cpuProfiler = async () => {
  const { Session } = await import('node:inspector');
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  return {
    start: () => void post('Profiler.start'),
    stop: async (file: string) => {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      // (BENCH_THROUGHPUT_PROFILE names a folder that need not exist yet)
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
};

/** A progress stream (`[n/N] call: outcome` lines, as `debrief run` writes them) telling `done`. */
const progressTo = (done: (n: number) => void) =>
  ({
    write: (line: string) => {
      const m = /^\[(\d+)\//.exec(String(line));
      if (m) done(Number(m[1]));
      return true;
    },
  }) as unknown as NodeJS.WritableStream;

const countLakeObjects = async (home: string): Promise<number> => {
  const { FsObjectStore } = await compiled<typeof import('../adapters/local/fs-object-store.js')>(
    'adapters/local/fs-object-store',
  );
  return (await new FsObjectStore(home).list('lake/')).filter((k) => k.endsWith('.parquet')).length;
};

/** The steps of the post-call workflow for a dropped transcript, called one after another. */
const plainLoop = async (
  drop: string,
  home: string,
  inMemory: boolean,
  batchSize: number,
  done: (n: number) => void,
): Promise<Pick<ModeResult, 'outcomes' | 'steps' | 'stepsOwn'>> => {
  const { createRunRuntime } =
    await compiled<typeof import('../cli/commands/run-calls.js')>('cli/commands/run-calls');
  const { scanDrop, stageCall } =
    await compiled<typeof import('../adapters/local/local-drop.js')>('adapters/local/local-drop');
  const { steps } = await compiled<typeof import('../core/steps/index.js')>('core/steps/index');
  const { WorkingMemoryStore } = await compiled<typeof import('../adapters/local/working-memory.js')>(
    'adapters/local/working-memory',
  );
  const { BatchingLake } = await compiled<typeof import('../adapters/lake/batching-lake.js')>(
    'adapters/lake/batching-lake',
  );
  const base = createRunRuntime({ dir: drop, home }, quiet);
  const memory = inMemory ? new WorkingMemoryStore(base.store, base.deps.prefixes.work) : null;
  const lake = inMemory ? new BatchingLake(base.lake, base.deps.now) : null;
  const deps = { ...base.deps, ...(memory ? { store: memory } : {}), ...(lake ? { lake } : {}) };
  const { manifest } = await scanDrop(drop);
  const stepCpu: Record<string, number> = {};
  const own = ownThreadCpu();
  const stepOwn: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t0 = own?.seconds() ?? 0;
    const c0 = process.cpuUsage();
    try {
      return await run();
    } finally {
      stepCpu[name] = (stepCpu[name] ?? 0) + cpuSeconds(c0);
      if (own) stepOwn[name] = (stepOwn[name] ?? 0) + own.seconds() - t0;
    }
  };
  let inBatch = 0;
  for (const call of manifest.calls) {
    const staged = await timed('stage inputs', () => stageCall(drop, call, base.store));
    await timed('stage inputs', () => staged.publish());
    let state: unknown = staged.input;
    let failedState = 'ClaimCall';
    try {
      for (const name of ['ClaimCall', 'LoadCall', 'MergeCtr', 'RedactPii'] as const) {
        failedState = name;
        state = await timed(name, () => steps[name](state, deps));
      }
      failedState = 'Enrich';
      const parts = [];
      for (const name of ['DetectTopics', 'SummarizeCall', 'DetectToxicity'] as const)
        parts.push(await timed(name, () => steps[name](state, deps)));
      for (const name of ['ApplyEnrichment', 'PostProcess', 'WriteResults'] as const) {
        failedState = name;
        const input = name === 'ApplyEnrichment' ? { ...(state as object), parts } : state;
        const output = await timed(name, () => steps[name](input, deps));
        if (name !== 'WriteResults') state = output;
      }
      outcomes.succeeded = (outcomes.succeeded ?? 0) + 1;
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      await timed('QuarantineCall', () =>
        steps.QuarantineCall(
          { ...(state as object), failedState, error: { Error: e.name, Cause: e.message } },
          deps,
        ),
      );
      outcomes.quarantined = (outcomes.quarantined ?? 0) + 1;
    }
    await timed('stage inputs', async () => {
      await staged.discard();
      await staged.releaseSidecars();
    });
    if (memory) memory.release(`${deps.prefixes.work}/`);
    inBatch += 1;
    if (lake && inBatch >= batchSize) {
      await timed('lake flush', () => lake.flush());
      inBatch = 0;
    }
    done(Object.values(outcomes).reduce((a, b) => a + b, 0));
  }
  if (lake) await timed('lake flush', () => lake.flush());
  own?.close();
  return { outcomes, steps: stepCpu, ...(own ? { stepsOwn: stepOwn } : {}) };
};

/** One mode, in this (child) process. */
const runMode = async (mode: string, drop: string, home: string, batch: number, finish: boolean) => {
  // How many calls the drop holds (for the half-way mark), outside the measured phase.
  const { scanDrop } =
    await compiled<typeof import('../adapters/local/local-drop.js')>('adapters/local/local-drop');
  const profileDir = process.env.BENCH_THROUGHPUT_PROFILE;
  const profiler = profileDir ? await cpuProfiler() : null;
  const half = halfWay((await scanDrop(drop)).manifest.calls.length, () => profiler?.start());
  const startSeconds = process.uptime();
  if (mode === 'plain-again') await plainLoop(drop, home, true, batch, () => {});
  if (mode.startsWith('reprocess-')) {
    // The stored calls a reprocess runs again: a first run of the same drop, not measured.
    const { runDrop } = await compiled<typeof import('../cli/commands/run.js')>('cli/commands/run');
    const workers = Number(mode.slice('reprocess-'.length));
    await runDrop({ dir: drop, home, out: quiet, err: quiet, report: false, batchSize: batch, workers });
  }
  const objectsBefore = await countLakeObjects(home);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let outcomes: Record<string, number> = {};
  let steps: Record<string, number> | undefined;
  let stepsOwn: Record<string, number> | undefined;
  if (mode === 'plain' || mode === 'plain-mem' || mode === 'plain-again') {
    ({ outcomes, steps, stepsOwn } = await plainLoop(drop, home, mode !== 'plain', batch, half.done));
  } else {
    const { runDrop } = await compiled<typeof import('../cli/commands/run.js')>('cli/commands/run');
    const batched = /^(batch|reprocess)-(\d+)$/.exec(mode);
    const workers = batched ? Number(batched[2]) : undefined;
    const reprocess = batched?.[1] === 'reprocess';
    const summary = await runDrop({
      dir: drop,
      home,
      out: quiet,
      err: progressTo(half.done),
      report: false,
      reprocess,
      ...(workers ? { batchSize: batch, workers } : {}),
    });
    for (const c of summary.calls) outcomes[c.outcome] = (outcomes[c.outcome] ?? 0) + 1;
  }
  const callSeconds = (performance.now() - t0) / 1000;
  const callCpuSeconds = cpuSeconds(c0);
  const calls = Object.values(outcomes).reduce((a, b) => a + b, 0);
  const secondHalfCpuSeconds = half.mark.calls > 0 ? cpuSeconds() - half.mark.cpu : 0;
  const secondHalfCalls = half.mark.calls > 0 ? calls - half.mark.calls : 0;
  if (profiler && profileDir && half.mark.calls > 0) {
    const file = join(profileDir, `${mode}-${calls}.cpuprofile`);
    await profiler.stop(file);
    process.stderr.write(`profile of the second half (${secondHalfCalls} calls): ${file}\n`);
  }
  let finishSeconds = 0;
  let finishCpuSeconds = 0;
  if (finish && !mode.startsWith('plain')) {
    const { runReport } = await compiled<typeof import('../cli/commands/run.js')>('cli/commands/run');
    const ids = (await scanDrop(drop)).manifest.calls.map((c) => c.callId);
    const c1 = process.cpuUsage();
    const t1 = performance.now();
    await runReport(home, ids, quiet);
    finishSeconds = (performance.now() - t1) / 1000;
    finishCpuSeconds = cpuSeconds(c1);
  }
  const usage = process.resourceUsage();
  const lakeObjects = await countLakeObjects(home);
  const result: ModeResult = {
    mode,
    calls,
    outcomes,
    startSeconds,
    callSeconds,
    callCpuSeconds,
    finishSeconds,
    finishCpuSeconds,
    secondHalfCpuSeconds,
    secondHalfCalls,
    processCpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    lakeObjects,
    lakeObjectsAdded: lakeObjects - objectsBefore,
    ...(steps ? { steps } : {}),
    ...(stepsOwn ? { stepsOwn } : {}),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
};

const SELF = fileURLToPath(import.meta.url);

const inChild = (args: string[]): Promise<ModeResult> =>
  new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', SELF, '--child', ...args],
      { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' } },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${args[0]}: ${error.message}\n${stderr}`));
        resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as ModeResult);
      },
    );
  });

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const hours = (s: number) => `${fmt(s / 3600, 2)} h`;

export async function run(): Promise<void> {
  const { buildCli } = (await import(pathToFileURL(`${REPO}scripts/build.mjs`).href)) as {
    buildCli: () => Promise<unknown>;
  };
  await buildCli();
  // Everything written under the temporary folder (about 1 GB per 1,000 calls over the modes),
  // removed as soon as it has been measured.
  const made: string[] = [];
  const scratch = (label: string) => {
    const dir = tempDir(label);
    made.push(dir);
    return dir;
  };
  const removeScratch = (dirs: string[]) => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  };
  try {
    await measure(scratch, removeScratch);
  } finally {
    removeScratch(made);
  }
}

const measure = async (
  scratch: (label: string) => string,
  removeScratch: (dirs: string[]) => void,
): Promise<void> => {
  const count = Number(process.env.BENCH_THROUGHPUT_CALLS ?? 1000);
  const batch = Number(process.env.BENCH_THROUGHPUT_BATCH ?? 500);
  const cores = availableParallelism();
  const modes = (
    process.env.BENCH_THROUGHPUT_MODES ?? `plain,plain-mem,asl,batch-1,batch-${cores},reprocess-${cores}`
  ).split(',');
  const finish = process.env.BENCH_THROUGHPUT_FINISH !== '0';
  const drop = scratch('bench-throughput-drop');
  const t0 = performance.now();
  const generated = generateCalls(11, count);
  await writeDrop(generated, drop, scratch('bench-throughput-truth'));
  // The fixed cost of each mode (module loading, engines, worker threads): the same mode on a few
  // calls, so the per-call cost is what N calls add on top of it. Enough calls for every worker
  // thread to start (a run starts one per HAND_OUT calls at most): with 2 per core, a `batch-W` or
  // `reprocess-W` fixed run started one worker, and the others' start-up was charged to the calls.
  const small = scratch('bench-throughput-small');
  const { HAND_OUT } =
    await compiled<typeof import('../cli/commands/run-batched.js')>('cli/commands/run-batched');
  const smallCount = HAND_OUT * cores;
  await writeDrop(generated.slice(0, smallCount), small, scratch('bench-throughput-small-truth'));
  console.log(
    `throughput: ${count} generated transcript calls (with CTR and recording metadata) in ${fmt((performance.now() - t0) / 1000)} s; batch ${batch}; ${cores} cores; modes ${modes.join(', ')}`,
  );
  const rows: {
    r: ModeResult;
    fixed: ModeResult;
    wallPerCall: number;
    cpuPerCall: number;
    /** CPU per call over the second half of the calls (warm caches and compiled code). */
    warmCpuPerCall: number;
  }[] = [];
  for (const mode of modes) {
    const homes = [tempDir(`bench-throughput-${mode}-small`), tempDir(`bench-throughput-${mode}`)];
    let fixed: ModeResult;
    let r: ModeResult;
    try {
      fixed = await inChild([mode, small, homes[0]!, '2', '0']);
      r = await inChild([mode, drop, homes[1]!, String(batch), finish ? '1' : '0']);
    } finally {
      removeScratch(homes);
    }
    const added = r.calls - fixed.calls;
    // Too few calls to rise above the noise: the plain average then.
    const wallPerCall =
      r.callSeconds > fixed.callSeconds
        ? (r.callSeconds - fixed.callSeconds) / added
        : r.callSeconds / r.calls;
    const cpuPerCall =
      r.callCpuSeconds > fixed.callCpuSeconds
        ? (r.callCpuSeconds - fixed.callCpuSeconds) / added
        : r.callCpuSeconds / r.calls;
    const warmCpuPerCall = r.secondHalfCalls > 0 ? r.secondHalfCpuSeconds / r.secondHalfCalls : cpuPerCall;
    rows.push({ r, fixed, wallPerCall, cpuPerCall, warmCpuPerCall });
    console.log(
      `throughput: ${mode}: ${fmt(r.calls / r.callSeconds)} calls/s over ${r.calls} calls (${fmt(1 / wallPerCall)} calls/s past the fixed ${fmt(fixed.callSeconds)} s), ${fmt(1000 * cpuPerCall)} ms CPU/call (${fmt(1000 * warmCpuPerCall)} over the second half), ${r.lakeObjects} lake objects, ${JSON.stringify(r.outcomes)}`,
    );
    const detail = { calls: r.calls, batch, cores, mode };
    record(`throughput ${mode}: per-call phase`, r.calls / r.callSeconds, 'calls/s', detail);
    record(`throughput ${mode}: per-call phase past start-up`, 1 / wallPerCall, 'calls/s', detail);
    record(`throughput ${mode}: CPU per call`, 1000 * cpuPerCall, 'ms', detail);
    record(`throughput ${mode}: CPU per call, second half`, 1000 * warmCpuPerCall, 'ms', {
      ...detail,
      calls: r.secondHalfCalls,
    });
    record(`throughput ${mode}: start-up (fixed)`, fixed.callSeconds, 's', { ...detail, calls: fixed.calls });
    record(
      `throughput ${mode}: projected 1M calls`,
      (fixed.callSeconds + MILLION * wallPerCall) / 3600,
      'h',
      detail,
    );
    record(`throughput ${mode}: lake objects`, r.lakeObjects, 'files', detail);
    if (r.finishSeconds > 0)
      record(`throughput ${mode}: finish (result table + dashboard)`, r.finishSeconds, 's', detail);
  }
  const results = rows.map((row) => row.r);
  console.log(
    renderTable(
      [
        'mode',
        'calls/s',
        'past start-up',
        'CPU ms/call',
        '2nd half',
        'wall s',
        'CPU s',
        'start-up s',
        'finish s (CPU)',
        'lake objects',
        '1M calls',
      ],
      rows.map(({ r, fixed, wallPerCall, cpuPerCall, warmCpuPerCall }) => [
        r.mode,
        fmt(r.calls / r.callSeconds),
        fmt(1 / wallPerCall),
        fmt(1000 * cpuPerCall),
        fmt(1000 * warmCpuPerCall),
        fmt(r.callSeconds),
        fmt(r.callCpuSeconds),
        fmt(fixed.callSeconds),
        r.finishSeconds > 0 ? `${fmt(r.finishSeconds)} (${fmt(r.finishCpuSeconds)})` : '-',
        r.lakeObjects,
        hours(fixed.callSeconds + MILLION * wallPerCall),
      ]),
    ),
  );
  console.log(
    "throughput: calls/s = the per-call phase of N calls; past start-up = what N calls add over the same mode's run on a few calls (its fixed cost: modules, engines, workers); CPU = user + system of the mode's process, every thread; 2nd half = CPU per call from the moment half the calls were done (caches and compiled code warm: each worker thread warms up on its own)",
  );
  for (const plain of results) {
    if (!plain.steps) continue;
    const total = Object.values(plain.steps).reduce((a, b) => a + b, 0);
    const own = plain.stepsOwn;
    console.log(
      `throughput: per step, ${plain.mode} loop (CPU ms per call, share of the steps' CPU${own ? "; the steps' own thread alone" : ''}):`,
    );
    console.log(
      renderTable(
        ['step', 'CPU ms/call', 'share', ...(own ? ['own thread ms/call'] : [])],
        Object.entries(plain.steps)
          .sort((a, b) => b[1] - a[1])
          .map(([step, s]) => [
            step,
            fmt((1000 * s) / plain.calls, 2),
            `${fmt((100 * s) / total)}%`,
            ...(own ? [fmt((1000 * (own[step] ?? 0)) / plain.calls, 2)] : []),
          ]),
      ),
    );
    for (const [step, s] of Object.entries(plain.steps))
      record(`throughput ${plain.mode}: step ${step}`, (1000 * s) / plain.calls, 'ms CPU/call', {
        calls: plain.calls,
      });
  }
  const goal = (MILLION / 3600).toFixed(0);
  const best = rows.reduce((a, b) => (b.wallPerCall < a.wallPerCall ? b : a));
  const leanest = rows.reduce((a, b) => (b.cpuPerCall < a.cpuPerCall ? b : a));
  console.log(
    `throughput: goal 1,000,000 calls in 1 h = ${goal} calls/s. Best here: ${best.r.mode} at ${fmt(1 / best.wallPerCall)} calls/s past start-up (${hours(best.fixed.callSeconds + MILLION * best.wallPerCall)} for 1M on this machine as loaded now, load average ${loadavg()[0]?.toFixed(1)}). CPU bound: ${cores} idle cores / ${fmt(1000 * leanest.cpuPerCall)} ms CPU per call (${leanest.r.mode}) = ${fmt(cores / leanest.cpuPerCall)} calls/s at most, ${hours(MILLION * (leanest.cpuPerCall / cores))} for 1M`,
  );
};

const args = process.argv.slice(2);
if (args[0] === '--child') {
  const [, mode, drop, home, batch, finish] = args;
  await runMode(mode!, drop!, home!, Number(batch), finish === '1');
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
