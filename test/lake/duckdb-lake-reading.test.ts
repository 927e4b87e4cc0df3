import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParquetLake } from '../../adapters/lake/parquet-lake.js';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import { tempDir } from '../helpers/paths.js';
import { at, dropColumn, writeCall } from './lake-rows.js';

const hours = (h: number): string => at(h * 3600);

const setup = () => {
  const home = tempDir('reading');
  const store = new FsObjectStore(home);
  return { lake: new ParquetLake(store, 'lake'), lakeDir: `${home}/lake` };
};

describe('DuckDbLake reads the objects of a table as they are', () => {
  // The raw views read a table's objects by the first one's columns (binding union_by_name each
  // query cost more than the dashboards' reading); objects that differ are read by name instead.
  it.each([{ older: ['2026-03-02'] }, { older: ['2026-03-03'] }, { older: ['2026-03-02', '2026-03-03'] }])(
    'objects without a column (an older version wrote them: $older) show it null, every row once',
    async ({ older }) => {
      const { lake, lakeDir } = setup();
      await writeCall(lake, 'a', at(0), { dt: '2026-03-02', turns: 2 });
      await writeCall(lake, 'b', at(0), { dt: '2026-03-03', turns: 3 });
      await lake.compactAll({ now: hours(8) });
      for (const dt of older) await dropColumn(join(lakeDir, 'calls', `dt=${dt}`), 'language');
      const language = (dt: string) => (older.includes(dt) ? null : 'en-US');
      const db = await DuckDbLake.open(lakeDir, { clock: () => hours(30) });
      try {
        expect(
          await db.query('select call_id, dt, language, turn_count from calls order by call_id'),
        ).toEqual([
          { call_id: 'a', dt: '2026-03-02', language: language('2026-03-02'), turn_count: 2 },
          { call_id: 'b', dt: '2026-03-03', language: language('2026-03-03'), turn_count: 3 },
        ]);
        expect(await db.query('select count(*) as n from turns')).toEqual([{ n: 5 }]);
      } finally {
        db.close();
      }
    },
  );

  it("a recent call's committed rows are looked up in the partition its status names, and shown once", async () => {
    const { lake, lakeDir } = setup();
    await writeCall(lake, 'old', hours(-10), { dt: '2026-03-02', turns: 2 });
    await writeCall(lake, 'new', at(0), { dt: '2026-03-03', turns: 3 });
    // Compacted half an hour after the new write: its horizon is 6.5 h before, so the new call's
    // status is after B and its compacted rows are read by the join.
    await lake.compactAll({ now: hours(0.5) });
    const db = await DuckDbLake.open(lakeDir, { clock: () => hours(1) });
    try {
      expect(db.settledBound).not.toBeNull();
      expect(await db.query('select call_id, dt from lake_recent')).toEqual([
        { call_id: 'new', dt: '2026-03-03' },
      ]);
      expect(await db.query('select distinct dt from raw_turns_settled_recent')).toEqual([
        { dt: '2026-03-03' },
      ]);
      expect(
        await db.query('select call_id, count(*) as n from turns group by call_id order by call_id'),
      ).toEqual([
        { call_id: 'new', n: 3 },
        { call_id: 'old', n: 2 },
      ]);
    } finally {
      db.close();
    }
  });

  it('answers DECIMAL and BIGINT as numbers, as the Athena path does', async () => {
    const { lakeDir } = setup();
    const db = await DuckDbLake.open(lakeDir);
    try {
      expect(
        await db.query(
          'select 1.5 as literal, sum(1.5) as summed, cast(2.25 as decimal(38, 2)) as wide, 3::bigint as n',
        ),
      ).toEqual([{ literal: 1.5, summed: 1.5, wide: 2.25, n: 3 }]);
    } finally {
      db.close();
    }
  });
});
