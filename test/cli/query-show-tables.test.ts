import { describe, expect, it } from 'vitest';
import { ParquetLake } from '../../adapters/lake/parquet-lake.js';
import { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import { queryLake } from '../../cli/commands/query.js';
import { dashboardViewSql } from '../../dashboards/view-files.js';
import { tableNames } from '../../schemas/tables.js';
import { tempDir } from '../helpers/paths.js';
import { at, writeCall } from '../lake/lake-rows.js';

/** The analysts' names: the tables, the dashboard views, the headline figures and latest calls. */
const PUBLIC = [...tableNames, ...dashboardViewSql().map((v) => v.name), 'kpis', 'recent_calls'].sort();

describe('debrief query "show tables" (fix19: it listed the raw_* and lake_* relations the views are made of)', () => {
  it('lists the tables and views analysts query, not the internal ones; a query that names one still runs', async () => {
    // Prepare: a home with a committed call and a compacted day, so every kind of raw relation exists
    const home = tempDir('query-show-tables');
    const lake = new ParquetLake(new FsObjectStore(home), 'lake');
    await writeCall(lake, 'a', at(0));
    await lake.compactAll({ now: at(60) });
    await writeCall(lake, 'b', at(120));
    // Act
    const names = async (sql: string) => (await queryLake(home, sql)).map((r) => String(r.name)).sort();
    const shown = await names('show tables');
    const all = await names('show all tables');
    const listed = [
      await names('SHOW TABLES;'),
      await names('-- what is there\ndescribe'),
      await names('show'),
      await names('pragma show_tables'),
      await names("set TimeZone = 'UTC'; show tables"),
    ];
    const everything = await queryLake(home, 'select table_name from information_schema.tables');
    const raw = await queryLake(home, 'select count(*) as n from raw_calls');
    // Assess
    expect(shown).toEqual(PUBLIC);
    expect(all).toEqual(PUBLIC);
    for (const l of listed) expect(l).toEqual(PUBLIC);
    // The internal relations are there (the catalog has them, a query naming one reads it) ...
    const internal = everything.map((r) => String(r.table_name)).filter((n) => !PUBLIC.includes(n));
    expect(internal).toEqual(expect.arrayContaining(['raw_calls', 'raw_calls_dirty', 'lake_committed']));
    expect(raw).toEqual([{ n: 2 }]);
    // ... and a table a person makes in the query is listed as theirs.
    expect(await names('create temp table mine as select 1 as x; show tables')).toEqual(
      [...PUBLIC, 'mine'].sort(),
    );
    // review21: the schema-qualified listing left the internals in (60 names), and a table of the
    // person's named snapshot_* or lake_*_rows_table was taken for an internal one and left out.
    for (const sql of ['show tables from main', 'SHOW TABLES FROM memory.main;', 'show tables from "memory"'])
      expect(await names(sql), sql).toEqual(PUBLIC);
    expect(
      await names(
        'create temp table snapshot_mine as select 1 as x; create temp table lake_my_rows_table as select 1 as x; show tables',
      ),
    ).toEqual([...PUBLIC, 'lake_my_rows_table', 'snapshot_mine'].sort());
  }, 120_000);
});
