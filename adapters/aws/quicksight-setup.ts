import { type AthenaClient, GetTableMetadataCommand } from '@aws-sdk/client-athena';
import {
  CreateDashboardCommand,
  CreateDataSetCommand,
  CreateDataSourceCommand,
  type InputColumn,
  type InputColumnDataType,
  type QuickSightClient,
  type ResourcePermission,
  UpdateDashboardCommand,
  UpdateDashboardPermissionsCommand,
  UpdateDashboardPublishedVersionCommand,
  UpdateDataSetCommand,
  UpdateDataSetPermissionsCommand,
  UpdateDataSourceCommand,
  UpdateDataSourcePermissionsCommand,
} from '@aws-sdk/client-quicksight';
import { quicksightDefinition } from '../../dashboards/quicksight-definition.js';

export interface QuickSightSetup {
  accountId: string;
  region: string;
  partition: string;
  /** `debrief-<stage>`: every id starts with it (the set-up function's IAM is scoped to it). */
  namePrefix: string;
  workgroup: string;
  database: string;
  /** QuickSight users or groups (ARNs) who get the data source, datasets and dashboard. */
  principals: string[];
  /** The views the dashboard reads. */
  views: string[];
}

const DATA_SOURCE_ACTIONS = [
  'quicksight:DescribeDataSource',
  'quicksight:DescribeDataSourcePermissions',
  'quicksight:PassDataSource',
  'quicksight:UpdateDataSource',
  'quicksight:DeleteDataSource',
  'quicksight:UpdateDataSourcePermissions',
];
const DATA_SET_ACTIONS = [
  'quicksight:DescribeDataSet',
  'quicksight:DescribeDataSetPermissions',
  'quicksight:PassDataSet',
  'quicksight:DescribeIngestion',
  'quicksight:ListIngestions',
  'quicksight:UpdateDataSet',
  'quicksight:DeleteDataSet',
  'quicksight:CreateIngestion',
  'quicksight:CancelIngestion',
  'quicksight:UpdateDataSetPermissions',
];
const DASHBOARD_ACTIONS = [
  'quicksight:DescribeDashboard',
  'quicksight:ListDashboardVersions',
  'quicksight:UpdateDashboardPermissions',
  'quicksight:QueryDashboard',
  'quicksight:UpdateDashboard',
  'quicksight:DeleteDashboard',
  'quicksight:DescribeDashboardPermissions',
  'quicksight:UpdateDashboardPublishedVersion',
];

const grant = (principals: string[], actions: string[]): ResourcePermission[] =>
  principals.map((Principal) => ({ Principal, Actions: actions }));

/** Athena (Hive DDL) column types -> QuickSight input column types. */
export const quicksightColumnType = (athenaType: string): InputColumnDataType => {
  const t = athenaType.toLowerCase();
  if (/^(tinyint|smallint|int|integer|bigint)$/.test(t)) return 'INTEGER';
  if (/^(float|real|double|decimal)/.test(t)) return 'DECIMAL';
  if (t === 'boolean') return 'BIT';
  if (/^(timestamp|date)/.test(t)) return 'DATETIME';
  return 'STRING';
};

/**
 * The views' day (`dt`, the lake's partition: a 'YYYY-MM-DD' string in Athena, as `debrief query`
 * and the local views read it) as a date in each dataset: QuickSight's date filter, date axis and
 * cross-dataset matching (by column name and type) need a DATETIME column. The cast is QuickSight's
 * own data preparation; the views, their Athena columns and the Trino SQL stay as they are.
 */
export const DAY_COLUMN = 'dt';
export const DAY_FORMAT = 'yyyy-MM-dd';
/**
 * A view's physical (and logical) table id in its dataset: QuickSight takes 1-64 of [0-9a-zA-Z-]
 * (PhysicalTableMap keys, LogicalTableSource.PhysicalTableId), so a view's underscores become hyphens.
 */
export const tableId = (view: string): string => view.replace(/_/g, '-');
const dayCast = (view: string, columns: InputColumn[]) =>
  columns.some((c) => c.Name === DAY_COLUMN && c.Type === 'STRING')
    ? {
        LogicalTableMap: {
          [tableId(view)]: {
            Alias: view,
            Source: { PhysicalTableId: tableId(view) },
            DataTransforms: [
              {
                CastColumnTypeOperation: {
                  ColumnName: DAY_COLUMN,
                  NewColumnType: 'DATETIME' as const,
                  Format: DAY_FORMAT,
                },
              },
            ],
          },
        },
      }
    : {};

const isExists = (e: unknown) => e instanceof Error && e.name === 'ResourceExistsException';

/** Create, or on a later deploy update, one QuickSight asset; then (re)grant the principals. */
const upsert = async (
  create: () => Promise<unknown>,
  update: () => Promise<unknown>,
  grantAll: () => Promise<unknown>,
) => {
  try {
    await create();
    return 'created' as const;
  } catch (e) {
    if (!isExists(e)) throw e;
    await update();
    await grantAll();
    return 'updated' as const;
  }
};

