/**
 * Required literals of a regular expression: a set of strings such that every text the expression
 * matches contains at least one of them. A text that holds none of them cannot match, so the
 * expression need not be tried on it (a few `includes` cost far less than a pattern whose
 * alternations irregexp tries at every position).
 *
 * Derived from the pattern's own source, so a rule added or changed gets its literals with it.
 * Sound by construction on the syntax read here: a literal character is required; a sequence
 * requires what any of its items requires (or the strings it spells, when they are few); an
 * alternation requires the union of what its branches require; an optional or starred item, a
 * character class, a back-reference and every assertion and look-around require nothing. Null
 * when the pattern requires nothing, or uses flags or syntax not read here (`i`, `v`, no `u`,
 * `\c`, astral characters …): such a pattern is tried on every text.
 */

/** The parsed pattern (only what the literals and test samples need). */
export type RegexNode =
  | { t: 'char'; c: string }
  /** A class, `.`, `\w`, `\p{…}`: `chars` when it is a short list of characters, else null. */
  | { t: 'class'; chars: string[] | null; source: string }
  /** `\b`, `^`, `$`, a look-around (`look`, its kind `=`, `!`, `<=` or `<!`): matches no characters. */
  | { t: 'assert'; look: RegexNode | null; kind?: string }
  | { t: 'backref' }
  | { t: 'seq'; items: RegexNode[] }
  | { t: 'alt'; branches: RegexNode[] }
  | { t: 'rep'; node: RegexNode; min: number; max: number };

/** Most strings an item may spell before it counts as "many". */
const MAX_EXACT = 32;
/** Most literals a pattern's set may hold before the pattern is tried on every text. */
const MAX_LITERALS = 48;
/** A class of this many characters or fewer is listed (for spelling sequences like "you[r']"). */
const MAX_CLASS = 6;

class Unsupported extends Error {}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };
const WIDE_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S']);

