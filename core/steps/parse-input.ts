import { z } from 'zod';
import { InvalidInputError } from '../errors.js';

/** Validate a parsed input file, turning schema violations into a readable, typed error. */
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
      `${key} does not match the expected format:\n${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
};
