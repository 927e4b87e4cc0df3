import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, realpathSync, symlinkSync } from 'node:fs';
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

describe('debrief run or watch given the home, or a folder inside it, as the drop folder', () => {
  it('refuses before any call (found by trial: `run <home>/inbox --reprocess` ran the calls again without the CTRs the home had removed: ctr_status missing, handle time gone)', async () => {
    // Prepare: a home whose inbox/ holds a call's transcript (its CTR removed once the call was
    // done), a symbolic link to that inbox, and the home's own transcripts/ folder
    const stem = 'call-0006-address-change';
    const home = join(tempDir('run-home-drop'), 'home');
    mkdirSync(join(home, 'inbox'), { recursive: true });
    mkdirSync(join(home, 'transcripts', stem), { recursive: true });
    copyFileSync(join(REPO, 'samples', `${stem}.tca.json`), join(home, 'inbox', `${stem}.tca.json`));
    const link = join(tempDir('run-home-link'), 'w');
    symlinkSync(join(home, 'inbox'), link);
    const before = readdirSync(home).sort();
    const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
    const refusal = (dir: string) =>
      runDrop({ dir, home, reprocess: true, err: quiet, out: quiet }).then(
        () => '',
        (error: Error) => error.message,
      );
    // Act
    const inbox = await refusal(join(home, 'inbox'));
    const linked = await refusal(link);
    const itself = await refusal(home);
    const inside = await refusal(join(home, 'transcripts'));
    let watched = '';
    try {
      await watchDrop({ dir: join(home, 'inbox'), home, err: quiet, out: quiet }).close();
    } catch (error) {
      watched = (error as Error).message;
    }
    const cli = await promisify(execFile)(
      process.execPath,
      [join(REPO, 'bin/debrief.mjs'), 'run', join(home, 'inbox'), '--home', home, '--reprocess'],
      { cwd: REPO },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    // Assess: each says what the folder is and the line to run instead; nothing ran in the home
    const tail = `a home keeps its own copies of the calls' recordings and transcripts, and removes their CTRs and recording metadata once each call is done, so a run of it would process the calls again without them (CTR status, journey and handle time lost). run reads the drop folder the calls came from and writes to the home (npx debrief run <drop folder> --reprocess --home ${home}); a home cannot run its calls again without their drop folder (their transcripts in it are reused when the drop's recordings run again)`;
    const real = realpathSync(home);
    expect(inbox).toBe(
      `${join(home, 'inbox')} is the debrief home's inbox/ ${real}, not a drop folder: ${tail}`,
    );
    expect(linked).toBe(`${link} is the debrief home's inbox/ ${real}, not a drop folder: ${tail}`);
    expect(itself).toBe(`${home} is the debrief home (--home ${home}), not a drop folder: ${tail}`);
    expect(inside).toBe(
      `${join(home, 'transcripts')} is transcripts/ inside the debrief home ${real}, not a drop folder: ${tail}`,
    );
    expect(watched).toContain(`is the debrief home's inbox/ ${real}, not a drop folder`);
    expect(watched).toContain(`a watch of it would run its calls again without them`);
    expect(watched).toContain(`npx debrief watch <drop folder> --home ${home}`);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(
      `${join(home, 'inbox')} is the debrief home's inbox/ ${real}, not a drop folder`,
    );
    expect(readdirSync(home).sort()).toEqual(before);
    expect(readdirSync(join(home, 'inbox'))).toEqual([`${stem}.tca.json`]);
  }, 60_000);

  it('refuses a home inside the drop folder under a name that is not hidden (the scan would read its copies of the calls as drops); a hidden one runs (a review found `run drop --home drop/h` accepted)', async () => {
    // Prepare: a drop folder holding one call's transcript
    const stem = 'call-0006-address-change';
    const drop = tempDir('run-drop-holds-home');
    copyFileSync(join(REPO, 'samples', `${stem}.tca.json`), join(drop, `${stem}.tca.json`));
    const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
    const home = join(drop, 'h');
    // Act
    const refused = await runDrop({ dir: drop, home, err: quiet, out: quiet }).then(
      () => '',
      (error: Error) => error.message,
    );
    let watched = '';
    try {
      await watchDrop({ dir: drop, home, err: quiet, out: quiet }).close();
    } catch (error) {
      watched = (error as Error).message;
    }
    const hidden = await runDrop({ dir: drop, home: join(drop, '.h'), err: quiet, out: quiet });
    // Assess: refused before anything was made; a hidden home inside it runs the one call
    expect(refused).toBe(
      `the debrief home ${home} is inside the drop folder ${drop}: run reads the drop folder with its subfolders, so it would read the home's own copies of the calls as more drops of them. Put the home outside the drop folder, or give it a hidden name (--home ${join(drop, '.h')}, skipped as hidden files are)`,
    );
    expect(watched).toContain(`the debrief home ${home} is inside the drop folder ${drop}: watch reads`);
    expect(existsSync(home)).toBe(false);
    expect(hidden.calls.map((c) => [c.callId, c.outcome])).toEqual([[stem, 'succeeded']]);
  }, 120_000);

  it("takes a folder of the user's own inside the home (`run calls --home .`), and refuses another home's inbox/ whatever --home says, and a home itself (a review: the first refused since the inbox check, the others accepted)", async () => {
    // Prepare: a home made by a run of a folder inside it, then another home given
    const stem = 'call-0006-address-change';
    const home = tempDir('run-home-own-folder');
    const calls = join(home, 'calls');
    mkdirSync(calls);
    copyFileSync(join(REPO, 'samples', `${stem}.tca.json`), join(calls, `${stem}.tca.json`));
    const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
    const other = join(tempDir('run-other-home'), 'h');
    const refusal = (dir: string, given: string) =>
      runDrop({ dir, home: given, reprocess: true, err: quiet, out: quiet }).then(
        () => '',
        (error: Error) => error.message,
      );
    // Act
    const own = await runDrop({ dir: calls, home, err: quiet, out: quiet });
    const inbox = await refusal(join(home, 'inbox'), other);
    const itself = await refusal(home, other);
    const again = await runDrop({ dir: calls, home, reprocess: true, err: quiet, out: quiet });
    // Assess: the user's folder runs (twice); the home's inbox/ and the home itself are refused
    // with the home they belong to, and nothing is made in the other home
    const real = realpathSync(home);
    expect(own.calls.map((c) => [c.callId, c.outcome])).toEqual([[stem, 'succeeded']]);
    expect(again.calls.map((c) => [c.callId, c.outcome])).toEqual([[stem, 'succeeded']]);
    expect(readdirSync(join(home, 'inbox')).length).toBeGreaterThan(0);
    expect(inbox).toContain(`${join(home, 'inbox')} is the debrief home's inbox/ ${real}, not a drop folder`);
    expect(inbox).toContain(`(npx debrief run <drop folder> --reprocess --home ${real})`);
    expect(itself).toContain(
      `${home} is a debrief home (it holds a home's folders: lake/, state/, inbox/ …), not a drop folder`,
    );
    expect(existsSync(other)).toBe(false);
  }, 120_000);
});
