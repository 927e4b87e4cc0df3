import { readNumbers } from './spoken-number.js';

/**
 * Dates as callers say them: "March third, nineteen eighty", "the seventh of March, fifty
 * seven", "May twenty twenty seven", "3/7/57". Numeric dates said as digits ("oh three, oh
 * seven, fifty seven") are plain number runs; the cue decides whether either is a date of
 * birth or an expiry.
 */

/** The month names (the generator says them, the rules read them). */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
const MONTHS = new Set([
  ...MONTH_NAMES.map((m) => m.toLowerCase()),
  ...['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'],
]);
/** Ordinal words by value, 0-19 (the generator says them, the rules read them). */
export const ORDINAL_WORDS = [
  'zeroth',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
] as const;
const ORDINAL_UNITS = new Set<string>(ORDINAL_WORDS.slice(1, 10));
const ORDINALS = new Set<string>([...ORDINAL_WORDS.slice(1), 'twentieth', 'thirtieth']);
const WRITTEN_ORDINAL = /^\d{1,2}(st|nd|rd|th)$/;
const WRITTEN_DATE = /^(\d{1,2}[/.-]\d{1,2}([/.-]\d{2,4})?|\d{4}-\d{1,2}-\d{1,2})$/;

export interface Span {
  start: number;
  end: number;
}

/** An ordinal day at i ("third", "twenty first", "21st"); returns its last index. */
const ordinalAt = (norms: readonly string[], i: number): number | null => {
  const t = norms[i];
  if (t === undefined) return null;
  if (ORDINALS.has(t) || WRITTEN_ORDINAL.test(t)) return i;
  if ((t === 'twenty' || t === 'thirty') && ORDINAL_UNITS.has(norms[i + 1] ?? '')) return i + 1;
  return null;
};

/** A day or a year as a number run starting at i (at most 4 digits); returns its last index. */
const numberAt = (norms: readonly string[], i: number, maxDigits: number): number | null => {
  const [run] = readNumbers(norms.slice(i, i + 6));
  if (run?.start !== 0 || run.digits.length > maxDigits) return null;
  return i + run.end;
};

const skipComma = (norms: readonly string[], i: number): number => (norms[i] === ',' ? i + 1 : i);

/** Every date expression in the pieces. */
export const readDates = (norms: readonly string[]): Span[] => {
  const spans: Span[] = [];
  for (let i = 0; i < norms.length; i += 1) {
    const t = norms[i]!;
    if (WRITTEN_DATE.test(t)) {
      spans.push({ start: i, end: i });
      continue;
    }
    let end: number | null = null;
    if (MONTHS.has(t)) {
      // Month day [year] | Month year | Month day-and-year as one run ("July one nineteen seventy four").
      const ordinal = ordinalAt(norms, i + 1);
      if (ordinal !== null) {
        end = ordinal;
        const year = numberAt(norms, skipComma(norms, ordinal + 1), 4);
        if (year !== null) end = year;
      } else {
        const [run] = readNumbers(norms.slice(i + 1, i + 9));
        const first = run?.chunks[0];
        if (
          run &&
          run.start === 0 &&
          first &&
          (run.digits.length <= 4 || (Number(first.digits) <= 31 && run.digits.length <= 6))
        )
          end = i + 1 + run.end;
        if (end !== null) {
          const year = numberAt(norms, skipComma(norms, end + 1), 4);
          if (year !== null && norms[end + 1] === ',') end = year;
        }
      }
      // "May I ..." is not a date: a month needs a day or a year.
    } else {
      const ordinalStart = t === 'the' ? i + 1 : i;
      const day = ordinalAt(norms, ordinalStart);
      if (day !== null && norms[day + 1] === 'of' && MONTHS.has(norms[day + 2] ?? '')) {
        end = day + 2;
        const year = numberAt(norms, skipComma(norms, end + 1), 4);
        if (year !== null) end = year;
        spans.push({ start: ordinalStart, end });
        i = end;
        continue;
      }
    }
    if (end !== null) {
      spans.push({ start: i, end });
      i = end;
    }
  }
  return spans;
};
