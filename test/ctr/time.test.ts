import { describe, expect, it } from 'vitest';
import { parseInstant, toIsoUtc } from '../../core/ctr/time.js';

const instant = Date.UTC(2026, 2, 2, 14, 0, 5);

describe('parseInstant', () => {
  it.each([
    ['2026-03-02T14:00:05Z', instant],
    ['2026-03-02T14:00:05.000Z', instant],
    ['2026-03-02T14:00:05.250Z', instant + 250],
    ['2026-03-02T14:00:05.123456Z', instant + 123],
    ['2026-03-02T14:00:05.5Z', instant + 500],
    ['2026-03-02T14:00:05+0000', instant],
    ['2026-03-02T14:00:05.000+0000', instant],
    ['2026-03-02T14:00:05+00:00', instant],
    ['2026-03-02T09:00:05-05:00', instant],
    ['2026-03-02T09:00:05.000-0500', instant],
    ['2026-03-02T19:30:05+05:30', instant],
    ['2026-03-02T14:00:05', instant],
    ['2026-03-02 14:00:05Z', instant],
    ['2026-03-02T14:00Z', instant - 5_000],
  ])('reads %s', (text, expected) => {
    // Act
    const ms = parseInstant(text);

    // Assess
    expect(ms).toBe(expected);
  });

  it('crosses the date line with an offset', () => {
    // Act
    const ms = parseInstant('2026-03-02T23:30:00-05:00');

    // Assess
    expect(toIsoUtc(ms!)).toBe('2026-03-03T04:30:00.000Z');
  });

  it.each([
    '',
    'yesterday',
    '2026-03-02',
    '2026-02-30T10:00:00Z',
    '2026-13-01T10:00:00Z',
    '2026-03-02T24:00:00Z',
    '2026-03-02T14:60:00Z',
    '2026-03-02T14:00:05+24:00',
    '2026-03-02T14:00:05 PST',
    'Mon, 02 Mar 2026 14:00:05 GMT',
  ])('rejects %j', (text) => {
    // Act
    const ms = parseInstant(text);

    // Assess
    expect(ms).toBeNull();
  });

  it('reads every calendar day of years 0–9999 as Date does: leap years, short months, years before 100', () => {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    for (const year of [
      0, 1, 4, 99, 100, 200, 400, 1600, 1700, 1900, 1999, 2000, 2024, 2026, 2100, 2400, 9999,
    ])
      for (let month = 0; month <= 13; month += 1)
        for (let day = 0; day <= 32; day += 1) {
          // Date's own calendar: the day exists when setting it does not roll over into the next month.
          const date = new Date(0);
          date.setUTCFullYear(year, month - 1, day);
          const exists = month >= 1 && month <= 12 && day >= 1 && date.getUTCDate() === day;
          date.setUTCHours(23, 59, 59, 999);
          const text = `${pad(year, 4)}-${pad(month)}-${pad(day)}T23:59:59.999-01:30`;
          expect(parseInstant(text), text).toBe(exists ? date.getTime() + 90 * 60_000 : null);
        }
  });
});
