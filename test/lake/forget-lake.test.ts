import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { AGGREGATES_FOLDER, aggregates } from '../../adapters/local/lake-aggregates.js';
import { assertSameRows, lakeQueries } from '../../bench/lake.js';
import { compactLake } from '../../cli/commands/compact.js';
import { forgetCalls } from '../../cli/commands/forget.js';
import { generateLakeAtScale } from '../../generator/lake-scale.js';
import { tableNames } from '../../schemas/tables.js';
import { tempDir } from '../helpers/paths.js';

/**
 * `debrief forget` on a lake as `debrief compact` leaves it (compacted days with their per-day
 * summaries and roll-ups, and a day of per-call objects beside them): the forgotten calls leave
 * every view and roll-up at once and every file at the next compaction, and every other figure
 * is what the plain views (every object joined to call_status, no summary) say.
 */
const dashboard = lakeQueries().filter((q) => q.kind === 'dashboard');
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

const open = async <T>(lake: string, plain: boolean, read: (db: DuckDbLake) => Promise<T>): Promise<T> => {
  const db = await DuckDbLake.open(lake, { plain });
  try {
    return await read(db);
  } finally {
    db.close();
  }
};

/** Every dashboard view as the workbench reads it equals the plain views'; returns them, and how many objects the summaries stood in for. */
const dashboards = async (lake: string) => {
  const expected = await open(lake, true, async (db) => {
    const rows = new Map<string, Record<string, unknown>[]>();
    for (const q of dashboard) rows.set(q.name, await db.query(q.reference ?? q.sql));
    return rows;
  });
  return open(lake, false, async (db) => {
    for (const q of dashboard) {
      const rows = await db.query(q.sql);
      expect(rows.length, q.name).toBe(expected.get(q.name)?.length);
      assertSameRows(q.name, 'the plain views', rows, expected.get(q.name) ?? []);
    }
    return { views: expected, summed: Object.fromEntries(db.aggregatedObjects) };
  });
};

const list = (ids: readonly string[]) => ids.map((id) => `'${id}'`).join(', ');

/** Rows of the calls each view shows (fast views and plain ones). */
const shown = async (lake: string, ids: readonly string[]) => {
  const found: Record<string, number> = {};
  for (const plain of [false, true])
    await open(lake, plain, async (db) => {
      for (const view of [...tableNames, 'recent_calls']) {
        const [row] = await db.query(`select count(*) as n from ${view} where call_id in (${list(ids)})`);
        if (Number(row?.n) > 0) found[`${plain ? 'plain ' : ''}${view}`] = Number(row?.n);
      }
    });
  return found;
};

