import { AthenaClient } from '@aws-sdk/client-athena';
import { queryAthena } from '../../adapters/aws/athena-query.js';
import { rawTableName } from '../../infra/glue.js';
import { tableNames } from '../../schemas/tables.js';

export interface AthenaQueryCliOptions {
  stage: string;
  workgroup?: string;
  database?: string;
  region?: string;
}

/** The Glue tables the views are made of (`raw_<table>`): not the analysts' interface, as the local raw_* relations. */
const INTERNAL_TABLES: ReadonlySet<string> = new Set(tableNames.map(rawTableName));

/**
 * Athena's `SHOW TABLES [IN database] ['pattern']` (comments and a closing semicolon aside):
 * the listing whose answer leaves the internal tables out. Group 1: the database it names.
 */
const LISTING = /^show\s+tables(?:\s+(?:in|from)\s+(`[^`]+`|"[^"]+"|\w+))?(?:\s+'[^']*')?$/i;

const statement = (sql: string): string =>
  sql
    .replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '')
    .trim()
    .replace(/;+$/, '')
    .trim()
    .replace(/\s+/g, ' ');

/**
 * The rows a listing of the stack's own database (the target's, or none named) gives analysts:
 * its views (the tables' latest-rows views and the dashboard views), not the `raw_*` Glue tables
 * under them (a query naming one still runs). Any other statement's rows as they came.
 */
export const withoutInternalTables = (
  sql: string,
  database: string,
  rows: Record<string, unknown>[],
): Record<string, unknown>[] => {
  const listing = LISTING.exec(statement(sql));
  if (!listing) return rows;
  const named = listing[1]?.replace(/^[`"]|[`"]$/g, '');
  if (named !== undefined && named.toLowerCase() !== database.toLowerCase()) return rows;
  return rows.filter((r) => typeof r.tab_name !== 'string' || !INTERNAL_TABLES.has(r.tab_name));
};

/**
 * `debrief query --athena`: the same SQL against the deployed stack's Athena workgroup and Glue
 * database (names from the stage unless given), with your AWS credentials. Progress on stderr.
 * `show tables` lists the tables and views analysts query, as locally (withoutInternalTables).
 */
export const queryAthenaCommand = async (sql: string, o: AthenaQueryCliOptions) => {
  const client = new AthenaClient(o.region ? { region: o.region } : {});
  const target = {
    workgroup: o.workgroup ?? `debrief-${o.stage}`,
    database: o.database ?? `debrief_${o.stage}`.replace(/-/g, '_'),
  };
  const tty = process.stderr.isTTY;
  const result = await queryAthena(client, sql, target, {
    onProgress: (p) => {
      if (tty)
        process.stderr.write(
          `\r${p.state.toLowerCase()} ${(p.elapsedMs / 1000).toFixed(1)} s, ${(p.scannedBytes / 1e6).toFixed(1)} MB scanned `,
        );
    },
  });
  if (tty) process.stderr.write('\n');
  return withoutInternalTables(sql, target.database, result.rows);
};
