import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { classifyDropFile } from '../core/drop.js';
import { tableNames } from '../schemas/tables.js';
import { debriefCommand, shellWord } from './hints.js';
import { HOME_ENTRIES } from './home-entries.js';

/**
 * What a file manager, an editor or a person leaves in any folder: not a sign that it is
 * something other than a home (an empty home with a .DS_Store is still an empty home); and the
 * test-results.json the repository's tests wrote into the default home until they wrote it to
 * test-results/ (a clone that ran a test before any `debrief run` has one there, alone).
 */
const INCIDENTAL = /^(?:\..*|test-results\.json|thumbs\.db|desktop\.ini|readme(?:\..*)?|notes?(?:\..*)?)$/i;

/**
 * The home's absolute path; an error, saying what to do, when it does not exist (a mistyped
 * --home must neither read as "no calls" nor be created by a reader), is a file or cannot be
 * read, or is a folder of other things (a drop folder, a home's own lake/): read as a lake it
 * would answer "0 calls". An empty folder (but for a .DS_Store, a README…) is a home nothing was
 * processed in yet.
 */
export const requireHome = (home: string): string => {
  const dir = resolve(home);
  if (!existsSync(dir))
    throw new Error(
      `no debrief home at ${dir}: process calls first (npx debrief run <folder> --home ${shellWord(home)}) or pass the --home a run used`,
    );
  if (!statSync(dir).isDirectory())
    throw new Error(`no debrief home at ${dir}: it is a file; --home takes the folder a run wrote to`);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (error) {
    throw new Error(
      `cannot read the debrief home ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}): run as the user who owns it, or pass another --home`,
    );
  }
  if (entries.some((name) => HOME_ENTRIES.has(name))) return dir;
  const own = entries.filter((name) => !INCIDENTAL.test(name));
  if (own.length === 0) return dir;
  if (own.some((name) => (tableNames as readonly string[]).includes(name)))
    throw new Error(
      `${dir} is a home's lake folder, not a home: pass the folder that holds it (--home ${shellWord(dirname(realpathSync(dir)))})`,
    );
  const calls = new Set(own.map((name) => classifyDropFile(name)?.stem).filter((s) => s !== undefined)).size;
  throw new Error(
    `no debrief home at ${dir}: the folder holds ${own.length === 1 ? '1 entry' : `${own.length} entries`} and none a home has (lake/, state/, results/…)${
      calls > 0
        ? `; it holds ${calls === 1 ? "1 call's files" : `${calls} calls' files`}, a drop folder: process them with ${debriefCommand(['run', home])}, then pass the --home that run used (default .debrief)`
        : '. A drop folder is what run reads; the home is where it writes (--home, default .debrief): pass the --home a run used'
    }`,
  );
};
