import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import type { Filters } from '../../dashboards/filters.js';
import { renderDashboardHtml } from '../../dashboards/render-html.js';
import { type DashboardData, dashboardData } from '../../dashboards/workbench-queries.js';
import { requireHome } from '../home-folder.js';

/** Read every view the dashboard shows from the local lake (optionally filtered). */
export const loadDashboardData = async (
  home: string,
  now = new Date().toISOString(),
  filters: Filters = {},
): Promise<DashboardData> => {
  const db = await DuckDbLake.open(join(resolve(home), 'lake'));
  try {
    return await dashboardData((sql, params) => db.query(sql, params), filters, now);
  } finally {
    db.close();
  }
};

/**
 * `debrief dashboard`: write the HTML page (one self-contained file, no script). A home that does
 * not exist is an error, as for `query`: never a stray folder holding an empty page.
 */
export const writeDashboard = async (home: string, out?: string): Promise<string> => {
  requireHome(home);
  const file = resolve(out ?? join(home, 'dashboard.html'));
  mkdirSync(dirname(file), { recursive: true });
  // Write then rename: a browser reloading the page never gets half of it.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, renderDashboardHtml(await loadDashboardData(home)));
  renameSync(tmp, file);
  return file;
};
