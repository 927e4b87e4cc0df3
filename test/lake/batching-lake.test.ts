import { describe, expect, it } from 'vitest';
import { BatchingLake } from '../../adapters/lake/batching-lake.js';
import { isLakeObject } from '../../adapters/lake/lake-layout.js';
import { InvalidRowError, ParquetLake } from '../../adapters/lake/parquet-lake.js';
import { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import { queryLake } from '../../cli/commands/query.js';
import type { ObjectStoreWithHead } from '../../core/ports/object-store.js';
import { tempDir } from '../helpers/paths.js';
import { crashingStore, SimulatedCrash } from '../helpers/store-faults.js';
import { at, callsRow, later, statusRow, turnRow, writeCall } from './lake-rows.js';

const T1 = at(0);
const T2 = at(60);

const setup = (wrap: (s: ObjectStoreWithHead) => ObjectStoreWithHead = (s) => s) => {
  const home = tempDir('batch-lake');
  const store = new FsObjectStore(home);
  const parquet = new ParquetLake(wrap(store), 'lake');
  return { home, store, parquet };
};

/** What the views show per call: status and row counts. */
const visible = (home: string) =>
  queryLake(
    home,
    `select s.call_id, s.state, s.updated_at,
            (select count(*) from turns t where t.call_id = s.call_id) as turns,
            (select count(*) from call_agents a where a.call_id = s.call_id) as agents
     from call_status s order by s.call_id`,
  );

/** A write of three calls: two turns and an agent each, status last (as WriteResults does). */
const writeCalls = async (lake: BatchingLake | ParquetLake, ids: string[], writtenAt: string) => {
  for (const id of ids) await writeCall(lake, id, writtenAt);
};

describe('BatchingLake', () => {
  it("holds many calls' writes and lands them as one object per table and day, call_status last", async () => {
    // Prepare
    const puts: string[] = [];
    const { parquet, store, home } = setup(
      (s) =>
        new Proxy(s, {
          get(target, prop, receiver) {
            const value = Reflect.get(target, prop, receiver);
            if (prop !== 'put' || typeof value !== 'function') return value;
            return (key: string, ...rest: unknown[]) => {
              puts.push(key);
              return value.apply(target, [key, ...rest]);
            };
          },
        }),
    );
    const lake = new BatchingLake(parquet, () => T2);
    // Act
    await writeCalls(lake, ['call-1', 'call-2', 'call-3'], T1);
    const beforeFlush = await store.list('lake/');
    const report = await lake.flush();
    // Assess
    expect(beforeFlush).toEqual([]);
    expect(report.calls).toBe(3);
    const names = (await store.list('lake/')).map((k) => k.replace(/\.[0-9a-f]{10}\.parquet$/, '.<token>'));
    expect(names).toEqual([
      'lake/call_agents/dt=2026-03-02/b-20260303T100100000Z.<token>',
      'lake/call_status/b-20260303T100100000Z.<token>',
      'lake/calls/dt=2026-03-02/b-20260303T100100000Z.<token>',
      'lake/turns/dt=2026-03-02/b-20260303T100100000Z.<token>',
    ]);
    expect(puts.at(-1)).toMatch(/^lake\/call_status\/b-/);
    expect(await visible(home)).toEqual(
      ['call-1', 'call-2', 'call-3'].map((id) => ({
        call_id: id,
        state: 'processed',
        updated_at: T1.replace('.000Z', 'Z'),
        turns: 2,
        agents: 1,
      })),
    );
    expect(await lake.flush()).toEqual({ calls: 0, rows: 0, keys: [] });
  });

  it('rejects a bad row when the step writes it, not at the flush, naming the table and call', async () => {
    const lake = new BatchingLake(setup().parquet);
    await expect(
      lake.putCallRows('turns', 'call-1', '2026-03-02', [{ ...turnRow('call-1', 0, T1), turn_index: -1.5 }]),
    ).rejects.toThrow(InvalidRowError);
    await expect(
      lake.putCallRows('turns', 'call-1', '2026-03-02', [turnRow('call-1', 0, T1), turnRow('call-1', 1, T2)]),
    ).rejects.toThrow(/turns rows of call-1 must share one written_at/);
    expect(lake.pendingCalls).toBe(0);
  });

  it('batch objects beside per-call objects: views pick each call latest write; compaction keeps exactly that', async () => {
    // Prepare: call-1 and call-2 written per call, then call-2 reprocessed in a batch with call-3
    const { parquet, store, home } = setup();
    await writeCalls(parquet, ['call-1', 'call-2'], T1);
    const lake = new BatchingLake(parquet, () => T2);
    await writeCall(lake, 'call-2', T2, { agents: 0 });
    await writeCall(lake, 'call-3', T2);
    await lake.flush();
    const shown = await visible(home);
    // Act
    expect(await parquet.pendingObjects('turns', '2026-03-02')).toBe(3);
    const reports = await parquet.compactAll({ now: later(60) });
    // Assess
    expect(shown.map((r) => [r.call_id, r.turns, r.agents])).toEqual([
      ['call-1', 2, 1],
      ['call-2', 2, 0],
      ['call-3', 2, 1],
    ]);
    expect(await visible(home)).toEqual(shown);
    const turns = reports.find((r) => r.table === 'turns');
    expect(turns).toMatchObject({ inputs: 3, rows: 6, superseded: 2 });
    const keys = await store.list('lake/turns/dt=2026-03-02/');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/\/compacted-/);
    expect(await parquet.pendingObjects('turns', '2026-03-02')).toBe(0);
  });

  it('a day that landed as one batch object becomes one compacted object (read in place from then on)', async () => {
    // Prepare
    const { parquet, store, home } = setup();
    const lake = new BatchingLake(parquet, () => T2);
    await writeCalls(lake, ['call-1', 'call-2'], T1);
    await lake.flush();
    const shown = await visible(home);
    // Act
    await parquet.compactAll({ now: later(60) });
    const again = await parquet.compactAll({ now: later(120) });
    // Assess
    const keys = await store.list('lake/turns/dt=2026-03-02/');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/\/compacted-/);
    expect((await store.list('lake/call_status/'))[0]).toMatch(/\/compacted-/);
    expect(await visible(home)).toEqual(shown);
    expect(again.map((r) => r.key)).toEqual(again.map(() => null));
  });

  it('identical rows inside one object count once in the views, before and after compaction', async () => {
    // Prepare: a per-call object holding the same turn twice (as an old compaction could leave)
    const { parquet, store, home } = setup();
    await parquet.putCallRows('calls', 'call-1', '2026-03-02', [callsRow('call-1', T1, { turn_count: 1 })]);
    await parquet.putCallRows('turns', 'call-1', '2026-03-02', [
      turnRow('call-1', 0, T1),
      turnRow('call-1', 0, T1),
    ]);
    await parquet.putCallRows('call_status', 'call-1', null, [
      { ...statusRow('call-1', T1), dt: '2026-03-02' },
    ]);
    const before = await visible(home);
    // Act
    const reports = await parquet.compactAll({ now: later(60) });
    // Assess
    expect(before.map((r) => [r.call_id, r.turns])).toEqual([['call-1', 1]]);
    expect(reports.find((r) => r.table === 'turns')).toMatchObject({ rows: 1, duplicates: 1 });
    expect((await store.list('lake/turns/dt=2026-03-02/'))[0]).toMatch(/\/compacted-/);
    expect(await visible(home)).toEqual(before);
  });

  it('a flush that dies at any point shows no call half-written: each shows its earlier write or its new one', async () => {
    for (let crashAt = 1; crashAt <= 4; crashAt++) {
      // Prepare: both calls committed once, then reprocessed in a batch that dies at the n-th write
      const home = tempDir('batch-crash');
      const store = new FsObjectStore(home);
      await writeCalls(new ParquetLake(store, 'lake'), ['call-1', 'call-2'], T1);
      const before = await visible(home);
      const faulty = crashingStore(store, crashAt);
      const lake = new BatchingLake(new ParquetLake(faulty.store, 'lake'), () => T2);
      await writeCall(lake, 'call-1', T2, { agents: 2 });
      await writeCall(lake, 'call-2', T2);
      // Act
      await expect(lake.flush()).rejects.toThrow(SimulatedCrash);
      // Assess: no status landed (it is written last), so the views show the earlier writes whole
      expect(await visible(home), `crash at write ${crashAt}`).toEqual(before);
    }
  });

  it('b- objects are lake objects; other names in a partition are not', () => {
    const p = 'lake/turns/dt=2026-03-02/';
    expect(isLakeObject(p, `${p}b-20260303T100000000Z.0123456789.parquet`)).toBe(true);
    expect(isLakeObject(p, `${p}c-call.20260303T100000000Z.0123456789.parquet`)).toBe(true);
    expect(isLakeObject(p, `${p}x-20260303T100000000Z.0123456789.parquet`)).toBe(false);
    expect(isLakeObject(p, `${p}b-20260303T100000000Z.0123456789.json`)).toBe(false);
  });
});
