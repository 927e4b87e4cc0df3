import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryLake } from '../../cli/commands/query.js';
import { visuals } from '../../dashboards/visuals.js';
import { launchChromium } from '../helpers/browser.js';
import { REPO, tempDir } from '../helpers/paths.js';
import {
  AUDIO_CALL,
  AUDIO_CALL_SECONDS,
  queueIdOf,
  runInto,
  subsetDrop,
  tinyWav,
  UNNAMED_QUEUE,
  writeWorkbenchDrop,
  XSS_CALL,
  XSS_TEXT,
} from './workbench-lake.js';

/** Screenshots for people to look at (gitignored). */
const ARTIFACTS = join(REPO, 'test-artifacts', 'workbench');
/** The commonest topic of the generated drop (set in beforeAll): the one the filter tests pick. */
let TOPIC: string;

interface Served {
  child: ChildProcess;
  url: string;
  port: number;
}

/** `debrief serve` as a user starts it: the real CLI, on a free port. */
const serve = (home: string): Promise<Served> =>
  new Promise((resolve, reject) => {
    const child = spawn('node', ['bin/debrief.mjs', 'serve', '--home', home, '--port', '0'], { cwd: REPO });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /workbench: (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(out);
      if (match) resolve({ child, url: match[1]!, port: Number(match[2]) });
    });
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`debrief serve exited ${code}: ${out}`)));
  });

const stop = (s: Served | undefined) => {
  s?.child.removeAllListeners('exit');
  s?.child.kill();
};

/** Raw HTTP, to send the headers a browser would not (another Host, a Range). */
const get = (
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> =>
  new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        headers: { host: `127.0.0.1:${port}`, ...headers },
        // a connection each: a kept-alive socket the server closed after a large body hangs up
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });

/** Every visual's rows as its data table shows them (the chart is drawn from the same rows). */
const visualRows = async (page: Page): Promise<Record<string, string[][]>> => {
  const result: Record<string, string[][]> = {};
  for (const v of visuals) {
    result[v.id] = await page
      .locator(`section[data-visual="${v.id}"] table.rows tbody tr`)
      .evaluateAll((rows) =>
        rows.map((r) =>
          [...r.querySelectorAll('td')]
            .filter((td) => !td.querySelector('a'))
            .map((td) => td.textContent ?? ''),
        ),
      );
  }
  return result;
};

const kpis = (page: Page) => page.locator('.kpi').allTextContents();

let drop: string;
let homeAll: string;
let homeTopic: string;
let all: Served;
let topicOnly: Served;
/** The audio call alone, run with PII redaction off: its original recording may be played. */
let homeUnredacted: string;
let unredacted: Served;
let browser: Browser;
let topicCalls: string[];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  drop = tempDir('workbench-drop');
  writeWorkbenchDrop(drop, 28);
  homeAll = await runInto(drop, 'workbench-all');
  const [commonest] = await queryLake(
    homeAll,
    'select primary_topic, count(*) as n from calls where primary_topic is not null group by primary_topic order by n desc, primary_topic limit 1',
  );
  TOPIC = String(commonest?.primary_topic);
  topicCalls = (await queryLake(homeAll, `select call_id from calls where primary_topic = '${TOPIC}'`)).map(
    (r) => String(r.call_id),
  );
  // The same calls alone in their own lake: what the topic filter must show, figure for figure.
  homeTopic = await runInto(subsetDrop(drop, topicCalls), 'workbench-topic');
  homeUnredacted = await runInto(subsetDrop(drop, [AUDIO_CALL, XSS_CALL]), 'workbench-unredacted', 'off');
  [all, topicOnly, unredacted] = await Promise.all([serve(homeAll), serve(homeTopic), serve(homeUnredacted)]);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  stop(all);
  stop(topicOnly);
  stop(unredacted);
});

const newPage = async () => {
  const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return { page, problems };
};

