import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { classifyDropFile } from '../core/drop.js';
import { DebriefError } from '../core/errors.js';
import { debriefCommand, debriefLine, shownFolder } from './hints.js';

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
};
