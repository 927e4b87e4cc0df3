import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCsv, formatRows, queryLake } from '../../cli/commands/query.js';
import { tempDir } from '../helpers/paths.js';

describe('debrief query: lists, structs and maps (found by trial16: --json gave "[\'billing\']", text no JSON reader takes)', () => {
  it('--json gives them as JSON arrays and objects, --csv and the table as JSON text', async () => {
    // Prepare: a home with nothing processed yet
    const home = join(tempDir('query-nested'), 'home');
    mkdirSync(home, { recursive: true });
    // Act
    const rows = await queryLake(
      home,
      "select ['billing', 'payments'] as topics, [1, 2]::integer[2] as pair, {'topic': 'billing', 'calls': 3} as s, map(['a'], [1]) as m, [] as none",
    );
    // Assess
    expect(JSON.parse(JSON.stringify(rows))).toEqual([
      {
        topics: ['billing', 'payments'],
        pair: [1, 2],
        s: { topic: 'billing', calls: 3 },
        m: [{ key: 'a', value: 1 }],
        none: [],
      },
    ]);
    expect(formatCsv(rows)).toBe(
      'topics,pair,s,m,none\n"[""billing"",""payments""]","[1,2]","{""topic"":""billing"",""calls"":3}","[{""key"":""a"",""value"":1}]",[]\n',
    );
    expect(formatRows(rows)).toContain('["billing","payments"]');
  }, 60_000);
});
