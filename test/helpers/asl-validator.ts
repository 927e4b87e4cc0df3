import { createRequire } from 'node:module';

/** asl-validator (CommonJS): validates an ASL document; checkPaths and checkArn for the strict checks. */
export type AslValidator = (
  definition: unknown,
  opts?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errors: unknown[] };
export const validateAsl = createRequire(import.meta.url)('asl-validator') as AslValidator;
