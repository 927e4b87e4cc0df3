import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { SUPERSEDED_GRACE_MS } from '../../adapters/lake/parquet-lake.js';
import { createLocalEnrichers } from '../../adapters/local/local-enrichers.js';
import { compactLake } from '../../cli/commands/compact.js';
import { forgetCalls } from '../../cli/commands/forget.js';
import { queryLake } from '../../cli/commands/query.js';
import { runDrop } from '../../cli/commands/run.js';
import { once } from '../../core/once.js';
import type { PostProcessor } from '../../core/post-processor.js';
import { glueTableInput } from '../../infra/glue.js';
import { MAX_METRICS } from '../../schemas/call-document.js';
import { freshRuntime, putInbox, withDb } from '../helpers/local-runtime.js';
import { TCA_FIXTURE, tempDir } from '../helpers/paths.js';

/**
 * A post-processor's numbers (CallDocument `customMetrics`) end to end: through the local
 * workflow (the ASL runner's steps, real Parquet, the DuckDB views), refused when they are not
 * finite numbers under a usable name, replaced by a reprocess, kept by compaction, erased by
 * `debrief forget`, and described to Glue like every other table.
 */
const keys = (stem: string) => ({
  transcript: `inbox/${stem}.tca.json`,
  audio: null,
  ctr: null,
  recording: null,
});

const runCalls = async (processors: PostProcessor[], ids: string[]) => {
  const { runtime, runner } = freshRuntime({ postProcessors: processors });
  putInbox(runtime, Object.fromEntries(ids.map((id) => [`${id}.tca.json`, { copyFrom: TCA_FIXTURE }])));
  const outcomes: Record<string, string> = {};
  for (const id of ids) outcomes[id] = (await runner.run({ callId: id, keys: keys(id) })).outcome;
  const report = (id: string) =>
    JSON.parse(readFileSync(join(runtime.home, 'quarantine', id, 'error.json'), 'utf8')) as {
      error: string;
      reason: string;
    };
  return { runtime, outcomes, report };
};

/** The result document of a call, as WriteResults stored it (its text). */
const resultText = (home: string, id: string): string => {
  const dir = join(home, 'results');
  const file = readdirSync(dir, { recursive: true, withFileTypes: true }).find(
    (e) => e.isFile() && e.name.startsWith(id) && e.name.endsWith('.json'),
  );
  if (!file) throw new Error(`no result document of ${id}`);
  return readFileSync(join(file.parentPath, file.name), 'utf8');
};

