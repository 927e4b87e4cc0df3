import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pLimit from 'p-limit';
import { encodeWav } from '../../adapters/local/speech/wav-file.js';
import { AGENT_ROSTER } from '../people.js';
import { Random } from '../random.js';
import type { CallTruth, SpeechTruth } from '../truth.js';

const run = promisify(execFile);

let scratchDir: Promise<string> | undefined;
let utterances = 0;
let speaking = 0;
/** A scratch folder for flite's utterances, shared while any is being written, removed when none is. */
const scratch = (): Promise<string> => {
  scratchDir ??= mkdtemp(join(tmpdir(), 'debrief-tts-'));
  return scratchDir;
};
const doneSpeaking = async (): Promise<void> => {
  speaking -= 1;
  if (speaking > 0 || scratchDir === undefined) return;
  const dir = scratchDir;
  scratchDir = undefined;
  await rm(await dir, { recursive: true, force: true });
};

/**
 * Renders a generated call as a telephone recording: each utterance is spoken by flite (Debian
 * `flite`: CMU's slt, rms, awb and kal voices, one per speaker, pitch varied per person),
 * fitted by sox to exactly the time the script gives it, band-limited to the telephone band and
 * placed on its channel; hold and queue music play on the agent
 * channel, the other party leaks faintly into each channel (crosstalk), and line noise sits
 * under everything. The result is a WAV whose ground truth (who speaks when, saying what) is
 * the call's CallTruth plus the music spans returned here.
 */
export const AUDIO_ENCODINGS = ['pcm16', 'pcm8', 'pcm24', 'float32', 'mulaw', 'alaw'] as const;
export type AudioEncoding = (typeof AUDIO_ENCODINGS)[number];

export interface AudioRenderOptions {
  /** Default 8000 (telephony). */
  sampleRate?: number;
  /** Default pcm16. Other encodings are converted by sox. */
  encoding?: AudioEncoding;
  /** 2 = agent and customer on separate channels (default); 1 = both mixed, as old recorders do. */
  channels?: 1 | 2;
  /** Which channel carries the agent (default 1: the Genesys layout the AWS PCA sample assumes). */
  agentChannel?: 0 | 1;
  /** Level of the other party leaking into each channel, in dB (default -30). */
  crosstalkDb?: number;
  /** Line noise level in dBFS (default -58). */
  noiseDb?: number;
  /** Music during hold and queue wait (default true). */
  music?: boolean;
}

export interface AudioTruth {
  sampleRate: number;
  channels: 1 | 2;
  agentChannel: 0 | 1;
  encoding: AudioEncoding;
  durationMs: number;
  /** Music on the agent channel (ms from the recording start): not speech, never transcribed. */
  music: { beginMs: number; endMs: number }[];
  /** flite voice and pitch per speaker key (ivr, agent id, customer). */
  voices: Record<string, string>;
}

export interface RenderedCall {
  wav: Uint8Array;
  audio: AudioTruth;
}

const TELEPHONE_BAND = ['sinc', '300-3400'];
const MUSIC_GAP_MS = 400;

/**
 * Voices (flite voice + mean pitch in Hz): the IVR is one fixed announcer; each agent keeps a
 * voice across calls (by roster position); the caller's voice is drawn per call.
 */
interface Voice {
  voice: string;
  pitch: number;
}
const AGENT_VOICES: readonly Voice[] = [
  { voice: 'slt', pitch: 180 },
  { voice: 'rms', pitch: 105 },
  { voice: 'slt', pitch: 210 },
  { voice: 'awb', pitch: 120 },
  { voice: 'rms', pitch: 125 },
  { voice: 'slt', pitch: 160 },
];
const CUSTOMER_VOICES: readonly Voice[] = [
  { voice: 'rms', pitch: 95 },
  { voice: 'awb', pitch: 135 },
  { voice: 'slt', pitch: 195 },
  { voice: 'rms', pitch: 140 },
  { voice: 'slt', pitch: 170 },
];
const IVR_VOICE: Voice = { voice: 'kal16', pitch: 100 };

const voiceOf = (speech: SpeechTruth, customerVoice: Voice): { key: string } & Voice => {
  if (speech.role === 'IVR') return { key: 'ivr', ...IVR_VOICE };
  if (speech.channel === 'CUSTOMER') return { key: 'customer', ...customerVoice };
  const rosterIndex = AGENT_ROSTER.findIndex((a) => `${a.first} ${a.last}` === speech.agentName);
  return { key: speech.agentId ?? 'agent', ...AGENT_VOICES[Math.max(rosterIndex, 0) % AGENT_VOICES.length]! };
};

