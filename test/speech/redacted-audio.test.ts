import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runEmbeddedEngine } from '../../adapters/local/speech/embedded-engine.js';
import { type DecodedAudio, decodeWavFile } from '../../adapters/local/speech/wav-file.js';
import type { RecognizedWord, SpeechRecognizer } from '../../core/ports/speech-recognizer.js';
import { piiWordRedactor } from '../../core/speech/pii-word-redactor.js';
import { MAX_TAIL_MS, REDACTION_PAD_MS, silenceSpan } from '../../core/speech/silence-span.js';
import { tempDir } from '../helpers/paths.js';

const RATE = 16_000;
const WINDOW = RATE / 20; // 50 ms

/** One piece of a party's speech: flite's voice, cut to its voiced samples (sox trims both ends). */
const speak = async (dir: string, name: string, voice: string, text: string): Promise<Int16Array> => {
  const raw = join(dir, `${name}.raw.wav`);
  const cut = join(dir, `${name}.wav`);
  execFileSync('flite', ['-voice', voice, '-t', text, '-o', raw]);
  execFileSync('sox', [
    raw,
    ...['-r', String(RATE), '-c', '1', '-b', '16', cut],
    ...['silence', '1', '0.01', '0.5%', 'reverse', 'silence', '1', '0.01', '0.5%', 'reverse'],
  ]);
  return (await decodeWavFile(cut)).channels[0]!;
};

interface Piece {
  channel: 0 | 1;
  text: string;
  /** Where it is placed in the call and where its sound ends (ms). */
  beginMs: number;
  endMs: number;
  /** A value whose recognised end time the test cuts short, as pocketsphinx's was. */
  value?: boolean;
}

/** What pocketsphinx reported in the trial: the value's words, the last ending 0.5 s early. */
const SHORT_END_MS = 500;

/**
 * A recogniser that hears every piece's words where they are, spread evenly over the piece, but
 * ends a value's words SHORT_END_MS before its sound ends (the trial's pocketsphinx times on flite
 * calls: surname silenced to 6.09 s, speech to 6.7 s; "…four six one" to 30.15 s, speech to 30.75 s).
 */
const shortEndingRecognizer = (
  pieces: readonly Piece[],
  channelOf: (ch: number) => number,
): SpeechRecognizer => ({
  info: { engine: 'scripted', version: '1', model: 'flite script', modelHash: null, note: 'test double' },
  async recognize(segments) {
    const words: (RecognizedWord & { channel: number })[] = pieces.flatMap((p) => {
      const texts = p.text.split(' ');
      const endMs = p.value ? p.endMs - SHORT_END_MS : p.endMs;
      const step = (endMs - p.beginMs) / texts.length;
      return texts.map((text, i) => ({
        text,
        beginMs: Math.round(p.beginMs + i * step),
        endMs: Math.round(p.beginMs + (i + 1) * step - 10),
        confidence: 0.9,
        channel: p.channel,
      }));
    });
    return segments.map((seg) => {
      const ch = Number(/^ch(\d+)-/.exec(seg.id)?.[1] ?? 0);
      const endMs = seg.beginMs + (seg.samples.length / seg.sampleRate) * 1000;
      return words
        .filter((w) => channelOf(w.channel) === ch && w.beginMs >= seg.beginMs && w.beginMs < endMs)
        .map(({ channel: _, ...w }) => w);
    });
  },
});

/** dBFS of a 50 ms window from sample `at`. */
const level = (samples: Int16Array, at: number): number => {
  let sum = 0;
  for (let i = at; i < at + WINDOW; i++) sum += (samples[i]! / 32768) ** 2;
  return sum > 0 ? 10 * Math.log10(sum / WINDOW) : -120;
};

/** The 50 ms windows inside a span (ms) that hold speech in the original and are not silent in the copy. */
const audibleWindows = (
  original: Int16Array,
  redacted: Int16Array,
  span: { beginMs: number; endMs: number },
) => {
  const out: string[] = [];
  for (
    let at = Math.ceil((span.beginMs / 1000) * RATE);
    at + WINDOW <= (span.endMs / 1000) * RATE;
    at += WINDOW
  )
    if (level(original, at) > -50 && level(redacted, at) > -90)
      out.push(`${((at / RATE) * 1000).toFixed(0)} ms: ${level(redacted, at).toFixed(1)} dBFS`);
  return out;
};

