import { createHash, randomBytes } from 'node:crypto';

/**
 * Call ids come from file names: any Unicode, up to 255 bytes, with spaces, quotes, `%`, `+`,
 * `[`, `*`, even newlines. Every object key and local file name derived from a call id goes
 * through `objectName`, so it is short enough for any file system (a path component may hold
 * 255 bytes), free of characters that need quoting in S3 keys, URLs, globs or shells, and
 * still one-to-one:
 * - characters outside `[0-9A-Za-z_-]` become `~XX` per UTF-8 byte (fixed width, so the
 *   escaping cannot make two ids collide; `.` is escaped too, which keeps `.` free as a
 *   separator after the name);
 * - a name longer than MAX_NAME keeps a readable head and ends with `~~` and a hash of the
 *   whole id (`~~` never comes out of the escaping, so the two forms cannot collide either).
 */
export const MAX_NAME = 120;
const HEAD = 80;

const escapeChar = (c: string): string =>
  [...new TextEncoder().encode(c)].map((b) => `~${b.toString(16).padStart(2, '0')}`).join('');

export const objectName = (callId: string): string => {
  const escaped = callId.replace(/[^0-9A-Za-z_-]/gu, escapeChar);
  if (escaped.length <= MAX_NAME) return escaped;
  // Cut the head at an escape boundary so it stays decodable by a person.
  let head = escaped.slice(0, HEAD);
  const cut = head.lastIndexOf('~');
  if (cut > HEAD - 3) head = head.slice(0, cut);
  const hash = createHash('sha256').update(callId, 'utf8').digest('hex').slice(0, 24);
  return `${head}~~${hash}`;
};

/** A short, unique-enough token for object names (what a second writer can never reuse). */
export const uniqueToken = (): string => randomBytes(5).toString('hex');

/** `2026-03-03T10:00:00.123Z` -> `20260303T100000123Z`: sortable, and safe in any name. */
export const stampOf = (iso: string): string => iso.replace(/[-:.]/g, '');
