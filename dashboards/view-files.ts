import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = new URL('./sql/', import.meta.url).pathname;

/** dashboards/sql/NN-name.sql in order: the analysis views shared by Athena and DuckDB. */
export const dashboardViewSql = (): { name: string; sql: string }[] => {
  if (!existsSync(DIR)) return [];
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => ({
      name: f.replace(/^\d+-/, '').replace(/\.sql$/, ''),
      sql: readFileSync(join(DIR, f), 'utf8').trim().replace(/;\s*$/, ''),
    }));
};
