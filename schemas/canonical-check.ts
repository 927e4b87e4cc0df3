import type { z } from 'zod';

type Check = (value: unknown) => boolean;
/** The value in zod's form (itself, or a copy with an object's keys put in order), or NOT. */
type Form = (value: unknown) => unknown;
const NOT: unique symbol = Symbol('not canonical');

/** What a schema is made of (zod 4's definition objects, as far as they are read here). */
interface Def {
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
  checks?: { _zod: { def: CheckDef } }[];
}
interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  value?: unknown;
  inclusive?: boolean;
  minimum?: number;
}

const defOf = (schema: z.ZodType): Def => schema._zod.def as unknown as Def;

const matches = (pattern: RegExp, value: string): boolean => {
  pattern.lastIndex = 0;
  return pattern.test(value);
};

const isRecordObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A number check (`int()`, `nonnegative()`, `min()`, `max()`...), or null for any other. */
const numberCheck = (c: CheckDef): Check | null => {
  if (c.check === 'number_format' && c.format === 'safeint') return (v) => Number.isSafeInteger(v);
  if (typeof c.value !== 'number') return null;
  const bound = c.value;
  if (c.check === 'greater_than')
    return c.inclusive ? (v) => (v as number) >= bound : (v) => (v as number) > bound;
  if (c.check === 'less_than')
    return c.inclusive ? (v) => (v as number) <= bound : (v) => (v as number) < bound;
  return null;
};

/**
 * A string check, or null for any other. zod counts a minimum length in code points: a string of
 * at least twice the minimum in UTF-16 units has enough whatever it holds, and a minimum of 1 is
 * met by any non-empty string; in between the check says no and zod decides.
 */
const stringCheck = (c: CheckDef): Check | null => {
  if (c.check === 'string_format' && c.format === 'regex' && c.pattern) {
    const pattern = c.pattern;
    return (v) => matches(pattern, v as string);
  }
  if (c.check === 'min_length' && typeof c.minimum === 'number') {
    const min = c.minimum;
    return (v) => (v as string).length >= 2 * min || (min <= 1 && (v as string).length >= min);
  }
  return null;
};

const allOf = (base: Check, checks: Check[]): Check => {
  if (checks.length === 0) return base;
  if (checks.length === 1) {
    const [one] = checks as [Check];
    return (v) => base(v) && one(v);
  }
  return (v) => {
    if (!base(v)) return false;
    for (let i = 0; i < checks.length; i++) if (!checks[i]!(v)) return false;
    return true;
  };
};

const checksOf = (def: Def, one: (c: CheckDef) => Check | null): Check[] | null => {
  const out: Check[] = [];
  for (const c of def.checks ?? []) {
    const check = one(c._zod.def);
    if (!check) return null;
    out.push(check);
  }
  return out;
};

/** A leaf's form: the value itself when the check passes. */
const leaf =
  (check: Check): Form =>
  (v) =>
    check(v) ? v : NOT;

/**
 * An object's form: its own keys all of the shape, each value in its form, and then the object
 * itself when its keys are in the shape's order and no value changed, else a new object with the
 * keys in the shape's order (as zod builds it). A key the shape makes optional may be absent; any
 * other key must be there with a value (a key with a default that is absent or undefined would be
 * filled in by zod: left to zod).
 */
const objectForm = (def: Def): Form | null => {
  if (def.catchall !== undefined || !def.shape) return null;
  const keys = Object.keys(def.shape);
  const position = new Map<string, number>();
  const forms: Form[] = [];
  const required: boolean[] = [];
  for (const [i, key] of keys.entries()) {
    let schema = def.shape[key]!;
    const optional = defOf(schema).type === 'optional';
    if (optional) schema = defOf(schema).innerType!;
    const form = canonicalForm(schema);
    if (!form) return null;
    position.set(key, i);
    forms.push(form);
    required.push(!optional);
  }
  const requiredCount = required.filter(Boolean).length;
  return (v) => {
    if (!isRecordObject(v)) return NOT;
    let next = 0;
    let requiredSeen = 0;
    let same = true;
    let values: unknown[] | null = null;
    for (const key in v) {
      if (!Object.hasOwn(v, key)) return NOT;
      // Nearly always the shape's next key (our code builds objects so): no look-up then.
      const at = key === keys[next] ? next : position.get(key);
      if (at === undefined) return NOT;
      const value = v[key];
      if (value === undefined) return NOT;
      const formed = forms[at]!(value);
      if (formed === NOT) return NOT;
      if (at < next || formed !== value) same = false;
      if (required[at]) requiredSeen++;
      if (!same && values === null) {
        values = new Array(keys.length);
        for (const k in v) {
          if (k === key) break;
          values[position.get(k)!] = v[k];
        }
      }
      if (values) values[at] = formed;
      next = at + 1;
    }
    if (requiredSeen !== requiredCount) return NOT;
    if (same) return v;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) if (i in values!) out[keys[i]!] = values![i];
    return out;
  };
};

