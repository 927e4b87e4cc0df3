/**
 * One process of the soak test: `run <drop> <home> <transient-rate> [<batch size>]` or
 * `compact <home> <times>`.
 * The soak orchestrator starts several at once and kills some with SIGKILL.
 */
import { compactLake } from '../../cli/commands/compact.js';
import { runDrop } from '../../cli/commands/run.js';
import { chaosPostProcessor, failingSummaries, flakyWrites } from './faults.js';

const [command, ...args] = process.argv.slice(2);
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

if (command === 'run') {
  const [dir, home, rate, batch] = args as [string, string, string, string | undefined];
  const summary = await runDrop({
    dir,
    home,
    report: false,
    concurrency: 2,
    postProcessors: [chaosPostProcessor],
    enrichers: failingSummaries,
    wrapDeps: Number(rate) > 0 ? flakyWrites(Number(rate)) : undefined,
    // `run --batch` (in this thread: the faults are functions): lake writes batched, documents in memory.
    ...(batch ? { batchSize: Number(batch) } : {}),
    out: quiet,
    err: quiet,
  });
  const counts: Record<string, number> = {};
  for (const c of summary.calls) counts[c.outcome] = (counts[c.outcome] ?? 0) + 1;
  process.stdout.write(`${JSON.stringify(counts)}\n`);
} else if (command === 'compact') {
  const [home, times] = args as [string, string];
  for (let i = 0; i < Number(times); i += 1) {
    await compactLake(home, undefined, { err: quiet });
    await new Promise((r) => setTimeout(r, 200));
  }
} else {
  process.stderr.write('usage: worker.ts run <drop> <home> <rate> | compact <home> <times>\n');
  process.exitCode = 2;
}
