import { Writable } from 'node:stream';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
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
  type ProcessedCall,
  processCall,
  workFolderOfCall,
} from './run-calls.js';

/**
 * `debrief run --batch N [--workers W]`: the same workflow (the ASL runner, every step, the
 * quarantine path, leases, the execution records), three things faster:
 * - each execution's working document stays in memory between steps (adapters/local/working-memory.ts);
 * - the lake is written every N calls, one object per table and day (adapters/lake/batching-lake.ts),
 *   call_status last, and the calls' execution records only after that;
 * - W worker threads each run batches of calls. The command's thread hands the calls out a few at
 *   a time (HAND_OUT) as each worker asks for more, so the workers end together whatever the drop's
 *   size: a worker ends a batch after `batchSize` calls or when no call is left, then flushes.
 * The calls are handed out by day (cli/commands/call-days.ts), each worker its own stretch of
 * days, so a batch holds few days and writes few objects.
 */

/** The options a worker gets: everything that is data (functions cannot cross to a thread). */
const WORKER_OPTION_KEYS = [
  'dir',
  'home',
  'reprocess',
  'from',
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

/** The next call for this thread to run, or null once none is left. */
export type PullCall = () => Promise<DropCall | null>;

export interface BatchRunner {
  /**
   * One batch: calls pulled (up to the batch size) and run, their lake writes flushed, then their
   * execution records written; outcomes in the order the calls were pulled. [] once no call is left.
   */
  runBatch(pull: PullCall): Promise<CallOutcome[]>;
}

/** How many calls the command's thread hands a worker at once (it asks again before they are done). */
export const HAND_OUT = 8;

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
    ...(options.from ? { from: options.from } : {}),
    runId: options.runId ?? newRunId(),
    // The steps read the home through the working memory (deps.store), so the sidecars' copies can live there.
    sidecars: memory,
    onExecutionEnd: async (callId, outcome) => {
      const folder = workFolderOfCall(deps, callId);
      // A call that did not succeed keeps its working document on disk, for whoever looks into it.
      if (outcome !== 'succeeded') await memory.persist(folder);
      memory.release(folder);
    },
  };
  const size = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const lanes = options.concurrency ?? 2;
  return {
    async runBatch(pull) {
      const running: Promise<ProcessedCall>[] = [];
      let taken = 0;
      let exhausted = false;
      // `lanes` calls in flight at once, never more than `size` calls in the batch.
      const lane = async () => {
        while (!exhausted && taken < size) {
          taken += 1;
          const call = await pull();
          if (call === null) {
            exhausted = true;
            return;
          }
          const processing = processCall(ctx, call);
          running.push(processing);
          await processing;
        }
      };
      await Promise.all(Array.from({ length: lanes }, lane));
      const processed = await Promise.all(running);
      if (processed.length === 0) return [];
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

/**
 * The drop's calls in batches, in this thread or in worker threads, handed out in `order` (the
 * same calls; run.ts gives them by day); outcomes in the drop's order.
 */
export const runBatched = async (
  options: RunOptions,
  calls: readonly DropCall[],
  onDone: (result: CallOutcome) => void,
  err: NodeJS.WritableStream,
  order: readonly DropCall[] = calls,
): Promise<CallOutcome[]> => {
  const size = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`batch size must be a positive integer (got ${size})`);
  // A worker for every HAND_OUT calls at most: a few calls do not pay for a thread's start.
  const workers = Math.min(options.workers ?? 1, Math.ceil(calls.length / HAND_OUT));
  const byCall = new Map<string, CallOutcome>();
  const done = (results: readonly CallOutcome[]) => {
    for (const r of results) {
      byCall.set(r.callId, r);
      onDone(r);
    }
  };
  if (workers <= 1) {
    const runner = batchRunner(options, err);
    let next = 0;
    const pull: PullCall = async () => (next < order.length ? order[next++]! : null);
    for (let results = await runner.runBatch(pull); results.length > 0; results = await runner.runBatch(pull))
      done(results);
  } else {
    const injected = IN_PROCESS_ONLY.filter((k) => options[k] !== undefined);
    if (injected.length > 0)
      throw new Error(`${injected.join(', ')} cannot be passed to worker threads: run with workers 1`);
    const data = Object.fromEntries(WORKER_OPTION_KEYS.map((k) => [k, options[k]]));
    await handOut(
      order,
      workers,
      () => startWorker({ debriefRun: data }),
      done,
      (text) => err.write(text),
    );
  }
  return calls.map((c) => byCall.get(c.callId) ?? failedOutcome(c, new Error('no outcome was reported')));
};

/** From the command's thread: calls to run ([] once none is left). */
export type ToWorker = { type: 'calls'; calls: DropCall[] };
/**
 * From a worker: it wants more calls, a batch is done (its calls' outcomes), or a line to say (a
 * recording's transcription, a notice), said by the command's thread where its lines go (above
 * the progress bar on a terminal), not on the worker's own stderr.
 */
export type FromWorker =
  | { type: 'more' }
  | { type: 'done'; results: CallOutcome[] }
  | { type: 'say'; text: string };

/** What the command's thread needs of a worker (a Worker; tests give a stand-in). */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  on(event: 'message', listener: (message: FromWorker) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
}

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

/**
 * The calls handed to `count` workers, HAND_OUT at a time, as each asks. Each worker starts on a
 * stretch of its own (the list cut in `count` equal runs), so in a list by day its batches hold
 * consecutive days and no day is split between the workers' batches more than it must be; a
 * worker whose stretch is done takes the back half of the longest stretch left (the last calls
 * its owner would have reached). So a worker that is slower (still starting, a longer call) runs
 * fewer calls, and the workers end together. A worker that dies takes the calls it was handed and
 * has not reported with it: those calls failed (tried again next run); the rest of its stretch
 * goes to the others.
 */
export const handOut = (
  calls: readonly DropCall[],
  count: number,
  start: () => WorkerLike,
  done: (results: readonly CallOutcome[]) => void,
  say: (text: string) => void = (text) => process.stderr.write(text),
): Promise<void> =>
  new Promise((resolve) => {
    // Each worker's stretch: calls[next] up to (not including) calls[end].
    const stretches = Array.from({ length: count }, (_, i) => ({
      next: Math.floor((i * calls.length) / count),
      end: Math.floor(((i + 1) * calls.length) / count),
    }));
    const nextCalls = (worker: number): DropCall[] => {
      let own = stretches[worker]!;
      if (own.next >= own.end) {
        const longest = stretches.reduce((a, b) => (b.end - b.next > a.end - a.next ? b : a));
        const left = longest.end - longest.next;
        if (left <= 0) return [];
        // A stretch of at most one hand-out is taken whole; a longer one is cut in two.
        const cut = left <= HAND_OUT ? longest.next : longest.next + Math.floor(left / 2);
        own = { next: cut, end: longest.end };
        longest.end = cut;
        stretches[worker] = own;
      }
      const batch = calls.slice(own.next, Math.min(own.next + HAND_OUT, own.end));
      own.next += batch.length;
      return batch;
    };
    let running = count;
    for (let i = 0; i < count; i++) {
      const worker = start();
      const given = new Map<string, DropCall>();
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'say') {
          say(message.text);
          return;
        }
        if (message.type === 'done') {
          for (const r of message.results) given.delete(r.callId);
          done(message.results);
          return;
        }
        const batch = nextCalls(i);
        for (const c of batch) given.set(c.callId, c);
        worker.postMessage({ type: 'calls', calls: batch });
      });
      // A Worker's 'exit' comes after every message it sent (a batch it reported before dying
      // counts), and after its 'error' when it died of one.
      let failure: unknown = null;
      worker.on('error', (error) => {
        failure ??= error;
      });
      worker.on('exit', (code) => {
        if (given.size > 0)
          done(
            [...given.values()].map((c) =>
              failedOutcome(c, failure ?? new Error(`worker thread exited with code ${code}`)),
            ),
          );
        given.clear();
        running -= 1;
        if (running === 0) resolve();
      });
    }
  });

