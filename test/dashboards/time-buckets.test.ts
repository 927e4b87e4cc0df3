import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartLayout, renderDashboardHtml, timeBuckets, timeSpan } from '../../dashboards/render-html.js';
import { type ChartVisual, visuals } from '../../dashboards/visuals.js';
import type { Row } from '../../dashboards/workbench-queries.js';
import { launchChromium } from '../helpers/browser.js';
import { noFilterChoices } from '../helpers/filter-choices.js';
import { REPO } from '../helpers/paths.js';

const chart = (id: string) => visuals.find((v) => v.id === id) as ChartVisual;

/** A new user's trial: one call on 2025-02-19, then a few busy days in November 2026 (topic_daily rows). */
const TRIAL_DAYS = ['2026-11-12', '2026-11-13', '2026-11-20', '2026-11-23', '2026-11-24', '2026-11-30'];
const trialTopics: Row[] = [
  { dt: '2025-02-19', topic: 'billing', calls: 1 },
  ...TRIAL_DAYS.flatMap((dt, i) => [
    { dt, topic: 'billing', calls: 1 + i },
    { dt, topic: 'cancellation', calls: 2 },
  ]),
];
/** Each day's queue wait differs and so does its number of calls: a mean of daily averages is wrong. */
const trialDaily: Row[] = [
  {
    dt: '2025-02-19',
    calls: 1,
    calls_with_toxicity: 0,
    toxic_turns: 0,
    avg_queue_s: 12,
    total_queue_s: 12,
    queue_calls: 1,
  },
  ...TRIAL_DAYS.map((dt, i) => ({
    dt,
    calls: 3 + i,
    calls_with_toxicity: 1,
    toxic_turns: 2,
    avg_queue_s: 10 * (i + 1),
    total_queue_s: 10 * (i + 1) * (3 + i),
    queue_calls: 3 + i,
  })),
  // A day whose calls had no conversation record: no queue time, so no average.
  {
    dt: '2026-11-26',
    calls: 2,
    calls_with_toxicity: 0,
    toxic_turns: 0,
    avg_queue_s: null,
    total_queue_s: null,
    queue_calls: 0,
  },
];
/** role_daily: the talk (minutes) and the turns of each role per day. */
const trialRoles: Row[] = [
  { dt: '2025-02-19', role: 'AGENT', talk_min: 2, turns: 10, net_turns: 4 },
  { dt: '2025-02-19', role: 'CUSTOMER', talk_min: 6, turns: 10, net_turns: -2 },
  ...TRIAL_DAYS.flatMap((dt, i) => [
    { dt, role: 'AGENT', talk_min: 10 + i, turns: 20 + i, net_turns: i },
    { dt, role: 'CUSTOMER', talk_min: 5 * (i + 1), turns: 30, net_turns: -i },
    ...(i === 2 ? [{ dt, role: 'IVR', talk_min: 3, turns: 4, net_turns: 0 }] : []),
  ]),
].map((r) => ({ ...r, talk_share: null, net_sentiment: null }));

