import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Table from 'cli-table3';
import { DuckDbLake } from '../adapters/local/duckdb-lake.js';
import { AGGREGATES_FOLDER, writeLakeAggregates } from '../adapters/local/lake-aggregates.js';
import { dashboardViewSql } from '../dashboards/view-files.js';
import { KPI_SQL, RECENT_CALLS_SQL, viewOrder } from '../dashboards/visuals.js';
import { generateLakeAtScale } from '../generator/lake-scale.js';
import { record } from './figures.js';

/**
 * The lake at a large contact center's scale (generator/lake-scale.ts): every dashboard query,
 * the turn-level questions and the analysts' questions by topic, warm, in-process, through the
 * project's own views (DuckDbLake). Runs only when asked (`npm run bench -- lake`, or `--lake`):
 * building a 1,000,000-call lake takes minutes. Built lakes are kept under .debrief/bench/lake/
 * and reused while the generator is unchanged.
 *
 *   npm run bench -- lake                      1,000,000 calls + a mixed case (3,000 calls uncompacted)
 *   npm run bench -- lake --calls 20000        a quick one
 *   npm run bench -- lake --mixed 3000         the mixed case's uncompacted calls (--uncompacted: the same; 0: none)
 *   npm run bench -- lake --runs 7             median of 7 warm runs (default 5)
 *   npm run bench -- lake --queries 'topic|kpi' only the queries whose name matches
 */
const REPO = new URL('../', import.meta.url).pathname;
const CACHE = join(REPO, '.debrief', 'bench', 'lake');

const flag = (name: string, fallback: number): number => {
  const args = process.argv;
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};

export interface LakeQuery {
  name: string;
  kind: 'dashboard' | 'turns' | 'analyst';
  sql: string;
  /** The query (by name) whose rows this one must return: the same answer from pre-aggregates. */
  sameAs?: string;
  /**
   * Dashboard queries: the SQL whose rows this one must return over the plain views (every
   * object joined to call_status: DuckDbLake.open's `plain`); default the same SQL. A view whose
   * SQL changed keeps its earlier SQL here.
   */
  reference?: string;
}

/** category_daily as it was: joined to calls for what the views already guarantee. */
const CATEGORY_DAILY_JOINED = `select c.dt, k.category, count(distinct k.call_id) as calls
  from call_categories k join calls c on c.call_id = k.call_id group by c.dt, k.category`;

export const lakeQueries = (): LakeQuery[] => [
  ...dashboardViewSql().map((v) => {
    const order = viewOrder[v.name] ? ` order by ${viewOrder[v.name]}` : '';
    return {
      name: v.name,
      kind: 'dashboard' as const,
      sql: `select * from ${v.name}${order}`,
      ...(v.name === 'category_daily'
        ? { reference: `select * from (${CATEGORY_DAILY_JOINED})${order}` }
        : {}),
    };
  }),
  // The view DuckDbLake makes of KPI_SQL (what an unfiltered page reads), checked against KPI_SQL.
  { name: 'kpis', kind: 'dashboard', sql: 'select * from kpis', reference: KPI_SQL },
  {
    name: 'recent calls',
    kind: 'dashboard',
    // The view DuckDbLake makes of RECENT_CALLS_SQL (what an unfiltered page reads).
    sql: 'select * from recent_calls',
    reference: RECENT_CALLS_SQL,
  },
  {
    name: 'turns and sentiment by role',
    kind: 'turns',
    sql: `select role, count(*) as turns,
            avg(case sentiment when 'POSITIVE' then 1.0 when 'NEGATIVE' then -1.0 else 0.0 end) as sentiment,
            sum(case when sentiment = 'NEGATIVE' then 1 else 0 end) as negative_turns
          from turns group by role order by role`,
  },
  {
    name: 'top agents by talk turns',
    kind: 'turns',
    sql: `select agent_id, max(agent_name) as name, count(*) as turns, sum(end_ms - begin_ms) / 1000.0 as talk_s
          from turns where role = 'AGENT' and agent_id is not null group by agent_id order by turns desc, agent_id limit 20`,
  },
  {
    name: 'toxic-turn share by topic',
    kind: 'turns',
    sql: `select coalesce(c.primary_topic, 'none') as topic, count(*) as turns,
            avg(case when t.toxicity_label is not null then 1.0 else 0.0 end) as toxic_share
          from turns t join calls c on c.call_id = t.call_id
          group by coalesce(c.primary_topic, 'none') order by toxic_share desc, topic`,
  },
  {
    // The same three answers from the per-call counts WriteResults keeps beside `turns`
    // (call_roles, call_agents.turns, calls.toxic_turns and turn_count): no scan of `turns`.
    name: 'turns and sentiment by role, from call_roles',
    kind: 'turns',
    sameAs: 'turns and sentiment by role',
    sql: `select role, sum(turns) as turns,
            cast(sum(positive_turns) - sum(negative_turns) as double) / sum(turns) as sentiment,
            sum(negative_turns) as negative_turns
          from call_roles group by role order by role`,
  },
  {
    name: 'top agents by talk turns, from call_agents',
    kind: 'turns',
    sameAs: 'top agents by talk turns',
    sql: `select agent_id, max(name) as name, sum(turns) as turns, sum(speech_ms) / 1000.0 as talk_s
          from call_agents group by agent_id order by turns desc, agent_id limit 20`,
  },
  {
    name: 'toxic-turn share by topic, from calls',
    kind: 'turns',
    sameAs: 'toxic-turn share by topic',
    sql: `select coalesce(primary_topic, 'none') as topic, sum(turn_count) as turns,
            cast(sum(coalesce(toxic_turns, 0)) as double) / nullif(sum(turn_count), 0) as toxic_share
          from calls group by coalesce(primary_topic, 'none') order by toxic_share desc, topic`,
  },
  {
    name: 'longest handle time by topic',
    kind: 'analyst',
    sql: `select coalesce(primary_topic, 'none') as topic, count(*) as calls,
            avg(cast(handle_ms as double)) / 1000.0 as avg_handle_s, max(handle_ms) / 1000.0 as max_handle_s
          from calls group by coalesce(primary_topic, 'none') order by avg_handle_s desc nulls last, topic`,
  },
  {
    name: 'most transfers by topic',
    kind: 'analyst',
    sql: `select coalesce(primary_topic, 'none') as topic, sum(coalesce(transfers, 0)) as transfers,
            avg(cast(transfers as double)) as per_call
          from calls group by coalesce(primary_topic, 'none') order by transfers desc, topic`,
  },
  {
    name: 'lowest sentiment by topic',
    kind: 'analyst',
    sql: `select coalesce(primary_topic, 'none') as topic, avg(customer_sentiment) as customer_sentiment,
            avg(customer_sentiment_q4 - customer_sentiment_q1) as change
          from calls group by coalesce(primary_topic, 'none') order by customer_sentiment, topic`,
  },
];

