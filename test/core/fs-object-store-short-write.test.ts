import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/paths.js';

/**
 * write(2) may write less than it was given (a disk filling up): the store writes the rest, so a
 * text object is whole or its put throws. The first write of each text stops after 1,000 bytes.
 */
const fs = vi.hoisted(() => ({ shortWrites: 0 }));
vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  const writeSync = ((fd: number, data: unknown, ...rest: unknown[]) => {
    if (typeof data === 'string') {
      const bytes = Buffer.from(data, rest[1] as BufferEncoding);
      fs.shortWrites += 1;
      return real.writeSync(fd, bytes, 0, Math.min(1000, bytes.byteLength));
    }
    return (real.writeSync as (...args: unknown[]) => number)(fd, data, ...rest);
  }) as typeof real.writeSync;
  return { ...real, default: { ...real, writeSync }, writeSync };
});

describe('FsObjectStore: a short write', () => {
  it('writes the rest of a text body from where the write stopped', async () => {
    // Prepare
    const { FsObjectStore, TMP_DIR } = await import('../../adapters/local/fs-object-store.js');
    const home = tempDir('fs-store-short');
    const store = new FsObjectStore(home);
    const body = `{"summary":"account access \u2014 code not received ${'\u00e9\ud83d\ude00x'.repeat(2_000)}"}`;
    // Act
    await store.put('r/doc.json', body);
    await store.putIfAbsent('r/lease.json', body);
    // Assess
    expect(fs.shortWrites).toBe(2);
    expect(readFileSync(join(home, 'r/doc.json')).equals(Buffer.from(body, 'utf8'))).toBe(true);
    expect(readFileSync(join(home, 'r/lease.json')).equals(Buffer.from(body, 'utf8'))).toBe(true);
    expect(readdirSync(join(home, TMP_DIR))).toEqual([]);
  });
});
