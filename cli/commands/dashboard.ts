import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { type DashboardData, renderDashboardHtml } from '../../dashboards/render-html.js';
import { KPI_SQL, visuals } from '../../dashboards/visuals.js';

/** Read every view the dashboard shows from the local lake. */
export const loadDashboardData = async (
  home: string,
  now = new Date().toISOString(),
): Promise<DashboardData> => {
  const db = await DuckDbLake.open(join(resolve(home), 'lake'));
  try {
    const views: DashboardData['views'] = {};
    for (const view of new Set(visuals.map((v) => v.view))) {
      views[view] = await db.query(`select * from ${view}`);
    }
    // Stable orders: topics by volume, days by date, agents by calls.
    views.topic_stats?.sort(
      (a, b) => Number(b.calls) - Number(a.calls) || String(a.topic).localeCompare(String(b.topic)),
    );
    views.daily_overview?.sort((a, b) => String(a.dt).localeCompare(String(b.dt)));
    views.agent_stats?.sort(
      (a, b) => Number(b.calls) - Number(a.calls) || String(a.agent_id).localeCompare(String(b.agent_id)),
    );
    views.pipeline_status?.sort((a, b) => String(a.state).localeCompare(String(b.state)));
    const [kpis = {}] = await db.query(KPI_SQL);
    const [q] = await db.query("select count(*) as n from call_status where state = 'quarantined'");
    const recentCalls = await db.query(
      `select call_id, started_at, primary_topic, round(duration_ms / 1000.0) as duration_s, agent_count as agents,
              transfers, status, summary
       from calls order by started_at desc nulls last, call_id limit 25`,
    );
    return { views, kpis, quarantined: Number(q?.n ?? 0), recentCalls, generatedAt: now };
  } finally {
    db.close();
  }
};

/** `debrief dashboard`: write the HTML page (and optionally serve it on 127.0.0.1). */
export const writeDashboard = async (home: string, out?: string): Promise<string> => {
  const file = resolve(out ?? join(home, 'dashboard.html'));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, renderDashboardHtml(await loadDashboardData(home)));
  return file;
};

/** Serve the dashboard, rebuilt on every request, on loopback only. */
export const serveDashboard = (home: string, port: number): Promise<Server> =>
  new Promise((resolvePromise) => {
    const server = createServer((_req, res) => {
      loadDashboardData(home)
        .then((data) => {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(renderDashboardHtml(data));
        })
        .catch((error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(error));
        });
    });
    server.listen(port, '127.0.0.1', () => resolvePromise(server));
  });
