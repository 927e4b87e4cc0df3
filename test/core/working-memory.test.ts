import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import { WorkingMemoryStore } from '../../adapters/local/working-memory.js';
import { buildCallDocument } from '../../core/call-document.js';
import {
  documentBytes,
  documentText,
  loadDocument,
  resultDocument,
  saveDocument,
} from '../../core/call-store.js';
import { ObjectNotFoundError } from '../../core/errors.js';
import { CallDocument } from '../../schemas/call-document.js';
import { TranscribeCallAnalyticsOutput } from '../../schemas/transcribe-call-analytics.js';
import { tempDir } from '../helpers/paths.js';

const doc = () =>
  buildCallDocument({
    callId: 'c1',
    transcript: TranscribeCallAnalyticsOutput.parse(
      JSON.parse(
        readFileSync(join(import.meta.dirname, '../fixtures/transcribe/call-analytics-output.json'), 'utf8'),
      ),
    ),
    sources: { transcript: 'inbox/c1.tca.json', ctr: null, recording: null, audio: null },
    startedAt: null,
    fallbackDt: '2026-03-02',
  });

describe('WorkingMemoryStore', () => {
  it('keeps working documents as values between steps and writes nothing else differently', async () => {
    // Prepare
    const home = tempDir('memory');
    const memory = new WorkingMemoryStore(new FsObjectStore(home), 'work');
    const key = 'work/c1/20260302T100000000Z.abc/call.json';
    // Act
    await saveDocument(memory, key, doc());
    const loaded = await loadDocument(memory, key);
    await memory.put('work/c1/20260302T100000000Z.abc/topics.json', '{"matches":[]}');
    await memory.put('results/dt=2026-03-02/c1.json', '{}');
    // Assess
    expect(loaded).toBe(await loadDocument(memory, key));
    expect(loaded.callId).toBe('c1');
    expect(existsSync(join(home, 'work'))).toBe(false);
    expect(existsSync(join(home, 'results/dt=2026-03-02/c1.json'))).toBe(true);
    expect(await memory.exists(key)).toBe(true);
    expect(JSON.parse(new TextDecoder().decode(await memory.get(key))).callId).toBe('c1');
    expect(await memory.list('work/c1/')).toEqual([key, 'work/c1/20260302T100000000Z.abc/topics.json']);
  });

  it('a document read back from bytes is validated; the result document is, whatever the store', async () => {
    // Prepare
    const home = tempDir('memory');
    const disk = new FsObjectStore(home);
    const memory = new WorkingMemoryStore(disk, 'work');
    const bad = { ...doc(), turns: 'none' } as never;
    // Act: our own steps' documents are saved as built
    await saveDocument(memory, 'work/c1/x/call.json', bad);
    await saveDocument(disk, 'work/c1/y/call.json', bad);
    // Assess: from bytes (another process) or on its way out, it is checked
    await expect(loadDocument(disk, 'work/c1/y/call.json')).rejects.toThrow();
    await expect(resultDocument(memory, 'work/c1/x/call.json')).rejects.toThrow();
    await expect(resultDocument(disk, 'work/c1/y/call.json')).rejects.toThrow();
  });

  it('the result document has the schema key order, however the steps built it', async () => {
    // Prepare
    const memory = new WorkingMemoryStore(new FsObjectStore(tempDir('memory')), 'work');
    const { schemaVersion, ...rest } = doc();
    // Act
    await saveDocument(memory, 'work/c1/x/call.json', { ...rest, schemaVersion });
    const result = await resultDocument(memory, 'work/c1/x/call.json');
    // Assess
    expect(JSON.stringify(result)).toBe(JSON.stringify(CallDocument.parse(doc())));
  });

  it('keeps an enrichment part as its value, read back as the bytes the step would have written', async () => {
    // Prepare
    const home = tempDir('memory');
    const memory = new WorkingMemoryStore(new FsObjectStore(home), 'work');
    const part = { matches: [{ topic: 'billing', score: 0.9, rank: 1 }] };
    // Act
    const kept = memory.documents.set('work/c1/x/topics.json', part, (v) => JSON.stringify(v));
    // Assess
    expect(kept).toBe(true);
    expect(memory.documents.get('work/c1/x/topics.json')).toBe(part);
    expect(new TextDecoder().decode(await memory.get('work/c1/x/topics.json'))).toBe(JSON.stringify(part));
    expect(await memory.persist('work/c1/')).toBe(1);
    expect(readFileSync(join(home, 'work/c1/x/topics.json'), 'utf8')).toBe(JSON.stringify(part));
    expect(memory.documents.set('results/c1.json', part)).toBe(false);
  });

  it('persist writes a call working folder to disk; release forgets it', async () => {
    const home = tempDir('memory');
    const memory = new WorkingMemoryStore(new FsObjectStore(home), 'work');
    await saveDocument(memory, 'work/c1/x/call.json', doc());
    await saveDocument(memory, 'work/c2/y/call.json', doc());
    expect(await memory.persist('work/c1/')).toBe(1);
    memory.release('work/c1/');
    expect(JSON.parse(readFileSync(join(home, 'work/c1/x/call.json'), 'utf8')).callId).toBe('c1');
    expect(memory.size).toBe(1);
    expect(existsSync(join(home, 'work/c2'))).toBe(false);
    // Released from memory, the persisted copy is what a reader finds.
    expect((await loadDocument(memory, 'work/c1/x/call.json')).callId).toBe('c1');
    memory.release('work/c2/');
    await expect(memory.get('work/c2/y/call.json')).rejects.toThrow(ObjectNotFoundError);
  });
});

