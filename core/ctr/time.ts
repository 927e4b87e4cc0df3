/**
 * ISO-8601 instants as Genesys and its recording export write them: `…:05Z`, `…:05.000Z`,
 * `…:05.123456Z`, `+0000`, `+00:00`, `-05:00`. `Date.parse` is deliberately not used: V8 falls
 * back to a lenient legacy parser that accepts garbage and reads zone-less stamps as LOCAL time.
 * A stamp without a zone is read as UTC, because Genesys only ever writes UTC.
 */
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/** Days in `month` (1–12) of the proleptic Gregorian `year`, as `Date` counts them. */
const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31;

/** Epoch milliseconds of an ISO-8601 instant, or null when the text is not one. */
export const parseInstant = (text: string): number | null => {
  const m = ISO_INSTANT.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  // Sub-millisecond digits are truncated: every offset downstream is whole milliseconds.
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (m[9]) {
    const offHours = Number(m[10]);
    const offMinutes = Number(m[11] ?? '0');
    if (offHours > 23 || offMinutes > 59) return null;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offHours * 60 + offMinutes);
  }
  // Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear takes the year as written.
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime() - offsetMinutes * 60_000;
};

/** Canonical UTC rendering (`…:05.000Z`) of epoch milliseconds. */
export const toIsoUtc = (epochMs: number): string => new Date(epochMs).toISOString();
