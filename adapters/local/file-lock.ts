import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rm, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { pidAlive } from './fs-object-store.js';

/**
 * An inter-process lock on one machine: a file created atomically (written in full, then
 * link(2)ed into place, which fails if the name exists) that names its holder.
 *
 * Why not proper-lockfile: it decides staleness by the lock's age alone, so after a kill -9 the
 * next run would have to wait out that period, and a holder whose event loop is busy for longer
 * (a huge call) would lose its lock. This one takes over a lock at once when its holder's pid is
 * gone from this host, and otherwise only when the holder stopped refreshing it for
 * STALE_AFTER_MS (another host on a shared folder, or a recycled pid).
 */
export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
  token: string;
}

export class LockBusyError extends Error {
  override name = 'LockBusyError' as const;
  constructor(
    readonly holder: LockHolder,
    what: string,
  ) {
    super(
      `${what} is in use by debrief ${holder.command} (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt})`,
    );
  }
}

export interface FileLock {
  readonly holder: LockHolder;
  release(): Promise<void>;
}

const HEARTBEAT_MS = 10_000;
export const STALE_AFTER_MS = 10 * 60_000;
const STEAL_MARKER_STALE_MS = 30_000;

const codeOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;

const readHolder = async (path: string): Promise<{ holder: LockHolder | null; mtimeMs: number } | null> => {
  try {
    const [text, s] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    let holder: LockHolder | null = null;
    try {
      const h = JSON.parse(text) as LockHolder;
      if (typeof h.pid === 'number' && typeof h.token === 'string') holder = h;
    } catch {
      holder = null;
    }
    return { holder, mtimeMs: s.mtimeMs };
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return null;
    throw error;
  }
};

const isStale = (found: { holder: LockHolder | null; mtimeMs: number }, now: number): boolean => {
  if (now - found.mtimeMs > STALE_AFTER_MS) return true;
  if (!found.holder) return now - found.mtimeMs > STEAL_MARKER_STALE_MS;
  return found.holder.host === hostname() && !pidAlive(found.holder.pid);
};

const tryCreate = async (path: string, holder: LockHolder): Promise<boolean> => {
  const tmp = `${path}.${holder.token}.tmp`;
  await writeFile(tmp, JSON.stringify(holder));
  try {
    await link(tmp, path);
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(tmp, { force: true });
  }
};

/**
 * Take over a dead holder's lock. Only the process that creates the steal marker for that
 * holder's token may remove the lock, so two waiters can never both take it over (one of them
 * removing the other's fresh lock).
 */
const steal = async (path: string, stale: LockHolder | null): Promise<void> => {
  const marker = `${path}.steal-${stale?.token ?? 'unreadable'}`;
  try {
    const handle = await open(marker, 'wx');
    await handle.close();
  } catch (error) {
    if (codeOf(error) !== 'EEXIST') throw error;
    const s = await stat(marker).catch(() => null);
    if (s && Date.now() - s.mtimeMs > STEAL_MARKER_STALE_MS) await rm(marker, { force: true });
    return;
  }
  try {
    const again = await readHolder(path);
    if (again && (again.holder?.token ?? null) === (stale?.token ?? null))
      await unlink(path).catch(() => undefined);
  } finally {
    await rm(marker, { force: true });
  }
};

export interface AcquireOptions {
  /** What the holder is doing, for the message another process shows (`run`, `compact`). */
  command: string;
  /** Wait for the holder to finish (default) or fail at once with LockBusyError. */
  wait?: boolean;
  /** Called once when the lock is busy and we start waiting. */
  onWait?: (holder: LockHolder | null) => void;
  /** Describes what is locked in messages. */
  what?: string;
  pollMs?: number;
}

export const acquireFileLock = async (path: string, options: AcquireOptions): Promise<FileLock> => {
  await mkdir(dirname(path), { recursive: true });
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command: options.command,
    startedAt: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  let told = false;
  for (;;) {
    if (await tryCreate(path, holder)) break;
    const found = await readHolder(path);
    if (!found) continue;
    if (isStale(found, Date.now())) {
      await steal(path, found.holder);
      continue;
    }
    if (options.wait === false && found.holder) throw new LockBusyError(found.holder, options.what ?? path);
    if (!told) {
      options.onWait?.(found.holder);
      told = true;
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
  }
  // Refresh the lock's time so a holder on another host (or a recycled pid) can be told from a dead one.
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(path, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    holder,
    async release() {
      clearInterval(heartbeat);
      const current = await readHolder(path);
      if (current?.holder?.token === holder.token) await unlink(path).catch(() => undefined);
    },
  };
};