/** The generator's own source: a lake built by another version is built again. */
const generatorStamp = (options: object): string =>
  createHash('sha256')
    .update(readFileSync(join(REPO, 'generator', 'lake-scale.ts')))
    .update(JSON.stringify(options))
    .digest('hex')
    .slice(0, 16);

/** The summaries' code (adapters/local/lake-aggregates.ts): written again when it changes. */
const aggregatesStamp = (): string =>
  createHash('sha256')
    .update(readFileSync(join(REPO, 'adapters', 'local', 'lake-aggregates.ts')))
    .digest('hex')
    .slice(0, 16);
const aggregatesStampFile = (home: string): string => join(home, 'aggregates.stamp');

/** A lake of `calls` compacted calls (+ `uncompacted` per-call ones), built once and kept. */
const lakeHome = async (calls: number, uncompacted: number): Promise<string> => {
  const home = join(CACHE, uncompacted > 0 ? `calls-${calls}-plus-${uncompacted}` : `calls-${calls}`);
  const stampFile = join(home, 'generator.stamp');
  const stamp = generatorStamp({ calls, uncompacted });
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    // The layout is the generator's; the summaries `debrief compact` writes beside it may be of
    // another version of lake-aggregates.ts: written again by it (what compaction runs).
    if (
      !existsSync(aggregatesStampFile(home)) ||
      readFileSync(aggregatesStampFile(home), 'utf8') !== aggregatesStamp()
    ) {
      const t = performance.now();
      rmSync(join(home, 'lake', AGGREGATES_FOLDER), { recursive: true, force: true });
      const written = await writeLakeAggregates(join(home, 'lake'));
      console.log(
        `summaries of ${home.slice(REPO.length)} written again: ${written.written} in ${((performance.now() - t) / 1000).toFixed(0)} s`,
      );
      writeFileSync(aggregatesStampFile(home), aggregatesStamp());
    }
    return home;
  }
  rmSync(home, { recursive: true, force: true });
  const progress = (m: string) => process.stdout.write(`  ${m}\n`);
  let summary: Awaited<ReturnType<typeof generateLakeAtScale>>;
  if (uncompacted > 0) {
    // The compacted part is the plain lake's, hard-linked; then one day of per-call objects.
    const base = await lakeHome(calls, 0);
    execFileSync('mkdir', ['-p', home]);
    execFileSync('cp', ['-al', join(base, 'lake'), join(home, 'lake')]);
    summary = await generateLakeAtScale({
      home,
      calls,
      uncompactedCalls: uncompacted,
      compacted: false,
      onProgress: progress,
    });
  } else {
    summary = await generateLakeAtScale({ home, calls, onProgress: progress });
  }
  console.log(
    `built ${home.slice(REPO.length)}: ${summary.files} files, ${(summary.bytes / 2 ** 20).toFixed(0)} MiB in ${summary.seconds.toFixed(0)} s`,
  );
  record(
    `lake: build ${calls} calls${uncompacted ? ` + ${uncompacted} uncompacted` : ''}`,
    summary.seconds,
    's',
    {
      files: summary.files,
      mib: Math.round(summary.bytes / 2 ** 20),
    },
  );
  writeFileSync(stampFile, stamp);
  writeFileSync(aggregatesStampFile(home), aggregatesStamp());
  return home;
};

