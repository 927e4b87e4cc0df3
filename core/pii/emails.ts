import type { Span } from './dates.js';

/**
 * Email addresses, written ("mary.jones@gmail.com") or spoken ("mary dot jones at gmail dot
 * com", "m jones fifty seven at yahoo dot com"): an "at" followed by a domain that ends in a
 * known top-level domain, with the user part read backwards until a word that cannot be in it.
 */

const WRITTEN_EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;
const TLDS = new Set([
  'com',
  'net',
  'org',
  'edu',
  'gov',
  'io',
  'co',
  'us',
  'uk',
  'ca',
  'info',
  'biz',
  'me',
  'mil',
  'ai',
]);
const JOINERS = new Set(['dot', 'period', 'underscore', 'dash', 'hyphen', 'point', '.', '_', '-']);
const DOMAIN_WITH_TLD = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.([a-z]{2,})$/;
/** Words that end the user part when read backwards from "at". */
const NOT_USER = new Set([
  "it's",
  'its',
  'it',
  'is',
  'was',
  'to',
  'at',
  'email',
  'e-mail',
  'mail',
  'address',
  'still',
  'sure',
  'yes',
  'yeah',
  'that',
  "that's",
  'be',
  'would',
  'my',
  'the',
  'um',
  'uh',
  'and',
  'me',
  'send',
  'sent',
  'new',
  'old',
  'okay',
  'from',
  'use',
  'with',
  'here',
  'is',
  'as',
  'under',
  'on',
  'file',
  'of',
  'your',
  'link',
  'confirmation',
  'you',
  'there',
]);
const MAX_USER = 8;

const domainEnd = (norms: readonly string[], i: number): number | null => {
  const first = norms[i];
  if (first === undefined) return null;
  const written = DOMAIN_WITH_TLD.exec(first);
  if (written && TLDS.has(written[2]!)) return i;
  if (!/^[a-z0-9-]+$/.test(first) || NOT_USER.has(first)) return null;
  // gmail dot com | acme dot co dot uk
  let end: number | null = null;
  let j = i + 1;
  while ((norms[j] === 'dot' || norms[j] === '.') && norms[j + 1] !== undefined) {
    const part = norms[j + 1]!;
    if (TLDS.has(part)) end = j + 1;
    else if (!/^[a-z0-9-]+$/.test(part)) break;
    j += 2;
  }
  return end;
};

/** Every email address in the pieces. */
export const readEmails = (norms: readonly string[]): Span[] => {
  const spans: Span[] = [];
  for (let i = 0; i < norms.length; i += 1) {
    const t = norms[i]!;
    if (WRITTEN_EMAIL.test(t)) {
      spans.push({ start: i, end: i });
      continue;
    }
    if (t !== 'at' && t !== '@') continue;
    const end = domainEnd(norms, i + 1);
    if (end === null) continue;
    let start = i;
    while (start > 0 && i - start < MAX_USER) {
      const prev = norms[start - 1]!;
      if (NOT_USER.has(prev) || !/^[a-z0-9'._-]+$|^\d+$/.test(prev)) break;
      start -= 1;
    }
    if (start === i) continue;
    // A user part cannot start with a joiner ("dot").
    while (start < i && JOINERS.has(norms[start]!)) start += 1;
    if (start === i) continue;
    spans.push({ start, end });
    i = end;
  }
  return spans;
};
