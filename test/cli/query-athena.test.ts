import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildCli } from '../../cli/debrief.js';

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
});
