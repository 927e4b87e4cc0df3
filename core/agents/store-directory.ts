import { storeNameDirectory } from '../names/store-names.js';
import type { AgentDirectory } from '../ports/agent-directory.js';
import type { ObjectStoreWithHead } from '../ports/object-store.js';
import { parseUsersExport } from './users-export.js';

/** Where a users export is picked up, next to the calls: drop it once, every call uses it. */
export const USERS_FILE_KEYS = ['inbox/genesys-users.json', 'inbox/genesys-users.csv'] as const;
/** The file names that mean "users export" in a drop folder. */
export const USERS_FILE_NAMES = USERS_FILE_KEYS.map((k) => k.slice(k.lastIndexOf('/') + 1));

/**
 * A users export in the bucket, read when names are asked for (it may be dropped after start-up)
 * and parsed again only when it changes. No file: no names (not an error). A file that is not a
 * users export throws InvalidInputError('users').
 */
export const storeUsersDirectory = (
  store: ObjectStoreWithHead,
  keys: readonly string[] = USERS_FILE_KEYS,
): AgentDirectory => storeNameDirectory(store, keys, parseUsersExport, 'users');
