import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { aggregateViewSql, CALLS_DAY } from '../../adapters/local/lake-aggregates.js';
import { dashboardViewSql } from '../../dashboards/view-files.js';

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

describe("CTR-only calls in the dashboard's topic views (the review: each abandon counted as topic 'none')", () => {
  it("the topic views leave them out, the day's overview counts them, and calls_day's summaries give the same rows as the views over calls", async () => {
    // Prepare: a recorded call with a topic, one with none, a CTR-only call, a row written before has_recording
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const rows = async (sql: string) =>
      (await db.runAndReadAll(`select * from (${sql}) order by all`)).getRowObjectsJS();
    await db.run(CALLS);
    await db.run(ROWS);
    // The entry queue's figures (queue_stats, daily_overview; their own test: queue-figures).
    for (const c of [
      'offered boolean',
      'abandoned boolean',
      'short_abandon boolean',
      'abandoned_while varchar',
    ])
      await db.run(`alter table calls add column ${c}`);
    for (const c of ['entry_wait_ms', 'answer_wait_ms'])
      await db.run(`alter table calls add column ${c} bigint`);
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
    const numbers = (r: Record<string, unknown>[]) =>
      r.map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
      );
    for (const view of [...TOPIC_VIEWS, 'daily_overview'])
      expect(numbers(fromSummaries[view]!), view).toEqual(numbers(plain[view]!));
  });
});
