import { createHash } from 'node:crypto';
import { existsSync, type FSWatcher, readdirSync, statSync, watch } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CopySettle, DEFAULT_COPY_QUIET_MS } from '../../adapters/local/drop-settle.js';
import { checkDropFolder } from '../drop-folder.js';
import { debriefCommand, shownFolder } from '../hints.js';
import { printable } from '../render-table.js';
import { type RunOptions, type RunSummary, runDrop } from './run.js';

export interface WatchOptions extends RunOptions {
  /** Quiet time after the last file event before a batch runs (files of one call arrive together). */
  settleMs?: number;
  /**
   * A call whose file is cut short (or still growing) and changed less than this long ago is
   * still being copied: held back, looked at again, and run once the file has been this quiet
   * (default DEFAULT_COPY_QUIET_MS).
   */
  copyQuietMs?: number;
  onBatch?: (summary: RunSummary) => void;
  /** A batch that could not run at all (told, then the watch goes on). */
  onBatchError?: (error: Error) => void;
  /**
   * The watch stopped by itself: its post-processors cannot run (two of one name), and it cannot
   * load them again once fixed (told, the watch closed; the CLI exits 1).
   */
  onStop?: (error: Error) => void;
  /**
   * The post-processors' source folder whose changes the watch tells of (default: the
   * repository's post-processors/, see postProcessorsSource).
   */
  postProcessorsDir?: string;
}

export interface DropWatcher {
  close(): Promise<void>;
  /** Resolves when no batch is running or pending. */
  idle(): Promise<void>;
}

const RETRY_WATCH_MS = 2000;

/**
 * The repository's post-processors/ (the TypeScript sources, index.ts among them): found upwards
 * from this module, which runs from cli/commands/ under the tests and from dist/cli/commands/
 * when compiled (dist/post-processors/ holds the compiled copy, not the sources a developer edits).
 */
const postProcessorsSource = (): string | undefined => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'post-processors');
    if (existsSync(join(candidate, 'index.ts'))) return candidate;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
};

/**
 * What the post-processors' source folder holds now: its files' names, sizes and modification
 * times (symbolic links followed), hashed. Stats only, no file read: it is polled every second in
 * the process that runs the calls, and a folder may hold more than sources (node_modules/ is
 * skipped, as hidden names are).
 */
const sourceFingerprint = (dir: string | undefined): string => {
  if (dir === undefined) return '';
  const hash = createHash('sha256');
  try {
    // Walked by hand: Dirent.parentPath (recursive readdir) is Node 20.12+, and 20.10 is supported.
    const files: string[] = [];
    const walk = (folder: string) => {
      for (const name of readdirSync(folder)) {
        if (name.startsWith('.') || name === 'node_modules') continue;
        const path = join(folder, name);
        const s = statSync(path, { throwIfNoEntry: false });
        if (s?.isDirectory()) walk(path);
        else if (s?.isFile()) files.push(`${relative(dir, path)}\0${s.size}\0${s.mtimeMs}`);
      }
    };
    walk(dir);
    files.sort();
    for (const file of files) hash.update(`${file}\n`);
  } catch {
    hash.update('unreadable');
  }
  return hash.digest('hex');
};

/**
 * `debrief watch`: the local stand-in for the S3 event trigger. Every burst of file events runs
 * the folder again; unchanged calls are skipped by their content-named executions, so only new
 * or changed calls (a late CTR, a re-upload) go through the workflow. Nothing stops it but
 * Ctrl-C: a file that cannot be read quarantines its call, a batch that fails as a whole (the
 * folder vanished, the disk is full) is reported and the next file event runs a new one, and if
 * the folder itself goes away the watch waits for it to come back. A folder that does not exist
 * at the start is an error (DebriefError), not created. A copy of another call's recording
 * (quarantined) runs once that call lets go of it: by a file event, or, after `debrief forget`
 * in another process, by the change to the home's execution records.
 */
