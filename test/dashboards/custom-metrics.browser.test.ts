/**
 * Custom metrics (a post-processor's customMetrics, the lake's call_metrics) in the workbench and
 * the QuickSight definition: the dashboard's panel (per metric calls, mean, min, max, and a chart)
 * under the page's filters, a rerun's metrics replacing the earlier run's, the call page's metrics
 * and what a post-processors-only rerun ran and kept. The real pipeline (runDrop over generated
 * calls, Parquet, DuckDB), the real server and headless Chromium.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { startWorkbench, type WorkbenchServer } from '../../adapters/local/workbench-server.js';
import { runDrop } from '../../cli/commands/run.js';
import type { PostProcessor } from '../../core/post-processor.js';
import { type Filters, withFilters } from '../../dashboards/filters.js';
import { quicksightDefinition, summaryId } from '../../dashboards/quicksight-definition.js';
import { summaryRows } from '../../dashboards/render-html.js';
import { dashboardViewSql } from '../../dashboards/view-files.js';
import { type ChartVisual, visuals } from '../../dashboards/visuals.js';
import { dashboardData, type Query, type Row } from '../../dashboards/workbench-queries.js';
import { launchChromium } from '../helpers/browser.js';
import { REPO, tempDir } from '../helpers/paths.js';
import { textSink } from '../helpers/text-sink.js';
import { writeWorkbenchDrop } from './workbench-lake.js';

const ARTIFACTS = join(REPO, 'test-artifacts', 'workbench');
const PANEL = visuals.find((v) => v.id === 'custom-metrics') as ChartVisual;

/** v1 sets the turn count and the customer's share of the turns; v2 ten times the count and the agent's turns (the share gone). */
const metrics = (version: '1' | '2'): PostProcessor => ({
  name: 'metrics',
  version,
  process: (doc) => {
    const turns = doc.turns.length;
    const customer = doc.turns.filter((t) => t.role === 'CUSTOMER').length;
    const agent = doc.turns.filter((t) => t.role === 'AGENT').length;
    return {
      ...doc,
      customMetrics:
        version === '1'
          ? { ...doc.customMetrics, turns, ...(turns > 0 ? { customer_turn_share: customer / turns } : {}) }
          : { ...doc.customMetrics, turns: turns * 10, agent_turns: agent },
    };
  },
});

let drop: string;
let home: string;
let server: WorkbenchServer;
let browser: Browser;

const run = async (
  postProcessors: PostProcessor[],
  more: { reprocess?: true; from?: 'PostProcess' } = {},
) => {
  const summary = await runDrop({
    dir: drop,
    home,
    postProcessors,
    report: false,
    ...more,
    out: textSink().stream,
    err: textSink().stream,
  });
  expect(summary.calls.every((c) => c.outcome === 'succeeded')).toBe(true);
  return summary;
};

/** Runs `fn` over a fresh read of the lake (as each request of the server does). */
const withQuery = async <T>(fn: (query: Query) => Promise<T>): Promise<T> => {
  const db = await DuckDbLake.open(join(home, 'lake'));
  try {
    return await fn((sql, params) => db.query(sql, params));
  } finally {
    db.close();
  }
};

const text = async (path: string): Promise<string> => {
  const res = await fetch(new URL(path, server.url));
  expect(res.status).toBe(200);
  return res.text();
};

/**
 * What the panel must say per metric under `filters`, from the calls themselves (their
 * turn_count, not call_metrics): v2's `turns` is ten times each call's turns; every call has it.
 */