/** Parses a pattern with the `u` flag (throws Unsupported for syntax not read here). */
export const parseRegex = (source: string): RegexNode => {
  let at = 0;
  const peek = () => source[at];
  const eat = (s: string) => {
    if (source.startsWith(s, at)) {
      at += s.length;
      return true;
    }
    return false;
  };

  /** What follows a backslash: a character, a class (`\w`, `\p{L}`), an assertion or a back-reference. */
  const readEscape = (): { char: string } | { wide: string } | { assert: true } | { backref: true } => {
    const c = source[at++];
    if (c === undefined) throw new Unsupported('trailing backslash');
    if (c === 'b' || c === 'B') return { assert: true };
    if (WIDE_ESCAPES.has(c)) return { wide: `\\${c}` };
    if (c === 'p' || c === 'P') {
      const end = source.indexOf('}', at);
      if (source[at] !== '{' || end < 0) throw new Unsupported('\\p without braces');
      const wide = `\\${c}${source.slice(at, end + 1)}`;
      at = end + 1;
      return { wide };
    }
    if (c >= '1' && c <= '9') {
      while (/[0-9]/.test(source[at] ?? '')) at += 1;
      return { backref: true };
    }
    if (c === 'k') {
      const end = source.indexOf('>', at);
      if (source[at] !== '<' || end < 0) throw new Unsupported('\\k without a name');
      at = end + 1;
      return { backref: true };
    }
    if (c === 'x') {
      const hex = source.slice(at, at + 2);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new Unsupported('bad \\x');
      at += 2;
      return { char: String.fromCharCode(Number.parseInt(hex, 16)) };
    }
    if (c === 'u') {
      const m = /^\{([0-9a-fA-F]+)\}|^([0-9a-fA-F]{4})/.exec(source.slice(at));
      if (!m) throw new Unsupported('bad \\u');
      at += m[0].length;
      const code = Number.parseInt(m[1] ?? m[2]!, 16);
      if (code > 0xffff || (code >= 0xd800 && code <= 0xdfff)) throw new Unsupported('astral \\u');
      return { char: String.fromCharCode(code) };
    }
    if (c in SIMPLE_ESCAPES) {
      if (c === '0' && /[0-9]/.test(source[at] ?? '')) throw new Unsupported('octal escape');
      return { char: SIMPLE_ESCAPES[c]! };
    }
    // With the `u` flag only syntax characters (and `/`, `-` in classes) may be escaped.
    if (/[\^$\\.*+?()[\]{}|/-]/.test(c)) return { char: c };
    throw new Unsupported(`escape \\${c}`);
  };

  const classAtom = (): RegexNode => {
    const start = at - 1;
    const negated = eat('^');
    const chars: string[] = [];
    let wide = negated;
    const member = (): string | null => {
      const c = source[at++];
      if (c === undefined) throw new Unsupported('unterminated class');
      if (c !== '\\') return c;
      const e = readEscape();
      if ('char' in e) return e.char;
      if ('assert' in e) return '\b'; // `[\b]` is a backspace
      if ('backref' in e) throw new Unsupported('back-reference in a class');
      wide = true;
      return null;
    };
    while (peek() !== ']') {
      const from = member();
      if (peek() === '-' && source[at + 1] !== ']' && source[at + 1] !== undefined) {
        at += 1;
        const to = member();
        if (from === null || to === null) throw new Unsupported('range over a class escape');
        const a = from.charCodeAt(0);
        const b = to.charCodeAt(0);
        if (b - a + 1 > MAX_CLASS) wide = true;
        else for (let code = a; code <= b; code += 1) chars.push(String.fromCharCode(code));
      } else if (from !== null) chars.push(from);
    }
    at += 1;
    const unique = [...new Set(chars)];
    return {
      t: 'class',
      chars: wide || unique.length > MAX_CLASS ? null : unique,
      source: source.slice(start, at),
    };
  };

  const atom = (): RegexNode => {
    const c = source[at++]!;
    if (c === '(') {
      if (eat('?:')) return group();
      for (const look of ['?=', '?!', '?<=', '?<!'])
        if (eat(look)) return { t: 'assert', look: group(), kind: look.slice(1) };
      if (eat('?<')) {
        const end = source.indexOf('>', at);
        if (end < 0) throw new Unsupported('unnamed group');
        at = end + 1;
        return group();
      }
      if (peek() === '?') throw new Unsupported('group modifier');
      return group();
    }
    if (c === '[') return classAtom();
    if (c === '.') return { t: 'class', chars: null, source: '.' };
    if (c === '^' || c === '$') return { t: 'assert', look: null };
    if (c === '\\') {
      const e = readEscape();
      if ('char' in e) return { t: 'char', c: e.char };
      if ('wide' in e) return { t: 'class', chars: null, source: e.wide };
      if ('assert' in e) return { t: 'assert', look: null };
      return { t: 'backref' };
    }
    if (c === ')' || c === ']' || c === '{' || c === '}' || c === '*' || c === '+' || c === '?')
      throw new Unsupported(`stray ${c}`);
    return { t: 'char', c };
  };

  const group = (): RegexNode => {
    const inner = alternation();
    if (!eat(')')) throw new Unsupported('unclosed group');
    return inner;
  };

  const quantified = (): RegexNode => {
    const node = atom();
    let min: number;
    let max: number;
    if (eat('?')) [min, max] = [0, 1];
    else if (eat('*')) [min, max] = [0, Number.POSITIVE_INFINITY];
    else if (eat('+')) [min, max] = [1, Number.POSITIVE_INFINITY];
    else {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
      if (!m) return node;
      at += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
    }
    eat('?'); // lazy: matches the same texts
    if (node.t === 'assert' && node.look === null) throw new Unsupported('quantified assertion');
    return { t: 'rep', node, min, max };
  };

  const sequence = (): RegexNode => {
    const items: RegexNode[] = [];
    while (at < source.length && peek() !== '|' && peek() !== ')') items.push(quantified());
    return { t: 'seq', items };
  };

  const alternation = (): RegexNode => {
    const branches = [sequence()];
    while (eat('|')) branches.push(sequence());
    return branches.length === 1 ? branches[0]! : { t: 'alt', branches };
  };

  const tree = alternation();
  if (at !== source.length) throw new Unsupported(`unparsed ${source.slice(at)}`);
  return tree;
};

/**
 * What an item spells (`exact`, null when many) and requires (`required`, null when nothing), and
 * every set of literals it requires (`all`: a match holds a literal of each set; `required` is the
 * best of them).
 */
interface Info {
  exact: string[] | null;
  required: string[] | null;
  all: string[][];
}

