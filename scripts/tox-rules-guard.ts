// Toxicity rules: what a change to the rules flags that it did not before, and what it finds.
// Writes (--save FILE) or compares against (--against FILE) the verdicts of the local scorer
// (createLexiconScorer, threshold 0.5) over:
//   - the tuning sets' toxic turns (dev sets, tox-a, tox-b): found / missed;
//   - benign text: every dev set's ordinary turns and look-alikes (also cut into sentences),
//     tox-a's and tox-b's benign turns, generated calls' benign turns (seeds 1-8 ×200, and their
//     sentences), the benign fixture lists the tests use, the topics' training phrases and
//     background talk (config/topics.json), the speech corpus (config/speech-corpus.txt).
// Never a set outside DEV_SETS (dev51, tox-c, frozen, holdout). Figures only; nothing is written but --save's file.
//
//   npx tsx scripts/tox-rules-guard.ts --save /tmp/before.json
//   npx tsx scripts/tox-rules-guard.ts --against /tmp/before.json
//   npx tsx scripts/tox-rules-guard.ts --no-wordnet --save /tmp/v6.json   (rules v7 without the WordNet layer)
import { readFileSync, writeFileSync } from 'node:fs';
import { createLexiconScorer } from '../adapters/local/toxicity/lexicon-toxicity-detector.js';
import { generatedCase } from '../eval/cases.js';
import { DEV_SETS, type EvalSetName, readEvalSet } from '../eval/sets.js';
import { generateCalls } from '../generator/index.js';

const THRESHOLD = 0.5;
const TOXIC_SETS: readonly EvalSetName[] = [...DEV_SETS, 'tox-a', 'tox-b'];
const sentences = (text: string): string[] =>
  text
    .split(/(?<=[.!?])\s+/u)
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== text);

const toxic = new Map<string, string>(); // text -> set
const benign = new Map<string, string>(); // text -> source
const addBenign = (text: string, source: string) => {
  if (!toxic.has(text) && !benign.has(text)) benign.set(text, source);
};
for (const name of TOXIC_SETS)
  for (const c of readEvalSet(name))
    for (const t of c.turns) {
      if (t.role === 'IVR') continue;
      if (t.toxic.length > 0) toxic.set(t.text, name);
    }
for (const name of TOXIC_SETS)
  for (const c of readEvalSet(name))
    for (const t of c.turns) {
      if (t.role === 'IVR' || t.toxic.length > 0) continue;
      const source = t.lookalike.length > 0 ? `${name}:lookalike` : name;
      addBenign(t.text, source);
      for (const s of sentences(t.text)) addBenign(s, `${source}:sentence`);
    }
for (let seed = 1; seed <= 8; seed += 1)
  for (const c of generateCalls(seed, 200).map(generatedCase))
    for (const t of c.doc.turns) {
      if ((c.turnLabels.get(t.index)?.toxic.length ?? 0) > 0) continue;
      addBenign(t.text, `generated${seed}`);
      for (const s of sentences(t.text)) addBenign(s, `generated${seed}:sentence`);
    }
for (const file of [
  'toxicity-review14-benign.txt',
  'toxicity-review14b-benign.txt',
  'toxicity-review16-benign.txt',
  'toxicity-review18-benign.txt',
  // written later than the lists above (the eighteenth round's checks and reviews): a rule change
  // is compared against a save that read them too
  'toxicity-review18-fresh-benign.txt',
  'toxicity-wordnet-heldout-benign.txt',
  'toxicity-r18-heldout-benign.txt',
  'toxicity-r18-after-benign.txt',
  'toxicity-review19-benign.txt',
  'toxicity-review19-fresh-benign.txt',
  'toxicity-r20-fresh-benign.txt',
  'toxicity-r21-fresh-benign.txt',
  'toxicity-r24-fresh-benign.txt',
])
  for (const line of readFileSync(new URL(`../test/fixtures/${file}`, import.meta.url), 'utf8').split('\n'))
    if (line.trim() !== '' && !line.startsWith('#')) addBenign(line.trim(), file);