/** What a worker needs of its port to the command's thread (parentPort; tests give a MessagePort). */
export interface PortLike {
  postMessage(message: FromWorker): void;
  on(event: 'message', listener: (message: ToWorker) => void): unknown;
  close(): void;
}

/**
 * A worker's side: batches run one after another with calls pulled from the command's thread,
 * each batch's outcomes sent once its lake writes and records are done; the port closed (the
 * worker ends) once no call is left. The next calls are asked for as the last one handed starts,
 * so the worker never waits for them.
 */
export const serveBatches = async (port: PortLike, runner: BatchRunner): Promise<void> => {
  const queue: DropCall[] = [];
  let ended = false;
  let asked: Promise<void> | null = null;
  let answered = () => {};
  port.on('message', (message: ToWorker) => {
    if (message.calls.length === 0) ended = true;
    queue.push(...message.calls);
    asked = null;
    answered();
  });
  const ask = () => {
    if (asked || ended) return;
    asked = new Promise((resolve) => {
      answered = resolve;
    });
    port.postMessage({ type: 'more' });
  };
  const pull: PullCall = async () => {
    while (queue.length === 0 && !ended) {
      ask();
      await asked;
    }
    const call = queue.shift() ?? null;
    if (queue.length === 0) ask();
    return call;
  };
  for (let results = await runner.runBatch(pull); results.length > 0; results = await runner.runBatch(pull))
    port.postMessage({ type: 'done', results });
  port.close();
};

/** A worker's lines, sent to the command's thread to say (FromWorker 'say'). */
export const linesTo = (port: Pick<PortLike, 'postMessage'>): NodeJS.WritableStream =>
  new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      port.postMessage({ type: 'say', text: String(chunk) });
      done();
    },
  });

if (!isMainThread && parentPort && (workerData as { debriefRun?: RunOptions } | null)?.debriefRun) {
  const options = (workerData as { debriefRun: RunOptions }).debriefRun;
  void serveBatches(parentPort, batchRunner(options, linesTo(parentPort)));
}