/** Drops literals that contain another (a text holding the longer one holds the shorter). */
const reduce = (literals: readonly string[]): string[] => {
  const unique = [...new Set(literals)].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const kept: string[] = [];
  for (const l of unique) if (!kept.some((k) => l.includes(k))) kept.push(l);
  return kept;
};

/** The better of two sets, each of which every match holds one of: the longer shortest literal, then fewer. */
const better = (a: string[] | null, b: string[] | null): string[] | null => {
  if (a === null) return b;
  if (b === null) return a;
  const shortest = (s: string[]) => Math.min(...s.map((l) => l.length));
  if (shortest(a) !== shortest(b)) return shortest(a) > shortest(b) ? a : b;
  return b.length < a.length ? b : a;
};

/** The strings an item spells, as a set it requires (null when one of them is empty). */
const asRequired = (exact: string[] | null): string[] | null =>
  exact === null || exact.includes('') || exact.length > MAX_LITERALS ? null : reduce(exact);

const info = (node: RegexNode): Info => {
  switch (node.t) {
    case 'char':
      return { exact: [node.c], required: [node.c], all: [[node.c]] };
    case 'class': {
      const required = asRequired(node.chars);
      return { exact: node.chars, required, all: required === null ? [] : [required] };
    }
    case 'assert':
      return { exact: [''], required: null, all: [] };
    case 'backref':
      return { exact: null, required: null, all: [] };
    case 'seq': {
      // `whole`: what the whole sequence spells so far (null once too many); `tail`: what the
      // items since the last such break spell, a run every match holds one of.
      let whole: string[] | null = [''];
      let tail: string[] | null = [''];
      let required: string[] | null = null;
      const all: string[][] = [];
      const join = (a: string[] | null, b: string[] | null) =>
        a !== null && b !== null && a.length * b.length <= MAX_EXACT
          ? [...new Set(a.flatMap((x) => b.map((y) => x + y)))]
          : null;
      for (const item of node.items) {
        const i = info(item);
        required = better(required, i.required);
        all.push(...i.all);
        whole = join(whole, i.exact);
        tail = join(tail, i.exact) ?? (i.exact === null ? [''] : [...new Set(i.exact)]);
        const run = asRequired(tail);
        required = better(required, run);
        if (run !== null) all.push(run);
      }
      return { exact: whole, required, all };
    }
    case 'alt': {
      const all = node.branches.map(info);
      const exact = all.every((i) => i.exact !== null) ? [...new Set(all.flatMap((i) => i.exact!))] : null;
      const required = all.every((i) => i.required !== null) ? reduce(all.flatMap((i) => i.required!)) : null;
      const kept = required !== null && required.length <= MAX_LITERALS ? required : null;
      return {
        exact: exact !== null && exact.length <= MAX_EXACT ? exact : null,
        required: kept,
        // (one branch's sets need not hold in another: only the union of their best is required)
        all: kept === null ? [] : [kept],
      };
    }
    case 'rep': {
      const i = info(node.node);
      if (node.min === 0)
        return {
          exact: node.max === 1 && i.exact !== null ? [...new Set(['', ...i.exact])] : null,
          required: null,
          all: [],
        };
      return { exact: node.min === 1 && node.max === 1 ? i.exact : null, required: i.required, all: i.all };
    }
  }
};

/** Most sets of literals a pattern's gate asks for (literalSetsOf). */
const MAX_SETS = 4;

/** Whether a text holding one of `a` holds one of `b`: each literal of `a` contains one of `b`. */
const implies = (a: readonly string[], b: readonly string[]): boolean =>
  a.every((x) => b.some((y) => x.includes(y)));