describe('the redacted audio copy of the local speech engine (flite + sox calls)', () => {
  let pieces: Piece[];
  let stereo: DecodedAudio;

  beforeAll(async () => {
    // Prepare: a stereo call, customer (slt) on channel 0, agent (kal16) on channel 1. The caller
    // gives a phone number and a name, each followed in the same breath (0.15 s) by kept words.
    const dir = tempDir('redacted-audio');
    const script: Omit<Piece, 'beginMs' | 'endMs'>[] = [
      { channel: 1, text: 'what is the best phone number to reach you on' },
      { channel: 0, text: 'my phone number is' },
      { channel: 0, text: 'five five five two one four four six one', value: true },
      { channel: 0, text: 'thank you' },
      { channel: 1, text: 'and can I take your name please' },
      { channel: 0, text: 'my name is' },
      { channel: 0, text: 'Margaret Ogunleye', value: true },
      { channel: 0, text: 'and I live in Leeds' },
    ];
    const sounds = await Promise.all(
      script.map((p, i) => speak(dir, `p${i}`, p.channel === 1 ? 'kal16' : 'slt', p.text)),
    );
    // Pieces of one party follow each other by 150 ms (one breath), a change of party by 700 ms.
    let at = 300;
    pieces = script.map((p, i) => {
      if (i > 0) at += script[i - 1]!.channel === p.channel ? 150 : 700;
      const beginMs = at;
      at += (sounds[i]!.length / RATE) * 1000;
      return { ...p, beginMs, endMs: at };
    });
    const length = Math.ceil(((at + 500) / 1000) * RATE);
    const channels = [new Int16Array(length), new Int16Array(length)];
    for (const [i, p] of pieces.entries())
      channels[p.channel]!.set(sounds[i]!, Math.round((p.beginMs / 1000) * RATE));
    stereo = {
      channels,
      sampleRate: RATE,
      header: { channels: 2, sampleRate: RATE, bitsPerSample: 16, durationMs: (length / RATE) * 1000 },
    } as DecodedAudio;
  }, 60_000);

  const run = (audio: DecodedAudio, channelOf: (ch: number) => number) =>
    runEmbeddedEngine(audio, 'redacted-audio', {
      recognizer: shortEndingRecognizer(pieces, channelOf),
      redactor: piiWordRedactor('default'),
      categories: [],
      agentChannel: 1,
      languageCode: 'en-US',
      version: 'test',
    });

  it('silences the whole spoken value, not only the words\' own times, which end 0.5 s early (found by a compliance trial: "…four six one" audible for 0.6 s)', async () => {
    // Act
    const result = await run(stereo, (ch) => ch);
    // Assess: both values redacted in the text, as the trial found them
    const redactions = result.output.Transcript.flatMap((t) => t.Items ?? []).filter((i) => i.Redaction);
    expect(redactions.map((i) => i.Redaction?.[0]?.Type)).toEqual(['PHONE', 'NAME']);
    const [original, copy] = [stereo.channels[0]!, result.redactedAudio![0]!];
    // Every 50 ms window of each value that had speech in the original is silent in the copy
    // (before the fix: the last 0.5 s of each, ten windows of the phone number, were not).
    for (const value of pieces.filter((p) => p.value)) {
      const speech = audibleWindows(original, stereo.channels[0]!, value);
      expect(speech.length, value.text).toBeGreaterThan(5);
      expect(audibleWindows(original, copy, value), value.text).toEqual([]);
    }
    // The kept words after each value, past the pad, are untouched; the agent's channel too.
    for (const kept of pieces.filter((_p, i) => i > 0 && pieces[i - 1]!.value)) {
      const from = Math.ceil(((kept.beginMs + REDACTION_PAD_MS) / 1000) * RATE);
      const to = Math.floor((kept.endMs / 1000) * RATE);
      expect(copy.subarray(from, to), kept.text).toEqual(original.subarray(from, to));
    }
    expect(result.redactedAudio![1]).toEqual(stereo.channels[1]);
  });

  it('does so on a mono recording too (one channel, the silence on it)', async () => {
    // Prepare: the same call mixed down to one channel
    const mixed = Int16Array.from(stereo.channels[0]!, (x, i) => x + stereo.channels[1]![i]!);
    const mono = {
      ...stereo,
      channels: [mixed],
      header: { ...stereo.header, channels: 1 },
    } as DecodedAudio;
    // Act
    const result = await run(mono, () => 0);
    // Assess: the phone number (its cue in the same turn, whatever voice clustering decides) is
    // silent over its whole sound
    const phone = pieces.find((p) => p.value && p.text.startsWith('five'))!;
    expect(audibleWindows(mixed, result.redactedAudio![0]!, phone)).toEqual([]);
  });
});

describe('silenceSpan', () => {
  const voiced = [
    { beginMs: 1_000, endMs: 4_000 },
    { beginMs: 5_000, endMs: 6_000 },
  ];

  it('runs on to the next recognised word within the voiced span, padded at both ends', () => {
    expect(silenceSpan({ beginMs: 1_500, endMs: 2_000 }, 2_600, voiced, 10_000)).toEqual({
      beginMs: 1_500 - REDACTION_PAD_MS,
      endMs: 2_600 + REDACTION_PAD_MS,
    });
  });

  it('stops at the end of the voiced span when the next word is after a pause, or there is none', () => {
    expect(silenceSpan({ beginMs: 2_500, endMs: 3_000 }, 5_200, voiced, 10_000).endMs).toBe(
      4_000 + REDACTION_PAD_MS,
    );
    expect(silenceSpan({ beginMs: 2_500, endMs: 3_000 }, null, voiced, 10_000).endMs).toBe(
      4_000 + REDACTION_PAD_MS,
    );
  });

  it("runs on at most MAX_TAIL_MS past the value's end (the review: a last word in a voiced span bridged over hold music silenced it all)", () => {
    // Prepare: one voiced span of a minute, the value its last recognised word
    const bridged = [{ beginMs: 0, endMs: 60_000 }];
    // Act
    const span = silenceSpan({ beginMs: 1_500, endMs: 2_000 }, null, bridged, 60_000);
    // Assess
    expect(span.endMs).toBe(2_000 + MAX_TAIL_MS + REDACTION_PAD_MS);
  });

  it("keeps the value's own end when it ends outside voiced speech or after the next word's start, and stays in the recording", () => {
    expect(silenceSpan({ beginMs: 4_200, endMs: 4_500 }, 5_100, voiced, 10_000).endMs).toBe(
      4_500 + REDACTION_PAD_MS,
    );
    expect(silenceSpan({ beginMs: 1_500, endMs: 2_000 }, 1_900, voiced, 10_000).endMs).toBe(
      2_000 + REDACTION_PAD_MS,
    );
    expect(silenceSpan({ beginMs: 10, endMs: 5_990 }, null, voiced, 6_000)).toEqual({
      beginMs: 0,
      endMs: 6_000,
    });
  });
});