describe('debrief serve: the analysts workbench in a browser (headless Chromium)', () => {
  it('shows queues by name where the queues export names them, by id otherwise, in the entry-point visual and the queue filter', async () => {
    // Prepare
    const { page, problems } = await newPage();
    const billing = queueIdOf('Billing');
    const unnamed = queueIdOf(UNNAMED_QUEUE);

    // Act
    await page.goto(all.url);
    const entries = (await visualRows(page))['ivr-queue-by-entry']!.map((r) => r[0]);
    const options = await page
      .locator('form.filters select[name="queue"] option')
      .evaluateAll((os) => os.map((o) => [o.getAttribute('value'), o.textContent]));

    // Assess: names, the unnamed queue's calls under its id (never lost), no bare id of a named queue
    expect(entries).toContain('Billing');
    expect(entries).toContain(unnamed);
    expect(entries).not.toContain(billing);
    const [lake] = await queryLake(
      homeAll,
      "select (select count(*) from calls where ctr_status = 'matched') as matched, (select sum(calls) from queue_stats) as counted, (select string_agg(queue, '|' order by queue) from queue_stats) as queues",
    );
    expect(Number(lake?.counted)).toBe(Number(lake?.matched));
    expect([...entries].sort().join('|')).toBe(lake?.queues);
    expect(options).toContainEqual([billing, 'Billing']);
    expect(options).toContainEqual([unnamed, unnamed]);

    // Act: the entry-queue filter, as the chart groups calls (the queue filter is any queue visited)
    await page.selectOption('form.filters select[name="entry"]', { label: 'Billing' });
    await page.click('form.filters button[type="submit"]');
    await page.waitForLoadState('load');
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ entry: 'Billing' });
    expect((await visualRows(page))['ivr-queue-by-entry']!.map((r) => r[0])).toEqual(['Billing']);
    await expect(page.locator('#active-filters').textContent()).resolves.toContain('entry queue: Billing');
    await expect(page.locator('form.filters label:has(select[name="queue"])').textContent()).resolves.toMatch(
      /^queue visited \(any\)/,
    );
    await page.goto(all.url);

    // Act: filter by the named queue as a person does (by its name), then drill from the visual
    await page.selectOption('form.filters select[name="queue"]', { label: 'Billing' });
    await page.click('form.filters button[type="submit"]');
    await page.waitForLoadState('load');
    const filtered = (await visualRows(page))['ivr-queue-by-entry']!.map((r) => r[0]);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-queue-filter.png'), fullPage: true });

    // Assess
    expect(new URL(page.url()).searchParams.get('queue')).toBe(billing);
    expect(filtered).toEqual(['Billing']);
    const drill = await page
      .locator('section[data-visual="ivr-queue-by-entry"] table.rows tbody tr a')
      .first()
      .getAttribute('href');
    expect(new URLSearchParams(drill!.split('?')[1]).get('entry')).toBe('Billing');
    // The drill lists the calls that entered Billing; a call shows its entry queue by name and id.
    await page.goto(new URL(drill!, all.url).href);
    const listed = await page
      .locator('#call-list tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-call')));
    const billingCalls = await queryLake(
      homeAll,
      `select call_id from calls where entry_queue = '${billing}'`,
    );
    expect([...listed].sort()).toEqual(billingCalls.map((r) => String(r.call_id)).sort());
    await page.goto(new URL(`calls/${listed[0]}`, all.url).href);
    await expect(page.locator('dl.facts dt:text-is("entry queue") + dd').textContent()).resolves.toBe(
      `Billing (${billing})`,
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the agent filter chip names the agent picked (its id the title), as the queue chip names the queue', async () => {
    // Prepare: an agent whose name no other agent has, as the drop-down lists it (by name)
    const { page, problems } = await newPage();
    const [agent] = await queryLake(
      homeAll,
      'select agent_id, max(name) as name from call_agents where name is not null group by agent_id having (select count(distinct agent_id) from call_agents b where b.name = max(call_agents.name)) = 1 order by agent_id limit 1',
    );
    const [id, name] = [String(agent?.agent_id), String(agent?.name)];
    expect(name).not.toBe(id);

    // Act: pick the agent and a queue, as a person does
    await page.goto(all.url);
    await page.selectOption('form.filters select[name="agent"]', { label: name });
    await page.selectOption('form.filters select[name="queue"]', { label: 'Billing' });
    await page.click('form.filters button[type="submit"]');
    await page.waitForLoadState('load');
    const chip = page.locator('#active-filters .chip[data-filter="agent"]');
    const queueChip = page.locator('#active-filters .chip[data-filter="queue"]');

    // Assess: the URL holds the ids; the chips name them
    expect(new URL(page.url()).searchParams.get('agent')).toBe(id);
    await expect(chip.textContent()).resolves.toBe(`agent: ${name}×`);
    await expect(chip.getAttribute('title')).resolves.toBe(id);
    await expect(queueChip.textContent()).resolves.toBe('queue visited: Billing×');
    await expect(queueChip.getAttribute('title')).resolves.toBe(queueIdOf('Billing'));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a topic filter changes every visual, consistently: the same figures as a lake holding only that topic', async () => {
    expect(topicCalls.length).toBeGreaterThanOrEqual(3);
    const { page, problems } = await newPage();
    await page.goto(all.url);
    const before = await visualRows(page);
    const kpisBefore = await kpis(page);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });

    // Apply the filter as a person does: pick the topic, press Apply.
    await page.selectOption('form.filters select[name="topic"]', TOPIC);
    await page.click('form.filters button[type="submit"]');
    await page.waitForURL(new RegExp(`topic=${TOPIC}`));
    expect(new URL(page.url()).search).toBe(`?topic=${TOPIC}`); // empty fields stay out of the URL
    await expect(page.locator('#active-filters').textContent()).resolves.toContain(`topic: ${TOPIC}`);
    const filtered = await visualRows(page);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-topic-filter.png'), fullPage: true });

    const { page: reference } = await newPage();
    await reference.goto(topicOnly.url);
    const expected = await visualRows(reference);
    // (Custom metrics: no post-processor ran here, so that panel is a line saying so; its own
    // filters are tested in custom-metrics.browser.test.ts.)
    for (const v of visuals.filter((v) => v.kind === 'table' || !v.whenNone)) {
      expect(filtered[v.id], v.id).toEqual(expected[v.id]);
      expect(filtered[v.id], `${v.id} changed`).not.toEqual(before[v.id]);
      expect(filtered[v.id]?.length, v.id).toBeGreaterThan(0);
    }
    expect(filtered['calls-by-topic']).toEqual([[TOPIC, String(topicCalls.length)]]);
    expect(await kpis(page)).toEqual(await kpis(reference));
    expect(await kpis(page)).not.toEqual(kpisBefore);

    // The URL keeps the filter: a reload (or a shared link) shows the same page.
    await page.reload();
    expect(await visualRows(page)).toEqual(filtered);
    expect(problems).toEqual([]);
  });

  it('a filter no call matches says so in every visual, and counts zero calls (not n/a)', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${all.url}?from=2030-01-01&to=2030-01-31`);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-no-match.png'), fullPage: true });
    for (const v of visuals)
      await expect(page.locator(`section[data-visual="${v.id}"] .empty`).textContent(), v.id).resolves.toBe(
        // A panel over a table nothing wrote to (no post-processor set a metric here) says that, filters or not.
        v.kind !== 'table' && v.whenNone ? v.whenNone.note : 'No calls match these filters.',
      );
    await expect(page.locator('#recent-calls .empty').textContent()).resolves.toBe(
      'No calls match these filters.',
    );
    // Counts are 0; averages over no call have no value.
    expect(await kpis(page)).toEqual([
      '0calls',
      '–avg handle time (s), handled calls',
      '–transfers per handled call',
      '–abandon rate (0 of 0 offered to a queue)',
      '–average speed of answer (s), answered in the queue they entered',
      '0calls with toxicity',
      '0partial calls',
      '0quarantined',
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens a call from a chart: bar -> the calls behind it -> the call, with its turns and roles', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${all.url}?topic=${TOPIC}`);
    await page.locator('#calls-by-topic svg [ecmeta_data_index="0"]').first().click();
    await page.waitForURL(/\/calls\?/);
    expect(new URL(page.url()).searchParams.get('topic')).toBe(TOPIC);
    const listed = await page
      .locator('#call-list tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-call')));
    expect([...listed].sort()).toEqual([...topicCalls].sort());
    await page.screenshot({ path: join(ARTIFACTS, 'calls.png'), fullPage: true });

    const callId = listed.find((id) => id !== XSS_CALL)!;
    await page.locator(`tr[data-call="${callId}"] a.call-link`).click();
    await page.waitForURL(new RegExp(`/calls/${callId}$`));
    const turns = await queryLake(
      homeAll,
      `select role, agent_name, text from turns where call_id = '${callId}' order by turn_index`,
    );
    const shown = await page.locator('#transcript .turn').evaluateAll((els) =>
      els.map((e) => ({
        role: e.getAttribute('data-role'),
        who: e.querySelector('.who')?.textContent,
        text: e.querySelector('.text')?.textContent,
      })),
    );
    expect(shown).toEqual(
      turns.map((t) => ({
        role: t.role,
        who: t.role === 'IVR' ? 'IVR' : t.role === 'CUSTOMER' ? 'Customer' : `Agent ${t.agent_name}`,
        text: t.text,
      })),
    );
    expect(new Set(shown.map((t) => t.role))).toEqual(new Set(['IVR', 'AGENT', 'CUSTOMER']));
    // Redactions are shown as such, and the page has the summary, topics, timeline and lineage.
    expect(await page.locator('#transcript .pii').count()).toBeGreaterThan(0);
    for (const section of [
      '#call-summary',
      '#call-topics',
      '#call-categories',
      '#call-timeline svg',
      '#lineage table',
    ])
      expect(await page.locator(section).count(), section).toBe(1);
    expect(await page.locator('#call-timeline .segment').count()).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: join(ARTIFACTS, 'call.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('a point of a line and a stacked bar lead to the calls of that day (and topic)', async () => {
    const { page } = await newPage();
    await page.goto(all.url);
    const [day, calls] = (await visualRows(page))['calls-per-day']![0]!;
    await page.locator('#calls-per-day svg [ecmeta_data_index="0"]').first().click();
    await page.waitForURL(/\/calls\?/);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ from: day, to: day });
    await expect(page.locator('#call-list tbody tr').count()).resolves.toBe(Number(calls));

    await page.goto(all.url);
    const stacked = page.locator('#topic-mix-per-day svg [ecmeta_data_index][ecmeta_series_index]').first();
    const s = await stacked.getAttribute('ecmeta_series_index');
    const d = await stacked.getAttribute('ecmeta_data_index');
    const row = await page
      .locator(`#topic-mix-per-day tr[data-s="${s}"][data-d="${d}"] td`)
      .allTextContents();
    await stacked.click();
    await page.waitForURL(/\/calls\?/);
    const params = Object.fromEntries(new URL(page.url()).searchParams);
    expect(params).toEqual({ from: row[0], to: row[0], topic: row[1] });
    await expect(page.locator('#call-list tbody tr').count()).resolves.toBe(Number(row[2]));
  });

  it('a transcript holding <script> and markup renders as text, never runs', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${all.url}calls/${XSS_CALL}`);
    const texts = await page.locator('#transcript .turn .text').allTextContents();
    expect(texts).toContain(XSS_TEXT);
    expect(await page.locator('#transcript b').count()).toBe(0);
    // The only script is the static one; the page's policy forbids inline script anyway.
    expect(await page.locator('script').evaluateAll((s) => s.map((e) => e.getAttribute('src')))).toEqual([
      '/static/workbench.js',
    ]);
    const response = await get(all.port, `/calls/${XSS_CALL}`);
    expect(String(response.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(response.body.toString()).not.toContain('<script>alert');
    await page.screenshot({ path: join(ARTIFACTS, 'call-script-as-text.png'), fullPage: true });
    // Searching for the text finds the call, and shows it escaped too.
    await page.goto(`${all.url}calls?q=${encodeURIComponent('<script>')}`);
    expect(
      await page.locator('#call-list tbody tr').evaluateAll((r) => r.map((e) => e.getAttribute('data-call'))),
    ).toEqual([XSS_CALL]);
    expect(problems).toEqual([]);
  });

  it('withholds the original recording of a call whose transcript was redacted', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${all.url}calls/${AUDIO_CALL}`);
    await expect(page.locator('#call-audio').textContent()).resolves.toMatch(/withheld/);
    expect((await get(all.port, `/audio/${AUDIO_CALL}`)).status).toBe(404);
    expect(problems).toEqual([]);
  });

  it('plays the recording of an unredacted call (PII redaction off), with HTTP ranges; withholds audio it must not play', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${unredacted.url}calls/${AUDIO_CALL}`);
    await expect(page.locator('#call-audio audio').getAttribute('src')).resolves.toBe(`/audio/${AUDIO_CALL}`);
    const duration = await page.locator('#call-audio audio').evaluate(
      (a) =>
        new Promise<number>((resolve) => {
          a.addEventListener('loadedmetadata', () => resolve(a.duration), { once: true });
          a.addEventListener('error', () => resolve(-1), { once: true });
          a.load();
        }),
    );
    expect(duration).toBeCloseTo(AUDIO_CALL_SECONDS, 1);
    const wav = tinyWav(AUDIO_CALL_SECONDS);
    const part = await get(unredacted.port, `/audio/${AUDIO_CALL}`, { range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${wav.length}`);
    expect(part.headers['content-type']).toBe('audio/wav');
    expect(part.body).toEqual(wav.subarray(100, 200));
    expect(
      (await get(unredacted.port, `/audio/${AUDIO_CALL}`, { range: `bytes=${wav.length + 10}-` })).status,
    ).toBe(416);
    expect((await get(unredacted.port, `/audio/${AUDIO_CALL}`)).body).toEqual(wav);
    // Another call, its transcript not redacted either but no recording: nothing served.
    expect((await get(unredacted.port, `/audio/${XSS_CALL}`)).status).toBe(404);
    expect((await get(unredacted.port, '/audio/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
    expect(readFileSync(join(homeUnredacted, 'inbox', `${AUDIO_CALL}.wav`))).toEqual(wav);
    expect(problems).toEqual([]);
  });
});