/** Bytes this process has read through system calls (Linux), or null elsewhere. */
const bytesReadByProcess = (): number | null => {
  try {
    const m = /^rchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
    return m?.[1] ? Number(m[1]) : null;
  } catch {
    return null;
  }
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/**
 * Two values as one answer: numbers to 12 significant digits (a sum divided vs an average, or
 * the same sum in another order: DuckDB's threads add in any order), or within 1e-12 of each
 * other for values under 1 (an average of sentiments in -1..1 near 0 keeps the rounding of its
 * terms, not of its own size).
 */
const sameValue = (a: unknown, b: unknown): boolean =>
  typeof a === 'number' && typeof b === 'number'
    ? a === b || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b))
    : a === b;

/** Fails loudly when a pre-aggregate query does not answer what its scan of `turns` answers. */
export const assertSameRows = (
  name: string,
  reference: string,
  rows: Record<string, unknown>[],
  expected: Record<string, unknown>[],
): void => {
  const show = (r: Record<string, unknown> | undefined) => JSON.stringify(r);
  const differs = (i: number): boolean => {
    const a = rows[i];
    const b = expected[i];
    if (!a || !b) return true;
    const keys = Object.keys(b);
    return Object.keys(a).join() !== keys.join() || keys.some((k) => !sameValue(a[k], b[k]));
  };
  const i = Array.from({ length: Math.max(rows.length, expected.length) }, (_, n) => n).find(differs);
  if (i !== undefined)
    throw new Error(
      `"${name}" does not answer what "${reference}" answers (${rows.length} vs ${expected.length} rows); row ${i}: ${show(rows[i])} vs ${show(expected[i])}`,
    );
};

const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0);

/** Open the lake, then time and profile every query. */
export const measureLake = async (
  lakeDir: string,
  label: string,
  runs: number,
): Promise<
  { name: string; kind: string; seconds: number; files: number; bytes: number; peak: number; grew: number }[]
