import type { z } from 'zod';
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

/** Validate a parsed input file, turning schema violations into a readable, typed, one-line error. */
export const parseInput = <T extends z.ZodType>(
  schema: T,
  value: unknown,
  label: string,
  key: string,
): z.infer<T> => {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InvalidInputError(
      label,
      `${fileNameOf(key)} does not match the expected format: ${issueSummary(parsed.error)}`,
    );
  }
  return parsed.data;
};
