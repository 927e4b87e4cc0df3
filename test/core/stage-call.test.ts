import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import { stageCall } from '../../adapters/local/local-drop.js';
import { tempDir } from '../helpers/paths.js';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A call of a transcript and a CTR. */
const call = { callId: 'c1', transcript: 'c1.tca.json', audio: null, ctr: 'c1.ctr.json', recording: null };

describe('stageCall', () => {
  it('copies small files (one read) and large ones (streamed) byte for byte, with their times, named by content', async () => {
    // Prepare: a small CTR and a transcript over the one-read limit (8 MiB)
    const drop = tempDir('stage-drop');
    const big = `{"pad":"${'x'.repeat(9 * 1024 ** 2)}"}`;
    writeFileSync(join(drop, 'c1.tca.json'), big);
    writeFileSync(join(drop, 'c1.ctr.json'), '{"conversationId":"c1"}');
    const when = new Date('2026-03-02T10:00:00.000Z');
    utimesSync(join(drop, 'c1.tca.json'), when, when);
    utimesSync(join(drop, 'c1.ctr.json'), when, when);
    const stage = async () => {
      const home = tempDir('stage-home');
      const staged = await stageCall(drop, call, new FsObjectStore(home));
      await staged.publish();
      return { home, staged };
    };
    // Act
    const first = await stage();
    const second = await stage();
    writeFileSync(join(drop, 'c1.ctr.json'), '{"conversationId":"c2"}');
    const changed = await stage();
    // Assess
    for (const name of ['c1.tca.json', 'c1.ctr.json']) {
      const copy = join(first.home, 'inbox', name);
      expect(sha(readFileSync(copy))).toBe(sha(readFileSync(join(second.home, 'inbox', name))));
      expect(statSync(copy).mtime.toISOString()).toBe(when.toISOString());
    }
    expect(readFileSync(join(first.home, 'inbox/c1.tca.json'), 'utf8')).toBe(big);
    expect(first.staged.input.keys).toEqual({
      transcript: 'inbox/c1.tca.json',
      audio: null,
      ctr: 'inbox/c1.ctr.json',
      recording: null,
    });
    expect(second.staged.executionName).toBe(first.staged.executionName);
    expect(changed.staged.executionName).not.toBe(first.staged.executionName);
  });

  it('leaves in place an inbox copy that already has the bytes and time (a reprocess), and replaces one that differs', async () => {
    // Prepare: a call staged and published once into a home
    const drop = tempDir('stage-drop');
    const home = tempDir('stage-home');
    const store = new FsObjectStore(home);
    const when = new Date('2026-03-02T10:00:00.000Z');
    const write = (name: string, text: string, at = when) => {
      writeFileSync(join(drop, name), text);
      utimesSync(join(drop, name), at, at);
    };
    write('c1.tca.json', '{"t":1}');
    write('c1.ctr.json', '{"conversationId":"c1"}');
    const first = await stageCall(drop, call, store);
    await first.publish();
    const inode = (name: string) => statSync(join(home, 'inbox', name)).ino;
    const before = { tca: inode('c1.tca.json'), ctr: inode('c1.ctr.json') };
    // Act: the same inputs again; then the CTR with other bytes, and the transcript with another time
    const again = await stageCall(drop, call, store);
    const temporaries = readdirSync(join(home, '.tmp')).length;
    await again.publish();
    const kept = { tca: inode('c1.tca.json'), ctr: inode('c1.ctr.json') };
    write('c1.ctr.json', '{"conversationId":"c2"}');
    write('c1.tca.json', '{"t":1}', new Date('2026-03-03T10:00:00.000Z'));
    const changed = await stageCall(drop, call, store);
    await changed.publish();
    // Assess: nothing copied the second time, the same execution; the changed files replaced
    expect(temporaries).toBe(0);
    expect(kept).toEqual(before);
    expect(again.executionName).toBe(first.executionName);
    expect(again.input).toEqual(first.input);
    expect(inode('c1.ctr.json')).not.toBe(before.ctr);
    expect(readFileSync(join(home, 'inbox/c1.ctr.json'), 'utf8')).toBe('{"conversationId":"c2"}');
    expect(inode('c1.tca.json')).not.toBe(before.tca);
    expect(statSync(join(home, 'inbox/c1.tca.json')).mtime.toISOString()).toBe('2026-03-03T10:00:00.000Z');
    expect(changed.executionName).not.toBe(first.executionName);
  });
});
