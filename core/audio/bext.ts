import { validWallTime, type WallTime } from '../wall-time.js';

/**
 * The Broadcast Wave Format `bext` chunk (EBU Tech 3285): Description (256 bytes), Originator (32),
 * OriginatorReference (32), OriginationDate (10: `yyyy-mm-dd`, or `yyyy:mm:dd` in the first
 * edition), OriginationTime (8: `hh:mm:ss`, any separator), TimeReference (8), Version (2), UMID
 * (64), loudness values (10), Reserved (180), CodingHistory (the rest). The date and time are the
 * recorder's local clock; BWF names no zone.
 */
export const BEXT_ORIGINATION_DATE_AT = 320;
/** Bytes of the chunk's body up to the end of OriginationTime: all a start needs. */
export const BEXT_ORIGINATION_BYTES = 338;

export interface BextOrigination {
  wall: WallTime;
  /** The two fields as written (`2025-02-19 06:01:22`), for lineage. */
  text: string;
}

/** A fixed-width ASCII field: NUL-padded (as written) or space-padded, trimmed; other bytes kept as `?`. */
const ascii = (b: Uint8Array): string => {
  let end = b.length;
  while (end > 0 && b[end - 1] === 0) end -= 1;
  return Array.from(b.subarray(0, end), (c) => (c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '?'))
    .join('')
    .trim();
};

/**
 * The origination date and time of a `bext` body (its first 338 bytes at least), or null when they
 * are blank, zeros, not dates (2025-02-30), out of 1990–2099, or the body is too short: a recorder
 * that leaves them unset is common, and never an error.
 */
export const parseBextOrigination = (body: Uint8Array): BextOrigination | null => {
  if (body.length < BEXT_ORIGINATION_BYTES) return null;
  const date = ascii(body.subarray(BEXT_ORIGINATION_DATE_AT, BEXT_ORIGINATION_DATE_AT + 10));
  const time = ascii(body.subarray(BEXT_ORIGINATION_DATE_AT + 10, BEXT_ORIGINATION_BYTES));
  const d = /^(\d{4})[^\d](\d{2})[^\d](\d{2})$/.exec(date);
  const t = /^(\d{2})[^\d](\d{2})[^\d](\d{2})$/.exec(time);
  if (!d || !t) return null;
  const wall = validWallTime(
    Number(d[1]),
    Number(d[2]),
    Number(d[3]),
    Number(t[1]),
    Number(t[2]),
    Number(t[3]),
  );
  return wall ? { wall, text: `${date} ${time}` } : null;
};
