/** The home's own folders of calls and records (what a drop folder inside a home would be). */
export const HOME_DATA_FOLDERS: ReadonlySet<string> = new Set([
  'lake',
  'state',
  'executions',
  'results',
  'work',
  'inbox',
  'transcripts',
  'quarantine',
  'models',
]);

/**
 * What a debrief home holds at its top level (local-deps.ts, home-upkeep.ts): any one of them
 * marks a folder as a home. A run, a compaction or a trained model makes at least one. Its own
 * module, light to load: the drop-folder check reads it before the CLI loads the workflow.
 */
export const HOME_ENTRIES: ReadonlySet<string> = new Set([
  ...HOME_DATA_FOLDERS,
  'ani-hash.key',
  'dashboard.html',
  '.locks',
  '.tmp',
]);
