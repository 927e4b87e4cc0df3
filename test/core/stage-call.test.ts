import { createHash } from 'node:crypto';
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import { stageCall } from '../../adapters/local/local-drop.js';
import { tempDir } from '../helpers/paths.js';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

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
    const call = {
      callId: 'c1',
      transcript: 'c1.tca.json',
      audio: null,
      ctr: 'c1.ctr.json',
      recording: null,
    };
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
});
