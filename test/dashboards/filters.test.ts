import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { audioFor, audioPath, startWorkbench } from '../../adapters/local/workbench-server.js';
import {
  type Filters,
  filterQuery,
  parseFilters,
  resolveAgentFilter,
  withFilters,
} from '../../dashboards/filters.js';
import { escapeHtml } from '../../dashboards/page.js';
import { filterChips, filterForm } from '../../dashboards/render-html.js';
import { dashboardViewSql } from '../../dashboards/view-files.js';
import { KPI_SQL } from '../../dashboards/visuals.js';
import {
  dashboardData,
  filterChoices,
  type Query,
  type Row,
  searchCalls,
} from '../../dashboards/workbench-queries.js';
import { generateLakeAtScale } from '../../generator/lake-scale.js';
import { noFilterChoices } from '../helpers/filter-choices.js';
import { tempDir } from '../helpers/paths.js';
import { runSamplesInto } from '../helpers/samples.js';
import { runInto } from './workbench-lake.js';

let db: DuckDbLake;
let home: string;
let query: Query;
let calls: Row[];
let agents: Row[];
let categories: Row[];
let turns: Row[];

beforeAll(async () => {
  home = tempDir('filters');
  // The recordings are "heard" from their scripts: filters are the point here, not pocketsphinx.
  await runSamplesInto(home);
  db = await DuckDbLake.open(join(home, 'lake'));
  query = (sql, params) => db.query(sql, params);
  calls = await query('select * from calls');
  agents = await query('select * from call_agents');
  categories = await query('select * from call_categories');
  turns = await query('select call_id, text from turns');
});
afterAll(() => db?.close());

const list = (json: unknown): string[] => (typeof json === 'string' ? (JSON.parse(json) as string[]) : []);

/** What each filter means, said again in plain TypeScript over the rows (not SQL). */
const matches = (c: Row, f: Filters): boolean => {
  const id = String(c.call_id);
  const has = (rows: Row[], pred: (r: Row) => boolean) => rows.some((r) => r.call_id === id && pred(r));
  const needle = f.q?.toLowerCase();
  return (
    (!f.from || String(c.dt) >= f.from) &&
    (!f.to || String(c.dt) <= f.to) &&
    (!f.topic || (c.primary_topic ?? 'none') === f.topic) &&
    // The entry queue as queue_stats shows it: the queue's name when known, else its id; 'no
    // queue' for a call whose record shows none; nothing for a call without a matched record.
    (!f.entry ||
      (c.ctr_status === 'matched' ? (c.entry_queue_name ?? c.entry_queue ?? 'no queue') : null) ===
        f.entry) &&
    (!f.direction || (c.direction ?? 'unknown') === f.direction) &&
    (!f.queue || list(c.queue_ids).includes(f.queue)) &&
    (!f.label || list(c.toxicity_labels).includes(f.label)) &&
    (!f.status || c.status === f.status) &&
    (!f.agent || has(agents, (a) => a.agent_id === f.agent)) &&
    (!f.category || has(categories, (k) => k.category === f.category)) &&
    (!f.toxic || Number(c.toxic_turns ?? 0) > 0) &&
    (!f.misrouted || c.transferred_after_queue === true) &&
    (!needle ||
      id.toLowerCase().includes(needle) ||
      // The topic, the toxicity ('toxic' and each label, with or without underscores), categories.
      [
        c.primary_topic ?? 'none',
        ...(Number(c.toxic_turns ?? 0) > 0 ? ['toxic', ...list(c.toxicity_labels)] : []),
      ]
        .flatMap((w) => [String(w).toLowerCase(), String(w).toLowerCase().replaceAll('_', ' ')])
        .some((w) => w.includes(needle)) ||
      has(categories, (k) => String(k.category).toLowerCase().includes(needle)) ||
      String(c.summary ?? '')
        .toLowerCase()
        .includes(needle) ||
      has(agents, (a) => `${a.name ?? ''}`.toLowerCase().includes(needle)) ||
      has(turns, (t) => String(t.text).toLowerCase().includes(needle)))
  );
};

