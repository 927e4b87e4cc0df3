import { parse as parseCsv } from 'csv-parse/sync';
import { InvalidInputError } from '../errors.js';

/**
 * What one kind of Genesys directory export holds (users, queues): which file errors name, what
 * a row is called, and the CSV header names that mean "id" and "name" (lower case, `_`/`-` read as
 * spaces).
 */
export interface NameExportKind {
  /** The InvalidInputError file tag, e.g. `users`. */
  readonly kind: string;
  /** One entity, for messages: `user`, `queue`. */
  readonly noun: string;
  readonly idColumns: readonly string[];
  readonly nameColumns: readonly string[];
}

/**
 * A Genesys directory export (id -> name), as people really save it:
 *  - an API listing page (`{entities: [{id, name, ...}], pageSize, pageNumber, total, pageCount}`),
 *    a search API's `{results: [...]}`, or a list of such pages;
 *  - a plain list of objects (`[{id, name}, ...]`, what scripts paging the API write);
 *  - CSV with a header row naming an id column and a name column (see the kind).
 * Entries without a name are skipped; a file with no usable entry is an error (it is a wrong file).
 */
export const parseNameExport = (text: string, key: string, kind: NameExportKind): Map<string, string> => {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  const json = trimmed.startsWith('{') || trimmed.startsWith('[');
  // A file named .json that holds no JSON at all is a broken JSON export: its CSV complaint
  // ("a users CSV needs an id column …", quoting its first line) would point the wrong way.
  if (!json && /\.json$/i.test(key))
    throw new InvalidInputError(
      kind.kind,
      `${key} is not valid JSON (it does not start with { or [): a .json export holds the API response or a list of ${kind.noun}s; save a CSV export as .csv`,
    );
  const names = json ? fromJson(trimmed, key, kind) : fromCsv(trimmed, key, kind);
  if (names.size === 0)
    throw new InvalidInputError(kind.kind, `${key} lists no ${kind.noun} with both an id and a name`);
  return names;
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const entriesIn = (value: unknown): Json[] => {
  if (Array.isArray(value)) return value.flatMap(entriesIn);
  if (!isObject(value)) return [];
  if (Array.isArray(value.entities)) return entriesIn(value.entities);
  if (Array.isArray(value.results)) return entriesIn(value.results);
  return typeof value.id === 'string' ? [value] : [];
};

const fromJson = (text: string, key: string, kind: NameExportKind): Map<string, string> => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(kind.kind, `${key} is not valid JSON (${(error as Error).message})`);
  }
  const names = new Map<string, string>();
  for (const entry of entriesIn(json)) {
    const name = typeof entry.name === 'string' ? entry.name.trim() : '';
    if (name) names.set(entry.id as string, name);
  }
  return names;
};

const fromCsv = (text: string, key: string, kind: NameExportKind): Map<string, string> => {
  let rows: string[][];
  try {
    rows = parseCsv(text, { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new InvalidInputError(kind.kind, `${key} is neither JSON nor CSV (${(error as Error).message})`);
  }
  const header = (rows[0] ?? []).map((h) => h.toLowerCase().replace(/[_-]/g, ' ').trim());
  const column = (wanted: readonly string[]) => {
    for (const w of wanted) {
      const i = header.indexOf(w);
      if (i >= 0) return i;
    }
    return -1;
  };
  const idAt = column(kind.idColumns);
  const nameAt = column(kind.nameColumns);
  if (idAt < 0 || nameAt < 0)
    throw new InvalidInputError(
      kind.kind,
      `${key}: a ${kind.kind} CSV needs an id column and a name column in its header (found: ${rows[0]?.join(', ') ?? 'nothing'})`,
    );
  const names = new Map<string, string>();
  for (const row of rows.slice(1)) {
    const id = row[idAt]?.trim();
    const name = row[nameAt]?.trim();
    if (id && name) names.set(id, name);
  }
  return names;
};

/** A name directory (agents, queues): where the names come from, and the names of the ids it knows. */
export interface NameDirectory {
  readonly source: string;
  names(ids: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

/** A directory over a parsed export. */
export const exportDirectory = (names: ReadonlyMap<string, string>, source: string): NameDirectory => ({
  source,
  names: async (ids) => new Map(ids.flatMap((id) => (names.has(id) ? [[id, names.get(id)!] as const] : []))),
});

/** Several directories in order: the first that knows an id names it. */
export const chainDirectories = (directories: readonly NameDirectory[]): NameDirectory => ({
  // Asked when it is read: a directory's source may say which file its last look-up read.
  get source() {
    return directories.map((d) => d.source).join(' + ');
  },
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
