/**
 * Calls never recorded (CTR-only: a Genesys record alone, calls.has_recording false) in the
 * workbench and the dashboard (trial48): the topic filter agrees with the topic views (a call
 * never recorded is never topic 'none'), lists and call pages say what such a call is (not
 * recorded, abandoned in queue, ended in the IVR) and a filter and the search find them. The real
 * server over DuckDB, and headless Chromium.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { startWorkbench, type WorkbenchServer } from '../../adapters/local/workbench-server.js';
import { runDrop } from '../../cli/commands/run.js';
import { type Filters, filterQuery, parseFilters, withFilters } from '../../dashboards/filters.js';
import { renderDashboardHtml } from '../../dashboards/render-html.js';
import { KPI_SQL } from '../../dashboards/visuals.js';
import { dashboardData, type Query, searchCalls } from '../../dashboards/workbench-queries.js';
import { launchChromium } from '../helpers/browser.js';
import { REPO, tempDir } from '../helpers/paths.js';
import { showcaseTranscriptFolder } from '../helpers/samples.js';
import { textSink } from '../helpers/text-sink.js';

const FIXTURES = join(REPO, 'test', 'ctr', 'fixtures', 'ctr-only');
/** The caller hung up waiting in the queue (abandoned), and a call that ended in the IVR. */
const ABANDONED = '3b7e9d40-6a1f-4c2e-8b55-2f0c1d9a7e01';
const IVR_ONLY = 'a91c04d2-0e5b-4f7a-9c3d-7b2e6f184c02';
const UNRECORDED = [ABANDONED, IVR_ONLY].sort();
/** Screenshots for people to look at (gitignored). */
const ARTIFACTS = join(REPO, 'test-artifacts', 'workbench');

let home: string;
let db: DuckDbLake;
let query: Query;
let server: WorkbenchServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // The showcase's recorded calls (transcripts and records) beside two records of calls never recorded.
  const drop = tempDir('unrecorded-drop');
  const samples = showcaseTranscriptFolder();
  for (const f of readdirSync(samples)) copyFileSync(join(samples, f), join(drop, f));
  copyFileSync(join(FIXTURES, 'abandoned-in-queue.ctr.json'), join(drop, `${ABANDONED}.ctr.json`));
  copyFileSync(join(FIXTURES, 'ivr-only.ctr.json'), join(drop, `${IVR_ONLY}.ctr.json`));
  home = tempDir('unrecorded-home');
  await runDrop({ dir: drop, home, report: false, out: textSink().stream, err: textSink().stream });
  db = await DuckDbLake.open(join(home, 'lake'));
  query = (sql, params) => db.query(sql, params);
  server = await startWorkbench(home, 0);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  db?.close();
});

const ids = async (filters: Filters): Promise<string[]> =>
  (await searchCalls(query, filters)).rows.map((r) => String(r.call_id)).sort();

const text = async (path: string): Promise<string> => {
  const res = await fetch(new URL(path, server.url));
  expect(res.status).toBe(200);
  return res.text();
};

