import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCsv, formatRows, queryLake } from '../../cli/commands/query.js';
import { tempDir } from '../helpers/paths.js';

describe('debrief query: numbers a double cannot hold', () => {
  it('BIGINT and HUGEINT beyond 2^53 and wide DECIMALs keep every digit (as text); the rest stay numbers', async () => {
    // Prepare: a home with nothing processed yet
    const home = join(tempDir('query-exact'), 'home');
    mkdirSync(home, { recursive: true });
    // Act
    const rows = await queryLake(
      home,
      `select 9007199254740993::bigint as big, -9007199254740993::bigint as negative,
        170141183460469231731687303715884105727::hugeint as huge, 9007199254740991::bigint as safe,
        42::bigint as small, 12345678901234567.89::decimal(38, 2) as total, 12.50::decimal(10, 2) as money,
        -0.10::decimal(4, 2) as cents, 3.000::decimal(10, 3) as whole, [9007199254740993::bigint] as ids`,
    );
    // Assess: Number() would give 9007199254740992, -9007199254740992, 1.7014118346046923e38 and 12345678901234568
    expect(rows).toEqual([
      {
        big: '9007199254740993',
        negative: '-9007199254740993',
        huge: '170141183460469231731687303715884105727',
        safe: 9007199254740991,
        small: 42,
        total: '12345678901234567.89',
        money: 12.5,
        cents: -0.1,
        whole: 3,
        ids: ['9007199254740993'],
      },
    ]);
    expect(formatCsv(rows)).toContain(
      '9007199254740993,-9007199254740993,170141183460469231731687303715884105727,',
    );
    expect(formatRows(rows)).toContain('12345678901234567.89');
  }, 60_000);
});
