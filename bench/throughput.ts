/**
 * Throughput of reprocessing stored transcripts, side by side on the same generated drop:
 *   plain       the steps called in a plain loop (no ASL), one call at a time, documents and
 *               Parquet on disk per call: the simplest correct alternative (per-step CPU shown)
 *   plain-mem   the same loop with the working document in memory and lake writes batched
 *   asl         `debrief run` as it is: the ASL runner, 2 calls in flight, one object per call and table
 *   batch-1     `debrief run --batch B --workers 1`: the ASL runner, documents in memory, batched lake
 *   batch-W     `debrief run --batch B --workers W` (W = cores): the same on every core
 * Each mode runs in its own process (its CPU is its own, start-up included) on a fresh home.
 * Printed: calls/s, CPU s per call, the phases, and the projected time for 1,000,000 calls.
 * Figures only, nothing asserted (the machine is shared and noisy).
 *
 *   npm run bench throughput
 *   BENCH_THROUGHPUT_CALLS=2000 BENCH_THROUGHPUT_BATCH=500 BENCH_THROUGHPUT_MODES=plain,asl,batch-2 npm run bench throughput
 *   BENCH_THROUGHPUT_FINISH=0 ... skips the finish (result table + dashboard) of the run modes
 */
import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderTable } from '../cli/render-table.js';
import { generateCalls, writeDrop } from '../generator/index.js';
import { record } from './figures.js';
import { tempDir } from './temp-dir.js';

const MILLION = 1_000_000;

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
  /** The whole process, from its own rusage. */
  processCpuSeconds: number;
  lakeObjects: number;
  /** Per step (plain loop only): CPU seconds summed over calls. */
  steps?: Record<string, number>;
}