describe('workbench filters over the shared views (DuckDB)', () => {
  it('every view runs under every filter, and counts exactly the calls the filter means', async () => {
    const first = calls[0]!;
    const someAgent = agents[0]!;
    const cases: Filters[] = [
      {},
      { topic: String(first.primary_topic) },
      { topic: 'none' },
      { from: '2026-03-10', to: '2026-03-23' },
      { queue: list(first.queue_ids)[0] ?? 'none' },
      { entry: String(first.entry_queue_name ?? first.entry_queue) },
      { entry: 'no queue' },
      { entry: 'none' },
      { agent: String(someAgent.agent_id) },
      { direction: 'inbound' },
      { status: 'processed' },
      { status: 'quarantined' },
      { category: 'transfer' },
      { toxic: '1' },
      { label: 'VIOLENCE_OR_THREAT' },
      { misrouted: '1' },
      { q: 'stolen' },
      { q: 'toxic' },
      { q: 'violence or threat' },
      { q: 'Technical Support' },
      { q: 'transfer' },
      { q: 'emily' },
      { topic: "billing' or '1'='1" },
      { q: "%' or 1=1 --" },
      { toxic: '1', misrouted: '1', from: '2026-03-01' },
    ];
    const seen = new Set<number>();
    for (const f of cases) {
      const expected = calls.filter((c) => matches(c, f)).length;
      seen.add(expected);
      const label = JSON.stringify(f);
      for (const view of dashboardViewSql()) {
        const bound = withFilters(view.sql, f);
        await expect(query(bound.sql, bound.params), `${view.name} ${label}`).resolves.toBeInstanceOf(Array);
      }
      const kpi = withFilters(KPI_SQL, f);
      expect((await query(kpi.sql, kpi.params))[0]?.calls, label).toBe(expected);
      const perDay = withFilters(dashboardViewSql().find((v) => v.name === 'topic_daily')!.sql, f);
      const daily = await query(perDay.sql, perDay.params);
      expect(
        daily.reduce((n, r) => n + Number(r.calls), 0),
        label,
      ).toBe(expected);
      expect((await searchCalls(query, f)).total, label).toBe(expected);
    }
    // The cases are not all trivial: several distinct counts, including none and all.
    expect(seen.has(0)).toBe(true);
    expect(seen.has(calls.length)).toBe(true);
    expect(seen.size).toBeGreaterThanOrEqual(4);
  });

  it("a search for 'toxic' finds the toxic calls, and a label finds the calls flagged with it", async () => {
    const toxic = await searchCalls(query, { toxic: '1' });
    expect(toxic.total).toBeGreaterThan(0);
    for (const q of ['toxic', 'Toxic', 'toxicity'.slice(0, 5)])
      expect((await searchCalls(query, { q })).rows.map((r) => r.call_id).sort(), q).toEqual(
        toxic.rows.map((r) => r.call_id).sort(),
      );
    const threat = await searchCalls(query, { label: 'VIOLENCE_OR_THREAT' });
    expect(threat.total).toBeGreaterThan(0);
    expect((await searchCalls(query, { q: 'threat' })).total).toBeGreaterThanOrEqual(threat.total);
  });

  it('an agent filter narrows the scorecard to that agent; a status filter the pipeline pie', async () => {
    const agent = String(agents[0]!.agent_id);
    const scorecard = withFilters(dashboardViewSql().find((v) => v.name === 'agent_stats')!.sql, { agent });
    expect((await query(scorecard.sql, scorecard.params)).map((r) => r.agent_id)).toEqual([agent]);
    const status = withFilters(dashboardViewSql().find((v) => v.name === 'pipeline_status')!.sql, {
      status: 'partial',
    });
    expect(await query(status.sql, status.params)).toEqual([]);
  });

  it('a quarantined call (no day of its own) counts under a date filter on the day it was quarantined', async () => {
    const drop = tempDir('quarantine-drop');
    writeFileSync(join(drop, 'broken-call.tca.json'), '{"JobName": "x", "Transcript": [');
    const home = await runInto(drop, 'quarantine-home');
    const lake = await DuckDbLake.open(join(home, 'lake'));
    try {
      const q: Query = (sql, params) => lake.query(sql, params);
      const [status] = await q(
        'select dt, cast(cast(updated_at as date) as varchar) as day from call_status',
      );
      expect(status?.dt).toBeNull();
      const day = String(status?.day);
      const now = new Date().toISOString();
      const that = { from: day, to: day };
      expect((await dashboardData(q, that, now)).quarantined).toBe(1);
      const found = await searchCalls(q, that);
      expect(found.rows.map((r) => [r.call_id, r.state, r.dt])).toEqual([
        ['broken-call', 'quarantined', day],
      ]);
      // Listed as quarantined at its status's time, not as a call "(no start)" filed that day
      const [at] = await q("select strftime(updated_at, '%Y-%m-%d %H:%M') as at from call_status");
      const { renderCallList } = await import('../../dashboards/render-calls.js');
      const started = renderCallList(found, that, noFilterChoices).split('</td>')[1] ?? '';
      expect(started).toContain(`>quarantined ${String(at?.at)}</span>`);
      expect(started).toContain('why is under summary / reason');
      expect(started).not.toContain('(no start)');
      const before = { from: '2020-01-01', to: '2020-01-31' };
      expect((await dashboardData(q, before, now)).quarantined).toBe(0);
      expect((await searchCalls(q, before)).total).toBe(0);
    } finally {
      lake.close();
    }
  });

  it('every view names a call without a topic as the topic filter does, so a drill from it finds the calls', () => {
    const filterLabel = withFilters('select 1 from calls c', { topic: 'x' }).sql.match(
      /coalesce\(c\.primary_topic, '([^']+)'\)/u,
    )?.[1];
    expect(filterLabel).toBe('none');
    for (const view of dashboardViewSql()) {
      for (const [, label] of view.sql.matchAll(/coalesce\(\w*\.?(?:call_)?primary_topic, '([^']+)'\)/gu))
        expect(label, view.name).toBe(filterLabel);
    }
  });

  it('the URL round-trips the filters and drops malformed ones', () => {
    const f: Filters = { from: '2026-01-01', topic: 'billing & more', q: '<b>', toxic: '1' };
    expect(parseFilters(new URLSearchParams(filterQuery(f)))).toEqual(f);
    expect(
      parseFilters(new URLSearchParams('from=yesterday&toxic=yes&topic=&nonsense=1&to=2026-02-30x')),
    ).toEqual({});
    expect(filterQuery({})).toBe('');
  });

  it('drops a from or to that is no day of the calendar (a hand-edited URL listed no call, without a word)', () => {
    expect(parseFilters(new URLSearchParams('from=2026-13-01&to=2026-02-30'))).toEqual({});
    expect(parseFilters(new URLSearchParams('from=2026-00-10&to=2026-04-31'))).toEqual({});
    expect(parseFilters(new URLSearchParams('from=2024-02-29&to=2026-12-31'))).toEqual({
      from: '2024-02-29',
      to: '2026-12-31',
    });
  });
});

