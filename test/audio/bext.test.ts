import { describe, expect, it } from 'vitest';
import { parseBextOrigination } from '../../core/audio/bext.js';
import { parseWavHeader, readWavHeader } from '../../core/audio/wav-header.js';
import { bextChunk, plainWav, withBext } from '../helpers/bwf.js';

const bodyOf = (date: string, time: string) =>
  bextChunk({ originationDate: date, originationTime: time }).subarray(8);
const origination = (date: string, time: string) => parseBextOrigination(bodyOf(date, time));

describe("a WAV's BWF bext chunk: the recorder's origination date and time", () => {
  it('reads yyyy-mm-dd and the first edition yyyy:mm:dd, hh:mm:ss with any separator', () => {
    const wall = { year: 2025, month: 2, day: 19, hour: 6, minute: 1, second: 22 };
    expect(origination('2025-02-19', '06:01:22')).toEqual({ wall, text: '2025-02-19 06:01:22' });
    expect(origination('2025:02:19', '06-01-22')?.wall).toEqual(wall);
    expect(origination('2025/02/19', '06.01.22')?.wall).toEqual(wall);
    expect(origination('2025-02-19', '06 01 22')?.wall).toEqual(wall);
  });

  it('ignores blank, zeroed, impossible or garbled dates and times (no start, never an error)', () => {
    expect(origination('', '')).toBeNull();
    expect(origination('          ', '        ')).toBeNull();
    expect(origination('0000-00-00', '00:00:00')).toBeNull();
    expect(origination('2025-02-30', '06:01:22')).toBeNull();
    expect(origination('2025-13-01', '06:01:22')).toBeNull();
    expect(origination('2025-02-19', '24:00:00')).toBeNull();
    expect(origination('2025-02-19', '')).toBeNull();
    expect(origination('', '06:01:22')).toBeNull();
    expect(origination('19-02-2025', '06:01:22')).toBeNull();
    expect(origination('2025-2-19', '6:01:22')).toBeNull();
    expect(origination('1970-01-01', '00:00:00')).toBeNull();
    expect(parseBextOrigination(bodyOf('2025-02-19', '06:01:22').subarray(0, 337))).toBeNull();
  });

  it('the WAV header carries it (bext before fmt, as BWF writers put it); a WAV without one has none', () => {
    const wav = withBext(plainWav(), { originationDate: '2025-11-02', originationTime: '01:30:00' });
    const header = parseWavHeader(wav, wav.length, 'call.wav');
    expect(header.origination?.text).toBe('2025-11-02 01:30:00');
    expect(header.durationMs).toBe(1000);
    expect(parseWavHeader(plainWav(), plainWav().length, 'plain.wav').origination).toBeNull();
    const blank = withBext(plainWav(), { originationDate: '', originationTime: '' });
    expect(parseWavHeader(blank, blank.length, 'blank.wav')).toMatchObject({
      origination: null,
      durationMs: 1000,
    });
  });

  it('with a long coding history before fmt, reads the date from the first bytes and the rest with small ranged reads', async () => {
    const wav = withBext(plainWav(), {
      originationDate: '2025-02-19',
      originationTime: '23:30:00',
      codingHistory: 'A=PCM,F=8000,W=16,M=mono\r\n'.repeat(400),
    });
    const reads: [number, number][] = [];
    const header = await readWavHeader(
      async (start, end) => {
        reads.push([start, end]);
        return wav.subarray(start, end + 1);
      },
      wav.length,
      'call.wav',
      4096,
    );
    expect(header.origination?.text).toBe('2025-02-19 23:30:00');
    expect(reads[0]).toEqual([0, 4095]);
    // Past the first 4 KiB: the fmt chunk's header and body, the data chunk's header; never the samples.
    expect(reads.slice(1).every(([s, e]) => e - s < 64)).toBe(true);
    expect(reads.length).toBeGreaterThan(1);
  });

  it('a bext chunk too short for the date fields is skipped like any other chunk', () => {
    // A 100-byte bext (an old writer's stub): too short for the date fields, skipped like any chunk.
    const stub = new Uint8Array(8 + 100);
    stub.set(new TextEncoder().encode('bext'));
    new DataView(stub.buffer).setUint32(4, 100, true);
    const plain = plainWav();
    const wav = new Uint8Array(plain.length + stub.length);
    wav.set(plain.subarray(0, 12));
    wav.set(stub, 12);
    wav.set(plain.subarray(12), 12 + stub.length);
    new DataView(wav.buffer).setUint32(4, wav.length - 8, true);
    expect(parseWavHeader(wav, wav.length, 'stub.wav')).toMatchObject({
      origination: null,
      durationMs: 1000,
    });
  });
});
