import { latestRowsSql } from '../dashboards/latest-rows.js';
import { dashboardViewSql } from '../dashboards/view-files.js';
import { dataColumnsOf, glueType } from '../schemas/table.js';
import { type TableName, tableNames, tables } from '../schemas/tables.js';

/** Raw Glue tables are `raw_<table>`; analysts query the same-named views, as locally in DuckDB. */
export const rawTableName = (table: TableName): string => `raw_${table}`;

/**
 * A Glue table over the lake prefix, Parquet, with partition projection on dt (no partitions
 * to register, no crawler). Columns come from the same zod row schema the writer validates.
 */
export const glueTableInput = (table: TableName, bucket: string, projectionStart = '2020-01-01') => {
  const def = tables[table];
  const location = `s3://${bucket}/lake/${table}/`;
  const partitioned = def.partitionKeys.includes('dt');
  return {
    Name: rawTableName(table),
    Description: def.description,
    TableType: 'EXTERNAL_TABLE',
    Parameters: {
      classification: 'parquet',
      ...(partitioned
        ? {
            'projection.enabled': 'true',
            'projection.dt.type': 'date',
            'projection.dt.format': 'yyyy-MM-dd',
            'projection.dt.range': `${projectionStart},NOW`,
            'projection.dt.interval': '1',
            'projection.dt.interval.unit': 'DAYS',
            'storage.location.template': `${location}dt=\${dt}/`,
          }
        : {}),
    },
    PartitionKeys: partitioned ? [{ Name: 'dt', Type: 'string' }] : [],
    StorageDescriptor: {
      Location: location,
      InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
      SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
      Columns: dataColumnsOf(def).map((c) => ({ Name: c.name, Type: glueType[c.type] })),
    },
  };
};

export const glueTables = (bucket: string) => tableNames.map((t) => glueTableInput(t, bucket));

/** The Athena views, in creation order: one latest-rows view per table, then the dashboard views. */
export const athenaViews = (sqlDir?: string): { name: string; sql: string }[] => [
  ...tableNames.map((t) => ({ name: t, sql: latestRowsSql(tables[t], rawTableName(t)) })),
  ...dashboardViewSql(sqlDir),
];
