import { parse as parseCsv } from 'csv-parse/sync';
import { InvalidInputError } from '../errors.js';
import type { AgentDirectory } from '../ports/agent-directory.js';

/**
 * A Genesys users export, as people really save it:
 *  - the users API page `GET /api/v2/users` (`{entities: [{id, name, ...}], pageSize, ...}`),
 *    the search API's `{results: [...]}`, or a list of such pages;
 *  - a plain list of user objects (`[{id, name}, ...]`, what scripts paging the API write);
 *  - CSV with a header row naming an id column (`id`, `user id`, `userId`, `Genesys ID`) and a
 *    name column (`name`, `full name`, `display name`, `agent name`).
 * Users without a name are skipped; a file with no usable user is an error (it is a wrong file).
 */
export const parseUsersExport = (text: string, key: string): Map<string, string> => {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  const names =
    trimmed.startsWith('{') || trimmed.startsWith('[') ? fromJson(trimmed, key) : fromCsv(trimmed, key);
  if (names.size === 0)
    throw new InvalidInputError('users', `${key} lists no user with both an id and a name`);
  return names;
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const usersIn = (value: unknown): Json[] => {
  if (Array.isArray(value)) return value.flatMap(usersIn);
  if (!isObject(value)) return [];
  if (Array.isArray(value.entities)) return usersIn(value.entities);
  if (Array.isArray(value.results)) return usersIn(value.results);
  return typeof value.id === 'string' ? [value] : [];
};

const fromJson = (text: string, key: string): Map<string, string> => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError('users', `${key} is not valid JSON (${(error as Error).message})`);
  }
  const names = new Map<string, string>();
  for (const user of usersIn(json)) {
    const name = typeof user.name === 'string' ? user.name.trim() : '';
    if (name) names.set(user.id as string, name);
  }
  return names;
};

const ID_COLUMNS = ['id', 'userid', 'user id', 'genesys id', 'genesys user id', 'agent id', 'agentid'];
const NAME_COLUMNS = ['name', 'full name', 'display name', 'agent name', 'user name', 'username'];

const fromCsv = (text: string, key: string): Map<string, string> => {
  let rows: string[][];
  try {
    rows = parseCsv(text, { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new InvalidInputError('users', `${key} is neither JSON nor CSV (${(error as Error).message})`);
  }
  const header = (rows[0] ?? []).map((h) => h.toLowerCase().replace(/[_-]/g, ' ').trim());
  const column = (wanted: readonly string[]) => {
    for (const w of wanted) {
      const i = header.indexOf(w);
      if (i >= 0) return i;
    }
    return -1;
  };
  const idAt = column(ID_COLUMNS);
  const nameAt = column(NAME_COLUMNS);
  if (idAt < 0 || nameAt < 0)
    throw new InvalidInputError(
      'users',
      `${key}: a users CSV needs an id column and a name column in its header (found: ${rows[0]?.join(', ') ?? 'nothing'})`,
    );
  const names = new Map<string, string>();
  for (const row of rows.slice(1)) {
    const id = row[idAt]?.trim();
    const name = row[nameAt]?.trim();
    if (id && name) names.set(id, name);
  }
  return names;
};

/** A directory over a parsed export. */
export const usersExportDirectory = (names: ReadonlyMap<string, string>, source: string): AgentDirectory => ({
  source,
  names: async (ids) => new Map(ids.flatMap((id) => (names.has(id) ? [[id, names.get(id)!] as const] : []))),
});

/** Several directories in order: the first that knows an id names it. */
export const chainDirectories = (directories: readonly AgentDirectory[]): AgentDirectory => ({
  source: directories.map((d) => d.source).join(' + '),
  names: async (ids) => {
    const found = new Map<string, string>();
    for (const d of directories) {
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length === 0) break;
      for (const [id, name] of await d.names(missing)) found.set(id, name);
    }
    return found;
  },
});

/** How an agent is shown: the name, else a short, recognisable form of the id (never blank). */
export const agentLabel = (agentId: string, name: string | null): string =>
  name ?? `agent ${agentId.length > 12 ? agentId.slice(0, 8) : agentId}`;
