import type { z } from 'zod';

/**
 * What a zod schema is made of (zod 4's definition objects, `schema._zod.def`), as far as the
 * compiled checks read it: the lake's row check (adapters/lake/row-check.ts) and the canonical form
 * (schemas/canonical-check.ts).
 */
export interface ZodDef {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: unknown;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  values?: unknown[];
  entries?: Record<string, string | number>;
  defaultValue?: unknown;
  format?: string;
  pattern?: RegExp;
  checks?: { _zod: { def: ZodCheckDef } }[];
}

/** One of a schema's checks (`.min`, `.regex`, a string format…). */
export interface ZodCheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  value?: unknown;
  inclusive?: boolean;
  minimum?: number;
}

export const defOf = (schema: z.ZodType): ZodDef => schema._zod.def as unknown as ZodDef;
