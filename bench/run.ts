// `npm run bench [name...] [--save] [--lake]`: prints figures, asserts nothing (machines are
// shared and noisy), and writes every recorded figure as JSON (see bench/figures.ts).
// The lake bench (a 1,000,000-call lake) runs only when named or with --lake: see bench/lake.ts.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { run as asr } from './asr.js';
import { benchesRun, machine, recorded, setBench } from './figures.js';
import { run as lake } from './lake.js';
import { run as mergeCtr } from './merge-ctr.js';
import { run as pipeline } from './pipeline.js';
import { run as redactPii } from './redact-pii.js';
import { run as speech } from './speech.js';
import { run as startup } from './startup.js';
import { run as throughput } from './throughput.js';
import { run as toxicity } from './toxicity.js';
import { run as workbench } from './workbench.js';

const REPO = new URL('../', import.meta.url).pathname;

const benches: [string, () => Promise<void>][] = [
  ['merge-ctr', mergeCtr],
  ['pipeline', pipeline],
  ['throughput', throughput],
  ['startup', startup],
  ['redact-pii', redactPii],
  ['toxicity', toxicity],
  ['workbench', workbench],
  ['asr', asr],
  ['speech', speech],
  ['lake', lake],
];
const args = process.argv.slice(2);
const save = args.includes('--save');
// Names, not flags nor the values of flags that take one (--calls N).
const only = args.filter(
  (a, i) => !a.startsWith('--') && !/^--(calls|uncompacted|mixed|runs|queries)$/.test(args[i - 1] ?? ''),
);
const unknown = only.filter((name) => !benches.some(([n]) => n === name));
if (unknown.length > 0) {
  console.error(`unknown bench: ${unknown.join(', ')} (known: ${benches.map(([n]) => n).join(', ')})`);
  process.exit(2);
}
const startedAt = new Date().toISOString();
for (const [name, bench] of benches) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n== ${name}`);
  setBench(name);
  await bench();
}

const git = (command: string): string | null => {
  try {
    return execSync(`git ${command}`, {
      cwd: REPO,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
};
const version = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
const ran = benchesRun(
  benches.map(([n]) => n),
  only,
  args,
);
const run = {
  commit: git('rev-parse --short HEAD'),
  dirty: (git('status --porcelain') ?? '') !== '',
  started_at: startedAt,
  finished_at: new Date().toISOString(),
  machine: { ...machine(), load_average_at_end: loadavg().map((l) => Number(l.toFixed(2))) },
};
const out = save
  ? join(REPO, 'bench', 'results', `${version}.json`)
  : join(REPO, '.debrief', 'bench', 'latest.json');
// One file per release; a run replaces the figures of the benches it ran and keeps the others,
// each bench with the commit and machine it was measured on.
interface BenchRun {
  commit: string | null;
  dirty: boolean;
  started_at: string;
  finished_at: string;
  machine: Record<string, unknown>;
  figures: unknown[];
}
let previous: Record<string, BenchRun> = {};
if (existsSync(out)) {
  try {
    const before = (JSON.parse(readFileSync(out, 'utf8')) as { benches?: unknown }).benches;
    if (before && typeof before === 'object' && !Array.isArray(before)) {
      previous = before as Record<string, BenchRun>;
    }
  } catch {
    previous = {};
  }
}
const merged: Record<string, BenchRun> = { ...previous };
for (const name of ran) merged[name] = { ...run, figures: recorded().filter((f) => f.bench === name) };
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ version, benches: merged }, null, 2)}\n`);
console.log(`\n${recorded().length} figures written to ${out.slice(REPO.length)}`);
