import { existsSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { tableNames } from '../schemas/tables.js';
import { shellWord } from './hints.js';

/**
 * What a debrief home holds at its top level (local-deps.ts, home-upkeep.ts): any one of them
 * marks a folder as a home. A run, a compaction or a trained model makes at least one.
 */
const HOME_ENTRIES = new Set([
  'lake',
  'state',
  'executions',
  'results',
  'work',
  'inbox',
  'transcripts',
  'quarantine',
  'models',
  'ani-hash.key',
  'dashboard.html',
  '.locks',
  '.tmp',
]);

/**
 * The home's absolute path; an error, saying what to do, when it does not exist (a mistyped
 * --home must neither read as "no calls" nor be created by a reader), or when it is a folder of
 * other things (a drop folder, a home's own lake/): read as a lake it would answer "0 calls". An
 * empty folder is a home nothing was processed in yet.
 */
export const requireHome = (home: string): string => {
  const dir = resolve(home);
  if (!existsSync(dir))
    throw new Error(
      `no debrief home at ${dir}: process calls first (npx debrief run <folder> --home ${shellWord(home)}) or pass the --home a run used`,
    );
  const entries = readdirSync(dir);
  if (entries.length === 0 || entries.some((name) => HOME_ENTRIES.has(name))) return dir;
  if (entries.some((name) => (tableNames as readonly string[]).includes(name)))
    throw new Error(
      `${dir} is a home's lake folder, not a home: pass the folder that holds it (--home ${shellWord(dirname(dir))})`,
    );
  throw new Error(
    `no debrief home at ${dir}: the folder holds ${entries.length === 1 ? '1 entry' : `${entries.length} entries`} and none a home has (lake/, state/, results/…). A drop folder is what run reads; the home is where it writes (--home, default .debrief): pass the --home a run used`,
  );
};
