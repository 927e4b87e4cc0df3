import {
  type AthenaClient,
  type ColumnInfo,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  type QueryExecution,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { exactDecimal, exactInteger } from '../lake/exact-number.js';

export class AthenaQueryError extends Error {
  override readonly name = 'AthenaQueryError';
  constructor(
    readonly queryExecutionId: string,
    readonly state: string,
    reason: string,
  ) {
    super(`Athena query ${queryExecutionId} ${state.toLowerCase()}: ${reason}`);
  }
}

export interface AthenaTarget {
  workgroup: string;
  database: string;
  catalog?: string;
}

export interface AthenaProgress {
  queryExecutionId: string;
  state: string;
  elapsedMs: number;
  scannedBytes: number;
}

export interface AthenaQueryOptions {
  /** Wait between GetQueryExecution polls (grows to 4× while the query runs). */
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onProgress?: (p: AthenaProgress) => void;
  /** Rows per GetQueryResults page (Athena allows at most 1000). */
  pageSize?: number;
}

export interface AthenaResult {
  queryExecutionId: string;
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
  scannedBytes: number;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Athena returns every value as a string (`VarCharValue`) and NULL as an empty datum: give them
 * back the JSON types DuckDB gives locally, so `--json` output matches.
 */
const typed = (value: string | undefined, type: string): unknown => {
  if (value === undefined) return null;
  switch (type) {
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'float':
    case 'real':
    case 'double':
      return Number(value);
    case 'bigint':
      // Beyond 2^53 as its exact digits, as DuckDB's locally (a double would round it silently).
      return exactInteger(value);
    case 'decimal':
      // A number when a double holds it exactly, else its exact text (as locally).
      return exactDecimal(value);
    case 'boolean':
      return value === 'true';
    case 'json':
      return JSON.parse(value);
    default:
      return value;
  }
};

/** Start a statement in the workgroup (results land in its encrypted location) and wait for it. */
export const executeAthena = async (
  client: AthenaClient,
  sql: string,
  target: AthenaTarget,
  options: AthenaQueryOptions = {},
): Promise<QueryExecution> => {
  const sleep = options.sleep ?? defaultSleep;
  const started = await client.send(
    new StartQueryExecutionCommand({
      QueryString: sql,
      WorkGroup: target.workgroup,
      QueryExecutionContext: { Database: target.database, Catalog: target.catalog ?? 'AwsDataCatalog' },
    }),
  );
  const id = started.QueryExecutionId;
  if (!id) throw new AthenaQueryError('(none)', 'FAILED', 'StartQueryExecution returned no QueryExecutionId');
  let wait = options.pollMs ?? 250;
  for (;;) {
    const { QueryExecution: execution } = await client.send(
      new GetQueryExecutionCommand({ QueryExecutionId: id }),
    );
    const state = execution?.Status?.State ?? 'QUEUED';
    options.onProgress?.({
      queryExecutionId: id,
      state,
      elapsedMs: execution?.Statistics?.TotalExecutionTimeInMillis ?? 0,
      scannedBytes: execution?.Statistics?.DataScannedInBytes ?? 0,
    });
    if (state === 'SUCCEEDED') return execution ?? {};
    if (state === 'FAILED' || state === 'CANCELLED')
      throw new AthenaQueryError(
        id,
        state,
        execution?.Status?.StateChangeReason ??
          execution?.Status?.AthenaError?.ErrorMessage ??
          'no reason given',
      );
    await sleep(wait);
    wait = Math.min(wait * 2, (options.pollMs ?? 250) * 4);
  }
};

/**
 * `debrief query --athena`: StartQueryExecution, GetQueryExecution until it ends, then every
 * page of GetQueryResults. Column names and types come from the result metadata; the header row
 * Athena puts first on the first page of a SELECT is dropped.
 */
export const queryAthena = async (
  client: AthenaClient,
  sql: string,
  target: AthenaTarget,
  options: AthenaQueryOptions = {},
): Promise<AthenaResult> => {
  const execution = await executeAthena(client, sql, target, options);
  const id = execution.QueryExecutionId ?? '';
  let columns: ColumnInfo[] = [];
  const rows: Record<string, unknown>[] = [];
  let token: string | undefined;
  let first = true;
  do {
    const page = await client.send(
      new GetQueryResultsCommand({
        QueryExecutionId: id,
        MaxResults: options.pageSize ?? 1000,
        ...(token ? { NextToken: token } : {}),
      }),
    );
    if (first) columns = page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
    const data = page.ResultSet?.Rows ?? [];
    const isHeader =
      first &&
      execution.StatementType === 'DML' &&
      data[0]?.Data?.every((d, i) => d.VarCharValue === columns[i]?.Name);
    for (const row of isHeader ? data.slice(1) : data) {
      rows.push(
        Object.fromEntries(
          columns.map((c, i) => [c.Name ?? `_${i}`, typed(row.Data?.[i]?.VarCharValue, c.Type ?? 'varchar')]),
        ),
      );
    }
    token = page.NextToken;
    first = false;
  } while (token);
  return {
    queryExecutionId: id,
    columns: columns.map((c) => ({ name: c.Name ?? '', type: c.Type ?? 'varchar' })),
    rows,
    scannedBytes: execution.Statistics?.DataScannedInBytes ?? 0,
  };
};
