import type { Span } from './dates.js';
import type { NumberRun } from './spoken-number.js';

/**
 * Street addresses: a house number, up to four street-name words and a street suffix ("fourteen
 * oh five Maple Street", "42 Wallaby Way"), then an optional unit ("apartment three B"), city
 * (capitalised words after a comma), state and ZIP code; or a P.O. box.
 */

const SUFFIXES = new Set([
  'street',
  'st',
  'avenue',
  'ave',
  'road',
  'rd',
  'lane',
  'ln',
  'drive',
  'dr',
  'boulevard',
  'blvd',
  'court',
  'ct',
  'way',
  'place',
  'pl',
  'circle',
  'cir',
  'parkway',
  'pkwy',
  'highway',
  'hwy',
  'terrace',
  'trail',
  'square',
  'loop',
  'row',
  'pike',
  'alley',
  'crescent',
  'close',
  'plaza',
  'run',
]);
const UNITS = new Set(['apartment', 'apt', 'unit', 'suite', 'ste', '#', 'number', 'floor']);
const NOT_STREET_NAME = new Set([
  'the',
  'a',
  'and',
  'is',
  'it',
  "it's",
  'my',
  'your',
  'i',
  'was',
  'at',
  'on',
  'in',
  'to',
  'of',
  'for',
  'dollars',
  'minutes',
  'days',
  'hours',
  'cents',
  'percent',
  'times',
  'people',
  'years',
]);
const MAX_NAME_WORDS = 4;

const isWord = (n: string | undefined): n is string => n !== undefined && /^[a-z][a-z'.]*$/.test(n);

/**
 * Every street address in the pieces. `caps` says which pieces are capitalised (a city is a
 * capitalised word after the street); `runs` are the turn's number runs.
 */
export const readAddresses = (
  norms: readonly string[],
  caps: readonly boolean[],
  runs: readonly NumberRun[],
): Span[] => {
  const spans: Span[] = [];
  const runAt = new Map(runs.map((r) => [r.start, r]));
  for (const run of runs) {
    if (run.digits.length > 6) continue;
    // House number, street-name words, suffix.
    const j = run.end + 1;
    let suffix: number | null = null;
    for (let k = 0; k <= MAX_NAME_WORDS && isWord(norms[j + k]); k += 1) {
      const w = norms[j + k]!;
      if (k > 0 && SUFFIXES.has(w)) {
        suffix = j + k;
        break;
      }
      if (NOT_STREET_NAME.has(w)) break;
    }
    // "P O box 12", handled below; a bare number before words is not an address.
    if (suffix === null) continue;
    let end = suffix;
    // Unit: "apartment three B", "unit 4", "# 12".
    if (UNITS.has(norms[end + 1] ?? '') || (norms[end + 1] === ',' && UNITS.has(norms[end + 2] ?? ''))) {
      let u = norms[end + 1] === ',' ? end + 3 : end + 2;
      const unitRun = runAt.get(u);
      if (unitRun) u = unitRun.end + 1;
      else if (/^[a-z0-9]$/.test(norms[u] ?? '')) u += 1;
      if (/^[a-z]$/.test(norms[u] ?? '') && (norms[u] !== 'a' || caps[u])) u += 1;
      end = u - 1;
    }
    // City, state, ZIP: capitalised words after a comma.
    let c = norms[end + 1] === ',' ? end + 2 : end + 1;
    let cityWords = 0;
    while (cityWords < 3 && caps[c] && isWord(norms[c])) {
      c += 1;
      cityWords += 1;
    }
    if (cityWords > 0) {
      end = c - 1;
      const zipAt = norms[c] === ',' ? c + 1 : c;
      const zip = runAt.get(zipAt);
      if (zip && zip.digits.length === 5) end = zip.end;
    }
    spans.push({ start: run.start, end });
  }
  // P.O. boxes.
  for (let i = 0; i < norms.length; i += 1) {
    const boxAt =
      norms[i] === 'po' && norms[i + 1] === 'box'
        ? i + 2
        : norms[i] === 'p' && norms[i + 1] === 'o' && norms[i + 2] === 'box'
          ? i + 3
          : null;
    if (boxAt === null) continue;
    const box = runAt.get(boxAt);
    if (box) spans.push({ start: i, end: box.end });
  }
  return spans;
};
