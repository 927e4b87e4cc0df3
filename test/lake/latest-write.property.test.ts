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
import { at, later, quarantine, writeCall } from './lake-rows.js';

type Op =
  | { kind: 'write'; call: number; turns: number; agents: number; committed: boolean }
  | { kind: 'quarantine'; call: number }
  | { kind: 'compact'; crashAt: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('write' as const),
    call: fc.nat({ max: 3 }),
    turns: fc.integer({ min: 1, max: 4 }),
    agents: fc.nat({ max: 2 }),
    committed: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('quarantine' as const), call: fc.nat({ max: 3 }) }),
  fc.record({ kind: fc.constant('compact' as const), crashAt: fc.integer({ min: 1, max: 40 }) }),
);

/** The SQL views and the compaction's TypeScript rules say the same about what counts. */
describe('latest-write rules: SQL views = TypeScript (adapters/lake/latest-write.ts)', () => {
  it('on random histories of writes, quarantines and crashing compactions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        const home = tempDir('latest');
        const store = new FsObjectStore(home);
        const lake = new ParquetLake(store, 'lake');
        for (const [i, o] of ops.entries()) {
          if (o.kind === 'write')
            await writeCall(lake, `c${o.call}`, at(i), {
              turns: o.turns,
              agents: o.agents,
              uncommitted: !o.committed,
            });
          else if (o.kind === 'quarantine') await quarantine(lake, `c${o.call}`, at(i));
          else
            await new ParquetLake(crashingStore(store, o.crashAt).store, 'lake')
              .compactAll({ now: later(i) })
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
        const db = await DuckDbLake.open(`${home}/lake`);
        try {
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
          await lake.compactAll({ now: later(ops.length) });
          const [after] = await db.query(
            `select (select count(*) from calls) as calls, (select count(*) from turns) as turns,
                    (select count(*) from call_agents) as call_agents`,
          );
          expect(after).toEqual(expected);
        } finally {
          db.close();
        }
      }),
      { numRuns: 12, seed: 42 },
    );
  });
});
