import { MONTH_NAMES, ORDINAL_WORDS } from '../core/pii/dates.js';

/**
 * Numbers the way callers say them ("four five one two", "nineteen eighty", "March third"):
 * call transcripts spell numbers as words, which is what defeats off-the-shelf PII redactors.
 */
const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
] as const;
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const;
const ORDINAL_ONES = ORDINAL_WORDS;
export const MONTHS = MONTH_NAMES;

/** 0–999 999 in words ("one hundred twelve"). */
export function numberWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999_999) throw new RangeError(`numberWords: ${n}`);
  if (n < 20) return ONES[n]!;
  if (n < 100)
    return n % 10 === 0 ? TENS[Math.floor(n / 10)]! : `${TENS[Math.floor(n / 10)]} ${ONES[n % 10]}`;
  if (n < 1000) {
    const rest = n % 100;
    return `${ONES[Math.floor(n / 100)]} hundred${rest ? ` ${numberWords(rest)}` : ''}`;
  }
  const rest = n % 1000;
  return `${numberWords(Math.floor(n / 1000))} thousand${rest ? ` ${numberWords(rest)}` : ''}`;
}

export function ordinalWords(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`ordinalWords: ${n}`);
  if (n < 20) return ORDINAL_ONES[n]!;
  const tens = Math.floor(n / 10);
  if (n % 10 === 0) return `${TENS[tens]!.slice(0, -1)}ieth`;
  return `${TENS[tens]} ${ORDINAL_ONES[n % 10]}`;
}

/**
 * Digit by digit, optionally saying "oh" for zero, with commas between groups ("five one two,
 * five five five"); with `repeats`, "double five" / "triple oh" for repeated digits in a group.
 */
export function digitsSpoken(
  digits: string,
  options: { groups?: readonly number[]; oh?: boolean; repeats?: boolean } = {},
): string {
  const word = (d: string) => {
    const value = Number(d);
    if (!Number.isInteger(value)) throw new RangeError(`digitsSpoken: ${digits}`);
    return value === 0 && options.oh ? 'oh' : ONES[value]!;
  };
  const say = (group: string): string => {
    if (!options.repeats) return [...group].map(word).join(' ');
    const out: string[] = [];
    let i = 0;
    while (i < group.length) {
      let run = 1;
      while (group[i + run] === group[i] && run < 3) run += 1;
      out.push(run === 1 ? word(group[i]!) : `${run === 2 ? 'double' : 'triple'} ${word(group[i]!)}`);
      i += run;
    }
    return out.join(' ');
  };
  return splitGroups(digits, options.groups).map(say).join(', ');
}

/** Digits as an ASR engine may write them: grouped with a separator ("4111 1111", "512-555-0142"). */
export function digitsWritten(
  digits: string,
  groups: readonly number[] | undefined,
  separator: string,
): string {
  return splitGroups(digits, groups).join(separator);
}

function splitGroups(digits: string, groups: readonly number[] = [digits.length]): string[] {
  const out: string[] = [];
  let at = 0;
  for (const size of groups) {
    if (at >= digits.length) break;
    out.push(digits.slice(at, at + size));
    at += size;
  }
  if (at < digits.length) out.push(digits.slice(at));
  return out;
}

/** Two-digit pairs the way house numbers and years are read ("fourteen oh five", "one twenty three"). */
export function pairsSpoken(n: number): string {
  if (n < 100) return numberWords(n);
  if (n < 1000) {
    const rest = n % 100;
    if (rest === 0) return numberWords(n);
    return `${ONES[Math.floor(n / 100)]} ${rest < 10 ? `oh ${ONES[rest]}` : numberWords(rest)}`;
  }
  const high = Math.floor(n / 100);
  const low = n % 100;
  if (low === 0) return `${numberWords(high)} hundred`;
  return `${numberWords(high)} ${low < 10 ? `oh ${ONES[low]}` : numberWords(low)}`;
}

export function yearSpoken(year: number): string {
  if (year >= 2000 && year < 2010) return `two thousand${year > 2000 ? ` ${ONES[year - 2000]}` : ''}`;
  return pairsSpoken(year);
}

/** Dollars and cents, in one of the ways people say amounts. */
export function amountSpoken(cents: number, style: 'full' | 'short'): string {
  const dollars = Math.floor(cents / 100);
  const rest = cents % 100;
  const dollarWords = `${numberWords(dollars)} dollar${dollars === 1 ? '' : 's'}`;
  if (rest === 0) return dollarWords;
  if (style === 'short')
    return `${numberWords(dollars)} ${rest < 10 ? `oh ${ONES[rest]}` : numberWords(rest)}`;
  return `${dollarWords} and ${numberWords(rest)} cent${rest === 1 ? '' : 's'}`;
}
