import { performance } from 'node:perf_hooks';
import { startWorkbench } from '../adapters/local/workbench-server.js';
import { runDrop } from '../cli/commands/run.js';
import { generateCalls, writeDrop } from '../generator/index.js';
import { record } from './figures.js';
import { tempDir } from './temp-dir.js';

const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

/** `debrief serve` response times over a generated lake: the dashboard, filtered, a search, a call. */
export async function run(): Promise<void> {
  const count = 60;
  const drop = tempDir('bench-wb-drop');
  const calls = generateCalls(11, count);
  await writeDrop(calls, drop, tempDir('bench-wb-truth'));
  const home = tempDir('bench-wb-home');
  await runDrop({ dir: drop, home, out: quiet, err: quiet });
  const server = await startWorkbench(home, 0);
  try {
    const pages: [string, string][] = [
      ['dashboard', '/'],
      ['dashboard, topic filter', '/?topic=billing'],
      ['dashboard, 3 filters', '/?topic=billing&direction=inbound&from=2026-01-01'],
      ['call list', '/calls'],
      ['text search', '/calls?q=card'],
      ['call page', `/calls/${calls[0]!.callId}`],
    ];
    for (const [name, path] of pages) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 5; i += 1) {
        const t0 = performance.now();
        const response = await fetch(new URL(path, server.url));
        bytes = (await response.arrayBuffer()).byteLength;
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      record(`workbench: ${name}, median`, times[2]!, 'ms', { calls: count, kib: Math.round(bytes / 1024) });
      console.log(
        `workbench: ${name} over ${count} calls: median ${times[2]!.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${times[4]!.toFixed(0)}), ${(bytes / 1024).toFixed(0)} KiB`,
      );
    }
  } finally {
    await server.close();
  }
}
