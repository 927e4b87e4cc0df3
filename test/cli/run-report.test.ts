import { describe, expect, it } from 'vitest';
import { BatchingLake } from '../../adapters/lake/batching-lake.js';
import { ParquetLake } from '../../adapters/lake/parquet-lake.js';
import { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import { CALLS_SHOWN_ONE_BY_ONE, runReport } from '../../cli/commands/run.js';
import { tempDir } from '../helpers/paths.js';
import { at, quarantine, statusRow, writeCall } from '../lake/lake-rows.js';

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

describe('the report of a small run', () => {
  it("shows a landed call without a topic as 'none' (as the views do), a quarantined call with none at all", async () => {
    // Prepare: two calls landed without a topic, one of them quarantined later
    const home = tempDir('small-report');
    const lake = new BatchingLake(new ParquetLake(new FsObjectStore(home), 'lake'), () => at(0));
    for (const id of ['call-a', 'call-b']) await writeCall(lake, id, at(0));
    await quarantine(lake, 'call-b', at(1));
    await lake.flush();
    const chunks: string[] = [];
    // Act
    await runReport(home, ['call-a', 'call-b'], {
      write: (s: string) => chunks.push(s) > 0,
    } as unknown as NodeJS.WritableStream);
    // Assess
    const text = chunks.join('');
    const row = (id: string) => text.split('\n').find((l) => l.includes(`│ ${id} `)) ?? '';
    expect(
      row('call-a')
        .split('│')
        .map((c) => c.trim()),
    ).toContain('none');
    expect(row('call-b')).toContain('quarantined');
    expect(
      row('call-b')
        .split('│')
        .map((c) => c.trim()),
    ).not.toContain('none');
  });

  it("prints a quarantined call's reason whole, with its stage, under the table (the table cuts it)", async () => {
    // Prepare: a call quarantined with a reason longer than a table cell
    const home = tempDir('small-report-reason');
    const lake = new BatchingLake(new ParquetLake(new FsObjectStore(home), 'lake'), () => at(0));
    const reason =
      'three.wav has 3 channels; a call recording has 1 (mono) or 2 (agent and customer): keep the two call channels';
    await lake.putCallRows('call_status', 'call-q', null, [
      { ...statusRow('call-q', at(1), 'quarantined'), reason, stage: 'InspectAudio' },
    ]);
    await lake.flush();
    const chunks: string[] = [];
    // Act
    await runReport(home, ['call-q'], {
      write: (s: string) => chunks.push(s) > 0,
    } as unknown as NodeJS.WritableStream);
    // Assess
    const text = chunks.join('');
    expect(text).toContain('call-q  [quarantined at InspectAudio]');
    expect(text).toContain(`  reason:     ${reason}`);
    // no quarantine folder in this home: no report line pointing at one
    expect(text).not.toContain('  report:');
  });
});

describe("the report's resolution lines", () => {
  it.each([
    ['follow_up', false, ' (follow up)'],
    ['not_resolved', false, ' (not resolved)'],
    ['resolved', true, ' (resolved)'],
    // A result written before calls.outcome existed says only whether it was resolved.
    [null, true, ' (resolved)'],
    [null, false, ''],
  ] as const)(
    'a call whose outcome is %j (resolved %j) ends its resolution line with %j (a new user found follow-ups unmarked)',
    async (outcome, resolved, mark) => {
      // Prepare
      const home = tempDir('small-report-outcome');
      const lake = new BatchingLake(new ParquetLake(new FsObjectStore(home), 'lake'), () => at(0));
      await writeCall(lake, 'call-o', at(0), {
        call: { resolution: 'A callback is booked.', resolved, outcome },
      });
      await lake.flush();
      const chunks: string[] = [];
      // Act
      await runReport(home, ['call-o'], {
        write: (s: string) => chunks.push(s) > 0,
      } as unknown as NodeJS.WritableStream);
      // Assess
      const line =
        chunks
          .join('')
          .split('\n')
          .find((l) => l.includes('resolution:')) ?? '';
      expect(line).toBe(`  resolution: A callback is booked.${mark}`);
    },
  );
});
