import { startWorkbench, type WorkbenchServer } from '../../adapters/local/workbench-server.js';

export interface ServeOptions {
  home: string;
  port: number;
  out?: NodeJS.WritableStream;
}

/**
 * `debrief serve` (and `debrief dashboard --serve`): the workbench on 127.0.0.1 until Ctrl-C.
 * A busy port rejects with PortInUseError, which the CLI prints as one line.
 */
export const serveCommand = async (options: ServeOptions): Promise<WorkbenchServer> => {
  const server = await startWorkbench(options.home, options.port);
  (options.out ?? process.stdout).write(`workbench: ${server.url}  (Ctrl-C to stop)\n`);
  return server;
};
