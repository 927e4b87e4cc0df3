import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { classifyDropFile } from '../core/drop.js';
import { DebriefError } from '../core/errors.js';
import { debriefCommand, debriefLine, shellWord, shownFolder } from './hints.js';
import { HOME_DATA_FOLDERS } from './home-entries.js';

/**
 * What `run` or `watch` given a file rather than its drop folder says: the folder holding it,
 * and for `run`, that call alone (`--call <stem>`) when the file is a call's.
 */
export const fileNotFolder = (command: 'run' | 'watch', file: string, home: string): string => {
  const folder = shownFolder(dirname(resolve(file)));
  const stem = classifyDropFile(basename(file))?.stem;
  const args = command === 'run' && stem !== undefined ? ['run', folder, '--call', stem] : [command, folder];
  return `${file} is a file: debrief ${command} takes a drop folder (each call's recording or transcript with its CTR and recording metadata, by stem); ${command === 'run' && stem !== undefined ? 'to run this call alone' : 'its folder'}: ${debriefCommand(args, home)}`;
};

/**
 * The drop folder `run` or `watch` is given must exist and be a folder (never created: a typo,
 * or the default run from the wrong directory, would be run or watched empty). Its own module,
 * light to load, so that the CLI says so at once, before it loads the workflow (about 3 s).
 */
export const checkDropFolder = (command: 'run' | 'watch', dir: string, home: string): void => {
  if (!existsSync(dir))
    throw new DebriefError(
      command === 'run'
        ? `drop folder ${dir} does not exist; give the folder to run: ${debriefLine('npx debrief run <folder>', home)}`
        : `watching ${dir}: no such folder; give the folder to watch: ${debriefLine('npx debrief watch <folder>', home)}`,
    );
  if (statSync(dir).isFile()) throw new DebriefError(fileNotFolder(command, dir, home));
  const inHome = homeFolderAsDrop(command, dir, home) ?? homeInsideDrop(command, dir, home);
  if (inHome !== undefined) throw new DebriefError(inHome);
};

/**
 * What `run` or `watch` says when the home is inside the drop folder under a name that is not
 * hidden (`run drop --home drop/h`): the drop folder is read with its subfolders, so the home's
 * own copies of the calls (inbox/, transcripts/) would be read as more drops of the same calls.
 * A hidden home (`.debrief`, the default, inside a drop run as `.`) is skipped by the scan, as
 * every hidden file and folder is.
 */
export const homeInsideDrop = (command: 'run' | 'watch', dir: string, home: string): string | undefined => {
  const rel = relative(realPath(dir), realPath(home));
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  if (rel.split(sep).some((part) => part.startsWith('.'))) return undefined;
  return `the debrief home ${home} is inside the drop folder ${dir}: ${command} reads the drop folder with its subfolders, so it would read the home's own copies of the calls as more drops of them. Put the home outside the drop folder, or give it a hidden name (--home ${shellWord(join(dir, `.${basename(home)}`))}, skipped as hidden files are)`;
};

/**
 * A path with its symbolic links resolved as far as it exists (a home not made yet resolves
 * through the folder that will hold it).
 */
const realPath = (path: string): string => {
  const full = resolve(path);
  try {
    return realpathSync(full);
  } catch {
    const parent = dirname(full);
    return parent === full ? full : join(realPath(parent), basename(full));
  }
};

/**
 * Whether a folder is a home that has run: its lake/ beside its state/, executions/ or inbox/
 * (results/, models/, work/ alone are common names in a project of one's own).
 */
const looksLikeHome = (folder: string): boolean => {
  try {
    const names = new Set(readdirSync(folder));
    return names.has('lake') && ['state', 'executions', 'inbox'].some((name) => names.has(name));
  } catch {
    return false;
  }
};

/**
 * The home `drop` is (''), or is one of the data folders of (`inbox`, `transcripts/x` …), with
 * its real path: the given home, or any folder above the drop folder that looks like one (a run
 * without `--home`, or started inside the home, would otherwise take another home's inbox/).
 */
const homeOfDrop = (drop: string, home: string): { root: string; rel: string } | undefined => {
  const root = realPath(home);
  const rel = relative(root, drop);
  const inside = !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
  if (rel === '' || (inside && HOME_DATA_FOLDERS.has(rel.split(sep)[0] ?? ''))) return { root, rel };
  if (looksLikeHome(drop)) return { root: drop, rel: '' };
  for (let child = drop, up = dirname(drop); up !== child; child = up, up = dirname(up))
    if (HOME_DATA_FOLDERS.has(basename(child)) && looksLikeHome(up))
      return { root: up, rel: relative(up, drop) };
  return undefined;
};

/**
 * What `run` or `watch` given a debrief home, or one of its own folders (inbox/, transcripts/ …),
 * says (undefined for any other folder: a folder of the user's own inside the home is a drop
 * folder like any other). The home's inbox/ holds the calls' recordings and transcripts but not
 * their CTRs and recording metadata, removed once each call is done: run as a drop folder, its
 * calls would be processed again without them (the CTR's journey, handle time and queue gone),
 * and the home would write into the folder it reads. The given home is checked, and any folder
 * above the drop folder that is a home that has run (lake/ beside state/, executions/ or inbox/).
 */
export const homeFolderAsDrop = (command: 'run' | 'watch', dir: string, home: string): string | undefined => {
  const found = homeOfDrop(realPath(dir), home);
  if (found === undefined) return undefined;
  const { root, rel } = found;
  const what =
    rel === ''
      ? root === realPath(home)
        ? `${dir} is the debrief home (--home ${shellWord(home)}), not a drop folder`
        : `${dir} is a debrief home (it holds a home's folders: lake/, state/, inbox/ …), not a drop folder`
      : `${dir} is ${rel.split(sep)[0] === 'inbox' ? "the debrief home's inbox/" : `${rel.split(sep).join('/')}/ inside the debrief home`} ${root}, not a drop folder`;
  // The line names the home the folder belongs to (a run into another home would split the calls).
  const theHome = root === realPath(home) ? home : root;
  const line =
    command === 'run'
      ? debriefLine('npx debrief run <drop folder> --reprocess', theHome)
      : debriefLine('npx debrief watch <drop folder>', theHome);
  return `${what}: a home keeps its own copies of the calls' recordings and transcripts, and removes their CTRs and recording metadata once each call is done, so ${command === 'run' ? 'a run of it would process the calls again without them (CTR status, journey and handle time lost)' : 'a watch of it would run its calls again without them (CTR status, journey and handle time lost)'}. ${command} reads the drop folder the calls came from and writes to the home (${line}); a home cannot run its calls again without their drop folder (their transcripts in it are reused when the drop's recordings run again)`;
};
