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
  UpdateDataSetCommand,
} from '@aws-sdk/client-quicksight';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AthenaQueryError, queryAthena } from '../../adapters/aws/athena-query.js';
import { DAY_FORMAT, setUpQuickSight, tableId } from '../../adapters/aws/quicksight-setup.js';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { quicksightDefinition, quicksightView } from '../../dashboards/quicksight-definition.js';
import { dashboardViewSql } from '../../dashboards/view-files.js';
import { visuals } from '../../dashboards/visuals.js';
import { glueTableInput } from '../../infra/glue.js';
import { FAKE_AWS_CONFIG } from '../helpers/aws.js';
import { tempDir } from '../helpers/paths.js';

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

  it('integers beyond 2^53 and decimals a double cannot hold come back as their exact text, as DuckDB answers locally', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-3' });
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: { QueryExecutionId: 'q-3', StatementType: 'DML', Status: { State: 'SUCCEEDED' } },
    });
    const ColumnInfo = [
      { Name: 'h', Type: 'bigint' },
      { Name: 'n', Type: 'bigint' },
      { Name: 'total', Type: 'decimal', Precision: 38, Scale: 2 },
      { Name: 'avg', Type: 'decimal', Precision: 10, Scale: 2 },
    ];
    athena.on(GetQueryResultsCommand).resolves({
      ResultSet: {
        ResultSetMetadata: { ColumnInfo },
        Rows: [
          { Data: ColumnInfo.map((c) => ({ VarCharValue: c.Name })) },
          {
            Data: [
              { VarCharValue: '-9007199254740993' },
              { VarCharValue: '9007199254740991' },
              { VarCharValue: '12345678901234567.89' },
              { VarCharValue: '12.50' },
            ],
          },
        ],
      },
    });
    const result = await queryAthena(new AthenaClient(FAKE_AWS_CONFIG), 'select 1', target, noWait);
    // Number('-9007199254740993') is -9007199254740992 and Number('12345678901234567.89') 12345678901234568
    expect(result.rows).toEqual([
      { h: '-9007199254740993', n: 9007199254740991, total: '12345678901234567.89', avg: 12.5 },
    ]);
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
    views: ['topic_stats', 'pipeline_status', 'topic_daily_totals'],
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
    topic_daily_totals: [
      { Name: 'dt', Type: 'varchar' },
      { Name: 'topic', Type: 'varchar' },
      { Name: 'calls', Type: 'bigint' },
    ],
  };
  /** The dataset of a view with a day: its `dt` string cast to a date by QuickSight. */
  const datedDataSet = {
    AwsAccountId: '123456789012',
    DataSetId: 'debrief-dev-topic-daily-totals',
    Name: 'debrief topic_daily_totals',
    ImportMode: 'DIRECT_QUERY',
    PhysicalTableMap: {
      'topic-daily-totals': {
        RelationalTable: {
          DataSourceArn: 'arn:aws:quicksight:eu-west-1:123456789012:datasource/debrief-dev-athena',
          Catalog: 'AwsDataCatalog',
          Schema: 'debrief_dev',
          Name: 'topic_daily_totals',
          InputColumns: [
            { Name: 'dt', Type: 'STRING' },
            { Name: 'topic', Type: 'STRING' },
            { Name: 'calls', Type: 'INTEGER' },
          ],
        },
      },
    },
    LogicalTableMap: {
      'topic-daily-totals': {
        Alias: 'topic_daily_totals',
        Source: { PhysicalTableId: 'topic-daily-totals' },
        DataTransforms: [
          { CastColumnTypeOperation: { ColumnName: 'dt', NewColumnType: 'DATETIME', Format: 'yyyy-MM-dd' } },
        ],
      },
    },
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
        'topic-stats': {
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
    expect(sets[1]?.PhysicalTableMap?.['pipeline-status']?.RelationalTable?.InputColumns?.[2]).toEqual({
      Name: 'last_update',
      Type: 'DATETIME',
    });
    // A view without a day is left as Athena types it; a view with one gets its day as a date.
    expect(sets[0]?.LogicalTableMap).toBeUndefined();
    expect(sets[1]?.LogicalTableMap).toBeUndefined();
    expect(sets[2]).toEqual({
      ...datedDataSet,
      Permissions: [
        { Principal: setup.principals[0], Actions: expect.arrayContaining(['quicksight:PassDataSet']) },
      ],
    });
    const dash = quicksight.commandCalls(CreateDashboardCommand)[0]?.args[0].input;
    expect(dash).toMatchObject({ DashboardId: 'debrief-dev-overview', AwsAccountId: '123456789012' });
    expect(dash?.Definition?.DataSetIdentifierDeclarations).toEqual(
      expect.arrayContaining([
        {
          Identifier: 'topic_daily_totals',
          DataSetArn: 'arn:aws:quicksight:eu-west-1:123456789012:dataset/debrief-dev-topic-daily-totals',
        },
      ]),
    );
    expect(out.actions).toEqual([
      'datasource created',
      'dataset topic_stats created',
      'dataset pipeline_status created',
      'dataset topic_daily_totals created',
      'dashboard created',
    ]);
  });

  it('a re-deploy updates the dashboard and publishes the new version', async () => {
    for (const [view, Columns] of Object.entries(columns))
      athena
        .on(GetTableMetadataCommand, { TableName: view })
        .resolves({ TableMetadata: { Name: view, Columns } });
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
    // The update keeps the day a date (an update replaces the dataset's tables and transforms).
    expect(
      quicksight
        .commandCalls(UpdateDataSetCommand)
        .find((c) => c.args[0].input.DataSetId === datedDataSet.DataSetId)?.args[0].input,
    ).toEqual(datedDataSet);
  });

  it("casts the day of every view the dashboard's date filter reads, as the views' own columns give them (DuckDB), in the lake's day format", async () => {
    // Every view's columns as Athena reports them: DuckDB's types of the same SQL, in Trino's names.
    const athenaType = (duck: string) =>
      ({
        VARCHAR: 'varchar',
        BIGINT: 'bigint',
        HUGEINT: 'bigint',
        INTEGER: 'integer',
        DOUBLE: 'double',
        BOOLEAN: 'boolean',
      })[duck] ??
      (/^DECIMAL/.test(duck)
        ? duck.toLowerCase()
        : /^TIMESTAMP/.test(duck)
          ? 'timestamp(3)'
          : duck.toLowerCase());
    const db = await DuckDbLake.open(tempDir('qs-columns'));
    const views = dashboardViewSql().map((v) => v.name);
    const dated = new Set<string>();
    try {
      for (const view of views) {
        const Columns = (
          await db.query(
            `select column_name, data_type from information_schema.columns where table_name = '${view}' order by ordinal_position`,
          )
        ).map((r) => ({ Name: String(r.column_name), Type: athenaType(String(r.data_type)) }));
        if (Columns.some((c) => c.Name === 'dt')) dated.add(view);
        athena
          .on(GetTableMetadataCommand, { TableName: view })
          .resolves({ TableMetadata: { Name: view, Columns } });
      }
    } finally {
      db.close();
    }
    quicksight.on(CreateDataSourceCommand).resolves({});
    quicksight.on(CreateDataSetCommand).resolves({});
    quicksight.on(CreateDashboardCommand).resolves({});
    await setUpQuickSight(new QuickSightClient(FAKE_AWS_CONFIG), new AthenaClient(FAKE_AWS_CONFIG), {
      ...setup,
      views,
    });
    const sets = new Map(
      quicksight
        .commandCalls(CreateDataSetCommand)
        .map((c) => [c.args[0].input.Name?.replace('debrief ', ''), c.args[0].input]),
    );
    expect([...sets.keys()]).toEqual(views);
    // A physical table's id (the PhysicalTableMap key, a logical table's Source.PhysicalTableId)
    // and a logical table's key: 1-64 of [0-9a-zA-Z-] (QuickSight API reference, LogicalTableSource
    // and CreateDataSet): a view's name with its underscores is rejected.
    const TABLE_ID = /^[0-9a-zA-Z-]{1,64}$/;
    for (const [view, set] of sets) {
      const ids = [
        ...Object.keys(set?.PhysicalTableMap ?? {}),
        ...Object.keys(set?.LogicalTableMap ?? {}),
        ...Object.values(set?.LogicalTableMap ?? {}).map((t) => t.Source?.PhysicalTableId ?? ''),
      ];
      expect(ids.length, view).toBeGreaterThan(0);
      for (const id of ids) expect(id, view).toMatch(TABLE_ID);
    }
    // The lake's partitions name their day in the same format the datasets read it in.
    expect(glueTableInput('calls', 'b').Parameters['projection.dt.format']).toBe(DAY_FORMAT);
    for (const [view, set] of sets)
      expect(set?.LogicalTableMap?.[tableId(view!)]?.DataTransforms, view).toEqual(
        dated.has(view!)
          ? [{ CastColumnTypeOperation: { ColumnName: 'dt', NewColumnType: 'DATETIME', Format: DAY_FORMAT } }]
          : undefined,
      );
    // Every dataset the dashboard's date filter reaches has its day as a date; the dashboard sent is the definition.
    const dash = quicksight.commandCalls(CreateDashboardCommand)[0]?.args[0].input;
    const arn = (view: string) =>
      `arn:aws:quicksight:eu-west-1:123456789012:dataset/debrief-dev-${view.replace(/_/g, '-')}`;
    expect(dash?.Definition).toEqual(quicksightDefinition(arn));
    const days = dash?.Definition?.FilterGroups?.find((g) => g.FilterGroupId === 'days');
    const scoped =
      days?.ScopeConfiguration?.SelectedSheets?.SheetVisualScopingConfigurations?.[0]?.VisualIds ?? [];
    expect(scoped.length).toBeGreaterThan(10);
    for (const id of scoped) {
      // A chart's summary table (`<id>-summary`) reads the chart's view.
      const view = quicksightView(visuals.find((v) => v.id === id || `${v.id}-summary` === id)!);
      expect(dated.has(view), `${id}: ${view}`).toBe(true);
    }
  });
});
