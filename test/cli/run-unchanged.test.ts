import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDrop } from '../../cli/commands/run.js';
import { tempDir } from '../helpers/paths.js';
import { transcriptSampleDrop } from '../helpers/samples.js';
import { textSink } from '../helpers/text-sink.js';

describe('a run of a folder whose calls ran already', () => {
  it('counts its unchanged calls in one line with the line that runs them again, and lists only the calls that ran (found by trial22: a no-op run printed a line, a row and a summary per call, and no total)', async () => {
    // Prepare: the sample transcripts, run once
    const drop = transcriptSampleDrop();
    const home = join(tempDir('run-unchanged'), 'home');
    const ids = readdirSync(drop)
      .filter((f) => f.endsWith('.tca.json'))
      .map((f) => f.replace(/\.tca\.json$/u, ''))
      .sort();
    expect(ids.length).toBe(3);
    await runDrop({ dir: drop, home, out: textSink().stream, err: textSink().stream });
    const again = { out: textSink(), err: textSink() };
    const changed = { out: textSink(), err: textSink() };
    // Act: the same folder again, then with one call's transcript changed
    await runDrop({ dir: drop, home, out: again.out.stream, err: again.err.stream });
    const one = ids[1] as string;
    const file = join(drop, `${one}.tca.json`);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { JobName?: string };
    writeFileSync(file, JSON.stringify({ ...doc, JobName: `${doc.JobName ?? one}-again` }));
    await runDrop({ dir: drop, home, out: changed.out.stream, err: changed.err.stream });
    // Assess: the no-op run lists no call, counts them once, and still says where the results are
    const reprocess = `npx debrief run ${drop} --reprocess --home ${home}`;
    expect(again.err.text()).not.toMatch(/: unchanged$/m);
    expect(again.err.text()).toContain(
      `3 calls unchanged (their files are as at their last run: not run again, not listed; to run them again: ${reprocess})\n`,
    );
    for (const id of ids) expect(again.out.text()).not.toContain(id);
    expect(again.out.text()).toMatch(/^no new or changed calls\n/);
    expect(again.out.text()).toContain('(query it: npx debrief query "select * from calls" --home');
    expect(again.out.text()).toMatch(/^workbench: npx debrief serve --home /m);
    // the changed call is listed, numbered among the folder's calls, and alone in the report
    expect(changed.err.text()).toMatch(new RegExp(`^\\[[123]/3\\] ${one}: processed$`, 'm'));
    expect(changed.err.text()).not.toMatch(/: unchanged$/m);
    expect(changed.err.text()).toContain('2 calls unchanged (their files are as at their last run');
    expect(changed.out.text()).toContain(one);
    for (const id of ids.filter((i) => i !== one)) expect(changed.out.text()).not.toContain(id);
  }, 180_000);
});
