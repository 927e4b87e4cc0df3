import { parquetReadObjects } from 'hyparquet';
import { type ColumnSource, parquetWriteBuffer } from 'hyparquet-writer';
import { type Column, dataColumnsOf, type TableDef } from '../../schemas/table.js';

const parquetType = {
  string: 'STRING',
  bigint: 'INT64',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP',
} as const;

const toParquetValue = (column: Column, value: unknown): unknown => {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'bigint':
      return BigInt(value as number);
    case 'timestamp':
      return new Date(value as string);
    default:
      return value;
  }
};

const fromParquetValue = (column: Column, value: unknown): unknown => {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'bigint':
      return Number(value);
    case 'timestamp':
      return (value instanceof Date ? value : new Date(Number(value))).toISOString();
    default:
      return value;
  }
};

/** Encode validated rows as one Parquet file with the table's declared column types. */
export const encodeRows = (table: TableDef, rows: readonly Record<string, unknown>[]): Uint8Array => {
  const columns = dataColumnsOf(table);
  const columnData: ColumnSource[] = columns.map((column) => ({
    name: column.name,
    type: parquetType[column.type],
    nullable: column.nullable,
    data: rows.map((row) => toParquetValue(column, row[column.name])) as ColumnSource['data'],
  }));
  return new Uint8Array(parquetWriteBuffer({ columnData, createdBy: 'debrief' }));
};

/**
 * Decode a Parquet file written by encodeRows back into row objects (partition keys excluded);
 * `only`: just these columns (the others are not read at all).
 */
export const decodeRows = async (
  table: TableDef,
  body: Uint8Array,
  only?: readonly string[],
): Promise<Record<string, unknown>[]> => {
  const columns = dataColumnsOf(table).filter((c) => !only || only.includes(c.name));
  const file = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
  const objects = (await parquetReadObjects({
    file,
    ...(only ? { columns: columns.map((c) => c.name) } : {}),
  })) as Record<string, unknown>[];
  return objects.map((o) => Object.fromEntries(columns.map((c) => [c.name, fromParquetValue(c, o[c.name])])));
};
