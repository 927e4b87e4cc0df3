import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { dashboardViewSql } from '../../dashboards/view-files.js';
import { tableNames } from '../../schemas/tables.js';
import { debriefCommand } from '../hints.js';
import { requireHome } from '../home-folder.js';
import { cellText, printable, renderTable } from '../render-table.js';

/**
 * `debrief query`: SQL over the lake (tables + dashboard views) with DuckDB. A home that does not
 * exist is an error (a mistyped --home must not read as "no calls"); a home with no lake yet
 * (nothing processed) answers with empty tables.
 */
export const queryLake = async (home: string, sql: string): Promise<Record<string, unknown>[]> => {
  const dir = requireHome(home);
  const db = await DuckDbLake.open(join(dir, 'lake'));
  try {
    return await db.queryScript(sql);
  } finally {
    db.close();
  }
};

/**
 * A next step for a query DuckDB refused over a column it does not know: where a call's topic is
 * (`calls` has no `topic` column: README "Querying"), else how to list the columns of the table
 * the query reads; over a table it does not know, the lake's tables and the line that lists every
 * table and view (DuckDB's own suggestion kept below). '' when there is nothing to add.
 */
export const queryErrorHint = (message: string, sql: string, home: string): string => {
  const missing = /Table with name ([^\s!]+) does not exist/.exec(message)?.[1];
  if (missing !== undefined) {
    // DuckDB suggests the nearest name in its whole catalog: "pg_sequences" for "nosuch", and a
    // lake name however far ("call_categories" for "customers"). The lake's tables and the line
    // that lists every name come first whatever it suggests; its line is kept below the hint, a
    // name it suggests from elsewhere said to be one.
    const suggested = /Did you mean "(?:[\w]+\.)?([\w]+)"/.exec(message)?.[1];
    const names = new Set<string>([...tableNames, ...dashboardViewSql().map((v) => v.name)]);
    const elsewhere =
      suggested === undefined || names.has(suggested)
        ? ''
        : `, nor is DuckDB's "${suggested}" below, a name of its own catalog`;
    return `${missing} is no table or view of the lake${elsewhere} (its tables: ${tableNames.join(', ')}); every table and dashboard view: ${debriefCommand(['query', 'show tables'], home)}`;
  }
  const column = /Referenced column "([^"]+)" not found/.exec(message)?.[1];
  if (column === undefined) return '';
  const table = /\bfrom\s+([A-Za-z_][\w]*)/i.exec(sql)?.[1] ?? 'calls';
  // `topic`, and a name near it (`topik`, `topics`, `topic_name`): DuckDB's candidates for those
  // are topic_model, topic_source… never primary_topic.
  if (/^topi/i.test(column) && table.toLowerCase() === 'calls')
    return `calls has no ${column} column: a call's topic is primary_topic (null when none scored high enough; the views call it topic and none): ${debriefCommand(['query', 'select call_id, primary_topic from calls'], home)}`;
  return `${table} has no ${column} column; the columns of ${table}: ${debriefCommand(['query', `describe ${table}`], home)}`;
};

/**
 * DuckDB's refusal with the project's hint: the hint first (what to do, in the lake's terms), then
 * DuckDB's own words, its "Did you mean …" or candidates kept as they are.
 */
export const withQueryHint = (message: string, hint: string): string =>
  hint === '' ? message : `${hint}\n${message.trimEnd()}`;

export const formatRows = (rows: Record<string, unknown>[]): string => {
  if (rows.length === 0) return '(no rows)';
  const head = Object.keys(rows[0] ?? {});
  return `${renderTable(
    head,
    rows.map((r) => head.map((h) => r[h])),
    80,
  )}\n${rowCount(rows)}`;
};

const rowCount = (rows: readonly unknown[]): string => `(${rows.length} row${rows.length === 1 ? '' : 's'})`;

/**
 * Rows one block each, one column a line ("avg_handle_s │ 312.5"), as psql's expanded display:
 * for rows wider than the terminal (`select * from topic_stats` is about 260 characters wide),
 * which a table wraps into a grid nobody can read. Values whole, on one line each.
 */
export const formatRowsVertical = (rows: Record<string, unknown>[]): string => {
  if (rows.length === 0) return '(no rows)';
  const keys = Object.keys(rows[0] ?? {});
  const width = Math.max(...keys.map((k) => printable(k).length));
  const blocks = rows.map((row, i) =>
    [
      `-[ row ${i + 1} ]${'-'.repeat(Math.max(3, width - 6))}`,
      ...keys.map(
        (k) => `${printable(k).padEnd(width)} │ ${printable(cellText(row[k])).replace(/[\t\n]/g, ' ')}`,
      ),
    ].join('\n'),
  );
  return `${blocks.join('\n')}\n${rowCount(rows)}`;
};

/**
 * What `debrief query` prints by default: the table, or on a terminal `columns` wide the rows one
 * block each when the table is wider than the terminal.
 */
export const formatRowsToFit = (rows: Record<string, unknown>[], columns: number | undefined): string => {
  const table = formatRows(rows);
  if (columns === undefined || columns <= 0) return table;
  const widest = Math.max(...table.split('\n').map((line) => stripVTControlCharacters(line).length));
  return widest > columns ? formatRowsVertical(rows) : table;
};

/** A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180); null is empty. */
const csvField = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * Rows as CSV for a spreadsheet or another tool: a header line, then one line per row, every
 * value whole (the table cuts long text). No rows: no output (the columns are unknown).
 */
export const formatCsv = (rows: Record<string, unknown>[]): string => {
  if (rows.length === 0) return '';
  const head = Object.keys(rows[0] ?? {});
  return `${[head, ...rows.map((r) => head.map((h) => r[h]))].map((line) => line.map(csvField).join(',')).join('\n')}\n`;
};