describe('entry queue and queues visited', () => {
  it("the entry-queue chart's rows, 'no queue' among them, lead to exactly the calls they count; the drop-down offers them", async () => {
    // A generated lake: outbound calls with a record enter no queue; some calls have no record.
    const home = tempDir('entry-queues');
    await generateLakeAtScale({ home, calls: 400, days: 2 });
    const lake = await DuckDbLake.open(join(home, 'lake'));
    try {
      const q: Query = (sql, params) => lake.query(sql, params);
      const rows = await q('select queue, calls from queue_stats order by queue');
      const noQueue = rows.find((r) => r.queue === 'no queue');
      expect(noQueue, 'calls with a record and no queue').toBeDefined();
      expect(rows.map((r) => r.queue)).not.toContain('none');
      const [unmatched] = await q("select count(*) as n from calls where ctr_status <> 'matched'");
      expect(Number(unmatched?.n)).toBeGreaterThan(0);
      for (const r of rows) {
        const entry = String(r.queue);
        expect((await searchCalls(q, { entry })).total, entry).toBe(Number(r.calls));
        const kpi = withFilters(KPI_SQL, { entry });
        expect((await q(kpi.sql, kpi.params))[0]?.calls, entry).toBe(Number(r.calls));
      }
      expect((await filterChoices(q)).entries).toEqual(rows.map((r) => String(r.queue)).sort());
    } finally {
      lake.close();
    }
  });

  it('the filter bar says which queue each filter means: entry queue (as the chart) or any queue visited', () => {
    const html = filterForm(
      '/',
      { entry: 'Billing', queue: 'q-2' },
      { ...noFilterChoices, queues: [{ id: 'q-2', name: 'Retention' }], entries: ['Billing', 'no queue'] },
    );
    expect(html).toMatch(
      /<label>entry queue<select name="entry">.*<option value="Billing" selected>Billing<\/option><option value="no queue">no queue<\/option><\/select><\/label>/s,
    );
    expect(html).toMatch(
      /<label>queue visited \(any\)<select name="queue">.*<option value="q-2" selected>Retention<\/option>/s,
    );
    // Chosen in the form, so not repeated as a hidden field.
    expect(html).not.toContain('type="hidden" name="entry"');
    expect(filterChips('/', { entry: 'Billing', queue: 'q-2' })).toContain('entry queue: Billing');
    expect(filterChips('/', { queue: 'q-2' })).toContain('queue visited: q-2');
  });

  it('?agent=<a name> filters by the one agent with that name; a name no agent has says so, not 0 calls silently', async () => {
    // Prepare: an agent whose name no other agent shares
    const byName = new Map<string, Set<string>>();
    for (const a of agents)
      if (typeof a.name === 'string')
        byName.set(a.name, (byName.get(a.name) ?? new Set()).add(String(a.agent_id)));
    const [name, ids] = [...byName].find(([, ids]) => ids.size === 1)!;
    const id = [...ids][0]!;
    const expected = calls.filter((c) => matches(c, { agent: id })).length;
    const server = await startWorkbench(home, 0);
    const get = async (path: string) => (await fetch(server.url.replace(/\/$/, '') + path)).text();
    try {
      // Act
      const byItsName = await get(`/calls?agent=${encodeURIComponent(name)}`);
      const byItsId = await get(`/calls?agent=${encodeURIComponent(id)}`);
      const unknown = await get(`/calls?agent=${encodeURIComponent('Nobody Here')}`);
      const dashboard = await get(`/?agent=${encodeURIComponent(name)}`);
      // Assess
      expect(expected).toBeGreaterThan(0);
      const count = (html: string) => /<h2 id="call-count">(\d+) calls?<\/h2>/.exec(html)?.[1];
      expect(count(byItsName)).toBe(String(expected));
      expect(count(byItsId)).toBe(String(expected));
      expect(byItsName).not.toContain('agent-filter-note');
      // Either way the chip names the agent, its id the chip's title (was the id alone).
      for (const html of [byItsName, byItsId, dashboard])
        expect(html).toContain(
          `<span class="chip" data-filter="agent" title="${escapeHtml(id)}">agent: ${escapeHtml(name)}<a`,
        );
      expect(count(unknown)).toBe('0');
      expect(unknown).toContain(
        '<p class="note agent-filter" id="agent-filter-note" role="alert">No agent has the id or name Nobody Here, so no call is shown: pick one from the agent list.</p>',
      );
      expect(
        /<div class="kpi"><div class="value">(\d+)<\/div><div class="label">calls?<\/div>/.exec(
          dashboard,
        )?.[1],
      ).toBe(String(expected));
    } finally {
      await server.close();
    }
  });

  it('an agent filter: an id is kept, a name two agents share is kept with a note naming both ids', () => {
    const agents = [
      { id: 'u-1', name: 'Sam Lee' },
      { id: 'u-2', name: 'sam lee' },
      { id: 'u-3', name: 'Ana Ruiz' },
    ];
    expect(resolveAgentFilter({ agent: 'u-1', topic: 'billing' }, agents)).toEqual({
      filters: { agent: 'u-1', topic: 'billing' },
      note: null,
    });
    expect(resolveAgentFilter({ agent: 'ana ruiz' }, agents)).toEqual({
      filters: { agent: 'u-3' },
      note: null,
    });
    expect(resolveAgentFilter({ agent: 'Sam Lee' }, agents)).toEqual({
      filters: { agent: 'Sam Lee' },
      note: '2 agents are named Sam Lee (ids u-1, u-2): pick one from the agent list, so no call is shown.',
    });
  });

  it("the agent chip names the agent (its id the chip's title; beside the name when two agents share it; alone when no name is known), the queue chip its queue", () => {
    // Prepare
    const choices = {
      agents: [
        { id: 'u-1', name: 'Sam Lee' },
        { id: 'u-2', name: 'Sam Lee' },
        { id: 'u-3', name: 'Ana Ruiz' },
        { id: 'u-4', name: null },
      ],
      queues: [
        { id: 'q-2', name: 'Retention' },
        { id: 'q-9', name: null },
      ],
    };
    const chip = (filters: Filters) =>
      /<span class="chip"[^>]*>[^<]*/.exec(filterChips('/calls', filters, choices))?.[0];
    // Act, Assess
    expect(chip({ agent: 'u-3' })).toBe('<span class="chip" data-filter="agent" title="u-3">agent: Ana Ruiz');
    expect(chip({ agent: 'ana ruiz' })).toBe(
      '<span class="chip" data-filter="agent" title="u-3">agent: Ana Ruiz',
    );
    expect(chip({ agent: 'u-1' })).toBe(
      '<span class="chip" data-filter="agent" title="u-1">agent: Sam Lee (u-1)',
    );
    expect(chip({ agent: 'u-4' })).toBe('<span class="chip" data-filter="agent">agent: u-4');
    expect(chip({ agent: 'Nobody' })).toBe('<span class="chip" data-filter="agent">agent: Nobody');
    expect(chip({ queue: 'q-2' })).toBe(
      '<span class="chip" data-filter="queue" title="q-2">queue visited: Retention',
    );
    expect(chip({ queue: 'q-9' })).toBe('<span class="chip" data-filter="queue">queue visited: q-9');
    // The remove link still drops the id the URL holds.
    expect(filterChips('/calls', { agent: 'u-3', topic: 'billing' }, choices)).toContain(
      'agent: Ana Ruiz<a href="/calls?topic=billing" title="remove">',
    );
  });

  it('a reversed date range (from after to) says so, with a link that swaps the dates, on both pages', async () => {
    const reversed = { from: '2026-12-31', to: '2020-01-01', topic: 'billing' };
    const { renderCallList } = await import('../../dashboards/render-calls.js');
    const { renderDashboardHtml } = await import('../../dashboards/render-html.js');
    const found = await searchCalls(query, reversed);
    expect(found.total).toBe(0);
    const swap =
      'The dates are reversed: from 2026-12-31 is after to 2020-01-01, so no call can match. <a href="PATH?from=2020-01-01&amp;to=2026-12-31&amp;topic=billing">Swap them</a>';
    const list = renderCallList(found, reversed, noFilterChoices);
    expect(list).toContain(swap.replace('PATH', '/calls'));
    expect(list).toContain('No calls match: the dates are reversed (from is after to).');
    const data = await dashboardData(query, reversed, new Date().toISOString());
    const dashboard = renderDashboardHtml(data, { served: { choices: noFilterChoices } });
    expect(dashboard).toContain(swap.replace('PATH', '/'));
    expect(dashboard).toContain('No calls match: the dates are reversed (from is after to).');
    // The swapped range is a range like any other: it finds the calls
    expect((await searchCalls(query, { from: '2020-01-01', to: '2026-12-31' })).total).toBeGreaterThan(0);
    // A range in order, or one end alone, says nothing of the kind
    for (const f of [
      { from: '2020-01-01', to: '2026-12-31' },
      { from: '2026-12-31' },
      { from: '2026-03-02', to: '2026-03-02' },
    ])
      expect(filterChips('/', f)).not.toContain('reversed');
  });
});

