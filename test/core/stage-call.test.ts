import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import { stageCall } from '../../adapters/local/local-drop.js';
import { WorkingMemoryStore } from '../../adapters/local/working-memory.js';
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

describe('stageCall with a sidecar holder (a batch run: its working memory)', () => {
  it('holds the CTR and recording metadata from publish to release, writes no copy of them, and the steps read them through the memory', async () => {
    // Prepare: a call with a transcript, a CTR and recording metadata; a stale CTR copy left in
    // the inbox by an earlier run killed mid-call
    const drop = tempDir('stage-drop');
    const home = tempDir('stage-home');
    const store = new FsObjectStore(home);
    const memory = new WorkingMemoryStore(store, 'work');
    writeFileSync(join(drop, 'c1.tca.json'), '{"Transcript":[]}');
    writeFileSync(join(drop, 'c1.ctr.json'), '{"conversationId":"c1"}');
    writeFileSync(join(drop, 'c1.recording.json'), '{"id":"r1"}');
    await store.put('inbox/c1.ctr.json', '{"conversationId":"stale"}');
    const withMetadata = { ...call, recording: 'c1.recording.json' };
    const text = async (key: string) => new TextDecoder().decode(await memory.get(key));
    // Act
    const staged = await stageCall(drop, withMetadata, store, memory);
    const beforePublish = await memory.exists('inbox/c1.recording.json');
    await staged.publish();
    const whileRunning = {
      ctr: await text('inbox/c1.ctr.json'),
      recording: await text('inbox/c1.recording.json'),
      transcript: await text('inbox/c1.tca.json'),
    };
    const inboxWhileRunning = readdirSync(join(home, 'inbox')).sort();
    const staleWhileRunning = readFileSync(join(home, 'inbox/c1.ctr.json'), 'utf8');
    await staged.releaseSidecars();
    // Assess: the transcript is published as without a holder, the sidecars only held
    expect(beforePublish).toBe(false);
    expect(whileRunning).toEqual({
      ctr: '{"conversationId":"c1"}',
      recording: '{"id":"r1"}',
      transcript: '{"Transcript":[]}',
    });
    expect(inboxWhileRunning).toEqual(['c1.ctr.json', 'c1.tca.json']);
    expect(staleWhileRunning).toBe('{"conversationId":"stale"}');
    expect(readdirSync(join(home, 'inbox'))).toEqual(['c1.tca.json']);
    expect(await memory.exists('inbox/c1.ctr.json')).toBe(false);
    expect(memory.size).toBe(0);
    // The execution's name reads the same bytes as without a holder.
    const plain = await stageCall(drop, withMetadata, new FsObjectStore(tempDir('stage-home')));
    expect(staged.executionName).toBe(plain.executionName);
    await plain.discard();
  });
});
