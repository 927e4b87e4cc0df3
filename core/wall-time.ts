/**
 * A recorder's local wall time (a file name's date-time, a BWF `bext` OriginationDate/Time: no zone
 * of their own) turned into a UTC instant, in a fixed offset or in an IANA time zone with its
 * daylight-saving rules (the platform's ICU time-zone data through Intl.DateTimeFormat; no library).
 *
 * Around a clock change a wall time can be missing or repeated; the rule is java.time's
 * `ZonedDateTime.ofLocal` (which the AWS PCA sample's Java-style `ConversationLocation` reading
 * follows):
 * - a time in the gap (clocks went forward: 02:30 on 2025-03-09 in America/New_York never happened)
 *   is shifted forward by the length of the gap (03:30 EDT, i.e. read at the offset before the change);
 * - a time in the overlap (clocks went back: 01:30 on 2025-11-02 in America/New_York happened twice)
 *   is the earlier of the two instants (01:30 EDT, not 01:30 EST).
 * Either is said in the result (`adjustment`), and so in lineage.
 */

/** Where a wall time is read: a fixed UTC offset (`Z`, `±hh:mm`) or an IANA zone. */
export type WallClock =
  | { utcOffset: string; timeZone?: undefined }
  | { timeZone: string; utcOffset?: undefined };

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export interface ZonedInstant {
  /** ISO-8601 UTC instant. */
  iso: string;
  /** The offset the wall time was read at, `±hh:mm` (`+00:00` for UTC). */
  offset: string;
  /** `gap`: the wall time did not exist and was shifted forward; `overlap`: it happened twice, the earlier was taken. */
  adjustment:
    | null
    | { kind: 'gap'; shiftMinutes: number; shiftedTo: string }
    | { kind: 'overlap'; laterOffset: string };
}

/**
 * A date and time in valid ranges (a date that does not exist, 2025-02-30, or an hour 24 is none),
 * in 1990–2099 (what a recorder of calls writes; a clock left at zero or a year typed wrong is none).
 */
export const validWallTime = (
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): WallTime | null => {
  if (![year, month, day, hour, minute, second].every(Number.isInteger)) return null;
  // Date.UTC rolls 2025-02-30 over to March: a date that does not round-trip is no date.
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid =
    year >= 1990 &&
    year <= 2099 &&
    month >= 1 &&
    month <= 12 &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 59;
  return valid ? { year, month, day, hour, minute, second } : null;
};

const OFFSET = /^(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** True for `Z` or `±hh:mm`. */
export const isUtcOffset = (text: string): boolean => OFFSET.test(text);

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

/**
 * An IANA time zone's name as the platform spells it (`america/new_york` -> `America/New_York`), or throws
 * with a line that says what to set instead. Offsets are refused here: they have their own setting.
 */
export const canonicalTimeZone = (name: string): string => {
  const zone = name.trim();
  if (/^[+-]\d|^Z$/i.test(zone))
    throw new Error(
      `time zone ${zone} is an offset, not a zone name: use the UTC offset setting, or a name such as Europe/Paris`,
    );
  try {
    // ICU resolves some current names to older ones (Asia/Kolkata -> Asia/Calcutta): keep the name
    // as given, only its letter case from the platform's.
    const resolved = formatterFor(zone).resolvedOptions().timeZone;
    return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
  } catch {
    throw new Error(
      `unknown time zone ${zone}: use an IANA zone name such as America/New_York, Europe/London or Australia/Sydney`,
    );
  }
};

/** The zone's offset from UTC at instant `ms`, in ms (local wall clock minus UTC). */
export const zoneOffsetMs = (timeZone: string, ms: number): number => {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall - Math.floor(ms / 1000) * 1000;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const offsetText = (ms: number): string => {
  const sign = ms < 0 ? '-' : '+';
  const minutes = Math.round(Math.abs(ms) / 60_000);
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
};

const offsetMsOf = (offset: string): number => {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
};

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2025-03-09T02:30:00`. */
export const wallText = (w: WallTime): string =>
  `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;

/** A wall time read on a clock (a fixed offset, or a zone with its clock changes). */
export const wallTimeToUtc = (w: WallTime, clock: WallClock): ZonedInstant => {
  const wall = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  if (clock.timeZone === undefined) {
    const offset = offsetMsOf(clock.utcOffset);
    return { iso: new Date(wall - offset).toISOString(), offset: offsetText(offset), adjustment: null };
  }
  const zone = clock.timeZone;
  // The offsets in force a day either side of the wall time: a clock change between them is the only
  // one that can make this wall time missing or repeated (zones change at most once within two days).
  const before = zoneOffsetMs(zone, wall - DAY);
  const after = zoneOffsetMs(zone, wall + DAY);
  const fits = [...new Set([before, after])]
    .map((offset) => ({ offset, at: wall - offset }))
    .filter(({ offset, at }) => zoneOffsetMs(zone, at) === offset)
    .sort((a, b) => a.at - b.at);
  const first = fits[0];
  if (first) {
    const later = fits[1];
    return {
      iso: new Date(first.at).toISOString(),
      offset: offsetText(first.offset),
      adjustment: later ? { kind: 'overlap', laterOffset: offsetText(later.offset) } : null,
    };
  }
  // In the gap: read at the offset before the change, which lands as far past the change as the
  // wall time is past its start (shifted forward by the gap).
  const at = wall - before;
  const shift = after - before;
  const shiftedWall = new Date(at + after);
  const shiftedTo = wallText({
    year: shiftedWall.getUTCFullYear(),
    month: shiftedWall.getUTCMonth() + 1,
    day: shiftedWall.getUTCDate(),
    hour: shiftedWall.getUTCHours(),
    minute: shiftedWall.getUTCMinutes(),
    second: shiftedWall.getUTCSeconds(),
  });
  return {
    iso: new Date(at).toISOString(),
    offset: offsetText(after),
    adjustment: { kind: 'gap', shiftMinutes: Math.round(shift / 60_000), shiftedTo },
  };
};

/** One clause for lineage: how a wall time without a zone was read. */
export const describeReading = (clock: WallClock, read: ZonedInstant, wall: WallTime): string => {
  if (clock.timeZone === undefined)
    return clock.utcOffset === 'Z' ? 'read as UTC' : `read at the configured offset ${clock.utcOffset}`;
  const base = `read in ${clock.timeZone}`;
  const a = read.adjustment;
  if (!a) return `${base} (${read.offset})`;
  if (a.kind === 'gap')
    return `${base}: shifted: ${wallText(wall)} does not exist there (the clocks went forward), read as ${a.shiftedTo}${read.offset}, ${a.shiftMinutes} minutes later`;
  return `${base}: ambiguous: ${wallText(wall)} happens twice there (the clocks went back), the earlier taken (${read.offset}, not ${a.laterOffset})`;
};
