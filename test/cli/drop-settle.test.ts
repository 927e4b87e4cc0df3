import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CopySettle, stillCopying, unfinishedJson } from '../../adapters/local/drop-settle.js';
import type { DropCall } from '../../core/drop.js';
import { CTR_FIXTURE, TCA_FIXTURE, tempDir } from '../helpers/paths.js';

const transcriptCall = (stem: string): DropCall => ({
  callId: stem,
  transcript: `${stem}.tca.json`,
  audio: null,
  ctr: null,
  recording: null,
});

/** A file written just now, looked at once by a watch whose clock reads its mtime (age 0). */
const lookAt = async (text: string, sizes = new Map<string, number>()) => {
  const dir = tempDir('settle');
  const path = join(dir, 'x.tca.json');
  writeFileSync(path, text);
  const settle: CopySettle = { quietMs: 5000, sizes, now: () => statSync(path).mtimeMs };
  return stillCopying(dir, transcriptCall('x'), settle);
};

describe('watch: is a JSON file still being copied?', () => {
  it('every cut of a real transcript and record is unfinished; the whole file is not', () => {
    for (const file of [TCA_FIXTURE, CTR_FIXTURE]) {
      const text = readFileSync(file, 'utf8');
      expect(unfinishedJson(text)).toBe(false);
      // Every cut point of the first 3,000 characters (inside keys, strings, escapes, numbers,
      // literals), then every 7th one to the end.
      const cuts: number[] = [];
      for (let n = 1; n < text.trimEnd().length; n += n < 3000 ? 1 : 7) cuts.push(n);
      const held = cuts.filter((n) => unfinishedJson(text.slice(0, n)));
      expect(held).toEqual(cuts);
    }
  });

  it('cuts inside escapes, numbers and literals are unfinished; a file padded with NULs too', () => {
    for (const text of [
      '{"a": "x\\',
      '{"a": "\\u00',
      '{"a": -',
      '{"a": 1.',
      '{"a": 1e',
      '{"a": tr',
      '{"a": [nul',
      '[',
      '  ',
      '{"a": 1}\0\0\0',
      '\uFEFF{"a": ',
    ])
      expect(unfinishedJson(text), JSON.stringify(text)).toBe(true);
  });

  it('a file that goes wrong before its end is finished (more bytes cannot make it JSON)', () => {
    for (const text of [
      'not json',
      'call-0001,billing\n',
      '{"a": 1,}',
      '{"a": 1} {"b": 2}',
      "{'a': 1}",
      '{"a": 01}',
      '{"a": "line\nbreak"}',
      '{"a": "\\x"}',
      '{"a" 1}',
      '[1 2]',
      '{"a": trux}',
      '<html>',
    ])
      expect(unfinishedJson(text), JSON.stringify(text)).toBe(false);
  });

  it('a transcript that is complete and not JSON is not held, though it changed just now', async () => {
    // It was held for the whole quiet window (5 s) before this: every unparseable file was taken
    // for one still being copied.
    expect(await lookAt('this is not a transcript at all')).toBeNull();
    expect(await lookAt('{"JobName": "x", "Transcript": [],}')).toBeNull();
  });

  it('a transcript cut short, or one that grew since the last look, is still held', async () => {
    expect(await lookAt('{"JobName": "x", "Transcript": [{"Content": "hel')).toMatchObject({
      callId: 'x',
      file: 'x.tca.json',
    });
    // Growing: even a broken one, as long as it keeps changing.
    const dir = tempDir('settle-growing');
    const path = join(dir, 'x.tca.json');
    writeFileSync(path, 'not json yet');
    const sizes = new Map([[path, 3]]);
    const settle: CopySettle = { quietMs: 5000, sizes, now: () => statSync(path).mtimeMs };
    expect(await stillCopying(dir, transcriptCall('x'), settle)).toMatchObject({ file: 'x.tca.json' });
  });
});
