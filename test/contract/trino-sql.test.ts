import { TrinoSQL } from 'dt-sql-parser';
import { describe, expect, it } from 'vitest';
import { dashboardViewSql } from '../../dashboards/view-files.js';
import { KPI_SQL } from '../../dashboards/visuals.js';
import { athenaViews } from '../../infra/glue.js';

/**
 * Athena engine v3 is Trino: every view and dashboard query must parse under Trino's grammar
 * (dt-sql-parser's TrinoSQL is generated with ANTLR from Trino's own SqlBase.g4), including the
 * exact DDL the deploy runs.
 */
const trino = new TrinoSQL();
const errorsOf = (sql: string) =>
  trino.validate(sql).map((e) => `${e.startLine}:${e.startColumn} ${e.message}`);

describe('SQL parses as Trino (Athena engine v3)', () => {
  const queries = [
    ...athenaViews().map((v) => ({ name: `view ${v.name}`, sql: v.sql })),
    ...athenaViews().map((v) => ({
      name: `ddl ${v.name}`,
      sql: `create or replace view ${v.name} as\n${v.sql}`,
    })),
    { name: 'dashboard KPI query', sql: KPI_SQL },
  ];

  it('covers every dashboard view and every table view', () => {
    expect(queries.length).toBe(2 * athenaViews().length + 1);
    expect(athenaViews().map((v) => v.name)).toEqual(
      expect.arrayContaining(dashboardViewSql().map((v) => v.name)),
    );
  });

  for (const q of queries) it(q.name, () => expect(errorsOf(q.sql)).toEqual([]));

  it('the parser rejects what Athena would (DuckDB-only syntax), so the checks above can fail', () => {
    expect(errorsOf('select dt, count(*) from calls group by all qualify count(*) > 1')).not.toEqual([]);
    expect(errorsOf('select a from t where')).not.toEqual([]);
  });
});
