import { rmSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pidAlive } from '../../pid-alive.js';

/**
 * The speech decoder's working folders (pocketsphinx.ts): the voiced clips of a recording, cut
 * before redaction, so unredacted audio. Each is named for the process that made it
 * (`debrief-pocketsphinx-<pid>-XXXXXX`), removed when its decoding ends, when the process exits
 * (process.exit after Ctrl-C in run and watch: the `finally` that removes it never runs then), and
 * otherwise, after a kill, by the next recogniser or `debrief forget` (sweepSpeechWorkDirs).
 */
export const SPEECH_WORK_PREFIX = 'debrief-pocketsphinx-';

/** A folder of the old name (no pid) older than this is left over from a crash. */
const UNOWNED_MAX_AGE_MS = 24 * 60 * 60 * 1000;

const live = new Set<string>();
let exitHook = false;

/** The mkdtemp prefix of a working folder of this process, in `parent` (default: the OS's). */
export const workDirPrefix = (parent = tmpdir()): string =>
  join(parent, `${SPEECH_WORK_PREFIX}${process.pid}-`);

/** A working folder in use: removed when the process exits if it is still there. */
export const holdWorkDir = (dir: string): void => {
  live.add(dir);
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const held of live) rmSync(held, { recursive: true, force: true });
  });
};

/** A working folder removed (its decoding over). */
export const releaseWorkDir = (dir: string): void => {
  live.delete(dir);
};

/**
 * Removes the working folders in `parent` that a process no longer running left (killed, or
 * stopped by a signal with no exit handler: `debrief transcribe` on Ctrl-C), and those of the old
 * name older than a day. Returns how many it removed; a folder it cannot read is left.
 */
export const sweepSpeechWorkDirs = async (parent = tmpdir(), now = Date.now()): Promise<number> => {
  const names = await readdir(parent).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(SPEECH_WORK_PREFIX)) continue;
    const owner = /^(\d+)-/.exec(name.slice(SPEECH_WORK_PREFIX.length))?.[1];
    const path = join(parent, name);
    let orphan: boolean;
    if (owner !== undefined) orphan = Number(owner) !== process.pid && !pidAlive(Number(owner));
    else {
      const s = await stat(path).catch(() => null);
      orphan = s !== null && now - s.mtimeMs > UNOWNED_MAX_AGE_MS;
    }
    if (!orphan) continue;
    await rm(path, { recursive: true, force: true }).catch(() => undefined);
    removed += 1;
  }
  return removed;
};