describe('workbench audio', () => {
  it('serves only audio files inside the home, whatever the key says', () => {
    const home = tempDir('audio-home');
    const outside = tempDir('audio-outside');
    mkdirSync(join(home, 'inbox'), { recursive: true });
    writeFileSync(join(home, 'inbox', 'a.wav'), 'RIFF');
    writeFileSync(join(home, 'inbox', 'a.json'), '{}');
    writeFileSync(join(outside, 'secret.wav'), 'RIFF');
    symlinkSync(join(outside, 'secret.wav'), join(home, 'inbox', 'link.wav'));
    expect(audioPath(home, 'inbox/a.wav')).toMatch(/inbox\/a\.wav$/);
    expect(audioPath(home, 'inbox/a.json')).toBeNull();
    expect(audioPath(home, 'inbox/link.wav')).toBeNull();
    expect(audioPath(home, '../audio-outside/secret.wav')).toBeNull();
    expect(audioPath(home, `${outside}/secret.wav`)).toBeNull();
    expect(audioPath(home, 'inbox/missing.wav')).toBeNull();
  });

  it('plays redacted audio, or the original only for an unredacted call', () => {
    const status = (sources: object) => ({ sources: JSON.stringify(sources) });
    expect(audioFor(status({ audio: 'a.wav', redactedAudio: 'r.wav' }), { redacted: true }).key).toBe(
      'r.wav',
    );
    expect(audioFor(status({ audio: 'a.wav' }), { redacted: true }).key).toBeNull();
    expect(audioFor(status({ audio: 'a.wav' }), { redacted: false }).key).toBe('a.wav');
    expect(audioFor(status({ audio: null }), { redacted: false }).key).toBeNull();
  });
});
