import { type NameExportKind, parseNameExport } from '../names/name-export.js';

export { chainDirectories } from '../names/name-export.js';

/** CSV headers of a users export: an id column and a name column. */
export const USERS_EXPORT: NameExportKind = {
  kind: 'users',
  noun: 'user',
  idColumns: ['id', 'userid', 'user id', 'genesys id', 'genesys user id', 'agent id', 'agentid'],
  nameColumns: ['name', 'full name', 'display name', 'agent name', 'user name', 'username'],
};

/**
 * A Genesys users export, as people really save it:
 *  - the users API page `GET /api/v2/users` (`{entities: [{id, name, ...}], pageSize, ...}`),
 *    the search API's `{results: [...]}`, or a list of such pages;
 *  - a plain list of user objects (`[{id, name}, ...]`, what scripts paging the API write);
 *  - CSV with a header row naming an id column (`id`, `user id`, `userId`, `Genesys ID`) and a
 *    name column (`name`, `full name`, `display name`, `agent name`).
 * Users without a name are skipped; a file with no usable user is an error (it is a wrong file).
 */
export const parseUsersExport = (text: string, key: string): Map<string, string> =>
  parseNameExport(text, key, USERS_EXPORT);

/** How an agent is shown: the name, else a short, recognisable form of the id (never blank). */
export const agentLabel = (agentId: string, name: string | null): string =>
  name ?? `agent ${agentId.length > 12 ? agentId.slice(0, 8) : agentId}`;
