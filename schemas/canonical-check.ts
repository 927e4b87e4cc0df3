import type { z } from 'zod';
import { defOf, type ZodDef } from './zod-def.js';

type Def = ZodDef;

/** A schema with refinements of its own (`.refine`, `.check`): only strings' and numbers' are read. */
const refined = (schema: z.ZodType): boolean => (defOf(schema).checks ?? []).length > 0;

/**
 * An object's `.refine(fn)` checks as their functions, or null when it has any other check
 * (`.superRefine`, `.check`: code that may add issues of its own or change the value). zod calls a
 * refinement's function with the value it returns and accepts any truthy answer; the form calls it
 * with its own answer, which is equal to zod's, and answers only on `true` (a Promise, a falsy or
 * any other answer is left to zod). A refinement must be pure (it is called once more, by zod, on
 * a value the form declines).
 */
const refinements = (schema: z.ZodType): ((value: unknown) => unknown)[] | null => {
  const fns: ((value: unknown) => unknown)[] = [];
  for (const c of defOf(schema).checks ?? []) {
    const d = c._zod.def as { type?: string; check: string; fn?: unknown };
    if (d.type !== 'custom' || d.check !== 'custom' || typeof d.fn !== 'function') return null;
    fns.push(d.fn as (value: unknown) => unknown);
  }
  return fns;
};

/**
 * String formats whose zod check is their pattern alone (others add a test in code of their own:
 * url, ipv6, cidrv6, base64, base64url, jwt, credit card, iban, a custom format).
 */
const PATTERN_FORMATS = new Set([
  'guid',
  'uuid',
  'email',
  'emoji',
  'nanoid',
  'cuid',
  'cuid2',
  'ulid',
  'xid',
  'ksuid',
  'datetime',
  'date',
  'time',
  'duration',
  'ipv4',
  'mac',
  'cidrv4',
  'e164',
]);

/**
 * The generated source of a schema's form: each object, array and record is a function that
 * returns the value itself, a copy with an object's keys put in the shape's order, or NOT; each
 * other schema an expression over `x` (true when the value is one zod keeps as it is).
 */
interface Source {
  functions: string[];
  /** Values the code reads by index: enum sets, regexes, key lists and positions. */
  constants: unknown[];
}

type Node = { kind: 'leaf'; test: string } | { kind: 'function'; name: string };

const constant = (source: Source, value: unknown): string => {
  source.constants.push(value);
  return `C[${source.constants.length - 1}]`;
};

/** A leaf's test of `x`, or null when the schema uses anything not handled here. */
const leafTest = (schema: z.ZodType, source: Source): string | null => {
  const def = defOf(schema);
  switch (def.type) {
    case 'literal':
    case 'enum': {
      // zod's own set of values (a numeric TypeScript enum's names are not among them), tested as
      // zod tests it (a literal Infinity or NaN is not JSON's null).
      const values = (schema._zod as { values?: Set<unknown> }).values;
      if (!values || refined(schema)) return null;
      return `${constant(source, new Set(values))}.has(x)`;
    }
    case 'boolean':
      return (def.checks ?? []).length === 0 ? `typeof x === 'boolean'` : null;
    case 'string': {
      const tests = [`typeof x === 'string'`];
      const regex = (pattern: RegExp) => {
        const p = constant(source, pattern);
        return `(${p}.lastIndex = 0, ${p}.test(x))`;
      };
      if (def.format !== undefined) {
        if (
          !def.pattern ||
          !PATTERN_FORMATS.has(def.format) ||
          schema._zod.traits.has('$ZodCustomStringFormat')
        )
          return null;
        tests.push(regex(def.pattern));
      }
      for (const c of def.checks ?? []) {
        const d = c._zod.def;
        if (d.check === 'string_format' && d.format === 'regex' && d.pattern) tests.push(regex(d.pattern));
        // zod counts a minimum length in code points: at least twice the minimum in UTF-16 units
        // is enough whatever the string holds, and a minimum of 1 is met by any non-empty string;
        // in between the form says no and zod decides.
        else if (d.check === 'min_length' && typeof d.minimum === 'number')
          tests.push(d.minimum <= 1 ? `x.length >= ${d.minimum}` : `x.length >= ${2 * d.minimum}`);
        else return null;
      }
      return `(${tests.join(' && ')})`;
    }
    case 'number': {
      if (def.format !== undefined && def.format !== 'safeint') return null;
      const tests = [
        def.format === 'safeint' ? 'Number.isSafeInteger(x)' : `typeof x === 'number' && Number.isFinite(x)`,
      ];
      for (const c of def.checks ?? []) {
        const d = c._zod.def;
        if (d.check === 'number_format' && d.format === 'safeint') tests.push('Number.isSafeInteger(x)');
        else if (typeof d.value !== 'number') return null;
        else if (d.check === 'greater_than') tests.push(`x ${d.inclusive ? '>=' : '>'} ${d.value}`);
        else if (d.check === 'less_than') tests.push(`x ${d.inclusive ? '<=' : '<'} ${d.value}`);
        else return null;
      }
      return `(${tests.join(' && ')})`;
    }
    default:
      return null;
  }
};

