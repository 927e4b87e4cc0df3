import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CALL_STATE_PREFIX } from '../../core/call-lease.js';
import { classifyDropFile } from '../../core/drop.js';
import { objectName } from '../../core/object-names.js';
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

/**
 * Inputs kept for re-drive (quarantine/<call>/inputs/) are deleted once their quarantine is
 * older than the retention; the error report stays. They may hold caller numbers (a raw CTR).
 */
export const purgeQuarantinedInputs = async (
  store: FsObjectStore,
  quarantinePrefix: string,
  keepDays: number,
  now: Date,
): Promise<number> => {
  const cutoff = now.getTime() - keepDays * 24 * 60 * 60 * 1000;
  let purged = 0;
  for (const key of await store.list(`${quarantinePrefix}/`)) {
    if (!key.endsWith('/error.json')) continue;
    const folder = key.slice(0, -'error.json'.length);
    let at = Number.NaN;
    try {
      at = Date.parse(JSON.parse(new TextDecoder().decode(await store.get(key))).quarantinedAt);
    } catch {
      at = Date.parse((await store.head(key)).lastModified);
    }
    if (Number.isFinite(at) && at < cutoff) purged += await removeAll(store, `${folder}inputs/`);
  }
  return purged;
};
