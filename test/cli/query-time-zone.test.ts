import { describe, expect, it } from 'vitest';
import { queryLake } from '../../cli/commands/query.js';
import { tempDir } from '../helpers/paths.js';

/** Instants around DST changes, before 1970, with and without fractions of a second. */
const INSTANTS = [
  '2026-03-05 14:04:02.697+00',
  '2026-03-08 16:38:57.692+00',
  '2026-07-01 12:00:00+00',
  '2026-11-01 05:59:59.999999+00',
  '1969-12-31 23:59:59.5+00',
  '2000-02-29 00:00:00.000001+00',
];

describe('debrief query: TIMESTAMP WITH TIME ZONE values', () => {
  it.each(['UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Europe/London'])(
    "print as DuckDB writes them in the session's TimeZone (%s), the offset of each instant's date (found by a new-user trial: `set TimeZone` changed nothing printed)",
    async (zone) => {
      // Prepare: DuckDB's own text of each instant (::varchar) beside the value itself, in a list too
      const home = tempDir('query-tz');
      const columns = INSTANTS.map(
        (t, i) => `timestamptz '${t}' as v${i}, timestamptz '${t}'::varchar as s${i}`,
      ).join(', ');
      // Act
      const [row] = await queryLake(
        home,
        `set TimeZone = '${zone}'; select ${columns}, [timestamptz '${INSTANTS[0]}'] as list`,
      );
      // Assess: every value as DuckDB's text, the list's item too
      expect(row).toBeDefined();
      for (let i = 0; i < INSTANTS.length; i += 1) expect(row![`v${i}`]).toBe(row![`s${i}`]);
      expect(row!.list).toEqual([row!.s0]);
    },
  );

  it("print in DuckDB's default zone when the query sets none (the machine's: UTC on this one), as DuckDB writes them", async () => {
    const [row] = await queryLake(
      tempDir('query-tz-default'),
      "select timestamptz '2026-03-05 14:04:02.697+00' as t, timestamptz '2026-03-05 14:04:02.697+00'::varchar as s",
    );
    expect(row!.t).toBe(row!.s);
  });
});
