import { describe, expect, it } from 'vitest';
import { BENIGN_NAMES } from '../../adapters/local/toxicity/lexicon-toxicity-detector.js';
import {
  anyLiteralPrefilter,
  literalsGate,
  parseRegex,
  type RegexNode,
  requiredLiteralSets,
  requiredLiterals,
} from '../../adapters/local/toxicity/required-literals.js';
import { STRUCTURE_PATTERNS } from '../../adapters/local/toxicity/structure.js';
import { BENIGN_IDIOMS, MILD_PROFANITY, TOXIC_PHRASES } from '../../adapters/local/toxicity/toxic-phrases.js';

/** A small seeded generator (mulberry32), so a failure repeats. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const ALPHABET = [..."abcdefghijklmnopqrstuvwxyz0123456789 .,!?'-*[]&@$"];

/**
 * A random string the parsed pattern spells, reading the tree independently of how the literals
 * are derived: a random branch, a random count of each repeat, a random character of each class.
 * A positive look-around spells its text where it stands; negative ones, \b and back-references
 * spell nothing (the sample may then not match; such samples are dropped).
 */
const sample = (node: RegexNode, random: () => number): string => {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  switch (node.t) {
    case 'char':
      return node.c;
    case 'class': {
      const test = new RegExp(`^(?:${node.source})$`, 'u');
      const fits = ALPHABET.filter((c) => test.test(c));
      return fits.length === 0 ? '' : pick(fits);
    }
    case 'assert':
      // A positive look-around's text, where it stands (right for one at either end).
      return node.look !== null && (node.kind === '=' || node.kind === '<=') ? sample(node.look, random) : '';
    case 'backref':
      return '';
    case 'seq':
      return node.items.map((i) => sample(i, random)).join('');
    case 'alt':
      return sample(pick(node.branches), random);
    case 'rep': {
      const count = node.min + Math.floor(random() * (Math.min(node.max, node.min + 3) - node.min + 1));
      return Array.from({ length: count }, () => sample(node.node, random)).join('');
    }
  }
};

/** Both gates pass the text: one set of literals per pattern, and every set of one of its branches. */
const gatePasses = (pattern: RegExp, text: string) =>
  literalsGate([pattern])(text)[0] === 1 && literalsGate([pattern], { everySet: true })(text)[0] === 1;

