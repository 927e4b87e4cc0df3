import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { aggregateViewSql, CALLS_DAY } from '../../adapters/local/lake-aggregates.js';
import { dashboardViewSql } from '../../dashboards/view-files.js';
import { KPI_SQL } from '../../dashboards/visuals.js';

/** The calls columns the dashboard's call-level views and calls_day read. */
const CALLS = `create table calls (
  dt varchar, primary_topic varchar, topic_model varchar, topic_source varchar, entry_queue_name varchar,
  entry_queue varchar, ctr_status varchar, has_recording boolean, status varchar, duration_ms bigint,
  handle_ms bigint, queue_ms bigint, ivr_ms bigint, hold_ms bigint, transfers integer,
  customer_sentiment double, primary_topic_score double, transferred_after_queue boolean, resolved boolean,
  toxic_turns integer)`;
const ROWS = `insert into calls values
  ('2026-03-02', 'billing', 'm1', 'model', 'Billing', 'q-billing', 'matched', true, 'processed', 300000, 240000, 60000, 20000, 0, 0, 0.5, 0.9, false, true, 0),
  ('2026-03-02', null, 'm1', 'model', null, null, 'none', true, 'processed', 120000, null, null, null, null, null, -0.5, null, null, null, 1),
  ('2026-03-02', null, null, null, 'Billing', 'q-billing', 'matched', false, 'processed', 200000, null, 181000, 21000, 0, 0, null, null, false, null, null),
  ('2026-03-03', 'payments', 'm1', 'model', null, null, 'none', null, 'processed', 90000, null, null, null, null, null, 0.1, 0.7, null, true, 0)`;
const TOPIC_VIEWS = ['topic_stats', 'topic_daily', 'topic_daily_totals', 'daily_topic_mix'] as const;
const QUEUE_VIEWS = ['daily_overview', 'queue_stats', 'queue_daily_totals'] as const;

/**
 * The entry queue's columns (ctr merge 1.6.0; their own test: test/ctr/queue-outcome), added
 * null as a lake written before 1.6.0 reads them: every row's queue figures unknown.
 */
const addQueueColumns = async (db: DuckDBConnection) => {
  for (const c of [
    'offered boolean',
    'abandoned boolean',
    'short_abandon boolean',
    'abandoned_while varchar',
  ])
    await db.run(`alter table calls add column ${c}`);
  for (const c of ['entry_wait_ms', 'answer_wait_ms', 'abandon_wait_ms'])
    await db.run(`alter table calls add column ${c} bigint`);
};
const numbers = (r: Record<string, unknown>[]) =>
  r.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
  );

