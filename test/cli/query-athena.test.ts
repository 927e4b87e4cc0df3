import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildCli } from '../../cli/debrief.js';
import { dashboardViewSql } from '../../dashboards/view-files.js';
import { tableNames } from '../../schemas/tables.js';

const athena = mockClient(AthenaClient);
afterEach(() => {
  athena.reset();
  vi.restoreAllMocks();
});

describe('debrief query --athena', () => {
  it('queries the stage workgroup and prints the same JSON as a local query', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q' });
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: { QueryExecutionId: 'q', StatementType: 'DML', Status: { State: 'SUCCEEDED' } },
    });
    athena.on(GetQueryResultsCommand).resolves({
      ResultSet: {
        ResultSetMetadata: { ColumnInfo: [{ Name: 'n', Type: 'bigint' }] },
        Rows: [{ Data: [{ VarCharValue: 'n' }] }, { Data: [{ VarCharValue: '6' }] }],
      },
    });
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
      out.push(String(s));
      return true;
    });
    await buildCli().parseAsync(
      [
        'query',
        'select count(*) as n from calls',
        '--athena',
        '--stage',
        'prod-eu',
        '--json',
        '--region',
        'eu-west-1',
      ],
      { from: 'user' },
    );
    expect(out.join('')).toBe('[{"n":6}]\n');
    expect(athena.commandCalls(StartQueryExecutionCommand)[0]?.args[0].input).toMatchObject({
      WorkGroup: 'debrief-prod-eu',
      QueryExecutionContext: { Database: 'debrief_prod_eu' },
    });
  });

  // fix20: Glue's raw_* tables (what the views are made of) were listed beside the views, where the
  // local `show tables` lists the analysts' names only.
  it('show tables lists the views analysts query, not the raw_* Glue tables under them', async () => {
    // Prepare: Athena's answer to SHOW TABLES as documented: a DDL statement whose one string
    // column tab_name has a row per table and view of the database, no header row.
    const views = [...tableNames, ...dashboardViewSql().map((v) => v.name)];
    const glue = [...tableNames.map((t) => `raw_${t}`), ...views].sort();
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-show' });
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: {
        QueryExecutionId: 'q-show',
        StatementType: 'DDL',
        Status: { State: 'SUCCEEDED' },
        Statistics: { DataScannedInBytes: 0, TotalExecutionTimeInMillis: 310 },
      },
    });
    athena.on(GetQueryResultsCommand).resolves({
      UpdateCount: 0,
      ResultSet: {
        Rows: glue.map((name) => ({ Data: [{ VarCharValue: name }] })),
        ResultSetMetadata: {
          ColumnInfo: [
            {
              CatalogName: 'hive',
              SchemaName: '',
              TableName: '',
              Name: 'tab_name',
              Label: 'tab_name',
              Type: 'string',
              Precision: 0,
              Scale: 0,
              Nullable: 'UNKNOWN',
              CaseSensitive: false,
            },
          ],
        },
      },
    });
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
      out.push(String(s));
      return true;
    });
    const listed = async (sql: string) => {
      out.length = 0;
      await buildCli().parseAsync(['query', sql, '--athena', '--stage', 'dev', '--json'], { from: 'user' });
      return (JSON.parse(out.join('')) as { tab_name: string }[]).map((r) => r.tab_name);
    };
    // Act
    const shown = await listed('show tables');
    const named = [
      await listed('SHOW TABLES IN debrief_dev;'),
      await listed("/* what is there */ show tables in `debrief_dev` 'call*'"),
    ];
    const other = await listed('show tables in another_db');
    // Assess: 32 names in Glue, the 22 views listed (kpis and recent_calls are the local lake's own).
    expect(glue).toHaveLength(32);
    expect(shown).toEqual([...views].sort());
    expect(shown).toHaveLength(22);
    for (const n of named) expect(n).toEqual([...views].sort());
    expect(other).toEqual(glue);
    // The statement went to Athena as typed: one StartQueryExecution, one GetQueryExecution, one results page each.
    expect(athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input)).toEqual(
      [
        'show tables',
        'SHOW TABLES IN debrief_dev;',
        "/* what is there */ show tables in `debrief_dev` 'call*'",
        'show tables in another_db',
      ].map((QueryString) => ({
        QueryString,
        WorkGroup: 'debrief-dev',
        QueryExecutionContext: { Database: 'debrief_dev', Catalog: 'AwsDataCatalog' },
      })),
    );
    expect(athena.commandCalls(GetQueryExecutionCommand).map((c) => c.args[0].input)).toEqual(
      Array(4).fill({ QueryExecutionId: 'q-show' }),
    );
    expect(athena.commandCalls(GetQueryResultsCommand).map((c) => c.args[0].input)).toEqual(
      Array(4).fill({ QueryExecutionId: 'q-show', MaxResults: 1000 }),
    );
  });
});
