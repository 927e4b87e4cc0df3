import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/paths.js';

/**
 * write(2) may write less than it was given (a disk filling up): the store writes the rest, so an
 * object is whole or its put throws. Here every write stops after 1,000 bytes.
 */
const fs = vi.hoisted(() => ({ shortWrites: 0 }));
vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  const writeSync = ((fd: number, data: Uint8Array, offset: number, length: number) => {
    if (length > 1000) fs.shortWrites += 1;
    return real.writeSync(fd, data, offset, Math.min(1000, length));
  }) as typeof real.writeSync;
  return { ...real, default: { ...real, writeSync }, writeSync };
});

describe('FsObjectStore: short writes', () => {
  it('writes the rest from where each write stopped: text, text past the shared buffer, bytes', async () => {
    // Prepare
    const { FsObjectStore, TMP_DIR } = await import('../../adapters/local/fs-object-store.js');
    const home = tempDir('fs-store-short');
    const store = new FsObjectStore(home);
    const text = `{"summary":"account access \u2014 code not received ${'\u00e9\ud83d\ude00x'.repeat(2_000)}"}`;
    const long = `${'\u2014'.repeat((1 << 20) + 1)}`;
    const bytes = new Uint8Array(10_000).map((_, i) => i % 251);
    // Act
    await store.put('r/doc.json', text);
    await store.putIfAbsent('r/lease.json', text);
    await store.put('r/long.txt', long);
    await store.put('r/bytes.bin', bytes);
    // Assess
    expect(fs.shortWrites).toBeGreaterThan(3000);
    expect(readFileSync(join(home, 'r/doc.json')).equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(readFileSync(join(home, 'r/lease.json')).equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(readFileSync(join(home, 'r/long.txt')).equals(Buffer.from(long, 'utf8'))).toBe(true);
    expect(readFileSync(join(home, 'r/bytes.bin')).equals(Buffer.from(bytes))).toBe(true);
    expect(readdirSync(join(home, TMP_DIR))).toEqual([]);
  });
});
