import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRecordingFile } from '../../adapters/local/speech/compressed-file.js';
import { decodeWavFile } from '../../adapters/local/speech/wav-file.js';
import { InvalidAudioError } from '../../core/audio/audio-errors.js';
import { readRecordingHeader } from '../../core/audio/recording-header.js';
import { transcriptionKind } from '../../core/transcription/transcription-plan.js';
import { FIXTURES, tempDir } from '../helpers/paths.js';

/**
 * Compressed recordings (fixtures made by scripts/make-audio-fixtures.ts from espeak-ng speech):
 * channels.* carry speech on channel 0 in the first half and on channel 1 in the second.
 */
const AUDIO = join(FIXTURES, 'audio');
const fixture = (name: string) => join(AUDIO, name);
const dir = tempDir('compressed');

const headerOf = (bytes: Uint8Array, name: string) =>
  readRecordingHeader(async (s, e) => bytes.subarray(s, e + 1), bytes.length, name);

const problemOf = async (work: () => Promise<unknown>): Promise<string> => {
  try {
    await work();
  } catch (error) {
    if (error instanceof InvalidAudioError) return `${error.problem}: ${error.message}`;
    throw error;
  }
  return 'accepted';
};

/** Mean square of samples [from, to) as a share of the file. */
const energy = (x: Int16Array, from: number, to: number): number => {
  let sum = 0;
  const a = Math.floor(from * x.length);
  const b = Math.floor(to * x.length);
  for (let i = a; i < b; i++) sum += x[i]! * x[i]!;
  return sum / Math.max(1, b - a);
};

