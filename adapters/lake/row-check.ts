import type { z } from 'zod';
import type { TableDef } from '../../schemas/table.js';
import { defOf, type ZodCheckDef } from '../../schemas/zod-def.js';

type Row = Record<string, unknown>;
type Check = (value: unknown) => boolean;

const matches = (pattern: RegExp, value: string): boolean => {
  pattern.lastIndex = 0;
  return pattern.test(value);
};

/** A number check zod applies (`int()`, `nonnegative()`, `positive()`...), or null when it is another. */
const numberCheck = (c: ZodCheckDef): Check | null => {
  if (c.check !== 'greater_than' || typeof c.value !== 'number') return null;
  const bound = c.value;
  return c.inclusive ? (v) => (v as number) >= bound : (v) => (v as number) > bound;
};

/** The column's check, or null when its schema uses anything not handled here (then zod decides). */
const columnCheck = (schema: z.ZodType): Check | null => {
  const def = defOf(schema);
  switch (def.type) {
    case 'nullable': {
      const inner = def.innerType ? columnCheck(def.innerType) : null;
      return inner && ((v) => v === null || inner(v));
    }
    case 'optional': {
      const inner = def.innerType ? columnCheck(def.innerType) : null;
      return inner && ((v) => v === undefined || inner(v));
    }
    case 'boolean':
      return (def.checks ?? []).length === 0 ? (v) => typeof v === 'boolean' : null;
    case 'enum': {
      if (!def.entries || (def.checks ?? []).length > 0) return null;
      const values = new Set<unknown>(Object.values(def.entries));
      return (v) => values.has(v);
    }
    case 'string': {
      const patterns: RegExp[] = [];
      // A string format (z.iso.datetime()) is its own pattern; z.string() has none.
      if (def.format !== undefined) {
        if (!def.pattern) return null;
        patterns.push(def.pattern);
      }
      for (const c of def.checks ?? []) {
        const d = c._zod.def;
        if (d.check !== 'string_format' || d.format !== 'regex' || !d.pattern) return null;
        patterns.push(d.pattern);
      }
      return (v) => typeof v === 'string' && patterns.every((p) => matches(p, v));
    }
    case 'number': {
      if (def.format !== undefined && def.format !== 'safeint') return null;
      const checks: Check[] = [];
      for (const c of def.checks ?? []) {
        const check = numberCheck(c._zod.def);
        if (!check) return null;
        checks.push(check);
      }
      const base: Check =
        def.format === 'safeint'
          ? (v) => Number.isSafeInteger(v)
          : (v) => typeof v === 'number' && Number.isFinite(v);
      return (v) => base(v) && checks.every((c) => c(v));
    }
    default:
      return null;
  }
};

/**
 * A quick check of a table's row against its zod schema: true only for a plain object with
 * no key outside the table's columns and every column's value one zod accepts as it is (the
 * checks are read from the schema itself: type, nullable/optional, enum values, regex and
 * datetime patterns, int and bounds). Such a row is what `row.parse` would return, so it is
 * used as it is; any other row (or a table whose schema uses anything else: defaults,
 * transforms) goes through zod, which gives the error. Rows are built by our own code and
 * nearly all pass, so zod's copy of every row (most of WriteResults' validation cost) is
 * saved.
 */
export const compileRowCheck = (table: TableDef): ((row: unknown) => row is Row) | null => {
  const shape = table.row.shape as Record<string, z.ZodType>;
  if (defOf(table.row as unknown as z.ZodType).type !== 'object') return null;
  const catchall = (table.row._zod.def as { catchall?: unknown }).catchall;
  if (catchall !== undefined) return null;
  const columns: [string, Check][] = [];
  for (const [name, schema] of Object.entries(shape)) {
    const check = columnCheck(schema);
    if (!check) return null;
    columns.push([name, check]);
  }
  const names = new Set(columns.map(([name]) => name));
  return (row: unknown): row is Row => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return false;
    for (const key in row) if (!names.has(key)) return false;
    for (const [name, check] of columns) if (!check((row as Row)[name])) return false;
    return true;
  };
};
