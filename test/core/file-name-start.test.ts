import { describe, expect, it } from 'vitest';
import { mergeCtr } from '../../core/ctr/merge.js';
import { fileNameStartSettings, startFromFileName } from '../../core/file-name-start.js';
import { RecordingMetadata } from '../../schemas/genesys-conversation.js';
import { callDocument, simpleCtr, tcaTurn } from '../ctr/call-builder.js';

const start = (name: string, settings = fileNameStartSettings(undefined, undefined, undefined)) =>
  startFromFileName(name, settings)?.startedAt ?? null;

describe('a call start read from its file name', () => {
  it("reads the PCA sample's _DT_ shape (its default FilenameDatetimeRegex) and common recorder shapes, as UTC", () => {
    expect(start('Auto1_GUID_001_AGENT_AndrewK_DT_2025-02-19T06-01-22.wav')).toBe('2025-02-19T06:01:22.000Z');
    expect(start('queue7_20250219-060122_agent42.wav')).toBe('2025-02-19T06:01:22.000Z');
    expect(start('call 2025-02-19_06-01-22.opus')).toBe('2025-02-19T06:01:22.000Z');
    expect(start('2025-02-19T06:01:22Z-inbound.tca.json')).toBe('2025-02-19T06:01:22.000Z');
    expect(start('rec_2025-02-19 06.01.22.wav')).toBe('2025-02-19T06:01:22.000Z');
  });

  it('says in the lineage where the start came from and that a time without a zone was read as UTC', () => {
    const found = startFromFileName('Auto1_GUID_001_AGENT_AndrewK_DT_2025-02-19T06-01-22.wav');
    expect(found?.lineage.note).toContain('source=file-name');
    expect(found?.lineage.note).toContain('read=2025-02-19T06-01-22');
    expect(found?.lineage.note).toContain('no zone in the name: read as UTC');
  });

  it('never matches a date without a time, a bare number, an impossible date or a mixed separator', () => {
    expect(start('call-2025-02-19.wav')).toBeNull();
    expect(start('20250219060122.wav')).toBeNull();
    expect(start('rec-1.wav')).toBeNull();
    expect(start('1234567890123.wav')).toBeNull();
    expect(start('call_DT_2025-13-19T06-01-22.wav')).toBeNull();
    expect(start('call_20251319-060122.wav')).toBeNull();
    expect(start('call_DT_2025-02-30T06-01-22.wav')).toBeNull();
    expect(start('call_DT_2025-02-19T24-01-22.wav')).toBeNull();
    expect(start('call_DT_2025-02-19T06-61-22.wav')).toBeNull();
    expect(start('call_DT_2025-02-19T06-01:22.wav')).toBeNull();
    expect(start('call_DT_12025-02-19T06-01-22.wav')).toBeNull();
    // A later, valid date-time in the same name is still found.
    expect(start('x_2025-13-01T00-00-00_2024-02-29T23-59-59.wav')).toBe('2024-02-29T23:59:59.000Z');
  });

  it('reads times without a zone at a configured offset, a name that says Z as UTC, and custom patterns', () => {
    const paris = fileNameStartSettings(undefined, '+01:00', undefined);
    expect(start('call_DT_2025-02-19T06-01-22.wav', paris)).toBe('2025-02-19T05:01:22.000Z');
    expect(startFromFileName('call_DT_2025-02-19T06-01-22.wav', paris)?.lineage.note).toContain('+01:00');
    expect(start('2025-02-19T06:01:22Z.wav', paris)).toBe('2025-02-19T06:01:22.000Z');
    // PCA's own example: CallAudioFile-09.25.51.067-09-26-2019.wav with '%H %M %S %f %m %d %Y'.
    const pca = fileNameStartSettings(
      String.raw`(?<H>\d{2})\.(?<M>\d{2})\.(?<S>\d{2})\.\d{3}-(?<m>\d{2})-(?<d>\d{2})-(?<Y>\d{4})`,
      undefined,
      undefined,
    );
    expect(start('CallAudioFile-09.25.51.067-09-26-2019.wav', pca)).toBe('2019-09-26T09:25:51.000Z');
    expect(
      start('call_DT_2025-02-19T06-01-22.wav', fileNameStartSettings('none', undefined, undefined)),
    ).toBeNull();
    expect(() => fileNameStartSettings(String.raw`(\d{4})-(\d{2})`, undefined, undefined)).toThrow(
      /names no group Y/,
    );
    expect(() => fileNameStartSettings(undefined, 'Europe/Paris', undefined)).toThrow(
      /not Z or ±hh:mm \(a zone name: set DEBRIEF_FILENAME_TIMEZONE=Europe\/Paris instead\)/,
    );
  });

  it('reads times without a zone in a configured time zone, with its daylight saving: winter, summer, the gap and the overlap', () => {
    const newYork = fileNameStartSettings(undefined, undefined, 'America/New_York');
    expect(newYork.clock).toEqual({ timeZone: 'America/New_York' });
    expect(start('call_DT_2025-02-19T06-01-22.wav', newYork)).toBe('2025-02-19T11:01:22.000Z');
    expect(start('call_DT_2025-07-19T06-01-22.wav', newYork)).toBe('2025-07-19T10:01:22.000Z');
    // A name that says Z is UTC whatever the zone.
    expect(start('2025-07-19T06:01:22Z.wav', newYork)).toBe('2025-07-19T06:01:22.000Z');
    const plain = startFromFileName('call_DT_2025-07-19T06-01-22.wav', newYork);
    expect(plain?.lineage.note).toBe(
      'source=file-name; name=call_DT_2025-07-19T06-01-22.wav; read=2025-07-19T06-01-22; no zone in the name: read in America/New_York (-04:00)',
    );
    expect(plain?.lineage.version).toBe('1.1.0');
    // 02:30 on the spring-forward night never happened: shifted an hour forward, and lineage says so.
    const gap = startFromFileName('call_DT_2025-03-09T02-30-00.wav', newYork);
    expect(gap?.startedAt).toBe('2025-03-09T07:30:00.000Z');
    expect(gap?.lineage.note).toMatch(
      /read in America\/New_York: shifted: 2025-03-09T02:30:00 does not exist there/,
    );
    // 01:30 on the fall-back night happened twice: the earlier (EDT), and lineage says so.
    const overlap = startFromFileName('call_DT_2025-11-02T01-30-00.wav', newYork);
    expect(overlap?.startedAt).toBe('2025-11-02T05:30:00.000Z');
    expect(overlap?.lineage.note).toMatch(
      /read in America\/New_York: ambiguous: 2025-11-02T01:30:00 happens twice there/,
    );
    // Southern hemisphere and half-hour zones.
    expect(
      start(
        'call_DT_2025-01-15T09-00-00.wav',
        fileNameStartSettings(undefined, undefined, 'Australia/Sydney'),
      ),
    ).toBe('2025-01-14T22:00:00.000Z');
    expect(
      start('call_DT_2025-02-19T06-01-22.wav', fileNameStartSettings(undefined, '', 'Asia/Kolkata')),
    ).toBe('2025-02-19T00:31:22.000Z');
  });

  it('refuses an offset and a zone together, an unknown zone, and an offset given as a zone', () => {
    expect(() => fileNameStartSettings(undefined, '+01:00', 'Europe/Paris')).toThrow(
      /DEBRIEF_FILENAME_UTC_OFFSET \(\+01:00\) and DEBRIEF_FILENAME_TIMEZONE \(Europe\/Paris\) are both set: set one/,
    );
    expect(() => fileNameStartSettings(undefined, undefined, 'Europe/Parris')).toThrow(
      /unknown time zone Europe\/Parris: use an IANA zone name/,
    );
    expect(() => fileNameStartSettings(undefined, undefined, '+01:00')).toThrow(
      /is an offset, not a zone name/,
    );
    // Blank is unset (an empty variable in a deploy shell).
    expect(fileNameStartSettings(undefined, ' ', ' ').clock).toEqual({ utcOffset: 'Z' });
    expect(fileNameStartSettings(undefined, undefined, 'europe/paris').clock).toEqual({
      timeZone: 'Europe/Paris',
    });
  });

  it("loses to the CTR's start, and to recording metadata's, and says which won", () => {
    const named = startFromFileName('call_DT_2025-02-19T06-01-22.wav')!;
    const base = callDocument([tcaTurn('AGENT', { atMs: 30_000, text: 'How can I help?' })]);
    const doc = {
      ...base,
      startedAt: named.startedAt,
      dt: '2025-02-19',
      lineage: { ...base.lineage, start: named.lineage },
    };
    const t0 = Date.UTC(2026, 2, 2, 14, 0, 0);
    const ctr = simpleCtr({
      startMs: t0,
      agents: [{ userId: 'u-dana', name: 'Dana Smith', interact: [[0, 120_000]] }],
    });
    const withCtr = mergeCtr(doc, { ctr, recording: null }, { aniHashKey: 'k' });
    expect(withCtr.startedAt).toBe('2026-03-02T14:00:00.000Z');
    expect(withCtr.dt).toBe('2026-03-02');
    expect(withCtr.lineage.start?.note).toBe('source=conversation-record');
    const recording = RecordingMetadata.parse({ startTime: '2026-03-01T09:00:00.000Z' });
    const withRecording = mergeCtr(doc, { ctr: null, recording }, { aniHashKey: 'k' });
    expect(withRecording.startedAt).toBe('2026-03-01T09:00:00.000Z');
    expect(withRecording.lineage.start?.note).toBe('source=recording-metadata');
    // No CTR, no recording metadata: the name's start stays, and so does its lineage.
    const alone = mergeCtr(doc, { ctr: null, recording: null }, { aniHashKey: 'k' });
    expect(alone.startedAt).toBe('2025-02-19T06:01:22.000Z');
    expect(alone.dt).toBe('2025-02-19');
    expect(alone.lineage.start?.note).toContain('source=file-name');
  });
});
