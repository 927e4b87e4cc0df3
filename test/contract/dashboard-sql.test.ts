import { describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { dashboardViewSql } from '../../dashboards/view-files.js';
import { tempDir } from '../helpers/paths.js';

describe('dashboards/sql views', () => {
  it('every view compiles against the table schemas (columns they use exist) on an empty lake', async () => {
    const db = await DuckDbLake.open(tempDir('empty-lake'));
    try {
      const views = dashboardViewSql();
      expect(views.map((v) => v.name)).toEqual([
        'daily_overview',
        'topic_stats',
        'agent_stats',
        'pipeline_status',
        'queue_stats',
        'topic_daily',
        'category_daily',
        'daily_topic_mix',
        'role_daily',
        'topic_daily_totals',
        'queue_daily_totals',
        'metric_daily',
      ]);
      for (const view of views) expect(await db.query(`select * from ${view.name}`), view.name).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('avoids DuckDB-only syntax so Athena runs the same files', () => {
    for (const view of dashboardViewSql()) {
      expect(view.sql, view.name).not.toMatch(
        /group by all|qualify|::|json_extract_string|quantile_cont|\binterval\b/i,
      );
    }
  });
});
