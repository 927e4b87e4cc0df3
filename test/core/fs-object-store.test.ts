import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FsObjectStore, TMP_DIR } from '../../adapters/local/fs-object-store.js';
import { tempDir } from '../helpers/paths.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('FsObjectStore: folders made only when missing', () => {
  it('puts into new nested folders and existing ones, leaving no temporary file', async () => {
    // Prepare
    const home = tempDir('fs-store');
    const store = new FsObjectStore(home);
    // Act
    await store.put('a/b/c/one.json', '1');
    await store.put('a/b/c/two.json', '2');
    await store.put('top.json', 'top');
    // Assess
    expect(text(await store.get('a/b/c/one.json'))).toBe('1');
    expect(text(await store.get('a/b/c/two.json'))).toBe('2');
    expect(readFileSync(join(home, 'top.json'), 'utf8')).toBe('top');
    expect(readdirSync(join(home, TMP_DIR))).toEqual([]);
  });

  it('writes again after its temporary folder was removed under it', async () => {
    // Prepare
    const home = tempDir('fs-store');
    const store = new FsObjectStore(home);
    await store.put('x/first.json', 'first');
    rmSync(join(home, TMP_DIR), { recursive: true });
    // Act
    await store.put('x/second.json', 'second');
    rmSync(join(home, TMP_DIR), { recursive: true });
    const etag = await store.putIfAbsent('y/lease.json', 'held');
    rmSync(join(home, TMP_DIR), { recursive: true });
    const tmp = await store.temporaryPath();
    await store.writeTemporaryBytes(tmp, new TextEncoder().encode('staged'));
    await store.publishTemporary(tmp, 'inbox/z.json');
    // Assess
    expect(text(await store.get('x/second.json'))).toBe('second');
    expect(etag).not.toBeNull();
    expect(text(await store.get('inbox/z.json'))).toBe('staged');
  });

  it('putIfAbsent makes the folder once and refuses an existing name', async () => {
    // Prepare
    const home = tempDir('fs-store');
    const store = new FsObjectStore(home);
    // Act
    const first = await store.putIfAbsent('leases/c1/lease.json', 'a');
    const second = await store.putIfAbsent('leases/c1/lease.json', 'b');
    // Assess
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    expect(text(await store.get('leases/c1/lease.json'))).toBe('a');
    expect(existsSync(join(home, TMP_DIR))).toBe(true);
    expect(readdirSync(join(home, TMP_DIR))).toEqual([]);
  });

  it('writes exactly the bytes given: text as UTF-8, a view of a larger buffer, a large body, the time asked', async () => {
    // Prepare
    const home = tempDir('fs-store');
    const store = new FsObjectStore(home);
    const words = 'café — naïve 😀 "quoted"\n';
    const large = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 31) % 251);
    const backing = new Uint8Array([9, 9, 65, 66, 67, 9]);
    const when = new Date('2026-03-03T10:00:00.000Z');
    // Act
    await store.put('t/text.json', words);
    await store.put('t/large.bin', large);
    await store.put('t/view.bin', backing.subarray(2, 5));
    const tmp = await store.temporaryPath();
    await store.writeTemporaryBytes(tmp, large, when);
    await store.publishTemporary(tmp, 'inbox/large.bin');
    // Assess
    expect(readFileSync(join(home, 't/text.json'))).toEqual(Buffer.from(words, 'utf8'));
    expect(readFileSync(join(home, 't/large.bin')).equals(Buffer.from(large))).toBe(true);
    expect(readFileSync(join(home, 't/view.bin'), 'utf8')).toBe('ABC');
    expect(readFileSync(join(home, 'inbox/large.bin')).equals(Buffer.from(large))).toBe(true);
    expect(statSync(join(home, 'inbox/large.bin')).mtime.toISOString()).toBe(when.toISOString());
    expect(readdirSync(join(home, TMP_DIR))).toEqual([]);
  });

  it('writes text as Buffer.from would encode it: one- and two-byte strings, astral and lone surrogates, 300 kB, empty', async () => {
    // Prepare
    const home = tempDir('fs-store');
    const store = new FsObjectStore(home);
    const bodies = [
      '',
      '{"plain":"ascii"}',
      'caf\u00e9 na\u00efve',
      'account access \u2014 code not received',
      'emoji \ud83d\ude00 and CJK \u901a\u8bdd',
      'lone \ud800 high, lone \udc00 low, reversed \udc00\ud800',
      `${'x'.repeat(150_000)}\u2014${'y'.repeat(150_000)}`,
    ];
    // Act
    for (const [i, body] of bodies.entries()) await store.put(`t/${i}.json`, body);
    const lease = await store.putIfAbsent('t/lease.json', bodies[3]!);
    // Assess
    for (const [i, body] of bodies.entries())
      expect(readFileSync(join(home, `t/${i}.json`)).equals(Buffer.from(body, 'utf8'))).toBe(true);
    expect(readFileSync(join(home, 't/lease.json')).equals(Buffer.from(bodies[3]!, 'utf8'))).toBe(true);
    expect(lease).not.toBeNull();
    expect(readdirSync(join(home, TMP_DIR))).toEqual([]);
  });

  it('many text writes in flight at once (the kept buffer growing meanwhile) each write their own text (review20)', async () => {
    // Prepare
    const textOf = (i: number, units: number): string => {
      const head = `{"i":${i},"s":"\u2014\u00e9\ud83d\ude00`;
      const fill = String.fromCharCode(0x41 + (i % 26), 0x4e00 + (i % 500));
      return `${head}${fill.repeat(Math.max(0, Math.floor((units - head.length) / 2)))}"}`;
    };
    const home = tempDir('fs-store');
    const store = new FsObjectStore(home);
    const sizes = Array.from({ length: 120 }, (_, i) => [10, 1_000, 40_000, 120_000, 400_000][(i * 7) % 5]!);
    sizes[60] = (1 << 20) + 5;
    const texts = sizes.map((n, i) => textOf(i, n));
    // Act
    await Promise.all(
      texts.map((t, i) => (i % 3 === 0 ? store.putIfAbsent(`b/${i}.json`, t) : store.put(`b/${i}.json`, t))),
    );
    // Assess
    const wrong = texts.filter(
      (t, i) => !readFileSync(join(home, `b/${i}.json`)).equals(Buffer.from(t, 'utf8')),
    );
    expect(wrong.length).toBe(0);
    expect(readdirSync(join(home, TMP_DIR))).toEqual([]);
  });
});

