/**
 * Names in lowercase recogniser output (what the embedded pocketsphinx writes: no capitals, no
 * punctuation), as a grid: 28 first names and 30 surnames, many of them English words too
 * ("will", "may", "frost", "love", "read", "down"), in the shapes callers and agents give them —
 * after "my name is", as the answer to a name question and then "mrs <surname>", after "its" and
 * "its doctor", spelled out, introduced by an agent — and ordinary lowercase phrases whose words must
 * all stay ("i will call back", "my name is on the account"). Prints, per shape, the name words left
 * readable and the ordinary words lost (an agent's statement holding a name cue and the reply, among
 * them). Written after two changes to the name rules were reverted: one that fixed ordinary words
 * taken as names (the trial's "it is done" -> "it is [PII]") let 565 of the first grid's 2,475
 * conversations show a name hidden before ("my name is [PII] frost"); one that read a name question
 * without a "?" and took "will" and "may" as names (1,468 -> 40 readable) redacted ordinary replies
 * to agents' statements ("i can see your name here" / "brilliant") and kept names such as Son and
 * Hang readable. Run it on both sides of a change to the name rules (a git worktree of the base) and
 * compare: no conversation may show a name the base hid, no phrase lose a word the base kept.
 *
 *   npx tsx scripts/pii-names-grid.ts [--list]
 */
import { parseArgs } from 'node:util';
import { renderTable } from '../cli/render-table.js';
import { redactTranscript, type TranscriptTurn } from '../core/pii/index.js';

const { values } = parseArgs({ options: { list: { type: 'boolean', default: false } } });

const FIRST = [
  'will',
  'mark',
  'bill',
  'grace',
  'hope',
  'rose',
  'pat',
  'sue',
  'drew',
  'frank',
  'ray',
  'jack',
  'dawn',
  'may',
  'june',
  'don',
  'sarah',
  'priya',
  'tom',
  'john',
  'peter',
  'karen',
  'oluwaseun',
  'mary',
  'david',
  'son',
  'hang',
  'nan',
];
const LAST = [
  'frost',
  'love',
  'rush',
  'read',
  'brand',
  'fell',
  'sells',
  'hurt',
  'down',
  'more',
  'young',
  'white',
  'smith',
  'okafor',
  'thompson',
  'jones',
  'walker',
  'hunt',
  'cook',
  'baker',
  'fish',
  'wood',
  'bell',
  'hill',
  'king',
  'lamb',
  'moss',
  'swift',
  'stone',
  'best',
];
type Line = readonly [TranscriptTurn['role'], string];
interface Case {
  shape: string;
  lines: Line[];
  /** The name words planted (each must be redacted wherever it stands). */
  names: string[];
}

const cases: Case[] = [];
for (const f of FIRST)
  for (const l of LAST) {
    cases.push({
      shape: 'my name is <first> <last>',
      lines: [['CUSTOMER', `my name is ${f} ${l}`]],
      names: [f, l],
    });
    cases.push({
      shape: 'answer: <first> <last>',
      lines: [
        ['AGENT', 'can i take your full name please'],
        ['CUSTOMER', `${f} ${l}`],
      ],
      names: [f, l],
    });
    cases.push({
      shape: 'answer, then mrs <last>',
      lines: [
        ['AGENT', 'what is your name'],
        ['CUSTOMER', `${f} ${l}`],
        ['AGENT', `thank you mrs ${l} so the card`],
      ],
      names: [f, l],
    });
  }
