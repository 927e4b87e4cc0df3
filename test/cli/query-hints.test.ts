import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { shellWord } from '../../cli/hints.js';
import { REPO, tempDir } from '../helpers/paths.js';

const sh = promisify(execFile);

/** `npx debrief query …` as a user types it; its exit status and what it printed. */
const query = async (sql: string, home: string) => {
  try {
    await sh(process.execPath, [join(REPO, 'bin/debrief.mjs'), 'query', sql, '--home', home]);
    return { code: 0, stderr: '' };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
};

/** A printed next step run by a shell as printed, `npx debrief` being this checkout's CLI. */
const runPrinted = (line: string) =>
  sh('sh', ['-c', line.replace(/^npx debrief /, `node ${shellWord(join(REPO, 'bin/debrief.mjs'))} `)]);

describe('debrief query over a column the lake does not have', () => {
  it('`topic` on calls says the topic is primary_topic, with a line that runs; another column, how to list the columns', async () => {
    // Prepare: a home with nothing processed yet (its views have their columns all the same)
    const home = join(tempDir('query-hints'), 'my home');
    mkdirSync(home, { recursive: true });
    // Act
    const topic = await query('select call_id, topic from calls', home);
    const other = await query('select call_id, speaker from turns t where t.role = 1', home);
    // Assess
    expect(topic.code).toBe(1);
    expect(topic.stderr).toContain('Referenced column "topic" not found');
    const line =
      /calls has no topic column: a call's topic is primary_topic[^:]*: (npx debrief [^\n]+)\n/.exec(
        topic.stderr,
      )?.[1];
    expect(line).toBe(`npx debrief query "select call_id, primary_topic from calls" --home "${home}"`);
    expect((await runPrinted(`${line} --json`)).stdout).toBe('[]\n');
    expect(other.code).toBe(1);
    expect(other.stderr).toContain(
      `the columns of turns: npx debrief query "describe turns" --home "${home}"`,
    );
    const columns = await runPrinted(`npx debrief query "describe turns" --home "${home}" --json`);
    expect((JSON.parse(columns.stdout) as { column_name: string }[]).map((c) => c.column_name)).toContain(
      'role',
    );
  }, 60_000);

  it('a table the lake does not have lists its tables and the line that lists every name, whatever DuckDB suggests (found by trial15: "nosuch" got "Did you mean pg_sequences?"; by trial21: "customers" got only DuckDB\'s "Did you mean call_categories?")', async () => {
    // Prepare: a home with nothing processed yet
    const home = join(tempDir('query-hints-table'), 'my home');
    mkdirSync(home, { recursive: true });
    // Act
    const unknown = await query('select * from nosuch', home);
    // Assess
    expect(unknown.code).toBe(1);
    const line =
      /^debrief: nosuch is no table or view of the lake, nor is DuckDB's "pg_sequences" below, a name of its own catalog \(its tables: calls, turns, [^)]*call_status\); every table and dashboard view: (npx debrief [^\n]+)\n/.exec(
        unknown.stderr,
      )?.[1];
    expect(line).toBe(`npx debrief query "show tables" --home "${home}"`);
    const names = (JSON.parse((await runPrinted(`${line} --json`)).stdout) as { name: string }[]).map(
      (r) => r.name,
    );
    expect(names).toEqual(expect.arrayContaining(['calls', 'turns', 'topic_stats', 'agent_stats']));
    // DuckDB's words kept, below the hint
    expect(unknown.stderr).toMatch(
      /\nCatalog Error: Table with name nosuch does not exist!\nDid you mean "pg_sequences"\?/,
    );
    // DuckDB suggesting one of the lake's names, near (`call`) or not (`customers`): the same
    // hint, DuckDB's suggestion below it as it is
    for (const [table, suggested] of [
      ['customers', 'call_metrics'],
      ['topics', 'topic_stats'],
      ['agents', 'agent_stats'],
      ['call', 'calls'],
    ]) {
      const refused = await query(`select * from ${table}`, home);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        new RegExp(
          `^debrief: ${table} is no table or view of the lake \\(its tables: calls, turns, [^)]*call_status\\); every table and dashboard view: npx debrief query "show tables" --home "[^"]+"\nCatalog Error: Table with name ${table} does not exist!\nDid you mean "${suggested}"\\?`,
        ),
      );
    }
  }, 60_000);

  it("the project's hint comes first, DuckDB's candidates kept below it; a name near topic gets the topic's column (`topik` got DuckDB's topic_model… with a hint after them naming no primary_topic)", async () => {
    // Prepare: a home with nothing processed yet
    const home = join(tempDir('query-hints-first'), 'my home');
    mkdirSync(home, { recursive: true });
    // Act
    const topik = await query('select topik from calls', home);
    const speaker = await query('select call_id, speaker from turns', home);
    // Assess
    expect(topik.stderr).toMatch(
      /^debrief: calls has no topik column: a call's topic is primary_topic [^\n]*: npx debrief query "select call_id, primary_topic from calls" --home "[^"]+"\nBinder Error: Referenced column "topik" not found in FROM clause!\nCandidate bindings: "topic_model"/,
    );
    expect(speaker.stderr).toMatch(
      /^debrief: turns has no speaker column; the columns of turns: npx debrief query "describe turns" --home "[^"]+"\nBinder Error: Referenced column "speaker" not found/,
    );
  }, 60_000);
});
