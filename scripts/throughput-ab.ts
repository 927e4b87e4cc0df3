/**
 * Interleaved A/B of per-call CPU: the throughput bench's `plain-mem` loop (bench/throughput.ts,
 * the steps in a plain loop, documents in memory, lake batched) run alternately with another
 * checkout's code and this one's, on one generated drop, each run in its own process on a fresh
 * home. Prints every run's CPU per call (whole, second half, per step) and the per-step medians
 * side by side. Steps that only compute (LoadCall … ApplyEnrichment) compare well on a shared
 * machine; the steps that write files (staging, ClaimCall, WriteResults, the lake flush) move with
 * the disk's other writers, whatever the code.
 *
 *   npx tsx scripts/throughput-ab.ts <other checkout> [--calls 1200] [--rounds 3] [--mode plain-mem|plain-again|batch-W|reprocess-W] [--own] [--days D] [--this-node-flags "--max-semi-space-size=32"]
 *
 * `--this-node-flags "F …"`: node options for this checkout's runs only (before the bench's own),
 * to measure a V8 or Node flag against the same code: give this checkout itself as the other.
 *
 * `--days D`: the calls start on D consecutive days in turn (call i on day i mod D; the generator's
 * own dates span about four weeks), so a batch of the drop's calls in name order spans up to D
 * days, as a reprocess of a year listed by name does (`--days 365`): the lake flush then writes
 * one object per table for almost every call.
 *
 * `--own` (plain loops): each step's CPU also as the steps' own thread alone (BENCH_THROUGHPUT_OWN,
 * see bench/throughput.ts), the other threads' work left out: steadier on a loaded machine. The
 * other checkout's bench must know it (copy this checkout's bench/throughput.ts there).
 *
 * `<other checkout>`: as for scripts/throughput-identity.ts (a copy of the repository at the commit
 * to compare with, its node_modules linked, `node scripts/build.mjs` run in it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderTable } from '../cli/render-table.js';
import { generateCallsOverDays, writeDrop } from '../generator/index.js';

const HERE = resolve(fileURLToPath(new URL('../', import.meta.url)));

interface Run {
  calls: number;
  callSeconds: number;
  callCpuSeconds: number;
  secondHalfCpuSeconds: number;
  secondHalfCalls: number;
  /** Lake objects the measured run added (bench/throughput.ts; absent from an older bench). */
  lakeObjectsAdded?: number;
  /** Per step (the plain loop only). */
  steps?: Record<string, number>;
  /** Per step, the steps' own thread alone (with --own: BENCH_THROUGHPUT_OWN=1). */
  stepsOwn?: Record<string, number>;
}

/**
 * One run of `mode` on a fresh home with `root`'s code. `plain-mem` runs the other checkout's own
 * loop (bench/throughput.ts there); a run mode (`batch-W`, `reprocess-W`) runs this checkout's
 * bench with the other checkout's compiled code (BENCH_THROUGHPUT_CODE), so a mode the other
 * checkout's bench does not know yet compares too.
 */
