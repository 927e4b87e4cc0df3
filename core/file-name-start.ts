import type { LineageEntry } from '../schemas/call-document.js';
import type { BextOrigination } from './audio/bext.js';
import {
  canonicalTimeZone,
  describeReading,
  isUtcOffset,
  validWallTime,
  type WallClock,
  wallTimeToUtc,
} from './wall-time.js';

/**
 * The call's start read from its file name, as the AWS "Post Call Analytics" sample does
 * (`FilenameDatetimeRegex` / `FilenameDatetimeFieldMap`; its default `(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})`
 * with `%Y %m %d %H %M %S` reads `Auto1_GUID_001_AGENT_AndrewK_DT_2021-12-01T07-55-51.wav`). Used only
 * when neither the conversation record nor recording metadata gives a start (MergeCtr overrides it).
 *
 * A pattern names its fields as groups: Y m d H M S (all six required: a bare date or number never
 * matches), optional z (a literal `Z`: the name says UTC). A time without a zone is read at the
 * configured UTC offset, or in the configured time zone (DST included: core/wall-time.ts says what
 * a time the clock change skipped or repeated becomes), UTC unless configured.
 */
export const FILE_NAME_START_ENGINE = 'debrief-file-name-start';
/** Bump when which names are read, or how, changes: it is recorded in lineage.start. */
export const FILE_NAME_START_VERSION = '1.1.0';

/** The defaults: PCA's `..._DT_2025-02-19T06-01-22`, `2025-02-19_06-01-22`, `2025-02-19T06:01:22Z`, `20250219-060122`. */
export const DEFAULT_FILE_NAME_START_PATTERNS: readonly string[] = [
  String.raw`(?<!\d)(?<Y>\d{4})-(?<m>\d{2})-(?<d>\d{2})[T_ ](?<H>\d{2})(?<sep>[-:.])(?<M>\d{2})\k<sep>(?<S>\d{2})(?:\.\d{1,6})?(?<z>Z)?(?!\d)`,
  String.raw`(?<!\d)(?<Y>\d{4})(?<m>\d{2})(?<d>\d{2})[-_T](?<H>\d{2})(?<M>\d{2})(?<S>\d{2})(?<z>Z)?(?!\d)`,
];

export interface FileNameStartSettings {
  /** Regular expressions with named groups Y m d H M S (and optionally z); first match wins. */
  patterns: readonly string[];
  /**
   * How times the name gives without a zone are read: at a fixed offset (`Z`, UTC, the default, or
   * `±hh:mm`) or in an IANA time zone, with its daylight-saving changes (core/wall-time.ts).
   */
  clock: WallClock;
}

export const DEFAULT_FILE_NAME_START: FileNameStartSettings = {
  patterns: DEFAULT_FILE_NAME_START_PATTERNS,
  clock: { utcOffset: 'Z' },
};

/**
 * The clock a recorder's local times are read on, from DEBRIEF_FILENAME_UTC_OFFSET (`Z` or `±hh:mm`)
 * or DEBRIEF_FILENAME_TIMEZONE (an IANA name): one or the other, UTC when neither is set. Throws
 * on both, an offset of another shape, or a zone the platform does not know.
 */
export const wallClockSettings = (utcOffset: string | undefined, timeZone: string | undefined): WallClock => {
  const offset = utcOffset?.trim() || undefined;
  const zone = timeZone?.trim() || undefined;
  if (offset && zone)
    throw new Error(
      `DEBRIEF_FILENAME_UTC_OFFSET (${offset}) and DEBRIEF_FILENAME_TIMEZONE (${zone}) are both set: set one (a zone name follows the zone's daylight-saving changes, an offset never changes)`,
    );
  if (zone) return { timeZone: canonicalTimeZone(zone) };
  if (offset && !isUtcOffset(offset))
    throw new Error(
      `file-name UTC offset ${offset} is not Z or ±hh:mm${/^[A-Za-z]+\//.test(offset) ? ` (a zone name: set DEBRIEF_FILENAME_TIMEZONE=${offset} instead)` : ''}`,
    );
  return { utcOffset: offset ?? 'Z' };
};

/**
 * Settings from the environment (DEBRIEF_FILENAME_DATETIME_REGEX: one pattern, or several separated
 * by a newline; DEBRIEF_FILENAME_UTC_OFFSET: `Z` or `±hh:mm`, or DEBRIEF_FILENAME_TIMEZONE: an IANA
 * zone name). "none" switches reading names off. Throws on a pattern that does not compile or lacks
 * a field, an offset of another shape, an unknown zone, or both an offset and a zone.
 */
