/**
 * Where a V8 CPU profile (.cpuprofile: `node --cpu-prof`, or the throughput bench's
 * BENCH_THROUGHPUT_PROFILE) spent its time, as tables:
 *   - the top functions by self time (name, file:line);
 *   - self time per file, and per package (node_modules/<package>, node: built-ins, ours);
 *   - total (inclusive) time of each workflow step function and of named functions.
 *   - with `--callers fn`: fn's self time by the stack of its nearest callers;
 *   - with `--package name` (as the per-package table names it): its self time by the nearest
 *     caller outside it.
 * Times are sample weights (each sample's time delta), shown in ms and as a share of the profile
 * (idle excluded); with `--calls N`, also in ms per call.
 *
 *   npx tsx scripts/cpuprofile-summary.ts <file.cpuprofile> [--calls N] [--top 30] [--inclusive fnA,fnB]
 */
import { readFileSync } from 'node:fs';
import { renderTable } from '../cli/render-table.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** The step functions of core/steps (their inclusive time is each step's cost). */
const STEP_FUNCTIONS = [
  'stageCall',
  'claimCall',
  'loadCall',
  'mergeCtrStep',
  'redactPiiStep',
  'detectTopicsStep',
  'summarizeCallStep',
  'detectToxicityStep',
  'applyEnrichment',
  'postProcess',
  'writeResults',
  'flush',
];

const shortUrl = (url: string): string => {
  if (url === '') return '(native)';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) return path.slice(nm + '/node_modules/'.length);
  const dist = path.indexOf('/dist/');
  if (dist >= 0) return path.slice(dist + '/dist/'.length);
  return path.replace(/^.*\/wt\/[^/]+\//, '');
};

const packageOf = (url: string): string => {
  if (url === '') return '(V8: GC, natives)';
  if (url.startsWith('node:')) return 'node: built-ins';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const dist = path.indexOf('/dist/');
  const rel = dist >= 0 ? path.slice(dist + '/dist/'.length) : path;
  return `ours: ${rel.split('/').slice(0, 2).join('/')}`;
};

