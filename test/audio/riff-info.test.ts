import { describe, expect, it } from 'vitest';
import { parseInfoCreationDate } from '../../core/audio/riff-info.js';
import { parseWavHeader, readWavHeader } from '../../core/audio/wav-header.js';
import { fileNameStartSettings, startFromInfoCreation } from '../../core/file-name-start.js';
import { infoListChunk, plainWav, withChunk } from '../helpers/bwf.js';

const NOW = '2026-12-02T08:00:00.000Z';
const icrd = (text: string, settings = fileNameStartSettings(undefined, undefined, undefined)) =>
  startFromInfoCreation(text, 'call.wav', NOW, settings);

describe("a WAV's LIST/INFO chunk: the ICRD creation date", () => {
  it('reads ICRD among the other INFO texts (odd lengths padded), before or after the samples', () => {
    const list = infoListChunk({ INAM: 'Call 7', ISFT: 'Lavf60.16.100', ICRD: '2026-11-30 14:05:00' });
    expect(parseInfoCreationDate(list.subarray(8))).toBe('2026-11-30 14:05:00');
    const before = withChunk(plainWav(), list, 'start');
    expect(parseWavHeader(before, before.length, 'call.wav')).toMatchObject({
      creationDate: '2026-11-30 14:05:00',
      durationMs: 1000,
    });
    expect(parseWavHeader(plainWav(), plainWav().length, 'plain.wav').creationDate).toBeNull();
  });

  it('another list type, no ICRD, a blank one or one cut short: none', () => {
    const adtl = infoListChunk({ ICRD: '2026-11-30' });
    adtl.set(new TextEncoder().encode('adtl'), 8);
    expect(parseInfoCreationDate(adtl.subarray(8))).toBeNull();
    expect(parseInfoCreationDate(infoListChunk({ ISFT: 'sox' }).subarray(8))).toBeNull();
    expect(parseInfoCreationDate(infoListChunk({ ICRD: '  ' }).subarray(8))).toBeNull();
    expect(parseInfoCreationDate(infoListChunk({ ICRD: '2026-11-30' }).subarray(8, 20))).toBeNull();
  });

  it('a LIST after the samples is read only when asked (LoadCall), with small ranged reads past the data', async () => {
    const wav = withChunk(plainWav(), infoListChunk({ ICRD: '2026-11-30' }), 'end');
    const reads: [number, number][] = [];
    const read = async (start: number, end: number) => {
      reads.push([start, end]);
      return wav.subarray(start, end + 1);
    };
    expect((await readWavHeader(read, wav.length, 'call.wav', 4096)).creationDate).toBeNull();
    expect(reads).toEqual([[0, 4095]]);
    reads.length = 0;
    const header = await readWavHeader(read, wav.length, 'call.wav', 4096, true);
    expect(header).toMatchObject({ creationDate: '2026-11-30', durationMs: 1000, dataBytes: 16000 });
    // data ends at 16,044: the LIST header there, then its 24-byte body.
    expect(reads).toEqual([
      [0, 4095],
      [16044, 16051],
      [16052, 16075],
    ]);
    // Trailing zeros after the samples are no chunk: the walk stops there (one read, not thousands).
    const padded = withChunk(plainWav(), new Uint8Array(64 * 1024), 'end');
    reads.length = 0;
    const zeros = await readWavHeader(
      async (start, end) => {
        reads.push([start, end]);
        return padded.subarray(start, end + 1);
      },
      padded.length,
      'call.wav',
      4096,
      true,
    );
    expect(zeros.creationDate).toBeNull();
    expect(reads).toEqual([
      [0, 4095],
      [16044, 16051],
    ]);
  });
});

describe('the start an ICRD gives (read when no CTR, recording metadata, bext date or file name gave one)', () => {
  it('a date alone: the day to file the call under, no start', () => {
    expect(icrd('2026-11-30')).toEqual({
      startedAt: null,
      dt: '2026-11-30',
      lineage: expect.objectContaining({
        engine: 'debrief-icrd-start',
        note: 'source=recording-icrd; name=call.wav; read=2026-11-30; a creation date without a time: started_at is null and the call is filed under 2026-11-30',
      }),
    });
  });

  it('a date and time: the start, at its own zone, else on the file-name clock', () => {
    expect(icrd('2026-11-30T14:05:00Z')).toMatchObject({
      startedAt: '2026-11-30T14:05:00.000Z',
      dt: '2026-11-30',
      lineage: { note: 'source=recording-icrd; name=call.wav; read=2026-11-30T14:05:00Z; ICRD says UTC' },
    });
    expect(icrd('2026-11-30T23:05:00-05:00')).toMatchObject({
      startedAt: '2026-12-01T04:05:00.000Z',
      dt: '2026-12-01',
    });
    expect(icrd('2026-11-30 14:05:00')?.startedAt).toBe('2026-11-30T14:05:00.000Z');
    const ny = icrd('2026-11-30 14:05:00', fileNameStartSettings(undefined, undefined, 'America/New_York'));
    expect(ny?.startedAt).toBe('2026-11-30T19:05:00.000Z');
    expect(ny?.lineage.note).toBe(
      'source=recording-icrd; name=call.wav; read=2026-11-30 14:05:00; no zone in ICRD: read in America/New_York (-05:00)',
    );
  });

  it('unparseable, impossible, before 2000 or more than an hour ahead of the run: none', () => {
    for (const text of [
      'yesterday',
      'Mon Nov 30 2026',
      '30/11/2026',
      '2026-02-30',
      '2026-11-30 25:00:00',
      '1999-12-31',
      '1980-01-01 00:00:00',
      '2027-01-01',
      '2026-12-02T09:30:00Z',
    ])
      expect(icrd(text), text).toBeNull();
    expect(icrd('2026-12-02T08:59:00Z')?.startedAt).toBe('2026-12-02T08:59:00.000Z');
  });
});