export const fileNameStartSettings = (
  regex: string | undefined,
  utcOffset: string | undefined,
  timeZone: string | undefined,
): FileNameStartSettings => {
  const patterns =
    regex === undefined || regex.trim() === ''
      ? DEFAULT_FILE_NAME_START_PATTERNS
      : regex.trim() === 'none'
        ? []
        : regex
            .split('\n')
            .map((p) => p.trim())
            .filter(Boolean);
  for (const p of patterns) {
    const groups = new RegExp(`${p}|`).exec('')?.groups ?? {};
    const missing = ['Y', 'm', 'd', 'H', 'M', 'S'].filter((g) => !(g in groups));
    if (missing.length > 0)
      throw new Error(
        `file-name date-time pattern ${p} names no group ${missing.join(', ')} (use (?<Y>\\d{4}) ...)`,
      );
  }
  return { patterns, clock: wallClockSettings(utcOffset, timeZone) };
};

export interface FileNameStart {
  /** ISO-8601 UTC instant. */
  startedAt: string;
  lineage: LineageEntry;
}

/** The start a file name gives, or null (no match, or a match that is no real date and time). */
export const startFromFileName = (
  fileName: string,
  settings: FileNameStartSettings = DEFAULT_FILE_NAME_START,
): FileNameStart | null => {
  for (const pattern of settings.patterns) {
    const re = new RegExp(pattern, 'g');
    for (const match of fileName.matchAll(re)) {
      const g = match.groups ?? {};
      const [Y, m, d, H, M, S] = ['Y', 'm', 'd', 'H', 'M', 'S'].map((k) => Number(g[k]));
      const wall = validWallTime(Y!, m!, d!, H!, M!, S!);
      if (!wall) continue;
      const zoned = g.z === 'Z';
      const clock: WallClock = zoned ? { utcOffset: 'Z' } : settings.clock;
      const read = wallTimeToUtc(wall, clock);
      const startedAt = read.iso;
      const zone = zoned ? 'the name says UTC' : `no zone in the name: ${describeReading(clock, read, wall)}`;
      return {
        startedAt,
        lineage: {
          engine: FILE_NAME_START_ENGINE,
          version: FILE_NAME_START_VERSION,
          model: null,
          promptHash: null,
          note: `source=file-name; name=${fileName}; read=${match[0]}; ${zone}`,
        },
      };
    }
  }
  return null;
};

/** The start a WAV's BWF `bext` chunk gives (core/audio/bext.ts), read on the same clock as file names. */
export const BEXT_START_ENGINE = 'debrief-bext-start';
/** Bump when how a bext chunk's date and time are read changes: it is recorded in lineage.start. */
export const BEXT_START_VERSION = '1.0.0';

/**
 * The start a recording's `bext` OriginationDate and OriginationTime give: the recorder's local
 * clock (BWF names no zone), read at the configured offset or in the configured zone as a file
 * name's time is. Used when neither the conversation record nor recording metadata gives a start,
 * before the file name (the recorder wrote it into the file itself; a name can be changed on the way).
 */
export const startFromBext = (
  origination: BextOrigination,
  fileName: string,
  settings: FileNameStartSettings = DEFAULT_FILE_NAME_START,
): FileNameStart => {
  const read = wallTimeToUtc(origination.wall, settings.clock);
  return {
    startedAt: read.iso,
    lineage: {
      engine: BEXT_START_ENGINE,
      version: BEXT_START_VERSION,
      model: null,
      promptHash: null,
      note: `source=recording-bext; name=${fileName}; read=${origination.text}; no zone in BWF: ${describeReading(settings.clock, read, origination.wall)}`,
    },
  };
};

/** The day of a call nothing gave a start: its file's time (fileDay). */
export const FILE_DAY_ENGINE = 'debrief-file-day';
/** Bump when how that day is chosen changes: it is recorded in lineage.start. */
// 1.1.0: a file time before FILE_TIME_FLOOR or later than the run's now (+ FILE_TIME_SKEW_MS) is
// not a day: the day the call was read is (source=run-time).
export const FILE_DAY_VERSION = '1.1.0';

/**
 * File times before this are no recording's: 0 (an archive or copy that kept no times), 1980-01-01
 * (a ZIP or FAT file without one).
 */
export const FILE_TIME_FLOOR = '2000-01-01T00:00:00.000Z';
/** How far a file time may be ahead of the run's clock (a recorder's clock a little fast). */
export const FILE_TIME_SKEW_MS = 60 * 60 * 1000;

/**
 * The day a call with no start (no bext date, no date-time in its file names, no ICRD date; MergeCtr replaces
 * it when a conversation record or recording metadata gives one) is filed under, said in
 * lineage.start: the recording's own file time for a transcript this workflow made from it (the
 * local drop keeps a file's modification time; on S3 it is the upload time), else the dropped
 * transcript's. Never the day the run happened when the recording's file has a time of its own,
 * unless that time cannot be the call's (before FILE_TIME_FLOOR, or later than `now` by more than
 * FILE_TIME_SKEW_MS): then the day `now` falls on, as before file times were read (source=run-time).
 */