describe('documentText (how call documents are written)', () => {
  it('parses to what JSON.stringify gives, a turn per line, for a document with a character beyond Latin-1', () => {
    // Prepare: the fixture call's document, with a summary-like "—" and a field left undefined
    const built = doc();
    const withDash = { ...built, callId: 'c1 — dash’s', extra: undefined } as Record<string, unknown>;
    // Act
    const text = documentText(withDash);
    // Assess
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(withDash)));
    expect(text).not.toContain('"extra"');
    const turnLines = text.split('\n').filter((line) => line.startsWith('  {"'));
    expect(turnLines.length).toBeGreaterThanOrEqual(built.turns.length);
    expect(built.turns.length).toBeGreaterThan(0);
    expect(text.startsWith('{\n "schemaVersion": ')).toBe(true);
  });

  it('writes anything but a plain object as JSON.stringify does', () => {
    // Prepare
    const values: unknown[] = [null, 3, 'x', [1, { a: 2 }], {}, { a: [] }, new Date(0)];
    // Act / Assess
    for (const value of values)
      expect(JSON.parse(documentText(value))).toEqual(JSON.parse(JSON.stringify(value)));
    expect(documentText({})).toBe('{}');
  });

  it('has the same bytes as documentBytes, which WriteResults writes without making the text', () => {
    // Prepare: beyond Latin-1, a surrogate pair, a lone surrogate, left-out fields, lists of
    // objects and of other values, and a document larger than documentBytes' first buffer (256 KiB)
    const built = doc();
    const turn = built.turns[0]!;
    const odd = {
      ...built,
      callId: 'c1 — dash’s 😀 \ud800 end',
      extra: undefined,
      fn: () => 1,
      empty: [],
      mixed: [{ a: 1 }, 2],
      dated: [new Date(0)],
      nothing: { toJSON: () => undefined },
    } as Record<string, unknown>;
    const big = {
      ...built,
      turns: Array.from({ length: 400 }, (_, i) => ({ ...turn, text: `${'é'.repeat(600)} ${i}` })),
    };
    const values: unknown[] = [
      built,
      odd,
      big,
      {},
      { a: undefined },
      null,
      3,
      'x',
      [1, { a: 2 }],
      new Date(0),
    ];
    // Act / Assess
    expect(documentText(big).length).toBeGreaterThan(256 * 1024);
    for (const value of values)
      expect(Buffer.from(documentBytes(value)).equals(Buffer.from(documentText(value), 'utf8'))).toBe(true);
    // (the buffer is kept between calls: an earlier, larger document leaves nothing behind)
    expect(Buffer.from(documentBytes({ a: 1 })).toString('utf8')).toBe('{\n "a": 1\n}');
  });

  it('is what saveDocument writes and what a working document reads back as', async () => {
    // Prepare
    const home = tempDir('memory-text');
    const disk = new FsObjectStore(home);
    const memory = new WorkingMemoryStore(new FsObjectStore(tempDir('memory-text-2')), 'work');
    const key = 'work/c1/20260302T100000000Z.abc/call.json';
    // Act
    await saveDocument(disk, key, doc());
    await saveDocument(memory, key, doc());
    // Assess
    const onDisk = readFileSync(join(home, key), 'utf8');
    expect(onDisk).toBe(documentText(doc()));
    expect(new TextDecoder().decode(await memory.get(key))).toBe(onDisk);
  });
});
