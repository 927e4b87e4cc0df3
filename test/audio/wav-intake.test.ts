import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeWavBytes, decodeWavFile, encodeWav } from '../../adapters/local/speech/wav-file.js';
import { InvalidAudioError } from '../../core/audio/audio-errors.js';
import { parseWavHeader, readWavHeader } from '../../core/audio/wav-header.js';
import { safeReason } from '../../core/failure-reason.js';
import { PCA_SAMPLE, tempDir } from '../helpers/paths.js';

const dir = tempDir('wav');

/** A 1-second test recording made by sox: a 440 Hz tone on the left, 880 Hz on the right. */
const soxWav = (name: string, args: string[], channels = 2, seconds = 1): string => {
  const out = join(dir, name);
  const synth =
    channels === 1
      ? ['sine', '440']
      : channels === 2
        ? ['sine', '440', 'sine', '880']
        : ['sine', '440', 'sine', '660', 'sine', '880'];
  execFileSync('sox', [
    '-n',
    '-c',
    String(channels),
    ...args,
    out,
    'synth',
    String(seconds),
    ...synth,
    'vol',
    '0.5',
  ]);
  return out;
};

const problemOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidAudioError);
    return `${(error as InvalidAudioError).problem}: ${(error as Error).message}`;
  }
  throw new Error('expected an InvalidAudioError');
};

/** Dominant frequency of a channel by counting zero crossings (a pure tone crosses 2f times a second). */
const toneHz = (samples: Int16Array, rate: number): number => {
  let crossings = 0;
  for (let i = 1; i < samples.length; i++) if (samples[i - 1]! < 0 !== samples[i]! < 0) crossings++;
  return (crossings / 2) * (rate / samples.length);
};

