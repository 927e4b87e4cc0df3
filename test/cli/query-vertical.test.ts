import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatRows, formatRowsToFit, formatRowsVertical, queryLake } from '../../cli/commands/query.js';
import { REPO, tempDir } from '../helpers/paths.js';

const run = promisify(execFile);

/** A home with nothing processed yet (DuckDB answers plain SELECTs on it). */
const emptyHome = (): string => {
  const home = join(tempDir('query-vertical'), 'home');
  mkdirSync(home, { recursive: true });
  return home;
};

const WIDE = `select 'billing' as topic, 12 as calls, 312.5 as avg_handle_s, 0.25 as misroute_rate,
  'a summary that goes on for a while about why the customer called and what happened' as summary,
  null as callback, 'second line\nof text' as note`;

describe('debrief query: rows wider than the terminal (a new-user trial: `select * from topic_stats` is ~260 characters wide)', () => {
  it('--vertical prints each row as a block, one column a line, values whole and on one line', async () => {
    const rows = await queryLake(
      emptyHome(),
      `${WIDE} union all select 'payments', 3, 100, 0, 'short', 'yes', ''`,
    );
    const text = formatRowsVertical(rows);
    const lines = text.split('\n');
    expect(lines[0]).toBe('-[ row 1 ]-------');
    expect(lines).toContain('avg_handle_s  │ 312.5');
    expect(lines).toContain(
      'summary       │ a summary that goes on for a while about why the customer called and what happened',
    );
    expect(lines).toContain('note          │ second line of text');
    expect(lines).toContain('callback      │ ');
    expect(lines).toContain('-[ row 2 ]-------');
    expect(lines).toContain('topic         │ payments');
    expect(lines.at(-1)).toBe('(2 rows)');
    expect(formatRowsVertical([])).toBe('(no rows)');
  }, 60_000);

  it('by default the table, unless a terminal is narrower than it: then the blocks', async () => {
    const rows = await queryLake(emptyHome(), WIDE);
    expect(formatRowsToFit(rows, undefined)).toBe(formatRows(rows));
    expect(formatRowsToFit(rows, 400)).toBe(formatRows(rows));
    expect(formatRowsToFit(rows, 80)).toBe(formatRowsVertical(rows));
  }, 60_000);

  it('`debrief query --vertical` through the CLI binary; it cannot be combined with --json or --csv', async () => {
    const home = emptyHome();
    const { stdout } = await run(
      'node',
      ['bin/debrief.mjs', 'query', "select 1 as n, 'x' as s", '--home', home, '--vertical'],
      {
        cwd: REPO,
      },
    );
    expect(stdout).toBe('-[ row 1 ]---\nn │ 1\ns │ x\n(1 row)\n');
    await expect(
      run('node', ['bin/debrief.mjs', 'query', 'select 1', '--home', home, '--vertical', '--csv'], {
        cwd: REPO,
      }),
    ).rejects.toMatchObject({
      stderr: expect.stringMatching(/'--vertical' cannot be used with option '--csv'/u),
    });
  }, 60_000);
});
