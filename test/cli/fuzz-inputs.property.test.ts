import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLocalEnrichers } from '../../adapters/local/local-enrichers.js';
import { queryLake } from '../../cli/commands/query.js';
import { runDrop } from '../../cli/commands/run.js';
import { isControl } from '../../core/failure-reason.js';
import { once } from '../../core/once.js';
import { freshRuntime, putInbox } from '../helpers/local-runtime.js';
import { REPO, tempDir } from '../helpers/paths.js';

/**
 * Whatever is dropped, every call ends processed, partial or quarantined with a one-line
 * reason: never a crash, a hang or a run that exits 1. Seeds are fixed so a failure repeats.
 */
const SAMPLE = join(REPO, 'samples', 'call-0004-fraud-report');
const TRANSCRIPT = readFileSync(`${SAMPLE}.tca.json`, 'utf8');
const CTR = readFileSync(`${SAMPLE}.ctr.json`, 'utf8');
const RECORDING = readFileSync(`${SAMPLE}.recording.json`, 'utf8');
const enrichers = once(() => createLocalEnrichers());
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

const readable = (reason: unknown) => {
  expect(typeof reason).toBe('string');
  expect([...String(reason)].some(isControl)).toBe(false);
  expect(String(reason).length).toBeGreaterThan(10);
};

describe('odd file names (#11.7)', () => {
  it('long, CJK and punctuation-laden names are processed, and a second run finds them unchanged', async () => {
    const char = fc.oneof(
      fc.constantFrom(...'abcXYZ019 -_.,;:!?\'"%+=@#$&()[]{}*~^`|<>\\'.split('')),
      fc.constantFrom('通', '話', '録', '音', 'é', 'ß', 'ж', '😀', '\u202e', '\n', '\t'),
    );
    const stems = fc
      .sample(fc.string({ unit: char, minLength: 1, maxLength: 60 }), { numRuns: 12, seed: 11 })
      .filter((s) => !s.startsWith('.') && !s.includes('/'));
    const edge = [
      'a'.repeat(255 - bytes('.tca.json')), // the longest name a file system allows
      '通話'.repeat(41), // 82 CJK characters, 246 bytes with the suffix
      'calls [1] * ?',
      '-rf',
      '..hidden-not',
    ];
    const all = [
      ...new Set([...edge, ...stems].filter((s) => bytes(`${s}.tca.json`) <= 255 && !s.startsWith('.'))),
    ];
    const drop = tempDir('names');
    for (const stem of all) writeFileSync(join(drop, `${stem}.tca.json`), TRANSCRIPT);
    const home = tempDir('names-home');
    const first = await runDrop({ dir: drop, home, enrichers, report: false, out: quiet, err: quiet });
    const second = await runDrop({ dir: drop, home, enrichers, report: false, out: quiet, err: quiet });
    expect(first.failed).toBe(0);
    expect(new Set(first.calls.map((c) => c.callId))).toEqual(new Set(all));
    expect(first.calls.filter((c) => c.outcome !== 'succeeded')).toEqual([]);
    expect(second.calls.every((c) => c.outcome === 'unchanged')).toBe(true);
    const rows = await queryLake(home, 'select call_id, count(*) as n from call_status group by call_id');
    expect(new Set(rows.map((r) => r.call_id))).toEqual(new Set(all));
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(await queryLake(home, 'select count(distinct call_id) as n from calls')).toEqual([
      { n: all.length },
    ]);
  });
});

/** A valid document with one part damaged: a key removed, a value replaced, or the text cut or corrupted. */
const damaged = (valid: string) => {
  const json = JSON.parse(valid);
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (path.length > 5) return;
    paths.push(path);
    if (Array.isArray(v)) for (const [i, x] of v.slice(0, 3).entries()) walk(x, [...path, i]);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(json, []);
  const edit = (path: (string | number)[], value: unknown, remove: boolean) => {
    const copy = structuredClone(json);
    if (path.length === 0) return value;
    let at = copy;
    for (const p of path.slice(0, -1)) at = at[p];
    const last = path.at(-1) as string | number;
    if (remove) {
      if (Array.isArray(at)) at.splice(Number(last), 1);
      else delete at[last];
    } else at[last] = value;
    return copy;
  };
  return fc.oneof(
    fc
      .tuple(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 2 }), fc.boolean())
      .map(([path, value, remove]) => JSON.stringify(edit(path, value, remove))),
    fc.nat({ max: valid.length - 1 }).map((n) => valid.slice(0, n)),
    fc
      .tuple(fc.nat({ max: valid.length - 1 }), fc.string({ minLength: 1, maxLength: 4 }))
      .map(([n, s]) => valid.slice(0, n) + s + valid.slice(n + s.length)),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  );
};

describe('fuzzed JSON inputs (#11: only typed errors)', () => {
  it.each([
    ['transcript', 'c.tca.json', TRANSCRIPT],
    ['CTR', 'c.ctr.json', CTR],
    ['recording metadata', 'c.recording.json', RECORDING],
  ])('a damaged %s ends processed or quarantined with a one-line reason', async (_what, file, valid) => {
    await fc.assert(
      fc.asyncProperty(damaged(valid), async (text) => {
        const { runtime, runner } = freshRuntime({ enrichers });
        putInbox(runtime, {
          'c.tca.json': TRANSCRIPT,
          'c.ctr.json': CTR,
          'c.recording.json': RECORDING,
          [file]: text,
        });
        const result = await runner.run({
          callId: 'c',
          keys: {
            transcript: 'inbox/c.tca.json',
            audio: null,
            ctr: 'inbox/c.ctr.json',
            recording: 'inbox/c.recording.json',
          },
        });
        expect(['succeeded', 'quarantined']).toContain(result.outcome);
        if (result.outcome === 'quarantined') {
          readable(result.quarantine?.reason);
          expect(String(result.quarantine?.reason)).not.toMatch(/\d(?:[\s().\-/]{0,2}\d){5,}/);
          expect(result.quarantine?.errorName).toMatch(/InvalidInputError|PostProcessorError/);
        }
      }),
      { numRuns: 15, seed: 7 },
    );
  });
});

describe('fuzzed WAV headers (#11; the audio step is the lead`s, #8)', () => {
  it('an audio-only drop with a garbage .wav is quarantined with a readable reason or processed, never a crash or hang', async () => {
    const header = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc
        .uint8Array({ minLength: 0, maxLength: 60 })
        .map((rest) => Buffer.concat([Buffer.from('RIFF\u0024\0\0\0WAVEfmt '), rest])),
    );
    const wavs = fc.sample(header, { numRuns: 8, seed: 3 });
    const drop = tempDir('wav');
    for (const [i, w] of wavs.entries()) writeFileSync(join(drop, `audio-${i}.wav`), w);
    copyFileSync(`${SAMPLE}.tca.json`, join(drop, 'with-transcript.tca.json'));
    const home = tempDir('wav-home');
    const summary = await runDrop({ dir: drop, home, enrichers, report: false, out: quiet, err: quiet });
    expect(summary.failed).toBe(0);
    const rows = await queryLake(
      home,
      "select call_id, state, reason from call_status where call_id like 'audio-%'",
    );
    expect(rows).toHaveLength(wavs.length);
    for (const r of rows) {
      expect(['processed', 'partial', 'quarantined']).toContain(r.state);
      if (r.state === 'quarantined') readable(r.reason);
    }
  });
});