describe("CTR-only calls in the dashboard's topic views (the review: each abandon counted as topic 'none')", () => {
  it("the topic views leave them out, the day's overview counts them, and calls_day's summaries give the same rows as the views over calls", async () => {
    // Prepare: a recorded call with a topic, one with none, a CTR-only call, a row written before has_recording
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const rows = async (sql: string) =>
      (await db.runAndReadAll(`select * from (${sql}) order by all`)).getRowObjectsJS();
    await db.run(CALLS);
    await db.run(ROWS);
    await addQueueColumns(db);
    await db.run(`create table cube as ${CALLS_DAY.sql('calls')}`);
    const views = Object.fromEntries(dashboardViewSql().map((v) => [v.name, v.sql]));
    const summed = aggregateViewSql('cube', 'roles');
    // Act
    const plain = Object.fromEntries(
      await Promise.all(
        [...TOPIC_VIEWS, 'daily_overview'].map(async (v) => [v, await rows(views[v]!)] as const),
      ),
    );
    const fromSummaries = Object.fromEntries(
      await Promise.all(
        [...TOPIC_VIEWS, 'daily_overview'].map(async (v) => [v, await rows(summed[v]!)] as const),
      ),
    );
    // Assess
    expect(plain.topic_stats!.map((r) => [r.topic, Number(r.calls)])).toEqual([
      ['billing', 1],
      ['none', 1],
      ['payments', 1],
    ]);
    expect(
      plain.daily_topic_mix!.filter((r) => r.dt === '2026-03-02').map((r) => [r.topic, r.share]),
    ).toEqual([
      ['billing', 0.5],
      ['none', 0.5],
    ]);
    expect(plain.daily_overview!.map((r) => [r.dt, Number(r.calls)])).toEqual([
      ['2026-03-02', 3],
      ['2026-03-03', 1],
    ]);
    for (const view of [...TOPIC_VIEWS, 'daily_overview'])
      expect(numbers(fromSummaries[view]!), view).toEqual(numbers(plain[view]!));
  });

  it('rows merged before ctr merge 1.6.0 (queue columns null): offered, answered, abandons and the abandon rate are null (unknown), not 0, in the views, their summaries and the kpis; queue_stats.avg_queue_s falls back to queue_ms; with new rows beside them the figures are over the new rows', async () => {
    // Prepare: the same four rows, every one written before 1.6.0
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const rows = async (sql: string) =>
      numbers((await db.runAndReadAll(`select * from (${sql}) order by all`)).getRowObjectsJS());
    await db.run(CALLS);
    await db.run(ROWS);
    await addQueueColumns(db);
    const views = Object.fromEntries(dashboardViewSql().map((v) => [v.name, v.sql]));
    const summed = aggregateViewSql('cube', 'roles');
    const read = async () => {
      await db.run('drop table if exists cube');
      await db.run(`create table cube as ${CALLS_DAY.sql('calls')}`);
      const plain: Record<string, Record<string, unknown>[]> = { kpis: await rows(KPI_SQL) };
      const fromSummaries: Record<string, Record<string, unknown>[]> = { kpis: await rows(summed.kpis!) };
      for (const v of QUEUE_VIEWS) {
        plain[v] = await rows(views[v]!);
        fromSummaries[v] = await rows(summed[v]!);
      }
      return { plain, fromSummaries };
    };
    const FIGURES = [
      'queue_figures_calls',
      'offered',
      'answered_from_entry_queue',
      'abandoned_calls',
      'short_abandons',
      'abandoned_ringing',
      'abandon_rate',
      'abandon_rate_excl_short',
      'asa_s',
    ] as const;
    const pick = (r: Record<string, unknown>, keys: readonly string[]) =>
      Object.fromEntries(keys.map((k) => [k, r[k]]));
    const UNKNOWN = {
      queue_figures_calls: 0,
      offered: null,
      answered_from_entry_queue: null,
      abandoned_calls: null,
      short_abandons: null,
      abandoned_ringing: null,
      abandon_rate: null,
      abandon_rate_excl_short: null,
      asa_s: null,
    };

    // Act
    const old = await read();

    // Assess: nothing known, so nothing counted; the summaries say the same
    expect(old.plain.daily_overview!.map((r) => pick(r, ['dt', ...FIGURES]))).toEqual([
      { dt: '2026-03-02', ...UNKNOWN },
      { dt: '2026-03-03', ...UNKNOWN },
    ]);
    expect(old.plain.queue_stats!.map((r) => pick(r, ['queue', 'avg_queue_s', ...FIGURES]))).toEqual([
      // The entry queue's wait unknown: queue_ms of the calls that queued, as before 1.6.0 ((60 + 181) / 2)
      { queue: 'Billing', avg_queue_s: 120.5, ...UNKNOWN },
    ]);
    expect(
      old.plain.queue_daily_totals!.map((r) =>
        pick(r, ['dt', 'queue', 'total_entry_wait_s', 'entry_wait_calls', 'offered', 'long_offered']),
      ),
    ).toEqual([
      {
        dt: '2026-03-02',
        queue: 'Billing',
        total_entry_wait_s: 241,
        entry_wait_calls: 2,
        offered: null,
        long_offered: null,
      },
    ]);
    expect(old.plain.kpis).toEqual([
      expect.objectContaining({
        calls: 4,
        offered: null,
        abandoned_calls: null,
        abandon_rate: null,
        asa_s: null,
      }),
    ]);
    for (const view of [...QUEUE_VIEWS, 'kpis'])
      expect(old.fromSummaries[view], view).toEqual(old.plain[view]);

    // Act: a call merged by 1.6.0 beside them, abandoned in Billing after 30 s
    await db.run(`insert into calls (dt, entry_queue_name, entry_queue, ctr_status, has_recording, status, duration_ms,
      queue_ms, ivr_ms, transfers, offered, abandoned, entry_wait_ms, abandon_wait_ms, short_abandon, abandoned_while)
      values ('2026-03-02', 'Billing', 'q-billing', 'matched', false, 'processed', 50000, 30000, 20000, 0,
      true, true, 30000, 30000, false, 'queue')`);
    const mixed = await read();

    // Assess: the day's and the queue's figures are over the one call that knows them
    const known = {
      queue_figures_calls: 1,
      offered: 1,
      answered_from_entry_queue: 0,
      abandoned_calls: 1,
      short_abandons: 0,
      abandoned_ringing: 0,
      abandon_rate: 1,
      abandon_rate_excl_short: 1,
      asa_s: null,
    };
    expect(mixed.plain.daily_overview!.map((r) => pick(r, ['dt', ...FIGURES]))).toEqual([
      { dt: '2026-03-02', ...known },
      { dt: '2026-03-03', ...UNKNOWN },
    ]);
    expect(mixed.plain.queue_stats!.map((r) => pick(r, ['queue', 'avg_queue_s', ...FIGURES]))).toEqual([
      { queue: 'Billing', avg_queue_s: (60 + 181 + 30) / 3, ...known },
    ]);
    expect(mixed.plain.kpis).toEqual([
      expect.objectContaining({ calls: 5, offered: 1, abandoned_calls: 1, abandon_rate: 1 }),
    ]);
    for (const view of [...QUEUE_VIEWS, 'kpis'])
      expect(numbers(mixed.fromSummaries[view]!), view).toEqual(mixed.plain[view]);
  });
});