/**
 * Statements that give `y` the form of `x` under `node` (or return NOT from the enclosing
 * function): a leaf's test, or a call of the node's function.
 */
const formOf = (node: Node): string =>
  node.kind === 'leaf'
    ? `if (!(${node.test})) return NOT; y = x;`
    : `y = ${node.name}(x); if (y === NOT) return NOT;`;

/** `schema`'s node (its code added to `source`), or null when it uses anything not handled here. */
const compile = (schema: z.ZodType, source: Source): Node | null => {
  const def = defOf(schema);
  switch (def.type) {
    case 'nullable':
    case 'default': {
      if (refined(schema)) return null;
      const inner = def.innerType ? compile(def.innerType, source) : null;
      if (!inner) return null;
      // A default's value that is there is what zod keeps; an absent one it would fill in (NOT).
      const guard = def.type === 'nullable' ? 'x === null' : 'x === undefined';
      const onGuard = def.type === 'nullable' ? 'return x;' : 'return NOT;';
      if (inner.kind === 'leaf')
        return {
          kind: 'leaf',
          test:
            def.type === 'nullable' ? `(x === null || ${inner.test})` : `(x !== undefined && ${inner.test})`,
        };
      return addFunction(source, `if (${guard}) ${onGuard} return ${inner.name}(x);`);
    }
    case 'object': {
      const fns = refinements(schema);
      if (!fns) return null;
      const object = compileObject(def, source);
      if (!object || fns.length === 0) return object;
      const calls = fns.map((fn) => `if (${constant(source, fn)}(y) !== true) return NOT;`).join(' ');
      return addFunction(source, `let y; ${formOf(object)} ${calls} return y;`);
    }
    case 'array': {
      if ((def.checks ?? []).length > 0 || !def.element) return null;
      const element = compile(def.element, source);
      if (!element) return null;
      return addFunction(
        source,
        `if (!Array.isArray(x)) return NOT;
  const v = x;
  let out = null;
  for (let i = 0; i < v.length; i++) {
    if (!(i in v)) return NOT;
    const x = v[i];
    let y;
    ${formOf(element)}
    if (y !== x && out === null) out = v.slice(0, i);
    if (out !== null) out.push(y);
  }
  return out === null ? v : out;`,
      );
    }
    case 'record': {
      if (!def.keyType || !def.valueType || refined(schema)) return null;
      const keyDef = defOf(def.keyType);
      if (keyDef.type !== 'string' || (keyDef.checks ?? []).length > 0 || keyDef.format !== undefined)
        return null;
      const value = compile(def.valueType, source);
      if (!value) return null;
      return addFunction(
        source,
        `if (typeof x !== 'object' || x === null || Object.getPrototypeOf(x) !== Object.prototype) return NOT;
  if (Object.getOwnPropertySymbols(x).length > 0) return NOT;
  const v = x;
  let out = null;
  for (const k in v) {
    // A copy's '__proto__' would set its prototype, not a key: left to zod.
    if (!Object.hasOwn(v, k) || k === '__proto__') return NOT;
    const x = v[k];
    let y;
    ${formOf(value)}
    if (y !== x && out === null) {
      out = {};
      for (const j in v) {
        if (j === k) break;
        out[j] = v[j];
      }
    }
    if (out !== null) out[k] = y;
  }
  return out === null ? v : out;`,
      );
    }
    default: {
      const test = leafTest(schema, source);
      return test === null ? null : { kind: 'leaf', test };
    }
  }
};

const addFunction = (source: Source, body: string): Node => {
  const name = `f${source.functions.length}`;
  source.functions.push(`function ${name}(x) {\n  ${body}\n}`);
  return { kind: 'function', name };
};

/**
 * Whether an object's catchall keeps every other key's value as it is (`z.looseObject`,
 * `.loose()`, `.passthrough()`: an unknown or any schema without checks).
 */
const keepsOtherKeys = (catchall: unknown): boolean => {
  if (catchall === undefined) return false;
  const def = defOf(catchall as z.ZodType);
  return (def.type === 'unknown' || def.type === 'any') && (def.checks ?? []).length === 0;
};

/**
 * An object's form: its own keys all of the shape, each value in its form, and then the object
 * itself when its keys are in the shape's order and no value changed, else a new object with the
 * keys in the shape's order (as zod builds it). A key the shape makes optional may be absent; any
 * other key must be there with a value (a key with a default that is absent or undefined would be
 * filled in by zod: left to zod). A loose object (`z.looseObject`) may have other keys too: zod
 * keeps their values as they are, after the shape's keys, in the value's own order; so the value
 * itself is its form when no shape key comes after another key, else a copy in zod's order. An
 * other key `__proto__` (JSON.parse makes one) zod leaves out of its copy: left to zod.
 */