describe('custom metrics: a post-processor sets numbers that land in call_metrics', () => {
  it('lands each metric as a row of call_metrics (value a DOUBLE), queryable beside calls; a call without metrics has no rows and no field', async () => {
    const risk: Record<string, number> = { m1: 0.82, m2: 0.25 };
    const { runtime, outcomes } = await runCalls(
      [
        {
          name: 'churn',
          version: '1.0.0',
          process: (doc) =>
            risk[doc.callId] === undefined
              ? doc
              : { ...doc, customMetrics: { ...doc.customMetrics, churn_risk: risk[doc.callId] as number } },
        },
        {
          name: 'holds',
          version: '1.0.0',
          process: (doc) => {
            if (doc.callId !== 'm1') return doc;
            // An edit in place, as categories allow.
            doc.customMetrics = { ...doc.customMetrics, hold_requests: 3 };
            return doc;
          },
        },
      ],
      ['m1', 'm2', 'm3'],
    );
    expect(outcomes).toEqual({ m1: 'succeeded', m2: 'succeeded', m3: 'succeeded' });
    await withDb(runtime.lakeDir, async (db) => {
      expect(
        await db.query('select call_id, dt, name, value from call_metrics order by call_id, name'),
      ).toEqual([
        { call_id: 'm1', dt: '2026-03-03', name: 'churn_risk', value: 0.82 },
        { call_id: 'm1', dt: '2026-03-03', name: 'hold_requests', value: 3 },
        { call_id: 'm2', dt: '2026-03-03', name: 'churn_risk', value: 0.25 },
      ]);
      expect(await db.query('select distinct typeof(value) as t from call_metrics')).toEqual([
        { t: 'DOUBLE' },
      ]);
      // The analyst's question: a metric's average by the calls' own columns.
      expect(
        await db.query(
          `select c.language, round(avg(m.value), 3) as avg_risk, count(*) as calls
           from call_metrics m join calls c using (call_id) where m.name = 'churn_risk' group by c.language`,
        ),
      ).toEqual([{ language: expect.any(String), avg_risk: 0.535, calls: 2 }]);
    });
    expect(JSON.parse(resultText(runtime.home, 'm1')).customMetrics).toEqual({
      churn_risk: 0.82,
      hold_requests: 3,
    });
    // A call no processor gave a metric keeps the document it had before metrics existed.
    expect(resultText(runtime.home, 'm3')).not.toContain('customMetrics');
  });

  it('a metric that is not a finite number, a name call_metrics cannot hold, or too many of them quarantine the call, the reason naming the metric', async () => {
    const bad: Record<string, unknown> = {
      b1: { churn_risk: 0 / 0 },
      b2: { churn_risk: Number.POSITIVE_INFINITY },
      b3: { churn_risk: '0.8' },
      b4: { 'churn risk': 0.8 },
      b5: Object.fromEntries(Array.from({ length: MAX_METRICS + 1 }, (_, i) => [`m${i}`, i])),
      b6: [0.8],
      b7: { churn_risk: null },
    };
    const { runtime, outcomes, report } = await runCalls(
      [
        {
          name: 'scorer',
          version: '1',
          process: (doc) =>
            doc.callId in bad
              ? ({ ...doc, customMetrics: bad[doc.callId] } as never)
              : { ...doc, customMetrics: { ok: 1 } },
        },
      ],
      ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b8'],
    );
    expect(outcomes).toEqual({
      b1: 'quarantined',
      b2: 'quarantined',
      b3: 'quarantined',
      b4: 'quarantined',
      b5: 'quarantined',
      b6: 'quarantined',
      b7: 'quarantined',
      b8: 'succeeded',
    });
    expect(report('b1')).toMatchObject({
      error: 'PostProcessorError',
      reason:
        'post-processor scorer failed: returned customMetrics.churn_risk = NaN: a metric is a finite number (not NaN, Infinity, a string or null); leave it out when the call has none',
    });
    expect(report('b2').reason).toMatch(
      /returned customMetrics\.churn_risk = Infinity: a metric is a finite number/,
    );
    expect(report('b3').reason).toMatch(
      /returned customMetrics\.churn_risk = the string "0\.8": a metric is a finite number/,
    );
    expect(report('b4').reason).toMatch(
      /returned customMetrics\["churn risk"\], a name call_metrics cannot hold: a metric's name is a letter, then letters, digits, _, - or \./,
    );
    expect(report('b5').reason).toMatch(
      new RegExp(`returned ${MAX_METRICS + 1} customMetrics: a call carries at most ${MAX_METRICS}`),
    );
    expect(report('b6').reason).toMatch(
      /returned customMetrics as an array: it is an object of numbers by name/,
    );
    expect(report('b7').reason).toMatch(
      /returned customMetrics\.churn_risk = null: a metric is a finite number/,
    );
    await withDb(runtime.lakeDir, async (db) => {
      expect(
        await db.query("select count(*)::int as n from call_status where error_name = 'PostProcessorError'"),
      ).toEqual([{ n: 7 }]);
      expect(await db.query('select call_id, name, value from call_metrics')).toEqual([
        { call_id: 'b8', name: 'ok', value: 1 },
      ]);
    });
  });

  it('a number put in the built-in metrics (doc.metrics) is refused, pointing at customMetrics', async () => {
    const { outcomes, report } = await runCalls(
      [
        {
          name: 'scorer',
          version: '1',
          process: (doc) => ({ ...doc, metrics: { ...doc.metrics, churn_risk: 0.8 } }) as never,
        },
      ],
      ['n1'],
    );
    expect(outcomes).toEqual({ n1: 'quarantined' });
    expect(report('n1').reason).toMatch(
      /returned metrics\.churn_risk, which the call document has no field for .*customMetrics \(a number by name\)/,
    );
  });
});