export const summarize = (
  profile: CpuProfile,
  options: { calls?: number; top?: number; inclusive?: string[]; callers?: string; package?: string } = {},
): string => {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const idle = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)');
  const idleUs = idle.reduce((a, [, t]) => a + t, 0);
  const totalUs = [...self.values()].reduce((a, b) => a + b, 0) - idleUs;
  const ms = (us: number) => (us / 1000).toFixed(0);
  const share = (us: number) => `${((100 * us) / totalUs).toFixed(1)}%`;
  const perCall = (us: number) => (options.calls ? (us / 1000 / options.calls).toFixed(3) : '-');
  const key = (f: CallFrame) => `${f.functionName || '(anonymous)'}\t${shortUrl(f.url)}:${f.lineNumber + 1}`;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  // Code without a script (V8 natives, C++ bindings, code a library compiled with `new Function`,
  // as zod does) counts for the package of its nearest caller with one, in the package tables.
  const packageOfNode = (id: number): string => {
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const f = byId.get(n)!.callFrame;
      if (f.url !== '') return packageOf(f.url);
      if (f.functionName === '(root)') break;
    }
    return packageOf('');
  };
  const fnSelf = new Map<string, number>();
  const fileSelf = new Map<string, number>();
  const pkgSelf = new Map<string, number>();
  for (const [id, t] of self) {
    const f = byId.get(id)!.callFrame;
    if (f.functionName === '(idle)') continue;
    add(fnSelf, key(f), t);
    add(fileSelf, f.url === '' ? f.functionName : shortUrl(f.url), t);
    add(pkgSelf, packageOfNode(id), t);
  }
  // Inclusive time: each sample counted once for every distinct function on its stack.
  const wanted = new Set([...STEP_FUNCTIONS, ...(options.inclusive ?? [])]);
  const inclusive = new Map<string, number>();
  for (const [id, t] of self) {
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const name = byId.get(n)!.callFrame.functionName;
      if (wanted.has(name) && !seen.has(name)) {
        seen.add(name);
        add(inclusive, name, t);
      }
    }
  }
  // Who calls a function (its self time by the stack of its 4 nearest callers).
  const callers = new Map<string, number>();
  if (options.callers) {
    for (const [id, t] of self) {
      if ((byId.get(id)!.callFrame.functionName || '(anonymous)') !== options.callers) continue;
      const chain: string[] = [];
      for (let n = parent.get(id); n !== undefined && chain.length < 4; n = parent.get(n)) {
        const f = byId.get(n)!.callFrame;
        chain.push(`${f.functionName || '(anonymous)'} ${shortUrl(f.url)}:${f.lineNumber + 1}`);
      }
      add(callers, `${chain.join(' < ')}`, t);
    }
  }
  // Who uses a package (its self time by the nearest caller outside it, with that caller's caller).
  const users = new Map<string, number>();
  if (options.package) {
    for (const [id, t] of self) {
      if (packageOfNode(id) !== options.package) continue;
      let n = parent.get(id);
      while (n !== undefined && packageOfNode(n) === options.package) n = parent.get(n);
      const chain: string[] = [];
      for (; n !== undefined && chain.length < 2; n = parent.get(n)) {
        const f = byId.get(n)!.callFrame;
        chain.push(`${f.functionName || '(anonymous)'} ${shortUrl(f.url)}:${f.lineNumber + 1}`);
      }
      add(users, chain.join(' < '), t);
    }
  }
  const top = options.top ?? 30;
  const rows = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, t]) => [...k.split('\t'), ms(t), perCall(t), share(t)]);
  return [
    `profile: ${ms(totalUs)} ms of CPU samples (idle ${ms(idleUs)} ms excluded)${options.calls ? ` over ${options.calls} calls = ${perCall(totalUs)} ms per call` : ''}`,
    `top ${top} functions by self time:`,
    renderTable(
      ['function', 'where', 'self ms', 'ms/call', 'share'],
      rows(fnSelf, top).map((r) => r),
    ),
    'self time per package:',
    renderTable(['package', 'self ms', 'ms/call', 'share'], rows(pkgSelf, 25)),
    'self time per file (top 30):',
    renderTable(['file', 'self ms', 'ms/call', 'share'], rows(fileSelf, 30)),
    'inclusive time of the steps (and named functions):',
    renderTable(
      ['function', 'total ms', 'ms/call', 'share'],
      [...wanted]
        .filter((n) => inclusive.has(n))
        .map((n) => [n, ms(inclusive.get(n)!), perCall(inclusive.get(n)!), share(inclusive.get(n)!)]),
    ),
    ...(options.callers
      ? [
          `callers of ${options.callers} (self time by the 4 nearest callers):`,
          renderTable(['callers', 'self ms', 'ms/call', 'share'], rows(callers, 15)),
        ]
      : []),
    ...(options.package
      ? [
          `${options.package}'s self time by its nearest caller outside it:`,
          renderTable(['caller', 'self ms', 'ms/call', 'share'], rows(users, 15)),
        ]
      : []),
  ].join('\n');
};

const args = process.argv.slice(2);
const opt = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const file = args.find((a, i) => !a.startsWith('--') && !(args[i - 1] ?? '').startsWith('--'));
if (!file) {
  console.error(
    'usage: cpuprofile-summary.ts <file.cpuprofile> [--calls N] [--top 30] [--inclusive fnA,fnB] [--callers fn] [--package name]',
  );
  process.exit(2);
}
const calls = opt('--calls');
console.log(
  summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, {
    ...(calls ? { calls: Number(calls) } : {}),
    top: Number(opt('--top') ?? 30),
    inclusive: (opt('--inclusive') ?? '').split(',').filter(Boolean),
    ...(opt('--callers') ? { callers: opt('--callers')! } : {}),
    ...(opt('--package') ? { package: opt('--package')! } : {}),
  }),
);