export const startFromFileTime = (
  file: { name: string; kind: 'recording' | 'transcript'; lastModified: string },
  now: string,
): { dt: string; lineage: LineageEntry } => {
  const at = Date.parse(file.lastModified);
  const plausible =
    Number.isFinite(at) && at >= Date.parse(FILE_TIME_FLOOR) && at <= Date.parse(now) + FILE_TIME_SKEW_MS;
  const day = new Date(plausible ? at : Date.parse(now)).toISOString().slice(0, 10);
  const lineage = (source: string, why: string): LineageEntry => ({
    engine: FILE_DAY_ENGINE,
    version: FILE_DAY_VERSION,
    model: null,
    promptHash: null,
    note: `source=${source}; name=${file.name}; read=${file.lastModified}; no start time (no conversation record, recording metadata, bext date, date-time in the file name or ICRD date): started_at is null and the call is filed under ${day}, ${why}`,
  });
  return {
    dt: day,
    lineage: plausible
      ? lineage(
          `${file.kind}-file-time`,
          `the day of the ${file.kind} file's modification time (on S3 its upload time)`,
        )
      : lineage(
          'run-time',
          `the day it was read: the ${file.kind} file's modification time (on S3 its upload time) is ${at < Date.parse(FILE_TIME_FLOOR) ? `before ${FILE_TIME_FLOOR.slice(0, 10)}` : 'later than the time it was read'}, not when the call can have been`,
        ),
  };
};

/** The start or day a WAV's `LIST`/`INFO` ICRD creation date gives (core/audio/riff-info.ts). */
export const ICRD_START_ENGINE = 'debrief-icrd-start';
/** Bump when which ICRD texts are read, or how, changes: it is recorded in lineage.start. */
export const ICRD_START_VERSION = '1.0.0';

const ICRD_DATE = /^(\d{4})([-/:.])(\d{2})\2(\d{2})$/;
const ICRD_DATE_TIME =
  /^(\d{4})([-/:.])(\d{2})\2(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,9})?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * What a recording's ICRD text gives, when neither the conversation record, recording metadata,
 * a bext date nor the file name gave a start (before the file's own time): a date and time is the
 * start (at its zone when it names one, `Z` or `±hh:mm`, else on the clock file names and bext
 * times are read on); a date alone is the day the call is filed under (`started_at` stays null).
 * Null for another shape, an impossible date or time (2026-02-30, 25:00), or one that cannot be
 * the call's, as for a file time (before FILE_TIME_FLOOR, later than `now` by more than
 * FILE_TIME_SKEW_MS): the file's time is read instead.
 */
export const startFromInfoCreation = (
  icrd: string,
  fileName: string,
  now: string,
  settings: FileNameStartSettings = DEFAULT_FILE_NAME_START,
): { startedAt: string | null; dt: string; lineage: LineageEntry } | null => {
  const plausible = (ms: number) =>
    ms >= Date.parse(FILE_TIME_FLOOR) && ms <= Date.parse(now) + FILE_TIME_SKEW_MS;
  const lineage = (note: string): LineageEntry => ({
    engine: ICRD_START_ENGINE,
    version: ICRD_START_VERSION,
    model: null,
    promptHash: null,
    note: `source=recording-icrd; name=${fileName}; read=${icrd}; ${note}`,
  });
  const date = ICRD_DATE.exec(icrd);
  if (date) {
    const wall = validWallTime(Number(date[1]), Number(date[3]), Number(date[4]), 0, 0, 0);
    if (!wall) return null;
    const day = `${date[1]}-${date[3]}-${date[4]}`;
    if (!plausible(Date.parse(`${day}T00:00:00.000Z`))) return null;
    return {
      startedAt: null,
      dt: day,
      lineage: lineage(
        `a creation date without a time: started_at is null and the call is filed under ${day}`,
      ),
    };
  }
  const m = ICRD_DATE_TIME.exec(icrd);
  if (!m) return null;
  const wall = validWallTime(
    Number(m[1]),
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
    Number(m[7] ?? 0),
  );
  if (!wall) return null;
  const zone =
    m[8] === undefined ? null : m[8] === 'Z' ? 'Z' : m[8].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  if (zone !== null && !isUtcOffset(zone)) return null;
  const clock: WallClock = zone === null ? settings.clock : { utcOffset: zone };
  const read = wallTimeToUtc(wall, clock);
  if (!plausible(Date.parse(read.iso))) return null;
  return {
    startedAt: read.iso,
    dt: read.iso.slice(0, 10),
    lineage: lineage(
      zone === null
        ? `no zone in ICRD: ${describeReading(clock, read, wall)}`
        : zone === 'Z'
          ? 'ICRD says UTC'
          : `ICRD says ${zone}`,
    ),
  };
};