/** Every row of a table's Parquet files, as they are on disk (every write, not the view). */
const rawRows = async (home: string, table: string): Promise<Record<string, unknown>[]> => {
  const dir = join(home, 'lake', table);
  const files = existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter(
        (e) => e.isFile() && e.name.endsWith('.parquet'),
      )
    : [];
  if (files.length === 0) return [];
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  try {
    const reader = await db.runAndReadAll(
      `select call_id, name, value from read_parquet('${join(home, 'lake', table)}/**/*.parquet', union_by_name = true) order by all`,
    );
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    db.closeSync();
    instance.closeSync();
  }
};

describe('custom metrics through debrief run, --reprocess, compact and forget', () => {
  const enrichers = once(() => createLocalEnrichers());
  const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
  const scorer = (
    version: string,
    metrics: (callId: string) => Record<string, number> | undefined,
  ): PostProcessor => ({
    name: 'scorer',
    version,
    process: (doc) => {
      const set = metrics(doc.callId);
      return set === undefined ? doc : { ...doc, customMetrics: set };
    },
  });

  it('a reprocess that drops a metric shows no row of it; compaction keeps the latest rows alone; forget erases the call from the view and the files', async () => {
    const dir = tempDir('metrics-drop');
    for (const id of ['r1', 'r2']) copyFileSync(TCA_FIXTURE, join(dir, `${id}.tca.json`));
    const home = tempDir('metrics-home');
    const run = (processor: PostProcessor, reprocess: boolean) =>
      runDrop({
        dir,
        home,
        enrichers,
        postProcessors: [processor],
        reprocess,
        report: false,
        out: quiet,
        err: quiet,
      });
    const shown = () => queryLake(home, 'select call_id, name, value from call_metrics order by all');

    await run(
      scorer('1', () => ({ churn_risk: 0.5, hold_requests: 2 })),
      false,
    );
    expect(await shown()).toEqual([
      { call_id: 'r1', name: 'churn_risk', value: 0.5 },
      { call_id: 'r1', name: 'hold_requests', value: 2 },
      { call_id: 'r2', name: 'churn_risk', value: 0.5 },
      { call_id: 'r2', name: 'hold_requests', value: 2 },
    ]);

    // Version 2 keeps one metric on r1 with a new value, and none on r2.
    await run(
      scorer('2', (id) => (id === 'r1' ? { churn_risk: 0.9 } : undefined)),
      true,
    );
    const latest = [{ call_id: 'r1', name: 'churn_risk', value: 0.9 }];
    expect(await shown()).toEqual(latest);
    // Both writes are still on disk until compaction: the view is what hides the first.
    expect((await rawRows(home, 'call_metrics')).length).toBe(5);

    // Compaction keeps a write a reprocess superseded for SUPERSEDED_GRACE_MS (a reader may be
    // reading it): compacting as if later drops it.
    const later = () => new Date(Date.now() + 2 * SUPERSEDED_GRACE_MS).toISOString();
    await compactLake(home, undefined, { err: quiet, now: later() });
    expect(await shown()).toEqual(latest);
    expect(await rawRows(home, 'call_metrics')).toEqual(latest);

    await forgetCalls({ home, callIds: ['r1'], err: quiet });
    expect(await shown()).toEqual([]);
    await compactLake(home, undefined, { err: quiet, now: later() });
    expect(await rawRows(home, 'call_metrics')).toEqual([]);
  }, 120_000);
});

describe('call_metrics on AWS', () => {
  it('its Glue table has the row schema columns (value a double), dt a projected partition', () => {
    const table = glueTableInput('call_metrics', 'bkt');
    expect(table.Name).toBe('raw_call_metrics');
    expect(table.StorageDescriptor.Columns).toEqual([
      { Name: 'call_id', Type: 'string' },
      { Name: 'name', Type: 'string' },
      { Name: 'value', Type: 'double' },
      { Name: 'written_at', Type: 'timestamp' },
    ]);
    expect(table.PartitionKeys).toEqual([{ Name: 'dt', Type: 'string' }]);
    expect(table.Parameters['storage.location.template']).toBe(`s3://bkt/lake/call_metrics/dt=\${dt}/`);
  });
});
