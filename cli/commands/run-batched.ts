import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import pLimit from 'p-limit';
import { BatchingLake } from '../../adapters/lake/batching-lake.js';
import { ExecutionLedger, newRunId } from '../../adapters/local/execution-ledger.js';
import { WorkingMemoryStore } from '../../adapters/local/working-memory.js';
import type { DropCall } from '../../core/drop.js';
import { LocalWorkflowRunner } from '../../workflows/local-runner.js';
import { printable } from '../render-table.js';
import type { RunOptions } from './run.js';
import {
  type CallContext,
  type CallOutcome,
  createRunRuntime,
  failedOutcome,
  processCall,
  workFolderOfCall,
} from './run-calls.js';

/**
 * `debrief run --batch N [--workers W]`: the same workflow (the ASL runner, every step, the
 * quarantine path, leases, the execution records), three things faster:
 * - each execution's working document stays in memory between steps (adapters/local/working-memory.ts);
 * - the lake is written every N calls, one object per table and day (adapters/lake/batching-lake.ts),
 *   call_status last, and the calls' execution records only after that;
 * - W worker threads each run batches of calls (the command's thread hands them out).
 */

/** The options a worker gets: everything that is data (functions cannot cross to a thread). */
const WORKER_OPTION_KEYS = [
  'dir',
  'home',
  'reprocess',
  'concurrency',
  'topicsFile',
  'toxicityThreshold',
  'topicModel',
  'piiMode',
  'stepTimeoutSeconds',
  'agentChannel',
  'batchSize',
  'runId',
] as const satisfies readonly (keyof RunOptions)[];
const IN_PROCESS_ONLY = ['enrichers', 'postProcessors', 'speech', 'wrapDeps'] as const;

export const DEFAULT_BATCH_SIZE = 500;

interface BatchRunner {
  run(calls: readonly DropCall[]): Promise<CallOutcome[]>;
}

/** A thread's batched runner: its own runtime, working memory and lake batch. */
const batchRunner = (options: RunOptions, err: NodeJS.WritableStream): BatchRunner => {
  const base = createRunRuntime(options, err);
  const memory = new WorkingMemoryStore(base.store, base.deps.prefixes.work);
  const lake = new BatchingLake(base.lake, base.deps.now);
  const plain = { ...base.deps, store: memory, lake };
  const deps = options.wrapDeps ? options.wrapDeps(plain) : plain;
  const ledger = new ExecutionLedger(base.store, (callId) =>
    err.write(`notice: the record of ${printable(callId)}'s last run is damaged: running it again\n`),
  );
  const ctx: CallContext = {
    dir: options.dir,
    store: base.store,
    deps,
    runner: new LocalWorkflowRunner(deps, undefined, { stepTimeoutSeconds: options.stepTimeoutSeconds }),
    ledger,
    reprocess: options.reprocess ?? false,
    runId: options.runId ?? newRunId(),
    onExecutionEnd: async (callId, outcome) => {
      const folder = workFolderOfCall(deps, callId);
      // A call that did not succeed keeps its working document on disk, for whoever looks into it.
      if (outcome !== 'succeeded') await memory.persist(folder);
      memory.release(folder);
    },
  };
  const limit = pLimit(options.concurrency ?? 2);
  return {
    async run(calls) {
      const processed = await Promise.all(calls.map((call) => limit(() => processCall(ctx, call))));
      let flushError: unknown = null;
      try {
        await lake.flush();
      } catch (error) {
        flushError = error;
      }
      const results: CallOutcome[] = [];
      for (const { result, record } of processed) {
        if (flushError !== null && result.outcome !== 'unchanged') {
          // Its rows or status may not have landed: not recorded, so the next run does it again.
          results.push(failedOutcome(result, flushError));
          continue;
        }
        try {
          if (record) await ledger.record(record);
          results.push(result);
        } catch (error) {
          results.push(failedOutcome(result, error));
        }
      }
      return results;
    },
  };
};

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** The drop's calls in batches, in this thread or in worker threads; outcomes in the drop's order. */
export const runBatched = async (
  options: RunOptions,
  calls: readonly DropCall[],
  onDone: (result: CallOutcome) => void,
  err: NodeJS.WritableStream,
): Promise<CallOutcome[]> => {
  const size = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`batch size must be a positive integer (got ${size})`);
  const batches = chunks(calls, size);
  const workers = Math.min(options.workers ?? 1, batches.length);
  const byCall = new Map<string, CallOutcome>();
  const done = (results: readonly CallOutcome[]) => {
    for (const r of results) {
      byCall.set(r.callId, r);
      onDone(r);
    }
  };
  if (workers <= 1) {
    const runner = batchRunner(options, err);
    for (const batch of batches) done(await runner.run(batch));
  } else {
    const injected = IN_PROCESS_ONLY.filter((k) => options[k] !== undefined);
    if (injected.length > 0)
      throw new Error(`${injected.join(', ')} cannot be passed to worker threads: run with workers 1`);
    await inWorkers(options, batches, workers, done);
  }
  return calls.map((c) => byCall.get(c.callId) ?? failedOutcome(c, new Error('no outcome was reported')));
};

type ToWorker = { type: 'calls'; calls: DropCall[] } | { type: 'end' };
type FromWorker = { type: 'ready' } | { type: 'done'; results: CallOutcome[] };

/**
 * A worker thread running this module (it is also the worker's entry point). Compiled (dist/),
 * the module itself; from the TypeScript sources (tests, benchmarks) tsx is registered first.
 */
const startWorker = (workerData: unknown): Worker => {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(import.meta.url), { workerData });
  // Where import.meta.resolve is missing (a test runner's transform), from the working directory.
  const tsx = typeof import.meta.resolve === 'function' ? import.meta.resolve('tsx/esm/api') : 'tsx/esm/api';
  const code = `import(${JSON.stringify(tsx)}).then((t) => t.register()).then(() => import(${JSON.stringify(import.meta.url)}))`;
  return new Worker(code, { eval: true, workerData });
};

const inWorkers = (
  options: RunOptions,
  batches: DropCall[][],
  count: number,
  done: (results: readonly CallOutcome[]) => void,
): Promise<void> =>
  new Promise((resolve) => {
    const data = Object.fromEntries(WORKER_OPTION_KEYS.map((k) => [k, options[k]]));
    let next = 0;
    let running = count;
    for (let i = 0; i < count; i++) {
      let current: DropCall[] | null = null;
      const worker = startWorker({ debriefRun: data });
      const hand = () => {
        current = next < batches.length ? batches[next++]! : null;
        worker.postMessage(
          current ? ({ type: 'calls', calls: current } satisfies ToWorker) : { type: 'end' },
        );
      };
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'done') {
          current = null;
          done(message.results);
        }
        hand();
      });
      // A worker that dies takes its batch with it: those calls failed (tried again next run).
      const lost = (error: unknown) => {
        if (current) done(current.map((c) => failedOutcome(c, error)));
        current = null;
      };
      worker.on('error', lost);
      worker.on('exit', (code) => {
        lost(new Error(`worker thread exited with code ${code}`));
        running -= 1;
        if (running === 0) resolve();
      });
    }
  });

if (!isMainThread && parentPort && (workerData as { debriefRun?: RunOptions } | null)?.debriefRun) {
  const port = parentPort;
  const options = (workerData as { debriefRun: RunOptions }).debriefRun;
  const runner = batchRunner(options, process.stderr);
  port.on('message', async (message: ToWorker) => {
    if (message.type === 'end') {
      port.close();
      return;
    }
    port.postMessage({ type: 'done', results: await runner.run(message.calls) } satisfies FromWorker);
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}
