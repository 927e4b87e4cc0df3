import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { renderTable } from '../cli/render-table.js';
import { record } from './figures.js';
import { tempDir } from './temp-dir.js';

const REPO = new URL('../', import.meta.url).pathname;

interface Case {
  name: string;
  command: string;
  args: string[];
  runs: number;
}

const spawnOnce = (c: Case): number => {
  const t0 = performance.now();
  const r = spawnSync(c.command, c.args, { cwd: REPO, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${c.name} exited ${r.status}: ${r.stderr}`);
  return ms;
};

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/**
 * CLI start-up: wall time of whole `debrief` processes, as a person at a terminal sees it.
 * Cases run round-robin (one warm-up each, not counted) so a burst of load on the shared machine
 * hits them alike. BENCH_STARTUP_RUNS sets the runs per case (default 15);
 * BENCH_STARTUP_COMPARE=<another checkout with node_modules> adds the same commands run by that
 * checkout's bin/debrief.mjs (e.g. a build from before a change).
 */
export async function run(): Promise<void> {
  const runs = Number(process.env.BENCH_STARTUP_RUNS ?? 15);
  const home = tempDir('bench-startup');
  const bin = join(REPO, 'bin', 'debrief.mjs');
  const seed = spawnSync(process.execPath, [bin, 'run', 'samples', '--home', home], { cwd: REPO });
  if (seed.status !== 0) throw new Error(`debrief run samples failed: ${seed.stderr}`);
  const sql = 'select count(*) from calls';
  const node = process.execPath;
  const cases: Case[] = [
    { name: 'node -e 0 (Node alone, for scale)', command: node, args: ['-e', '0'], runs },
    { name: 'debrief --help', command: node, args: [bin, '--help'], runs },
    {
      name: `debrief query "${sql}" (6-call lake)`,
      command: node,
      args: [bin, 'query', sql, '--home', home],
      runs,
    },
    {
      name: 'npx debrief --help (adds npm itself)',
      command: 'npx',
      args: ['debrief', '--help'],
      runs: Math.ceil(runs / 3),
    },
  ];
  const other = process.env.BENCH_STARTUP_COMPARE;
  if (other) {
    const otherBin = join(other, 'bin', 'debrief.mjs');
    cases.push(
      { name: `${other}: debrief --help`, command: node, args: [otherBin, '--help'], runs },
      {
        name: `${other}: debrief query`,
        command: node,
        args: [otherBin, 'query', sql, '--home', home],
        runs,
      },
    );
  }
  const times = new Map<Case, number[]>(cases.map((c) => [c, []]));
  for (const c of cases) spawnOnce(c);
  for (let i = 0; i < runs; i++) {
    for (const c of cases) if (i < c.runs) times.get(c)?.push(spawnOnce(c));
  }
  const rows = cases.map((c) => {
    const t = (times.get(c) ?? []).sort((a, b) => a - b);
    record(`startup: ${c.name}, median`, quantile(t, 0.5), 'ms', { runs: t.length });
    return [c.name, t.length, quantile(t, 0.5).toFixed(0), t[0]?.toFixed(0), quantile(t, 0.9).toFixed(0)];
  });
  console.log(
    `node ${process.version}; wall time per process in ms (shared machine: noisy, compare medians)`,
  );
  console.log(renderTable(['command', 'runs', 'median', 'min', 'p90'], rows, 70));
}
