import { EventEmitter } from 'node:events';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  type BatchRunner,
  type FromWorker,
  HAND_OUT,
  handOut,
  linesTo,
  serveBatches,
  type ToWorker,
  type WorkerLike,
} from '../../cli/commands/run-batched.js';
import type { CallOutcome } from '../../cli/commands/run-calls.js';
import type { DropCall } from '../../core/drop.js';

const dropCalls = (n: number): DropCall[] =>
  Array.from({ length: n }, (_, i) => ({
    callId: `call-${String(i + 1).padStart(3, '0')}`,
    transcript: `call-${i + 1}.json`,
    audio: null,
    ctr: null,
    recording: null,
  }));

const succeeded = (call: DropCall): CallOutcome => ({
  callId: call.callId,
  executionName: `exec-${call.callId}`,
  outcome: 'succeeded',
  statesRun: ['WriteResults'],
  error: null,
});

/**
 * A stand-in for a batched runner: batches of `size` calls pulled one at a time; each call waits
 * for `gate` (the test holds a worker there). `pulled` lists the calls it was given, `ran` those it
 * ran, `batches` their grouping.
 */
const fakeRunner = (size: number, gate: () => Promise<void> = async () => {}) => {
  const pulled: string[] = [];
  const ran: string[] = [];
  const batches: string[][] = [];
  const runner: BatchRunner = {
    async runBatch(pull) {
      const batch: DropCall[] = [];
      while (batch.length < size) {
        const call = await pull();
        if (call === null) break;
        pulled.push(call.callId);
        await gate();
        ran.push(call.callId);
        batch.push(call);
      }
      if (batch.length > 0) batches.push(batch.map((c) => c.callId));
      return batch.map(succeeded);
    },
  };
  return { runner, pulled, ran, batches };
};

/**
 * A worker thread's stand-in: the worker's own side (serveBatches) on one end of a message channel,
 * the command's thread on the other, 'exit' once the worker's side closed its port (after the
 * messages it sent, as a Worker's 'exit' follows its last messages). `die` ends it as a crash does:
 * what it sent before arrives, then 'error', then 'exit'.
 */
const fakeWorker = (runner: BatchRunner | ((lines: NodeJS.WritableStream) => BatchRunner)) => {
  const { port1, port2 } = new MessageChannel();
  const events = new EventEmitter();
  let crash: Error | null = null;
  port1.on('message', (message: FromWorker) => events.emit('message', message));
  // As a Worker: its messages, then 'error' if it crashed, then 'exit'.
  port1.on('close', () => {
    if (crash) events.emit('error', crash);
    events.emit('exit', crash ? 1 : 0);
  });
  void serveBatches(port2, typeof runner === 'function' ? runner(linesTo(port2)) : runner);
  const worker = {
    postMessage: (message: ToWorker) => port1.postMessage(message),
    on: (event: string, listener: (...args: unknown[]) => void) => events.on(event, listener),
  } as WorkerLike;
  const die = (error: Error) => {
    crash = error;
    port2.close();
  };
  return { worker, die };
};