export const watchDrop = (options: WatchOptions): DropWatcher => {
  const err = options.err ?? process.stderr;
  // Never created: a typo, or the default run from the wrong directory, would be watched, empty,
  // for ever. A folder that goes away once watched is waited for (below).
  checkDropFolder('watch', options.dir, options.home);
  const settleMs = options.settleMs ?? 1500;
  let timer: NodeJS.Timeout | undefined;
  let rewatch: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let pending = false;
  let closed = false;
  let watcher: FSWatcher | undefined;
  let watchedIno: number | undefined;
  const copySettle: CopySettle = { quietMs: options.copyQuietMs ?? DEFAULT_COPY_QUIET_MS, sizes: new Map() };
  // Calls said to be waiting for their file, or for their recording: said once, until they run.
  const announced = new Set<string>();
  const announcedAwaiting = new Set<string>();
  // A folder with no call yet is said once (until calls come and go again), not per batch.
  let saidEmpty = false;
  // The folder's standing notices, said by the batch that first sees them (run.ts quietRepeats).
  const quietRepeats: { last: ReadonlySet<string> } = { last: new Set<string>() };
  // The post-processors are loaded once per process (a module is not imported again): a watch
  // runs every batch with those it started with. An edit of their source is told once (until
  // the source is back as it was), with how to use it.
  const processorsDir = options.postProcessorsDir ?? postProcessorsSource();
  const startedWith = sourceFingerprint(processorsDir);
  let saidProcessorsChanged = false;
  const checkProcessors = () => {
    const changed = sourceFingerprint(processorsDir) !== startedWith;
    if (changed && !saidProcessorsChanged)
      err.write(
        `notice: ${printable(shownFolder(processorsDir ?? 'post-processors'))}/ changed since this watch started: the running watch keeps the post-processors it started with for every call it runs; to use the new ones, restart it (Ctrl-C, then the same command). Calls it already ran keep their results until run again: ${debriefCommand(['run', shownFolder(options.dir), '--reprocess'], options.home)}\n`,
      );
    saidProcessorsChanged = changed;
  };
  const inode = (): number | undefined => {
    try {
      return statSync(options.dir).ino;
    } catch {
      return undefined;
    }
  };
  // A watch on a folder that was deleted (and maybe created again) hears nothing more and says
  // nothing: check the folder is still the one being watched.
  // Copies of another call's recording wait, quarantined, until that call lets go of it, which
  // `debrief forget <call>` in another process does without a file event in the folder: while
  // copies wait, a change to the home's execution records made outside a batch runs one.
  const copies = new Set<string>();
  const ledger = join(resolve(options.home), 'executions');
  const ledgerStamp = (): number => {
    try {
      return statSync(ledger).mtimeMs;
    } catch {
      return -1;
    }
  };
  let stamp = ledgerStamp();
  let batchRunning = false;
  const check = setInterval(() => {
    if (!closed) checkProcessors();
    if (!closed && watcher && inode() !== watchedIno) restart();
    if (!closed && copies.size > 0 && !batchRunning && !pending && ledgerStamp() !== stamp) {
      stamp = ledgerStamp();
      schedule(0);
    }
  }, RETRY_WATCH_MS / 2);
  check.unref();

  const runBatch = () => {
    pending = false;
    running = running.then(async () => {
      if (stopped) return;
      batchRunning = true;
      checkProcessors();
      try {
        // Not `options.onBatch?.(await runDrop(options))`: optional chaining would skip the run
        // itself when nobody listens for the summary (the CLI).
        const summary = await runDrop({
          onlyChangedCalls: true,
          awaitRecordings: true,
          resumeWith: 'watch',
          ...options,
          copySettle,
          quietRepeats,
        });
        for (const id of [...announced])
          if (!summary.waiting.some((w) => w.callId === id)) announced.delete(id);
        for (const w of summary.waiting) {
          if (announced.has(w.callId)) continue;
          announced.add(w.callId);
          err.write(
            `waiting: ${printable(w.callId)}: ${printable(w.file)} is still being copied; the call runs once it has not changed for ${copySettle.quietMs / 1000} s\n`,
          );
        }
        for (const id of [...announcedAwaiting])
          if (!summary.awaiting.some((a) => a.callId === id)) announcedAwaiting.delete(id);
        for (const a of summary.awaiting) {
          if (announcedAwaiting.has(a.callId)) continue;
          announcedAwaiting.add(a.callId);
          const id = printable(a.callId);
          err.write(
            `waiting: ${id}: ${a.files.map(printable).join(' and ')} came without a recording or transcript; the call runs when ${id}.wav (or .opus, .ogg, .flac, .mp3) or ${id}.tca.json lands\n`,
          );
        }
        for (const c of summary.calls) {
          if (c.outcome === 'quarantined' && c.error?.name === 'DuplicateRecordingError')
            copies.add(c.callId);
          else if (c.outcome !== 'unchanged') copies.delete(c.callId);
        }
        const empty =
          summary.calls.length === 0 && summary.waiting.length === 0 && summary.awaiting.length === 0;
        if (empty && !saidEmpty)
          err.write(`no calls in ${printable(options.dir)} yet: each call runs when its files land there\n`);
        saidEmpty = empty;
        // Look again when the file will have been quiet for the window, even if no event comes.
        if (summary.waiting.length > 0)
          schedule(Math.max(50, Math.min(...summary.waiting.map((w) => w.quietInMs)) + 50));
        options.onBatch?.(summary);
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        if (e.name === 'PostProcessorNameError') {
          // The watch loaded its post-processors when it started and cannot load them again: every
          // batch would fail the same way after the fix. It stops, as run does.
          err.write(
            `error: ${printable(e.message)}; watch stopped (a running watch does not load post-processors again): fix it, then start the watch again (the same command)\n`,
          );
          stop();
          options.onStop?.(e);
          return;
        }
        err.write(`error: this batch could not run (${printable(e.message)}); waiting for the next change\n`);
        options.onBatchError?.(e);
        // The folder itself went away: its watcher is dead; watch for it to come back.
        if (!existsSync(options.dir)) restart();
      } finally {
        stamp = ledgerStamp();
        batchRunning = false;
      }
    });
  };
  const schedule = (delayMs = settleMs) => {
    if (closed) return;
    pending = true;
    clearTimeout(timer);
    timer = setTimeout(runBatch, delayMs);
  };
  const restart = () => {
    watcher?.close();
    watcher = undefined;
    clearTimeout(rewatch);
    rewatch = setTimeout(start, RETRY_WATCH_MS);
  };
  const start = () => {
    if (closed) return;
    watchedIno = inode();
    if (watchedIno === undefined) {
      rewatch = setTimeout(start, RETRY_WATCH_MS);
      return;
    }
    try {
      watcher = watch(options.dir, { recursive: true }, (_event, name) => {
        // Not under a hidden name at any depth: the default home (.debrief) inside a watched
        // folder (`watch .`) is written by every batch, which would schedule the next for ever.
        if (
          name &&
          !String(name)
            .split(/[\\/]/)
            .some((part) => part.startsWith('.'))
        )
          schedule();
      });
    } catch {
      rewatch = setTimeout(start, RETRY_WATCH_MS);
      return;
    }
    watcher.on('error', (error) => {
      err.write(`notice: watching ${options.dir} stopped (${printable(error.message)}); watching again\n`);
      restart();
    });
    // A new watch may have missed files that landed while there was none: run once now.
    schedule();
  };
  // Stopped by itself (onStop): a batch queued behind the one that stopped it does not run.
  let stopped = false;
  const stop = () => {
    stopped = true;
    closed = true;
    pending = false;
    clearInterval(check);
    watcher?.close();
    clearTimeout(timer);
    clearTimeout(rewatch);
  };
  start();
  return {
    async close() {
      stop();
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
