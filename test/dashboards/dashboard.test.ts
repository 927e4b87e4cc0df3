import { beforeAll, describe, expect, it } from 'vitest';
import { loadDashboardData } from '../../cli/commands/dashboard.js';
import { formatNumber } from '../../dashboards/page.js';
import { agentOptions, chartLayout, renderDashboardHtml } from '../../dashboards/render-html.js';
import { type ChartVisual, columnLabel, visuals } from '../../dashboards/visuals.js';
import type { Row } from '../../dashboards/workbench-queries.js';
import { generateLakeAtScale } from '../../generator/lake-scale.js';
import { noFilterChoices } from '../helpers/filter-choices.js';
import { tempDir } from '../helpers/paths.js';
import { runSamplesInto } from '../helpers/samples.js';

let home: string;

beforeAll(async () => {
  home = tempDir('dash');
  await runSamplesInto(home);
});

describe('local dashboard (the file `debrief run` writes)', () => {
  it('reads every view it shows from the lake, with the headline figures', async () => {
    const data = await loadDashboardData(home, '2026-01-01T00:00:00.000Z');
    expect(data.kpis.calls).toBe(6);
    expect(data.quarantined).toBe(0);
    for (const v of visuals) expect(data.views[v.view], v.view).toBeDefined();
    expect(data.recentCalls).toHaveLength(6);
    // topic_stats has one row per topic the calls got (none for a call without one), whatever the
    // model answered for each sample, and its calls add up to the six
    const topics = new Set(data.recentCalls.map((r) => (r.primary_topic ?? 'none') as string));
    expect(new Set(data.views.topic_stats?.map((r) => r.topic))).toEqual(topics);
    expect(data.views.topic_stats?.reduce((n, r) => n + Number(r.calls), 0)).toBe(6);
  });

  it('renders one SVG chart per chart visual, with the data in it, and escapes text', async () => {
    const data = await loadDashboardData(home, '2026-01-01T00:00:00.000Z');
    data.recentCalls[0] = { ...data.recentCalls[0], summary: '<script>alert(1)</script>' };
    const html = renderDashboardHtml(data);
    // The samples ran without post-processors: the custom-metrics chart is a line saying so.
    expect(data.emptyTables).toEqual(['call_metrics']);
    const charts = visuals.filter((v) => v.kind !== 'table' && !v.whenNone).length;
    expect(html.match(/<svg/g)).toHaveLength(charts);
    expect(html).toContain('fraud_report');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('a topic none of whose calls has a matched CTR: transfers and misroutes both n/a with the reason, never 0 in one and a gap in the other', async () => {
    const data = await loadDashboardData(home, '2026-01-01T00:00:00.000Z');
    const rows = data.views.topic_stats ?? [];
    // The samples' technical_support call has no conversation record: its transfers are unknown.
    const tech = rows.find((r) => r.topic === 'technical_support');
    expect(tech).toMatchObject({
      calls: 1,
      calls_with_ctr: 0,
      avg_transfers: null,
      transfers: null,
      misrouted_calls: null,
    });
    for (const r of rows) {
      const known = Number(r.calls_with_ctr) > 0;
      expect(r.avg_transfers !== null, String(r.topic)).toBe(known);
      expect(r.misrouted_calls !== null, String(r.topic)).toBe(known);
    }
    expect(rows.some((r) => r.misrouted_calls === 0)).toBe(true);
    const html = renderDashboardHtml(data);
    for (const id of ['transfers-by-topic', 'misroutes-by-topic']) {
      const section = html.slice(
        html.indexOf(`id="${id}"`),
        html.indexOf('</section>', html.indexOf(`id="${id}"`)),
      );
      expect(section, id).toContain('n/a (no bar): technical_support.');
      expect(section, id).toContain('>technical_support (n/a)</text>');
      expect(section, id).toContain('conversation record (CTR)');
      expect(section, id).toContain('<td>technical_support</td><td>n/a</td>');
    }
  });

  it('names every chart measure in words in its legend (time in IVR, not avg_ivr_s), as the QuickSight definition does', async () => {
    const data = await loadDashboardData(home, '2026-01-01T00:00:00.000Z');
    const html = renderDashboardHtml(data);
    const legends = visuals.filter((v): v is ChartVisual => v.kind !== 'table' && v.values.length > 1);
    expect(legends.map((v) => v.id)).toEqual(
      expect.arrayContaining(['ivr-queue-by-topic', 'ivr-queue-by-entry', 'toxicity-per-day']),
    );
    for (const v of legends) {
      const start = html.indexOf(`id="${v.id}"`);
      const svg = html.slice(start, html.indexOf('</svg>', start));
      for (const value of v.values) {
        expect(svg, `${v.id}: ${value}`).not.toContain(`>${value}</text>`);
        expect(svg, `${v.id}: ${value}`).toContain(`>${columnLabel(value)}</text>`);
      }
    }
    expect(columnLabel('avg_ivr_s')).toBe('avg time in IVR (s)');
    expect(columnLabel('avg_queue_s')).toBe('avg time in queue (s)');
  });

  it('a day without calls keeps its place on a time axis: 0 calls, no average (a gap)', async () => {
    const data = await loadDashboardData(home, '2026-01-01T00:00:00.000Z');
    const daily = data.views.daily_overview ?? [];
    const days = daily.map((r) => String(r.dt)).sort();
    // The samples' six calls fall on six days between 2026-03-05 and 2026-03-26.
    expect(days).toEqual([
      '2026-03-05',
      '2026-03-07',
      '2026-03-08',
      '2026-03-16',
      '2026-03-22',
      '2026-03-26',
    ]);
    const calls = chartLayout(visuals.find((v) => v.id === 'calls-per-day') as ChartVisual, daily);
    expect(calls.categories).toHaveLength(22);
    expect(calls.categories[0]).toBe('2026-03-05');
    expect(calls.categories.at(-1)).toBe('2026-03-26');
    const on = (day: string) => calls.series[0]!.data[calls.categories.indexOf(day)];
    expect([on('2026-03-05'), on('2026-03-06'), on('2026-03-16')]).toEqual([1, 0, 1]);
    // Each row still points at its own day (a click on a point lists that day's calls).
    for (const [i, r] of daily.entries()) expect(calls.categories[calls.index[i]!.d]).toBe(String(r.dt));
    const queue = chartLayout(visuals.find((v) => v.id === 'queue-per-day') as ChartVisual, daily);
    expect(queue.series[0]!.data[queue.categories.indexOf('2026-03-06')]).toBe('-');
  });

  it('a lake whose every call was quarantined says so, not "No data yet"', () => {
    // Prepare
    const data = {
      views: {},
      kpis: { calls: 0 },
      quarantined: 6,
      recentCalls: [],
      generatedAt: 'now',
      filters: {},
    };
    // Act
    const html = renderDashboardHtml(data);
    // Assess
    expect(html).not.toContain('No data yet.');
    expect(html).toContain(
      'No processed calls yet: 6 calls are quarantined: their reasons are in the call list (debrief serve) and call_status.',
    );
  });

  it('an empty lake renders a page that says there is no data yet', async () => {
    const html = renderDashboardHtml(await loadDashboardData(tempDir('empty'), 'now'));
    expect(html).toContain('No data yet.');
    expect(html.match(/<svg/g)).toBeNull();
  });
});

describe('figures on the pages', () => {
  it('shows a value that rounds to zero as 0, never -0.00, so the same figure reads the same', () => {
    expect(formatNumber(-1e-17, 2)).toBe('0');
    expect(formatNumber(0, 2)).toBe('0');
    expect(formatNumber(-0.004, 2)).toBe('0');
    expect(formatNumber(-0.25, 2)).toBe('-0.25');
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(2.345, 1)).toBe('2.3');
    expect(formatNumber(Number.NaN)).toBe('–');
  });
});

describe('the agent filter', () => {
  it('names each agent; agents who share a name also by id, so two "Ana Brown"s can be told apart', () => {
    expect(
      agentOptions([
        { id: 'agent-0096', name: 'Ana Brown' },
        { id: 'agent-0204', name: 'Ana Brown' },
        { id: 'agent-0001', name: 'Ben Ortiz' },
        { id: 'agent-0002', name: null },
      ]).map((o) => o.text),
    ).toEqual(['Ana Brown (agent-0096)', 'Ana Brown (agent-0204)', 'Ben Ortiz', 'agent-0002']);
  });
});

describe('the recent calls table', () => {
  it("shows a landed call without a topic as 'none', as the views, the filters and the run report do (was blank)", async () => {
    // A generated lake: about 4% of its calls have no topic; its summaries answer the unfiltered page.
    const lake = tempDir('recent-none');
    await generateLakeAtScale({ home: lake, calls: 400, days: 1 });
    const all = await loadDashboardData(lake, '2026-01-01T00:00:00.000Z');
    const none = await loadDashboardData(lake, '2026-01-01T00:00:00.000Z', { topic: 'none' });
    expect(all.recentCalls.filter((r) => r.primary_topic === 'none').length).toBeGreaterThan(0);
    expect(none.recentCalls.length).toBeGreaterThan(0);
    for (const data of [all, none]) {
      expect(data.recentCalls.map((r) => r.primary_topic)).not.toContain(null);
      const html = renderDashboardHtml(data);
      const recent = html.slice(html.indexOf('id="recent-calls"'));
      // call_id, started_at, then the topic: never an empty cell.
      expect(recent).not.toMatch(/<tr><td>[^<]*<\/td><td>[^<]*<\/td><td><\/td>/);
    }
    expect(new Set(none.recentCalls.map((r) => r.primary_topic))).toEqual(new Set(['none']));
  });
});

describe('recorded calls without a conversation record', () => {
  const kpis = {
    calls: 1,
    avg_handle_s: 1454,
    transfers_per_call: 0,
    calls_with_toxicity: 0,
    partial_calls: 0,
  };
  const recentCalls = [
    {
      call_id: 'long20min',
      started_at: null,
      primary_topic: 'none',
      duration_s: 1454,
      agents: null,
      transfers: null,
      status: 'succeeded',
      summary: 'Customer said: hello',
    },
  ];
  const html = renderDashboardHtml({
    views: {},
    kpis,
    quarantined: 0,
    recentCalls,
    generatedAt: 'now',
    filters: {},
  });
  const recent = html.slice(html.indexOf('id="recent-calls"'));

  it('Recent calls shows the duration as m:ss (as the call list), headers in words, and says why agents and transfers are missing', () => {
    expect(recent).toContain('<th>duration</th>');
    expect(recent).not.toContain('duration_s');
    expect(recent).toContain('<td title="1454 s">24:14</td>');
    expect(recent.match(/<td title="no matched conversation record \(CTR\)[^"]*">–<\/td>/g)).toHaveLength(2);
  });

  it('the agent scorecard says agents come from the CTR, not only "None for these calls."', () => {
    const agents = html.slice(
      html.indexOf('id="agents"'),
      html.indexOf('</section>', html.indexOf('id="agents"')),
    );
    expect(agents).toContain('agents come from the conversation records (CTR)');
  });
});

describe('the headline figures', () => {
  const labels = (html: string) =>
    [...html.matchAll(/<div class="value">([^<]*)<\/div><div class="label">([^<]*)<\/div>/g)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
  const page = (kpis: Record<string, number>, quarantined: number) =>
    renderDashboardHtml({ views: {}, kpis, quarantined, recentCalls: [], generatedAt: 'now', filters: {} });

  it('read as English: 1 call, 1 transfer per handled call (never "1 transfers per call"); 2 calls; abandon rate as a percentage of the calls offered, ASA', () => {
    const one = {
      calls: 1,
      avg_handle_s: 60,
      transfers_per_call: 1,
      calls_with_toxicity: 1,
      partial_calls: 1,
      offered: 4,
      abandoned_calls: 3,
      abandon_rate: 0.75,
      asa_s: 39.33,
    };
    expect(labels(page(one, 1))).toEqual([
      '1 call',
      '60 avg handle time (s), handled calls',
      '1 transfer per handled call',
      '75% abandon rate (3 of 4 offered to a queue)',
      '39.3 average speed of answer (s), answered in the queue they entered',
      '1 call with toxicity',
      '1 partial call',
      '1 quarantined',
    ]);
    const two = {
      calls: 2,
      avg_handle_s: 60,
      transfers_per_call: 0.5,
      calls_with_toxicity: 0,
      partial_calls: 2,
      offered: 0,
      abandoned_calls: 0,
      abandon_rate: null as unknown as number,
      asa_s: null as unknown as number,
    };
    expect(labels(page(two, 0))).toEqual([
      '2 calls',
      '60 avg handle time (s), handled calls',
      '0.50 transfers per handled call',
      '– abandon rate (0 of 0 offered to a queue)',
      '– average speed of answer (s), answered in the queue they entered',
      '0 calls with toxicity',
      '2 partial calls',
      '0 quarantined',
    ]);
    // Calls merged before ctr merge 1.6.0: offered unknown (null), not "0 of 0 offered".
    const before160 = {
      ...two,
      offered: null as unknown as number,
      abandoned_calls: null as unknown as number,
    };
    expect(labels(page(before160, 0))).toContain(
      '– abandon rate: n/a (no call has queue figures: they come from a matched Genesys CTR; calls merged before ctr merge 1.6.0 get them from npx debrief run &lt;folder&gt; --reprocess)',
    );
  });
});

/** One call's page from its row, turns and agents (its status: processed). */
const callPage = async (call: Row, turns: Row[], agents: Row[]): Promise<string> => {
  const { renderCallPage } = await import('../../dashboards/render-calls.js');
  return renderCallPage(
    {
      status: { call_id: call.call_id, state: 'processed' },
      call: { lineage: '{}', ...call },
      turns,
      agents,
      topics: [],
      categories: [],
      metrics: [],
      sameConversation: [],
    },
    { url: null, note: 'no recording' },
  );
};

/** A call with a matched record: its journey times. */
const journey = (id: string, times: Record<string, number>): Row => ({
  call_id: id,
  ctr_status: 'matched',
  ...times,
});

describe('a call page', () => {
  it("whose summary engine failed says whose answers it shows when Transcribe's were kept (the review of 6724e7a), and that the step failed when there are none", async () => {
    const kept = await callPage(
      {
        call_id: 'c8',
        summary_status: 'failed',
        summary: 'Caller asked about a fee.',
        reason_for_call: 'a fee',
        resolution: null,
        summary_engine: 'amazon-transcribe-call-analytics',
      },
      [],
      [],
    );
    const none = await callPage({ call_id: 'c9', summary_status: 'failed', summary: null }, [], []);
    expect(kept).toContain(
      'The summary engine failed for this call; shown: what amazon-transcribe-call-analytics gave.',
    );
    expect(kept).not.toContain('The summary step failed for this call.');
    expect(none).toContain('The summary step failed for this call.');
  });

  it('says why its conversation record is mismatched or missing, as the run report does, not only in the lineage (found by trial15)', async () => {
    const note =
      "the recording (0:22) has no start time and is less than half as long as conversation c-1 (3:09 to its last agent): another call's record?";
    const mismatched = await callPage(
      { call_id: 'c5', duration_ms: 22_000, ctr_status: 'mismatched', ctr_note: note },
      [],
      [],
    );
    const matched = await callPage(
      { call_id: 'c6', duration_ms: 22_000, ctr_status: 'matched', ctr_note: 'matched by conversation id' },
      [],
      [],
    );
    const facts = (html: string) =>
      html.slice(
        html.indexOf('id="call-facts"'),
        html.indexOf('</section>', html.indexOf('id="call-facts"')),
      );
    expect(facts(mismatched)).toContain(`mismatched: ${note.replaceAll("'", '&#39;')}`);
    expect(facts(matched)).not.toContain('matched by conversation id');
    // its timeline says the record does not match, not that there is none (found by trial22)
    const missing = await callPage({ call_id: 'c4', duration_ms: 22_000, ctr_status: 'missing' }, [], []);
    expect(mismatched).toContain(
      'the conversation record (CTR) does not match this call (see above): IVR, queue, hold and after-call work unknown',
    );
    expect(mismatched).not.toContain('no conversation record');
    expect(missing).toContain('no conversation record (CTR): IVR, queue, hold and after-call work unknown');
  });

  it('shows when the call started as the call list does, to the minute in UTC, not as a raw ISO timestamp (found by trial22)', async () => {
    // Prepare: a start as DuckDB gives it, and a call whose start nobody recorded
    const started = await callPage(
      { call_id: 'c8', duration_ms: 1000, started_at: '2026-03-26T14:42:45.730Z', dt: '2026-03-26' },
      [],
      [],
    );
    const unstarted = await callPage(
      { call_id: 'c9', duration_ms: 1000, started_at: null, dt: '2026-03-27' },
      [],
      [],
    );
    const { startedCell } = await import('../../dashboards/page.js');
    // Assess
    expect(started).toContain(
      '<dt>started (UTC)</dt><dd><span title="2026-03-26T14:42:45.730Z">2026-03-26 14:42</span></dd>',
    );
    expect(started).not.toContain('<dd>2026-03-26T14:42:45.730Z</dd>');
    expect(started).toContain(startedCell({ started_at: '2026-03-26T14:42:45.730Z', dt: '2026-03-26' }));
    expect(unstarted).toContain(
      `<dt>started (UTC)</dt><dd>${startedCell({ started_at: null, dt: '2026-03-27' })}</dd>`,
    );
    expect(unstarted).toContain('2026-03-27 (no start)');
  });

  it("names the call's intent beside its reason (calls.intent; found by trial20)", async () => {
    const html = await callPage(
      {
        call_id: 'c7',
        duration_ms: 1000,
        ctr_status: 'missing',
        reason_for_call: 'billing — refund of a charge: I was charged twice',
        intent: 'refund',
      },
      [],
      [],
    );
    expect(html).toContain('<dt>intent</dt><dd>refund</dd>');
  });

  it('counts its turns as English: "1 turn"', async () => {
    const html = await callPage(
      { call_id: 'c1', duration_ms: 1000, ctr_status: 'missing' },
      [{ turn_index: 0, role: 'CUSTOMER', begin_ms: 0, end_ms: 900, text: 'hello' }],
      [],
    );
    expect(html).toContain('<h2>Transcript (1 turn)</h2>');
  });

  it("the timeline's talk is the agents' talk time (connected, not on hold), as each agent's figure beside it, and says so; speech apart", async () => {
    // Two agents who held the customer at the same time (a consult): the call's hold is 10 s
    // (the customer's), the agents' 20 s; Genesys' handle time is their talk + hold + acw.
    const html = await callPage(
      journey('c2', {
        duration_ms: 150_000,
        ivr_ms: 20_000,
        queue_ms: 30_000,
        hold_ms: 10_000,
        acw_ms: 10_000,
        handle_ms: 130_000,
      }),
      [],
      [
        { agent_id: 'a1', name: 'Ana', talk_ms: 60_000, hold_ms: 10_000, acw_ms: 5_000, speech_ms: 31_000 },
        { agent_id: 'a2', name: 'Ben', talk_ms: 40_000, hold_ms: 10_000, acw_ms: 5_000, speech_ms: 22_000 },
      ],
    );
    expect(html).toContain('<title>talk time: 1:40</title>');
    expect(html).toContain('Ana (talk time 1:00, spoke 0:31), Ben (talk time 0:40, spoke 0:22)');
    expect(html).toMatch(/talk time = the agents' time connected to the customer, not on hold/);
  });

  it("escapes an agent's name once (trial12: Kevin O'Brien read `O&#39;Brien` under agents)", async () => {
    const html = await callPage(
      { call_id: 'c4', duration_ms: 1000, ctr_status: 'matched' },
      [],
      [{ agent_id: 'a1', name: "Kevin O'Brien <b>", talk_ms: 60_000, speech_ms: 31_000 }],
    );
    expect(html).toContain(
      '<dt>agents</dt><dd>Kevin O&#39;Brien &lt;b&gt; (talk time 1:00, spoke 0:31)</dd>',
    );
  });

  it('writes a phase\'s name and time in its segment only where they fit (no "after-call work 0:4" cut off)', async () => {
    const html = await callPage(
      journey('c3', {
        duration_ms: 900_000,
        ivr_ms: 0,
        queue_ms: 0,
        hold_ms: 0,
        acw_ms: 100_000,
        handle_ms: 1_000_000,
      }),
      [],
      [{ agent_id: 'a1', name: 'Ana', talk_ms: 900_000, hold_ms: 0, acw_ms: 100_000 }],
    );
    // 100 of 1,000 units: too narrow for its 20 characters; its tooltip still says it.
    expect(html).toContain('<title>after-call work: 1:40</title>');
    expect(html).not.toContain('>after-call work 1:40</text>');
    expect(html).toContain('>talk time 15:00</text>');
  });
});

describe('chart axes', () => {
  it('a chart of counts has whole-number ticks (no "2.5" toxic turns)', () => {
    const rows = ['2026-03-01', '2026-03-02', '2026-03-03'].map((dt, i) => ({
      dt,
      calls: 3,
      calls_with_toxicity: i,
      toxic_turns: [1, 3, 2][i],
    }));
    const html = renderDashboardHtml({
      views: { daily_overview: rows },
      kpis: { calls: 9 },
      quarantined: 0,
      recentCalls: [],
      generatedAt: 'now',
      filters: {},
    });
    const start = html.indexOf('id="toxicity-per-day"');
    const svg = html.slice(start, html.indexOf('</svg>', start));
    const ticks = [...svg.matchAll(/>(-?\d+(?:\.\d+)?)<\/text>/g)].map((m) => Number(m[1]));
    expect(ticks.length).toBeGreaterThan(2);
    for (const t of ticks) expect(Number.isInteger(t), String(t)).toBe(true);
  });
});

describe('the call list', () => {
  it('shows the day a call is filed under, said so (no start), when nobody recorded when it started (was shown as its start)', async () => {
    const { renderCallList } = await import('../../dashboards/render-calls.js');
    const { parseFilters } = await import('../../dashboards/filters.js');
    const html = renderCallList(
      {
        rows: [
          { call_id: 'with-ctr', state: 'processed', dt: '2026-03-02', started_at: '2026-03-02 14:00:00' },
          { call_id: 'bare-wav', state: 'processed', dt: '2026-12-01', started_at: null },
        ],
        total: 2,
      },
      parseFilters(new URLSearchParams()),
      noFilterChoices,
    );
    const cellOf = (id: string) =>
      html
        .split('<tr data-call=')
        .find((r) => r.startsWith(`"${id}"`))
        ?.split('</td>')[1] ?? '';
    expect(cellOf('with-ctr')).toBe('<td><span title="2026-03-02T14:00:00.000Z">2026-03-02 14:00</span>');
    expect(cellOf('bare-wav')).toContain('2026-12-01 (no start)</span>');
    expect(cellOf('bare-wav')).toContain('title="no start time');
  });

  it('shows every time in its started column in one format, to the minute in UTC (a start was DuckDB\'s text, 2026-03-26T14:42:45.73Z, beside "quarantined 2026-12-01 10:58")', async () => {
    const { renderCallList } = await import('../../dashboards/render-calls.js');
    const { parseFilters } = await import('../../dashboards/filters.js');
    const html = renderCallList(
      {
        rows: [
          { call_id: 'a', state: 'processed', dt: '2026-03-26', started_at: '2026-03-26T14:42:45.73Z' },
          { call_id: 'b', state: 'processed', dt: '2026-03-22', started_at: '2026-03-22T15:27:37.216Z' },
          {
            call_id: 'c',
            state: 'processed',
            dt: '2026-03-22',
            started_at: new Date('2026-03-22T09:05:00Z'),
          },
          { call_id: 'd', state: 'processed', dt: '2026-03-21', started_at: '2026-03-21T23:30:00+02:00' },
          {
            call_id: 'q',
            state: 'quarantined',
            dt: null,
            started_at: null,
            updated_at: '2026-12-01T10:58:03.5Z',
          },
        ],
        total: 5,
      },
      parseFilters(new URLSearchParams()),
      noFilterChoices,
    );
    const shown = [...html.matchAll(/<tr data-call="(\w)">\s*<td>.*?<\/td><td>(.*?)<\/td>/gs)].map(
      ([, id, cell]) => [id, (cell ?? '').replace(/<[^>]+>/g, '')],
    );
    expect(shown).toEqual([
      ['a', '2026-03-26 14:42'],
      ['b', '2026-03-22 15:27'],
      ['c', '2026-03-22 09:05'],
      ['d', '2026-03-21 21:30'],
      ['q', 'quarantined 2026-12-01 10:58'],
    ]);
    expect(html).toContain('<th>started (UTC)</th>');
    expect(html).toContain('title="2026-03-26T14:42:45.730Z"');
  });
});

describe('the pipeline status under a date filter', () => {
  it('says how a quarantined call counts in the dates (the day it was quarantined: it has no start); nothing without dates (found by trial15)', () => {
    // Prepare: a served page's data, with and without dates
    const data = (filters: Record<string, string>) => ({
      views: {
        pipeline_status: [
          { state: 'processed', calls: 2 },
          { state: 'quarantined', calls: 1 },
        ],
      },
      kpis: { calls: 2 },
      quarantined: 1,
      recentCalls: [],
      generatedAt: 'now',
      filters,
    });
    const status = (html: string) =>
      html.slice(
        html.indexOf('id="pipeline-status"'),
        html.indexOf('</section>', html.indexOf('id="pipeline-status"')),
      );
    const served = { served: { choices: noFilterChoices } };
    // Act
    const dated = status(renderDashboardHtml(data({ from: '2026-03-20', to: '2026-03-31' }), served));
    const from = status(renderDashboardHtml(data({ from: '2026-03-20' }), served));
    const undated = status(renderDashboardHtml(data({ topic: 'billing' }), served));
    const file = status(renderDashboardHtml(data({})));
    // Assess
    const note =
      'In these dates: a processed or partial call on the day it started, a quarantined call on the day it was quarantined (it never ran through, so it has no start).';
    expect(dated).toContain(`<p class="note">${note}</p>`);
    expect(from).toContain(note);
    expect(undated).not.toContain('In these dates');
    expect(file).not.toContain('In these dates');
  });
});
