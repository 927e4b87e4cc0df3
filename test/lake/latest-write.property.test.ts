import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latestStatuses, writeFate } from '../../adapters/lake/latest-write.js';
import { decodeRows } from '../../adapters/lake/parquet-codec.js';
import { ParquetLake } from '../../adapters/lake/parquet-lake.js';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import { tables } from '../../schemas/tables.js';
import { tempDir } from '../helpers/paths.js';
import { crashingStore } from '../helpers/store-faults.js';
import { at, quarantine, statusRow, writeCall } from './lake-rows.js';

type Op =
  | { kind: 'write'; call: number; turns: number; agents: number; committed: boolean; dt: number }
  | { kind: 'commit'; call: number }
  | { kind: 'quarantine'; call: number }
  | { kind: 'compact'; crashAt: number; days: readonly string[] | undefined }
  | { kind: 'wait'; seconds: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('write' as const),
    call: fc.nat({ max: 3 }),
    turns: fc.integer({ min: 1, max: 4 }),
    agents: fc.nat({ max: 2 }),
    committed: fc.boolean(),
    dt: fc.nat({ max: 1 }),
  }),
  // The status of a write that was left without one lands now (a WriteResults that was slow).
  fc.record({ kind: fc.constant('commit' as const), call: fc.nat({ max: 3 }) }),
  fc.record({ kind: fc.constant('quarantine' as const), call: fc.nat({ max: 3 }) }),
  // Every day, one day, or call_status alone (the other days keep their settled objects, and the
  // earlier writes of calls whose earlier statuses the status compaction drops: superseded_dts).
  fc.record({
    kind: fc.constant('compact' as const),
    crashAt: fc.integer({ min: 1, max: 60 }),
    days: fc.constantFrom(undefined, undefined, undefined, [], ['2026-03-02'], ['2026-03-03']),
  }),
  // Time passes: inside the grace period, past it, past a horizon (7 h), past a horizon refresh.
  fc.record({
    kind: fc.constant('wait' as const),
    seconds: fc.constantFrom(60, 1200, 8 * 3600, 8 * 24 * 3600),
  }),
);

