import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  GetTableMetadataCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import {
  CreateDashboardCommand,
  CreateDataSetCommand,
  CreateDataSourceCommand,
  QuickSightClient,
  ResourceExistsException,
  UpdateDashboardCommand,
  UpdateDashboardPublishedVersionCommand,
} from '@aws-sdk/client-quicksight';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AthenaQueryError, queryAthena } from '../../adapters/aws/athena-query.js';
import { setUpQuickSight } from '../../adapters/aws/quicksight-setup.js';
import { FAKE_AWS_CONFIG } from '../helpers/aws.js';

const athena = mockClient(AthenaClient);
const quicksight = mockClient(QuickSightClient);
beforeEach(() => {
  athena.reset();
  quicksight.reset();
});
const target = { workgroup: 'debrief-dev', database: 'debrief_dev' };
const noWait = { sleep: async () => {} };

describe('Athena query (contract against the SDK)', () => {
  it('starts in the workgroup, polls until SUCCEEDED, reads every page and types the values', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce({ QueryExecution: { QueryExecutionId: 'q-1', Status: { State: 'QUEUED' } } })
      .resolvesOnce({ QueryExecution: { QueryExecutionId: 'q-1', Status: { State: 'RUNNING' } } })
      .resolves({
        QueryExecution: {
          QueryExecutionId: 'q-1',
          StatementType: 'DML',
          Status: { State: 'SUCCEEDED' },
          Statistics: { DataScannedInBytes: 2048 },
        },
      });
    const ColumnInfo = [
      { Name: 'call_id', Type: 'varchar' },
      { Name: 'duration_ms', Type: 'bigint' },
      { Name: 'resolved', Type: 'boolean' },
    ];
    athena
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q-1', MaxResults: 1000 })
      .resolves({
        ResultSet: {
          ResultSetMetadata: { ColumnInfo },
          Rows: [
            {
              Data: [
                { VarCharValue: 'call_id' },
                { VarCharValue: 'duration_ms' },
                { VarCharValue: 'resolved' },
              ],
            },
            { Data: [{ VarCharValue: 'a' }, { VarCharValue: '61000' }, { VarCharValue: 'true' }] },
          ],
        },
        NextToken: 'p2',
      })
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q-1', MaxResults: 1000, NextToken: 'p2' })
      .resolves({
        ResultSet: { ResultSetMetadata: { ColumnInfo }, Rows: [{ Data: [{ VarCharValue: 'b' }, {}, {}] }] },
      });
    const result = await queryAthena(
      new AthenaClient(FAKE_AWS_CONFIG),
      'select * from calls',
      target,
      noWait,
    );
    expect(athena.commandCalls(StartQueryExecutionCommand)[0]?.args[0].input).toEqual({
      QueryString: 'select * from calls',
      WorkGroup: 'debrief-dev',
      QueryExecutionContext: { Database: 'debrief_dev', Catalog: 'AwsDataCatalog' },
    });
    expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(3);
    expect(athena.commandCalls(GetQueryResultsCommand).map((c) => c.args[0].input)).toEqual([
      { QueryExecutionId: 'q-1', MaxResults: 1000 },
      { QueryExecutionId: 'q-1', MaxResults: 1000, NextToken: 'p2' },
    ]);
    expect(result.rows).toEqual([
      { call_id: 'a', duration_ms: 61000, resolved: true },
      { call_id: 'b', duration_ms: null, resolved: null },
    ]);
    expect(result.scannedBytes).toBe(2048);
  });

  it("a failed query is a typed error with Athena's reason", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-2' });
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: {
        Status: { State: 'FAILED', StateChangeReason: "TABLE_NOT_FOUND: Table 'x' does not exist" },
      },
    });
    const err = await queryAthena(new AthenaClient(FAKE_AWS_CONFIG), 'select 1 from x', target, noWait).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(AthenaQueryError);
    expect(err.name).toBe('AthenaQueryError');
    expect(err.message).toMatch(/q-2 failed: TABLE_NOT_FOUND/);
  });
});

