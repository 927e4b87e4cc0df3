import { ObjectNotFoundError } from '../errors.js';
import type { ObjectStoreWithHead } from '../ports/object-store.js';
import type { NameDirectory } from './name-export.js';

/**
 * A directory export in the bucket (users, queues), read when names are asked for (it may be
 * dropped after start-up) and parsed again only when it changes. No file: no names (not an error).
 * A file of the wrong shape throws the parser's InvalidInputError.
 */
export const storeNameDirectory = (
  store: ObjectStoreWithHead,
  keys: readonly string[],
  parse: (text: string, key: string) => Map<string, string>,
  what: string,
): NameDirectory => {
  let cached: { key: string; lastModified: string; names: Map<string, string> } | null = null;
  const load = async (): Promise<Map<string, string> | null> => {
    for (const key of keys) {
      let lastModified: string;
      try {
        lastModified = (await store.head(key)).lastModified;
      } catch (error) {
        if (error instanceof ObjectNotFoundError) continue;
        throw error;
      }
      if (cached?.key !== key || cached.lastModified !== lastModified) {
        const text = new TextDecoder().decode(await store.get(key));
        cached = { key, lastModified, names: parse(text, key) };
      }
      return cached.names;
    }
    return null;
  };
  return {
    source: `${what} file ${keys.join(' or ')}`,
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
