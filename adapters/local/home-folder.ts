import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The home holds raw recordings (`inbox/`), transcripts and redacted audio, unredacted working
 * copies, results and the lake: personal data. Files inside are written with the process's
 * umask (644/755 under the usual 022), so the home folder itself is what keeps other users of a
 * shared machine out: debrief makes it 0700 (owner only) when it creates it.
 *
 * A home that already exists is the user's folder: it may be shared with a team on purpose (a
 * group that reads it), or be a folder the user made. debrief does not change its mode behind
 * their back; it says once per process, on stderr, that others can read it and the line that
 * makes it private.
 */
export const HOME_MODE = 0o700;

const warned = new Set<string>();

const shellWord = (word: string): string =>
  /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;

/** What prepareHome found: a home it made, one only its owner can open, or one open to others. */
export type HomeAccess = 'created' | 'private' | 'open';

/**
 * Make the home when missing (0700; its parent folders as usual), else warn once if group or
 * other users have any access to it. `warn: false` where the same process already warned or a
 * worker thread would repeat the command's warning.
 */
export const prepareHome = (
  home: string,
  options: { warn?: boolean; err?: { write(line: string): unknown } } = {},
): HomeAccess => {
  const path = resolve(home);
  mkdirSync(dirname(path), { recursive: true });
  try {
    mkdirSync(path, { mode: HOME_MODE });
    // The mode given to mkdir passes through the umask: set it as meant.
    chmodSync(path, HOME_MODE);
    return 'created';
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  }
  const stat = statSync(path);
  // Not a folder: whoever uses it as the home says what is wrong with it.
  if (!stat.isDirectory()) return 'private';
  const mode = stat.mode & 0o777;
  if ((mode & 0o077) === 0) return 'private';
  if (options.warn !== false && !warned.has(path)) {
    warned.add(path);
    (options.err ?? process.stderr).write(
      `warning: the debrief home ${path} can be read by other users of this machine (mode ${mode.toString(8)}), and it holds raw recordings, transcripts and results; to make it yours alone: chmod 700 ${shellWord(path)}\n`,
    );
  }
  return 'open';
};