/**
 * `schema`'s form, or null when the schema uses anything not handled here (then only zod can
 * tell). Handled: objects (no catchall), arrays, records with plain string keys, nullable,
 * optional (in objects), default, literal, enum, boolean, string (regex, minimum length), number
 * (int, bounds).
 */
const canonicalForm = (schema: z.ZodType): Form | null => {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return objectForm(def);
    case 'array': {
      if ((def.checks ?? []).length > 0 || !def.element) return null;
      const element = canonicalForm(def.element);
      return (
        element &&
        ((v) => {
          if (!Array.isArray(v)) return NOT;
          let out: unknown[] | null = null;
          for (let i = 0; i < v.length; i++) {
            if (!(i in v)) return NOT;
            const formed = element(v[i]);
            if (formed === NOT) return NOT;
            if (formed !== v[i] && out === null) out = v.slice(0, i);
            if (out) out.push(formed);
          }
          return out ?? v;
        })
      );
    }
    case 'record': {
      if (!def.keyType || !def.valueType) return null;
      const keyDef = defOf(def.keyType);
      if (keyDef.type !== 'string' || (keyDef.checks ?? []).length > 0 || keyDef.format !== undefined)
        return null;
      const value = canonicalForm(def.valueType);
      return (
        value &&
        ((v) => {
          if (!isRecordObject(v) || Object.getPrototypeOf(v) !== Object.prototype) return NOT;
          if (Object.getOwnPropertySymbols(v).length > 0) return NOT;
          let out: Record<string, unknown> | null = null;
          for (const key in v) {
            if (!Object.hasOwn(v, key)) return NOT;
            const formed = value(v[key]);
            if (formed === NOT) return NOT;
            if (formed !== v[key] && out === null) {
              out = {};
              for (const k in v) {
                if (k === key) break;
                out[k] = v[k];
              }
            }
            if (out) out[key] = formed;
          }
          return out ?? v;
        })
      );
    }
    case 'nullable': {
      const inner = def.innerType ? canonicalForm(def.innerType) : null;
      return inner && ((v) => (v === null ? v : inner(v)));
    }
    // A value that is there is what zod keeps; an absent one it would fill in (left to zod).
    case 'default': {
      const inner = def.innerType ? canonicalForm(def.innerType) : null;
      return inner && ((v) => (v === undefined ? NOT : inner(v)));
    }
    case 'literal': {
      const values = def.values ?? [];
      if (!values.every((x) => x === null || ['string', 'number', 'boolean'].includes(typeof x))) return null;
      return leaf((v) => values.includes(v));
    }
    case 'enum': {
      if (!def.entries || (def.checks ?? []).length > 0) return null;
      const values = new Set<unknown>(Object.values(def.entries));
      return leaf((v) => values.has(v));
    }
    case 'boolean':
      return (def.checks ?? []).length === 0 ? leaf((v) => typeof v === 'boolean') : null;
    case 'string': {
      const checks = checksOf(def, stringCheck);
      if (!checks) return null;
      if (def.format !== undefined) {
        if (!def.pattern) return null;
        const pattern = def.pattern;
        checks.unshift((v) => matches(pattern, v as string));
      }
      return leaf(allOf((v) => typeof v === 'string', checks));
    }
    case 'number': {
      if (def.format !== undefined && def.format !== 'safeint') return null;
      const checks = checksOf(def, numberCheck);
      if (!checks) return null;
      const base: Check =
        def.format === 'safeint'
          ? (v) => Number.isSafeInteger(v)
          : (v) => typeof v === 'number' && Number.isFinite(v);
      return leaf(allOf(base, checks));
    }
    default:
      return null;
  }
};

/**
 * What `schema.parse(value)` returns, when it is quick to tell: for a value whose every object is
 * a plain one with only the shape's keys, every value of its type and passing its checks, and
 * nothing for zod to fill in (defaults), the value itself, or (when some object's keys are not in
 * its shape's order) a copy of the objects on the way to it with their keys in that order, the
 * rest shared. That is equal to zod's copy, key for key and in the same order, so
 * `JSON.stringify` gives the same bytes for both; zod's copy of the whole value is saved. The
 * checks are read from the schema itself (null when it uses anything this does not handle). For
 * any other value, `undefined`: zod decides (and gives the error).
 */
export const compileCanonicalForm = <T extends z.ZodType>(
  schema: T,
): ((value: unknown) => z.output<T> | undefined) | null => {
  const form = canonicalForm(schema);
  if (!form) return null;
  return (value) => {
    const formed = form(value);
    return formed === NOT ? undefined : (formed as z.output<T>);
  };
};
