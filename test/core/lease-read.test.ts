import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import { WorkingMemoryStore } from '../../adapters/local/working-memory.js';
import {
  acquireCallLease,
  LEASE_TTL_MS,
  liveLeaseToken,
  readStateObject,
  releaseCallLease,
} from '../../core/call-lease.js';
import { MemoryObjectStore } from '../helpers/memory-store.js';
import { tempDir } from '../helpers/paths.js';

const NOW = '2026-03-02T10:00:00.000Z';
const LATER = new Date(Date.parse(NOW) + LEASE_TTL_MS + 1000).toISOString();

/** A home whose leases folder holds `n` leases of other calls (runs that died mid-call). */
const homeWithLeftovers = async (n: number) => {
  const home = tempDir('lease-read');
  const store = new FsObjectStore(home);
  for (let i = 0; i < n; i++) await acquireCallLease(store, `left-${i}`, `dead-${i}`, NOW);
  return { home, store };
};

describe('lease reads: one exact read, whatever else the leases folder holds', () => {
  it('claims, reads and releases a call without listing the folder (50 leases left beside it)', async () => {
    // Prepare
    const { store } = await homeWithLeftovers(50);
    const memory = new WorkingMemoryStore(store, 'work');
    const listed = vi.spyOn(store, 'list');
    // Act
    const claim = await acquireCallLease(memory, 'c1', 'tok-1', NOW);
    const rival = await acquireCallLease(memory, 'c1', 'tok-2', NOW);
    const holder = await liveLeaseToken(memory, 'c1', NOW);
    await releaseCallLease(memory, 'c1', 'tok-2');
    const stillHeld = await liveLeaseToken(memory, 'c1', NOW);
    await releaseCallLease(memory, 'c1', 'tok-1');
    const afterRelease = await liveLeaseToken(memory, 'c1', NOW);
    // Assess
    expect(claim).toEqual({ acquired: true });
    expect(rival).toEqual({ acquired: false, heldSince: NOW });
    expect(holder).toBe('tok-1');
    expect(stillHeld).toBe('tok-1');
    expect(afterRelease).toBeNull();
    expect(listed).not.toHaveBeenCalled();
    expect((await store.list('state/leases/')).length).toBe(50);
  });

  it('takes over an expired lease and one nobody can read, as before', async () => {
    // Prepare
    const { home, store } = await homeWithLeftovers(3);
    mkdirSync(join(home, 'state/leases'), { recursive: true });
    writeFileSync(join(home, 'state/leases/torn.json'), '{"token":');
    // Act
    const expired = await acquireCallLease(store, 'left-1', 'new-owner', LATER);
    const torn = await acquireCallLease(store, 'torn', 'new-owner', NOW);
    // Assess
    expect(expired).toEqual({ acquired: true });
    expect(torn).toEqual({ acquired: true });
    expect(await liveLeaseToken(store, 'left-1', LATER)).toBe('new-owner');
    expect(await liveLeaseToken(store, 'torn', NOW)).toBe('new-owner');
    expect(await liveLeaseToken(store, 'left-0', NOW)).toBe('dead-0');
  });

  it('reads what the listing read: the same etag, body and answer for absent, unreadable and folder keys', async () => {
    // Prepare
    const { home, store } = await homeWithLeftovers(2);
    writeFileSync(join(home, 'state/leases/bad.json'), 'not json');
    mkdirSync(join(home, 'state/leases/dir.json'));
    const listing = {
      listVersions: store.listVersions.bind(store),
      getVersion: store.getVersion.bind(store),
    } as unknown as FsObjectStore;
    const keys = ['left-0', 'left-1', 'bad', 'dir', 'absent'].map((c) => `state/leases/${c}.json`);
    // Act
    const exact = await Promise.all(keys.map((k) => readStateObject(store, k)));
    const listed = await Promise.all(keys.map((k) => readStateObject(listing, k)));
    const deleted = await store.deleteVersion(keys[0]!, exact[0]!.etag);
    // Assess
    expect(exact).toEqual(listed);
    expect(exact.map((e) => e === null)).toEqual([false, false, false, true, true]);
    expect(exact[2]!.body).toBeNull();
    expect(deleted).toBe('deleted');
  });

  it('a store without the exact read (S3, memory) still lists the key', async () => {
    // Prepare
    const store = new MemoryObjectStore();
    const listed = vi.spyOn(store, 'listVersions');
    // Act
    await acquireCallLease(store, 'c1', 'tok-1', NOW);
    await releaseCallLease(store, 'c1', 'tok-1');
    // Assess
    expect(listed).toHaveBeenCalled();
    expect(await liveLeaseToken(store, 'c1', NOW)).toBeNull();
  });
});