const cpuSeconds = (since?: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

const countLakeObjects = async (home: string): Promise<number> => {
  const { FsObjectStore } = await import('../adapters/local/fs-object-store.js');
  return (await new FsObjectStore(home).list('lake/')).filter((k) => k.endsWith('.parquet')).length;
};

/** The steps of the post-call workflow for a dropped transcript, called one after another. */
const plainLoop = async (
  drop: string,
  home: string,
  inMemory: boolean,
  batchSize: number,
): Promise<Pick<ModeResult, 'outcomes' | 'steps'>> => {
  const { createRunRuntime } = await import('../cli/commands/run-calls.js');
  const { scanDrop, stageCall } = await import('../adapters/local/local-drop.js');
  const { steps } = await import('../core/steps/index.js');
  const { WorkingMemoryStore } = await import('../adapters/local/working-memory.js');
  const { BatchingLake } = await import('../adapters/lake/batching-lake.js');
  const base = createRunRuntime({ dir: drop, home }, quiet);
  const memory = inMemory ? new WorkingMemoryStore(base.store, base.deps.prefixes.work) : null;
  const lake = inMemory ? new BatchingLake(base.lake, base.deps.now) : null;
  const deps = { ...base.deps, ...(memory ? { store: memory } : {}), ...(lake ? { lake } : {}) };
  const { manifest } = await scanDrop(drop);
  const stepCpu: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const c0 = process.cpuUsage();
    try {
      return await run();
    } finally {
      stepCpu[name] = (stepCpu[name] ?? 0) + cpuSeconds(c0);
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
  }
  if (lake) await timed('lake flush', () => lake.flush());
  return { outcomes, steps: stepCpu };
};

/** One mode, in this (child) process. */
const runMode = async (mode: string, drop: string, home: string, batch: number, finish: boolean) => {
  const startSeconds = process.uptime();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let outcomes: Record<string, number> = {};
  let steps: Record<string, number> | undefined;
  if (mode === 'plain' || mode === 'plain-mem') {
    ({ outcomes, steps } = await plainLoop(drop, home, mode === 'plain-mem', batch));
  } else {
    const { runDrop } = await import('../cli/commands/run.js');
    const workers = mode.startsWith('batch-') ? Number(mode.slice('batch-'.length)) : undefined;
    const summary = await runDrop({
      dir: drop,
      home,
      out: quiet,
      err: quiet,
      report: false,
      ...(workers ? { batchSize: batch, workers } : {}),
    });
    for (const c of summary.calls) outcomes[c.outcome] = (outcomes[c.outcome] ?? 0) + 1;
  }
  const callSeconds = (performance.now() - t0) / 1000;
  const callCpuSeconds = cpuSeconds(c0);
  let finishSeconds = 0;
  let finishCpuSeconds = 0;
  if (finish && !mode.startsWith('plain')) {
    const { runReport } = await import('../cli/commands/run.js');
    const { scanDrop } = await import('../adapters/local/local-drop.js');
    const ids = (await scanDrop(drop)).manifest.calls.map((c) => c.callId);
    const c1 = process.cpuUsage();
    const t1 = performance.now();
    await runReport(home, ids, quiet);
    finishSeconds = (performance.now() - t1) / 1000;
    finishCpuSeconds = cpuSeconds(c1);
  }
  const usage = process.resourceUsage();
  const result: ModeResult = {
    mode,
    calls: Object.values(outcomes).reduce((a, b) => a + b, 0),
    outcomes,
    startSeconds,
    callSeconds,
    callCpuSeconds,
    finishSeconds,
    finishCpuSeconds,
    processCpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    lakeObjects: await countLakeObjects(home),
    ...(steps ? { steps } : {}),
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
  const count = Number(process.env.BENCH_THROUGHPUT_CALLS ?? 1000);
  const batch = Number(process.env.BENCH_THROUGHPUT_BATCH ?? 500);
  const cores = availableParallelism();
  const modes = (process.env.BENCH_THROUGHPUT_MODES ?? `plain,plain-mem,asl,batch-1,batch-${cores}`).split(
    ',',
  );
  const finish = process.env.BENCH_THROUGHPUT_FINISH !== '0';
  const drop = tempDir('bench-throughput-drop');
  const t0 = performance.now();
  await writeDrop(generateCalls(11, count), drop, tempDir('bench-throughput-truth'));
  console.log(
    `throughput: ${count} generated transcript calls (with CTR and recording metadata) in ${fmt((performance.now() - t0) / 1000)} s; batch ${batch}; ${cores} cores; modes ${modes.join(', ')}`,
  );
  const results: ModeResult[] = [];
  for (const mode of modes) {
    const r = await inChild([
      mode,
      drop,
      tempDir(`bench-throughput-${mode}`),
      String(batch),
      finish ? '1' : '0',
    ]);
    results.push(r);
    const perSecond = r.calls / r.callSeconds;
    console.log(
      `throughput: ${mode}: ${fmt(perSecond)} calls/s, ${fmt((1000 * r.callCpuSeconds) / r.calls)} ms CPU/call, ${r.lakeObjects} lake objects, ${JSON.stringify(r.outcomes)}`,
    );
    const detail = { calls: r.calls, batch, cores, mode };
    record(`throughput ${mode}: per-call phase`, perSecond, 'calls/s', detail);
    record(`throughput ${mode}: CPU per call`, (1000 * r.callCpuSeconds) / r.calls, 'ms', detail);
    record(`throughput ${mode}: projected 1M calls`, (MILLION * r.callSeconds) / r.calls / 3600, 'h', detail);
    record(`throughput ${mode}: lake objects`, r.lakeObjects, 'files', detail);
    if (r.finishSeconds > 0)
      record(`throughput ${mode}: finish (result table + dashboard)`, r.finishSeconds, 's', detail);
  }
  console.log(
    renderTable(
      [
        'mode',
        'calls/s',
        'CPU ms/call',
        'wall s',
        'CPU s',
        'start s',
        'finish s (CPU)',
        'lake objects',
        '1M calls (per-call phase)',
      ],
      results.map((r) => [
        r.mode,
        fmt(r.calls / r.callSeconds),
        fmt((1000 * r.callCpuSeconds) / r.calls),
        fmt(r.callSeconds),
        fmt(r.callCpuSeconds),
        fmt(r.startSeconds, 2),
        r.finishSeconds > 0 ? `${fmt(r.finishSeconds)} (${fmt(r.finishCpuSeconds)})` : '-',
        r.lakeObjects,
        hours((MILLION * r.callSeconds) / r.calls),
      ]),
    ),
  );
  const plain = results.find((r) => r.steps);
  if (plain?.steps) {
    const total = Object.values(plain.steps).reduce((a, b) => a + b, 0);
    console.log(`throughput: per step, ${plain.mode} loop (CPU ms per call, share of the steps' CPU):`);
    console.log(
      renderTable(
        ['step', 'CPU ms/call', 'share'],
        Object.entries(plain.steps)
          .sort((a, b) => b[1] - a[1])
          .map(([step, s]) => [step, fmt((1000 * s) / plain.calls, 2), `${fmt((100 * s) / total)}%`]),
      ),
    );
    for (const [step, s] of Object.entries(plain.steps))
      record(`throughput ${plain.mode}: step ${step}`, (1000 * s) / plain.calls, 'ms CPU/call', {
        calls: plain.calls,
      });
  }
  const goal = (MILLION / 3600).toFixed(0);
  const best = results.reduce((a, b) => (b.calls / b.callSeconds > a.calls / a.callSeconds ? b : a));
  console.log(
    `throughput: goal 1,000,000 calls in 1 h = ${goal} calls/s; best here ${best.mode} at ${fmt(best.calls / best.callSeconds)} calls/s (${hours((MILLION * best.callSeconds) / best.calls)} for 1M); CPU bound: ${cores} cores / ${fmt((1000 * best.callCpuSeconds) / best.calls)} ms per call = ${fmt((cores * best.calls) / best.callCpuSeconds)} calls/s at most`,
  );
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  const [, mode, drop, home, batch, finish] = args;
  await runMode(mode!, drop!, home!, Number(batch), finish === '1');
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