describe('WAV intake', () => {
  const formats: [string, string[]][] = [
    ['pcm 8-bit unsigned', ['-e', 'unsigned-integer', '-b', '8']],
    ['pcm 16-bit', ['-e', 'signed-integer', '-b', '16']],
    ['pcm 24-bit', ['-e', 'signed-integer', '-b', '24']],
    ['pcm 32-bit', ['-e', 'signed-integer', '-b', '32']],
    ['float 32-bit', ['-e', 'floating-point', '-b', '32']],
    ['float 64-bit', ['-e', 'floating-point', '-b', '64']],
    ['μ-law', ['-e', 'mu-law']],
    ['A-law', ['-e', 'a-law']],
  ];
  for (const [label, args] of formats) {
    for (const rate of [8000, 16000, 48000]) {
      it(`decodes ${label} stereo at ${rate} Hz with both channels intact`, async () => {
        // Prepare
        const file = soxWav(`${label.replace(/\W/g, '_')}-${rate}.wav`, ['-r', String(rate), ...args]);
        // Act
        const audio = await decodeWavFile(file, 'call.wav');
        // Assess
        expect(audio.sampleRate).toBe(rate);
        expect(audio.channels).toHaveLength(2);
        expect(audio.header.durationMs).toBeCloseTo(1000, 0);
        expect(audio.channels[0]!.length).toBe(rate);
        expect(toneHz(audio.channels[0]!, rate)).toBeCloseTo(440, -1);
        expect(toneHz(audio.channels[1]!, rate)).toBeCloseTo(880, -1);
      });
    }
  }

  it('decodes mono (WAVE_FORMAT_EXTENSIBLE headers too)', () => {
    const file = soxWav('mono-ext.wav', ['-r', '16000', '-e', 'signed-integer', '-b', '24'], 1);
    const bytes = readFileSync(file);
    const audio = decodeWavBytes(bytes, 'mono-ext.wav');
    expect(audio.channels).toHaveLength(1);
    expect(audio.header.encoding).toBe('pcm');
    expect(toneHz(audio.channels[0]!, 16000)).toBeCloseTo(440, -1);
  });

  it.runIf(PCA_SAMPLE)('reads the real PCA sample: 8-bit unsigned mono at 8 kHz, 277.66 s', async () => {
    const audio = await decodeWavFile(PCA_SAMPLE!, 'pca.wav');
    expect(audio.header).toMatchObject({
      encoding: 'pcm',
      channels: 1,
      sampleRate: 8000,
      bitsPerSample: 8,
      frames: 2_221_280,
    });
    expect(audio.header.durationMs).toBeCloseTo(277_660, 0);
    expect(audio.channels[0]!.some((v) => Math.abs(v) > 1000)).toBe(true);
  });

  it('round-trips 16-bit PCM through the encoder exactly', async () => {
    const left = Int16Array.from({ length: 8000 }, (_, i) => Math.round(Math.sin(i / 5) * 30000));
    const right = Int16Array.from({ length: 8000 }, (_, i) => (i % 200) - 100);
    const bytes = await encodeWav([left, right], 8000);
    const back = decodeWavBytes(bytes);
    expect(Array.from(back.channels[0]!)).toEqual(Array.from(left));
    expect(Array.from(back.channels[1]!)).toEqual(Array.from(right));
  });

  describe('chunks around the samples, as recorders and exporters write them', () => {
    /** A RIFF chunk, padded to an even length unless `pad` is false (a writer that forgets). */
    const chunk = (id: string, body: Uint8Array, pad = true): Uint8Array => {
      const out = new Uint8Array(8 + body.length + (pad ? body.length % 2 : 0));
      out.set(new TextEncoder().encode(id));
      new DataView(out.buffer).setUint32(4, body.length, true);
      out.set(body, 8);
      return out;
    };
    const riff = (chunks: Uint8Array[]): Uint8Array => {
      const body = Buffer.concat([Buffer.from('WAVE'), ...chunks]);
      const out = new Uint8Array(8 + body.length);
      out.set(new TextEncoder().encode('RIFF'));
      new DataView(out.buffer).setUint32(4, body.length, true);
      out.set(body, 8);
      return out;
    };
    // sox's own 16-bit stereo tone: fmt at 12, data at 36.
    const plain = new Uint8Array(readFileSync(soxWav('chunks.wav', ['-r', '8000', '-b', '16'], 2)));
    const fmt = chunk('fmt ', plain.subarray(20, 36));
    const samples = plain.subarray(44);
    const data = chunk('data', samples);
    const expected = decodeWavBytes(plain, 'plain.wav');
    const same = (audio: ReturnType<typeof decodeWavBytes>) => {
      expect(audio.channels).toHaveLength(2);
      expect(Array.from(audio.channels[0]!)).toEqual(Array.from(expected.channels[0]!));
      expect(Array.from(audio.channels[1]!)).toEqual(Array.from(expected.channels[1]!));
    };
    const files: [string, Uint8Array][] = [
      [
        'an odd-sized chunk (and its pad byte) before data',
        riff([fmt, chunk('junk', new Uint8Array(3)), data]),
      ],
      [
        'an odd-sized chunk whose writer left out the pad byte',
        riff([fmt, chunk('junk', new Uint8Array(3), false), data]),
      ],
      [
        'a LIST/INFO chunk before fmt and after data',
        riff([chunk('LIST', new Uint8Array(301)), fmt, data, chunk('LIST', new Uint8Array(40))]),
      ],
      [
        'a 100 KB bext chunk before data (past the 64 KiB first read)',
        riff([fmt, chunk('bext', new Uint8Array(100_001)), data]),
      ],
    ];
    for (const [label, bytes] of files) {
      it(`decodes the samples exactly with ${label}`, async () => {
        // Prepare
        const path = join(dir, `${label.replace(/\W+/g, '_')}.wav`);
        writeFileSync(path, bytes);
        // Act
        const fromFile = await decodeWavFile(path, 'call.wav');
        const inMemory = decodeWavBytes(bytes, 'call.wav');
        const reads: number[] = [];
        const header = await readWavHeader(
          async (start, end) => {
            reads.push(end - start + 1);
            return bytes.subarray(start, end + 1);
          },
          bytes.length,
          'call.wav',
        );
        // Assess
        same(fromFile);
        same(inMemory);
        expect(header.frames).toBe(8000);
        // The header is read in small ranged reads, never the file.
        expect(Math.max(...reads)).toBeLessThanOrEqual(64 * 1024);
      });
    }
  });

  describe('refuses what Transcribe would refuse, with a reason a person can act on', () => {
    it('not audio at all', () => {
      const text = new TextEncoder().encode('call notes: the customer wants a refund\n'.repeat(4));
      expect(problemOf(() => decodeWavBytes(text, 'notes.wav'))).toMatch(
        /^not-audio: notes\.wav is not a WAV file \(it holds text, not audio\)/,
      );
      // Never the file's bytes: the reason lands in call_status, and a .wav of text may be a person's data
      const secret = new TextEncoder().encode('John Smith SSN 123-45-6789 '.repeat(40));
      expect(problemOf(() => decodeWavBytes(secret, 'secret.wav'))).not.toMatch(/John|Smit|123/);
      const zeros = new Uint8Array(200);
      expect(problemOf(() => decodeWavBytes(zeros, 'z.wav'))).toMatch(/\(it starts with zeros\)/);
      const noise = Uint8Array.from({ length: 200 }, (_, i) => (i * 37 + 3) % 32);
      expect(problemOf(() => decodeWavBytes(noise, 'n.wav'))).toMatch(/\(it has no RIFF WAVE header\)/);
      // Text in any language is text, also when the header's 12 bytes cut a character in two
      // ("Dziękuję" as UTF-8: ę is 0xc4 0x99, and byte 12 is its first half).
      for (const words of ['Notatki: Dziękuję za telefon, klient chce zwrotu.', 'Zusammenfassung: Rückruf']) {
        const bytes = new TextEncoder().encode(words.repeat(3));
        expect(problemOf(() => decodeWavBytes(bytes, 'notes.wav'))).toMatch(/\(it holds text, not audio\)/);
      }
      expect(new TextEncoder().encode('Notatki: Dzię')[12]).toBe(0xc4);
      // Text that is not UTF-8: Notepad's UTF-16 (after its byte-order mark FF FE or FE FF, which
      // was called an MP3: FF FE reads as an MPEG frame's sync) and Latin-1 (one byte per accented
      // letter, which was 'no RIFF WAVE header')
      const notes = 'Résumé: Mr Müller wants a refund for the façade work.\r\n';
      const utf16le = Uint8Array.from([0xff, 0xfe, ...[...notes].flatMap((c) => [c.charCodeAt(0), 0])]);
      const utf16be = Uint8Array.from([0xfe, 0xff, ...[...notes].flatMap((c) => [0, c.charCodeAt(0)])]);
      const latin1 = Uint8Array.from([...notes].map((c) => c.charCodeAt(0)));
      for (const bytes of [utf16le, utf16be, latin1])
        expect(problemOf(() => decodeWavBytes(bytes, 'notes.wav'))).toMatch(
          /^not-audio: notes\.wav is not a WAV file \(it holds text, not audio\)/,
        );
      expect(latin1[1]).toBe(0xe9);
      // A quiet headerless G.711 recording is no text, though its bytes are printable ASCII with a
      // few from 0xC0 up, as Latin-1 is: A-law's small negative samples are 0x50-0x5F and positive
      // ones 0xD0-0xDF, mu-law's 0x70-0x7E and 0xF0-0xFE (sox: whitenoise vol 0.002 dcshift -0.001
      // was 'text' at 100 of 100 starts); words are spaced, these bytes never are
      const quiet = (low: number, high: number) =>
        Uint8Array.from({ length: 400 }, (_, i) => (i % 11 === 10 ? high : low + ((i * 7) % 5)));
      for (const bytes of [quiet(0x54, 0xd5), quiet(0x78, 0xfe)])
        expect(problemOf(() => decodeWavBytes(bytes, 'raw.wav'))).toMatch(/\(it has no RIFF WAVE header\)/);
      // Random binary is not text (helper-214: a fifth of random files were called text when every
      // byte from 0x80 up counted as text); a fixed generator, so the test reads the same bytes each run
      let seed = 20_261_206;
      const random = () => {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        return seed >>> 23;
      };
      const described = Array.from({ length: 2000 }, () => {
        const bytes = Uint8Array.from({ length: 200 }, random);
        return problemOf(() => decodeWavBytes(bytes, 'r.wav')).match(/\((it [^)]*)\)/)?.[1];
      });
      // (2,000 files: none is read as text from their first 64 bytes; 1 was from 12, 492 before that)
      expect(described.filter((d) => d === 'it holds text, not audio').length).toBeLessThanOrEqual(2);
      expect(described.filter((d) => d === 'it has no RIFF WAVE header').length).toBeGreaterThan(1900);
      const mp3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      expect(problemOf(() => decodeWavBytes(mp3, 'x.wav'))).toMatch(
        /^unsupported-format: x\.wav is an MP3 recording: .*convert it/,
      );
      // an MP3 without an ID3 tag starts with a layer III frame: MPEG-1 (FF FB), MPEG-2 (FF F3), MPEG-2.5 (FF E3)
      for (const second of [0xfb, 0xf3, 0xe3])
        expect(
          problemOf(() =>
            decodeWavBytes(new Uint8Array([0xff, second, 0x90, 0x64, ...new Array(60).fill(0)]), 'y.wav'),
          ),
        ).toMatch(/^unsupported-format: y\.wav is an MP3 recording/);
      expect(problemOf(() => decodeWavBytes(new Uint8Array(3), 'empty.wav'))).toMatch(
        /^not-audio: .*too small/,
      );
      // Named by what it is, whatever its extension (trial18: a 4-byte .m4a was "too small to be a WAV file").
      expect(problemOf(() => decodeWavBytes(new Uint8Array(4), 'voicemail.m4a'))).toBe(
        'not-audio: voicemail.m4a is too small to be a recording (4 bytes): empty or cut short; drop it again under the same name',
      );
      // A few bytes of text are another kind of file, not a recording cut short (the newcomer's
      // trial: `echo hi > c.wav`); the first bytes of a RIFF header are a recording cut short.
      expect(problemOf(() => decodeWavBytes(new TextEncoder().encode('hi\n'), 'c.wav'))).toBe(
        "not-audio: c.wav is not a recording (it holds 3 bytes of text, not audio): another kind of file under a recording's name; drop the call's recording again under the same name",
      );
      expect(problemOf(() => decodeWavBytes(new TextEncoder().encode('x'), 'c.mp3'))).toMatch(
        /^not-audio: c\.mp3 is not a recording \(it holds 1 byte of text, not audio\)/,
      );
      // a newline alone is an empty file
      expect(problemOf(() => decodeWavBytes(new TextEncoder().encode('\n'), 'e.wav'))).toMatch(
        /^not-audio: e\.wav is too small to be a recording \(1 byte\): empty or cut short/,
      );
      expect(problemOf(() => decodeWavBytes(new TextEncoder().encode('RIFF$'), 'cut.wav'))).toMatch(
        /^not-audio: cut\.wav is too small to be a recording \(5 bytes\): empty or cut short/,
      );
    });

    it('truncated: the data chunk declares more than the file holds', () => {
      const bytes = readFileSync(soxWav('whole.wav', ['-r', '8000', '-b', '16'], 2, 2));
      const cut = bytes.subarray(0, Math.floor(bytes.length / 2));
      expect(problemOf(() => decodeWavBytes(cut, 'cut.wav'))).toMatch(
        /^truncated: cut\.wav is truncated: .* \(0:01 of audio missing\)/,
      );
      // The reason survives call_status's personal-number mask whole (byte counts are kept).
      const reason = problemOf(() => decodeWavBytes(cut, 'cut.wav'));
      expect(safeReason(reason)).toBe(reason);
      expect(reason).toMatch(/but \d+ bytes are present/);
      // It says what to do: most often the file was read while still being copied.
      expect(reason).toMatch(
        /missing\): if it was still being copied, the call runs again once the copy ends; otherwise drop the whole recording again$/,
      );
      expect(problemOf(() => decodeWavBytes(bytes.subarray(0, 30), 'stub.wav'))).toMatch(
        /^truncated: stub\.wav is cut short: it ends before its format chunk/,
      );
    });

    it('more than two channels', () => {
      const file = soxWav('three.wav', ['-r', '8000', '-b', '16'], 3);
      expect(problemOf(() => decodeWavBytes(readFileSync(file), 'three.wav'))).toMatch(
        /^too-many-channels: three\.wav has 3 channels/,
      );
    });

    it('shorter than half a second', () => {
      const file = soxWav('short.wav', ['-r', '8000', '-b', '16'], 2, 0.3);
      expect(problemOf(() => decodeWavBytes(readFileSync(file), 'short.wav'))).toMatch(
        /^too-short: short\.wav is 300 ms long/,
      );
    });

    it('longer than four hours (header only: the size is what counts)', () => {
      const head = readFileSync(soxWav('long.wav', ['-r', '8000', '-b', '16'], 2)).subarray(0, 44);
      const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
      const bytes = 8000 * 4 * (4 * 3600 + 60);
      view.setUint32(40, bytes, true);
      expect(problemOf(() => parseWavHeader(head, 44 + bytes, 'long.wav'))).toMatch(
        /^too-long: long\.wav is 4:01:00 long; .*at most 4 h/,
      );
    });

    it('sample rates outside 8–48 kHz and unsupported encodings', () => {
      const low = soxWav('low.wav', ['-r', '6000', '-b', '16'], 2);
      expect(problemOf(() => decodeWavBytes(readFileSync(low), 'low.wav'))).toMatch(
        /^unsupported-rate: low\.wav is sampled at 6000 Hz; .*\(resample it: sox in\.wav -r 16000 out\.wav\)$/,
      );
      const adpcm = soxWav('adpcm.wav', ['-r', '8000', '-e', 'ima-adpcm'], 1);
      expect(problemOf(() => decodeWavBytes(readFileSync(adpcm), 'adpcm.wav'))).toMatch(
        /^unsupported-format: adpcm\.wav uses IMA ADPCM; .*\(convert it: sox /,
      );
    });

    it('a format tag no WAVE format is registered under reads as a damaged file, not an encoding to convert (found by trial20)', () => {
      const bytes = new Uint8Array(readFileSync(soxWav('damaged.wav', ['-r', '8000', '-b', '16'], 2)));
      const view = new DataView(bytes.buffer);
      view.setUint16(20, 0x218e, true);
      expect(problemOf(() => decodeWavBytes(bytes, 'damaged.wav'))).toMatch(
        /^not-audio: damaged\.wav is not a WAV file \(its format chunk names no WAV format, 0x218e\): damaged/,
      );
      view.setUint16(20, 0, true);
      expect(problemOf(() => decodeWavBytes(bytes, 'damaged.wav'))).toMatch(/^not-audio: .*damaged/);
      // A registered one debrief does not take (G.729A, 0x0083) still says what to convert, with a
      // tool that decodes it: ffmpeg, since sox refuses G.729A, G.722 and G.726 (helper-215)
      view.setUint16(20, 0x0083, true);
      expect(problemOf(() => decodeWavBytes(bytes, 'damaged.wav'))).toMatch(
        /^unsupported-format: damaged\.wav uses G\.729A; .*\(convert it: ffmpeg -i in\.wav -c:a pcm_s16le out\.wav\)$/,
      );
      view.setUint16(20, 0x0064, true);
      expect(problemOf(() => decodeWavBytes(bytes, 'damaged.wav'))).toMatch(
        /^unsupported-format: damaged\.wav uses G\.726 ADPCM; .*\(convert it: ffmpeg -i in\.wav -c:a pcm_s16le out\.wav\)$/,
      );
      // ffmpeg reads G.722's tag (0x0065) as G.726 and fails ("Invalid number of bits 8"); it
      // converts when told the decoder (both checked with Debian's ffmpeg 5.1, helper-218)
      view.setUint16(20, 0x0065, true);
      expect(problemOf(() => decodeWavBytes(bytes, 'damaged.wav'))).toMatch(
        /^unsupported-format: damaged\.wav uses G\.722 ADPCM; .*\(convert it: ffmpeg -c:a g722 -i in\.wav -c:a pcm_s16le out\.wav\)$/,
      );
    });

    it('a file cut short in its header says so', () => {
      const bytes = new Uint8Array(readFileSync(soxWav('cut.wav', ['-r', '8000', '-b', '16'], 2)));
      expect(problemOf(() => decodeWavBytes(bytes.subarray(0, 30), 'cut.wav'))).toMatch(
        /^truncated: cut\.wav is cut short: it ends before its format chunk/,
      );
      expect(problemOf(() => decodeWavBytes(bytes.subarray(0, 40), 'cut.wav'))).toMatch(
        /^truncated: cut\.wav is cut short: it ends before its data chunk/,
      );
    });

    it('a streamed header (data size 0) reads to the end of the file', () => {
      const bytes = new Uint8Array(readFileSync(soxWav('stream.wav', ['-r', '8000', '-b', '16'], 2)));
      new DataView(bytes.buffer).setUint32(40, 0, true);
      writeFileSync(join(dir, 'streamed.wav'), bytes);
      const audio = decodeWavBytes(bytes, 'streamed.wav');
      expect(audio.header.frames).toBe(8000);
    });
  });
});