/** sox with raw 32-bit float mono in and out, at `rate`. */
const soxFloat = (
  input: Uint8Array,
  inArgs: string[],
  effects: string[],
  rate: number,
): Promise<Float32Array> =>
  new Promise((resolve, reject) => {
    const child = spawn('sox', [
      '-D',
      ...inArgs,
      '-',
      '-t',
      'f32',
      '-r',
      String(rate),
      '-c',
      '1',
      '-',
      ...effects,
    ]);
    const chunks: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`sox failed (${code}): ${err.trim()}`));
      const buf = Buffer.concat(chunks);
      resolve(new Float32Array(buf.buffer, buf.byteOffset, Math.floor(buf.length / 4)).slice());
    });
    child.stdin.end(input);
  });

/** One utterance as samples at `rate`, exactly `targetMs` long. */
const speak = async (text: string, voice: Voice, targetMs: number, rate: number): Promise<Float32Array> => {
  // flite seeks back to write its WAV header, so it writes to a file, not a pipe (one per call).
  utterances += 1;
  const n = utterances; // taken before the await: utterances render concurrently
  speaking += 1;
  let stdout: Buffer;
  try {
    const file = join(await scratch(), `u${n}.wav`);
    await run('flite', [
      '-voice',
      voice.voice,
      '--setf',
      `int_f0_target_mean=${voice.pitch}`,
      '-t',
      text,
      '-o',
      file,
    ]);
    stdout = await readFile(file);
    await rm(file, { force: true });
  } finally {
    await doneSpeaking();
  }
  // Trim the synthesiser's leading/trailing silence, so speech fills the scripted span.
  const trimmed = await soxFloat(
    new Uint8Array(stdout),
    ['-t', 'wav'],
    ['silence', '1', '0.01', '-45d', 'reverse', 'silence', '1', '0.01', '-45d', 'reverse', ...TELEPHONE_BAND],
    rate,
  );
  const target = Math.max(1, Math.round((targetMs / 1000) * rate));
  let fitted = trimmed;
  const factor = trimmed.length / target;
  if (trimmed.length > 0 && Math.abs(factor - 1) > 0.01) {
    fitted = await soxFloat(
      new Uint8Array(trimmed.buffer, trimmed.byteOffset, trimmed.byteLength),
      ['-t', 'f32', '-r', String(rate), '-c', '1'],
      ['tempo', '-s', factor.toFixed(4)],
      rate,
    );
  }
  const out = new Float32Array(target);
  out.set(fitted.subarray(0, target));
  let peak = 0;
  for (const v of out) peak = Math.max(peak, Math.abs(v));
  if (peak > 0) for (let i = 0; i < out.length; i++) out[i] = (out[i]! / peak) * 0.5;
  return out;
};

/** Synthetic hold music: soft two-harmonic notes from a pentatonic scale. */
const music = (track: Float32Array, rate: number, beginMs: number, endMs: number, random: Random): void => {
  const scale = [262, 294, 330, 392, 440, 523, 587];
  let at = Math.round((beginMs / 1000) * rate);
  const end = Math.min(track.length, Math.round((endMs / 1000) * rate));
  while (at < end) {
    const len = Math.min(end - at, Math.round(random.float(0.3, 0.7) * rate));
    const f = random.pick(scale);
    const fade = Math.min(len / 2, rate * 0.03);
    for (let i = 0; i < len; i++) {
      const env = Math.min(1, i / fade, (len - i) / fade);
      const t = i / rate;
      track[at + i]! += env * 0.12 * (Math.sin(2 * Math.PI * f * t) + 0.4 * Math.sin(4 * Math.PI * f * t));
    }
    at += len;
  }
};

const spansWithoutSpeech = (
  span: { beginMs: number; endMs: number },
  speech: readonly { beginMs: number; endMs: number }[],
): { beginMs: number; endMs: number }[] => {
  const out: { beginMs: number; endMs: number }[] = [];
  let cursor = span.beginMs;
  for (const s of [...speech].sort((a, b) => a.beginMs - b.beginMs)) {
    if (s.endMs + MUSIC_GAP_MS <= cursor || s.beginMs - MUSIC_GAP_MS >= span.endMs) continue;
    if (s.beginMs - MUSIC_GAP_MS > cursor) out.push({ beginMs: cursor, endMs: s.beginMs - MUSIC_GAP_MS });
    cursor = Math.max(cursor, s.endMs + MUSIC_GAP_MS);
  }
  if (span.endMs > cursor) out.push({ beginMs: cursor, endMs: span.endMs });
  return out.filter((s) => s.endMs - s.beginMs >= 1000);
};

/** Where music plays: hold segments and queue waits (CTR clock -> recording clock). */
const musicSpans = (truth: CallTruth): { beginMs: number; endMs: number }[] => {
  const offset = truth.recording.trueStartOffsetMs;
  const agentSpeech = truth.speech.filter((s) => s.channel === 'AGENT');
  const waits = truth.segments
    .filter((s) => s.segmentType === 'hold' || (s.purpose === 'acd' && s.segmentType === 'interact'))
    .map((s) => ({
      beginMs: Math.max(0, s.startMs - offset),
      endMs: Math.min(truth.recording.durationMs, s.endMs - offset),
    }))
    .filter((s) => s.endMs > s.beginMs);
  return waits.flatMap((w) => spansWithoutSpeech(w, agentSpeech)).sort((a, b) => a.beginMs - b.beginMs);
};

