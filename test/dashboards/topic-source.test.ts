import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParquetLake } from '../../adapters/lake/parquet-lake.js';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import { aggregates, writeLakeAggregates } from '../../adapters/local/lake-aggregates.js';
import { dashboardViewSql } from '../../dashboards/view-files.js';
import { visuals } from '../../dashboards/visuals.js';
import type { CallsRow } from '../../schemas/tables.js';
import { tempDir } from '../helpers/paths.js';
import { at, dropColumn, writeCall } from '../lake/lake-rows.js';

const hours = (h: number): string => at(h * 3600);
const topic = (primary: string | null, model: string, source: CallsRow['topic_source']) => ({
  call: {
    primary_topic: primary,
    primary_topic_score: primary ? 0.5 : null,
    topics_status: 'ok',
    topic_model: model,
    topic_source: source,
  },
});

const MIX =
  'select dt, topic, topic_model, topic_source, calls, share from daily_topic_mix order by dt, topic, topic_model, topic_source';

/**
 * The drift view (daily_topic_mix) keeps analysts' corrections apart from the model's answers
 * (calls.topic_source), and reads rows written before the column existed as `unknown`.
 */
describe('daily_topic_mix: topic_source', () => {
  it('separates corrections from model answers; a day written before the column reads unknown; summaries answer the same', async () => {
    // Prepare: a day written before topic_source existed, a compacted day with a corrected call,
    // and a recent (uncompacted) corrected call.
    const home = tempDir('topic-source');
    const lake = new ParquetLake(new FsObjectStore(home), 'lake');
    const lakeDir = join(home, 'lake');
    await writeCall(lake, 'a', at(0), { dt: '2026-03-01', ...topic('billing', 'm1', 'model') });
    await writeCall(lake, 'b', at(0), { dt: '2026-03-01', ...topic(null, 'm1', 'model') });
    await writeCall(lake, 'c', at(0), { dt: '2026-03-02', ...topic('billing', 'm2', 'model') });
    await writeCall(lake, 'd', at(0), { dt: '2026-03-02', ...topic('billing', 'm2', 'correction') });
    await writeCall(lake, 'e', at(0), { dt: '2026-03-02', ...topic('claims', 'm2', 'model') });
    await lake.compactAll({ now: hours(8) });
    await dropColumn(join(lakeDir, 'calls', 'dt=2026-03-01'), 'topic_source');
    await writeCall(lake, 'f', hours(9), { dt: '2026-03-03', ...topic('billing', 'm2', 'correction') });
    // The older object is summarised too (topic_source null, as the views read it): the summaries
    // of `calls` and `call_agents` (writeCall writes no roles or categories) of both days.
    const summarised = aggregates.filter((d) => d.table === 'calls' || d.table === 'call_agents');
    expect(await writeLakeAggregates(lakeDir)).toEqual({
      written: 2 * summarised.length,
      removed: 0,
      skipped: 0,
    });
    const expected = [
      {
        dt: '2026-03-01',
        topic: 'billing',
        topic_model: 'm1',
        topic_source: 'unknown',
        calls: 1,
        share: 0.5,
      },
      { dt: '2026-03-01', topic: 'none', topic_model: 'm1', topic_source: 'unknown', calls: 1, share: 0.5 },
      {
        dt: '2026-03-02',
        topic: 'billing',
        topic_model: 'm2',
        topic_source: 'correction',
        calls: 1,
        share: 1 / 3,
      },
      {
        dt: '2026-03-02',
        topic: 'billing',
        topic_model: 'm2',
        topic_source: 'model',
        calls: 1,
        share: 1 / 3,
      },
      { dt: '2026-03-02', topic: 'claims', topic_model: 'm2', topic_source: 'model', calls: 1, share: 1 / 3 },
      {
        dt: '2026-03-03',
        topic: 'billing',
        topic_model: 'm2',
        topic_source: 'correction',
        calls: 1,
        share: 1,
      },
    ];
    // Act + Assess: the plain view (dashboards/sql, every object read) and the summarised one.
    for (const plain of [true, false]) {
      const db = await DuckDbLake.open(lakeDir, { plain, clock: () => hours(9.1) });
      try {
        expect(await db.query(MIX), plain ? 'plain' : 'summaries').toEqual(expected);
        if (!plain) expect(db.aggregatedObjects.get('calls_day')).toBe(2);
      } finally {
        db.close();
      }
    }
  });

  it('the view, the dashboard table (local page and QuickSight) and the Trino-run SQL carry topic_source', () => {
    const sql = dashboardViewSql().find((v) => v.name === 'daily_topic_mix')!.sql;
    expect(sql).toContain("coalesce(topic_source, 'unknown') as topic_source");
    expect(sql).toMatch(/group by dt, .*coalesce\(topic_source, 'unknown'\)/);
    const table = visuals.find((v) => v.view === 'daily_topic_mix');
    expect(table?.kind === 'table' ? table.columns : []).toEqual(
      expect.arrayContaining(['topic', 'topic_model', 'topic_source', 'calls', 'share']),
    );
  });
});
