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

/** The US states and DC, as lower-case words. */
const US_STATES = [
  'alabama',
  'alaska',
  'arizona',
  'arkansas',
  'california',
  'colorado',
  'connecticut',
  'delaware',
  'florida',
  'georgia',
  'hawaii',
  'idaho',
  'illinois',
  'indiana',
  'iowa',
  'kansas',
  'kentucky',
  'louisiana',
  'maine',
  'maryland',
  'massachusetts',
  'michigan',
  'minnesota',
  'mississippi',
  'missouri',
  'montana',
  'nebraska',
  'nevada',
  'new hampshire',
  'new jersey',
  'new mexico',
  'new york',
  'north carolina',
  'north dakota',
  'ohio',
  'oklahoma',
  'oregon',
  'pennsylvania',
  'rhode island',
  'south carolina',
  'south dakota',
  'tennessee',
  'texas',
  'utah',
  'vermont',
  'virginia',
  'washington',
  'west virginia',
  'wisconsin',
  'wyoming',
  'district of columbia',
].map((name) => name.split(' '));

/** Most words of a city before its state, in lower-case speech ("san luis obispo california"). */
const MAX_CITY_WORDS = 3;

/**
 * Index of the last word of a US state named at `from` or after at most MAX_CITY_WORDS words, the
 * last such state when the city has a state's name ("new york new york", "kansas city missouri").
 * The words before it are a city's, never words like 'and', 'to', 'in' or 'my': "oak street and
 * then to ohio", "main street stores in ohio" name no city.
 */
const stateWithin = (norms: readonly string[], from: number): number | null => {
  let found: number | null = null;
  for (
    let at = from;
    at <= from + MAX_CITY_WORDS && isWord(norms[at]) && !NOT_STREET_NAME.has(norms[at]!);
    at += 1
  ) {
    const state = US_STATES.find((words) => words.every((w, k) => norms[at + k] === w));
    if (state) found = at + state.length - 1;
  }
  return found;
};

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
    // City, state, ZIP: capitalised words after a comma ("Springfield, Illinois 62701": the
    // city's and the state's words, a comma between them or not), or, in a speech engine's
    // lower-case words, a US state named within a few words ("springfield illinois six two seven
    // zero one"): until both were read, the state and ZIP were left after "[PII],".
    let c = norms[end + 1] === ',' ? end + 2 : end + 1;
    let placeWords = 0;
    while (placeWords < 5 && isWord(norms[c]) && caps[c]) {
      c += 1;
      placeWords += 1;
      if (norms[c] === ',' && isWord(norms[c + 1]) && caps[c + 1]) c += 1;
    }
    if (placeWords === 0) {
      const state = stateWithin(norms, c);
      if (state !== null) {
        c = state + 1;
        placeWords = 1;
      }
    }
    if (placeWords > 0) {
      end = norms[c - 1] === ',' ? c - 2 : c - 1;
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
