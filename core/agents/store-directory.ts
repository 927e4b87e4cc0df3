import { inboxExport, storeNameDirectory } from '../names/store-names.js';
import type { AgentDirectory } from '../ports/agent-directory.js';
import type { ObjectStoreWithHead } from '../ports/object-store.js';
import { parseUsersExport } from './users-export.js';

/** Where a users export is picked up (inbox/genesys-users.json|csv), and its names in a drop folder. */
export const { keys: USERS_FILE_KEYS, names: USERS_FILE_NAMES } = inboxExport('genesys-users');

/**
 * A users export in the bucket, read when names are asked for (it may be dropped after start-up)
 * and parsed again only when it changes. No file: no names (not an error). A file that is not a
 * users export throws InvalidInputError('users').
 */
export const storeUsersDirectory = (
  store: ObjectStoreWithHead,
  keys: readonly string[] = USERS_FILE_KEYS,
): AgentDirectory => storeNameDirectory(store, keys, parseUsersExport, 'users');
