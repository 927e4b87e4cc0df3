import type { LineageEntry } from '../schemas/call-document.js';

/**
 * The call's start read from its file name, as the AWS "Post Call Analytics" sample does
 * (`FilenameDatetimeRegex` / `FilenameDatetimeFieldMap`; its default `(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})`
 * with `%Y %m %d %H %M %S` reads `Auto1_GUID_001_AGENT_AndrewK_DT_2021-12-01T07-55-51.wav`). Used only
 * when neither the conversation record nor recording metadata gives a start (MergeCtr overrides it).
 *
 * A pattern names its fields as groups: Y m d H M S (all six required: a bare date or number never
 * matches), optional z (a literal `Z`: the name says UTC). A time without a zone is read at the
 * configured UTC offset, UTC unless configured.
 */
export const FILE_NAME_START_ENGINE = 'debrief-file-name-start';
/** Bump when which names are read, or how, changes: it is recorded in lineage.start. */
export const FILE_NAME_START_VERSION = '1.0.0';

/** The defaults: PCA's `..._DT_2025-02-19T06-01-22`, `2025-02-19_06-01-22`, `2025-02-19T06:01:22Z`, `20250219-060122`. */
export const DEFAULT_FILE_NAME_START_PATTERNS: readonly string[] = [
  String.raw`(?<!\d)(?<Y>\d{4})-(?<m>\d{2})-(?<d>\d{2})[T_ ](?<H>\d{2})(?<sep>[-:.])(?<M>\d{2})\k<sep>(?<S>\d{2})(?:\.\d{1,6})?(?<z>Z)?(?!\d)`,
  String.raw`(?<!\d)(?<Y>\d{4})(?<m>\d{2})(?<d>\d{2})[-_T](?<H>\d{2})(?<M>\d{2})(?<S>\d{2})(?<z>Z)?(?!\d)`,
];

export interface FileNameStartSettings {
  /** Regular expressions with named groups Y m d H M S (and optionally z); first match wins. */
  patterns: readonly string[];
  /** Offset of times the name gives without a zone: `Z` (UTC, the default) or `±hh:mm`. */
  utcOffset: string;
}

export const DEFAULT_FILE_NAME_START: FileNameStartSettings = {
  patterns: DEFAULT_FILE_NAME_START_PATTERNS,
  utcOffset: 'Z',
};

const OFFSET = /^(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * Settings from the environment (DEBRIEF_FILENAME_DATETIME_REGEX: one pattern, or several separated
 * by a newline; DEBRIEF_FILENAME_UTC_OFFSET: `Z` or `±hh:mm`). "none" switches reading names off.
 * Throws on a pattern that does not compile or lacks a field, or an offset of another shape.
 */
export const fileNameStartSettings = (
  regex: string | undefined,
  utcOffset: string | undefined,
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
  const offset = utcOffset?.trim() || 'Z';
  if (!OFFSET.test(offset)) throw new Error(`file-name UTC offset ${offset} is not Z or ±hh:mm`);
  return { patterns, utcOffset: offset };
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
      if ([Y, m, d, H, M, S].some((n) => n === undefined || !Number.isInteger(n))) continue;
      // Date.UTC rolls 2025-02-30 over to March: a date that does not round-trip is no date.
      const ms = Date.UTC(Y!, m! - 1, d!, H!, M!, S!);
      const day = new Date(ms);
      const valid =
        Y! >= 1990 &&
        Y! <= 2099 &&
        m! >= 1 &&
        m! <= 12 &&
        day.getUTCMonth() === m! - 1 &&
        day.getUTCDate() === d! &&
        H! <= 23 &&
        M! <= 59 &&
        S! <= 59;
      if (!valid) continue;
      const zoned = g.z === 'Z';
      const offset = zoned ? 'Z' : settings.utcOffset;
      const pad = (n: number, w = 2) => String(n).padStart(w, '0');
      const local = `${pad(Y!, 4)}-${pad(m!)}-${pad(d!)}T${pad(H!)}:${pad(M!)}:${pad(S!)}`;
      const startedAt = new Date(`${local}${offset}`).toISOString();
      const zone = zoned
        ? 'the name says UTC'
        : offset === 'Z'
          ? 'no zone in the name: read as UTC'
          : `no zone in the name: read at the configured offset ${offset}`;
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