/** Rows of the calls stored in the lake's files: every table's objects and every summary holding call ids. */
const stored = async (lake: string, ids: readonly string[]) => {
  const found: Record<string, number> = {};
  await open(lake, true, async (db) => {
    for (const table of tableNames) {
      const [row] = await db.query(
        `select count(*) as n from read_parquet('${join(lake, table, '**', '*.parquet')}', union_by_name = true) where call_id in (${list(ids)})${table === 'call_status' ? " and state <> 'forgotten'" : ''}`,
      );
      if (Number(row?.n) > 0) found[table] = Number(row?.n);
    }
    const summaries = readdirSync(join(lake, AGGREGATES_FOLDER), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.parquet'))
      .map((e) => join(e.parentPath, e.name));
    for (const file of summaries) {
      const [hasId] = await db.query(
        `select count(*) as n from parquet_schema('${file}') where name = 'call_id'`,
      );
      if (Number(hasId?.n) === 0) continue;
      const [row] = await db.query(
        `select count(*) as n from read_parquet('${file}') where call_id in (${list(ids)})`,
      );
      if (Number(row?.n) > 0) found[file.slice(lake.length + 1)] = Number(row?.n);
    }
  });
  return found;
};

/** Per day: calls as daily_overview counts them. */
const perDay = (rows: Record<string, unknown>[] | undefined) =>
  Object.fromEntries((rows ?? []).map((r) => [String(r.dt), Number(r.calls)]));

describe('forget on a compacted lake with summaries and roll-ups', () => {
  it('hides the calls from every view and roll-up at once, drops them from every file at the next compaction, and changes no other figure', async () => {
    // Prepare: 600 calls over 4 compacted days, 30 calls of per-call objects beside them.
    const home = tempDir('forget-lake');
    const lake = join(home, 'lake');
    await generateLakeAtScale({ home, calls: 600, days: 4, uncompactedCalls: 30 });
    const [settled, perCall] = await open(lake, true, async (db) => {
      const recentDay = await db.query(
        `select call_id, dt from calls where call_id in (select call_id from recent_calls) and dt = (select min(dt) from calls) order by call_id limit 1`,
      );
      const [fromCallObject] = await db.query(
        `select call_id, dt from read_parquet('${join(lake, 'calls', '**', 'c-*.parquet')}') order by call_id limit 1`,
      );
      return [
        recentDay[0] ?? (await db.query('select call_id, dt from calls order by dt, call_id limit 1'))[0],
        fromCallObject,
      ];
    });
    expect(settled).toBeDefined();
    expect(perCall).toBeDefined();
    const ids = [String(settled?.call_id), String(perCall?.call_id)];
    const before = await dashboards(lake);
    expect(before.summed).toEqual(Object.fromEntries(aggregates.map((d) => [d.name, 4])));
    const others = await open(lake, true, (db) =>
      db.query(`select * from calls where call_id not in (${list(ids)}) order by call_id`),
    );
    expect(Object.keys(await shown(lake, ids))).toEqual(
      expect.arrayContaining(['calls', 'turns', 'plain calls']),
    );

    // Act
    const report = await forgetCalls({ home, callIds: ids, err: quiet });

    // Assert: gone from every view at once; the day of the settled call is read row by row (its
    // summary counts the call), the other days still from their summaries; every other call as before.
    expect(report.calls.map((c) => [c.callId, c.tombstone, (c.lakeRows.turns ?? 0) > 0])).toEqual([
      [ids[0], true, true],
      [ids[1], true, true],
    ]);
    expect(await shown(lake, ids)).toEqual({});
    const after = await dashboards(lake);
    expect(after.summed).toEqual(Object.fromEntries(aggregates.map((d) => [d.name, 3])));
    const expectedDays = perDay(before.views.get('daily_overview'));
    for (const call of [settled, perCall])
      expectedDays[String(call?.dt)] = (expectedDays[String(call?.dt)] ?? 0) - 1;
    expect(perDay(after.views.get('daily_overview'))).toEqual(expectedDays);
    expect(Number(after.views.get('kpis')?.[0]?.calls)).toBe(
      Number(before.views.get('kpis')?.[0]?.calls) - 2,
    );
    expect(
      await open(lake, true, (db) =>
        db.query(`select * from calls where call_id not in (${list(ids)}) order by call_id`),
      ),
    ).toEqual(others);
    // Still in the files (and the roll-ups) until compaction.
    expect(Object.keys(await stored(lake, ids))).toEqual(expect.arrayContaining(['calls', 'turns']));

    // Act: the next compaction.
    await compactLake(home, undefined, { err: quiet });

    // Assert: no file holds a row of them but their tombstones; every view as right after forget.
    expect(await stored(lake, ids)).toEqual({});
    expect(await shown(lake, ids)).toEqual({});
    const compacted = await dashboards(lake);
    for (const q of dashboard)
      assertSameRows(
        q.name,
        'the views right after forget',
        compacted.views.get(q.name) ?? [],
        after.views.get(q.name) ?? [],
      );
    const tombstones = await open(lake, true, (db) =>
      db.query(
        `select call_id, state from read_parquet('${join(lake, 'call_status', '*.parquet')}') where call_id in (${list(ids)}) order by call_id`,
      ),
    );
    expect(tombstones).toEqual([...ids].sort().map((id) => ({ call_id: id, state: 'forgotten' })));
  }, 240_000);
});
