import { describe, expect, it } from 'vitest';
import {
  canonicalTimeZone,
  describeReading,
  validWallTime,
  type WallClock,
  wallTimeToUtc,
  zoneOffsetMs,
} from '../../core/wall-time.js';

const wall = (text: string) => {
  const [year, month, day, hour, minute, second] = text.split(/[-T:]/).map(Number);
  const w = validWallTime(year!, month!, day!, hour!, minute!, second!);
  if (!w) throw new Error(`bad wall time ${text}`);
  return w;
};
const utc = (text: string, clock: WallClock) => wallTimeToUtc(wall(text), clock).iso;
const zone = (timeZone: string): WallClock => ({ timeZone });

describe("a recorder's wall time read in its time zone (daylight saving included)", () => {
  it('reads summer and winter times at the offset in force then (New York, London)', () => {
    expect(utc('2025-02-19T06:01:22', zone('America/New_York'))).toBe('2025-02-19T11:01:22.000Z');
    expect(utc('2025-07-01T06:01:22', zone('America/New_York'))).toBe('2025-07-01T10:01:22.000Z');
    expect(utc('2025-01-15T12:00:00', zone('Europe/London'))).toBe('2025-01-15T12:00:00.000Z');
    expect(utc('2025-06-15T12:00:00', zone('Europe/London'))).toBe('2025-06-15T11:00:00.000Z');
    // The UTC day can differ from the recorder's: late evening in New York is the next day in UTC.
    expect(utc('2025-02-19T23:30:00', zone('America/New_York'))).toBe('2025-02-20T04:30:00.000Z');
    expect(wallTimeToUtc(wall('2025-07-01T06:01:22'), zone('America/New_York')).adjustment).toBeNull();
  });

  it('a time the clocks skipped (spring forward) is shifted forward by the gap, and says so', () => {
    // 2025-03-09 02:00 EST -> 03:00 EDT: 02:30 never happened; read as 03:30 EDT.
    const read = wallTimeToUtc(wall('2025-03-09T02:30:00'), zone('America/New_York'));
    expect(read.iso).toBe('2025-03-09T07:30:00.000Z');
    expect(read.adjustment).toEqual({ kind: 'gap', shiftMinutes: 60, shiftedTo: '2025-03-09T03:30:00' });
    expect(describeReading(zone('America/New_York'), read, wall('2025-03-09T02:30:00'))).toBe(
      'read in America/New_York: shifted: 2025-03-09T02:30:00 does not exist there (the clocks went forward), read as 2025-03-09T03:30:00-04:00, 60 minutes later',
    );
    // Either side of the gap: unchanged.
    expect(utc('2025-03-09T01:59:59', zone('America/New_York'))).toBe('2025-03-09T06:59:59.000Z');
    expect(utc('2025-03-09T03:00:00', zone('America/New_York'))).toBe('2025-03-09T07:00:00.000Z');
    // Europe/London changes at 01:00 UTC.
    expect(utc('2025-03-30T01:30:00', zone('Europe/London'))).toBe('2025-03-30T01:30:00.000Z');
  });

  it('a time the clocks repeated (fall back) is the earlier of the two, and says so', () => {
    // 2025-11-02 02:00 EDT -> 01:00 EST: 01:30 happened at 05:30Z (EDT) and at 06:30Z (EST).
    const read = wallTimeToUtc(wall('2025-11-02T01:30:00'), zone('America/New_York'));
    expect(read.iso).toBe('2025-11-02T05:30:00.000Z');
    expect(read.adjustment).toEqual({ kind: 'overlap', laterOffset: '-05:00' });
    expect(describeReading(zone('America/New_York'), read, wall('2025-11-02T01:30:00'))).toBe(
      'read in America/New_York: ambiguous: 2025-11-02T01:30:00 happens twice there (the clocks went back), the earlier taken (-04:00, not -05:00)',
    );
    expect(utc('2025-11-02T00:59:59', zone('America/New_York'))).toBe('2025-11-02T04:59:59.000Z');
    expect(utc('2025-11-02T02:00:00', zone('America/New_York'))).toBe('2025-11-02T07:00:00.000Z');
    expect(wallTimeToUtc(wall('2025-11-02T02:00:00'), zone('America/New_York')).adjustment).toBeNull();
  });

  it('the southern hemisphere: Sydney falls back in April and springs forward in October', () => {
    expect(utc('2025-01-15T09:00:00', zone('Australia/Sydney'))).toBe('2025-01-14T22:00:00.000Z');
    expect(utc('2025-07-15T09:00:00', zone('Australia/Sydney'))).toBe('2025-07-14T23:00:00.000Z');
    const back = wallTimeToUtc(wall('2025-04-06T02:30:00'), zone('Australia/Sydney'));
    expect(back).toMatchObject({ iso: '2025-04-05T15:30:00.000Z', adjustment: { kind: 'overlap' } });
    const forward = wallTimeToUtc(wall('2025-10-05T02:30:00'), zone('Australia/Sydney'));
    expect(forward).toMatchObject({
      iso: '2025-10-04T16:30:00.000Z',
      adjustment: { kind: 'gap', shiftMinutes: 60, shiftedTo: '2025-10-05T03:30:00' },
    });
  });

  it('half-hour zones: India (+05:30, no DST) and Lord Howe Island (+10:30, a 30-minute DST)', () => {
    expect(utc('2025-02-19T06:01:22', zone('Asia/Kolkata'))).toBe('2025-02-19T00:31:22.000Z');
    expect(wallTimeToUtc(wall('2025-02-19T06:01:22'), zone('Asia/Kolkata')).offset).toBe('+05:30');
    expect(utc('2025-07-01T12:00:00', zone('Australia/Lord_Howe'))).toBe('2025-07-01T01:30:00.000Z');
    expect(utc('2025-01-01T12:00:00', zone('Australia/Lord_Howe'))).toBe('2025-01-01T01:00:00.000Z');
    // 2025-10-05 02:00 -> 02:30: 02:15 is shifted 30 minutes to 02:45 (+11:00).
    expect(wallTimeToUtc(wall('2025-10-05T02:15:00'), zone('Australia/Lord_Howe'))).toEqual({
      iso: '2025-10-04T15:45:00.000Z',
      offset: '+11:00',
      adjustment: { kind: 'gap', shiftMinutes: 30, shiftedTo: '2025-10-05T02:45:00' },
    });
    // 2025-04-06 02:00 -> 01:30: 01:45 happens at +11:00 and again at +10:30; the earlier is taken.
    expect(wallTimeToUtc(wall('2025-04-06T01:45:00'), zone('Australia/Lord_Howe'))).toEqual({
      iso: '2025-04-05T14:45:00.000Z',
      offset: '+11:00',
      adjustment: { kind: 'overlap', laterOffset: '+10:30' },
    });
  });

  it('a whole day skipped (Samoa, 2011-12-30) is shifted forward by the day', () => {
    expect(wallTimeToUtc(wall('2011-12-30T12:00:00'), zone('Pacific/Apia'))).toMatchObject({
      iso: '2011-12-30T22:00:00.000Z',
      adjustment: { kind: 'gap', shiftMinutes: 24 * 60, shiftedTo: '2011-12-31T12:00:00' },
    });
  });

  it('a fixed offset never shifts (the same wall time, the same offset, summer or winter)', () => {
    expect(utc('2025-03-09T02:30:00', { utcOffset: '-05:00' })).toBe('2025-03-09T07:30:00.000Z');
    expect(utc('2025-07-01T02:30:00', { utcOffset: '-05:00' })).toBe('2025-07-01T07:30:00.000Z');
    expect(utc('2025-07-01T02:30:00', { utcOffset: 'Z' })).toBe('2025-07-01T02:30:00.000Z');
    expect(utc('2025-07-01T02:30:00', { utcOffset: '+05:30' })).toBe('2025-06-30T21:00:00.000Z');
  });

  it('the offset in force is read from the platform time-zone data', () => {
    expect(zoneOffsetMs('America/New_York', Date.UTC(2025, 0, 1))).toBe(-5 * 3_600_000);
    expect(zoneOffsetMs('America/New_York', Date.UTC(2025, 6, 1))).toBe(-4 * 3_600_000);
    expect(zoneOffsetMs('Asia/Kolkata', Date.UTC(2025, 0, 1))).toBe(5.5 * 3_600_000);
  });

  it('names zones canonically and refuses unknown names and offsets given as zones', () => {
    expect(canonicalTimeZone('america/new_york')).toBe('America/New_York');
    expect(canonicalTimeZone(' Europe/London ')).toBe('Europe/London');
    // ICU's own canonical name for it is Asia/Calcutta: the name as given is kept.
    expect(canonicalTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(() => canonicalTimeZone('Mars/Olympus_Mons')).toThrow(/unknown time zone Mars\/Olympus_Mons/);
    expect(() => canonicalTimeZone('America/NewYork')).toThrow(/unknown time zone/);
    expect(() => canonicalTimeZone('+01:00')).toThrow(/is an offset, not a zone name/);
  });

  it('a wall time must be a real date and time in 1990–2099', () => {
    expect(validWallTime(2024, 2, 29, 23, 59, 59)).not.toBeNull();
    expect(validWallTime(2025, 2, 29, 12, 0, 0)).toBeNull();
    expect(validWallTime(2025, 2, 30, 12, 0, 0)).toBeNull();
    expect(validWallTime(2025, 13, 1, 12, 0, 0)).toBeNull();
    expect(validWallTime(2025, 0, 1, 12, 0, 0)).toBeNull();
    expect(validWallTime(2025, 1, 0, 12, 0, 0)).toBeNull();
    expect(validWallTime(2025, 1, 1, 24, 0, 0)).toBeNull();
    expect(validWallTime(2025, 1, 1, 0, 60, 0)).toBeNull();
    expect(validWallTime(2025, 1, 1, 0, 0, 60)).toBeNull();
    expect(validWallTime(0, 0, 0, 0, 0, 0)).toBeNull();
    expect(validWallTime(1989, 12, 31, 0, 0, 0)).toBeNull();
    expect(validWallTime(2025, 1, 1, 0, 0, Number.NaN)).toBeNull();
  });
});