/** A promise the test resolves. */
const deferred = () => {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('run --batch --workers: handing calls out', () => {
  it('gives the calls to whichever worker asks: a held-up worker takes only what it was handed, the other runs the rest', async () => {
    // Prepare: worker A is held at its first call until every other call has an outcome
    const calls = dropCalls(60);
    const hold = deferred();
    const a = fakeRunner(25, () => hold.promise);
    const b = fakeRunner(25);
    const outcomes: CallOutcome[] = [];
    const starts = [a, b];
    // Act
    await handOut(
      calls,
      2,
      () => fakeWorker(starts.shift()!.runner).worker,
      (results) => {
        outcomes.push(...results);
        if (outcomes.length === calls.length - HAND_OUT) hold.resolve();
      },
    );
    // Assess: every call ran once and has one outcome
    expect(outcomes.map((o) => o.callId).sort()).toEqual(calls.map((c) => c.callId));
    expect([...a.ran, ...b.ran].sort()).toEqual(calls.map((c) => c.callId));
    // A held only the calls of its first hand-out; B ran the rest, in batches of at most 25
    expect(a.ran).toHaveLength(HAND_OUT);
    expect(b.ran).toHaveLength(calls.length - HAND_OUT);
    expect(b.batches.map((batch) => batch.length)).toEqual([25, 25, 2]);
  });

  it('starts each worker on a stretch of its own; one done with its stretch takes the back half of the longest left', async () => {
    // Prepare: the calls in day order; worker A is held at its first call until every other call
    // has an outcome, so B runs its own half, then takes from what A has not been handed
    const calls = dropCalls(64);
    const hold = deferred();
    const a = fakeRunner(500, () => hold.promise);
    const b = fakeRunner(500);
    const starts = [a, b];
    let reported = 0;
    // Act
    await handOut(
      calls,
      2,
      () => fakeWorker(starts.shift()!.runner).worker,
      (results) => {
        reported += results.length;
        if (reported === calls.length - HAND_OUT) hold.resolve();
      },
    );
    // Assess: A ran the first calls of its half; B its own half in order, then A's untouched
    // stretch [8, 32) from the back, half by half (a batch's calls stay few stretches of days)
    const ids = (from: number, to: number) => calls.slice(from, to).map((c) => c.callId);
    expect(a.ran).toEqual(ids(0, HAND_OUT));
    expect(b.pulled).toEqual([...ids(32, 64), ...ids(20, 32), ...ids(14, 20), ...ids(8, 14)]);
  });

  it('splits a drop smaller than one batch between the workers (each flushes its own)', async () => {
    // Prepare: two workers, batches of 500, 4 hand-outs' worth of calls; each worker waits at its
    // first call until both have one, so neither can take everything before the other starts
    const calls = dropCalls(4 * HAND_OUT);
    const bothStarted = deferred();
    let started = 0;
    const gateOnce = () => {
      let first = true;
      return async () => {
        if (!first) return;
        first = false;
        started += 1;
        if (started === 2) bothStarted.resolve();
        await bothStarted.promise;
      };
    };
    const runners = [fakeRunner(500, gateOnce()), fakeRunner(500, gateOnce())];
    const starts = [...runners];
    const outcomes: CallOutcome[] = [];
    // Act
    await handOut(
      calls,
      2,
      () => fakeWorker(starts.shift()!.runner).worker,
      (results) => outcomes.push(...results),
    );
    // Assess
    expect(outcomes.map((o) => o.callId).sort()).toEqual(calls.map((c) => c.callId));
    for (const r of runners) {
      expect(r.ran.length).toBeGreaterThanOrEqual(HAND_OUT);
      expect(r.batches).toHaveLength(1);
    }
  });

  it('a worker that dies fails exactly the calls it was handed and had not reported; the other worker runs the rest', async () => {
    // Prepare: worker A runs batches of 3 and dies at the start of its 5th call (its second batch)
    const calls = dropCalls(40);
    let aRan = 0;
    const block = deferred();
    const a = fakeRunner(3, async () => {
      aRan += 1;
      if (aRan === 5) {
        crash(new Error('out of memory'));
        await block.promise; // never continues
      }
    });
    const b = fakeRunner(10);
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const crash = (error: Error) => setImmediate(() => workers[0]!.die(error));
    const outcomes: CallOutcome[] = [];
    // Act
    await handOut(
      calls,
      2,
      () => {
        const w = fakeWorker(workers.length === 0 ? a.runner : b.runner);
        workers.push(w);
        return w.worker;
      },
      (results) => outcomes.push(...results),
    );
    // Assess: one outcome per call
    expect(outcomes.map((o) => o.callId).sort()).toEqual(calls.map((c) => c.callId));
    const failed = outcomes.filter((o) => o.outcome === 'failed');
    // A was handed one hand-out and reported its first batch (3 calls); the other 5 failed with it
    expect(a.pulled).toHaveLength(5);
    expect(a.batches).toEqual([a.pulled.slice(0, 3)]);
    const handedToA = calls.map((c) => c.callId).filter((id) => !b.pulled.includes(id));
    expect(handedToA).toHaveLength(HAND_OUT);
    expect(failed.map((o) => o.callId).sort()).toEqual(handedToA.filter((id) => !a.batches[0]!.includes(id)));
    expect(failed.every((o) => o.error?.message === 'out of memory')).toBe(true);
    // B ran everything else
    expect(b.ran.sort()).toEqual(calls.map((c) => c.callId).filter((id) => !handedToA.includes(id)));
    block.resolve();
  });

  it("says a worker's lines (a recording's transcription) where the command's lines go, before its batch's outcomes", async () => {
    // Prepare: each worker says a line for every call it runs, on the stream a worker's runtime is given
    const calls = dropCalls(4);
    const said: string[] = [];
    const order: string[] = [];
    const saying = (lines: NodeJS.WritableStream): BatchRunner => {
      const { runner } = fakeRunner(500, async () => {});
      return {
        async runBatch(pull) {
          const pulledOne: typeof pull = async () => {
            const call = await pull();
            if (call) lines.write(`${call.callId}: transcribing (speech to text) 1/1\n`);
            return call;
          };
          return runner.runBatch(pulledOne);
        },
      };
    };
    // Act
    await handOut(
      calls,
      2,
      () => fakeWorker(saying).worker,
      (results) => order.push(...results.map((r) => `done ${r.callId}`)),
      (text) => {
        said.push(text);
        order.push(`said ${text.split(':')[0]}`);
      },
    );
    // Assess: every call's line reached the command's thread, each before its outcome
    expect(said.sort()).toEqual(calls.map((c) => `${c.callId}: transcribing (speech to text) 1/1\n`));
    for (const c of calls)
      expect(order.indexOf(`said ${c.callId}`)).toBeLessThan(order.indexOf(`done ${c.callId}`));
  });
});
