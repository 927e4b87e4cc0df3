import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/paths.js';

/** A hook run right after the store opens a lease for reading: another process replaces it there. */
const hook = vi.hoisted(() => ({ afterOpen: null as null | ((path: string) => void) }));
vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  const openSync = ((...args: Parameters<typeof real.openSync>) => {
    const fd = real.openSync(...args);
    const run = hook.afterOpen;
    if (run && String(args[0]).includes('state/leases/')) {
      hook.afterOpen = null;
      run(String(args[0]));
    }
    return fd;
  }) as typeof real.openSync;
  return { ...real, default: { ...real, openSync }, openSync };
});

const NOW = '2026-03-02T10:00:00.000Z';

describe('lease reads against a replace (review20: the one-open read takes version and bytes from the same file)', () => {
  it('a rename-replace between open and fstat: the old version and its bytes, a delete of it refused, the new one kept', async () => {
    // Prepare
    const { FsObjectStore } = await import('../../adapters/local/fs-object-store.js');
    const home = tempDir('lease-replace');
    const store = new FsObjectStore(home);
    const key = 'state/leases/c1.json';
    await store.putIfAbsent(key, '{"token":"old","acquiredAt":"x","expiresAt":"y"}');
    const replacement = '{"token":"new","acquiredAt":"x","expiresAt":"y"}'; // same size
    hook.afterOpen = (path) => {
      mkdirSync(join(home, 'scratch'), { recursive: true });
      writeFileSync(join(home, 'scratch/t'), replacement);
      renameSync(join(home, 'scratch/t'), path);
    };
    // Act
    const read = await store.readCurrent(key);
    const deleted = await store.deleteVersion(key, read!.etag);
    const now = await store.readCurrent(key);
    // Assess
    expect(new TextDecoder().decode(read!.bytes)).toContain('"old"');
    expect(deleted).toBe('changed');
    expect(readFileSync(join(home, key), 'utf8')).toBe(replacement);
    expect(now!.etag).not.toBe(read!.etag);
    expect(await store.deleteVersion(key, now!.etag)).toBe('deleted');
  });

  it('an expired lease taken over by a rival while read: the rival keeps it, this claim waits', async () => {
    // Prepare
    const { FsObjectStore } = await import('../../adapters/local/fs-object-store.js');
    const { WorkingMemoryStore } = await import('../../adapters/local/working-memory.js');
    const { acquireCallLease, liveLeaseToken, LEASE_TTL_MS } = await import('../../core/call-lease.js');
    const store = new WorkingMemoryStore(new FsObjectStore(tempDir('lease-replace')), 'work');
    const later = new Date(Date.parse(NOW) + LEASE_TTL_MS + 1000).toISOString();
    await acquireCallLease(store, 'c1', 'dead', NOW);
    const rivalBody = JSON.stringify({
      token: 'rival',
      acquiredAt: later,
      expiresAt: new Date(Date.parse(later) + LEASE_TTL_MS).toISOString(),
    });
    hook.afterOpen = (path) => {
      unlinkSync(path);
      writeFileSync(`${path}.rival`, rivalBody);
      linkSync(`${path}.rival`, path);
      unlinkSync(`${path}.rival`);
    };
    // Act
    const claim = await acquireCallLease(store, 'c1', 'me', later);
    // Assess
    expect(claim).toEqual({ acquired: false, heldSince: later });
    expect(await liveLeaseToken(store, 'c1', later)).toBe('rival');
  });
});