describe('QuickSight set-up (contract against the SDK)', () => {
  const setup = {
    accountId: '123456789012',
    region: 'eu-west-1',
    partition: 'aws',
    namePrefix: 'debrief-dev',
    workgroup: 'debrief-dev',
    database: 'debrief_dev',
    principals: ['arn:aws:quicksight:eu-west-1:123456789012:group/default/analysts'],
    views: ['topic_stats', 'pipeline_status'],
  };
  const columns = {
    topic_stats: [
      { Name: 'topic', Type: 'varchar' },
      { Name: 'calls', Type: 'bigint' },
      { Name: 'avg_handle_s', Type: 'double' },
    ],
    pipeline_status: [
      { Name: 'state', Type: 'varchar' },
      { Name: 'calls', Type: 'bigint' },
      { Name: 'last_update', Type: 'timestamp(3)' },
    ],
  };

  it('creates the Athena data source, one direct-query dataset per view and the dashboard, granting the principals', async () => {
    for (const [view, Columns] of Object.entries(columns))
      athena
        .on(GetTableMetadataCommand, { TableName: view })
        .resolves({ TableMetadata: { Name: view, Columns } });
    quicksight.on(CreateDataSourceCommand).resolves({});
    quicksight.on(CreateDataSetCommand).resolves({});
    quicksight.on(CreateDashboardCommand).resolves({});
    const out = await setUpQuickSight(
      new QuickSightClient(FAKE_AWS_CONFIG),
      new AthenaClient(FAKE_AWS_CONFIG),
      setup,
    );
    const ds = quicksight.commandCalls(CreateDataSourceCommand)[0]?.args[0].input;
    expect(ds).toMatchObject({
      AwsAccountId: '123456789012',
      DataSourceId: 'debrief-dev-athena',
      Type: 'ATHENA',
      DataSourceParameters: { AthenaParameters: { WorkGroup: 'debrief-dev' } },
      Permissions: [
        { Principal: setup.principals[0], Actions: expect.arrayContaining(['quicksight:PassDataSource']) },
      ],
    });
    const sets = quicksight.commandCalls(CreateDataSetCommand).map((c) => c.args[0].input);
    expect(sets[0]).toEqual({
      AwsAccountId: '123456789012',
      DataSetId: 'debrief-dev-topic-stats',
      Name: 'debrief topic_stats',
      ImportMode: 'DIRECT_QUERY',
      PhysicalTableMap: {
        topic_stats: {
          RelationalTable: {
            DataSourceArn: 'arn:aws:quicksight:eu-west-1:123456789012:datasource/debrief-dev-athena',
            Catalog: 'AwsDataCatalog',
            Schema: 'debrief_dev',
            Name: 'topic_stats',
            InputColumns: [
              { Name: 'topic', Type: 'STRING' },
              { Name: 'calls', Type: 'INTEGER' },
              { Name: 'avg_handle_s', Type: 'DECIMAL' },
            ],
          },
        },
      },
      Permissions: [
        { Principal: setup.principals[0], Actions: expect.arrayContaining(['quicksight:PassDataSet']) },
      ],
    });
    expect(sets[1]?.PhysicalTableMap?.pipeline_status?.RelationalTable?.InputColumns?.[2]).toEqual({
      Name: 'last_update',
      Type: 'DATETIME',
    });
    const dash = quicksight.commandCalls(CreateDashboardCommand)[0]?.args[0].input;
    expect(dash).toMatchObject({ DashboardId: 'debrief-dev-overview', AwsAccountId: '123456789012' });
    expect(dash?.Definition?.DataSetIdentifierDeclarations).toEqual(
      expect.arrayContaining([
        {
          Identifier: 'topic_stats',
          DataSetArn: 'arn:aws:quicksight:eu-west-1:123456789012:dataset/debrief-dev-topic-stats',
        },
      ]),
    );
    expect(out.actions).toEqual([
      'datasource created',
      'dataset topic_stats created',
      'dataset pipeline_status created',
      'dashboard created',
    ]);
  });

  it('a re-deploy updates the dashboard and publishes the new version', async () => {
    athena
      .on(GetTableMetadataCommand)
      .resolves({ TableMetadata: { Name: 'v', Columns: columns.topic_stats } });
    const exists = new ResourceExistsException({ message: 'exists', $metadata: {} });
    quicksight.on(CreateDataSourceCommand).rejects(exists);
    quicksight.on(CreateDataSetCommand).rejects(exists);
    quicksight.on(CreateDashboardCommand).rejects(exists);
    quicksight.on(UpdateDashboardCommand).resolves({
      VersionArn: 'arn:aws:quicksight:eu-west-1:123456789012:dashboard/debrief-dev-overview/version/7',
    });
    const out = await setUpQuickSight(
      new QuickSightClient(FAKE_AWS_CONFIG),
      new AthenaClient(FAKE_AWS_CONFIG),
      setup,
    );
    expect(quicksight.commandCalls(UpdateDashboardPublishedVersionCommand)[0]?.args[0].input).toEqual({
      AwsAccountId: '123456789012',
      DashboardId: 'debrief-dev-overview',
      VersionNumber: 7,
    });
    expect(out.actions.at(-1)).toBe('dashboard updated');
  });
});
