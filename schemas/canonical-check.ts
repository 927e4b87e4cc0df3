import type { z } from 'zod';

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
const leafTest = (def: Def, source: Source): string | null => {
  switch (def.type) {
    case 'literal': {
      const values = def.values ?? [];
      if (!values.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) return null;
      return `(${values.map((v) => `x === ${JSON.stringify(v)}`).join(' || ') || 'false'})`;
    }
    case 'enum': {
      if (!def.entries || (def.checks ?? []).length > 0) return null;
      return `${constant(source, new Set<unknown>(Object.values(def.entries)))}.has(x)`;
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
        if (!def.pattern) return null;
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
    case 'object':
      return compileObject(def, source);
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
      if (!def.keyType || !def.valueType) return null;
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
    if (!Object.hasOwn(v, k)) return NOT;
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
      const test = leafTest(def, source);
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
 * An object's form: its own keys all of the shape, each value in its form, and then the object
 * itself when its keys are in the shape's order and no value changed, else a new object with the
 * keys in the shape's order (as zod builds it). A key the shape makes optional may be absent; any
 * other key must be there with a value (a key with a default that is absent or undefined would be
 * filled in by zod: left to zod).
 */
const compileObject = (def: Def, source: Source): Node | null => {
  if (def.catchall !== undefined || !def.shape) return null;
  const keys = Object.keys(def.shape);
  const cases: string[] = [];
  let requiredCount = 0;
  for (const [i, key] of keys.entries()) {
    let schema = def.shape[key]!;
    const optional = defOf(schema).type === 'optional';
    if (optional) schema = defOf(schema).innerType!;
    const node = compile(schema, source);
    if (!node) return null;
    if (!optional) requiredCount++;
    cases.push(`case ${i}: ${formOf(node)}${optional ? '' : ' required++;'} break;`);
  }
  const K = constant(source, keys);
  const P = constant(source, new Map(keys.map((k, i) => [k, i])));
  return addFunction(
    source,
    `if (typeof x !== 'object' || x === null || Array.isArray(x)) return NOT;
  const v = x;
  let next = 0;
  let required = 0;
  let values = null;
  for (const k in v) {
    // Nearly always the shape's next key (our code builds objects so): no look-up then.
    const at = k === ${K}[next] ? next : ${P}.get(k);
    if (at === undefined) return NOT;
    const x = v[k];
    if (x === undefined) return NOT;
    let y;
    switch (at) {
      ${cases.join('\n      ')}
    }
    if (values === null && (at < next || y !== x)) {
      values = new Array(${keys.length});
      for (const j in v) {
        if (j === k) break;
        values[${P}.get(j)] = v[j];
      }
    }
    if (values !== null) values[at] = y;
    next = at + 1;
  }
  if (required !== ${requiredCount}) return NOT;
  if (values === null) return v;
  const out = {};
  for (let i = 0; i < ${keys.length}; i++) if (i in values) out[${K}[i]] = values[i];
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
 * objects (no catchall), arrays, records with plain string keys, nullable, optional (in objects),
 * default, literal, enum, boolean, string (regex, minimum length), number (int, bounds). For any
 * other value, `undefined`: zod decides (and gives the error).
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
