import { ObjectNotFoundError } from '../errors.js';
import type { ObjectStoreWithHead } from '../ports/object-store.js';
import type { NameDirectory } from './name-export.js';

/**
 * A directory export in the bucket (users, queues), read when names are asked for (it may be
 * dropped after start-up) and parsed again only when it changes. No file: no names (not an error).
 * A file of the wrong shape throws the parser's InvalidInputError. Its `source` (lineage) names
 * the file the last look-up read, `.json` or `.csv`, or says none was there.
 */
export const storeNameDirectory = (
  store: ObjectStoreWithHead,
  keys: readonly string[],
  parse: (text: string, key: string) => Map<string, string>,
  what: string,
): NameDirectory => {
  let cached: { key: string; lastModified: string; names: Map<string, string> } | null = null;
  const none = `${what} file none (no ${keys.join(' or ')})`;
  // The one file the last look-up read (or failed to read), for lineage: never "a or b".
  let source = keys.length === 1 ? `${what} file ${keys[0]}` : none;
  const load = async (): Promise<Map<string, string> | null> => {
    for (const key of keys) {
      let lastModified: string;
      try {
        lastModified = (await store.head(key)).lastModified;
      } catch (error) {
        if (error instanceof ObjectNotFoundError) continue;
        throw error;
      }
      source = `${what} file ${key}`;
      if (cached?.key !== key || cached.lastModified !== lastModified) {
        const text = new TextDecoder().decode(await store.get(key));
        cached = { key, lastModified, names: parse(text, key) };
      }
      return cached.names;
    }
    source = none;
    return null;
  };
  return {
    get source() {
      return source;
    },
    names: async (ids) => {
      const names = await load();
      return new Map(ids.flatMap((id) => (names?.has(id) ? [[id, names.get(id)!] as const] : [])));
    },
  };
};

/**
 * Where a directory export is picked up, next to the calls (drop it once, every call uses it):
 * its two inbox keys, `.json` first, and the file names that mean this export in a drop folder.
 */
export const inboxExport = (stem: string) => {
  const keys = [`inbox/${stem}.json`, `inbox/${stem}.csv`] as const;
  return { keys, names: keys.map((k) => k.slice('inbox/'.length)) };
};

/** The two keys a directory export may be installed under, `.json` first. */
export const exportKeyFor = (keys: readonly [string, string], path: string): string =>
  path.toLowerCase().endsWith('.csv') ? keys[1] : keys[0];
