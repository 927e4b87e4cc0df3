import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = new URL('./sql/', import.meta.url).pathname;

/**
 * dashboards/sql/NN-name.sql in order: the analysis views shared by Athena and DuckDB. Bundled
 * code (sst.config.ts is bundled by SST) passes the folder: `import.meta.url` is the bundle's.
 * A missing folder is an error, never "no views".
 */
export const dashboardViewSql = (dir = DIR): { name: string; sql: string }[] => {
  if (!existsSync(dir)) throw new Error(`dashboard SQL folder not found: ${dir}`);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => ({
      name: f.replace(/^\d+-/, '').replace(/\.sql$/, ''),
      sql: readFileSync(join(dir, f), 'utf8').trim().replace(/;\s*$/, ''),
    }));
};
