import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { ToWords } from 'to-words';

/**
 * The domain model's training text: the call-center corpus (config/speech-corpus.txt, slots
 * filled with spoken values) plus the topic taxonomy's phrases. Everything becomes lowercase
 * words the way a recogniser emits them ("four oh one k", "forty two dollars").
 */

const toWords = new ToWords({ localeCode: 'en-US' });
export const numberWords = (n: number): string => toWords.convert(n).toLowerCase();
export const ordinalWords = (n: number): string => toWords.toOrdinal(n).toLowerCase();

const DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const MONTHS = 'january february march april may june july august september october november december'.split(
  ' ',
);
const WEEKDAYS = 'monday tuesday wednesday thursday friday saturday sunday'.split(' ');
// Names and companies to fill slots with: common US names, not the generator's cast.
const FIRST = (
  'james mary robert patricia john jennifer michael linda david elizabeth william barbara richard susan ' +
  'joseph jessica thomas sarah carlos maria daniel nancy matthew lisa anthony betty mark karen ' +
  'steven helen paul sandra andrew donna joshua carol kevin ruth brian sharon jose michelle'
).split(' ');
const LAST = (
  'smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez ' +
  'gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white harris ' +
  'sanchez clark ramirez lewis robinson walker young allen king wright scott torres nguyen hill'
).split(' ');
const COMPANY = [
  'first national',
  'summit bank',
  'pioneer insurance',
  'harbor credit union',
  'liberty mutual',
];
const PRODUCT = ['four oh one k', 'i r a', 'roth i r a', 'pension', 'brokerage account', 'annuity'];

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

const spokenDigit = (rng: Rng, d: number): string => (d === 0 && rng() < 0.5 ? 'oh' : DIGITS[d]!);
const spokenDigits = (rng: Rng, n: number): string =>
  Array.from({ length: n }, () => spokenDigit(rng, int(rng, 0, 9))).join(' ');
const spokenYear = (year: number): string => {
  if (year >= 2000 && year < 2010) return numberWords(year);
  const hi = Math.floor(year / 100);
  const lo = year % 100;
  return `${numberWords(hi)} ${lo === 0 ? 'hundred' : lo < 10 ? `oh ${numberWords(lo)}` : numberWords(lo)}`;
};
const spokenAmount = (rng: Rng): string => {
  const dollars = pick(rng, [int(rng, 1, 99), int(rng, 100, 999), int(rng, 1000, 9999)]);
  const cents = rng() < 0.4 ? 0 : int(rng, 1, 99);
  const style = rng();
  if (cents === 0) return `${numberWords(dollars)} dollars`;
  if (style < 0.5) return `${numberWords(dollars)} dollars and ${numberWords(cents)} cents`;
  return `${numberWords(dollars)} ${cents < 10 ? `oh ${numberWords(cents)}` : numberWords(cents)}`;
};

const SLOTS: Record<string, (rng: Rng, arg: number) => string> = {
  first: (rng) => pick(rng, FIRST),
  last: (rng) => pick(rng, LAST),
  company: (rng) => pick(rng, COMPANY),
  product: (rng) => pick(rng, PRODUCT),
  digit: (rng) => spokenDigit(rng, int(rng, 0, 9)),
  digits: (rng, n) => spokenDigits(rng, n),
  phone: (rng) => `${spokenDigits(rng, 3)} ${spokenDigits(rng, 3)} ${spokenDigits(rng, 4)}`,
  zip: (rng) => spokenDigits(rng, 5),
  card4: (rng) =>
    rng() < 0.6 ? spokenDigits(rng, 4) : `${numberWords(int(rng, 10, 99))} ${numberWords(int(rng, 10, 99))}`,
  amount: (rng) => spokenAmount(rng),
  count: (rng) => numberWords(rng() < 0.8 ? int(rng, 1, 30) : int(rng, 100, 2500)),
  ordinal: (rng) => ordinalWords(int(rng, 1, 31)),
  month: (rng) => pick(rng, MONTHS),
  weekday: (rng) => pick(rng, WEEKDAYS),
  date: (rng) => `${pick(rng, MONTHS)} ${ordinalWords(int(rng, 1, 31))}`,
  year: (rng) => spokenYear(int(rng, 1940, 2031)),
  time: (rng) =>
    `${numberWords(int(rng, 1, 12))} ${pick(rng, ["o'clock", 'fifteen', 'thirty', 'forty five'])}`,
};

/** Lowercase words; digits become spoken words ("401k" → "four oh one k", "2" → "two"). */
export const tokenize = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[-/]/g, ' ')
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .map((t) => t.replace(/^'+|'+$/g, ''))
    .filter((t) => t.length > 0)
    .flatMap((t) => {
      const m = /^(\d+)([a-z]*)$/.exec(t);
      if (!m) return [t];
      const digits = m[1]!;
      const spoken =
        digits.length <= 2
          ? numberWords(Number(digits)).split(' ')
          : [...digits].map((d, i) => (d === '0' && i > 0 ? 'oh' : DIGITS[Number(d)]!));
      return [...spoken, ...[...m[2]!]];
    });

export interface CorpusSource {
  /** The text of config/speech-corpus.txt (or a deployment's own). */
  corpus: string;
  /** Topic examples, descriptions and background phrases of the taxonomy. */
  phrases: readonly string[];
  /** How many filled-in copies of a line with slots (default 8). */
  fillsPerTemplate?: number;
  seed?: number;
}

/** Sentences (as words) for the domain model; deterministic for a seed. */
export const domainSentences = (source: CorpusSource): string[][] => {
  const gen = xoroshiro128plus(source.seed ?? 42);
  const rng: Rng = () => uniformFloat64(gen);
  const fills = source.fillsPerTemplate ?? 8;
  const sentences: string[][] = [];
  for (const raw of source.corpus.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const hasSlots = /\{[a-z0-9:]+\}/.test(line);
    for (let i = 0; i < (hasSlots ? fills : 1); i++) {
      const filled = line.replace(/\{([a-z0-9]+)(?::(\d+))?\}/g, (whole, name: string, arg?: string) => {
        const slot = SLOTS[name];
        if (!slot) throw new Error(`speech corpus: unknown slot ${whole} in "${line}"`);
        return slot(rng, Number(arg ?? 1));
      });
      sentences.push(tokenize(filled));
    }
  }
  for (const phrase of source.phrases) sentences.push(tokenize(phrase));
  return sentences.filter((s) => s.length > 0);
};
