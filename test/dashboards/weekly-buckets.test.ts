import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import type { Filters } from '../../dashboards/filters.js';
import { formatNumber } from '../../dashboards/page.js';
import { pageTimeSpan, timeBuckets } from '../../dashboards/render-html.js';
import { type ChartVisual, visuals } from '../../dashboards/visuals.js';
import { dashboardData, type Query } from '../../dashboards/workbench-queries.js';
import { generateLakeAtScale } from '../../generator/lake-scale.js';
import { launchChromium } from '../helpers/browser.js';
import { REPO, tempDir } from '../helpers/paths.js';

/**
 * Averages and shares over weeks, against the calls themselves: a generated lake of 700 calls
 * over 140 days (Wednesday 2026-01-07 to 2026-05-26), read by real DuckDB, unfiltered (the
 * dashboard views answered from the per-day summaries) and filtered (the views' SQL over the
 * filtered tables); each week's figure must be the weighted one of its calls, not a mean of days.
 */
const FIRST_DAY = '2026-01-07';
const DAYS = 140;

let home: string;
let db: DuckDbLake;
let query: Query;

const chart = (id: string) => visuals.find((v) => v.id === id) as ChartVisual;
const n = (v: unknown): number => Number(v ?? 0);

/** The Monday of a day's week (weeks run Monday to Sunday, named by their Monday). */
const mondayOf = (day: string): string => {
  const t = Date.parse(`${day}T00:00:00Z`);
  return new Date(t - ((new Date(t).getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
};

/** The exact figures per week from the rows of `calls` and `call_roles` between from and to. */
const exactWeeks = async (from = '0000', to = '9999') => {
  const calls = await query('select dt, queue_ms from calls where dt between ? and ?', [from, to]);
  const roles = await query(
    'select dt, role, talk_ms, turns, positive_turns, negative_turns from call_roles where dt between ? and ?',
    [from, to],
  );
  const queue = new Map<string, { sum: number; count: number }>();
  for (const c of calls) {
    const w = queue.get(mondayOf(String(c.dt))) ?? { sum: 0, count: 0 };
    // Calls that waited in a queue: a call that never queued (0) is no wait (daily_overview).
    if (c.queue_ms !== null && n(c.queue_ms) > 0) {
      w.sum += n(c.queue_ms);
      w.count += 1;
    }
    queue.set(mondayOf(String(c.dt)), w);
  }
  const talk = new Map<string, number>();
  const weekTalk = new Map<string, number>();
  const net = new Map<string, { net: number; turns: number }>();
  for (const r of roles) {
    const week = mondayOf(String(r.dt));
    const key = `${week} ${String(r.role)}`;
    talk.set(key, (talk.get(key) ?? 0) + n(r.talk_ms));
    weekTalk.set(week, (weekTalk.get(week) ?? 0) + n(r.talk_ms));
    const s = net.get(key) ?? { net: 0, turns: 0 };
    s.net += n(r.positive_turns) - n(r.negative_turns);
    s.turns += n(r.turns);
    net.set(key, s);
  }
  return {
    queue: new Map([...queue].map(([w, s]) => [w, s.count > 0 ? s.sum / 1000 / s.count : null])),
    talkShare: new Map([...talk].map(([k, t]) => [k, t / weekTalk.get(k.slice(0, 10))!])),
    netSentiment: new Map([...net].map(([k, s]) => [k, s.net / s.turns])),
  };
};

/** The page's weekly rows of a chart, and its daily rows (the view as it is). */
const weekly = async (id: string, filters: Filters) => {
  const data = await dashboardData(query, filters, 'now');
  const visual = chart(id);
  const daily = data.views[visual.view] ?? [];
  return { ...timeBuckets(visual, daily, pageTimeSpan(data)), daily };
};

const expectClose = (actual: unknown, expected: number | null | undefined, what: string) => {
  expect(expected, what).toBeDefined();
  if (expected === null) expect(actual, what).toBeNull();
  else expect(Number(actual), what).toBeCloseTo(expected!, 9);
};

beforeAll(async () => {
  home = tempDir('weekly-buckets');
  await generateLakeAtScale({ home, calls: 700, days: DAYS, firstDay: FIRST_DAY });
  db = await DuckDbLake.open(join(home, 'lake'));
  query = (sql, params) => db.query(sql, params);
}, 120_000);

afterAll(() => {
  db?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('averages and shares over weeks equal the weighted figures of the calls (real DuckDB)', () => {
  for (const [name, filters, from, to] of [
    ['unfiltered (per-day summaries)', {}, undefined, undefined],
    // 2026-05-01 is a Friday; the calls end on 2026-05-26: 26 days of calls, 123 days filtered.
    [
      'filtered to 2026-05-01 … 2026-08-31 (view SQL over filtered tables)',
      { from: '2026-05-01', to: '2026-08-31' },
      '2026-05-01',
      '2026-08-31',
    ],
  ] as const)
    it(name, async () => {
      const exact = await exactWeeks(from, to);
      const queue = await weekly('queue-per-day', filters);
      expect(queue.bucket).toBe('week');
      expect(queue.visual.title).toBe('Average queue wait per week');
      expect(queue.rows.map((r) => r.week)).toEqual([...exact.queue.keys()].sort());
      for (const r of queue.rows) expectClose(r.avg_queue_s, exact.queue.get(String(r.week)), String(r.week));
      // The weeks' own days disagree: a mean of the daily averages would miss in some week.
      const naive = queue.rows.filter((r) => {
        const days = queue.daily.filter((d) => mondayOf(String(d.dt)) === r.week && d.avg_queue_s !== null);
        const mean = days.reduce((s, d) => s + n(d.avg_queue_s), 0) / days.length;
        return Math.abs(mean - n(r.avg_queue_s)) > 1e-6;
      });
      expect(naive.length).toBeGreaterThan(0);

      const share = await weekly('talk-share-by-role-per-day', filters);
      expect([share.bucket, share.visual.title]).toEqual([
        'week',
        'Share of the talk per week: customer, agents, IVR',
      ]);
      expect(share.rows.map((r) => `${String(r.week)} ${String(r.role)}`).sort()).toEqual(
        [...exact.talkShare.keys()].sort(),
      );
      for (const r of share.rows) {
        const key = `${String(r.week)} ${String(r.role)}`;
        expectClose(r.talk_share, exact.talkShare.get(key), key);
      }
      const sentiment = await weekly('sentiment-by-role-per-day', filters);
      expect(sentiment.bucket).toBe('week');
      for (const r of sentiment.rows) {
        const key = `${String(r.week)} ${String(r.role)}`;
        expectClose(r.net_sentiment, exact.netSentiment.get(key), key);
      }
      expect(sentiment.rows).toHaveLength(exact.netSentiment.size);
      if (from) {
        // The first bar lists the calls from the filter's first day, not from its week's Monday.
        expect([queue.rows[0]?.week, queue.rows[0]?.dt_from, queue.rows[0]?.dt_to]).toEqual([
          '2026-04-27',
          '2026-05-01',
          '2026-05-03',
        ]);
      }
    });
});

describe('in a browser: the averages draw the same weeks as the counts', () => {
  let child: ChildProcess | undefined;
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
    child?.removeAllListeners('exit');
    child?.kill();
  });

  it('`debrief serve`: weekly points for the queue wait and the role shares, a point lists its week', async () => {
    const url = await new Promise<string>((resolve, reject) => {
      child = spawn('node', ['bin/debrief.mjs', 'serve', '--home', home, '--port', '0'], { cwd: REPO });
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /workbench: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      child.on('exit', (code) => reject(new Error(`debrief serve exited ${code}: ${out}`)));
    });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(url);
    const exact = await exactWeeks();
    const weeks = [...exact.queue.keys()].sort();
    expect(weeks.length).toBeGreaterThanOrEqual(20);
    const titles = await page.locator('section[data-visual] h2').allTextContents();
    for (const title of [
      'Calls per week',
      'Average queue wait per week',
      'Share of the talk per week: customer, agents, IVR',
      'Turn sentiment per week by role (positive minus negative turns, per turn)',
    ])
      expect(titles).toContain(title);
    // No chart is left per day (the drift table below lists days, as its view does).
    const charts = await page.locator('section[data-visual]:has(> svg) h2').allTextContents();
    expect(charts.length).toBeGreaterThan(10);
    expect(charts.filter((t) => /per day/.test(t))).toEqual([]);

    const card = page.locator('#queue-per-day');
    const artifacts = join(REPO, 'test-artifacts', 'workbench');
    mkdirSync(artifacts, { recursive: true });
    await card.screenshot({ path: join(artifacts, 'queue-per-week.png') });
    // One point per week, the axis naming the weeks by their Monday.
    const points = await card
      .locator('svg [ecmeta_data_index]')
      .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('ecmeta_data_index')))]);
    expect(points).toHaveLength(weeks.length);
    const labels = await card
      .locator('svg text')
      .evaluateAll((els) => els.map((e) => e.textContent ?? '').filter((t) => /^\d{4}-\d{2}-\d{2}$/.test(t)));
    expect(labels.length).toBeGreaterThan(2);
    for (const l of labels) expect(weeks, l).toContain(l);
    // The data under the chart: a row per week, the exact weighted wait (2 decimals as shown).
    const rows = await card
      .locator('table.rows tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );
    expect(rows.map((r) => [r[0], r[1]])).toEqual(
      weeks.map((w) => [w, exact.queue.get(w) === null ? 'n/a' : formatNumber(exact.queue.get(w), 2)]),
    );
    // The role share chart: the same weeks.
    const sharePoints = await page
      .locator('#talk-share-by-role-per-day svg [ecmeta_data_index]')
      .evaluateAll((els) => new Set(els.map((e) => e.getAttribute('ecmeta_data_index'))).size);
    expect(sharePoints).toBe(weeks.length);

    // A point lists the calls of its week.
    await card.locator('svg [ecmeta_data_index="1"]').first().click();
    await page.waitForURL(/\/calls\?/);
    expect(new URL(page.url()).search).toBe(`?from=${weeks[1]}&to=${sundayAfter(weeks[1]!)}`);
  }, 120_000);
});

const sundayAfter = (monday: string): string =>
  new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
