import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as DuckDb from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { latestRowsSql } from '../../dashboards/latest-rows.js';
import { dashboardViewSql } from '../../dashboards/view-files.js';
import { columnsOf, duckdbType } from '../../schemas/table.js';
import { type TableName, tableNames, tables } from '../../schemas/tables.js';

// @duckdb/node-api is CommonJS (~120 files). `import` makes Node lex every file for its named
// exports before running it; `require` takes about half the time (~0.1-0.2 s of every
// `debrief query`; see the start-up figures of `npm run bench startup`).
const duckdb = createRequire(import.meta.url)('@duckdb/node-api') as typeof DuckDb;

const hasParquet = (dir: string): boolean => {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).some(
    (e) => e.isFile() && e.name.endsWith('.parquet'),
  );
};

const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** JSON-friendly values: BIGINT -> number, TIMESTAMP -> ISO string, DATE -> YYYY-MM-DD. */
const plain = (value: unknown): unknown => {
  if (typeof value === 'bigint') return Number(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plain);
  const s = String(value);
  if (value.constructor?.name === 'DuckDBTimestampValue') return `${s.replace(' ', 'T')}Z`;
  if (value.constructor?.name?.startsWith('DuckDB')) return s;
  return value;
};

/**
 * DuckDB over the lake folder: one view per table (latest write per call wins, so a re-run or
 * a not-yet-compacted day never double counts), then the shared analysis views from
 * dashboards/sql/*.sql — the same SQL Athena runs.
 */
export class DuckDbLake {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async open(lakeDir: string): Promise<DuckDbLake> {
    const instance = await duckdb.DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const db = new DuckDbLake(instance, connection);
    for (const name of tableNames) await db.createTableView(lakeDir, name);
    for (const view of dashboardViewSql()) {
      await connection.run(`create or replace view ${view.name} as ${view.sql}`);
    }
    return db;
  }

  private async createTableView(lakeDir: string, name: TableName): Promise<void> {
    const def = tables[name];
    const columns = columnsOf(def);
    const dir = join(lakeDir, name);
    const raw = `raw_${name}`;
    if (hasParquet(dir)) {
      const partitioned = def.partitionKeys.length > 0;
      const glob = partitioned ? join(dir, 'dt=*', '*.parquet') : join(dir, '*.parquet');
      const options = partitioned ? ", hive_partitioning = true, hive_types = {'dt': VARCHAR}" : '';
      const select = columns.map((c) => `cast(${c.name} as ${duckdbType[c.type]}) as ${c.name}`).join(', ');
      await this.connection.run(
        `create or replace view ${raw} as select ${select} from read_parquet(${sqlString(glob)}, union_by_name = true${options})`,
      );
    } else {
      const cols = columns.map((c) => `${c.name} ${duckdbType[c.type]}`).join(', ');
      await this.connection.run(`create or replace table ${raw} (${cols})`);
    }
    await this.connection.run(`create or replace view ${name} as ${latestRowsSql(def, raw)}`);
  }

  /**
   * Reads the given tables once into memory and points their views at the copies: many queries
   * in a row (a dashboard page) then see one consistent state of the lake and stop re-reading
   * every Parquet file (binding a union-by-name scan reads each file's footer, every query).
   */
  async snapshot(names: readonly TableName[]): Promise<void> {
    for (const name of names) {
      await this.connection.run(`create or replace temp table snapshot_${name} as select * from ${name}`);
      await this.connection.run(`create or replace view ${name} as select * from snapshot_${name}`);
    }
  }

  /** Runs SQL; `params` bind to its `?` placeholders in order (never spliced into the text). */
  async query(sql: string, params: readonly string[] = []): Promise<Record<string, unknown>[]> {
    const reader = await this.connection.runAndReadAll(sql, params.length > 0 ? [...params] : undefined);
    return reader
      .getRowObjects()
      .map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
