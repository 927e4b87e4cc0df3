import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareHome } from '../../adapters/local/home-folder.js';
import { homeAniHashKey } from '../../adapters/local/local-deps.js';
import { appendCorrection } from '../../adapters/local/topics/corrections-file.js';
import { runDrop } from '../../cli/commands/run.js';
import { tempDir } from '../helpers/paths.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;
const sink = () => {
  const lines: string[] = [];
  return { lines, stream: { write: (s: string) => lines.push(s) > 0 } as unknown as NodeJS.WritableStream };
};

describe('the home folder is private to its owner (found by a compliance trial: raw recordings readable by every user)', () => {
  it('a run makes a missing home 0700 under umask 022, its parents as usual, and says nothing', async () => {
    // Prepare: an empty drop folder, a home two folders down that does not exist, umask 022
    const base = tempDir('home-mode-new');
    const drop = join(base, 'drop');
    mkdirSync(drop);
    const home = join(base, 'deeper', '.debrief');
    const err = sink();
    const umask = process.umask(0o022);
    try {
      // Act
      await runDrop({ dir: drop, home, err: err.stream, out: sink().stream });
    } finally {
      process.umask(umask);
    }
    // Assess
    expect(modeOf(home)).toBe(0o700);
    expect(modeOf(join(base, 'deeper'))).toBe(0o755);
    expect(err.lines.join('')).not.toContain('chmod');
  });

  it('the other commands that can make a home make it 0700 too (the caller-hash key, a topic correction)', () => {
    // Prepare
    const base = tempDir('home-mode-others');
    const umask = process.umask(0o022);
    try {
      // Act
      homeAniHashKey(join(base, 'a'));
      appendCorrection(join(base, 'b'), { callId: 'call-1', topic: 'billing', at: null });
    } finally {
      process.umask(umask);
    }
    // Assess
    expect(modeOf(join(base, 'a'))).toBe(0o700);
    expect(modeOf(join(base, 'a', 'ani-hash.key'))).toBe(0o600);
    expect(modeOf(join(base, 'b'))).toBe(0o700);
  });

  it('an existing home that others can read is left as it is, with one warning naming it and the chmod that fixes it', async () => {
    // Prepare: a home the user made with mode 755, and an empty drop folder
    const base = tempDir('home-mode-open');
    const drop = join(base, 'drop');
    mkdirSync(drop);
    const home = join(base, 'shared home');
    mkdirSync(home);
    chmodSync(home, 0o755);
    const err = sink();
    // Act: two runs in the same process (as `watch` runs batch after batch)
    await runDrop({ dir: drop, home, err: err.stream, out: sink().stream });
    await runDrop({ dir: drop, home, err: err.stream, out: sink().stream });
    // Assess
    expect(modeOf(home)).toBe(0o755);
    const warnings = err.lines.filter((l) => l.startsWith('warning: the debrief home'));
    expect(warnings).toEqual([
      `warning: the debrief home ${home} can be read by other users of this machine (mode 755), and it holds raw recordings, transcripts and results; to make it yours alone: chmod 700 '${home}'\n`,
    ]);
  });

  it('a private home is not warned about', () => {
    // Prepare
    const home = join(tempDir('home-mode-private'), 'home');
    mkdirSync(home);
    chmodSync(home, 0o700);
    const err = sink();
    // Act
    const access = prepareHome(home, { err: err.stream });
    // Assess
    expect(access).toBe('private');
    expect(err.lines).toEqual([]);
  });
});
