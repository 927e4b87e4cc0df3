import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../adapters/aws/s3-object-store.js';
import { InvalidRowError, ParquetLake } from '../../adapters/lake/parquet-lake.js';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import { stampOf } from '../../core/object-names.js';
import type { ObjectStoreWithHead } from '../../core/ports/object-store.js';
import { FAKE_AWS_CONFIG } from '../helpers/aws.js';
import { tempDir } from '../helpers/paths.js';
import { mockBucket } from '../helpers/s3-bucket.js';
import { crashingStore, pausingStore, SimulatedCrash } from '../helpers/store-faults.js';
import { agentRow, at, later, quarantine, statusRow, turnRow, writeCall } from './lake-rows.js';

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

/** Per table: rows the views show, and rows stored (raw). */
const counts = (lakeDir: string) =>
  query(
    lakeDir,
    `select (select count(*) from calls) as calls, (select count(*) from turns) as turns,
            (select count(*) from call_agents) as agents, (select count(*) from call_status) as status,
            (select count(*) from raw_calls) as raw_calls, (select count(*) from raw_turns) as raw_turns,
            (select count(*) from raw_call_agents) as raw_agents, (select count(*) from raw_call_status) as raw_status`,
  ).then((r) => r[0]);

describe('ParquetLake', () => {
  it('writes each write of a call as its own object, read back with the declared types once committed', async () => {
    // Prepare
    const { lake, store, lakeDir } = setup();
    // Act
    await lake.putCallRows('turns', 'call-1', '2026-03-02', [
      turnRow('call-1', 0, '2026-03-03T10:00:00.000Z'),
      turnRow('call-1', 1, '2026-03-03T10:00:00.000Z'),
    ]);
    const beforeCommit = await query(lakeDir, 'select count(*) as n from turns');
    await lake.putCallRows('call_status', 'call-1', null, [statusRow('call-1', '2026-03-03T10:00:00.000Z')]);
    // Assess
    const keys = await store.list('lake/');
    expect(keys.map((k) => k.replace(/\.[0-9a-f]{10}\.parquet$/, '.<token>.parquet'))).toEqual([
      'lake/call_status/c-call-1.20260303T100000000Z.<token>.parquet',
      'lake/turns/dt=2026-03-02/c-call-1.20260303T100000000Z.<token>.parquet',
    ]);
    expect(beforeCommit).toEqual([{ n: 0 }]);
    expect(
      await query(
        lakeDir,
        'select call_id, dt, turn_index, role, agent_id, loudness, written_at, typeof(turn_index) as t from turns order by turn_index',
      ),
    ).toEqual([
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

  it('a reprocess hides the earlier write; compaction then drops it for good', async () => {
    const { lake, lakeDir } = setup();
    await writeCall(lake, 'c', at(0), { turns: 2 });
    await writeCall(lake, 'c', at(1), { turns: 1, text: 'again' });
    expect(await query(lakeDir, 'select count(*) as n, min(text) as text from turns')).toEqual([
      { n: 1, text: 'again' },
    ]);
    expect(await lake.compactAll({ now: later(2) })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: 'turns', inputs: 2, rows: 1, superseded: 2 }),
      ]),
    );
    expect(await counts(lakeDir)).toMatchObject({ turns: 1, raw_turns: 1, status: 1, raw_status: 1 });
  });

  it('rejects a row that breaks the table schema, naming the table, call and problem', async () => {
    const { lake } = setup();
    const bad = { ...turnRow('c', 0, '2026-03-03T10:00:00.000Z'), role: 'BOT' };
    await expect(lake.putCallRows('turns', 'c', '2026-03-02', [bad])).rejects.toThrow(InvalidRowError);
    await expect(lake.putCallRows('turns', 'c', '2026-03-02', [bad])).rejects.toThrow(/turns row 0 of c/);
    await expect(
      lake.putCallRows('turns', 'c', '2026-03-02', [turnRow('c', 0, at(0)), turnRow('c', 1, at(1))]),
    ).rejects.toThrow(/one written_at/);
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

  it('a home whose path has glob characters or a dt= folder is read as itself, not as a pattern (#11.13)', async () => {
    const base = tempDir('glob');
    const homes = [`${base}/calls[1]`, `${base}/a*`, `${base}/ab`, `${base}/dt=1999-01-01/h`];
    for (const [i, home] of homes.entries()) {
      const lake = new ParquetLake(new FsObjectStore(home), 'lake');
      for (let c = 0; c <= i; c += 1) await writeCall(lake, `call-${c}`, at(c));
    }
    // `a*` must not read `ab`; `calls[1]` must match itself; dt comes from the lake's own folders.
    expect(await query(`${homes[0]}/lake`, 'select count(*) as n from calls')).toEqual([{ n: 1 }]);
    expect(await query(`${homes[1]}/lake`, 'select count(*) as n from calls')).toEqual([{ n: 2 }]);
    expect(await query(`${homes[3]}/lake`, 'select distinct dt from turns')).toEqual([{ dt: '2026-03-02' }]);
  });
});

describe('what call_status says, the tables show (#11.4)', () => {
  it('a call quarantined after it was processed has no calls, turns or agents rows, before and after compaction', async () => {
    const { lake, lakeDir } = setup();
    await writeCall(lake, 'c', at(0), { turns: 3, agents: 2 });
    await writeCall(lake, 'other', at(0));
    await quarantine(lake, 'c', at(1));
    const check = async () =>
      expect(
        await query(
          lakeDir,
          `select s.state, (select count(*) from calls where call_id = 'c') as calls,
                  (select count(*) from turns where call_id = 'c') as turns,
                  (select count(*) from call_agents where call_id = 'c') as agents
           from call_status s where s.call_id = 'c'`,
        ),
      ).toEqual([{ state: 'quarantined', calls: 0, turns: 0, agents: 0 }]);
    await check();
    await lake.compactAll({ now: later(2) });
    await check();
    expect(await query(lakeDir, "select count(*) as n from raw_turns where call_id = 'c'")).toEqual([
      { n: 0 },
    ]);
  });

  it('a write that dies before its status row shows nothing new: the earlier run stays whole', async () => {
    const { lake, lakeDir } = setup();
    await writeCall(lake, 'c', at(0), { turns: 3, agents: 2 });
    await writeCall(lake, 'c', at(1), { turns: 5, agents: 1, uncommitted: true });
    expect(await counts(lakeDir)).toMatchObject({ calls: 1, turns: 3, agents: 2, status: 1 });
    expect(await query(lakeDir, 'select turn_count from calls')).toEqual([{ turn_count: 3 }]);
    // Compaction keeps the pending write (it may still commit) and shows the same.
    await lake.compactAll({ now: later(2) });
    expect(await counts(lakeDir)).toMatchObject({ calls: 1, turns: 3, agents: 2, raw_turns: 8 });
    // A write nobody committed for longer than an execution can live is dropped.
    await lake.compactAll({ now: at(8 * 3600) }); // past ABANDONED_AFTER_MS
    expect(await counts(lakeDir)).toMatchObject({ calls: 1, turns: 3, raw_turns: 3, raw_agents: 2 });
  });

  it('a reprocess without its CTR (no agents) leaves no old call_agents rows, before or after compaction', async () => {
    const { lake, lakeDir } = setup();
    await writeCall(lake, 'c', at(0), { agents: 2 });
    await lake.compactAll({ now: later(1) });
    await writeCall(lake, 'c', at(2), { agents: 0 });
    expect(await counts(lakeDir)).toMatchObject({ calls: 1, agents: 0 });
    await lake.compactAll({ now: later(3) });
    expect(await counts(lakeDir)).toMatchObject({ calls: 1, agents: 0, raw_agents: 0, raw_calls: 1 });
  });

  it('a call whose date moved (its CTR arrived late) keeps no rows in the old day', async () => {
    const { lake, lakeDir } = setup();
    await writeCall(lake, 'c', at(0), { dt: '2026-03-05' });
    await writeCall(lake, 'c', at(1), { dt: '2026-03-02' });
    expect(await query(lakeDir, 'select dt, count(*) as n from turns group by dt')).toEqual([
      { dt: '2026-03-02', n: 2 },
    ]);
    await lake.compactAll({ now: later(2) });
    expect(await query(lakeDir, 'select dt, count(*) as n from raw_turns group by dt')).toEqual([
      { dt: '2026-03-02', n: 2 },
    ]);
  });
});

const s3 = mockClient(S3Client);

/** The same scenarios on the folder store and on S3 (the SDK mocked with a bucket that answers as documented). */
const stores: { name: string; make: () => { store: ObjectStoreWithHead; lakeDir: string | null } }[] = [
  {
    name: 'folder',
    make: () => {
      const { store, lakeDir } = setup();
      return { store, lakeDir };
    },
  },
  {
    name: 'S3',
    make: () => {
      s3.reset();
      mockBucket(s3, 7);
      return { store: new S3ObjectStore(new S3Client(FAKE_AWS_CONFIG), 'calls-bucket'), lakeDir: null };
    },
  },
];

/** What the views would show, computed by the compaction's own rules over what is stored. */
const visible = async (store: ObjectStoreWithHead) => {
  const lake = new ParquetLake(store, 'lake');
  const statuses = await lake.statuses();
  const { decodeRows } = await import('../../adapters/lake/parquet-codec.js');
  const { tables } = await import('../../schemas/tables.js');
  const rowsOf = async (table: 'calls' | 'turns' | 'call_agents') => {
    const out = new Set<string>();
    for (const v of await store.listVersions(`lake/${table}/`)) {
      const body = await store.getVersion(v.key, v.etag);
      for (const row of body ? await decodeRows(tables[table], body) : []) {
        const s = statuses.get(String(row.call_id));
        if (s && s.state !== 'quarantined' && s.updatedAt === row.written_at) out.add(JSON.stringify(row));
      }
    }
    return out.size;
  };
  return { calls: await rowsOf('calls'), turns: await rowsOf('turns'), agents: await rowsOf('call_agents') };
};

describe.each(stores)('compaction beside writers, on the $name store (#11.2, #11.3, #12.8)', ({ make }) => {
  it('a call reprocessed between the compaction reading a day and deleting its objects is not lost', async () => {
    // Prepare: two calls written and committed
    const { store } = make();
    const lake = new ParquetLake(store, 'lake');
    await writeCall(lake, 'a', at(0), { turns: 2 });
    await writeCall(lake, 'b', at(0), { turns: 2 });
    const paused = pausingStore(store, 'deleteVersion', /lake\/turns\//);
    // Act: the compaction has read and written its output, and stops before its first delete...
    const compaction = new ParquetLake(paused.store, 'lake').compact('turns', '2026-03-02', {
      now: later(1),
    });
    await paused.reached;
    // ...while call a is reprocessed (new rows, then its commit) and b is quarantined.
    await writeCall(lake, 'a', at(2), { turns: 4, text: 'reprocessed' });
    await quarantine(lake, 'b', at(2));
    paused.release();
    await compaction;
    // Assess: a's new rows survived the compaction's deletes; b shows nothing.
    expect(await visible(store)).toEqual({ calls: 1, turns: 4, agents: 1 });
    await lake.compactAll({ now: later(3) });
    expect(await visible(store)).toEqual({ calls: 1, turns: 4, agents: 1 });
  });

  it('two compactions at once leave each row once in the views, and once stored after the next compaction', async () => {
    const { store, lakeDir } = make();
    const lake = new ParquetLake(store, 'lake');
    for (const id of ['a', 'b', 'c']) await writeCall(lake, id, at(0), { turns: 3 });
    await writeCall(lake, 'b', at(1), { turns: 2 });
    await Promise.all([lake.compactAll({ now: later(2) }), lake.compactAll({ now: later(2) })]);
    expect(await visible(store)).toEqual({ calls: 3, turns: 8, agents: 3 });
    if (lakeDir) expect(await counts(lakeDir)).toMatchObject({ calls: 3, turns: 8, status: 3 });
    await lake.compactAll({ now: later(3) });
    if (lakeDir)
      expect(await counts(lakeDir)).toMatchObject({ turns: 8, raw_turns: 8, raw_calls: 3, raw_status: 3 });
  });

  it('a compaction killed at any point leaves every row once in the views; the next one leaves it once stored', async () => {
    // Count the mutations a whole compaction makes, then crash at each one in turn.
    const build = async () => {
      const { store, lakeDir } = make();
      const lake = new ParquetLake(store, 'lake');
      for (const id of ['a', 'b']) await writeCall(lake, id, at(0), { turns: 2, agents: 2 });
      await writeCall(lake, 'a', at(1), { turns: 3, agents: 1 });
      await quarantine(lake, 'b', at(1));
      return { store, lakeDir, lake };
    };
    const probe = await build();
    const counting = crashingStore(probe.store, Number.POSITIVE_INFINITY);
    await new ParquetLake(counting.store, 'lake').compactAll({ now: later(2) });
    const total = counting.mutations();
    expect(total).toBeGreaterThan(5);
    for (let k = 1; k <= total; k += 1) {
      const { store, lakeDir, lake } = await build();
      const crashing = crashingStore(store, k);
      await expect(new ParquetLake(crashing.store, 'lake').compactAll({ now: later(2) })).rejects.toThrow(
        SimulatedCrash,
      );
      expect(await visible(store), `crash at mutation ${k}`).toEqual({ calls: 1, turns: 3, agents: 1 });
      if (lakeDir) expect(await counts(lakeDir)).toMatchObject({ calls: 1, turns: 3, agents: 1, status: 2 });
      await lake.compactAll({ now: later(3) });
      if (lakeDir)
        expect(await counts(lakeDir), `crash at mutation ${k}`).toMatchObject({
          raw_calls: 1,
          raw_turns: 3,
          raw_agents: 1,
          raw_status: 2,
        });
    }
  });
});

describe('reads while a compaction runs (#11.13)', () => {
  it('queries during compactions always see every call exactly once', async () => {
    const { lake, lakeDir } = setup();
    for (let i = 0; i < 30; i += 1) await writeCall(lake, `c${i}`, at(i), { turns: 2 });
    const db = await DuckDbLake.open(lakeDir);
    let compacting = true;
    const compactions = (async () => {
      for (let round = 0; round < 4; round += 1) {
        for (let i = 0; i < 30; i += 7)
          await writeCall(lake, `c${i}`, at(100 + round * 30 + i), { turns: 2 });
        // Right after the writes, as in real time: what they superseded is kept through the grace period.
        await lake.compactAll({ now: at(100 + round * 30 + 29) });
      }
      compacting = false;
    })();
    const seen: unknown[] = [];
    try {
      while (compacting)
        seen.push(...(await db.query('select count(*) as calls, count(distinct call_id) as ids from calls')));
      await compactions;
    } finally {
      db.close();
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((s) => JSON.stringify(s)))).toEqual(
      new Set([JSON.stringify({ calls: 30, ids: 30 })]),
    );
  });

  it('stale agent rows stay out even when only call_agents was compacted', async () => {
    const { lake, lakeDir } = setup();
    await lake.putCallRows('call_agents', 'c', '2026-03-02', [
      agentRow('c', 1, at(0)),
      agentRow('c', 2, at(0)),
    ]);
    await lake.putCallRows('call_status', 'c', null, [statusRow('c', at(0))]);
    await lake.compact('call_agents', '2026-03-02', { now: later(1) });
    await lake.putCallRows('call_status', 'c', null, [statusRow('c', at(2))]);
    expect(await query(lakeDir, 'select count(*) as n from call_agents')).toEqual([{ n: 0 }]);
  });
});

describe('a lake at a large contact center scale', () => {
  it('reads the latest status of 150,000 calls kept in one compacted object', async () => {
    // Prepare: more rows than a spread into push() can take (about 120,000 on V8)
    const { lake } = setup();
    const rows = Array.from({ length: 150_000 }, (_, i) => statusRow(`call-${i}`, at(1)));
    await lake.putBatch('call_status', null, rows, at(1));
    // Act
    const statuses = await lake.statuses();
    // Assess
    expect(statuses.size).toBe(150_000);
    expect(statuses.get('call-149999')).toEqual({ updatedAt: at(1), state: 'processed' });
  });
});

describe("merging a run's small objects", () => {
  const objects = async (store: ObjectStoreWithHead) =>
    (await store.list('lake/')).map((k) => k.replace(/\/(c-[^.]+|b-|compacted-)[^/]*$/, '/$1'));

  it('leaves one object per partition and the same rows in every view, compacted objects untouched', async () => {
    // Prepare: a compacted day, then calls written one object each, a reprocess, a quarantine,
    // a write nobody committed and a write that sits in two objects (a killed merge)
    const { lake, store, lakeDir } = setup();
    await writeCall(lake, 'old', at(0));
    await lake.compactAll({ now: later(1) });
    for (const id of ['a', 'b', 'c']) await writeCall(lake, id, at(2), { turns: 3 });
    await writeCall(lake, 'b', at(3), { turns: 1, text: 'again' });
    await quarantine(lake, 'c', at(4));
    await writeCall(lake, 'd', at(5), { uncommitted: true });
    const [copied] = (await store.list('lake/turns/dt=2026-03-02/')).filter((k) => k.includes('/c-a.'));
    await store.put(
      copied!.replace(/\.[0-9a-f]+\.parquet$/, '.0000000000.parquet'),
      await store.get(copied!),
    );
    const views = `select (select count(*) from calls) as calls, (select string_agg(call_id || ':' || turn_index || ':' || text, ',' order by call_id, turn_index) from turns) as turns,
      (select count(*) from call_agents) as agents, (select string_agg(call_id || ':' || state, ',' order by call_id) from call_status) as status`;
    const before = await query(lakeDir, views);
    // Act
    const report = await lake.mergeSmallObjects({ now: later(6) });
    // Assess
    expect(await query(lakeDir, views)).toEqual(before);
    expect(before[0]).toMatchObject({
      calls: 3,
      agents: 3,
      status: 'a:processed,b:processed,c:quarantined,old:processed',
    });
    expect(await objects(store)).toEqual([
      'lake/call_agents/dt=2026-03-02/b-',
      'lake/call_agents/dt=2026-03-02/compacted-',
      'lake/call_status/b-',
      'lake/call_status/compacted-',
      'lake/calls/dt=2026-03-02/b-',
      'lake/calls/dt=2026-03-02/compacted-',
      'lake/turns/dt=2026-03-02/b-',
      'lake/turns/dt=2026-03-02/compacted-',
    ]);
    expect(report).toMatchObject({ partitions: 4, skipped: 0 });
    // a's turns once although they sat in two objects; every other row kept for compaction to judge
    expect(await counts(lakeDir)).toMatchObject({ raw_turns: 2 + 3 + 3 + 1 + 3 + 2 });
    // and a second merge has nothing to do
    expect(await lake.mergeSmallObjects()).toMatchObject({ partitions: 0, inputs: 0 });
  });

  it('reads only per-call objects: batches (and earlier merges) are left for compaction', async () => {
    // Prepare: a batch written by `run --batch` (or an earlier merge), then two per-call writes
    const { lake, store, lakeDir } = setup();
    const batch = await lake.putBatch('turns', '2026-03-02', [turnRow('a', 0, at(0))], at(0));
    for (const id of ['b', 'c']) await writeCall(lake, id, at(1));
    // Act
    const report = await lake.mergeSmallObjects({ now: later(2) });
    // Assess
    const turns = await store.list('lake/turns/dt=2026-03-02/');
    expect(turns).toContain(batch);
    expect(turns).toHaveLength(2);
    expect(report).toMatchObject({ partitions: 4, inputs: 8 });
    expect(await counts(lakeDir)).toMatchObject({ raw_turns: 1 + 2 + 2 });
  });

  it('leaves a partition holding an object that is not Parquet as it is, names it, and merges the others', async () => {
    // Prepare
    const { lake, store, lakeDir } = setup();
    for (const id of ['a', 'b']) await writeCall(lake, id, at(0));
    const bad = 'lake/turns/dt=2026-03-02/c-zz.20260303T100000000Z.0000000000.parquet';
    const turnsBefore = [...(await store.list('lake/turns/')), bad].sort();
    await store.put(bad, 'not parquet');
    // Act
    const report = await lake.mergeSmallObjects({ now: later(1) });
    // Assess
    expect(report.unreadable).toEqual([{ key: bad, error: expect.stringMatching(/parquet/i) }]);
    expect(report).toMatchObject({ partitions: 3, inputs: 6 });
    expect(await store.list('lake/turns/')).toEqual(turnsBefore);
    await store.delete(bad);
    expect(await counts(lakeDir)).toMatchObject({ calls: 2, turns: 4, agents: 2, status: 2 });
  });

  it('debrief compact afterwards folds the merged objects as it folds per-call ones', async () => {
    // Prepare
    const { lake, lakeDir } = setup();
    for (const id of ['a', 'b']) await writeCall(lake, id, at(0));
    await writeCall(lake, 'b', at(1), { turns: 1 });
    await lake.mergeSmallObjects({ now: later(1) });
    // Act
    await lake.compactAll({ now: later(2) });
    // Assess
    expect(await counts(lakeDir)).toMatchObject({
      calls: 2,
      raw_calls: 2,
      turns: 3,
      raw_turns: 3,
      status: 2,
      raw_status: 2,
    });
  });
});

/** `at(0)` + hours, as an ISO stamp. */
const hours = (h: number): string => at(h * 3600);

const rowsOf = async (store: ObjectStoreWithHead, key: string | null, table: 'turns' | 'calls') => {
  const { decodeRows } = await import('../../adapters/lake/parquet-codec.js');
  const { tables } = await import('../../schemas/tables.js');
  if (!key) return [];
  return (await decodeRows(tables[table], await store.get(key))).map(
    (r) => `${r.call_id}@${String(r.written_at).slice(11, 19)}`,
  );
};

describe('compaction splits what counts now from what it keeps for later (latest-write.ts)', () => {
  it('committed writes go to the compacted object, named with its horizon; pending ones to its pending object', async () => {
    const { lake, store } = setup();
    await writeCall(lake, 'a', at(0), { turns: 1 });
    await writeCall(lake, 'b', at(0), { turns: 1, uncommitted: true }); // a WriteResults in flight
    await writeCall(lake, 'c', at(0), { turns: 1 });
    await writeCall(lake, 'c', at(60), { turns: 1 }); // a reprocess: c@0 superseded, in its grace period
    const report = await lake.compact('turns', '2026-03-02', { now: at(120) });
    // The horizon: the status listing's time (here `now`) minus ABANDONED_AFTER_MS (7 h).
    expect(report.key).toMatch(
      /^lake\/turns\/dt=2026-03-02\/compacted-20260303T100200000Z\.h20260303T030200000Z\.([0-9a-f]{10})\.parquet$/,
    );
    const token = /\.([0-9a-f]{10})\.parquet$/.exec(report.key ?? '')?.[1];
    expect(report.pendingKey).toBe(`lake/turns/dt=2026-03-02/pending-20260303T100200000Z.${token}.parquet`);
    expect(report).toMatchObject({ inputs: 4, rows: 4, pending: 2, superseded: 0 });
    expect(await rowsOf(store, report.key, 'turns')).toEqual(['a@10:00:00', 'c@10:01:00']);
    expect(await rowsOf(store, report.pendingKey, 'turns')).toEqual(['b@10:00:00', 'c@10:00:00']);
    expect((await store.list('lake/turns/')).length).toBe(2);
    // The next compaction reads the pending object like any other: b's status landed (committed),
    // c's old write is past its grace period (dropped).
    await lake.putCallRows('call_status', 'b', null, [statusRow('b', at(0))]);
    const next = await lake.compact('turns', '2026-03-02', { now: later(120) });
    expect(next).toMatchObject({ inputs: 2, rows: 3, pending: 0, superseded: 1, pendingKey: null });
    expect(await rowsOf(store, next.key, 'turns')).toEqual(['a@10:00:00', 'b@10:00:00', 'c@10:01:00']);
    expect(await lake.pendingObjects('turns', '2026-03-02')).toBe(0);
  });

  it('a compaction with nothing to do names the pending objects that wait and when they can be compacted', async () => {
    const { lake } = setup();
    await writeCall(lake, 'a', at(0), { turns: 1 });
    await writeCall(lake, 'c', at(0), { turns: 1 });
    await writeCall(lake, 'c', at(60), { turns: 1 }); // a reprocess: c@0 superseded at 10:01
    const first = await lake.compact('turns', '2026-03-02', { now: at(120) });
    // The superseded write's grace ends 10 minutes after the status that superseded it.
    expect(first).toMatchObject({ pending: 1, waiting: 1, waitingRows: 1, waitingUntil: at(660) });
    // Right after: nothing to merge, but not "nothing": the pending object waits until 10:11.
    const again = await lake.compact('turns', '2026-03-02', { now: at(180) });
    expect(again).toMatchObject({ inputs: 0, key: null, waiting: 1, waitingRows: 1, waitingUntil: at(660) });
    const { compactionSummary } = await import('../../cli/commands/compact.js');
    expect(compactionSummary([again])).toBe(
      'nothing to compact yet: 1 pending object (1 row, 1 day) waits: 1 row superseded by a reprocess waits for the grace period (10 minutes): the first can be compacted from 2026-03-03 10:11:00 UTC (run debrief compact again then)\n',
    );
    // A write never committed waits until it counts as abandoned (7 h after it was written).
    await writeCall(lake, 'b', at(100), { turns: 1, uncommitted: true });
    const both = await lake.compact('turns', '2026-03-02', { now: at(200) });
    expect(both).toMatchObject({
      waiting: 1,
      waitingRows: 2,
      waitingUntil: at(660),
      uncommittedRows: 1,
      graceUntil: at(660),
      abandonedFrom: at(100 + 7 * 3600),
    });
    expect(compactionSummary([await lake.compact('turns', '2026-03-02', { now: at(210) })])).toBe(
      'nothing to compact yet: 1 pending object (2 rows, 1 day) waits: 1 row superseded by a reprocess waits for the grace period (10 minutes): the first can be compacted from 2026-03-03 10:11:00 UTC (run debrief compact again then); 1 row not committed yet (a run is writing its call, or stopped): debrief compact folds it once its run commits it (and drops it as abandoned from 2026-03-03 17:01:40 UTC)\n',
    );
    // Past the grace: c@0 is dropped; b still waits, until 17:01:40.
    const past = await lake.compact('turns', '2026-03-02', { now: at(700) });
    expect(past).toMatchObject({
      superseded: 1,
      waiting: 1,
      waitingRows: 1,
      waitingUntil: at(100 + 7 * 3600),
    });
    expect(compactionSummary([{ ...past, waiting: 0 }])).not.toMatch(/wait/);
    expect(compactionSummary([])).toBe('nothing to compact\n');
  });

  it('compacting during a run: writes not committed yet are folded once their run commits them, not 7 hours later (review21)', async () => {
    const { lake } = setup();
    await writeCall(lake, 'a', at(0), { turns: 1 });
    await writeCall(lake, 'b', at(100), { turns: 1, uncommitted: true }); // the run is writing b
    const during = await lake.compact('turns', '2026-03-02', { now: at(110) });
    expect(during).toMatchObject({
      pending: 1,
      waiting: 1,
      waitingRows: 1,
      uncommittedRows: 1,
      graceUntil: null,
    });
    const { compactionSummary } = await import('../../cli/commands/compact.js');
    const again = await lake.compact('turns', '2026-03-02', { now: at(120) });
    // Not "compacted from 17:01:40": that is when b would count as abandoned, if its run never commits.
    expect(compactionSummary([again])).toBe(
      'nothing to compact yet: 1 pending object (1 row, 1 day) waits: 1 row not committed yet (a run is writing its call, or stopped): debrief compact folds it once its run commits it (and drops it as abandoned from 2026-03-03 17:01:40 UTC)\n',
    );
    // The run commits b: the next compaction folds it at once.
    await lake.putCallRows('call_status', 'b', null, [statusRow('b', at(100))]);
    expect(await lake.compact('turns', '2026-03-02', { now: at(130) })).toMatchObject({
      rows: 2,
      pending: 0,
      waiting: 0,
    });
  });

  it('a compacted partition is left as it is, until its horizon is a week old', async () => {
    const { lake, store } = setup();
    await writeCall(lake, 'a', at(0));
    await writeCall(lake, 'b', at(0), { uncommitted: true });
    const first = await lake.compact('turns', '2026-03-02', { now: at(60) });
    expect(await lake.pendingObjects('turns', '2026-03-02')).toBe(1);
    // Nothing changed: the compacted object and its pending object stay.
    expect(await lake.compact('turns', '2026-03-02', { now: at(120) })).toMatchObject({
      inputs: 0,
      key: null,
    });
    expect(await store.list('lake/turns/dt=2026-03-02/')).toEqual([first.key, first.pendingKey]);
    // b's write is abandoned (7 h): dropped, a's rows written again with the new horizon.
    const dropped = await lake.compact('turns', '2026-03-02', { now: hours(8) });
    expect(dropped).toMatchObject({ inputs: 2, rows: 2, superseded: 2, pendingKey: null });
    expect(await lake.compact('turns', '2026-03-02', { now: hours(6 * 24) })).toMatchObject({ inputs: 0 });
    const refreshed = await lake.compact('turns', '2026-03-02', { now: hours(8 + 7 * 24) });
    expect(refreshed).toMatchObject({ inputs: 1, rows: 2, superseded: 0 });
    expect(refreshed.key).toMatch(/\.h20260310T110000000Z\./);
  });

  it('a status compaction moving status objects under a listing does not hide statuses from it', async () => {
    const { lake, store } = setup();
    await writeCall(lake, 'a', at(0));
    await writeCall(lake, 'b', at(1));
    const paused = pausingStore(store, 'getVersion', /call_status\/c-/);
    const listing = new ParquetLake(paused.store, 'lake').statuses();
    await paused.reached; // listed both status objects, about to read the first
    await lake.compact('call_status', null, { now: later(2) }); // merges them and deletes both
    paused.release();
    expect([...(await listing).keys()].sort()).toEqual(['a', 'b']);
  });
});

describe('local views read compacted objects without the status join (latest-write.ts)', () => {
  const open = (lakeDir: string, now: string) => DuckDbLake.open(lakeDir, { clock: () => now });

  it('a reprocess after compaction shows only its new write; a quarantine after compaction hides the call', async () => {
    const { lake, lakeDir } = setup();
    await writeCall(lake, 'a', at(0), { turns: 2, agents: 2 });
    await writeCall(lake, 'b', at(0), { turns: 3 });
    await writeCall(lake, 'c', at(0), { turns: 1 });
    await lake.compactAll({ now: hours(8) }); // horizon 1 h: the writes at 0 read without the join
    await writeCall(lake, 'a', hours(9), { turns: 4, agents: 1, text: 'again' });
    await quarantine(lake, 'b', hours(9));
    const db = await open(lakeDir, hours(9.1));
    try {
      expect(db.settledBound).toBe(hours(1));
      expect(await db.query('select count(*) as n from raw_turns_settled')).toEqual([{ n: 6 }]);
      expect(await db.query('select call_id, state from lake_recent order by call_id')).toEqual([
        { call_id: 'a', state: 'processed' },
        { call_id: 'b', state: 'quarantined' },
      ]);
      expect(
        await db.query(
          `select call_id, (select count(*) from turns t where t.call_id = c.call_id) as turns,
                  (select count(*) from call_agents g where g.call_id = c.call_id) as agents,
                  (select min(text) from turns t where t.call_id = c.call_id) as text
           from calls c order by call_id`,
        ),
      ).toEqual([
        { call_id: 'a', turns: 4, agents: 1, text: 'again' },
        { call_id: 'c', turns: 1, agents: 1, text: 'turn 0' },
      ]);
    } finally {
      db.close();
    }
  });

  it('nothing recent: compacted rows are read with no join at all', async () => {
    const { lake, lakeDir } = setup();
    await writeCall(lake, 'a', at(0), { turns: 2 });
    await lake.compactAll({ now: hours(8) });
    const db = await open(lakeDir, hours(30));
    try {
      expect(await db.query('select count(*) as n from lake_recent')).toEqual([{ n: 0 }]);
      const [plan] = await db.query('explain select count(*) from turns');
      expect(String(plan?.explain_value)).not.toMatch(/JOIN/);
      expect(await db.query('select count(*) as n from turns')).toEqual([{ n: 2 }]);
    } finally {
      db.close();
    }
  });

  it('a merge of small objects that holds a write a compaction read keeps the day read with the join', async () => {
    // A compaction killed before its deletes, then a later call and the small objects merged into
    // a batch object (as `debrief run` does at its end): the same write in the compacted object
    // and the batch, which takes its oldest input's stamp, older than the compaction.
    const { lake, store, lakeDir } = setup();
    await writeCall(lake, 'a', at(0), { turns: 2 });
    const crashed = crashingStore(store, 2); // the compacted object is written, no input deleted
    await new ParquetLake(crashed.store, 'lake')
      .compact('turns', '2026-03-02', { now: hours(8) })
      .catch(() => undefined);
    await writeCall(lake, 'b', hours(9), { turns: 2 });
    await lake.mergeSmallObjects({ now: hours(10) });
    const objects = (await store.list('lake/turns/dt=2026-03-02/')).map((k) => k.slice(25, 39));
    expect(objects.sort()).toEqual(['b-20260303T100', 'compacted-2026']);
    const db = await open(lakeDir, hours(30));
    try {
      expect(await db.query('select count(*) as n from raw_turns')).toEqual([{ n: 6 }]);
      expect(await db.query('select count(*) as n from raw_turns_settled')).toEqual([{ n: 0 }]);
      expect(await db.query('select call_id, count(*) as n from turns group by all order by all')).toEqual([
        { call_id: 'a', n: 2 },
        { call_id: 'b', n: 2 },
      ]);
    } finally {
      db.close();
    }
  });

  it('a merge of writes made after a compaction leaves the compacted day read without the join', async () => {
    const { lake, store, lakeDir } = setup();
    await writeCall(lake, 'a', at(0), { turns: 2 });
    await lake.compactAll({ now: hours(8) });
    for (const id of ['b', 'c']) await writeCall(lake, id, hours(9), { turns: 1 });
    await lake.mergeSmallObjects({ now: hours(10) });
    expect(
      (await store.list('lake/turns/dt=2026-03-02/')).some((k) => k.includes('/b-20260303T190000000Z.')),
    ).toBe(true);
    const db = await open(lakeDir, hours(30));
    try {
      expect(await db.query('select count(*) as n from raw_turns_settled')).toEqual([{ n: 2 }]);
      expect(await db.query('select call_id, count(*) as n from turns group by all order by all')).toEqual([
        { call_id: 'a', n: 2 },
        { call_id: 'b', n: 1 },
        { call_id: 'c', n: 1 },
      ]);
    } finally {
      db.close();
    }
  });

  /**
   * c is written at 0 and reprocessed with a write stamped `reprocessAt` hours, committed by a
   * compaction listing at 9 h (horizon 2 h); the reader listed call_status at `readerAt` hours,
   * before that status landed (its status object is taken away: the reader never saw it).
   */
  const readerBeforeLateStatus = async (reprocessAt: number, readerAt: number) => {
    const { lake, store, lakeDir } = setup();
    await writeCall(lake, 'c', at(0), { turns: 1 });
    await writeCall(lake, 'c', hours(reprocessAt), { turns: 3 });
    for (const table of ['calls', 'turns', 'call_agents'] as const)
      await lake.compact(table, '2026-03-02', { now: hours(9) });
    const statuses = await store.list('lake/call_status/');
    await store.delete(statuses.find((k) => k.includes(stampOf(hours(reprocessAt)))) as string);
    return open(lakeDir, hours(readerAt));
  };

  it('a reader that listed call_status before a late status landed does not show the write it commits', async () => {
    // The reprocess stamped at 1 h landed at 6.5 h (a long execution); the reader listed at 6.4 h.
    const db = await readerBeforeLateStatus(1, 6.4);
    try {
      // Its call_status says c is at 0, whose rows the compaction dropped: rule 2 shows none. The
      // write of 1 h sits in a compacted object with a horizon past it, but was stamped after
      // 6.4 h - 7 h, so it goes through the join: without that bound the reader would show it.
      expect(db.settledBound).toBe(hours(-0.6));
      expect(await db.query('select count(*) as n from raw_turns_settled')).toEqual([{ n: 3 }]);
      expect(await db.query('select count(*) as n from turns')).toEqual([{ n: 0 }]);
    } finally {
      db.close();
    }
  });

  it('…and with no recent call at all (the reader reads the compacted rows without any join)', async () => {
    // The reprocess stamped at 8 h landed at 8.5 h; the reader listed at 8.2 h: B = 1.2 h, c's status is 0.
    const db = await readerBeforeLateStatus(8, 8.2);
    try {
      expect(await db.query('select count(*) as n from lake_recent')).toEqual([{ n: 0 }]);
      expect(await db.query('select count(*) as n from raw_turns_settled')).toEqual([{ n: 3 }]);
      expect(await db.query('select count(*) as n from turns')).toEqual([{ n: 0 }]);
    } finally {
      db.close();
    }
  });
});

describe('compaction of a day already compacted', () => {
  it('leaves it alone while every write in it counts, and still drops a write a later quarantine superseded', async () => {
    // Prepare
    const { lake, store, lakeDir } = setup();
    for (const id of ['a', 'b']) await writeCall(lake, id, at(0), { turns: 2 });
    await lake.compactAll({ now: later(1) });
    const compacted = await store.list('lake/turns/');
    // Act: nothing changed
    const again = await lake.compactAll({ now: later(2) });
    // Assess
    expect(again.filter((r) => r.key !== null || r.inputs > 0)).toEqual([]);
    expect(await store.list('lake/turns/')).toEqual(compacted);
    // Act: a quarantined later, past the grace period
    await quarantine(lake, 'b', at(3));
    const dropped = await lake.compactAll({ now: later(4) });
    // Assess
    expect(dropped).toEqual(
      expect.arrayContaining([expect.objectContaining({ table: 'turns', inputs: 1, superseded: 2 })]),
    );
    expect(await counts(lakeDir)).toMatchObject({ turns: 2, raw_turns: 2, calls: 1, raw_calls: 1 });
  });
});
