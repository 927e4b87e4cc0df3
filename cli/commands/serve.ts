import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startWorkbench, type WorkbenchServer } from '../../adapters/local/workbench-server.js';
import { shellWord } from '../hints.js';
import { requireHome } from '../home-folder.js';

export interface ServeOptions {
  home: string;
  port: number;
  out?: NodeJS.WritableStream;
  err?: NodeJS.WritableStream;
}

/**
 * `debrief serve` (and `debrief dashboard --serve`): the workbench on 127.0.0.1 until Ctrl-C.
 * A busy port rejects with PortInUseError, which the CLI prints as one line. A home that does not
 * exist is served (a run or watch may write it later; the lake is read on every request) but said
 * so: a mistyped --home must not read as "no calls" without a word (`debrief query` refuses it); so
 * is a folder that is not a home (a drop folder, a home's lake/).
 */
export const serveCommand = async (options: ServeOptions): Promise<WorkbenchServer> => {
  const server = await startWorkbench(options.home, options.port);
  const dir = resolve(options.home);
  if (!existsSync(dir))
    (options.err ?? process.stderr).write(
      `note: no debrief home at ${dir} yet: the workbench shows no calls until a run writes there (npx debrief run <folder> --home ${shellWord(options.home)}), or pass the --home a run used\n`,
    );
  else
    try {
      requireHome(options.home);
    } catch (error) {
      // a drop folder or a home's lake/: served (empty), said so as query would refuse it
      (options.err ?? process.stderr).write(`note: ${(error as Error).message}\n`);
    }
  (options.out ?? process.stdout).write(`workbench: ${server.url}  (Ctrl-C to stop)\n`);
  return server;
};