describe('debrief serve: the layout at the window widths people use', () => {
  it('a long table visual scrolls inside its card, every row still there, its header in view', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    try {
      await page.goto(all.url);
      const [drift] = await queryLake(homeAll, 'select count(*) as n from daily_topic_mix');
      const card = page.locator('section[data-visual="topic-mix"]');
      expect(await card.locator('table.rows tbody tr').count()).toBe(Number(drift?.n));
      await expect(card.locator('p.note').first().textContent()).resolves.toBe(`${drift?.n} rows`);
      const box = await card.boundingBox();
      expect(box!.height).toBeLessThan(700);
      const scroller = card.locator('.table-scroll');
      const sizes = await scroller.evaluate((e) => ({ scroll: e.scrollHeight, client: e.clientHeight }));
      expect(sizes.scroll).toBeGreaterThan(sizes.client);
      // Scrolled to its end, the header is still at the top of the box.
      await scroller.evaluate((e) => {
        e.scrollTop = e.scrollHeight;
      });
      const head = await card.locator('thead th').first().boundingBox();
      const frame = await scroller.boundingBox();
      expect(Math.abs(head!.y - frame!.y)).toBeLessThan(2);
    } finally {
      await page.close();
    }
  });

  it('no chart draws a text over another (a legend of many topics wraps above the axis name), and each series has its own colour', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    try {
      await page.goto(all.url);
      const charts = await page.locator('section[data-visual] > svg').evaluateAll((svgs) =>
        svgs.map((svg) => {
          const boxes = [...svg.querySelectorAll('text')]
            .filter((t) => (t.textContent ?? '').trim() !== '')
            .map((t) => ({ text: t.textContent ?? '', r: t.getBoundingClientRect() }));
          const overlaps: string[] = [];
          for (let i = 0; i < boxes.length; i += 1)
            for (let j = i + 1; j < boxes.length; j += 1) {
              const a = boxes[i]!.r;
              const b = boxes[j]!.r;
              const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
              const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
              if (dx > 1 && dy > 1) overlaps.push(`${boxes[i]!.text} / ${boxes[j]!.text}`);
            }
          // The fill of each series' first mark (ECharts tags them with the series index).
          const fills = new Map<string, string>();
          for (const el of svg.querySelectorAll('[ecmeta_series_index]')) {
            const s = el.getAttribute('ecmeta_series_index')!;
            // A line's colour is its stroke (its points are hollow: white fill); a bar's its fill.
            const stroke = el.getAttribute('stroke');
            const fill = stroke && stroke !== 'none' ? stroke : (el.getAttribute('fill') ?? '');
            if (!fills.has(s) && fill && fill !== 'none' && fill !== 'transparent') fills.set(s, fill);
          }
          return { id: svg.parentElement!.id, overlaps, fills: [...fills.values()] };
        }),
      );
      const mix = charts.find((c) => c.id === 'topic-mix-per-day')!;
      expect(mix.fills.length, 'topic mix series').toBeGreaterThan(8);
      for (const c of charts) {
        expect.soft(c.overlaps, c.id).toEqual([]);
        expect.soft(new Set(c.fills).size, `${c.id} colours`).toBe(c.fills.length);
      }
    } finally {
      await page.close();
    }
  });

  for (const width of [1024, 1400, 1920]) {
    it(`at ${width} px: charts fill their cards, tables fit theirs, the call page's headings clear the facts above`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 1000 } });
      try {
        await page.goto(all.url);
        await page.screenshot({ path: join(ARTIFACTS, `layout-dashboard-${width}.png`), fullPage: true });
        // Soft: one run reports every defect at once.
        // Each chart as wide as its card's content (a fixed 560 px SVG filled 60% at 1024 px).
        const charts = await page.locator('section[data-visual] > svg').evaluateAll((svgs) =>
          svgs.map((svg) => {
            const card = svg.parentElement!;
            const style = card.ownerDocument.defaultView!.getComputedStyle(card);
            const inner =
              card.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
            return { id: card.id, ratio: svg.getBoundingClientRect().width / inner };
          }),
        );
        expect(charts.length).toBe(visuals.filter((v) => v.kind !== 'table' && !v.whenNone).length);
        for (const c of charts) expect.soft(c.ratio, `${c.id} at ${width} px`).toBeGreaterThan(0.98);
        // Every table (the agent scorecard's 15 columns among them) fits its card: nothing cut off.
        const tables = await page.locator('section.card table').evaluateAll((list) =>
          list.map((t) => {
            const card = t.closest('section')!;
            const style = card.ownerDocument.defaultView!.getComputedStyle(card);
            const inner =
              card.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
            return {
              id: card.id,
              table: t.scrollWidth,
              card: inner,
              overflow: card.scrollWidth - card.clientWidth,
            };
          }),
        );
        for (const t of tables) {
          expect.soft(t.table, `${t.id} table at ${width} px`).toBeLessThanOrEqual(t.card + 1);
          expect.soft(t.overflow, `${t.id} scrolls sideways at ${width} px`).toBe(0);
        }
        // The call page: a heading below the facts (Topics right after "resolved", in a call with
        // no action items between them) stands clear of them.
        const [bare] = await queryLake(
          homeAll,
          "select call_id from calls where summary is not null and coalesce(action_items, '[]') = '[]' order by call_id limit 1",
        );
        expect(bare?.call_id, 'a summarised call without action items').toBeDefined();
        await page.goto(`${all.url}calls/${encodeURIComponent(String(bare?.call_id))}`);
        await page
          .locator('#call-summary')
          .screenshot({ path: join(ARTIFACTS, `layout-call-summary-${width}.png`) });
        const gaps = await page.locator('#call-summary > *').evaluateAll((children) =>
          children.slice(1).map((e, i) => ({
            tag: `${e.tagName} ${e.textContent?.slice(0, 20)}`,
            gap: e.getBoundingClientRect().top - children[i]!.getBoundingClientRect().bottom,
          })),
        );
        const headings = gaps.filter((g) => g.tag.startsWith('H2'));
        expect(headings.map((h) => h.tag)).toEqual(['H2 Topics', 'H2 Categories', 'H2 Custom metrics']);
        for (const h of headings) expect.soft(h.gap, `${h.tag} at ${width} px`).toBeGreaterThanOrEqual(8);
      } finally {
        await page.close();
      }
    });
  }
});

