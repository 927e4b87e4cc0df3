import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { resample } from '../../adapters/local/speech/recognizers/pcm.js';

const run = promisify(execFile);

/** One utterance with its reference transcript. */
export interface Utterance {
  id: string;
  reference: string;
  sampleRate: number;
  samples: Int16Array;
  /** The 16 kHz file it came from, when there is one (for pocketsphinx_continuous). */
  file?: string;
}

export const TESTDATA = '/usr/share/pocketsphinx/test/data';

/** 16-bit PCM mono from a RIFF/WAVE file: walks the chunks to `fmt ` and `data`. */
export const readWavPcm16 = (
  bytes: Uint8Array,
  name: string,
): { sampleRate: number; samples: Int16Array } => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error(`${name}: not a WAVE file`);
  let sampleRate = 0;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const size = view.getUint32(at + 4, true);
    if (tag(at) === 'fmt ') {
      if (
        view.getUint16(at + 8, true) !== 1 ||
        view.getUint16(at + 10, true) !== 1 ||
        view.getUint16(at + 22, true) !== 16
      ) {
        throw new Error(`${name}: only 16-bit PCM mono is read here`);
      }
      sampleRate = view.getUint32(at + 12, true);
    } else if (tag(at) === 'data') {
      const end = Math.min(bytes.length, at + 8 + size);
      const data = bytes.slice(at + 8, end - ((end - at - 8) % 2));
      return { sampleRate, samples: new Int16Array(data.buffer, data.byteOffset, data.byteLength / 2) };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error(`${name}: no data chunk`);
};

/**
 * Real human speech with reference transcripts from Debian's pocketsphinx-testdata: five LibriVox
 * read sentences ("Sense and Sensibility") and five spoken playing-card sequences.
 */
export const loadTestdata = async (): Promise<Utterance[]> => {
  const out: Utterance[] = [];
  const sets: [string, string][] = [
    ['librivox', 'transcription'],
    ['cards', 'cards.transcription'],
  ];
  for (const [dir, transcripts] of sets) {
    const text = await readFile(join(TESTDATA, dir, transcripts), 'utf8');
    for (const line of text.split('\n')) {
      const m = /^<s>\s*(.*?)\s*<\/s>\s*\((\S+)\)\s*$/.exec(line.trim());
      if (!m) continue;
      const file = join(TESTDATA, dir, `${m[2]}.wav`);
      const pcm = readWavPcm16(await readFile(file), file);
      out.push({ id: `${dir}/${m[2]}`, reference: m[1]!, file, ...pcm });
    }
  }
  return out;
};

/** The same utterances at another rate (8 kHz: what a telephone line leaves of real voices). */
export const atRate = async (utterances: readonly Utterance[], rate: number): Promise<Utterance[]> =>
  Promise.all(
    utterances.map(async (u) => ({
      id: u.id,
      reference: u.reference,
      sampleRate: rate,
      samples: await resample(u.samples, u.sampleRate, rate),
    })),
  );

/** Renders sentences with espeak-ng (22.05 kHz) and resamples them to `rate`. */
export const synthesize = async (
  sentences: readonly string[],
  voice: string,
  rate: number,
  wordsPerMinute = 165,
): Promise<Utterance[]> => {
  const dir = await mkdtemp(join(tmpdir(), 'debrief-espeak-'));
  try {
    const out: Utterance[] = [];
    for (const [i, sentence] of sentences.entries()) {
      const file = join(dir, `${i}.wav`);
      await run('espeak-ng', ['-v', voice, '-s', String(wordsPerMinute), '-w', file, sentence]);
      const pcm = readWavPcm16(await readFile(file), file);
      out.push({
        id: `${voice}/${i}`,
        reference: sentence,
        sampleRate: rate,
        samples: await resample(pcm.samples, pcm.sampleRate, rate),
      });
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

/** CPU seconds this process and its reaped children (the decoders) used so far (Linux /proc). */
export const cpuSeconds = async (): Promise<number> => {
  const stat = await readFile('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime 14, stime 15, cutime 16, cstime 17, in clock ticks.
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
  return ticks / 100;
};

export const durationSeconds = (utterances: readonly Utterance[]): number =>
  utterances.reduce((s, u) => s + u.samples.length / u.sampleRate, 0);