/** The SQL views and the compaction's TypeScript rules say the same about what counts. */
describe('latest-write rules: SQL views = TypeScript (adapters/lake/latest-write.ts)', () => {
  // How often the views read compacted objects without the join, and with recent calls joined.
  const exercised = { settled: 0, recent: 0, pending: 0, recentInSettled: 0, supersededDays: 0, carried: 0 };

  it('on random histories of writes, late commits, quarantines, crashing compactions and time passing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const home = tempDir('latest');
        const store = new FsObjectStore(home);
        const lake = new ParquetLake(store, 'lake');
        let clock = 0; // seconds after at(0)
        // call -> when its write without a status was stamped, and its partition
        const uncommitted = new Map<string, { stamped: number; dt: string }>();
        for (const o of ops) {
          clock += 1;
          if (o.kind === 'write') {
            await writeCall(lake, `c${o.call}`, at(clock), {
              turns: o.turns,
              agents: o.agents,
              uncommitted: !o.committed,
              dt: `2026-03-0${2 + o.dt}`,
            });
            if (o.committed) uncommitted.delete(`c${o.call}`);
            else uncommitted.set(`c${o.call}`, { stamped: clock, dt: `2026-03-0${2 + o.dt}` });
          } else if (o.kind === 'commit') {
            // A status lands at most ABANDONED_AFTER_MS after its stamp (the horizon rests on it).
            // It names its write's partition, as WriteResults' status rows do (readers look for a
            // recent call's rows there: recentPartitionsSql).
            const left = uncommitted.get(`c${o.call}`);
            if (left !== undefined && clock - left.stamped < 6 * 3600)
              await lake.putCallRows('call_status', `c${o.call}`, null, [
                { ...statusRow(`c${o.call}`, at(left.stamped)), dt: left.dt },
              ]);
            uncommitted.delete(`c${o.call}`);
          } else if (o.kind === 'quarantine') {
            await quarantine(lake, `c${o.call}`, at(clock));
            uncommitted.delete(`c${o.call}`);
          } else if (o.kind === 'wait') clock += o.seconds;
          else
            await new ParquetLake(crashingStore(store, o.crashAt).store, 'lake')
              .compactAll({ now: at(clock), ...(o.days ? { dts: o.days } : {}) })
              .catch(() => undefined);
        }
        // TypeScript: every stored row whose write is committed, each write once.
        const statuses = await lake.statuses();
        const expected: Record<string, number> = {};
        for (const table of ['calls', 'turns', 'call_agents'] as const) {
          const seen = new Set<string>();
          for (const v of await store.listVersions(`lake/${table}/`)) {
            const body = await store.getVersion(v.key, v.etag);
            for (const row of body ? await decodeRows(tables[table], body) : []) {
              const fate = writeFate(String(row.written_at), statuses.get(String(row.call_id)), at(-1e6));
              if (fate === 'committed') seen.add(JSON.stringify(row));
            }
          }
          expected[table] = seen.size;
        }
        const latest = latestStatuses(
          (
            await Promise.all(
              (
                await store.listVersions('lake/call_status/')
              ).map(async (v) => {
                const body = await store.getVersion(v.key, v.etag);
                return body ? decodeRows(tables.call_status, body) : [];
              }),
            )
          ).flat() as { call_id: unknown; updated_at: unknown; state: unknown }[],
        );
        const db = await DuckDbLake.open(`${home}/lake`, { clock: () => at(clock + 1) });
        try {
          if (db.settledBound) exercised.settled += 1;
          const [recent] = await db.query('select count(*) as n from lake_recent');
          if (db.settledBound && Number(recent?.n) > 0) exercised.recent += 1;
          // A recent call's committed write found in a settled object (read from its partition only).
          const [found] = await db.query(
            `select count(*) as n from raw_calls_settled t join lake_recent r on r.call_id = t.call_id and r.updated_at = t.written_at`,
          );
          if (Number(found?.n) > 0) exercised.recentInSettled += 1;
          // Settled days looked up for a recent call's earlier write, and days a status compaction carried.
          if (db.supersededPartitions === 'any' || db.supersededPartitions.length > 0)
            exercised.supersededDays += 1;
          const [carried] = await db.query(
            `select count(*) as n from raw_call_status where superseded_dts <> '' and call_id in (select call_id from lake_recent)`,
          );
          if (Number(carried?.n) > 0) exercised.carried += 1;
          if ((await store.list('lake/')).some((k) => k.includes('/pending-'))) exercised.pending += 1;
          const [views] = await db.query(
            `select (select count(*) from calls) as calls, (select count(*) from turns) as turns,
                    (select count(*) from call_agents) as call_agents`,
          );
          expect(views).toEqual(expected);
          const status = await db.query('select call_id, state from call_status order by call_id');
          expect(status).toEqual(
            [...latest.entries()]
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([id, s]) => ({ call_id: id, state: s.state })),
          );
          // A clean compaction changes nothing anyone sees, and leaves only what counts stored.
          await lake.compactAll({ now: at(clock + 1) });
          const [after] = await db.query(
            `select (select count(*) from calls) as calls, (select count(*) from turns) as turns,
                    (select count(*) from call_agents) as call_agents`,
          );
          expect(after).toEqual(expected);
        } finally {
          db.close();
        }
      }),
      { numRuns: 40, seed: 42 },
    );
    // The histories reach every path of the views (not a property that passes by never getting there).
    expect(exercised.settled).toBeGreaterThan(5);
    expect(exercised.recent).toBeGreaterThan(2);
    expect(exercised.pending).toBeGreaterThan(2);
    expect(exercised.recentInSettled).toBeGreaterThan(0);
    expect(exercised.supersededDays).toBeGreaterThan(2);
    expect(exercised.carried).toBeGreaterThan(0);
  });
});