describe('requiredLiterals', () => {
  it('finds the literals every match holds', () => {
    expect(requiredLiterals(/\bkill(?:ing)?\s+you\b/u)).toEqual(['kill']);
    expect(requiredLiterals(/\b(?:you're|you\s+are|ur)\s+\w+/u)).toEqual(['ur', 'you']);
    expect(requiredLiterals(/\bgod\s*damn\w*|\bdamn(?:ed|it)?\b|\bdammit\b/u)).toEqual(['damn', 'dammit']);
    // Short spelled sequences are joined ("you[r']" spells two strings).
    expect(requiredLiterals(/\byou[r']\s/u)).toEqual(["you'", 'your']);
    // A required repeat counts once; an optional part spells both ways, or nothing once too long.
    expect(requiredLiterals(/(?:ab)+c?/u)).toEqual(['ab']);
    expect(requiredLiterals(/x(?:hello)?y/u)).toEqual(['xy', 'xhelloy']);
    expect(requiredLiterals(/x(?:hello)*y/u)).toEqual(['x']);
    expect(requiredLiterals(/\[masked\]/u)).toEqual(['[masked]']);
  });

  it('requires nothing of what may match no text of its own: optional items, classes, look-arounds', () => {
    expect(requiredLiterals(/(?:hello)?/u)).toBeNull();
    expect(requiredLiterals(/hello|\w+/u)).toBeNull();
    expect(requiredLiterals(/(?=hello)\w+/u)).toBeNull();
    expect(requiredLiterals(/(?<!hello )\w+/u)).toBeNull();
    expect(requiredLiterals(/[^a]{2,}/u)).toBeNull();
    expect(requiredLiterals(/(\w)\1/u)).toBeNull();
    expect(requiredLiterals(/a{0,3}/u)).toBeNull();
  });

  it('declines flags and syntax it does not read: the pattern is then tried on every text', () => {
    expect(requiredLiterals(/hello/iu)).toBeNull();
    expect(requiredLiterals(/hello/)).toBeNull();
    expect(requiredLiterals(/hello/su)).toBeNull();
    expect(requiredLiterals(/hello\cJ/u)).toBeNull();
    expect(requiredLiterals(/hello😀/u)).toBeNull();
    expect(gatePasses(/hello/iu, 'HELLO')).toBe(true);
    expect(gatePasses(/hello/iu, 'nothing')).toBe(true);
  });

  it('is sound on random strings of hand-made patterns: a text a pattern matches passes its gate', () => {
    const random = seeded(17);
    const patterns = [
      /\b(?:ab|cd)+e?f{1,2}\b/u,
      /x(?:y|z[0-9]|)w/u,
      /(?:a|b\s+c)[.!?]\s*(?:d|e)/u,
      /[a-c]{2}(?:de|f)?g/u,
      /(?:foo|fo|f)(?:o|)bar/u,
      /\bq(?!u)\w/u,
    ];
    let matched = 0;
    for (const pattern of patterns) {
      const tree = parseRegex(pattern.source);
      for (let i = 0; i < 300; i += 1) {
        const text = `${sample(tree, random)}`;
        for (const t of [text, ` ${text} `, `z${text}z`]) {
          if (!pattern.test(t)) continue;
          matched += 1;
          expect(gatePasses(pattern, t), `${pattern.source} on ${JSON.stringify(t)}`).toBe(true);
        }
      }
      // And on random letters, spaces and punctuation.
      for (let i = 0; i < 2000; i += 1) {
        const t = Array.from({ length: 12 }, () => ALPHABET[Math.floor(random() * 12)]!).join('');
        if (pattern.test(t)) expect(gatePasses(pattern, t), `${pattern.source} on ${t}`).toBe(true);
      }
    }
    expect(matched).toBeGreaterThan(1000);
  });

  /**
   * Every phrase rule, the ones to come included: texts spelled from the rule's own pattern that
   * the rule matches must pass the gate. A rule the gate would skip fails here whatever the
   * evaluation sets hold.
   */
  it.each([...TOXIC_PHRASES, ...MILD_PROFANITY].map((p, i) => [i, p.label, p.pattern] as const))(
    'passes texts spelled from phrase rule %i (%s)',
    (_, __, pattern) => {
      const random = seeded(pattern.source.length);
      const tree = parseRegex(pattern.source);
      const gate = literalsGate([pattern]);
      const everySet = literalsGate([pattern], { everySet: true });
      let matched = 0;
      for (let i = 0; i < 400; i += 1) {
        const text = sample(tree, random);
        for (const t of [text, ` ${text} `, `well, ${text}.`]) {
          if (!pattern.test(t)) continue;
          matched += 1;
          expect(gate(t)[0], JSON.stringify(t)).toBe(1);
          expect(everySet(t)[0], JSON.stringify(t)).toBe(1);
        }
      }
      expect(requiredLiterals(pattern)).not.toBeNull();
      expect(matched).toBeGreaterThan(0);
    },
  );

  /**
   * The sentence-structure rules (structure.ts) try only the patterns the gate marks: texts spelled
   * from each pattern that it matches must be marked, the pattern among all the others.
   */
  it.each(STRUCTURE_PATTERNS.map((pattern, i) => [i, pattern] as const))(
    'marks texts spelled from structure pattern %i',
    (i, pattern) => {
      const random = seeded(1000 + pattern.source.length);
      const tree = parseRegex(pattern.source);
      // (as structure.ts gates them: every set of a branch)
      const gate = literalsGate(STRUCTURE_PATTERNS, { everySet: true });
      let matched = 0;
      // A pattern whose subject is a look-behind at its end, or whose parts lie sentences apart,
      // which the samples do not spell: texts written for it.
      const written = [
        'i want to hear you grovel',
        'make you beg',
        'those people breed like rats',
        'immigrants are vermin',
        'immigrants smell awful',
        // Rules v6: a knowledge and a race across sentences, an injury with its person behind it.
        "i know which branch you're in. you'd want it paid before i do.",
        "i'd stamp on his fingers till they cracked",
        // Rules v8: a group looked for behind its predicate.
        "immigrants, they're thieves, the lot of them",
        'women like you should go back to the kitchen',
        // Rules v9: a warning sentences after a knowledge, a condition, a speaker or a group behind.
        'i know where your boss parks. shame if something happened to it.',
        "if my money isn't back someone is getting hurt",
        "i'll ring until they sack you",
        'nice lips, i bet you know how to use them',
        'foreigners, send them back where they came from',
        'foreign gangs are all thieves',
        // Rules v10: a speaker behind the damage promised, the listener's people behind the house, a group
        // behind its predicate.
        "i'll be there and the windows won't be the only thing that gets it",
        "tell your boss i'll be round his house with a hammer",
        "they're not even human, the lot of them",
        'those people live like pigs',
      ];
      for (let n = 0; n < 400; n += 1) {
        const text = sample(tree, random);
        for (const t of [
          text,
          ` ${text} `,
          `well, ${text}.`,
          `you ${text} you.`,
          ...(n === 0 ? written : []),
        ]) {
          if (!pattern.test(t)) continue;
          matched += 1;
          expect(gate(t)[i], JSON.stringify(t)).toBe(1);
        }
      }
      expect(matched).toBeGreaterThan(0);
    },
  );

  it('with everySet, asks for a literal of each required part of one branch', () => {
    // The strongest set first (the longer shortest literal, then fewer literals).
    expect(requiredLiteralSets(/\byou(?:'ll|\s+will)\s+regret\b|\bdrop\s+dead\b/u)).toEqual([
      [['regret'], ['you'], ["'ll", 'will']],
      [['drop'], ['dead']],
    ]);
    // A set a stronger one implies is left out ("you" once "you'll" or "you will" is asked for).
    expect(requiredLiteralSets(/\byou(?:'ll| will) regret/u)).toEqual([
      [["you'll regret", 'you will regret']],
    ]);
    // A branch that requires nothing: the pattern is tried on every text.
    expect(requiredLiteralSets(/\bkill\b|\w+/u)).toBeNull();
    expect(requiredLiteralSets(/\bkill\b|\w+ing/u)).toEqual([[['kill']], [['ing']]]);
    expect(requiredLiteralSets(/hello/iu)).toBeNull();
    const patterns = [/\byou(?:'ll|\s+will)\s+regret\b|\bdrop\s+dead\b/u, /\byou\b/u, /(?:hello)?/u];
    const one = literalsGate(patterns);
    const every = literalsGate(patterns, { everySet: true });
    // One set per pattern ("regret" or "drop", the best of each branch) marks the threat on either
    // word; every set asks for a literal of each part of one branch.
    expect([...one('drop it, you regret nothing')]).toEqual([1, 1, 1]);
    expect([...every('drop it, you regret nothing')]).toEqual([0, 1, 1]);
    expect([...every('can you help me')]).toEqual([0, 1, 1]);
    expect([...every('you will regret this')]).toEqual([1, 1, 1]);
    expect([...every('drop the case, dead easy')]).toEqual([1, 0, 1]);
  });

  it('marks each pattern on its own among many, reusing no mark from the text before', () => {
    // BENIGN_IDIOMS[1] ("kill two birds") requires "birds"; [2] ("… killing it") "killing".
    const gate = literalsGate([/\bkill\b/u, /you/u, /(?:hello)?/u, ...BENIGN_IDIOMS.slice(1, 3)]);
    expect([...gate('will you kill')]).toEqual([1, 1, 1, 0, 0]);
    expect([...gate('nothing here')]).toEqual([0, 0, 1, 0, 0]);
    expect([...gate('kill two birds')]).toEqual([1, 0, 1, 1, 0]);
    expect([...gate('you are killing it')]).toEqual([1, 1, 1, 0, 1]);
  });

  it('marks patterns whose literals hold characters beyond ASCII, and overlapping literals', () => {
    // The scan looks ASCII up in a table and other characters in a map per node.
    const gate = literalsGate([/\bcafé\b/u, /naïve|straße/u, /caf/u, /\bété\b/u, /abcd|bc/u]);
    expect([...gate('un café noir')]).toEqual([1, 0, 1, 0, 0]);
    expect([...gate('cafe')]).toEqual([0, 0, 1, 0, 0]);
    expect([...gate('die STRASSE, die straße')]).toEqual([0, 1, 0, 0, 0]);
    expect([...gate('naïve été')]).toEqual([0, 1, 0, 1, 0]);
    expect([...gate('xabcx')]).toEqual([0, 0, 0, 0, 1]);
    expect([...gate('é\u00e9t\ud83d\ude00 \u0100bc')]).toEqual([0, 0, 0, 0, 1]);
  });

  it("joins patterns' literals into one test, case-insensitive when a pattern is", () => {
    const any = anyLiteralPrefilter([/\bdick(?:son|ens)\b/iu, /\bkill\s+it\b/u])!;
    for (const [text, passes] of [
      ['Mr DICKSON called', true],
      ['charles dickens', true],
      // One expression: case-insensitive for every pattern once one is (sound, if less selective).
      ['KILL it', true],
      ['kill  it', true],
      ['nothing', false],
    ] as const)
      expect(any(text), text).toBe(passes);
    // `i` compares as the pattern does: a long s is an s to both.
    expect(/\bsex\b/iu.test('\u017fex')).toBe(true);
    expect(anyLiteralPrefilter([/\bsex\b/iu])!('\u017fex')).toBe(true);
    // Literals holding syntax characters are matched as written.
    expect(anyLiteralPrefilter([/\[masked\]|a\.b/u])!('a[masked]')).toBe(true);
    expect(anyLiteralPrefilter([/\[masked\]|a\.b/u])!('axb masked')).toBe(false);
    expect(anyLiteralPrefilter([/hello/u, /\w+/u])).toBeNull();
    expect(anyLiteralPrefilter([/hello/mu])).toBeNull();
  });

  it.each([
    ['benign idiom', BENIGN_IDIOMS],
    ['benign name', BENIGN_NAMES],
  ] as const)('passes texts spelled from every %s pattern, in any case', (_, patterns) => {
    const any = anyLiteralPrefilter(patterns.map((r) => new RegExp(r.source, r.flags.replace('g', ''))));
    expect(any).not.toBeNull();
    const random = seeded(5);
    for (const pattern of patterns) {
      const once = new RegExp(pattern.source, pattern.flags.replace('g', ''));
      const tree = parseRegex(pattern.source);
      let matched = 0;
      for (let i = 0; i < 200; i += 1) {
        const text = sample(tree, random);
        for (const t of [text, ` ${text} `, text.toUpperCase()]) {
          if (!once.test(t)) continue;
          matched += 1;
          expect(any!(t), `${pattern.source} on ${JSON.stringify(t)}`).toBe(true);
        }
      }
      expect(matched, pattern.source).toBeGreaterThan(0);
    }
  });
});