> => {
  const only = process.argv.indexOf('--queries');
  const wanted = only >= 0 ? new RegExp(process.argv[only + 1] ?? '') : null;
  const all = lakeQueries();
  const chosen = all.filter((x) => !wanted || wanted.test(x.name));
  // The reference for every dashboard query's rows: the same lake through the plain views, asked
  // first and closed before anything is measured (its memory is not the views').
  const reference = new Map<string, Record<string, unknown>[]>();
  if (chosen.some((q) => q.kind === 'dashboard')) {
    const t = performance.now();
    const plain = await DuckDbLake.open(lakeDir, { plain: true });
    try {
      for (const q of chosen)
        if (q.kind === 'dashboard') reference.set(q.name, await plain.query(q.reference ?? q.sql));
    } finally {
      plain.close();
    }
    console.log(
      `${label}: the plain views' answers to ${reference.size} dashboard queries in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  }
  const load = () => Number(loadavg()[0]?.toFixed(2));
  const t0 = performance.now();
  const db = await DuckDbLake.open(lakeDir);
  const openSeconds = (performance.now() - t0) / 1000;
  // How the views read the compacted objects (adapters/lake/latest-write.ts): without the status
  // join but for the calls with a status after B (none: no join at all).
  const [recent] = await db.query('select count(*) as n from lake_recent');
  const recentCalls = Number(recent?.n ?? 0);
  console.log(
    `${label}: open ${openSeconds.toFixed(2)} s (load ${load()}); ${
      db.settledBound
        ? `compacted objects read without the status join but for ${recentCalls} recent calls (status after ${db.settledBound}), looked up in ${
            db.supersededPartitions === 'any'
              ? 'every compacted day (a status compaction of an older version left no superseded_dts)'
              : `${db.supersededPartitions.length} compacted days (where a recent call's earlier write can be)`
          }`
        : 'every object joined to call_status'
    }`,
  );
  record(`lake ${label}: open`, openSeconds, 's', {
    load_average_1m: load(),
    recent_calls: recentCalls,
    bound: db.settledBound,
    looked_up_days: db.supersededPartitions === 'any' ? 'any' : db.supersededPartitions.length,
  });
  const results = [];
  try {
    const answers = new Map<string, Record<string, unknown>[]>();
    for (const q of chosen) {
      const rows = await db.query(q.sql); // warm-up: file metadata and OS cache
      answers.set(q.name, rows);
      if (q.sameAs) {
        const ref = all.find((x) => x.name === q.sameAs);
        if (!ref) throw new Error(`${q.name}: no query named ${q.sameAs}`);
        const expected = answers.get(ref.name) ?? (await db.query(ref.sql));
        assertSameRows(q.name, ref.name, rows, expected);
        console.log(`  ${q.name}: the same ${rows.length} rows as "${ref.name}"`);
      }
      const expected = reference.get(q.name);
      if (expected) {
        assertSameRows(q.name, 'the plain views', rows, expected);
        console.log(
          `  ${q.name}: the same ${rows.length} rows as through the plain views${q.reference ? ' (its earlier SQL)' : ''}`,
        );
      }
      const times: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        const t = performance.now();
        await db.query(q.sql);
        times.push((performance.now() - t) / 1000);
      }
      // One more run under DuckDB's profiler (files it opened), watched from outside: bytes
      // the process read (Linux /proc/self/io; DuckDB's own total_bytes_read counts only some
      // reads) and the highest resident memory while it ran (DuckDB's peak buffer figure is
      // the process's, not the query's).
      const readBefore = bytesReadByProcess();
      const rssBefore = process.memoryUsage().rss;
      let peakRss = rssBefore;
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }, 5);
      const p = await db.profile(q.sql).finally(() => clearInterval(sampler));
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      const readAfter = bytesReadByProcess();
      const r = {
        name: q.name,
        kind: q.kind,
        seconds: median(times),
        files: p.filesRead,
        bytes: readBefore !== null && readAfter !== null ? readAfter - readBefore : p.bytesRead,
        peak: peakRss,
        grew: peakRss - rssBefore,
      };
      results.push(r);
      const load1 = load();
      console.log(
        `  ${q.name}: ${r.seconds.toFixed(3)} s, ${r.files} files, ${mib(r.bytes)} MiB read, peak RSS ${mib(r.peak)} MiB (+${mib(r.grew)}), load ${load1}`,
      );
      const detail = {
        kind: q.kind,
        load_average_1m: load1,
        runs,
        files: r.files,
        bytes_read: r.bytes,
        peak_rss_bytes: r.peak,
        rss_growth_bytes: r.grew,
      };
      record(`lake ${label}: ${q.name}`, r.seconds, 's', detail);
    }
  } finally {
    db.close();
  }
  const table = new Table({ head: ['query', 'kind', 'warm s (median)', 'files', 'MiB read', 'peak MiB'] });
  for (const r of results)
    table.push([r.name, r.kind, r.seconds.toFixed(3), r.files, mib(r.bytes), mib(r.peak)]);
  console.log(table.toString());
  console.log(`process peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  return results;
};

export async function run(): Promise<void> {
  const args = process.argv.slice(2);
  if (!args.includes('--lake') && !args.includes('lake')) {
    console.log(
      'skipped: builds a 1,000,000-call lake (minutes); run `npm run bench -- lake` (see bench/lake.ts)',
    );
    return;
  }
  const calls = flag('calls', 1_000_000);
  const uncompacted = flag('mixed', flag('uncompacted', 3000));
  const runs = flag('runs', 5);
  const home = await lakeHome(calls, 0);
  const compacted = await measureLake(join(home, 'lake'), `${calls} calls compacted`, runs);
  if (uncompacted > 0) {
    const mixed = await lakeHome(calls, uncompacted);
    const beside = await measureLake(
      join(mixed, 'lake'),
      `${calls} calls + ${uncompacted} uncompacted`,
      runs,
    );
    // The two cases side by side, per query.
    const table = new Table({
      head: ['query', 'compacted s', 'files', 'MiB', `+ ${uncompacted} uncompacted s`, 'files', 'MiB'],
    });
    for (const r of compacted) {
      const m = beside.find((x) => x.name === r.name);
      table.push([
        r.name,
        r.seconds.toFixed(3),
        r.files,
        mib(r.bytes),
        m ? m.seconds.toFixed(3) : '',
        m?.files ?? '',
        m ? mib(m.bytes) : '',
      ]);
    }
    console.log(table.toString());
  }
}
