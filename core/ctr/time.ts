/**
 * ISO-8601 instants as Genesys and its recording export write them: `…:05Z`, `…:05.000Z`,
 * `…:05.123456Z`, `+0000`, `+00:00`, `-05:00`. `Date.parse` is deliberately not used: V8 falls
 * back to a lenient legacy parser that accepts garbage and reads zone-less stamps as LOCAL time.
 * A stamp without a zone is read as UTC, because Genesys only ever writes UTC.
 */
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

const daysInMonth = (year: number, month: number): number => {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
};

/** Epoch milliseconds of an ISO-8601 instant, or null when the text is not one. */
export const parseInstant = (text: string): number | null => {
  const m = ISO_INSTANT.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = Number(m[6] ?? '0');
  // Sub-millisecond digits are truncated: every offset downstream is whole milliseconds.
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
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
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime() - offsetMinutes * 60_000;
};

/** Canonical UTC rendering (`…:05.000Z`) of epoch milliseconds. */
export const toIsoUtc = (epochMs: number): string => new Date(epochMs).toISOString();