/** What a pattern's source requires (read with the `u` flag), or null. */
const infoOf = (source: string): Info | null => {
  if (/[\ud800-\udfff]/.test(source)) return null;
  try {
    const i = info(parseRegex(source));
    return i.required === null || i.required.includes('') ? null : i;
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
};

/** The literals of a pattern's source (read with the `u` flag), or null. */
const literalsOf = (source: string): string[] | null => infoOf(source)?.required ?? null;

/** The strongest first (the longer shortest literal, then fewer), none that a stronger one implies, at most MAX_SETS. */
const strongest = (all: readonly string[][]): string[][] => {
  const shortest = (set: readonly string[]) => Math.min(...set.map((l) => l.length));
  const sets = all
    .filter((set) => set.length > 0 && !set.includes(''))
    .map(reduce)
    .sort((a, b) => shortest(b) - shortest(a) || a.length - b.length);
  const kept: string[][] = [];
  for (const set of sets) if (!kept.some((k) => implies(k, set))) kept.push(set);
  return kept.slice(0, MAX_SETS);
};

/** The branches of an alternation (one of which a match is a match of), through nested ones. */
const branchesOf = (node: RegexNode): RegexNode[] =>
  node.t === 'alt'
    ? node.branches.flatMap(branchesOf)
    : node.t === 'seq' && node.items.length === 1
      ? branchesOf(node.items[0]!)
      : [node];

/**
 * For each branch of a pattern's source (its top-level alternation; the whole where it has none),
 * the sets of literals every match of that branch holds one of each of (strongest): null (as
 * literalsOf) when the pattern requires nothing, or one of its branches does.
 */
const literalSetsOf = (source: string): string[][][] | null => {
  if (infoOf(source) === null) return null;
  const branches: string[][][] = [];
  for (const branch of branchesOf(parseRegex(source))) {
    const { required, all } = info(branch);
    if (required === null || required.includes('')) return null;
    const sets = strongest(all);
    if (sets.length === 0) return null;
    branches.push(sets);
  }
  return branches;
};

/**
 * The literals one of which every text `pattern` matches holds, or null (try the pattern on every
 * text): see the module's comment. Case-sensitive patterns only (`u`, with `g`, `y` or `d`).
 */
export const requiredLiterals = (pattern: RegExp): string[] | null =>
  pattern.flags.replace(/[gyd]/g, '') === 'u' ? literalsOf(pattern.source) : null;

/**
 * For each branch of `pattern`'s top-level alternation (the whole pattern where it has none), sets
 * of literals such that every text the branch matches holds a literal of each (at most MAX_SETS,
 * the strongest first): a text `pattern` matches holds a literal of each set of one branch at
 * least. Null: try the pattern on every text. `you(?:'ll|\s+will)\s+regret|drop\s+dead` gives
 * [["you'll", "you"], ["regret"]] and [["drop"], ["dead"]] (a branch's required items each require
 * their own) where requiredLiterals gives only one set for all. Same flags as requiredLiterals.
 */
export const requiredLiteralSets = (pattern: RegExp): string[][][] | null =>
  pattern.flags.replace(/[gyd]/g, '') === 'u' ? literalSetsOf(pattern.source) : null;

const escapeLiteral = (literal: string): string => literal.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/**
 * A test that passes every text some of `patterns` matches: one expression of every pattern's
 * required literals, case-insensitive when a pattern is (`i` compares characters the same way in
 * the pattern and in the literals taken from it, so a text a pattern matches holds a literal in
 * some case). Null when a pattern has no literals or flags not read here.
 */
export const anyLiteralPrefilter = (patterns: readonly RegExp[]): ((text: string) => boolean) | null => {
  const literals: string[] = [];
  let ignoreCase = false;
  for (const pattern of patterns) {
    const flags = pattern.flags.replace(/[gyd]/g, '');
    if (flags !== 'u' && flags !== 'iu') return null;
    ignoreCase ||= flags === 'iu';
    const own = literalsOf(pattern.source);
    if (own === null) return null;
    literals.push(...own);
  }
  if (literals.length === 0) return null;
  const any = new RegExp(reduce(literals).map(escapeLiteral).join('|'), ignoreCase ? 'iu' : 'u');
  return (text) => any.test(text);
};

interface TrieNode {
  next: Map<number, TrieNode>;
  /** The sets of literals (literalsGate's numbers) one of whose literals ends here. */
  patterns: number[];
}

/**
 * For each of `patterns`, whether a text could match it: one scan of the text over a trie of
 * every pattern's required literals (requiredLiterals) marks the patterns whose literal it holds;
 * a pattern without literals is always marked. Returns the marks (1: try the pattern, 0: it
 * cannot match), in an array reused by the next call.
 *
 * With `everySet`, a pattern is marked only when the text holds a literal of each set of one of
 * its branches (requiredLiteralSets): "you" alone, in most of a call's turns, no longer marks a
 * threat that also requires "regret". For a caller that tries the patterns on the very text it gated: without
 * it, a text changed after the scan keeps the one-set argument (see idiomRemover).
 */
export const literalsGate = (
  patterns: readonly RegExp[],
  options: { everySet?: boolean } = {},
): ((text: string) => Uint8Array) => {
  const root: TrieNode = { next: new Map(), patterns: [] };
  const always = new Uint8Array(patterns.length);
  // The distinct sets of literals (by their literals), and each pattern's branches: for each, its
  // number of sets, then the sets' numbers.
  const setIds = new Map<string, number>();
  const setsOf: Int32Array[] = patterns.map(() => new Int32Array(0));
  const addLiteral = (literal: string, id: number) => {
    let node = root;
    for (let i = 0; i < literal.length; i += 1) {
      const code = literal.charCodeAt(i);
      let child = node.next.get(code);
      if (child === undefined) {
        child = { next: new Map(), patterns: [] };
        node.next.set(code, child);
      }
      node = child;
    }
    if (!node.patterns.includes(id)) node.patterns.push(id);
  };
  patterns.forEach((pattern, index) => {
    const branches = options.everySet
      ? requiredLiteralSets(pattern)
      : ((literals) => (literals === null ? null : [[literals]]))(requiredLiterals(pattern));
    if (branches === null || branches.length === 0) {
      always[index] = 1;
      return;
    }
    // Each branch as its number of sets, then their numbers.
    const ids: number[] = [];
    for (const sets of branches) {
      ids.push(sets.length);
      for (const set of sets) {
        const key = set.join('\0');
        let id = setIds.get(key);
        if (id === undefined) {
          id = setIds.size;
          setIds.set(key, id);
          for (const literal of set) addLiteral(literal, id);
        }
        ids.push(id);
      }
    }
    setsOf[index] = Int32Array.from(ids);
  });
  // The trie flattened for the scan: node k's child for an ASCII code c at ascii[k * 128 + c] (-1:
  // none), its other children in wide[k], the sets it ends a literal of in ends[k]. The same
  // walk as over the Maps, without a Map look-up per character.
  const nodes: TrieNode[] = [root];
  const ids = new Map<TrieNode, number>([[root, 0]]);
  for (let k = 0; k < nodes.length; k += 1)
    for (const child of nodes[k]!.next.values()) {
      ids.set(child, nodes.length);
      nodes.push(child);
    }
  const ascii = new Int32Array(nodes.length * 128).fill(-1);
  const wide: (Map<number, number> | null)[] = nodes.map(() => null);
  nodes.forEach((node, k) => {
    for (const [code, child] of node.next) {
      if (code < 128) ascii[k * 128 + code] = ids.get(child)!;
      else {
        const map = wide[k] ?? new Map<number, number>();
        map.set(code, ids.get(child)!);
        wide[k] = map;
      }
    }
  });
  const ends = nodes.map((node) => Int32Array.from(node.patterns));
  const held = new Uint8Array(setIds.size);
  const marks = new Uint8Array(patterns.length);
  return (text) => {
    held.fill(0);
    const n = text.length;
    for (let start = 0; start < n; start += 1) {
      let node = 0;
      for (let i = start; i < n; i += 1) {
        const code = text.charCodeAt(i);
        node = code < 128 ? ascii[node * 128 + code]! : (wide[node]?.get(code) ?? -1);
        if (node < 0) break;
        const end = ends[node]!;
        for (let k = 0; k < end.length; k += 1) held[end[k]!] = 1;
      }
    }
    for (let p = 0; p < marks.length; p += 1) {
      if (always[p] === 1) {
        marks[p] = 1;
        continue;
      }
      // Some branch whose every set the text holds a literal of.
      const sets = setsOf[p]!;
      let any = 0;
      for (let k = 0; k < sets.length && any === 0; ) {
        const count = sets[k]!;
        let all = 1;
        for (let j = k + 1; j <= k + count && all === 1; j += 1) all = held[sets[j]!]!;
        any = all;
        k += count + 1;
      }
      marks[p] = any;
    }
    return marks;
  };
};

/** A test that passes every text `pattern` matches, cheaper than the pattern (always true when no literal is required). */
export const literalGate = (pattern: RegExp): ((text: string) => boolean) => {
  const literals = requiredLiterals(pattern);
  if (literals === null) return () => true;
  if (literals.length === 1) {
    const only = literals[0]!;
    return (text) => text.includes(only);
  }
  return (text) => {
    for (const l of literals) if (text.includes(l)) return true;
    return false;
  };
};