const runOnce = (
  root: string,
  drop: string,
  mode: string,
  ownThread: boolean,
  nodeFlags: readonly string[] = [],
): Run => {
  const home = mkdtempSync(join(tmpdir(), 'debrief-ab-home-'));
  try {
    const own = mode === 'plain-mem';
    const out = execFileSync(
      process.execPath,
      [...nodeFlags, '--import', 'tsx', 'bench/throughput.ts', '--child', mode, drop, home, '500', '0'],
      {
        cwd: own ? root : HERE,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...process.env,
          AWS_EC2_METADATA_DISABLED: 'true',
          ...(own ? {} : { BENCH_THROUGHPUT_CODE: root }),
          ...(ownThread ? { BENCH_THROUGHPUT_OWN: '1' } : {}),
        },
      },
    );
    return JSON.parse(out.trim().split('\n').at(-1)!) as Run;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  const opt = (name: string, fallback: number) => {
    const at = args.indexOf(name);
    return at >= 0 ? Number(args[at + 1]) : fallback;
  };
  const valued = ['--calls', '--rounds', '--mode', '--days', '--this-node-flags'];
  const other = args.find((a, i) => !a.startsWith('--') && !valued.includes(args[i - 1] ?? ''));
  if (!other)
    throw new Error(
      'usage: throughput-ab.ts <other checkout> [--calls 1200] [--rounds 3] [--mode plain-mem|plain-again|batch-W|reprocess-W] [--own] [--days D]',
    );
  const calls = opt('--calls', 1200);
  const rounds = opt('--rounds', 3);
  const modeAt = args.indexOf('--mode');
  const mode = modeAt >= 0 ? args[modeAt + 1]! : 'plain-mem';
  const flagsAt = args.indexOf('--this-node-flags');
  const thisFlags = flagsAt >= 0 ? args[flagsAt + 1]!.split(' ').filter(Boolean) : [];
  const { buildCli } = (await import(pathToFileURL(join(HERE, 'scripts/build.mjs')).href)) as {
    buildCli: () => Promise<unknown>;
  };
  await buildCli();
  const drop = mkdtempSync(join(tmpdir(), 'debrief-ab-drop-'));
  const truth = mkdtempSync(join(tmpdir(), 'debrief-ab-truth-'));
  try {
    const days = opt('--days', 0);
    // The same calls (call i is the batch's i-th), each started on its day (--days D: day i mod D).
    const generated = generateCallsOverDays(11, calls, days);
    await writeDrop(generated, drop, truth);
    const sides = [
      { name: 'other', root: resolve(other), runs: [] as Run[], flags: [] as string[] },
      { name: 'this', root: HERE, runs: [] as Run[], flags: thisFlags },
    ];
    const ms = (s: number, n: number) => ((1000 * s) / n).toFixed(2);
    const objects = (r: Run) =>
      r.lakeObjectsAdded === undefined ? '?' : (r.lakeObjectsAdded / r.calls).toFixed(3);
    for (let round = 1; round <= rounds; round++)
      for (const side of sides) {
        const r = runOnce(side.root, drop, mode, args.includes('--own'), side.flags);
        side.runs.push(r);
        console.log(
          `round ${round} ${side.name.padEnd(5)} load ${loadavg()[0]!.toFixed(1)}: ${ms(r.callCpuSeconds, r.calls)} ms CPU/call, ${ms(r.secondHalfCpuSeconds, r.secondHalfCalls)} over the second half, ${(r.calls / r.callSeconds).toFixed(1)} calls/s, ${objects(r)} lake objects/call | ${Object.entries(
            r.steps ?? {},
          )
            .sort((a, b) => b[1] - a[1])
            .map(([step, s]) => `${step} ${ms(s, r.calls)}`)
            .join(', ')}`,
        );
      }
    const steps = Object.keys(sides[1]!.runs[0]!.steps ?? {});
    const perCall = (side: (typeof sides)[number], pick: (r: Run) => number) =>
      median(side.runs.map((r) => (1000 * pick(r)) / r.calls)).toFixed(2);
    console.log(
      `medians of ${rounds} interleaved runs of ${mode}, ${calls} calls${days > 0 ? ` over ${days} days` : ''}, ms CPU per call (other: ${other}${thisFlags.length > 0 ? `; this with ${thisFlags.join(' ')}` : ''}):`,
    );
    console.log(
      renderTable(
        ['', 'other', 'this'],
        [
          ['whole call', ...sides.map((s) => perCall(s, (r) => r.callCpuSeconds))],
          ['calls/s', ...sides.map((s) => median(s.runs.map((r) => r.calls / r.callSeconds)).toFixed(1))],
          [
            'lake objects per call',
            ...sides.map((s) =>
              s.runs.every((r) => r.lakeObjectsAdded !== undefined)
                ? median(s.runs.map((r) => r.lakeObjectsAdded! / r.calls)).toFixed(3)
                : '?',
            ),
          ],
          [
            'second half',
            ...sides.map((s) =>
              median(s.runs.map((r) => (1000 * r.secondHalfCpuSeconds) / r.secondHalfCalls)).toFixed(2),
            ),
          ],
          ...steps.map((step) => [step, ...sides.map((s) => perCall(s, (r) => r.steps?.[step] ?? 0))]),
          ...(sides[1]!.runs[0]!.stepsOwn
            ? steps.map((step) => [
                `${step} (own thread)`,
                ...sides.map((s) => perCall(s, (r) => r.stepsOwn?.[step] ?? Number.NaN)),
              ])
            : []),
        ],
      ),
    );
  } finally {
    rmSync(drop, { recursive: true, force: true });
    rmSync(truth, { recursive: true, force: true });
  }
};

await main();
