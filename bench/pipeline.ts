import { performance } from 'node:perf_hooks';
import { runDrop } from '../cli/commands/run.js';
import { generateCalls, writeDrop } from '../generator/index.js';
import { record } from './figures.js';
import { tempDir } from './temp-dir.js';

const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

/** End-to-end local throughput: generated calls through the real ASL, Parquet written, read back. */
export async function run(): Promise<void> {
  const count = 40;
  const drop = tempDir('bench-drop');
  await writeDrop(generateCalls(7, count), drop, tempDir('bench-truth'));
  for (const concurrency of [1, 2]) {
    const home = tempDir('bench-home');
    const t0 = performance.now();
    const summary = await runDrop({ dir: drop, home, concurrency, out: quiet, err: quiet });
    const seconds = (performance.now() - t0) / 1000;
    const ok = summary.calls.filter((c) => c.outcome === 'succeeded').length;
    record(`pipeline: ${count} calls, concurrency ${concurrency}`, count / seconds, 'calls/s', {
      succeeded: ok,
    });
    console.log(
      `pipeline: ${count} calls, concurrency ${concurrency}: ${seconds.toFixed(2)} s, ${(count / seconds).toFixed(1)} calls/s, ${((seconds * 1000) / count).toFixed(0)} ms/call (${ok} succeeded)`,
    );
  }
}