describe('calls never recorded in the workbench (trial48)', () => {
  it('the lake holds the two as calls never recorded, one abandoned', async () => {
    const rows = await query(
      `select call_id, has_recording, abandoned from calls where call_id in ('${ABANDONED}', '${IVR_ONLY}') order by call_id`,
    );
    expect(rows).toEqual([
      { call_id: ABANDONED, has_recording: false, abandoned: true },
      { call_id: IVR_ONLY, has_recording: false, abandoned: false },
    ]);
  });

  it('every topic filter counts what the topic chart counts: a call never recorded is never topic none', async () => {
    // Prepare: the topic chart's bars (topic_stats), and none even when no recorded call has it
    const bars = await query('select topic, calls from topic_stats');
    const topics = new Set([...bars.map((b) => String(b.topic)), 'none']);
    for (const topic of topics) {
      const bar = Number(bars.find((b) => b.topic === topic)?.calls ?? 0);
      // Act: the call list and the dashboard's headline under ?topic=
      const listed = await ids({ topic });
      const kpi = withFilters(KPI_SQL, { topic });
      const [kpis] = await query(kpi.sql, kpi.params);
      // Assess: /calls?topic=none listed the none bar's calls and every call never recorded
      expect(listed.filter((id) => UNRECORDED.includes(id))).toEqual([]);
      expect(listed).toHaveLength(bar);
      expect(Number(kpis?.calls ?? 0)).toBe(bar);
    }
    // A search for 'none' (the topic's name) finds no call never recorded either
    expect((await ids({ q: 'none' })).filter((id) => UNRECORDED.includes(id))).toEqual([]);
  });

  it('the recording filter (recorded, not recorded, abandoned) lists them, in the URL like the other filters', async () => {
    // Act
    const all = await ids({});
    const recorded = await ids({ recording: 'recorded' });
    const unrecorded = await ids({ recording: 'unrecorded' });
    const abandoned = await ids({ recording: 'abandoned' });
    // Assess
    expect(unrecorded).toEqual(UNRECORDED);
    expect(abandoned).toEqual([ABANDONED]);
    expect(recorded).toEqual(all.filter((id) => !UNRECORDED.includes(id)));
    expect(recorded.length).toBeGreaterThan(0);
    expect(parseFilters(new URLSearchParams('recording=unrecorded'))).toEqual({ recording: 'unrecorded' });
    expect(parseFilters(new URLSearchParams('recording=maybe'))).toEqual({});
    expect(filterQuery({ recording: 'abandoned', topic: 'billing' })).toBe(
      '?topic=billing&recording=abandoned',
    );
  });

  it("a search for 'abandon' finds the abandoned call, 'IVR' the one that ended there, 'not recorded' both", async () => {
    expect(await ids({ q: 'abandon' })).toEqual([ABANDONED]);
    expect((await ids({ q: 'ended in the ivr' })).filter((id) => UNRECORDED.includes(id))).toEqual([
      IVR_ONLY,
    ]);
    expect(await ids({ q: 'not recorded' })).toEqual(UNRECORDED);
  });

  it('the call list shows them as not recorded (abandoned in queue, ended in the IVR) with the reason, not topic none and an empty summary', async () => {
    // Act
    const html = await text('/calls?recording=unrecorded');
    const row = (id: string) => new RegExp(`<tr data-call="${id}">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
    // Assess
    expect(row(ABANDONED)).toContain('not recorded · abandoned in queue');
    expect(row(ABANDONED)).toContain('the caller hung up waiting in the queue before any agent answered');
    expect(row(IVR_ONLY)).toContain('not recorded · ended in the IVR');
    expect(row(IVR_ONLY)).toContain('the call ended in the IVR, before any queue or agent');
    for (const id of UNRECORDED) expect(row(id)).not.toMatch(/<td>none<\/td>/);
    // The filter's drop-down and its chip
    expect(html).toMatch(/<select name="recording">[\s\S]*?<option value="unrecorded" selected>/);
    expect(html).toContain('recording: not recorded (CTR only)');
  });

  it("the dashboard's Recent calls (workbench and dashboard.html) show them as not recorded, not topic none", async () => {
    for (const html of [
      await text('/'),
      renderDashboardHtml(await dashboardData(query, {}, '2026-01-01T00:00:00Z')),
      renderDashboardHtml(await dashboardData(query, { from: '2026-03-02' }, '2026-01-01T00:00:00Z')),
    ]) {
      const recent = /<section class="card wide" id="recent-calls">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
      const row = (id: string) =>
        new RegExp(`<tr><td>(<a [^>]*>)?${id}[\\s\\S]*?</tr>`).exec(recent)?.[0] ?? '';
      expect(row(ABANDONED)).toContain('not recorded · abandoned in queue');
      expect(row(IVR_ONLY)).toContain('not recorded · ended in the IVR');
      expect(row(IVR_ONLY)).toContain('the call ended in the IVR');
    }
  });

  it("the call page of an abandoned call shows its journey and why it has no recording, no false 'dropped as a transcript' or redaction line", async () => {
    // Act
    const html = await text(`/calls/${ABANDONED}`);
    // Assess
    expect(html).toContain(
      '<dt>recording</dt><dd>none: never recorded (the caller hung up waiting in the queue before any agent answered)</dd>',
    );
    expect(html).toMatch(/<dt>journey<\/dt><dd>(IVR \d+:\d\d → )?queue \d+:\d\d → abandoned in queue<\/dd>/);
    expect(html).toContain('<dt>abandoned</dt><dd>yes: the caller hung up waiting in the queue</dd>');
    expect(html).toContain('CTR-only call, never recorded: the caller hung up waiting in the queue');
    expect(html).toContain('No recording: this call was never recorded');
    expect(html).not.toContain('dropped as a transcript');
    expect(html).not.toContain('<dt>redacted</dt>');
    expect(html).not.toContain('PII shown as');
    // Its timeline: the journey alone, no speech row, legend or words about a recording
    const timeline = html.slice(
      html.indexOf('id="call-timeline"'),
      html.indexOf('</section>', html.indexOf('id="call-timeline"')),
    );
    expect(timeline).toContain('the call was never recorded, so there is no speech to place');
    expect(timeline).toContain('data-segment="queue"');
    expect(timeline).not.toContain('who spoke when');
    expect(timeline).not.toContain('speech:');
    // The IVR call: ended in the IVR, not abandoned
    const ivr = await text(`/calls/${IVR_ONLY}`);
    expect(ivr).toContain('ended in the IVR');
    expect(ivr).toContain('<dt>abandoned</dt><dd>no</dd>');
  });

  it('in a browser: pick "not recorded: abandoned in queue" on the call list, the URL carries it, open the call', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    try {
      // Act
      await page.goto(new URL('/calls', server.url).href);
      await page.selectOption('select[name="recording"]', 'abandoned');
      await Promise.all([
        page.waitForURL(/recording=abandoned/),
        page.click('form.filters button[type="submit"]'),
      ]);
      // Assess
      expect(await page.locator('#call-count').textContent()).toBe('1 call');
      expect(await page.locator(`tr[data-call="${ABANDONED}"]`).textContent()).toContain(
        'not recorded · abandoned in queue',
      );
      await page.screenshot({ path: join(ARTIFACTS, 'unrecorded-calls-list.png'), fullPage: true });
      await page.click(`a.call-link[href="/calls/${ABANDONED}"]`);
      await page.waitForURL(new RegExp(`/calls/${ABANDONED}$`));
      const facts = await page.locator('#call-facts').textContent();
      expect(facts).toContain('abandoned in queue');
      expect(facts).not.toContain('redacted');
      expect(await page.locator('#call-audio').textContent()).not.toContain('dropped as a transcript');
      await page.screenshot({ path: join(ARTIFACTS, 'unrecorded-call-page.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
