import { execFile } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { shellWord } from '../../cli/hints.js';
import { REPO, tempDir } from '../helpers/paths.js';

const sh = promisify(execFile);
const CLI = join(REPO, 'bin/debrief.mjs');

/** `npx debrief <args>` as a user types it: exit status and what it printed. */
const debrief = async (args: string[]) => {
  try {
    const { stdout, stderr } = await sh(process.execPath, [CLI, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

describe("debrief watch given run's --call or --reprocess", () => {
  it('stops at once with the run line that does it, and that line runs (found by trial15: "unknown option --call" after topics correct printed one)', async () => {
    // Prepare: a drop with one call, a home that does not exist yet
    const drop = tempDir('watch-call-drop');
    const home = join(tempDir('watch-call-home'), 'home');
    const stem = 'call-0006-address-change';
    copyFileSync(join(REPO, 'samples', `${stem}.tca.json`), join(drop, `${stem}.tca.json`));
    // Act
    const call = await debrief(['watch', drop, '--home', home, '--call', stem]);
    const reprocess = await debrief(['watch', drop, '--home', home, '--reprocess']);
    // Assess: nothing watched or processed, and the line to type
    expect(call.code).toBe(1);
    expect(call.stderr).toBe(
      `debrief: watch runs each call of ${drop} when its files land or change: it takes no --call. To run these calls again now (beside a watch too: the run waits for the batch in progress): npx debrief run ${shellWord(drop)} --reprocess --call ${stem} --home ${shellWord(home)}\n`,
    );
    expect(reprocess.code).toBe(1);
    expect(reprocess.stderr).toContain(
      `it takes no --reprocess. To run the folder's calls again now (beside a watch too: the run waits for the batch in progress; --call <id> for some of them): npx debrief run ${shellWord(drop)} --reprocess --home ${shellWord(home)}\n`,
    );
    expect(existsSync(home)).toBe(false);
    const line = /: (npx debrief run [^\n]+)\n$/.exec(call.stderr)?.[1] ?? '';
    const ran = await sh('sh', ['-c', line.replace(/^npx debrief /, `node ${shellWord(CLI)} `)]);
    expect(ran.stderr).toContain(`[1/1] ${stem}: processed`);
    // The option stays out of watch's help: it is not one of its options.
    expect((await debrief(['watch', '--help'])).stdout).not.toContain('--call');
  }, 120_000);
});