for (const l of LAST) {
  cases.push({
    shape: 'answer: <last> alone',
    lines: [
      ['AGENT', 'can i have your surname please'],
      ['CUSTOMER', l],
    ],
    names: [l],
  });
  cases.push({
    shape: 'its <last> from',
    lines: [['CUSTOMER', `hi its ${l} from the flat upstairs`]],
    names: [l],
  });
  cases.push({ shape: 'its doctor <last>', lines: [['CUSTOMER', `hello its doctor ${l} here`]], names: [l] });
  cases.push({
    shape: 'spelled: tom <last> l a s t',
    lines: [['CUSTOMER', `my name is tom ${l} ${l.split('').join(' ')}`]],
    names: ['tom', l, ...l.split('')],
  });
  cases.push({
    shape: 'my name is sarah <last>, then <last>',
    lines: [
      ['CUSTOMER', `my name is sarah ${l}`],
      ['AGENT', `okay let me find the account for ${l}`],
    ],
    names: ['sarah', l],
  });
}
for (const f of FIRST) {
  cases.push({
    shape: 'agent: this is <first> how can i help',
    lines: [
      ['AGENT', `thank you for calling this is ${f} how can i help`],
      ['CUSTOMER', 'hi yes its about my card'],
    ],
    names: [f],
  });
  cases.push({
    shape: 'my name is <first> and…, thanks <first>',
    lines: [
      ['CUSTOMER', `hi my name is ${f} and i need help with my account`],
      ['AGENT', `thanks ${f} let me look`],
    ],
    names: [f],
  });
  cases.push({
    shape: 'my husband <first> set it up',
    lines: [
      ['CUSTOMER', `my husband ${f} set it up for me`],
      ['AGENT', 'no problem'],
    ],
    names: [f],
  });
}
/** Ordinary lowercase speech: every word must stay. */
const PLAIN: Line[][] = [
  [['CUSTOMER', 'i will call back tomorrow']],
  [['CUSTOMER', 'may i ask why it went up']],
  [['CUSTOMER', 'my name is on the account']],
  [['CUSTOMER', 'my name is down as the payer']],
  [['AGENT', 'you are speaking to the right person']],
  [['CUSTOMER', 'this is fine thank you']],
  [['CUSTOMER', 'i hope so it will be june before i move']],
  [
    ['AGENT', 'can i take your full name please'],
    ['CUSTOMER', 'uh it is done already'],
  ],
  [
    ['AGENT', 'can i take your full name please'],
    ['CUSTOMER', 'hang on let me check'],
  ],
  [['CUSTOMER', 'its done with the bank now']],
  [
    ['AGENT', 'can i take your full name please'],
    ['CUSTOMER', 'may i ask why you need it'],
  ],
  [
    ['AGENT', 'and your surname'],
    ['CUSTOMER', 'will do one second'],
  ],
  [['CUSTOMER', 'my name is will be on the letter i think']],
  [
    ['AGENT', 'what is your name'],
    ['CUSTOMER', 'erm hang on a sec'],
  ],
  [
    ['AGENT', 'what is your name'],
    ['CUSTOMER', 'er its on the card'],
  ],
  [
    ['AGENT', 'could you spell your surname'],
    ['CUSTOMER', 'pardon'],
  ],
  [
    ['AGENT', 'whats the name of the beneficiary'],
    ['CUSTOMER', 'my daughter'],
  ],
  // An agent's statement holding a name cue, then a reply that is no name (a review's cases).
  [
    ['AGENT', 'and your name will be on the letter'],
    ['CUSTOMER', 'lovely thank you'],
  ],
  [
    ['AGENT', 'i can see your name here'],
    ['CUSTOMER', 'brilliant'],
  ],
  [
    ['AGENT', 'ill give your name to the engineer'],
    ['CUSTOMER', 'fine'],
  ],
  [
    ['AGENT', 'and your mothers maiden name is already set'],
    ['CUSTOMER', 'yes thats right'],
  ],
  [
    ['AGENT', 'what is your name'],
    ['CUSTOMER', 'hmm let me think'],
  ],
  [['CUSTOMER', 'my name is will appear on the letter']],
  [['CUSTOMER', 'a bill came and it was more than i read on the letter']],
];

const turns = (lines: readonly Line[]): TranscriptTurn[] =>
  lines.map(([role, text], i) => ({
    role,
    words: text
      .split(' ')
      .map((t, j) => ({ text: t, beginMs: i * 10_000 + j * 300, endMs: i * 10_000 + j * 300 + 250 })),
  }));
const redacted = (lines: readonly Line[]): string[] =>
  redactTranscript({ turns: turns(lines) }).turns.map((t) => t.text);
const words = (texts: readonly string[]): string[] => texts.join(' ').split(' ');

const byShape = new Map<string, { cases: number; planted: number; readable: number }>();
for (const c of cases) {
  const out = words(redacted(c.lines));
  const planted = new Set(c.names);
  const readable = out.filter((w) => planted.has(w)).length;
  const total = words(c.lines.map(([, t]) => t)).filter((w) => planted.has(w)).length;
  const row = byShape.get(c.shape) ?? { cases: 0, planted: 0, readable: 0 };
  byShape.set(c.shape, {
    cases: row.cases + 1,
    planted: row.planted + total,
    readable: row.readable + readable,
  });
  if (values.list && readable > 0) console.log(`readable  ${redacted(c.lines).join(' | ')}`);
}
let lost = 0;
let plainWords = 0;
for (const lines of PLAIN) {
  const before = words(lines.map(([, t]) => t));
  const after = words(redacted(lines));
  plainWords += before.length;
  const gone = before.filter((w) => !after.includes(w)).length;
  lost += gone;
  if (values.list && gone > 0) console.log(`lost      ${redacted(lines).join(' | ')}`);
}
const rows = [...byShape].map(([shape, r]) => [
  shape,
  String(r.cases),
  String(r.planted),
  String(r.readable),
]);
const sum = [...byShape.values()].reduce(
  (a, r) => ({ cases: a.cases + r.cases, planted: a.planted + r.planted, readable: a.readable + r.readable }),
  { cases: 0, planted: 0, readable: 0 },
);
rows.push(['all', String(sum.cases), String(sum.planted), String(sum.readable)]);
console.log(renderTable(['shape', 'conversations', 'name words', 'left readable'], rows));
console.log(`ordinary phrases: ${PLAIN.length}, ${plainWords} words, ${lost} lost to [PII]`);
