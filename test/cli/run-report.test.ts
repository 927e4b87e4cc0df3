import { describe, expect, it } from 'vitest';
import { BatchingLake } from '../../adapters/lake/batching-lake.js';
import { ParquetLake } from '../../adapters/lake/parquet-lake.js';
import { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import { CALLS_SHOWN_ONE_BY_ONE, runReport } from '../../cli/commands/run.js';
import { tempDir } from '../helpers/paths.js';
import { at, quarantine, writeCall } from '../lake/lake-rows.js';

describe('the report of a bulk run', () => {
  it('counts calls per status and lists the ones that did not land processed, not every call', async () => {
    // Prepare: a lake of more calls than are shown one by one, two of them quarantined later
    const home = tempDir('bulk-report');
    const lake = new BatchingLake(new ParquetLake(new FsObjectStore(home), 'lake'), () => at(0));
    const ids = Array.from(
      { length: CALLS_SHOWN_ONE_BY_ONE + 5 },
      (_, i) => `call-${String(i).padStart(4, '0')}`,
    );
    for (const id of ids) await writeCall(lake, id, at(0));
    await quarantine(lake, 'call-0003', at(1));
    await quarantine(lake, 'call-0100', at(1));
    await lake.flush();
    const chunks: string[] = [];
    // Act
    await runReport(home, ids, {
      write: (s: string) => chunks.push(s) > 0,
    } as unknown as NodeJS.WritableStream);
    // Assess
    const text = chunks.join('');
    expect(text).toMatch(/processed\s*│\s*203/);
    expect(text).toMatch(/quarantined\s*│\s*2/);
    expect(text).toMatch(/call-0003\s*│\s*quarantined\s*│[^\n]*│ transcript: x\.tca\.json is not valid JSON/);
    expect(text).toContain('call-0100');
    expect(text).not.toContain('call-0004');
    expect(text).toContain('dashboard: ');
  });
});
