import type { z } from 'zod';
import { compileCanonicalForm } from '../../schemas/canonical-check.js';
import { fileNameOf } from '../call-store.js';
import { InvalidInputError } from '../errors.js';

/** `Transcript[3].EndOffsetMillis` from a zod issue path. */
const pathText = (path: readonly PropertyKey[]): string =>
  path.length === 0
    ? '(top level)'
    : path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');

/** The first problem in one line, and how many more there are: quarantine reasons stay readable. */
export const issueSummary = (error: z.ZodError): string => {
  const [first, ...rest] = error.issues;
  if (!first) return 'invalid';
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})`;
  return `${pathText(first.path)}: ${first.message}${more}`;
};

/** Each schema's canonical form (schemas/canonical-check.ts), made the first time it is used; null: zod's. */
const forms = new WeakMap<z.ZodType, ((value: unknown) => unknown) | null>();

const formOf = (schema: z.ZodType): ((value: unknown) => unknown) | null => {
  let form = forms.get(schema);
  if (form === undefined) {
    form = compileCanonicalForm(schema);
    forms.set(schema, form);
  }
  return form;
};

/**
 * Validate a parsed input file, turning schema violations into a readable, typed, one-line error.
 * The value is what `schema.parse` returns: where the schema's canonical form can tell (a
 * transcript JSON.parse gave: its loose objects' other keys kept as they are), the value itself,
 * or a copy of only the objects whose keys are out of the schema's order, instead of zod's copy
 * of it all; so the caller must not change `value` afterwards (ours read their file's JSON once,
 * for this). Anything else, and every error, is zod's.
 */
export const parseInput = <T extends z.ZodType>(
  schema: T,
  value: unknown,
  label: string,
  key: string,
): z.infer<T> => {
  const formed = formOf(schema)?.(value);
  if (formed !== undefined) return formed as z.infer<T>;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InvalidInputError(
      label,
      `${fileNameOf(key)} does not match the expected format: ${issueSummary(parsed.error)}`,
    );
  }
  return parsed.data;
};
