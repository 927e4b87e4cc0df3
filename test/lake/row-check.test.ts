import { describe, expect, it } from 'vitest';
import { InvalidRowError, ParquetLake } from '../../adapters/lake/parquet-lake.js';
import { compileRowCheck } from '../../adapters/lake/row-check.js';
import { callRolesRows, callsRow, turnsRows } from '../../core/rows.js';
import { tableNames, tables } from '../../schemas/tables.js';
import { callWithTurns } from '../enrich/call-fixture.js';
import { MemoryObjectStore } from '../helpers/memory-store.js';

/** Values of every kind a row builder could get wrong, and the edges zod draws. */
const POOL: unknown[] = [
  null,
  undefined,
  '',
  'x',
  'processed',
  'quarantined',
  'CUSTOMER',
  'AGENT',
  'channel',
  'matched',
  0,
  -0,
  1,
  -1,
  1.5,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  true,
  false,
  'true',
  '1',
  {},
  [],
  1n,
  '2026-03-02',
  '2026-13-02',
  '2026-03-02T10:00:00Z',
  '2026-03-02T10:00:00.123+01:00',
  '2026-02-30T10:00:00Z',
  '2026-03-02T10:00:00',
  '2026-03-02 10:00:00Z',
];

const AT = '2026-03-02T10:00:00.000Z';

/** A valid row of the table: for each column the first pool value (not null) zod accepts. */
const validRow = (table: (typeof tableNames)[number]): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(tables[table].row.shape).map(([name, schema]) => {
      const ok = (v: unknown) =>
        (schema as { safeParse(v: unknown): { success: boolean } }).safeParse(v).success;
      const value = POOL.find((v) => v !== null && v !== undefined && ok(v)) ?? null;
      return [name, value];
    }),
  );

describe('the quick row check agrees with the tables zod schemas', () => {
  it('every table has one (none falls back to zod for every row)', () => {
    for (const table of tableNames) expect(compileRowCheck(tables[table]), table).not.toBeNull();
  });

  it('accepts a row exactly when zod accepts it unchanged, column by column, for values of every kind', () => {
    let compared = 0;
    for (const table of tableNames) {
      const check = compileRowCheck(tables[table])!;
      const base = validRow(table);
      expect(tables[table].row.safeParse(base).success, table).toBe(true);
      expect(check(base), table).toBe(true);
      for (const column of Object.keys(base)) {
        for (const value of POOL) {
          const row = { ...base, [column]: value };
          const parsed = tables[table].row.safeParse(row);
          const zodAccepts = parsed.success && JSON.stringify(parsed.data) === JSON.stringify(row);
          expect(check(row), `${table}.${column} = ${String(value)}`).toBe(zodAccepts);
          compared += 1;
        }
        const { [column]: _, ...missing } = base;
        expect(check(missing), `${table} without ${column}`).toBe(
          tables[table].row.safeParse(missing).success,
        );
      }
      // zod would strip an unknown key (a copy): such a row goes through zod.
      expect(check({ ...base, extra: 1 })).toBe(false);
      expect(check(null)).toBe(false);
      expect(check([base])).toBe(false);
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it("passes the rows WriteResults builds, and the lake still rejects a bad row with zod's reason", () => {
    const doc = callWithTurns([
      ['AGENT', 'Hi, this is Ann.'],
      ['CUSTOMER', 'My card was stolen.'],
    ]);
    const call = callsRow(doc, AT);
    const built = {
      calls: [call],
      turns: turnsRows(doc, AT),
      call_roles: callRolesRows(doc, AT),
    } as const;
    for (const [table, rows] of Object.entries(built)) {
      expect(rows.length, table).toBeGreaterThan(0);
      const check = compileRowCheck(tables[table as keyof typeof built])!;
      for (const row of rows) expect(check(row), table).toBe(true);
    }
    const lake = new ParquetLake(new MemoryObjectStore());
    const { valid } = lake.validWrite('turns', doc.callId, built.turns);
    expect(valid).toEqual(built.turns);
    const bad = { ...built.turns[0]!, begin_ms: -5 };
    expect(() => lake.validWrite('turns', doc.callId, [bad])).toThrow(InvalidRowError);
    expect(() => lake.validWrite('turns', doc.callId, [bad])).toThrow(/turns row 0 of .*begin_ms/s);
    expect(() => lake.validWrite('turns', 'another', built.turns)).toThrow(/belongs to another call/);
  });
});