describe('FsObjectStore.copy: a second name, not a second copy', () => {
  it("keeps an object's bytes under another key on one inode, parted when either is written again or removed (a quarantined call's inputs were a second copy of each, read whole into memory)", async () => {
    // Prepare
    const home = tempDir('fs-store-copy');
    const store = new FsObjectStore(home);
    await store.put('inbox/b.wav', 'the recording');
    await store.put('quarantine/b/inputs/b.wav', 'an earlier kept one');
    // Act
    await store.copy('inbox/b.wav', 'quarantine/b/inputs/b.wav');
    await store.copy('inbox/b.wav', 'quarantine/b/inputs/b.wav'); // again: already that file
    const kept = statSync(join(home, 'quarantine/b/inputs/b.wav'));
    const source = statSync(join(home, 'inbox/b.wav'));
    await store.put('inbox/b.wav', 'dropped again');
    const afterPut = text(await store.get('quarantine/b/inputs/b.wav'));
    await store.delete('inbox/b.wav');
    const missing = await store.copy('inbox/b.wav', 'elsewhere.wav').then(
      () => null,
      (error: Error) => error.name,
    );
    // Assess
    expect(kept.ino).toBe(source.ino);
    expect(kept.nlink).toBe(2);
    expect(afterPut).toBe('the recording');
    expect(text(await store.get('quarantine/b/inputs/b.wav'))).toBe('the recording');
    expect(missing).toBe('ObjectNotFoundError');
    expect(existsSync(join(home, 'elsewhere.wav'))).toBe(false);
    expect(readdirSync(join(home, TMP_DIR))).toEqual([]);
  });
});
