import { type FSWatcher, mkdirSync, watch } from 'node:fs';
import { type RunOptions, type RunSummary, runDrop } from './run.js';

export interface WatchOptions extends RunOptions {
  /** Quiet time after the last file event before a batch runs (files of one call arrive together). */
  settleMs?: number;
  onBatch?: (summary: RunSummary) => void;
}

export interface DropWatcher {
  close(): Promise<void>;
  /** Resolves when no batch is running or pending. */
  idle(): Promise<void>;
}

/**
 * `debrief watch`: the local stand-in for the S3 event trigger. Every burst of file events runs
 * the folder again; unchanged calls are skipped by their content-named executions, so only new
 * or changed calls (a late CTR, a re-upload) go through the workflow.
 */
export const watchDrop = (options: WatchOptions): DropWatcher => {
  mkdirSync(options.dir, { recursive: true });
  const settleMs = options.settleMs ?? 1500;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let pending = false;
  const runBatch = () => {
    pending = false;
    running = running.then(async () => {
      const summary = await runDrop(options);
      options.onBatch?.(summary);
    });
  };
  const schedule = () => {
    pending = true;
    clearTimeout(timer);
    timer = setTimeout(runBatch, settleMs);
  };
  const watcher: FSWatcher = watch(options.dir, { recursive: true }, (_event, name) => {
    if (name && !String(name).split('/').pop()?.startsWith('.')) schedule();
  });
  schedule();
  return {
    async close() {
      watcher.close();
      clearTimeout(timer);
      await running;
    },
    async idle() {
      for (;;) {
        const current = running;
        await current;
        if (!pending && current === running) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
};
