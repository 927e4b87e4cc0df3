import type { TimestampStyle } from './truth.js';

const LOCAL_OFFSET_MS = -5 * 3_600_000;

/** The finest time step a style can write: seconds-only timestamps drop the milliseconds. */
export function stylePrecisionMs(style: TimestampStyle): number {
  return style === 'utc-seconds' ? 1000 : 1;
}

/** Writes an instant the way the chosen system does (all styles denote the same instant, truncated to precision). */
export function formatTimestamp(epochMs: number, style: TimestampStyle): string {
  const iso = new Date(epochMs).toISOString();
  switch (style) {
    case 'utc-millis':
      return iso;
    case 'utc-seconds':
      return `${iso.slice(0, 19)}Z`;
    case 'offset-compact':
      return `${iso.slice(0, 23)}+0000`;
    case 'offset-colon':
      return `${iso.slice(0, 23)}+00:00`;
    case 'offset-local':
      return `${new Date(epochMs + LOCAL_OFFSET_MS).toISOString().slice(0, 23)}-05:00`;
  }
}