/**
 * The Athena data source (through the stack's workgroup), one direct-query dataset per view
 * (columns read from the view's Athena metadata, so schema changes follow; a view's day cast to
 * a date) and the dashboard
 * from dashboards/quicksight-definition.ts. Idempotent: a re-deploy updates in place.
 */
export const setUpQuickSight = async (
  quicksight: QuickSightClient,
  athena: AthenaClient,
  s: QuickSightSetup,
): Promise<{ dataSource: string; dataSets: string[]; dashboard: string; actions: string[] }> => {
  const arn = (kind: string, id: string) =>
    `arn:${s.partition}:quicksight:${s.region}:${s.accountId}:${kind}/${id}`;
  const actions: string[] = [];
  const dataSourceId = `${s.namePrefix}-athena`;
  const dataSource = {
    AwsAccountId: s.accountId,
    DataSourceId: dataSourceId,
    Name: `debrief (${s.namePrefix})`,
    DataSourceParameters: { AthenaParameters: { WorkGroup: s.workgroup } },
  };
  actions.push(
    `datasource ${await upsert(
      () =>
        quicksight.send(
          new CreateDataSourceCommand({
            ...dataSource,
            Type: 'ATHENA',
            Permissions: grant(s.principals, DATA_SOURCE_ACTIONS),
          }),
        ),
      () => quicksight.send(new UpdateDataSourceCommand(dataSource)),
      () =>
        quicksight.send(
          new UpdateDataSourcePermissionsCommand({
            AwsAccountId: s.accountId,
            DataSourceId: dataSourceId,
            GrantPermissions: grant(s.principals, DATA_SOURCE_ACTIONS),
          }),
        ),
    )}`,
  );
  const dataSourceArn = arn('datasource', dataSourceId);
  const dataSetId = (view: string) => `${s.namePrefix}-${tableId(view)}`;
  for (const view of s.views) {
    const meta = await athena.send(
      new GetTableMetadataCommand({
        CatalogName: 'AwsDataCatalog',
        DatabaseName: s.database,
        TableName: view,
      }),
    );
    const columns: InputColumn[] = (meta.TableMetadata?.Columns ?? []).map((c) => ({
      Name: c.Name,
      Type: quicksightColumnType(c.Type ?? 'string'),
    }));
    if (columns.length === 0)
      throw new Error(`view ${s.database}.${view} has no columns (were the views created?)`);
    const dataSet = {
      AwsAccountId: s.accountId,
      DataSetId: dataSetId(view),
      Name: `debrief ${view}`,
      ImportMode: 'DIRECT_QUERY' as const,
      PhysicalTableMap: {
        [tableId(view)]: {
          RelationalTable: {
            DataSourceArn: dataSourceArn,
            Catalog: 'AwsDataCatalog',
            Schema: s.database,
            Name: view,
            InputColumns: columns,
          },
        },
      },
      ...dayCast(view, columns),
    };
    actions.push(
      `dataset ${view} ${await upsert(
        () =>
          quicksight.send(
            new CreateDataSetCommand({ ...dataSet, Permissions: grant(s.principals, DATA_SET_ACTIONS) }),
          ),
        () => quicksight.send(new UpdateDataSetCommand(dataSet)),
        () =>
          quicksight.send(
            new UpdateDataSetPermissionsCommand({
              AwsAccountId: s.accountId,
              DataSetId: dataSetId(view),
              GrantPermissions: grant(s.principals, DATA_SET_ACTIONS),
            }),
          ),
      )}`,
    );
  }
  const dashboardId = `${s.namePrefix}-overview`;
  const dashboard = {
    AwsAccountId: s.accountId,
    DashboardId: dashboardId,
    Name: `debrief overview (${s.namePrefix})`,
    Definition: quicksightDefinition((view) => arn('dataset', dataSetId(view))),
  };
  let created = true;
  try {
    await quicksight.send(
      new CreateDashboardCommand({ ...dashboard, Permissions: grant(s.principals, DASHBOARD_ACTIONS) }),
    );
  } catch (e) {
    if (!isExists(e)) throw e;
    created = false;
    const updated = await quicksight.send(new UpdateDashboardCommand(dashboard));
    // An update makes a new version; publish it (the version number ends the version ARN).
    const version = Number(updated.VersionArn?.split('/').pop());
    if (!Number.isInteger(version))
      throw new Error(`UpdateDashboard returned no version (${updated.VersionArn})`);
    await quicksight.send(
      new UpdateDashboardPublishedVersionCommand({
        AwsAccountId: s.accountId,
        DashboardId: dashboardId,
        VersionNumber: version,
      }),
    );
    await quicksight.send(
      new UpdateDashboardPermissionsCommand({
        AwsAccountId: s.accountId,
        DashboardId: dashboardId,
        GrantPermissions: grant(s.principals, DASHBOARD_ACTIONS),
      }),
    );
  }
  actions.push(`dashboard ${created ? 'created' : 'updated'}`);
  return {
    dataSource: dataSourceArn,
    dataSets: s.views.map((v) => arn('dataset', dataSetId(v))),
    dashboard: arn('dashboard', dashboardId),
    actions,
  };
};
