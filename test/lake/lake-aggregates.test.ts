import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParquetLake } from '../../adapters/lake/parquet-lake.js';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import {
  AGGREGATES_FOLDER,
  aggregateDir,
  aggregates,
  CALLS_DAY,
  ROLES_DAY,
  rollupFile,
  writeLakeAggregates,
} from '../../adapters/local/lake-aggregates.js';
import { assertSameRows, lakeQueries } from '../../bench/lake.js';
import { generateLakeAtScale } from '../../generator/lake-scale.js';
import { tempDir } from '../helpers/paths.js';
import { at, quarantine, writeCall } from './lake-rows.js';

/**
 * The dashboard views answered from per-day summaries (adapters/local/lake-aggregates.ts) answer
 * what the plain views (every object joined to call_status, no summary) answer, whatever mix of
 * summed days, days touched by re-processed calls, days without a summary and recent calls.
 */
const dashboard = lakeQueries().filter((q) => q.kind === 'dashboard');

const sameAsPlain = async (lakeDir: string, clock?: () => string): Promise<DuckDbLake> => {
  const plain = await DuckDbLake.open(lakeDir, { plain: true, ...(clock ? { clock } : {}) });
  const expected = new Map<string, Record<string, unknown>[]>();
  try {
    for (const q of dashboard) expected.set(q.name, await plain.query(q.reference ?? q.sql));
  } finally {
    plain.close();
  }
  const db = await DuckDbLake.open(lakeDir, clock ? { clock } : {});
  try {
    for (const q of dashboard) {
      const rows = await db.query(q.sql);
      expect(rows.length, q.name).toBe(expected.get(q.name)?.length);
      assertSameRows(q.name, 'the plain views', rows, expected.get(q.name) ?? []);
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
};

const every = (n: number) => Object.fromEntries(aggregates.map((d) => [d.name, n]));

const viewSql = async (db: DuckDbLake, name: string): Promise<string> =>
  String((await db.query(`select sql from duckdb_views() where view_name = '${name}'`))[0]?.sql);

describe('per-day summaries of compacted objects (lake-aggregates.ts)', () => {
  it('a generated lake: summed days, a day of recent calls, a re-processed call, a missing summary, an old lake', async () => {
    const home = tempDir('lake-aggregates');
    const summary = await generateLakeAtScale({ home, calls: 800, days: 4, uncompactedCalls: 30 });
    const lake = join(home, 'lake');
    // The generator writes what `debrief compact` writes: a summary per compacted object.
    // (and one roll-up of them per summary)
    for (const def of aggregates) {
      expect(readdirSync(aggregateDir(lake, def)).filter((n) => n.startsWith('dt='))).toHaveLength(4);
      expect(rollupFile(lake, def)).not.toBeNull();
    }

    // Four summed days and one of per-call objects (recent calls).
    let db = await sameAsPlain(lake);
    try {
      expect(Object.fromEntries(db.aggregatedObjects)).toEqual(every(4));
      expect(await viewSql(db, 'topic_stats')).toMatch(/lake_calls_day/);
      expect(await viewSql(db, 'topic_daily_totals')).toMatch(/lake_calls_day/);
      expect(await viewSql(db, 'queue_daily_totals')).toMatch(/lake_calls_day/);
      expect(await viewSql(db, 'role_daily')).toMatch(/lake_roles_day/);
      expect(await viewSql(db, 'agent_stats')).toMatch(/lake_agents_day/);
      expect(await viewSql(db, 'category_daily')).toMatch(/lake_categories_day/);
      expect(await viewSql(db, 'recent_calls')).toMatch(/lake_recent_day/);
    } finally {
      db.close();
    }

    // A call of a compacted day re-processed since (a new write in the same day, its status after
    // the compaction): that day is read row by row, the others still summed.
    const [old] = await (async () => {
      const plain = await DuckDbLake.open(lake, { plain: true });
      try {
        return await plain.query(
          `select call_id, dt from calls where dt = '2025-12-02' order by call_id limit 1`,
        );
      } finally {
        plain.close();
      }
    })();
    const lakeWriter = new ParquetLake(new FsObjectStore(home), 'lake');
    await writeCall(lakeWriter, String(old?.call_id), '2025-12-05T05:00:00.000Z', {
      dt: '2025-12-02',
      turns: 3,
    });
    db = await sameAsPlain(lake);
    try {
      expect(db.supersededPartitions).toEqual(['2025-12-02']);
      expect(Object.fromEntries(db.aggregatedObjects)).toEqual(every(3));
      const [shown] = await db.query(
        `select count(*) as n, max(duration_ms) as d from calls where call_id = '${String(old?.call_id)}'`,
      );
      expect(shown).toEqual({ n: 1, d: 60000 });
    } finally {
      db.close();
    }

    // A day whose summary is missing (deleted, or never written): its rows in the roll-up count;
    // without the roll-ups (a lake summarised by an earlier version), read row by row.
    const day1 = join(aggregateDir(lake, CALLS_DAY), 'dt=2025-12-01');
    for (const f of readdirSync(day1)) rmSync(join(day1, f));
    db = await sameAsPlain(lake);
    try {
      expect(Object.fromEntries(db.aggregatedObjects)).toEqual(every(3));
    } finally {
      db.close();
    }
    for (const def of aggregates) rmSync(rollupFile(lake, def) ?? '');
    db = await sameAsPlain(lake);
    try {
      expect(Object.fromEntries(db.aggregatedObjects)).toEqual({ ...every(3), calls_day: 2 });
      expect(await viewSql(db, 'lake_calls_day_summed')).not.toMatch(/rollup\./);
    } finally {
      db.close();
    }

    // An old lake (no summaries at all): the views of dashboards/sql, as before.
    rmSync(join(lake, AGGREGATES_FOLDER), { recursive: true });
    db = await sameAsPlain(lake);
    try {
      expect(Object.fromEntries(db.aggregatedObjects)).toEqual(every(0));
      expect(await viewSql(db, 'topic_stats')).not.toMatch(/lake_calls_day/);
    } finally {
      db.close();
    }

    // Written again (what `debrief compact` does after compacting): the days compaction left,
    // and nothing for the re-processed call's per-call objects.
    expect(await writeLakeAggregates(lake)).toEqual({
      written: 4 * aggregates.length,
      removed: 0,
      skipped: 0,
    });
    expect(summary.calls).toBe(830);
  }, 180_000);

  it('a compacted object holding a write stamped after the reader bound is read row by row', async () => {
    const home = tempDir('lake-aggregates-bound');
    const lake = new ParquetLake(new FsObjectStore(home), 'lake');
    const lakeDir = join(home, 'lake');
    const hours = (h: number): string => at(h * 3600);
    await writeCall(lake, 'a', at(0), { dt: '2026-03-01', turns: 2, agents: 2 });
    await writeCall(lake, 'b', at(0), { dt: '2026-03-02', turns: 3 });
    await writeCall(lake, 'c', at(0), { dt: '2026-03-03', turns: 1 });
    await lake.compactAll({ now: hours(8) });
    await writeCall(lake, 'd', hours(9), { dt: '2026-03-03', turns: 4 });
    await lake.compactAll({ now: hours(9.05) }); // d in the compacted object, stamped after B
    await writeLakeAggregates(lakeDir);
    const db = await sameAsPlain(lakeDir, () => hours(9.1));
    try {
      expect(await db.query('select call_id from lake_recent')).toEqual([{ call_id: 'd' }]);
      expect(Object.fromEntries(db.aggregatedObjects)).toEqual({
        ...every(0),
        calls_day: 2,
        recent_day: 2,
        agents_day: 2,
      });
      expect(await db.query('select dt, calls from daily_overview order by dt')).toEqual([
        { dt: '2026-03-01', calls: 1 },
        { dt: '2026-03-02', calls: 1 },
        { dt: '2026-03-03', calls: 2 },
      ]);
    } finally {
      db.close();
    }
    // A compaction that replaces an object leaves no summary of the object it replaced.
    await writeCall(lake, 'e', hours(10), { dt: '2026-03-02', turns: 1 });
    await lake.compactAll({ now: hours(10.6) });
    const report = await writeLakeAggregates(lakeDir);
    expect(report.removed).toBe(3); // calls_day, recent_day and agents_day of the replaced objects
    expect(readdirSync(join(aggregateDir(lakeDir, CALLS_DAY), 'dt=2026-03-02'))).toHaveLength(1);
    expect(existsSync(aggregateDir(lakeDir, ROLES_DAY))).toBe(false);
  });
  it('a mixed lake: the roll-ups (merged older days, per-object rows of the latest) beside uncompacted calls, a re-processed call in a merged day, a stale roll-up', async () => {
    const home = tempDir('lake-rollup');
    await generateLakeAtScale({ home, calls: 1500, days: 10, uncompactedCalls: 60 });
    const lake = join(home, 'lake');
    // Merged rows for the 3 oldest days (ROLLUP_RECENT_DAYS: the latest 7 are kept per object).
    let db = await sameAsPlain(lake);
    try {
      expect(Object.fromEntries(db.aggregatedObjects)).toEqual(every(10));
      expect(await viewSql(db, 'lake_agents_day_summed')).toMatch(/rollup\..*"source" = '\*'/s);
      expect(await viewSql(db, 'lake_calls_day_summed')).toMatch(/rollup\./);
      // One file per summary: no per-object summary is read.
      expect(await viewSql(db, 'lake_calls_day_summed')).not.toMatch(/dt=/);
    } finally {
      db.close();
    }
    // With every day merged but the latest (a roll-up written with one recent day).
    for (const def of aggregates) rmSync(rollupFile(lake, def) ?? '');
    await writeLakeAggregates(lake, { rollupRecentDays: 1 });
    db = await sameAsPlain(lake);
    db.close();

    // A call of a merged day re-processed since: that day is read row by row, so the merged rows
    // (which count it) are not read; the other days' own rows are.
    const [old] = await (async () => {
      const plain = await DuckDbLake.open(lake, { plain: true });
      try {
        return await plain.query(
          `select call_id from calls where dt = '2025-12-02' order by call_id limit 1`,
        );
      } finally {
        plain.close();
      }
    })();
    const lakeWriter = new ParquetLake(new FsObjectStore(home), 'lake');
    await writeCall(lakeWriter, String(old?.call_id), '2025-12-12T05:00:00.000Z', {
      dt: '2025-12-02',
      turns: 3,
      agents: 2,
    });
    db = await sameAsPlain(lake);
    try {
      expect(db.supersededPartitions).toEqual(['2025-12-02']);
      expect(Object.fromEntries(db.aggregatedObjects)).toEqual(every(9));
      expect(await viewSql(db, 'lake_agents_day_summed')).not.toMatch(/"source" = '\*'/);
    } finally {
      db.close();
    }

    // pipeline_status beside per-call statuses: the compacted status object's latest processed
    // call re-processed and its latest partial call quarantined (each state's latest update then
    // comes from another compacted row), and a compacted call written again with the same state.
    const latest = async (state: string) => {
      const plain = await DuckDbLake.open(lake, { plain: true });
      try {
        const [row] = await plain.query(
          `select call_id, dt from call_status where dt < '2025-12-11' and updated_at < timestamp '2025-12-12 00:00:00' and state = ? order by updated_at desc, call_id limit 1`,
          [state],
        );
        return row;
      } finally {
        plain.close();
      }
    };
    const processed = await latest('processed');
    const partial = await latest('partial');
    await writeCall(lakeWriter, String(processed?.call_id), '2025-12-12T06:00:00.000Z', {
      dt: String(processed?.dt),
    });
    await quarantine(lakeWriter, String(partial?.call_id), '2025-12-12T06:30:00.000Z');
    db = await sameAsPlain(lake);
    try {
      expect(await viewSql(db, 'pipeline_status')).toMatch(/lake_status_overridden/);
      const [before] = await db.query(`select count(*) as n from lake_status_overridden`);
      expect(before?.n).toBe(3);
    } finally {
      db.close();
    }

    // A stale roll-up: it covers an object a later compaction replaced (its rows must not count
    // for the new one's), and not the new one (read from its own summary).
    const stale = rollupFile(lake, CALLS_DAY) ?? '';
    const kept = join(home, 'stale-rollup.parquet');
    copyFileSync(stale, kept);
    await lakeWriter.compactAll({ now: '2025-12-12T13:00:00.000Z' });
    await writeLakeAggregates(lake);
    const fresh = rollupFile(lake, CALLS_DAY) ?? '';
    expect(fresh).not.toBe(stale);
    // The stale one named as the newest: the reader takes it.
    copyFileSync(kept, join(dirname(fresh), 'rollup.99999999T999999999Z.stale.parquet'));
    db = await sameAsPlain(lake);
    try {
      expect(await viewSql(db, 'lake_calls_day_summed')).toMatch(/rollup\.9999/);
    } finally {
      db.close();
    }
  }, 240_000);
  it("pipeline_status beside per-call statuses: a state's latest compacted status superseded since", async () => {
    const home = tempDir('lake-status-beside');
    const lake = new ParquetLake(new FsObjectStore(home), 'lake');
    const lakeDir = join(home, 'lake');
    const hours = (h: number): string => at(h * 3600);
    await writeCall(lake, 'a', hours(0), { dt: '2026-03-01' });
    await writeCall(lake, 'b', hours(1), { dt: '2026-03-01' });
    await writeCall(lake, 'c', hours(2), { dt: '2026-03-02' });
    await writeCall(lake, 'd', hours(2), { dt: '2026-03-02' });
    await lake.compactAll({ now: hours(10) });
    // c and d (the latest processed ones) quarantined since, twice for d (the same status row
    // in two objects counts once); e new.
    await quarantine(lake, 'c', hours(11));
    await quarantine(lake, 'd', hours(11));
    await quarantine(lake, 'd', hours(11));
    await writeCall(lake, 'e', hours(12), { dt: '2026-03-03', uncommitted: true });
    const db = await sameAsPlain(lakeDir);
    try {
      expect(await viewSql(db, 'pipeline_status')).toMatch(/lake_status_overridden/);
      expect(await db.query('select * from pipeline_status order by state')).toEqual([
        { state: 'processed', calls: 2, last_update: hours(1).replace('.000Z', 'Z') },
        { state: 'quarantined', calls: 2, last_update: hours(11).replace('.000Z', 'Z') },
      ]);
    } finally {
      db.close();
    }
  });
});