describe('debrief serve: hardening', () => {
  it('refuses requests naming another host (DNS rebinding), answers to 127.0.0.1 and localhost', async () => {
    expect((await get(all.port, '/', { host: `localhost:${all.port}` })).status).toBe(200);
    expect((await get(all.port, '/', { host: `127.0.0.1:${all.port}` })).status).toBe(200);
    for (const host of [
      `evil.example:${all.port}`,
      'evil.example',
      `localhost:${all.port + 1}`,
      `127.0.0.1.nip.io:${all.port}`,
    ]) {
      const r = await get(all.port, '/', { host });
      expect(r.status, host).toBe(421);
      expect(r.body.toString()).not.toContain('debrief —');
    }
    expect((await get(all.port, '/', {}, 'POST')).status).toBe(405);
    expect((await get(all.port, '/calls/%E0%A4%A')).status).toBe(404);
    expect((await get(all.port, '/calls/no-such-call')).status).toBe(404);
  });

  it('a busy port is a one-line error and exit code 1, for serve and dashboard --serve', async () => {
    const attempts = [['serve'], ['dashboard', '--serve']].map(async (args) => {
      const child = spawn(
        'node',
        ['bin/debrief.mjs', ...args, '--home', homeAll, '--port', String(all.port)],
        {
          cwd: REPO,
        },
      );
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
      });
      const code = await new Promise<number | null>((r) => child.on('exit', r));
      return { args: args.join(' '), code, lines: stderr.trim().split('\n') };
    });
    for (const { args, code, lines } of await Promise.all(attempts)) {
      expect(code, args).toBe(1);
      expect(lines, args).toEqual([
        `debrief: port ${all.port} on 127.0.0.1 is already in use (another debrief serve?): choose another with --port, or --port 0 for any free one`,
      ]);
    }
  });
});