const expectedTurns = async (query: Query, filters: Filters) => {
  const calls = withFilters('select turn_count from calls', filters);
  const counts = (await query(calls.sql, calls.params)).map((r) => 10 * Number(r.turn_count));
  return {
    calls: counts.length,
    mean: counts.reduce((a, b) => a + b, 0) / counts.length,
    min: Math.min(...counts),
    max: Math.max(...counts),
  };
};

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Generated calls over four days, several a day (a mean of daily means is not the range's mean)
  drop = tempDir('metrics-ui-drop');
  writeWorkbenchDrop(drop, 12);
  home = join(tempDir('metrics-ui'), 'home');
  // Prepare: the samples landed without post-processors (no metrics yet)
  await run([]);
  server = await startWorkbench(home, 0);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('custom metrics in the workbench and the QuickSight definition', () => {
  it('a lake no post-processor wrote metrics to: the panel is one line saying so, the call page says none', async () => {
    // Act
    const dashboard = await text('/');
    const [id] = await withQuery(async (q) =>
      (await q('select call_id from calls order by call_id')).map((r) => String(r.call_id)),
    );
    const call = await text(`/calls/${id}`);
    // Assess
    expect(dashboard).toContain('id="custom-metrics-none"');
    expect(dashboard).toContain('No post-processor has written metrics');
    expect(dashboard).not.toContain('id="custom-metrics-summary"');
    expect(call).toContain('<p class="empty" id="call-metrics">none');
    expect(call).not.toContain('id="post-process-only"');
  });

  it('a full run with a post-processor, then a --from post-process rerun of a new version: the panel shows the rerun metrics only, never both runs', async () => {
    // Act: v1 in full, then v2 through PostProcess alone
    await run([metrics('1')], { reprocess: true });
    const afterFull = await withQuery(async (q) => {
      const data = await dashboardData(q, {}, 'now');
      return summaryRows(PANEL, data.views.metric_daily ?? []).map((r) => r.name);
    });
    const pageAfterFull = await text(
      `/calls/${(await withQuery((q) => q('select call_id from calls limit 1')))[0]?.call_id}`,
    );
    const rerun = await run([metrics('2')], { reprocess: true, from: 'PostProcess' });
    // Assess: the rerun ran PostProcess alone on every call
    expect(rerun.calls.every((c) => !c.statesRun?.includes('LoadCall'))).toBe(true);
    expect(afterFull).toEqual(['customer_turn_share', 'turns']);
    expect(pageAfterFull).not.toContain('id="post-process-only"');
    await withQuery(async (q) => {
      // Both runs' rows are stored (nothing compacted yet): the view must pick the rerun's
      const [raw] = await q("select count(*) as n from raw_call_metrics where name = 'turns'");
      const [calls] = await q('select count(*) as n from calls');
      expect(Number(raw?.n)).toBe(2 * Number(calls?.n));
      const data = await dashboardData(q, {}, 'now');
      const rows = summaryRows(PANEL, data.views.metric_daily ?? []);
      expect(rows.map((r) => r.name)).toEqual(['agent_turns', 'turns']);
      const turns = rows.find((r) => r.name === 'turns')!;
      const want = await expectedTurns(q, {});
      expect(turns.calls).toBe(want.calls);
      expect(Number(turns.mean_value)).toBeCloseTo(want.mean, 9);
      expect(turns.min_value).toBe(want.min);
      expect(turns.max_value).toBe(want.max);
      expect(data.emptyTables).toEqual([]);
    });
  }, 240_000);

  it('the dashboard in the browser: the panel per metric (calls, mean, min, max) and its chart, under the page filters, a point listing its calls', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    try {
      const figures = async () =>
        Object.fromEntries(
          await page.locator('#custom-metrics-summary tbody tr').evaluateAll((trs) =>
            trs.map((tr) => {
              const cells = [...tr.querySelectorAll('td')];
              return [
                cells[0]?.textContent ?? '',
                cells.slice(1).map((td) => Number(td.getAttribute('title'))),
              ] as const;
            }),
          ),
        ) as Record<string, number[]>;
      // Act: every call
      await page.goto(server.url);
      const all = await figures();
      const wantAll = await withQuery((q) => expectedTurns(q, {}));
      // Assess
      expect(Object.keys(all)).toEqual(['agent_turns', 'turns']);
      const [calls, mean, min, max] = all.turns!;
      expect([calls, min, max]).toEqual([wantAll.calls, wantAll.min, wantAll.max]);
      expect(mean).toBeCloseTo(wantAll.mean, 9);
      const legend = await page.locator('#custom-metrics svg').textContent();
      expect(legend).toContain('turns');
      expect(legend).toContain('agent_turns');
      await page.locator('#custom-metrics').screenshot({ path: join(ARTIFACTS, 'custom-metrics-panel.png') });
      // Act: a topic picked in the filter bar, as an analyst does
      const topic = await withQuery(async (q) =>
        String(
          (
            await q(
              "select coalesce(primary_topic, 'none') as t, count(*) as n from calls group by 1 order by n, t limit 1",
            )
          )[0]?.t,
        ),
      );
      await page.selectOption('select[name="topic"]', topic);
      await Promise.all([page.waitForURL(/topic=/), page.click('form.filters button[type="submit"]')]);
      const byTopic = await figures();
      const wantTopic = await withQuery((q) => expectedTurns(q, { topic }));
      // Assess: the panel counts that topic's calls alone
      expect(wantTopic.calls).toBeLessThan(wantAll.calls);
      expect(byTopic.turns?.[0]).toBe(wantTopic.calls);
      expect(byTopic.turns?.[1]).toBeCloseTo(wantTopic.mean, 9);
      expect([byTopic.turns?.[2], byTopic.turns?.[3]]).toEqual([wantTopic.min, wantTopic.max]);
      // Act: a point of the chart lists its day's calls (under the topic filter)
      await Promise.all([
        page.waitForURL(/\/calls\?/),
        page.locator('#custom-metrics svg [ecmeta_data_index]').first().click(),
      ]);
      // Assess
      expect(new URL(page.url()).searchParams.get('topic')).toBe(topic);
      expect(new URL(page.url()).searchParams.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('a day and an agent filter apply to the panel as to every other visual', async () => {
    await withQuery(async (q) => {
      const [day] = await q('select dt, count(*) as n from calls group by dt order by n desc, dt limit 1');
      const [agent] = await q('select agent_id from call_agents order by agent_id limit 1');
      for (const filters of [
        { from: String(day?.dt), to: String(day?.dt) },
        { agent: String(agent?.agent_id) },
      ] as Filters[]) {
        const data = await dashboardData(q, filters, 'now');
        const turns = summaryRows(PANEL, data.views.metric_daily ?? []).find((r) => r.name === 'turns');
        const want = await expectedTurns(q, filters);
        expect(turns?.calls, JSON.stringify(filters)).toBe(want.calls);
        expect(Number(turns?.mean_value)).toBeCloseTo(want.mean, 9);
        expect(Number(data.kpis.calls)).toBe(want.calls);
      }
    });
  });

  it('the call page: its metrics, and that its latest run was post-processors only (what ran, what was kept)', async () => {
    const [call] = await withQuery((q) =>
      q('select call_id, turn_count from calls order by call_id limit 1'),
    );
    const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    try {
      // Act
      await page.goto(new URL(`/calls/${encodeURIComponent(String(call?.call_id))}`, server.url).href);
      // Assess: the rerun's metrics (v2), not v1's share
      const metricRows = await page
        .locator('#call-metrics tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
      expect(metricRows.map((r) => r[0])).toEqual(['agent_turns', 'turns']);
      expect(metricRows.find((r) => r[0] === 'turns')?.[1]).toBe(String(10 * Number(call?.turn_count)));
      expect(await page.locator('#call-facts').textContent()).toContain(
        'post-processors only (--from post-process)',
      );
      const note = (await page.locator('#post-process-only').textContent()) ?? '';
      expect(note).toContain('Ran: PostProcess (metrics 2) and WriteResults');
      expect(note).toMatch(/Kept from the earlier run: [^.]*\btopics\b/);
      expect(note).not.toMatch(/Kept from the earlier run: [^.]*post:/);
      expect(note).toContain('LoadCall, MergeCtr, RedactPii and the enrichment did not run');
      await page.click('#call-facts a[href="#post-process-only"]');
      await page.screenshot({ path: join(ARTIFACTS, 'custom-metrics-call.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it("QuickSight's summary table under a date range gives the local panel's figures (its definition computed by DuckDB)", async () => {
    const def = quicksightDefinition((view) => `arn:${view}`);
    const table = def.Sheets[0]!.Visuals.find(
      (v) => v.TableVisual?.VisualId === summaryId(PANEL),
    )?.TableVisual;
    const wells = table?.ChartConfiguration?.FieldWells?.TableAggregatedFieldWells;
    expect(wells?.GroupBy?.[0]?.CategoricalDimensionField?.Column?.ColumnName).toBe('name');
    // Each measure as SQL: SUM/MIN/MAX of a column, or a calculated field (ifelse(a > 0, b / a, NULL)).
    const measures = (wells?.Values ?? []).map((m) => {
      const f = m.NumericalMeasureField!;
      const column = f.Column!.ColumnName!;
      const agg = f.AggregationFunction?.SimpleNumericalAggregation;
      const fn = agg && { SUM: 'sum', MIN: 'min', MAX: 'max', AVERAGE: 'avg' }[agg as string];
      if (agg) return `${fn ?? agg}(${column}) as ${f.FieldId!.split('.').at(-1)}`;
      const expression = def.CalculatedFields.find((c) => c.Name === column)!.Expression!;
      const [, test, value] = /^ifelse\((.*) > 0, (.*), NULL\)$/.exec(expression)!;
      return `case when ${test} > 0 then ${value} end as ${f.FieldId!.split('.').at(-1)}`.replace(
        /[{}]/g,
        '',
      );
    });
    expect(measures).toHaveLength(4);
    await withQuery(async (q) => {
      const days = (await q('select distinct dt from metric_daily order by dt')).map((r) => String(r.dt));
      const [from, to] = [days[0]!, days.at(-2) ?? days[0]!];
      const got = await q(
        `select name, ${measures.join(', ')} from metric_daily where dt >= ? and dt <= ? group by name order by name`,
        [from, to],
      );
      const local = withFilters(dashboardViewSql().find((v) => v.name === 'metric_daily')!.sql, { from, to });
      const rows = await q(local.sql, local.params);
      const want = summaryRows(PANEL, rows);
      // A mean of the days' means would differ (so the comparison can fail)
      const turns = rows.filter((r) => r.name === 'turns');
      const meanOfDays = turns.reduce((sum, r) => sum + Number(r.mean_value), 0) / turns.length;
      expect(Math.abs(meanOfDays - Number(want.find((r) => r.name === 'turns')?.mean_value))).toBeGreaterThan(
        0.01,
      );
      expect(got.map((r) => r.name)).toEqual(want.map((r) => r.name));
      for (const [i, r] of got.entries())
        for (const c of ['calls', 'mean_value', 'min_value', 'max_value'])
          expect(Number(r[c]), `${r.name} ${c}`).toBeCloseTo(Number((want[i] as Row)[c]), 9);
    });
  });
});
