import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { queryLake } from '../../cli/commands/query.js';
import { sqlCommentsAsOperands } from '../../cli/debrief.js';
import { REPO, tempDir } from '../helpers/paths.js';

const sh = promisify(execFile);

describe("debrief query with several statements (found by trial16: the second query's rows were dropped without a word)", () => {
  it("runs every statement and prints the last one's rows: settings and tables made first are used by it", async () => {
    // Prepare: a home with nothing processed yet
    const home = join(tempDir('query-statements'), 'home');
    mkdirSync(home, { recursive: true });
    // Act
    const afterSet = await queryLake(home, "set TimeZone = 'UTC'; select 42 as answer");
    const afterCreate = await queryLake(
      home,
      'create temp table mine as select 7 as n union all select 8; select sum(n) as total from mine;',
    );
    // Assess
    expect(afterSet).toEqual([{ answer: 42 }]);
    expect(afterCreate).toEqual([{ total: 15 }]);
  }, 60_000);

  it('two queries that return rows are refused, naming the statement whose rows would not be shown', async () => {
    // Prepare
    const home = join(tempDir('query-statements-two'), 'home');
    mkdirSync(home, { recursive: true });
    // Act
    const refused = (sql: string) =>
      queryLake(home, sql).then(
        () => null,
        (error: Error) => error.message,
      );
    const two = await refused('select 1 as a; select 2 as b');
    const three = await refused("set TimeZone = 'UTC'; describe calls; select count(*) as n from calls");
    const unparsed = await refused('selec 1; select 2');
    // Assess
    expect(two).toBe(
      "statement 1 of 2 returns rows too (SELECT), and one result is printed, the last statement's: run each query on its own",
    );
    expect(three).toMatch(/^statement 2 of 3 returns rows too \(SELECT\)/);
    expect(unparsed).toMatch(/^Parser Error: syntax error at or near "selec"/);
  }, 60_000);

  it('an empty query (a blank, only semicolons or comments) is refused, not answered "(no rows)" (trial18)', async () => {
    // Prepare: a home with calls would answer "(no rows)" all the same
    const home = join(tempDir('query-statements-empty'), 'home');
    mkdirSync(home, { recursive: true });
    const refused = (sql: string) =>
      queryLake(home, sql).then(
        (rows) => rows,
        (error: Error) => error.message,
      );
    // Act + Assess
    for (const sql of ['', '   ', ';', '-- select 1\n'])
      expect(await refused(sql), JSON.stringify(sql)).toBe(
        'no SQL to run: the query is empty (or only comments and semicolons)',
      );
    expect(await refused('select 1 as one; -- done')).toEqual([{ one: 1 }]);
  }, 60_000);

  it('a query that reads a table made by a statement ahead of it is looked at too: refused when it returns rows, its table used when last (review17: its rows printed, the last dropped)', async () => {
    // Prepare
    const home = join(tempDir('query-statements-made'), 'home');
    mkdirSync(home, { recursive: true });
    // Act
    const middle = await queryLake(
      home,
      'create temp table t as select 1 as a; select * from t; select 2 as z',
    ).then(
      () => null,
      (error: Error) => error.message,
    );
    const last = await queryLake(
      home,
      'create temp table t as select 1 as a; insert into t values (5); select sum(a) as s from t',
    );
    const wrong = await queryLake(
      home,
      'create temp table t as select 1 as a; select nocol from t; select 2',
    ).then(
      () => null,
      (error: Error) => error.message,
    );
    // Assess
    expect(middle).toMatch(/^statement 2 of 3 returns rows too \(SELECT\)/);
    // DuckDB's own words for a statement it cannot run (queryErrorHint reads them)
    expect(wrong).toMatch(/^Binder Error: Referenced column "nocol" not found/);
    expect(last).toEqual([{ s: 6 }]);
  }, 60_000);
  it('statements that write files, attach a database or install and load extensions are refused before anything runs (review17: COPY … TO and ATTACH worked)', async () => {
    // Prepare
    const dir = tempDir('query-statements-writes');
    const home = join(dir, 'home');
    mkdirSync(home, { recursive: true });
    const out = join(dir, 'rows.csv');
    const db = join(dir, 'other.duckdb');
    const refused = (sql: string) =>
      queryLake(home, sql).then(
        () => null,
        (error: Error) => error.message,
      );
    // Act
    const copy = await refused(`copy (select 1 as a) to '${out}'`);
    const afterSet = await refused(`set TimeZone = 'UTC'; copy (select 1 as a) to '${out}'; select 1`);
    const attach = await refused(`attach '${db}' as other`);
    const install = await refused('install httpfs');
    const load = await refused('load parquet');
    const stillReads = await queryLake(home, "set TimeZone = 'UTC'; select 3 as n");
    // Assess: named and explained, and nothing written
    expect(copy).toBe(
      'statement 1 of 1 is COPY: debrief query only reads the lake (it writes no file, attaches no database and installs or loads no extension); to keep rows, print them with --csv or --json and redirect: debrief query "select …" --csv > rows.csv',
    );
    expect(afterSet).toMatch(/^statement 2 of 3 is COPY: debrief query only reads the lake/);
    expect(attach).toMatch(/^statement 1 of 1 is ATTACH: /);
    expect(install).toMatch(/^statement 1 of 1 is LOAD: /);
    expect(load).toMatch(/^statement 1 of 1 is LOAD: /);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(db)).toBe(false);
    expect(stillReads).toEqual([{ n: 3 }]);
  }, 60_000);

  it('a write after a statement that makes a table is refused when its turn comes, before it runs', async () => {
    // Prepare
    const dir = tempDir('query-statements-write-made');
    const home = join(dir, 'home');
    mkdirSync(home, { recursive: true });
    const out = join(dir, 't.csv');
    // Act
    const refused = await queryLake(home, `create temp table t as select 1 as a; copy t to '${out}'`).then(
      () => null,
      (error: Error) => error.message,
    );
    // Assess
    expect(refused).toMatch(/^statement 2 of 2 is COPY: /);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

describe('debrief query SQL that starts with a comment line', () => {
  it('is the query, not an unknown option, wherever the options are (commander said "unknown option \'-- topics …\'")', async () => {
    // Prepare: a home with nothing processed yet
    const home = join(tempDir('query-comment'), 'home');
    mkdirSync(home, { recursive: true });
    const query = async (...args: string[]) => {
      try {
        const { stdout } = await sh(process.execPath, [join(REPO, 'bin/debrief.mjs'), 'query', ...args]);
        return { code: 0, stdout, stderr: '' };
      } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    };
    const sql = '-- topics\nselect count(*) as n from calls';
    // Act
    const first = await query(sql, '--home', home, '--json');
    const last = await query('--home', home, '--json', sql);
    const onlyComment = await query('-- nothing here', '--home', home);
    const unknown = await query('--bogus', 'select 1', '--home', home);
    // Assess
    expect(first).toEqual({ code: 0, stdout: '[{"n":0}]\n', stderr: '' });
    expect(last).toEqual(first);
    expect(onlyComment.code).toBe(1);
    expect(onlyComment.stderr).toContain(
      'no SQL to run: the query is empty (or only comments and semicolons)',
    );
    expect(unknown.stderr).toContain("unknown option '--bogus'");
    // Options keep their place; an option's value after '=' may hold spaces
    expect(
      sqlCommentsAsOperands(['node', 'debrief', 'query', '--home=my home', '--\tx\nselect 1', '--csv']),
    ).toEqual(['node', 'debrief', 'query', '--home=my home', '--csv', '--', '--\tx\nselect 1']);
    expect(sqlCommentsAsOperands(['node', 'debrief', 'run', '-- x'])).toEqual([
      'node',
      'debrief',
      'run',
      '-- x',
    ]);
  }, 60_000);
});
