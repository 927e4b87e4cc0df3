import { isAbsolute, relative, resolve } from 'node:path';
import type { Command } from 'commander';

/**
 * Next steps the commands print, in the form the README tells users to type from a clone of the
 * repository (`npx debrief …`: no global install puts `debrief` on the PATH), with the home the
 * command used when it is not the default one, so a printed line runs as printed.
 */

/** The home every command uses without --home (DEBRIEF_HOME, else .debrief). */
export const defaultHome = (): string => process.env.DEBRIEF_HOME ?? '.debrief';

/** One argument as a POSIX shell reads it back: bare when safe, else quoted. */
export const shellWord = (word: string): string => {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  // SQL keeps its single quotes readable inside double quotes, as the README writes queries.
  if (!/["$`\\!]/.test(word)) return `"${word}"`;
  return `'${word.replaceAll("'", `'\\''`)}'`;
};

/**
 * `npx debrief <args…>` (each quoted as needed), with `--home <home>` unless it is the default:
 * the default's folder by any name (`run` resolves its home: `/repo/.debrief` is `.debrief` when
 * the line is typed from /repo, as the README's lines are).
 */
export const debriefCommand = (args: readonly string[], home?: string): string =>
  [
    'npx debrief',
    ...args.map(shellWord),
    ...(home !== undefined && resolve(home) !== resolve(defaultHome()) ? ['--home', shellWord(home)] : []),
  ].join(' ');

/**
 * A line with a placeholder the user fills in (`npx debrief run <folder>`, which debriefCommand
 * would quote), with ` --home <home>` after it as debriefCommand adds it: unless it is the default.
 */
export const debriefLine = (line: string, home?: string): string =>
  home !== undefined && resolve(home) !== resolve(defaultHome()) ? `${line} --home ${shellWord(home)}` : line;

/**
 * A folder as a command line typed from here names it: relative to the current folder when it is
 * inside it (`samples`, `drop`), else its absolute path.
 */
export const shownFolder = (folder: string): string => {
  const rel = relative(process.cwd(), resolve(folder));
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? resolve(folder) : rel;
};

/**
 * The options the user typed on a command's line (commander's value source `cli`), as a line
 * repeating them has them: in the command's order, each with its value as parsed (a list option
 * once per value, a flag alone, a `--no-…` flag when turned off). `leaveOut` names options by
 * their attribute (`home`: debriefCommand adds it).
 */
export const givenOptions = (command: Command, leaveOut: readonly string[] = []): string[] =>
  command.options.flatMap((option) => {
    const key = option.attributeName();
    const flag = option.long ?? option.short;
    if (flag === undefined || leaveOut.includes(key) || command.getOptionValueSource(key) !== 'cli')
      return [];
    const value: unknown = command.getOptionValue(key);
    if (typeof value === 'boolean') return value !== option.negate ? [flag] : [];
    if (Array.isArray(value)) return value.flatMap((v) => [flag, String(v)]);
    return value === undefined ? [] : [flag, String(value)];
  });