const compileObject = (def: Def, source: Source): Node | null => {
  const loose = keepsOtherKeys(def.catchall);
  if ((def.catchall !== undefined && !loose) || !def.shape) return null;
  const keys = Object.keys(def.shape);
  const cases: string[] = [];
  let requiredCount = 0;
  for (const [i, key] of keys.entries()) {
    let schema = def.shape[key]!;
    const optional = defOf(schema).type === 'optional';
    if (optional) {
      // An optional default (or anything zod reads as optional inside) is filled in when absent.
      if (refined(schema)) return null;
      schema = defOf(schema).innerType!;
      if (schema._zod.optin !== undefined) return null;
    }
    const node = compile(schema, source);
    if (!node) return null;
    if (!optional) requiredCount++;
    cases.push(`case ${i}: ${formOf(node)}${optional ? '' : ' required++;'} break;`);
  }
  const K = constant(source, keys);
  const P = constant(source, new Map(keys.map((k, i) => [k, i])));
  return addFunction(
    source,
    `if (typeof x !== 'object' || x === null || Object.getPrototypeOf(x) !== Object.prototype) return NOT;
  const v = x;
  let seen = 0;
  let next = 0;
  let required = 0;
  let values = null;
  let other = false;
  for (const k in v) {
    // Nearly always the shape's next key (our code builds objects so): no look-up then.
    const at = k === ${K}[next] ? next : ${P}.get(k);
    const x = v[k];
    if (x === undefined) return NOT;
    if (at === undefined) {
      ${
        loose
          ? `if (k === '__proto__' || !Object.hasOwn(v, k)) return NOT;
      other = true;
      continue;`
          : 'return NOT;'
      }
    }
    let y;
    switch (at) {
      ${cases.join('\n      ')}
    }
    if (values === null && (at < next || y !== x || other)) {
      values = new Array(${keys.length});
      for (const j in v) {
        if (j === k) break;
        const p = ${P}.get(j);
        if (p !== undefined) values[p] = v[j];
      }
    }
    if (values !== null) values[at] = y;
    next = at + 1;
    seen++;
  }
  if (required !== ${requiredCount}) return NOT;
  // A key of the shape not seen above may still be there for zod (not enumerable, inherited).
  if (seen !== ${keys.length}) for (let i = 0; i < ${keys.length}; i++) if (${K}[i] in v && !Object.prototype.propertyIsEnumerable.call(v, ${K}[i])) return NOT;
  if (values === null) return v;
  const out = {};
  for (let i = 0; i < ${keys.length}; i++) if (i in values) out[${K}[i]] = values[i];${
    loose
      ? `
  if (other) for (const k in v) if (!${P}.has(k)) out[k] = v[k];`
      : ''
  }
  return out;`,
  );
};

/**
 * What `schema.parse(value)` returns, when it is quick to tell: for a value whose every object is
 * a plain one with only the shape's keys, every value of its type and passing its checks, and
 * nothing for zod to fill in (defaults), the value itself, or (when some object's keys are not in
 * its shape's order) a copy of the objects on the way to it with their keys in that order, the
 * rest shared. That is equal to zod's copy, key for key and in the same order, so
 * `JSON.stringify` gives the same bytes for both; zod's copy of the whole value is saved. The
 * checks are read from the schema itself and compiled to code, as zod compiles its own (null when
 * the schema uses anything this does not handle, or code cannot be compiled here). Handled:
 * objects (no catchall, or loose: other keys kept as they are; `.refine`s), arrays, records with
 * plain string keys, nullable, optional (in objects), default, literal, enum, boolean, string
 * (regex, minimum length), number (int, bounds). For any
 * other value, `undefined`: zod decides (and gives the error). Objects must be plain (their
 * prototype Object.prototype); a getter is read once, as zod reads it, and stays a getter in the
 * value returned (our steps build no getters).
 */
export const compileCanonicalForm = <T extends z.ZodType>(
  schema: T,
): ((value: unknown) => z.output<T> | undefined) | null => {
  const source: Source = { functions: [], constants: [] };
  const root = compile(schema, source);
  if (!root) return null;
  const NOT = Symbol('not canonical');
  let form: (value: unknown) => unknown;
  try {
    const body = `${source.functions.join('\n')}\nreturn ${root.kind === 'leaf' ? `(x) => ((${root.test}) ? x : NOT)` : root.name};`;
    form = new Function('NOT', 'C', body)(NOT, source.constants) as (value: unknown) => unknown;
  } catch {
    return null;
  }
  return (value) => {
    const formed = form(value);
    return formed === NOT ? undefined : (formed as z.output<T>);
  };
};
