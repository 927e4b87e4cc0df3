import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CALL_STATE_PREFIX } from '../../core/call-lease.js';
import { classifyDropFile } from '../../core/drop.js';
import { objectName } from '../../core/object-names.js';
import { ExecutionLedger } from './execution-ledger.js';
import { type AcquireOptions, acquireFileLock, type FileLock } from './file-lock.js';
import type { FsObjectStore } from './fs-object-store.js';
import { prepareHome } from './home-folder.js';

/**
 * The concurrency model of a home (README "Concurrency"): one `run` (or `watch` batch) at a
 * time processes calls in a home, under this lock; `compact` takes its own lock, so it runs
 * beside a `run` exactly as the nightly compaction runs beside Lambdas on AWS; readers
 * (`query`, `dashboard`) take no lock.
 */
export const LOCK_DIR = '.locks';

/** Where a command says that its home is open to other users (stderr by default). */
type HomeLockOptions = AcquireOptions & { err?: { write(line: string): unknown } };

export const lockHome = (home: string, { err, ...options }: HomeLockOptions): Promise<FileLock> => {
  // The lock is the first thing a run or forget makes in the home: the home is made private here.
  prepareHome(home, err ? { err } : {});
  return acquireFileLock(join(home, LOCK_DIR, 'run.lock'), { what: `the debrief home ${home}`, ...options });
};

export const lockCompaction = (home: string, { err, ...options }: HomeLockOptions): Promise<FileLock> => {
  prepareHome(home, err ? { err } : {});
  return acquireFileLock(join(home, LOCK_DIR, 'compact.lock'), {
    what: `compaction of the debrief home ${home}`,
    ...options,
  });
};

/** Remove every key under a folder-like prefix, and the folder. */
const removeAll = async (store: FsObjectStore, prefix: string): Promise<number> => {
  const keys = await store.list(prefix);
  rmSync(store.pathOf(prefix), { recursive: true, force: true });
  return keys.length;
};

/**
 * CTR and recording-metadata copies in the inbox exist only while their call runs: they hold
 * caller numbers, and the drop folder still has the originals. Any left there were left by a
 * killed run. (Transcripts and audio stay: the workbench plays a call's recording from the home.)
 */
export const clearInbox = async (store: FsObjectStore): Promise<number> => {
  const sidecars = (await store.list('inbox/')).filter((key) => {
    const kind = classifyDropFile(key)?.kind;
    return kind === 'ctr' || kind === 'recording';
  });
  for (const key of sidecars) await store.delete(key);
  return sidecars.length;
};

/**
 * Call leases (core/call-lease.ts) guard one call against two executions at once, which on one
 * machine the home lock already rules out: a lease found by the run that holds the home lock was
 * left by a run that was killed, and would otherwise hold its call for a day.
 */
export const clearCallLeases = (store: FsObjectStore): Promise<number> =>
  removeAll(store, `${CALL_STATE_PREFIX}/leases/`);

/** A call's working documents from earlier executions (each execution has its own folder). */
export const clearWork = (store: FsObjectStore, workPrefix: string, callId: string): Promise<number> =>
  removeAll(store, `${workPrefix}/${objectName(callId)}/`);

/**
 * A call that lands after a quarantine: its quarantine report and kept input copies go (the
 * report would still say "quarantined", the copies may hold caller numbers). call_status keeps
 * the history.
 */
export const clearQuarantine = (
  store: FsObjectStore,
  quarantinePrefix: string,
  callId: string,
): Promise<number> => removeAll(store, `${quarantinePrefix}/${objectName(callId)}/`);

