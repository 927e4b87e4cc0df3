import { describe, expect, it } from 'vitest';
import { lastDone, recordDone } from '../../core/call-lease.js';
import { getIfPresent } from '../../core/call-store.js';
import { enrichedKeyOf, loadEnrichedDocument } from '../../core/enriched-document.js';
import { ThrottledError } from '../../core/errors.js';
import { MemoryObjectStore } from '../helpers/memory-store.js';

/** A store whose reads fail as S3 does when throttled (not "no such key"). */
const throttledReads = (store: MemoryObjectStore): MemoryObjectStore =>
  Object.assign(Object.create(store) as MemoryObjectStore, {
    get: async () => {
      throw new ThrottledError('SlowDown');
    },
  });

describe('getIfPresent: an object, or null when there is none', () => {
  it('answers the bytes, null for a key never written or removed, and throws any other failure', async () => {
    // Prepare
    const store = new MemoryObjectStore();
    await store.put('a/b.json', '{"x":1}');
    // Act
    const present = await getIfPresent(store, 'a/b.json');
    const absent = await getIfPresent(store, 'a/none.json');
    await store.delete('a/b.json');
    const removed = await getIfPresent(store, 'a/b.json');
    // Assess
    expect(new TextDecoder().decode(present ?? new Uint8Array())).toBe('{"x":1}');
    expect(absent).toBeNull();
    expect(removed).toBeNull();
    await expect(getIfPresent(throttledReads(store), 'a/b.json')).rejects.toBeInstanceOf(ThrottledError);
  });

  it('its two users: no enriched document or done record is null, a store that fails to answer throws', async () => {
    // Prepare
    const store = new MemoryObjectStore();
    const enrichedKey = enrichedKeyOf('results', 'c1');
    await recordDone(store, 'c1', 'fp-1', '2026-03-02T10:00:00.000Z');
    await store.put(enrichedKey, '{}');
    // Act
    const noDocument = await loadEnrichedDocument(store, enrichedKeyOf('results', 'c2'));
    const noRecord = await lastDone(store, 'c2');
    // Assess: taken for "none", a throttled read would run the call in full (the document) or
    // quarantine a rejected drop's call and hide what it landed (the record).
    expect(noDocument).toBeNull();
    expect(noRecord).toBeNull();
    await expect(loadEnrichedDocument(throttledReads(store), enrichedKey)).rejects.toBeInstanceOf(
      ThrottledError,
    );
    await expect(lastDone(throttledReads(store), 'c1')).rejects.toBeInstanceOf(ThrottledError);
  });
});