const collect = (value: unknown, source: string): void => {
  if (typeof value === 'string') {
    if (value.includes(' ') && value.length > 12) addBenign(value, source);
  } else if (Array.isArray(value)) for (const v of value) collect(v, source);
  else if (value !== null && typeof value === 'object')
    for (const v of Object.values(value as Record<string, unknown>)) collect(v, source);
};
collect(JSON.parse(readFileSync(new URL('../config/topics.json', import.meta.url), 'utf8')), 'topics.json');
for (const line of readFileSync(new URL('../config/speech-corpus.txt', import.meta.url), 'utf8').split('\n'))
  if (line.trim() !== '' && !line.startsWith('#')) addBenign(line.trim(), 'speech-corpus');

const score = createLexiconScorer({ wordnet: !process.argv.includes('--no-wordnet') });
const verdict = (text: string): string => {
  const r = score(text);
  if (r.Toxicity < THRESHOLD) return '';
  return r.Labels.filter((l) => l.Score >= THRESHOLD)
    .map((l) => l.Name)
    .join(',');
};
const started = process.cpuUsage();
const now: Record<string, string> = {};
for (const text of [...toxic.keys(), ...benign.keys()]) now[text] = verdict(text);
const used = process.cpuUsage(started);

const args = process.argv.slice(2);
const save = args.indexOf('--save');
const against = args.indexOf('--against');
const count = (texts: Iterable<string>, pred: (t: string) => boolean) => [...texts].filter(pred).length;
console.log(
  `texts: ${toxic.size} toxic turns, ${benign.size} distinct benign texts; ${((used.user + used.system) / (toxic.size + benign.size)).toFixed(1)} µs CPU a text`,
);
const bySource = new Map<string, number>();
for (const [text, source] of benign) {
  const key = source
    .replace(/:sentence$/u, '')
    .replace(/\d+$/u, (d) => (source.startsWith('generated') ? '' : d));
  bySource.set(key, (bySource.get(key) ?? 0) + 1);
  void text;
}
console.log(`benign sources: ${[...bySource].map(([k, v]) => `${k} ${v}`).join(', ')}`);
for (const name of TOXIC_SETS) {
  const turns = [...toxic].filter(([, s]) => s === name).map(([t]) => t);
  if (turns.length > 0)
    console.log(`  ${name}: ${count(turns, (t) => now[t] !== '')}/${turns.length} toxic found`);
}
console.log(`benign flagged now: ${count(benign.keys(), (t) => now[t] !== '')} of ${benign.size}`);
if (save >= 0) writeFileSync(args[save + 1]!, JSON.stringify(now));
if (against >= 0) {
  const before = JSON.parse(readFileSync(args[against + 1]!, 'utf8')) as Record<string, string>;
  let newlyFound = 0;
  let lost = 0;
  let newBenign = 0;
  let fixedBenign = 0;
  for (const [text, set] of toxic) {
    const b = before[text] ?? '';
    if (b === '' && now[text] !== '') {
      newlyFound += 1;
      console.log(`  + found ${set} [${now[text]}]: ${text}`);
    } else if (b !== '' && now[text] === '') {
      lost += 1;
      console.log(`  - LOST ${set}: ${text}`);
    }
  }
  for (const [text, source] of benign) {
    const b = before[text] ?? '';
    if (b === '' && now[text] !== '') {
      newBenign += 1;
      console.log(`  ! NEW BENIGN FLAG ${source} [${now[text]}]: ${text}`);
    } else if (b !== '' && now[text] === '') {
      fixedBenign += 1;
      console.log(`  ~ benign no longer flagged ${source}: ${text}`);
    }
  }
  console.log(
    `against ${args[against + 1]}: toxic newly found ${newlyFound}, lost ${lost}; benign newly flagged ${newBenign}, no longer flagged ${fixedBenign}`,
  );
}
