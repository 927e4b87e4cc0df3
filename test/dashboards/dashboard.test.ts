import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDashboardData, serveDashboard } from '../../cli/commands/dashboard.js';
import { runDrop } from '../../cli/commands/run.js';
import { renderDashboardHtml } from '../../dashboards/render-html.js';
import { visuals } from '../../dashboards/visuals.js';
import { REPO, tempDir } from '../helpers/paths.js';

const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
let home: string;

beforeAll(async () => {
  home = tempDir('dash');
  await runDrop({ dir: `${REPO}/samples`, home, out: quiet, err: quiet });
});

describe('local dashboard', () => {
  it('reads every view it shows from the lake, with the headline figures', async () => {
    const data = await loadDashboardData(home, '2026-01-01T00:00:00.000Z');
    expect(data.kpis.calls).toBe(6);
    expect(data.quarantined).toBe(0);
    for (const v of visuals) expect(data.views[v.view], v.view).toBeDefined();
    expect(data.views.topic_stats?.map((r) => r.topic)).toContain('billing');
    expect(data.recentCalls).toHaveLength(6);
  });

  it('renders one SVG chart per chart visual, with the data in it, and escapes text', async () => {
    const data = await loadDashboardData(home, '2026-01-01T00:00:00.000Z');
    data.recentCalls[0] = { ...data.recentCalls[0], summary: '<script>alert(1)</script>' };
    const html = renderDashboardHtml(data);
    const charts = visuals.filter((v) => v.kind !== 'table').length;
    expect(html.match(/<svg/g)).toHaveLength(charts);
    expect(html).toContain('fraud_report');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('an empty lake renders a page that says there is no data yet', async () => {
    const html = renderDashboardHtml(await loadDashboardData(tempDir('empty'), 'now'));
    expect(html).toContain('No data yet.');
    expect(html.match(/<svg/g)).toBeNull();
  });

  describe('in a browser (headless Chromium)', () => {
    let close: () => Promise<void>;
    let url: string;
    beforeAll(async () => {
      const server = await serveDashboard(home, 0);
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      close = () => new Promise((r) => server.close(() => r()));
    });
    afterAll(async () => close?.());

    it('shows the KPIs, every chart and the agents table', async () => {
      const browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
        const response = await page.goto(url);
        expect(response?.status()).toBe(200);
        expect(await page.locator('.kpi .value').first().textContent()).toBe('6');
        for (const v of visuals) {
          const section = page.locator(`#${v.id}`);
          await expect(section.locator('h2').textContent()).resolves.toBe(v.title);
          if (v.kind !== 'table') expect(await section.locator('svg').count(), v.id).toBe(1);
        }
        // The chart is drawn: the SVG has a real size and bars for the six sample topics.
        const box = await page.locator('#calls-by-topic svg').boundingBox();
        expect(box?.width).toBeGreaterThan(400);
        expect(await page.locator('#calls-by-topic svg path').count()).toBeGreaterThanOrEqual(6);
        expect(await page.locator('#agents tbody tr').count()).toBeGreaterThanOrEqual(4);
      } finally {
        await browser.close();
      }
    });
  });
});
