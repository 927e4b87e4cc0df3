import { execFile } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runDrop } from '../../cli/commands/run.js';
import { watchDrop } from '../../cli/commands/watch.js';
import { defaultHome, shellWord } from '../../cli/hints.js';
import { REPO, tempDir } from '../helpers/paths.js';

describe('debrief run of a folder that does not exist', () => {
  it('stops saying which folder to give, and makes no home (found by trial11: `debrief run` outside the repo left an empty .debrief/)', async () => {
    // Prepare: a home that does not exist yet, and no drop folder
    const home = join(tempDir('run-nofolder'), '.debrief');
    const dir = join(tempDir('run-nofolder-cwd'), 'samples');
    const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
    // Act
    const refusal = (at: string) =>
      runDrop({ dir, home: at, err: quiet, out: quiet }).then(
        () => '',
        (error: Error) => error.message,
      );
    const given = await refusal(home);
    const byDefault = await refusal(defaultHome());
    // Assess: the line carries the --home given (found by trial21: `run nosuch --home X` dropped
    // it), none for the default home
    expect(given).toBe(
      `drop folder ${dir} does not exist; give the folder to run: npx debrief run <folder> --home ${shellWord(home)}`,
    );
    expect(byDefault).toBe(
      `drop folder ${dir} does not exist; give the folder to run: npx debrief run <folder>`,
    );
    expect(existsSync(home)).toBe(false);
  });
});

describe('debrief run or watch given a file, not its drop folder', () => {
  it('says it takes the folder, with the line that runs that call alone (found by trial15: "ENOTDIR: not a directory, scandir"), and makes no home', async () => {
    // Prepare: a drop with one call's transcript, a home that does not exist yet
    const drop = tempDir('run-file-drop');
    const stem = 'call-0006-address-change';
    const file = join(drop, `${stem}.tca.json`);
    copyFileSync(join(REPO, 'samples', `${stem}.tca.json`), file);
    const home = join(tempDir('run-file-home'), 'home');
    const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
    // Act
    const run = await runDrop({ dir: file, home, err: quiet, out: quiet }).then(
      () => '',
      (error: Error) => error.message,
    );
    let watched = '';
    try {
      watchDrop({ dir: file, home, err: quiet, out: quiet }).close();
    } catch (error) {
      watched = (error as Error).message;
    }
    // Assess
    expect(run).toBe(
      `${file} is a file: debrief run takes a drop folder (each call's recording or transcript with its CTR and recording metadata, by stem); to run this call alone: npx debrief run ${drop} --call ${stem} --home ${home}`,
    );
    expect(watched).toBe(
      `${file} is a file: debrief watch takes a drop folder (each call's recording or transcript with its CTR and recording metadata, by stem); its folder: npx debrief watch ${drop} --home ${home}`,
    );
    expect(existsSync(home)).toBe(false);
    // The printed line runs that call
    const line = /: (npx debrief run .*)$/.exec(run)?.[1] ?? '';
    const ran = await promisify(execFile)('sh', [
      '-c',
      line.replace(/^npx debrief /, `node ${shellWord(join(REPO, 'bin/debrief.mjs'))} `),
    ]);
    expect(ran.stderr).toContain(`[1/1] ${stem}: processed`);
  }, 120_000);
});