describe('time-series charts over a long range', () => {
  it('a count line split by series (call categories per day) draws 0 on a day the series did not match, not a gap (trial18)', () => {
    const rows = [
      { dt: '2026-03-02', category: 'transfer', calls: 5 },
      { dt: '2026-03-03', category: 'callback-requested', calls: 1 },
      { dt: '2026-03-05', category: 'transfer', calls: 2 },
    ];
    const layout = chartLayout(chart('categories-per-day'), rows);
    expect(layout.categories).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']);
    // 2026-03-04 had no call at all: still 0 matches, as "Calls per day" draws a day without calls.
    expect(layout.series.map((s) => [s.name, ...s.data])).toEqual([
      ['callback-requested', 0, 1, 0, 0],
      ['transfer', 5, 0, 0, 2],
    ]);
    // A stacked bar keeps no zero-height segment to click: the topic mix leaves the day empty.
    const mix = chartLayout(chart('topic-mix-per-day'), [
      { dt: '2026-03-02', topic: 'billing', calls: 1 },
      { dt: '2026-03-03', topic: 'claims', calls: 1 },
    ]);
    expect(mix.series.map((s) => [s.name, ...s.data])).toEqual([
      ['billing', 1, '-'],
      ['claims', '-', 1],
    ]);
  });

  it('a count chart over 650 days draws months (2025-02 … 2026-11), each the sum of its days; its title says so', () => {
    const { visual, rows, bucket, days } = timeBuckets(chart('topic-mix-per-day'), trialTopics);
    expect([bucket, days]).toEqual(['month', 650]);
    expect(visual.title).toBe('Topic mix per month');
    expect(rows).toEqual([
      { month: '2025-02', dt_from: '2025-02-01', dt_to: '2025-02-28', topic: 'billing', calls: 1 },
      { month: '2026-11', dt_from: '2026-11-01', dt_to: '2026-11-30', topic: 'billing', calls: 21 },
      { month: '2026-11', dt_from: '2026-11-01', dt_to: '2026-11-30', topic: 'cancellation', calls: 12 },
    ]);
    const layout = chartLayout(visual, rows);
    // 22 slots (every month, empty ones kept in place) instead of 650 one-pixel days.
    expect(layout.categories).toHaveLength(22);
    expect([layout.categories[0], layout.categories[12], layout.categories.at(-1)]).toEqual([
      '2025-02',
      '2026-02',
      '2026-11',
    ]);
    expect(layout.series.map((s) => [s.name, s.data[0], s.data[21]])).toEqual([
      ['billing', 1, 21],
      ['cancellation', '-', 12],
    ]);
  });

  it('up to a year: weeks named by their Monday; up to 62 days: days, as before', () => {
    const year = [
      { dt: '2025-12-03', topic: 'billing', calls: 2 }, // a Wednesday: week of Monday 2025-12-01
      { dt: '2025-12-07', topic: 'billing', calls: 3 }, // the Sunday of the same week
      { dt: '2026-11-30', topic: 'billing', calls: 1 }, // a Monday
    ];
    const weeks = timeBuckets(chart('topic-mix-per-day'), year);
    expect([weeks.bucket, weeks.visual.title]).toEqual(['week', 'Topic mix per week']);
    expect(weeks.rows.map((r) => [r.week, r.dt_to, r.calls])).toEqual([
      ['2025-12-01', '2025-12-07', 5],
      ['2026-11-30', '2026-12-06', 1],
    ]);
    const layout = chartLayout(weeks.visual, weeks.rows);
    expect(layout.categories).toHaveLength(53);
    expect(layout.categories[1]).toBe('2025-12-08');
    const month = timeBuckets(chart('topic-mix-per-day'), year.slice(0, 2));
    expect([month.bucket, month.rows]).toEqual(['day', year.slice(0, 2)]);
  });

  it('averages and shares follow the range too, each bucket the weighted figure of its days, never a mean of daily figures', () => {
    const queue = timeBuckets(chart('queue-per-day'), trialDaily);
    expect([queue.bucket, queue.visual.title]).toEqual(['month', 'Average queue wait per month']);
    // November 2026: 1,330 s of queue over 33 calls with a queue time (the daily averages' mean is 35).
    expect(queue.rows.map((r) => [r.month, r.avg_queue_s, r.total_queue_s, r.queue_calls])).toEqual([
      ['2025-02', 12, 12, 1],
      ['2026-11', 1330 / 33, 1330, 33],
    ]);
    const share = timeBuckets(chart('talk-share-by-role-per-day'), trialRoles);
    expect(share.visual.title).toBe('Share of the talk per month: customer, agents, IVR');
    // November: agents 75 min, customer 105, IVR 3 of 183 minutes.
    expect(share.rows.map((r) => [r.month, r.role, r.talk_share])).toEqual([
      ['2025-02', 'AGENT', 2 / 8],
      ['2025-02', 'CUSTOMER', 6 / 8],
      ['2026-11', 'AGENT', 75 / 183],
      ['2026-11', 'CUSTOMER', 105 / 183],
      ['2026-11', 'IVR', 3 / 183],
    ]);
    const sentiment = timeBuckets(chart('sentiment-by-role-per-day'), trialRoles);
    expect(sentiment.rows.map((r) => [r.month, r.role, r.net_sentiment])).toEqual([
      ['2025-02', 'AGENT', 4 / 10],
      ['2025-02', 'CUSTOMER', -2 / 10],
      ['2026-11', 'AGENT', 15 / 135],
      ['2026-11', 'CUSTOMER', -15 / 180],
      ['2026-11', 'IVR', 0],
    ]);
    const toxicity = timeBuckets(chart('toxicity-per-day'), trialDaily);
    expect(toxicity.visual.title).toBe('Toxicity over time (per month)');
    expect(toxicity.rows.map((r) => [r.month, r.calls_with_toxicity, r.toxic_turns])).toEqual([
      ['2025-02', 0, 0],
      ['2026-11', 6, 12],
    ]);
    expect(timeBuckets(chart('calls-per-day'), trialDaily).visual.title).toBe('Calls per month');
  });

  it('every chart over days says how its values make a week (so none is left drawing days beside weeks)', () => {
    const overDays = visuals.filter((v): v is ChartVisual => v.kind !== 'table' && v.category === 'dt');
    expect(overDays.length).toBeGreaterThanOrEqual(7);
    for (const v of overDays)
      expect(Object.keys(v.overTime ?? {}).sort(), v.id).toEqual([...v.values].sort());
  });

  it('the bucket follows the dates filtered (from, to), else the calls: one bucket for the whole page', () => {
    // Calls on ten days, a filter of 100: weeks, each bar's calls within the filter's dates.
    const days = ['2026-03-04', '2026-03-13'];
    expect(timeSpan(days)).toMatchObject({ bucket: 'day', days: 10, filtered: false });
    const span = timeSpan(days, { from: '2026-03-04', to: '2026-06-11' });
    expect(span).toEqual({ from: '2026-03-04', to: '2026-06-11', days: 100, bucket: 'week', filtered: true });
    expect(timeSpan(days, { from: '2025-06-01' })).toMatchObject({ to: '2026-03-13', bucket: 'week' });
    const rows = days.map((dt) => ({ dt, calls: 2, total_queue_s: 50, queue_calls: 2, avg_queue_s: 25 }));
    const queue = timeBuckets(chart('queue-per-day'), rows, span);
    // 2026-03-04 is a Wednesday: its week starts on Monday 2026-03-02, its calls from the 4th.
    expect(queue.rows.map((r) => [r.week, r.dt_from, r.dt_to, r.avg_queue_s])).toEqual([
      ['2026-03-02', '2026-03-04', '2026-03-08', 25],
      ['2026-03-09', '2026-03-09', '2026-03-15', 25],
    ]);
    const html = renderDashboardHtml(
      {
        views: { daily_overview: rows, role_daily: trialRoles.filter((r) => days.includes(String(r.dt))) },
        kpis: { calls: 4 },
        quarantined: 0,
        recentCalls: [],
        generatedAt: 'now',
        filters: { from: '2026-03-04', to: '2026-06-11' },
      },
      { served: { choices: noFilterChoices } },
    );
    const titles = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
    for (const title of ['Calls per week', 'Average queue wait per week', 'Toxicity over time (per week)'])
      expect(titles).toContain(title);
    expect(html).toContain(
      'Per week (Monday to Sunday, named by its Monday): the dates 2026-03-04 to 2026-06-11 span 100 days.',
    );
    expect(html).toContain('href="/calls?from=2026-03-04&amp;to=2026-03-08"');
  });

  it('two measures on one line chart stay apart when equal: the second is dashed (trial18: a toxic turn per toxic call hid the calls line)', () => {
    const days = ['2026-03-02', '2026-03-03', '2026-03-04'];
    const html = renderDashboardHtml(
      {
        views: {
          daily_overview: days.map((dt, i) => ({ dt, calls: 3, calls_with_toxicity: i, toxic_turns: i })),
        },
        kpis: { calls: 9 },
        quarantined: 0,
        recentCalls: [],
        generatedAt: 'now',
        filters: {},
      },
      { served: { choices: noFilterChoices } },
    );
    const card = (id: string) =>
      html.slice(html.indexOf(`id="${id}"`), html.indexOf('</section>', html.indexOf(`id="${id}"`)));
    // The two lines: one solid, one dashed; a one-measure line stays solid.
    const lines = [
      ...card('toxicity-per-day').matchAll(/<path d="M[^"]*"[^>]*stroke-linejoin="bevel"[^>]*>/g),
    ].map((m) => m[0]);
    expect(lines).toHaveLength(2);
    expect(lines.filter((l) => l.includes('stroke-dasharray'))).toHaveLength(1);
    expect(card('calls-per-day')).not.toContain('stroke-dasharray');
  });

  it("a month's bar lists that month's calls (from its first to its last day), the data table names the month", () => {
    const html = renderDashboardHtml(
      {
        views: { topic_daily: trialTopics, daily_overview: trialDaily },
        kpis: { calls: 34 },
        quarantined: 0,
        recentCalls: [],
        generatedAt: 'now',
        filters: {},
      },
      { served: { choices: noFilterChoices } },
    );
    const card = html.slice(
      html.indexOf('id="topic-mix-per-day"'),
      html.indexOf('</section>', html.indexOf('id="topic-mix-per-day"')),
    );
    expect(card).toContain('<h2>Topic mix per month</h2>');
    expect(card).toContain('Per month: the calls span 650 days. Narrow the dates');
    expect(card).toContain('<th>month</th>');
    expect(card).toContain('href="/calls?from=2026-11-01&amp;to=2026-11-30&amp;topic=cancellation"');
  });

  it('in a browser, the bars of the trial lake are readable (≥ 5 px wide) and the day labels do not overlap', async () => {
    const html = renderDashboardHtml({
      views: { topic_daily: trialTopics, daily_overview: trialDaily },
      kpis: { calls: 34 },
      quarantined: 0,
      recentCalls: [],
      generatedAt: 'now',
      filters: {},
    });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.setContent(html);
      const card = page.locator('#topic-mix-per-day');
      const artifacts = join(REPO, 'test-artifacts', 'workbench');
      mkdirSync(artifacts, { recursive: true });
      await card.screenshot({ path: join(artifacts, 'topic-mix-long-range.png') });
      const bars = await card
        .locator('svg path[ecmeta_ssr_type="chart"]')
        .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
      expect(bars).toHaveLength(3);
      for (const width of bars) expect(width).toBeGreaterThanOrEqual(5);
      // The category axis' labels, left to right: none overlaps the next.
      const labels = await card.locator('svg text').evaluateAll((els) =>
        els
          .filter((e) => /^\d{4}-\d{2}(-\d{2})?$/.test(e.textContent ?? ''))
          .map((e) => e.getBoundingClientRect())
          .map((r) => [r.left, r.right]),
      );
      expect(labels.length).toBeGreaterThan(2);
      for (let i = 1; i < labels.length; i++) expect(labels[i]![0]).toBeGreaterThan(labels[i - 1]![1]!);
    } finally {
      await browser.close();
    }
  });
});
