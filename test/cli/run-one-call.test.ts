import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { scanDrop } from '../../adapters/local/local-drop.js';
import { queryLake } from '../../cli/commands/query.js';
import { runDrop } from '../../cli/commands/run.js';
import { correctTopicCommand } from '../../cli/commands/topic-correct.js';
import { shellWord } from '../../cli/hints.js';
import { REPO, tempDir } from '../helpers/paths.js';
import { transcriptSampleDrop } from '../helpers/samples.js';
import { textSink } from '../helpers/text-sink.js';

const sh = promisify(execFile);
const CALL = 'call-0005-technical-support';

/** A printed command run by a shell as printed, `npx debrief` being this checkout's CLI. */
const runPrinted = (line: string) =>
  sh('sh', ['-c', line.replace(/^npx debrief /, `node ${shellWord(join(REPO, 'bin/debrief.mjs'))} `)], {
    cwd: process.cwd(),
  });

const writtenAt = async (home: string) =>
  Object.fromEntries(
    (await queryLake(home, 'select call_id, max(updated_at) as at from call_status group by call_id')).map(
      (r) => [String(r.call_id), String(r.at)],
    ),
  );

describe('run --call: one call of a drop', () => {
  it('after `topics correct`, the printed line runs that call alone from its folder and applies the correction; the others stay as they were', async () => {
    // Prepare: three calls in a home of its own (not the default, a space in its name)
    const drop = transcriptSampleDrop();
    const home = join(tempDir('one-call'), 'my home');
    await runDrop({ dir: drop, home, out: textSink().stream, err: textSink().stream });
    const [model] = await queryLake(home, `select primary_topic from calls where call_id = '${CALL}'`);
    const wanted = model?.primary_topic === 'billing' ? 'payments' : 'billing';
    const before = await writtenAt(home);
    const told = textSink();
    await correctTopicCommand({ home, callId: CALL, topic: wanted, out_stream: told.stream });
    // a plain run leaves the call as it is and says so after its table (not scrolled away above it)
    const plain = textSink();
    await runDrop({ dir: drop, home, out: plain.stream, err: plain.stream });
    const note = plain.text().indexOf("have an analyst's topic correction not applied yet");
    expect(note).toBeGreaterThan(plain.text().indexOf('dashboard: '));
    expect(plain.text().slice(note)).toContain(`--reprocess --call ${CALL} --home "${home}" applies it`);
    // Act: the line the correction printed, through a shell
    const line = /(npx debrief run [^\n]*?) applies it now/.exec(told.text())?.[1];
    expect(line).toBe(`npx debrief run ${drop} --reprocess --call ${CALL} --home "${home}"`);
    const ran = await runPrinted(line!);
    // Assess: only the corrected call ran, and it has the analyst's topic
    expect(ran.stderr).toContain('1 call(s) in');
    expect(ran.stderr).toContain('--call: 2 other call(s) of the folder left as they are');
    const after = await writtenAt(home);
    expect(after[CALL]).not.toBe(before[CALL]);
    for (const id of Object.keys(before).filter((id) => id !== CALL)) expect(after[id]).toBe(before[id]);
    const [row] = await queryLake(home, `select primary_topic from calls where call_id = '${CALL}'`);
    expect(row).toEqual({ primary_topic: wanted });
  }, 180_000);

  it("says the folder scan's notices of the chosen call only; those about other files are counted in one line (review15)", async () => {
    // Prepare: the same recording under two other calls' names, an ignored file, a repeated
    // transcript of another call, and one of the chosen call
    const drop = transcriptSampleDrop();
    const home = tempDir('one-call-notices');
    const wav = join(REPO, 'samples', 'call-0001-billing.wav');
    copyFileSync(wav, join(drop, 'call-x.wav'));
    copyFileSync(wav, join(drop, 'call-x copy.wav'));
    writeFileSync(join(drop, 'notes.txt'), 'not a call');
    mkdirSync(join(drop, 'again'));
    copyFileSync(
      join(drop, 'call-0004-fraud-report.tca.json'),
      join(drop, 'again', 'call-0004-fraud-report.tca.json'),
    );
    copyFileSync(join(drop, `${CALL}.tca.json`), join(drop, 'again', `${CALL}.tca.json`));
    const said = textSink();
    // Act
    const summary = await runDrop({
      dir: drop,
      home,
      onlyCalls: [CALL],
      out: textSink().stream,
      err: said.stream,
    });
    // Assess: the chosen call's repeat is said; the other files' notices are not, but counted
    const notices = said
      .text()
      .split('\n')
      .filter((l) => l.startsWith('notice: '));
    expect(notices).toEqual([
      `notice: ${CALL}.tca.json is a second file of the same kind for its call: ignored if its content is the same, else the call is quarantined`,
      `notice: 3 notice(s) about other files of ${drop}, not the --call call(s), not shown`,
    ]);
    expect(summary.calls.map((c) => [c.callId, c.outcome])).toEqual([[CALL, 'succeeded']]);
    // the three not shown: what the folder holds besides the chosen call (a run without --call says them)
    const { manifest, notices: scanned } = await scanDrop(drop);
    expect(scanned).toEqual([expect.stringMatching(/^call-x\.wav, call-x copy\.wav are the same recording/)]);
    expect(manifest.unknown).toEqual(['notes.txt']);
    expect(manifest.duplicates).toEqual(['call-0004-fraud-report.tca.json', `${CALL}.tca.json`]);
  }, 180_000);

  it('an id the folder does not hold stops the run before any call, naming the calls it has', async () => {
    const drop = transcriptSampleDrop();
    const home = tempDir('one-call-missing');
    await expect(
      runDrop({
        dir: drop,
        home,
        onlyCalls: ['call-0005'],
        out: textSink().stream,
        err: textSink().stream,
      }),
    ).rejects.toThrow(
      /--call call-0005: no such call in .* its calls: call-0004-fraud-report, call-0005-technical-support, call-0006-address-change/,
    );
    expect(await queryLake(home, 'select count(*) as n from call_status')).toEqual([{ n: 0 }]);
  });

  it('a drop folder moved: an unchanged run from its new place is where the line points; a folder gone, the line has the folder to fill in', async () => {
    // Prepare: a call run from a folder, the folder then renamed and run again (unchanged)
    const drop = transcriptSampleDrop();
    const home = tempDir('one-call-moved');
    const quiet = () => ({ out: textSink().stream, err: textSink().stream });
    await runDrop({ dir: drop, home, onlyCalls: [CALL], ...quiet() });
    const moved = `${drop}-moved`;
    renameSync(drop, moved);
    const again = await runDrop({ dir: moved, home, onlyCalls: [CALL], ...quiet() });
    const told = textSink();
    await correctTopicCommand({ home, callId: CALL, topic: 'billing', out_stream: told.stream });
    // Act: the folder removed
    rmSync(moved, { recursive: true });
    const toldGone = textSink();
    await correctTopicCommand({ home, callId: CALL, topic: 'payments', out_stream: toldGone.stream });
    // Assess
    expect(again.calls.map((c) => c.outcome)).toEqual(['unchanged']);
    expect(told.text()).toContain(
      `npx debrief run ${moved} --reprocess --call ${CALL} --home ${home} applies it now`,
    );
    expect(toldGone.text()).toContain(
      `npx debrief run <drop> --reprocess --call ${CALL} --home ${home} (<drop>: the folder holding its files) applies it now`,
    );
  });
});