const dbToGain = (db: number): number => 10 ** (db / 20);

const toInt16 = (track: Float32Array): Int16Array =>
  Int16Array.from(track, (v) => Math.max(-32768, Math.min(32767, Math.round(v * 32767))));

const SOX_ENCODING: Record<Exclude<AudioEncoding, 'pcm16'>, string[]> = {
  pcm8: ['-e', 'unsigned-integer', '-b', '8'],
  pcm24: ['-e', 'signed-integer', '-b', '24'],
  float32: ['-e', 'floating-point', '-b', '32'],
  mulaw: ['-e', 'mu-law'],
  alaw: ['-e', 'a-law'],
};

const convert = async (wav: Uint8Array, encoding: AudioEncoding): Promise<Uint8Array> => {
  if (encoding === 'pcm16') return wav;
  return new Promise((resolve, reject) => {
    const child = spawn('sox', ['-D', '-t', 'wav', '-', ...SOX_ENCODING[encoding], '-t', 'wav', '-']);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(new Uint8Array(Buffer.concat(chunks))) : reject(new Error(`sox exited ${code}`)),
    );
    child.stdin.end(wav);
  });
};

/** Render a call's speech to a WAV recording (deterministic: same truth and options, same bytes). */
export const renderCallAudio = async (
  truth: CallTruth,
  options: AudioRenderOptions = {},
): Promise<RenderedCall> => {
  const rate = options.sampleRate ?? 8000;
  const channels = options.channels ?? 2;
  const agentChannel = options.agentChannel ?? 1;
  const encoding = options.encoding ?? 'pcm16';
  const random = Random.stream(truth.seed, 'audio');
  // The caller never sounds like the (first) agent: another flite voice, not just another pitch.
  const firstAgent = truth.speech.find((s) => s.role === 'AGENT');
  const agentVoice = firstAgent ? voiceOf(firstAgent, CUSTOMER_VOICES[0]!).voice : null;
  const customerVoice = random.pick(CUSTOMER_VOICES.filter((v) => v.voice !== agentVoice));
  const frames = Math.ceil((truth.recording.durationMs / 1000) * rate);
  const agent = new Float32Array(frames);
  const customer = new Float32Array(frames);
  const voices: Record<string, string> = {};
  const limit = pLimit(2);
  const rendered = await Promise.all(
    truth.speech.map((s) =>
      limit(async () => {
        const v = voiceOf(s, customerVoice);
        voices[v.key] = `${v.voice} ${v.pitch} Hz`;
        return { s, samples: await speak(s.text, v, s.endMs - s.beginMs, rate) };
      }),
    ),
  );
  for (const { s, samples } of rendered) {
    const track = s.channel === 'AGENT' ? agent : customer;
    const gain = s.role === 'IVR' ? 0.9 : s.channel === 'CUSTOMER' ? 0.75 : 1;
    const at = Math.round((s.beginMs / 1000) * rate);
    for (let i = 0; i < samples.length && at + i < frames; i++) track[at + i]! += samples[i]! * gain;
  }
  const spans = options.music === false ? [] : musicSpans(truth);
  for (const span of spans) music(agent, rate, span.beginMs, span.endMs, random);

  // Crosstalk (a few ms late, well below the speaker) and line noise on both channels.
  const bleed = dbToGain(options.crosstalkDb ?? -30);
  const delay = Math.round(rate * 0.006);
  const noise = dbToGain(options.noiseDb ?? -58);
  const agentOut = new Float32Array(frames);
  const customerOut = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    const other = i >= delay ? i - delay : 0;
    const n1 = random.float(-1, 1) + random.float(-1, 1);
    const n2 = random.float(-1, 1) + random.float(-1, 1);
    agentOut[i] = agent[i]! + bleed * customer[other]! + noise * n1;
    customerOut[i] = customer[i]! + bleed * agent[other]! + noise * n2;
  }
  let planes: Int16Array[];
  if (channels === 1) {
    planes = [toInt16(agentOut.map((v, i) => (v + customerOut[i]!) * 0.7))];
  } else {
    const a = toInt16(agentOut);
    const c = toInt16(customerOut);
    planes = agentChannel === 0 ? [a, c] : [c, a];
  }
  const wav = await convert(await encodeWav(planes, rate), encoding);
  return {
    wav,
    audio: {
      sampleRate: rate,
      channels,
      agentChannel,
      encoding,
      durationMs: truth.recording.durationMs,
      music: spans,
      voices,
    },
  };
};
