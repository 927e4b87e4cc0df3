import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryLake } from '../../cli/commands/query.js';
import { runDrop } from '../../cli/commands/run.js';
import { tempDir } from '../helpers/paths.js';
import { transcriptSampleDrop } from '../helpers/samples.js';
import { textSink } from '../helpers/text-sink.js';

const CALL = 'call-0004-fraud-report';

/** A drop folder of its own holding one call named like a sample's, with other content. */
const otherDropWith = (samples: string): string => {
  const drop = join(tempDir('replaced-other'), 'generated');
  mkdirSync(drop, { recursive: true });
  const transcript = JSON.parse(readFileSync(join(samples, `${CALL}.tca.json`), 'utf8')) as unknown;
  // The same call, written again (other bytes): not the sample's inputs, so it runs.
  writeFileSync(join(drop, `${CALL}.tca.json`), JSON.stringify(transcript));
  return drop;
};

describe('a call id run from another drop folder than its last run', () => {
  it('is replaced, and run (call by call or batched) says which call, from which folder, and how to keep both', async () => {
    // Prepare: the sample transcripts in a home, then one call of the same id in another folder
    const samples = transcriptSampleDrop();
    const home = tempDir('replaced-home');
    const first = textSink();
    await runDrop({ dir: samples, home, err: first.stream, out: textSink().stream });
    const other = otherDropWith(samples);
    // Act: the other folder, then the samples again (batched), then the samples unchanged
    const second = textSink();
    const secondRun = await runDrop({ dir: other, home, err: second.stream, out: second.stream });
    const third = textSink();
    await runDrop({ dir: samples, home, batchSize: 2, err: third.stream, out: textSink().stream });
    const fourth = textSink();
    await runDrop({ dir: samples, home, err: fourth.stream, out: textSink().stream });
    // Assess: the first run of a folder says nothing; the other folder's run names the call and
    // the samples' folder; the samples' run again names the other folder; an unchanged run nothing
    expect(first.text()).not.toContain('last processed from');
    expect(secondRun.calls.map((c) => [c.callId, c.outcome])).toEqual([[CALL, 'succeeded']]);
    expect(second.text()).toContain(
      `warning: call ${CALL} was last processed from ${samples} and is now replaced by its files in ${other}`,
    );
    expect(second.text()).toContain(`npx debrief run ${other} --home ${home}-generated`);
    // after the run's table and its last lines, where a long run's report does not scroll it away
    expect(second.text().indexOf('last processed from')).toBeGreaterThan(
      second.text().indexOf('dashboard: '),
    );
    expect(third.text()).toContain(
      `warning: call ${CALL} was last processed from ${other} and is now replaced by its files in ${samples}`,
    );
    expect(third.text()).not.toMatch(/call-000[156][^\n]*last processed from/);
    expect(fourth.text()).not.toContain('last processed from');
    // The home holds one such call (its id), not two
    const rows = await queryLake(home, `select count(*) as n from calls where call_id = '${CALL}'`);
    expect(Number(rows[0]?.n)).toBe(1);
  }, 180_000);
});
