import { z } from 'zod';

/** Logical column types; Parquet, DuckDB and Glue/Athena types all derive from these. */
export type ColumnType = 'string' | 'bigint' | 'double' | 'boolean' | 'timestamp';

export interface Column {
  name: string;
  type: ColumnType;
  nullable: boolean;
}

export interface TableDef<S extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  /** Hive partition columns: they live in the object key, not inside the Parquet file. */
  partitionKeys: readonly string[];
  /** The columns that identify one call's rows (reprocessing replaces them). */
  row: z.ZodObject<S>;
  description: string;
}

/** A timestamp column: an ISO-8601 string in the row, TIMESTAMP in Parquet and SQL. */
export const timestamp = () => z.iso.datetime({ offset: true }).meta({ columnType: 'timestamp' });

export const defineTable = <S extends z.ZodRawShape>(def: TableDef<S>): TableDef<S> => def;

const baseType = (schema: z.ZodType): { type: ColumnType; nullable: boolean } => {
  let current = schema;
  let nullable = false;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: z.ZodType };
    if ((def.type === 'nullable' || def.type === 'optional' || def.type === 'default') && def.innerType) {
      if (def.type !== 'default') nullable = true;
      current = def.innerType;
      continue;
    }
    break;
  }
  const meta = z.globalRegistry.get(current) as { columnType?: ColumnType } | undefined;
  if (meta?.columnType) return { type: meta.columnType, nullable };
  const def = current._zod.def as {
    type: string;
    format?: string;
    checks?: { _zod: { def: { format?: string } } }[];
  };
  switch (def.type) {
    case 'string':
    case 'enum':
    case 'literal':
      return { type: 'string', nullable };
    case 'boolean':
      return { type: 'boolean', nullable };
    case 'number': {
      const isInt =
        def.format === 'safeint' || (def.checks ?? []).some((c) => c._zod.def.format === 'safeint');
      return { type: isInt ? 'bigint' : 'double', nullable };
    }
    default:
      throw new Error(`unsupported column schema type: ${def.type}`);
  }
};

/** The table's columns in declaration order, partition keys included. */
export const columnsOf = (table: TableDef): Column[] =>
  Object.entries(table.row.shape).map(([name, schema]) => ({ name, ...baseType(schema as z.ZodType) }));

/** The columns stored inside the Parquet files (partition keys excluded). */
export const dataColumnsOf = (table: TableDef): Column[] =>
  columnsOf(table).filter((c) => !table.partitionKeys.includes(c.name));

export const duckdbType: Record<ColumnType, string> = {
  string: 'VARCHAR',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP',
};

export const glueType: Record<ColumnType, string> = {
  string: 'string',
  bigint: 'bigint',
  double: 'double',
  boolean: 'boolean',
  timestamp: 'timestamp',
};