const writeBytes = (name: string, bytes: Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

describe('compressed recordings: headers read with ranged reads', () => {
  it.each([
    ['channels.opus', 'ogg', 'opus'],
    ['channels.ogg', 'ogg', 'vorbis'],
    ['channels.flac', 'flac', 'flac'],
    ['channels.mp3', 'mp3', 'mp3'],
  ])('%s: container %s, codec %s, stereo 8 kHz, its length', async (name, container, encoding) => {
    // Prepare
    const bytes = readFileSync(fixture(name));
    // Act
    const h = await headerOf(bytes, name);
    // Assess: the espeak phrases last about 4.2 s in all (MP3 adds its encoder's padding).
    expect(h).toMatchObject({ container, encoding, channels: 2, sampleRate: 8000 });
    expect(h.durationMs).toBeGreaterThan(4000);
    expect(h.durationMs).toBeLessThan(4500);
    expect(transcriptionKind(h)).toBe('call-analytics');
  });

  it('a mono compressed file is read as mono and goes where a mono WAV goes (speaker labels)', async () => {
    for (const name of ['mono.opus', 'mono.flac', 'mono.mp3']) {
      const h = await headerOf(readFileSync(fixture(name)), name);
      expect(h.channels).toBe(1);
      expect(transcriptionKind(h)).toBe('speaker-labels');
    }
  });

  it('refuses with a typed, readable reason: cut short, too many channels, another codec, another container', async () => {
    const opus = readFileSync(fixture('channels.opus'));
    // Cut in the middle: the last page is short, or the end-of-stream page is missing.
    expect(await problemOf(() => headerOf(opus.subarray(0, 5000), 'cut.opus'))).toMatch(
      /^truncated: cut\.opus is truncated: its last Ogg page is \d+ bytes short/,
    );
    const pageEnd = lastPageEnd(opus);
    expect(await problemOf(() => headerOf(opus.subarray(0, pageEnd), 'unfinished.opus'))).toBe(
      'truncated: unfinished.opus is truncated: its last Ogg page is not marked end-of-stream (cut short, or still being written)',
    );
    // OpusHead declaring 3 channels.
    const three = new Uint8Array(opus);
    three[28 + 9] = 3;
    expect(await problemOf(() => headerOf(three, 'three.opus'))).toBe(
      "too-many-channels: three.opus has 3 channels; a call recording has 1 (mono) or 2 (agent and customer): keep the customer's and the agent's and drop that under the call's name (e.g. sox three.opus two.wav remix 1 2 && mv two.wav three.wav)",
    );
    // Ogg holding Speex.
    const speex = new Uint8Array(opus);
    speex.set(new TextEncoder().encode('Speex   '), 28);
    expect(await problemOf(() => headerOf(speex, 'x.spx.ogg'))).toMatch(
      /^unsupported-format: x\.spx\.ogg is an Ogg file holding Speex; supported in Ogg: Opus and Vorbis/,
    );
    // M4A (MP4 `ftyp`): no sound decoder; quarantined with the line that converts it.
    const m4a = new Uint8Array(4096);
    m4a.set(new TextEncoder().encode('\0\0\0\x20ftypM4A '), 0);
    expect(await problemOf(() => headerOf(m4a, 'call.m4a'))).toMatch(
      /^unsupported-format: call\.m4a is an MP4\/M4A recording: .*convert it \(ffmpeg -i in -c:a pcm_s16le out\.wav\)/,
    );
    // A FLAC file whose STREAMINFO is cut.
    expect(
      await problemOf(() => headerOf(readFileSync(fixture('mono.flac')).subarray(0, 20), 'x.flac')),
    ).toMatch(/^truncated: x\.flac is truncated: it ends inside its FLAC STREAMINFO block/);
    // ID3 tag then text.
    const notMp3 = new Uint8Array(6000);
    notMp3.set([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 10], 0);
    expect(await problemOf(() => headerOf(notMp3, 'x.mp3'))).toMatch(
      /^unsupported-format: x\.mp3 has no MPEG layer III frame/,
    );
    // Not every MPEG sync starts an MP3: Notepad's UTF-16 notes (byte-order mark FF FE, a layer I
    // sync) were read as an MP3 ('has no MPEG layer III frame ... convert it'), an MP2 (FF FD) was
    // taken as an MP3 when its data held two bytes that look like layer III frames (an MP2 made
    // by ffmpeg: 24 kHz stereo, for 44.1 kHz mono), and AAC (ADTS, FF F1) was 'no layer III frame'
    const notes = 'Résumé: Mr Müller wants a refund for the façade work.\r\n'.repeat(3);
    const utf16le = Uint8Array.from([0xff, 0xfe, ...[...notes].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(await problemOf(() => headerOf(utf16le, 'notes.wav'))).toMatch(
      /^not-audio: notes\.wav is not a WAV file \(it holds text, not audio\)/,
    );
    const mp2 = new Uint8Array(60_000);
    mp2.set([0xff, 0xfd, 0xe0, 0xc4], 0);
    // 128 kb/s 44.1 kHz layer III frame headers 417 bytes apart, as MP2 data can hold by chance
    for (const at of [100, 517]) mp2.set([0xff, 0xfb, 0x90, 0x64], at);
    expect(await problemOf(() => headerOf(mp2, 'call.wav'))).toMatch(
      /^unsupported-format: call\.wav is an MP2 recording \(MPEG layer II\): .*convert it/,
    );
    const aac = new Uint8Array(6000);
    aac.set([0xff, 0xf1, 0x50, 0x80], 0);
    expect(await problemOf(() => headerOf(aac, 'call.wav'))).toMatch(
      /^unsupported-format: call\.wav is an AAC recording \(ADTS\): .*convert it/,
    );
  });
});

describe('compressed recordings: decoded locally (wasm decoders bundled in npm packages)', () => {
  it.each(['channels.opus', 'channels.ogg', 'channels.flac', 'channels.mp3'])(
    '%s keeps channel 0 as channel 0 and channel 1 as channel 1, at the rate it was recorded at',
    async (name) => {
      // Act
      const audio = await decodeRecordingFile(fixture(name), name);
      // Assess
      expect(audio.sampleRate).toBe(8000);
      expect(audio.channels).toHaveLength(2);
      const [ch0, ch1] = audio.channels as [Int16Array, Int16Array];
      expect(ch0.length).toBe(ch1.length);
      expect(ch0.length / 8000).toBeCloseTo(audio.header.durationMs / 1000, 1);
      // Channel 0 speaks first, channel 1 second: each half is loud on one side only.
      expect(energy(ch0, 0.05, 0.4)).toBeGreaterThan(100 * energy(ch1, 0.05, 0.4));
      expect(energy(ch1, 0.6, 0.95)).toBeGreaterThan(100 * energy(ch0, 0.6, 0.95));
    },
  );

  it('the FLAC decode is lossless: exactly the samples sox decodes from it', async () => {
    // Prepare
    const wav = join(dir, 'channels-from-flac.wav');
    execFileSync('sox', [fixture('channels.flac'), wav]);
    // Act
    const flac = await decodeRecordingFile(fixture('channels.flac'), 'channels.flac');
    // Assess
    const reference = await decodeWavFile(wav, 'channels-from-flac.wav');
    expect(flac.header.bitsPerSample).toBe(16);
    expect(flac.channels).toEqual(reference.channels);
  });

  it('a mono file decodes to one channel', async () => {
    for (const name of ['mono.opus', 'mono.flac', 'mono.mp3']) {
      const audio = await decodeRecordingFile(fixture(name), name);
      expect(audio.channels).toHaveLength(1);
    }
  });

  it('damaged and truncated files get typed errors, not silence', async () => {
    // Opus packets scrambled after the headers: libopus refuses them.
    const opus = new Uint8Array(readFileSync(fixture('channels.opus')));
    for (let i = 600; i < opus.length - 300; i += 37) opus[i]! ^= 0x5a;
    expect(
      await problemOf(() => decodeRecordingFile(writeBytes('scrambled.opus', opus), 'scrambled.opus')),
    ).toMatch(
      /^corrupt: scrambled\.opus is damaged: \d+ opus frames? could not be decoded \(first: frame \d+: libopus/,
    );
    // FLAC cut short: its STREAMINFO declares more samples than the file holds.
    const flac = readFileSync(fixture('channels.flac'));
    expect(
      await problemOf(() =>
        decodeRecordingFile(writeBytes('cut.flac', flac.subarray(0, 15_000)), 'cut.flac'),
      ),
    ).toMatch(
      /^truncated: cut\.flac is truncated: it decodes to \d+ ms of the \d+ ms its header declares: if it was still being copied, the call runs again once the copy ends; otherwise drop the whole recording again$/,
    );
    // An MP3 carries no length unless an encoder wrote a Xing/Info frame count (sox's does not):
    // a cut one is taken at the length it has.
    const mp3 = readFileSync(fixture('channels.mp3'));
    const cut = await decodeRecordingFile(writeBytes('cut.mp3', mp3.subarray(0, 3000)), 'cut.mp3');
    expect(cut.header.durationMs).toBeLessThan(2000);
  });
});

/** Where the last complete Ogg page before the final one ends (a file missing its last page). */
function lastPageEnd(b: Uint8Array): number {
  let at = 0;
  let previousEnd = 0;
  while (at + 27 <= b.length) {
    const segments = b[at + 26]!;
    let body = 0;
    for (let i = 0; i < segments; i++) body += b[at + 27 + i]!;
    const end = at + 27 + segments + body;
    if (end >= b.length) break;
    previousEnd = end;
    at = end;
  }
  return previousEnd;
}
