/**
 * Same output, old code and new: runs N generated calls (with CTR and recording metadata) through
 * the steps of the workflow in a plain loop, once with each of two checkouts' compiled code, and
 * compares byte for byte what they leave: every call's result document, every lake row each call
 * wrote (as handed to the lake), and every Parquet object's bytes. Both ways the bench runs them:
 * working documents on disk, and in memory with batched lake writes (bench/throughput.ts).
 * The clock and the ANI hash key are fixed, so two runs of the same code give the same bytes.
 *
 *   npx tsx scripts/throughput-identity.ts <other checkout> [--calls 300] [--lake-rows] [--days D] [--ways disk,mem,run]
 *
 * `<other checkout>` is a copy of the repository at the commit to compare with, with its
 * node_modules (or a symlink to them) and `node scripts/build.mjs` run in it; this checkout's
 * dist/ is rebuilt first. Exit 1 on the first difference (named).
 *
 * Every lake object is compared twice: by its bytes (`parquet` lines) and by what DuckDB reads
 * from it (`lakerows` lines: its column names and types, and its rows in order). `--lake-rows`
 * leaves the bytes out, for a change in how Parquet is written that must keep the rows.
 *
 * `--ways` (default `disk,mem`): `run` adds a third way, `debrief run --batch 50` (one thread: its
 * steps' clock and key are fixed through wrapDeps) and then `debrief run --reprocess --batch 50`
 * on the same home: each run's outcomes, every result document byte for byte, every execution
 * record but its finish time, and each lake folder's rows (`lakefolder`: all its objects read
 * together, in order; which calls share an object is the order's to choose, so objects' bytes
 * are not compared in this way). `--days D`: the calls start on D days in turn (call i on day
 * i mod D), as scripts/throughput-ab.ts spreads them, so name order and day order differ.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const HERE = resolve(fileURLToPath(new URL('../', import.meta.url)));
const NOW = '2026-11-30T12:00:00.000Z';
/** The reprocess's clock in the `run` way (after the first run's). */
const NOW_AGAIN = '2026-11-30T13:00:00.000Z';
const RUN_BATCH = 50;

type Rows = readonly Record<string, unknown>[];

