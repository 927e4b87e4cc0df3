import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParquetLake } from '../../adapters/lake/parquet-lake.js';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import { tempDir } from '../helpers/paths.js';
import { at, dropColumn, quarantine, writeCall } from './lake-rows.js';

/**
 * Settled (compacted) objects are read without looking every row's call up among the recent
 * calls, but for the partitions where a recent call's earlier committed write can be
 * (adapters/lake/latest-write.ts, supersededPartitionsSql): those the earlier statuses name, or,
 * once a status compaction dropped them, the `superseded_dts` of the status it kept.
 */
const hours = (h: number): string => at(h * 3600);

const setup = () => {
  const home = tempDir('superseded');
  const store = new FsObjectStore(home);
  return { lake: new ParquetLake(store, 'lake'), lakeDir: `${home}/lake` };
};

const open = (lakeDir: string, now: string) => DuckDbLake.open(lakeDir, { clock: () => now });

/** Every call the views show, with its day, turns and the text of its first turn. */
const shown = (db: DuckDbLake) =>
  db.query(
    `select call_id, dt, (select count(*) from turns t where t.call_id = c.call_id) as turns,
            (select count(*) from call_agents g where g.call_id = c.call_id) as agents,
            (select min(text) from turns t where t.call_id = c.call_id) as text
     from calls c order by call_id, dt`,
  );

/** Three calls on three days, compacted at 8 h (horizon 1 h): the writes at 0 are settled. */
const compactedLake = async () => {
  const { lake, lakeDir } = setup();
  await writeCall(lake, 'a', at(0), { dt: '2026-03-01', turns: 2, agents: 2 });
  await writeCall(lake, 'b', at(0), { dt: '2026-03-02', turns: 3 });
  await writeCall(lake, 'c', at(0), { dt: '2026-03-03', turns: 1 });
  await lake.compactAll({ now: hours(8) });
  return { lake, lakeDir };
};

describe('settled objects looked up among the recent calls only where an earlier write can be', () => {
  it('new recent calls only: every compacted day is read with the bound alone, no lookup', async () => {
    const { lake, lakeDir } = await compactedLake();
    await writeCall(lake, 'd', hours(9), { dt: '2026-03-03', turns: 4 });
    await lake.compactAll({ now: hours(9.05) }); // d is committed in a compacted object after B
    const db = await open(lakeDir, hours(9.1));
    try {
      expect(await db.query('select call_id from lake_recent')).toEqual([{ call_id: 'd' }]);
      expect(db.supersededPartitions).toEqual([]);
      const [plan] = await db.query('explain select count(*) from calls');
      expect(String(plan?.explain_value)).not.toMatch(/MARK|ANTI/);
      expect(await shown(db)).toEqual([
        { call_id: 'a', dt: '2026-03-01', turns: 2, agents: 2, text: 'turn 0' },
        { call_id: 'b', dt: '2026-03-02', turns: 3, agents: 1, text: 'turn 0' },
        { call_id: 'c', dt: '2026-03-03', turns: 1, agents: 1, text: 'turn 0' },
        { call_id: 'd', dt: '2026-03-03', turns: 4, agents: 1, text: 'turn 0' },
      ]);
    } finally {
      db.close();
    }
  });

  it('a reprocess into another day hides the earlier write while the earlier status is stored', async () => {
    const { lake, lakeDir } = await compactedLake();
    await writeCall(lake, 'a', hours(9), { dt: '2026-03-05', turns: 4, agents: 1, text: 'again' });
    const db = await open(lakeDir, hours(9.1));
    try {
      expect(db.supersededPartitions).toEqual(['2026-03-01']);
      expect(await shown(db)).toEqual([
        { call_id: 'a', dt: '2026-03-05', turns: 4, agents: 1, text: 'again' },
        { call_id: 'b', dt: '2026-03-02', turns: 3, agents: 1, text: 'turn 0' },
        { call_id: 'c', dt: '2026-03-03', turns: 1, agents: 1, text: 'turn 0' },
      ]);
    } finally {
      db.close();
    }
  });

  it('and after a status compaction dropped it: the status kept names the earlier day', async () => {
    const { lake, lakeDir } = await compactedLake();
    await writeCall(lake, 'a', hours(9), { dt: '2026-03-05', turns: 4, agents: 1, text: 'again' });
    await quarantine(lake, 'b', hours(9));
    // Only call_status: the days still hold the earlier writes (settled, horizon 1 h).
    await lake.compact('call_status', null, { now: hours(9.05) });
    const db = await open(lakeDir, hours(9.1));
    try {
      expect(
        await db.query('select call_id, state, superseded_dts from raw_call_status order by call_id'),
      ).toEqual([
        { call_id: 'a', state: 'processed', superseded_dts: '2026-03-01' },
        { call_id: 'b', state: 'quarantined', superseded_dts: '2026-03-02' },
        { call_id: 'c', state: 'processed', superseded_dts: '' },
      ]);
      expect(db.supersededPartitions).toEqual(['2026-03-01', '2026-03-02']);
      expect(await db.query('select count(*) as n from raw_turns_settled')).toEqual([{ n: 6 }]);
      expect(await shown(db)).toEqual([
        { call_id: 'a', dt: '2026-03-05', turns: 4, agents: 1, text: 'again' },
        { call_id: 'c', dt: '2026-03-03', turns: 1, agents: 1, text: 'turn 0' },
      ]);
    } finally {
      db.close();
    }
  });

  it('a status compaction carries the days its inputs carried, through reprocess after reprocess', async () => {
    const { lake, lakeDir } = await compactedLake();
    await writeCall(lake, 'a', hours(9), { dt: '2026-03-05', turns: 4, text: 'again' });
    await lake.compact('call_status', null, { now: hours(9.05) });
    await writeCall(lake, 'a', hours(9.2), { dt: '2026-03-06', turns: 5, text: 'third' });
    await lake.compact('call_status', null, { now: hours(9.25) });
    const db = await open(lakeDir, hours(9.3));
    try {
      expect(await db.query(`select superseded_dts from raw_call_status where call_id = 'a'`)).toEqual([
        { superseded_dts: '2026-03-01,2026-03-05' },
      ]);
      expect(db.supersededPartitions).toEqual(['2026-03-01', '2026-03-05']);
      expect((await shown(db)).filter((r) => r.call_id === 'a')).toEqual([
        { call_id: 'a', dt: '2026-03-06', turns: 5, agents: 1, text: 'third' },
      ]);
    } finally {
      db.close();
    }
  });

  it('a status object an older version compacted (no column) means any day: every one is looked up', async () => {
    const { lake, lakeDir } = await compactedLake();
    const statusDir = join(lakeDir, 'call_status');
    expect(readdirSync(statusDir).filter((f) => f.startsWith('compacted-'))).toHaveLength(1);
    await dropColumn(statusDir, 'superseded_dts');
    await writeCall(lake, 'a', hours(9), { dt: '2026-03-05', turns: 4, agents: 1, text: 'again' });
    // What that older compaction dropped is unknown: its output still counts as "any" once
    // compacted again by this version.
    await lake.compact('call_status', null, { now: hours(9.05) });
    const db = await open(lakeDir, hours(9.1));
    try {
      expect(await db.query(`select superseded_dts from raw_call_status where call_id = 'a'`)).toEqual([
        { superseded_dts: '*' },
      ]);
      expect(db.supersededPartitions).toBe('any');
      expect((await shown(db)).filter((r) => r.call_id === 'a')).toEqual([
        { call_id: 'a', dt: '2026-03-05', turns: 4, agents: 1, text: 'again' },
      ]);
    } finally {
      db.close();
    }
  });
});
