import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { localLake } from '../../adapters/local/local-deps.js';
import { compactLake } from '../../cli/commands/compact.js';
import { loadDashboardData } from '../../cli/commands/dashboard.js';
import { renderDashboardHtml } from '../../dashboards/render-html.js';
import { searchCalls } from '../../dashboards/workbench-queries.js';
import { tempDir } from '../helpers/paths.js';
import { at, callsRow, later, statusRow } from '../lake/lake-rows.js';

const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

/**
 * 30 calls with a CTR from March, then one recording dropped today without a CTR or recording
 * metadata: nothing says when it started, so its day is the day it was processed.
 */
const lakeWithABareRecording = async (): Promise<string> => {
  const home = tempDir('recent-calls');
  const { lake } = localLake(home);
  for (let i = 0; i < 30; i++) {
    const id = `march-${String(i).padStart(2, '0')}`;
    const dt = '2026-03-02';
    const startedAt = new Date(Date.parse('2026-03-02T09:00:00.000Z') + i * 60_000).toISOString();
    await lake.putCallRows('calls', id, dt, [callsRow(id, at(i), { dt, started_at: startedAt })]);
    await lake.putCallRows('call_status', id, null, [{ ...statusRow(id, at(i)), dt }]);
  }
  const dt = '2026-12-01';
  await lake.putCallRows('calls', 'bare-wav', dt, [callsRow('bare-wav', at(40), { dt, started_at: null })]);
  await lake.putCallRows('call_status', 'bare-wav', null, [{ ...statusRow('bare-wav', at(40)), dt }]);
  return home;
};

describe('the latest calls: started_at, else the day the call was processed', () => {
  it("lists a call processed today without a start time first, not after every call that has one (it never showed among the dashboard's 25)", async () => {
    // Prepare
    const home = await lakeWithABareRecording();
    const listed = async () => {
      const db = await DuckDbLake.open(join(home, 'lake'));
      try {
        const search = await searchCalls((sql, params) => db.query(sql, params), {});
        const data = await loadDashboardData(home);
        return {
          recent: data.recentCalls.map((r) => r.call_id),
          page: renderDashboardHtml(data),
          filtered: (await loadDashboardData(home, undefined, { topic: 'none' })).recentCalls.map(
            (r) => r.call_id,
          ),
          search: search.rows.map((r) => r.call_id),
        };
      } finally {
        db.close();
      }
    };
    // Act: as the run left the lake, then compacted (the dashboard reads per-day summaries)
    const asWritten = await listed();
    await compactLake(home, undefined, { now: later(40), err: quiet });
    const compacted = await listed();
    // Assess
    for (const seen of [asWritten, compacted]) {
      expect(seen.recent).toHaveLength(25);
      expect(seen.recent.slice(0, 3)).toEqual(['bare-wav', 'march-29', 'march-28']);
      expect(seen.filtered.slice(0, 2)).toEqual(['bare-wav', 'march-29']);
      expect(seen.search.slice(0, 2)).toEqual(['bare-wav', 'march-29']);
      // its "started" cell says the day it is filed under, with no start, as the call list does (was blank)
      expect(seen.page).toMatch(
        /<td>bare-wav<\/td><td><span class="note"[^>]*>2026-12-01 \(no start\)<\/span><\/td>/,
      );
    }
  });
});