/** The plain loop of bench/throughput.ts, with `root`'s compiled modules; digest lines on stdout. */
const child = async (root: string, drop: string, home: string, inMemory: boolean): Promise<void> => {
  const load = <T>(module: string): Promise<T> =>
    import(pathToFileURL(join(root, 'dist', `${module}.js`)).href) as Promise<T>;
  const { createRunRuntime } =
    await load<typeof import('../cli/commands/run-calls.js')>('cli/commands/run-calls');
  const { scanDrop, stageCall } =
    await load<typeof import('../adapters/local/local-drop.js')>('adapters/local/local-drop');
  const { steps } = await load<typeof import('../core/steps/index.js')>('core/steps/index');
  const { WorkingMemoryStore } = await load<typeof import('../adapters/local/working-memory.js')>(
    'adapters/local/working-memory',
  );
  const { BatchingLake } = await load<typeof import('../adapters/lake/batching-lake.js')>(
    'adapters/lake/batching-lake',
  );
  const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
  const base = createRunRuntime({ dir: drop, home }, quiet);
  const lines: string[] = [];
  const memory = inMemory ? new WorkingMemoryStore(base.store, base.deps.prefixes.work) : null;
  const batching = inMemory ? new BatchingLake(base.lake, () => NOW) : null;
  const inner = batching ?? base.lake;
  const lake = {
    putCallRows: async (table: string, callId: string, dt: string | null, rows: Rows) => {
      // An empty hand-over writes nothing (a table one side has and the other not: call_metrics).
      if (rows.length > 0) lines.push(`rows ${table} ${callId} ${dt} ${JSON.stringify(rows)}`);
      await inner.putCallRows(table as never, callId, dt, rows);
    },
  };
  const deps = {
    ...base.deps,
    now: () => NOW,
    aniHashKey: async () => 'identity-check-key',
    lake,
    ...(memory ? { store: memory } : {}),
  };
  const { manifest } = await scanDrop(drop);
  for (const call of manifest.calls) {
    const staged = await stageCall(drop, call, base.store);
    await staged.publish();
    let state: unknown = staged.input;
    let failedState = 'ClaimCall';
    try {
      for (const name of ['ClaimCall', 'LoadCall', 'MergeCtr', 'RedactPii'] as const) {
        failedState = name;
        state = await steps[name](state, deps);
      }
      failedState = 'Enrich';
      const parts = [];
      for (const name of ['DetectTopics', 'SummarizeCall', 'DetectToxicity'] as const)
        parts.push(await steps[name](state, deps));
      for (const name of ['ApplyEnrichment', 'PostProcess', 'WriteResults'] as const) {
        failedState = name;
        const input = name === 'ApplyEnrichment' ? { ...(state as object), parts } : state;
        const output = await steps[name](input, deps);
        if (name !== 'WriteResults') state = output;
        else lines.push(`result ${call.callId} ${JSON.stringify(output)}`);
      }
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      lines.push(`failed ${call.callId} ${failedState} ${e.name}: ${e.message}`);
      await steps.QuarantineCall(
        { ...(state as object), failedState, error: { Error: e.name, Cause: e.message } },
        deps,
      );
    }
    await staged.discard();
    await staged.releaseSidecars();
    memory?.release(`${deps.prefixes.work}/`);
  }
  await batching?.flush();
  // What the home holds: results (documents) byte for byte, lake objects by content (their
  // names carry a random token).
  const files = readdirSync(home, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const duck = await (await DuckDBInstance.create(':memory:')).connect();
  const sha = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
  for (const file of files.sort()) {
    const rel = relative(home, file);
    if (rel.startsWith('results/'))
      lines.push(`document ${rel} ${JSON.stringify(readFileSync(file, 'utf8'))}`);
    if (rel.startsWith('lake/') && rel.endsWith('.parquet')) {
      const folder = rel.slice(0, rel.lastIndexOf('/'));
      lines.push(`parquet ${folder} ${sha(readFileSync(file))}`);
      const read = `read_parquet('${file.replaceAll("'", "''")}')`;
      const types = (await duck.runAndReadAll(`describe select * from ${read}`)).getRowObjectsJson();
      const rows = (await duck.runAndReadAll(`select * from ${read} order by all`)).getRowsJson();
      lines.push(`lakerows ${folder} ${rows.length} rows ${sha(JSON.stringify([types, rows]))}`);
    }
  }
  const sorted = [
    ...lines.filter((l) => !l.startsWith('parquet ') && !l.startsWith('lakerows ')),
    ...lines.filter((l) => l.startsWith('parquet ')).sort(),
    ...lines.filter((l) => l.startsWith('lakerows ')).sort(),
  ];
  process.stdout.write(`${sorted.join('\n')}\n`);
};

/** The `run` way: `debrief run --batch` then `--reprocess` with `root`'s compiled code; digest lines on stdout. */
const runChild = async (root: string, drop: string, home: string): Promise<void> => {
  const { runDrop } = (await import(
    pathToFileURL(join(root, 'dist', 'cli/commands/run.js')).href
  )) as typeof import('../cli/commands/run.js');
  const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
  const lines: string[] = [];
  for (const [pass, now] of [NOW, NOW_AGAIN].entries()) {
    const summary = await runDrop({
      dir: drop,
      home,
      out: quiet,
      err: quiet,
      report: false,
      batchSize: RUN_BATCH,
      workers: 1,
      reprocess: pass === 1,
      wrapDeps: (deps) => ({ ...deps, now: () => now, aniHashKey: async () => 'identity-check-key' }),
    });
    for (const c of summary.calls)
      lines.push(
        `outcome ${pass} ${c.callId} ${c.outcome} ${c.statesRun.join(',')} ${JSON.stringify([c.error, c.reason ?? null])}`,
      );
  }
  const files = readdirSync(home, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  const lakeFolders = new Map<string, string[]>();
  for (const file of files) {
    const rel = relative(home, file);
    if (rel.startsWith('results/'))
      lines.push(`document ${rel} ${JSON.stringify(readFileSync(file, 'utf8'))}`);
    if (rel.startsWith('executions/') && !rel.startsWith('executions/recordings/')) {
      const { finishedAt: _, ...record } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      lines.push(`execution ${rel} ${JSON.stringify(record)}`);
    }
    if (rel.startsWith('lake/') && rel.endsWith('.parquet')) {
      const folder = rel.slice(0, rel.lastIndexOf('/'));
      lakeFolders.set(folder, [...(lakeFolders.get(folder) ?? []), file]);
    }
  }
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const duck = await (await DuckDBInstance.create(':memory:')).connect();
  const sha = (data: string) => createHash('sha256').update(data).digest('hex');
  for (const [folder, objects] of [...lakeFolders].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const read = `read_parquet([${objects.map((f) => `'${f.replaceAll("'", "''")}'`).join(', ')}])`;
    const types = (await duck.runAndReadAll(`describe select * from ${read}`)).getRowObjectsJson();
    const rows = (await duck.runAndReadAll(`select * from ${read} order by all`)).getRowsJson();
    lines.push(`lakefolder ${folder} ${rows.length} rows ${sha(JSON.stringify([types, rows]))}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
};

const digest = (root: string, drop: string, way: 'disk' | 'mem' | 'run'): Promise<string[]> =>
  new Promise((done, fail) => {
    const home = mkdtempSync(join(tmpdir(), 'debrief-identity-home-'));
    execFile(
      process.execPath,
      ['--import', 'tsx', SELF, '--child', root, drop, home, way],
      {
        cwd: HERE,
        maxBuffer: 1024 * 1024 * 1024,
        env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' },
      },
      (error, stdout, stderr) => {
        rmSync(home, { recursive: true, force: true });
        if (error) return fail(new Error(`${root}: ${error.message}\n${stderr}`));
        done(stdout.trimEnd().split('\n'));
      },
    );
  });

const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  const at = args.indexOf('--calls');
  const calls = at >= 0 ? Number(args[at + 1]) : 300;
  const valued = ['--calls', '--days', '--ways'];
  const other = args.find((a, i) => !a.startsWith('--') && !valued.includes(args[i - 1] ?? ''));
  if (!other)
    throw new Error(
      'usage: throughput-identity.ts <other checkout> [--calls N] [--lake-rows] [--days D] [--ways disk,mem,run]',
    );
  const daysAt = args.indexOf('--days');
  const days = daysAt >= 0 ? Number(args[daysAt + 1]) : 0;
  const waysAt = args.indexOf('--ways');
  const ways = (waysAt >= 0 ? args[waysAt + 1]! : 'disk,mem').split(',') as ('disk' | 'mem' | 'run')[];
  const unknownWay = ways.find((w) => !['disk', 'mem', 'run'].includes(w));
  if (unknownWay) throw new Error(`--ways: ${unknownWay} is not disk, mem or run`);
  const lakeRows = args.includes('--lake-rows');
  const compared = (lines: string[]) => (lakeRows ? lines.filter((l) => !l.startsWith('parquet ')) : lines);
  const { buildCli } = (await import(pathToFileURL(join(HERE, 'scripts/build.mjs')).href)) as {
    buildCli: () => Promise<unknown>;
  };
  await buildCli();
  const { generateCallsOverDays, writeDrop } = await import('../generator/index.js');
  const drop = mkdtempSync(join(tmpdir(), 'debrief-identity-drop-'));
  const truth = mkdtempSync(join(tmpdir(), 'debrief-identity-truth-'));
  let failed = false;
  try {
    // As scripts/throughput-ab.ts --days: call i started on day i mod D.
    const generated = generateCallsOverDays(11, calls, days);
    await writeDrop(generated, drop, truth);
    failed = await compareWays(other, drop, calls, compared, ways);
  } finally {
    // Removed whatever happened (a child that failed, a difference found).
    rmSync(drop, { recursive: true, force: true });
    rmSync(truth, { recursive: true, force: true });
  }
  if (failed) process.exit(1);
};

/** Both ways the bench runs the calls, old code against new; true when one differed. */
const compareWays = async (
  other: string,
  drop: string,
  calls: number,
  compared: (lines: string[]) => string[],
  ways: readonly ('disk' | 'mem' | 'run')[],
): Promise<boolean> => {
  let failed = false;
  const named = {
    disk: 'on disk, per-call objects',
    mem: 'in memory, batched lake',
    run: `debrief run --batch ${RUN_BATCH}, then --reprocess`,
  };
  for (const kind of ways) {
    const way = named[kind];
    const [old, now] = [
      compared(await digest(resolve(other), drop, kind)),
      compared(await digest(HERE, drop, kind)),
    ];
    const first = old.findIndex((line, i) => line !== now[i]);
    const kinds = (lines: string[]) =>
      Object.entries(
        lines.reduce<Record<string, number>>((n, l) => {
          const kind = l.slice(0, l.indexOf(' '));
          n[kind] = (n[kind] ?? 0) + 1;
          return n;
        }, {}),
      )
        .map(([k, n]) => `${n} ${k}`)
        .join(', ');
    const bytes = old.reduce((n, l) => n + l.length, 0);
    if (first < 0 && old.length === now.length) {
      console.log(
        `identical (${way}): ${calls} calls, ${kinds(old)}; ${(bytes / 1e6).toFixed(1)} MB compared`,
      );
      continue;
    }
    failed = true;
    const i = first < 0 ? Math.min(old.length, now.length) : first;
    const a = old[i] ?? '(nothing)';
    const b = now[i] ?? '(nothing)';
    const at = [...a].findIndex((c, j) => c !== b[j]);
    console.log(`DIFFERENT (${way}) at line ${i + 1}:`);
    console.log(`  old: ${a.slice(0, 120)} ... ${a.slice(Math.max(0, at - 150), at + 150)}`);
    console.log(`  new: ${b.slice(0, 120)} ... ${b.slice(Math.max(0, at - 150), at + 150)}`);
  }
  return failed;
};

const args = process.argv.slice(2);
if (args[0] === '--child') {
  const [, root, drop, home, way] = args;
  if (way === 'run') await runChild(root!, drop!, home!);
  else await child(root!, drop!, home!, way === 'mem');
} else {
  await main();
}