/** The home's inbox copies of calls' files (recordings, transcripts, sidecars), by call id (stem). */
const inboxCopies = async (store: FsObjectStore): Promise<Map<string, string[]>> => {
  const byCall = new Map<string, string[]>();
  for (const key of await store.list('inbox/')) {
    const stem = classifyDropFile(key)?.stem;
    if (stem !== undefined) byCall.set(stem, [...(byCall.get(stem) ?? []), key]);
  }
  return byCall;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Inputs kept for re-drive (quarantine/<call>/inputs/) are deleted once their quarantine is
 * older than the retention; the error report stays. They may hold caller numbers (a raw CTR).
 * So do the call's copies in `inbox/` (its recording and transcript, unredacted: the very files
 * the quarantine kept, as hard links): nothing reads them again (a re-drive stages the drop's
 * files afresh; which bytes a call was dropped with is kept as hashes in executions/). A rejected drop's report (the call keeps the results it landed
 * earlier) leaves the inbox alone: those copies are the landed call's, the workbench plays them.
 */
export const purgeQuarantinedInputs = async (
  store: FsObjectStore,
  quarantinePrefix: string,
  keepDays: number,
  now: Date,
): Promise<{ inputs: number; inbox: number }> => {
  const cutoff = now.getTime() - keepDays * DAY_MS;
  let inputs = 0;
  let inbox = 0;
  let copies: Map<string, string[]> | undefined;
  for (const key of await store.list(`${quarantinePrefix}/`)) {
    if (!key.endsWith('/error.json')) continue;
    const folder = key.slice(0, -'error.json'.length);
    let at = Number.NaN;
    let report: { callId?: unknown; rejected?: unknown } = {};
    try {
      report = JSON.parse(new TextDecoder().decode(await store.get(key)));
      at = Date.parse(String((report as { quarantinedAt?: unknown }).quarantinedAt));
    } catch {
      at = Date.parse((await store.head(key)).lastModified);
    }
    if (!Number.isFinite(at) || at >= cutoff) continue;
    inputs += await removeAll(store, `${folder}inputs/`);
    if (typeof report.callId !== 'string' || report.rejected !== undefined) continue;
    copies ??= await inboxCopies(store);
    for (const copy of copies.get(report.callId) ?? []) {
      await store.delete(copy);
      inbox += 1;
    }
    copies.delete(report.callId);
  }
  return { inputs, inbox };
};

/**
 * `--keep-inputs <days>` (opt-in; by default the inbox keeps them, as the bucket's `inbox/` on
 * AWS): the inbox copies of calls whose last run landed (processed or partial) more than `days`
 * ago (their execution record's time) are deleted. Nothing a run needs goes: a run, a
 * `--reprocess` and a watch read the drop folder, `unchanged` compares the drop's files with the
 * hash in the call's execution record, and a recording's transcript stays in transcripts/. What
 * goes is the original recording the workbench plays for a call that has no redacted one, and a
 * dropped transcript's only copy in the home (the drop folder keeps it; the review of the change). A call whose last run did not land is left alone
 * (quarantine retention above), so is a file that is no call's (the users and queues exports).
 */
export const purgeOldInputs = async (
  store: FsObjectStore,
  keepDays: number,
  now: Date,
): Promise<{ files: number; calls: number }> => {
  const cutoff = now.getTime() - keepDays * DAY_MS;
  let files = 0;
  let calls = 0;
  const ledger = new ExecutionLedger(store);
  for (const [callId, keys] of await inboxCopies(store)) {
    // A copy keeps its drop file's time, and a call lands after its files are staged: a copy
    // newer than the cutoff is of a call that landed after it (no record read; a watch does this
    // every batch).
    const newest = Math.max(
      ...keys.map((k) => statSync(store.pathOf(k), { throwIfNoEntry: false })?.mtimeMs ?? 0),
    );
    if (newest >= cutoff) continue;
    const last = await ledger.latest(callId).catch(() => null);
    // A rejected drop's call keeps what it landed (and its inbox copies are those): landed then.
    const landed = last?.outcome === 'succeeded' ? last.finishedAt : last?.keptResultsFrom?.finishedAt;
    if (landed === undefined || !(Date.parse(landed) < cutoff)) continue;
    for (const key of keys) await store.delete(key);
    files += keys.length;
    calls += 1;
  }
  return { files, calls };
};
