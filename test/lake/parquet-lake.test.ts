import { describe, expect, it } from 'vitest';
import { InvalidRowError, ParquetLake } from '../../adapters/lake/parquet-lake.js';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import type { CallTopicsRow, TurnsRow } from '../../schemas/tables.js';
import { tempDir } from '../helpers/paths.js';

const turn = (callId: string, i: number, writtenAt: string, text = `turn ${i}`): TurnsRow => ({
  call_id: callId,
  dt: '2026-03-02',
  turn_index: i,
  role: i % 2 === 0 ? 'AGENT' : 'CUSTOMER',
  agent_id: i % 2 === 0 ? 'u-dana' : null,
  agent_name: null,
  channel: i % 2 === 0 ? 'AGENT' : 'CUSTOMER',
  begin_ms: i * 1000,
  end_ms: i * 1000 + 900,
  text,
  sentiment: 'NEUTRAL',
  loudness: 70.5,
  toxicity: null,
  toxicity_label: null,
  toxicity_labels: null,
  written_at: writtenAt,
});

const setup = () => {
  const home = tempDir('lake');
  const store = new FsObjectStore(home);
  return { home, store, lake: new ParquetLake(store, 'lake'), lakeDir: `${home}/lake` };
};

const query = async (lakeDir: string, sql: string) => {
  const db = await DuckDbLake.open(lakeDir);
  try {
    return await db.query(sql);
  } finally {
    db.close();
  }
};

describe('ParquetLake', () => {
  it('writes a Hive-partitioned object per call that DuckDB reads back with the declared types', async () => {
    // Prepare
    const { lake, store, lakeDir } = setup();
    // Act
    await lake.putCallRows('turns', 'call-1', '2026-03-02', [
      turn('call-1', 0, '2026-03-03T10:00:00.000Z'),
      turn('call-1', 1, '2026-03-03T10:00:00.000Z'),
    ]);
    // Assess
    expect(await store.list('lake/')).toEqual(['lake/turns/dt=2026-03-02/c-call-1.parquet']);
    const rows = await query(
      lakeDir,
      'select call_id, dt, turn_index, role, agent_id, loudness, written_at, typeof(turn_index) as t from turns order by turn_index',
    );
    expect(rows).toEqual([
      {
        call_id: 'call-1',
        dt: '2026-03-02',
        turn_index: 0,
        role: 'AGENT',
        agent_id: 'u-dana',
        loudness: 70.5,
        written_at: '2026-03-03T10:00:00Z',
        t: 'BIGINT',
      },
      {
        call_id: 'call-1',
        dt: '2026-03-02',
        turn_index: 1,
        role: 'CUSTOMER',
        agent_id: null,
        loudness: 70.5,
        written_at: '2026-03-03T10:00:00Z',
        t: 'BIGINT',
      },
    ]);
  });

  it('reprocessing a call overwrites its rows instead of adding more', async () => {
    const { lake, lakeDir } = setup();
    await lake.putCallRows('turns', 'c', '2026-03-02', [
      turn('c', 0, '2026-03-03T10:00:00.000Z'),
      turn('c', 1, '2026-03-03T10:00:00.000Z'),
    ]);
    await lake.putCallRows('turns', 'c', '2026-03-02', [turn('c', 0, '2026-03-03T11:00:00.000Z', 'again')]);
    expect(await query(lakeDir, 'select count(*) as n, min(text) as text from raw_turns')).toEqual([
      { n: 1, text: 'again' },
    ]);
  });

  it('an empty row set removes what an earlier run wrote', async () => {
    const { lake, store } = setup();
    const topic: CallTopicsRow = {
      call_id: 'c',
      dt: '2026-03-02',
      topic: 'billing',
      score: 0.9,
      rank: 1,
      written_at: '2026-03-03T10:00:00.000Z',
    };
    await lake.putCallRows('call_topics', 'c', '2026-03-02', [topic]);
    await lake.putCallRows('call_topics', 'c', '2026-03-02', []);
    expect(await store.list('lake/call_topics/')).toEqual([]);
  });

  it('rejects a row that breaks the table schema, naming the table, call and problem', async () => {
    const { lake } = setup();
    const bad = { ...turn('c', 0, '2026-03-03T10:00:00.000Z'), role: 'BOT' };
    await expect(lake.putCallRows('turns', 'c', '2026-03-02', [bad])).rejects.toThrow(InvalidRowError);
    await expect(lake.putCallRows('turns', 'c', '2026-03-02', [bad])).rejects.toThrow(/turns row 0 of c/);
  });

  it('compaction merges a day into one object; a later reprocess still wins in the views', async () => {
    // Prepare: three calls, one of them written twice (older version first)
    const { lake, store, lakeDir } = setup();
    for (const id of ['a', 'b', 'c'])
      await lake.putCallRows('turns', id, '2026-03-02', [
        turn(id, 0, '2026-03-03T10:00:00.000Z'),
        turn(id, 1, '2026-03-03T10:00:00.000Z'),
      ]);
    // Act
    const report = await lake.compact('turns', '2026-03-02');
    await lake.putCallRows('turns', 'b', '2026-03-02', [
      turn('b', 0, '2026-03-04T10:00:00.000Z', 'reprocessed'),
    ]);
    // Assess
    expect(report).toMatchObject({ inputs: 3, rows: 6 });
    const keys = await store.list('lake/turns/');
    expect(keys).toHaveLength(2);
    expect(keys.some((k) => /compacted-/.test(k))).toBe(true);
    expect(await query(lakeDir, 'select count(*) as n from raw_turns')).toEqual([{ n: 7 }]);
    expect(
      await query(
        lakeDir,
        'select call_id, count(*) as n, min(text) as t from turns group by call_id order by call_id',
      ),
    ).toEqual([
      { call_id: 'a', n: 2, t: 'turn 0' },
      { call_id: 'b', n: 1, t: 'reprocessed' },
      { call_id: 'c', n: 2, t: 'turn 0' },
    ]);
    // A second compaction folds the newer version in and drops the superseded rows.
    const again = await lake.compact('turns', '2026-03-02');
    expect(again).toMatchObject({ inputs: 2, rows: 5 });
    expect(await query(lakeDir, 'select count(*) as n from raw_turns')).toEqual([{ n: 5 }]);
  });

  it('tables with no data yet are empty, typed and queryable', async () => {
    const { lakeDir } = setup();
    expect(await query(lakeDir, 'select count(*) as n from calls')).toEqual([{ n: 0 }]);
    expect(
      await query(
        lakeDir,
        "select column_name, data_type from information_schema.columns where table_name = 'raw_calls' and column_name in ('duration_ms', 'started_at', 'resolved') order by column_name",
      ),
    ).toEqual([
      { column_name: 'duration_ms', data_type: 'BIGINT' },
      { column_name: 'resolved', data_type: 'BOOLEAN' },
      { column_name: 'started_at', data_type: 'TIMESTAMP' },
    ]);
  });
});
