import FFT from 'fft.js';
import type { Span } from './voice-activity.js';

/**
 * Two-speaker diarization for mono recordings (agent and customer mixed on one channel).
 * Each voiced span is described by its average log spectrum in mel-spaced bands (timbre, which
 * differs between two voices and two telephone lines far more than between two sentences of
 * one speaker); spans are split into two clusters by k-means. This is crude next to
 * Transcribe's speaker labels: the call records `role_source = speaker-diarization` so nobody
 * mistakes the roles for channel-separated ones.
 */

const BANDS = 20;

const melEdges = (sampleRate: number, size: number): number[] => {
  const mel = (f: number) => 2595 * Math.log10(1 + f / 700);
  const hz = (m: number) => 700 * (10 ** (m / 2595) - 1);
  const lo = mel(150);
  const hi = mel(Math.min(3600, sampleRate / 2 - 100));
  return Array.from({ length: BANDS + 1 }, (_, i) =>
    Math.round((hz(lo + ((hi - lo) * i) / BANDS) * size) / sampleRate),
  );
};

/** Mean log band energies of a span, with the span's own mean removed (level-independent). */
export const spanFeatures = (samples: Int16Array, sampleRate: number, span: Span): Float64Array => {
  // About 32 ms (256 samples at 8 kHz), a power of two as the FFT needs: 512 at 22.05 kHz,
  // 1024 at 44.1 kHz, 2048 at 48 kHz (256 × round(rate / 8000) was 768 or 1536 there: no FFT).
  const size = 2 ** Math.max(8, Math.round(Math.log2(sampleRate * 0.032)));
  const fft = new FFT(size);
  const edges = melEdges(sampleRate, size);
  const acc = new Float64Array(BANDS);
  const input = new Float64Array(size);
  const spectrum = fft.createComplexArray() as number[];
  const from = Math.floor((span.beginMs / 1000) * sampleRate);
  const to = Math.min(samples.length, Math.floor((span.endMs / 1000) * sampleRate));
  let frames = 0;
  for (let start = from; start + size <= to; start += size / 2) {
    let energy = 0;
    for (let i = 0; i < size; i++) {
      const v = samples[start + i]! / 32768;
      input[i] = v * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (size - 1)));
      energy += v * v;
    }
    if (energy / size < 1e-6) continue;
    fft.realTransform(spectrum, input as unknown as number[]);
    for (let b = 0; b < BANDS; b++) {
      let e = 1e-10;
      for (let k = edges[b]!; k < Math.max(edges[b]! + 1, edges[b + 1]!); k++)
        e += spectrum[2 * k]! ** 2 + spectrum[2 * k + 1]! ** 2;
      acc[b]! += Math.log(e);
    }
    frames++;
  }
  const out = new Float64Array(BANDS + 1);
  if (frames === 0) return out;
  let m = 0;
  for (let b = 0; b < BANDS; b++) m += acc[b]! / frames;
  for (let b = 0; b < BANDS; b++) out[b] = acc[b]! / frames - m / BANDS;
  // Pitch separates two voices best; weigh it like several bands.
  out[BANDS] = PITCH_WEIGHT * Math.log2(medianPitch(samples, sampleRate, from, to) / 100);
  return out;
};

const PITCH_WEIGHT = 3;

/** Median F0 (Hz) over voiced frames, by normalised autocorrelation (70–400 Hz). */
export const medianPitch = (samples: Int16Array, sampleRate: number, from: number, to: number): number => {
  const win = Math.round(sampleRate * 0.04);
  const minLag = Math.floor(sampleRate / 400);
  const maxLag = Math.ceil(sampleRate / 70);
  const pitches: number[] = [];
  for (let start = from; start + win + maxLag <= to; start += Math.round(win / 2)) {
    let e0 = 0;
    for (let i = 0; i < win; i++) e0 += samples[start + i]! ** 2;
    if (e0 / win < 1e5) continue;
    let bestLag = 0;
    let best = 0;
    for (let lag = minLag; lag <= maxLag; lag++) {
      let dot = 0;
      let e1 = 0;
      for (let i = 0; i < win; i++) {
        dot += samples[start + i]! * samples[start + i + lag]!;
        e1 += samples[start + i + lag]! ** 2;
      }
      const r = dot / Math.sqrt(e0 * e1 + 1);
      if (r > best) [best, bestLag] = [r, lag];
    }
    if (best > 0.6 && bestLag > 0) pitches.push(sampleRate / bestLag);
  }
  if (pitches.length === 0) return 100;
  pitches.sort((a, b) => a - b);
  return pitches[Math.floor(pitches.length / 2)]!;
};

const distance = (a: Float64Array, b: Float64Array): number => {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += (a[i]! - b[i]!) ** 2;
  return d;
};

const kMeans = (feats: readonly Float64Array[], weights: readonly number[], seeds: readonly number[]) => {
  const dims = feats[0]!.length;
  let centres = seeds.map((i) => Float64Array.from(feats[i]!));
  let labels = feats.map(() => -1);
  for (let iter = 0; iter < 30; iter++) {
    const next = feats.map((f) => {
      let best = 0;
      for (let c = 1; c < centres.length; c++)
        if (distance(f, centres[c]!) < distance(f, centres[best]!)) best = c;
      return best;
    });
    const changed = next.some((l, i) => l !== labels[i]);
    labels = next;
    centres = centres.map((old, c) => {
      const sum = new Float64Array(dims);
      let w = 0;
      labels.forEach((l, i) => {
        if (l !== c) return;
        for (let b = 0; b < dims; b++) sum[b]! += feats[i]![b]! * weights[i]!;
        w += weights[i]!;
      });
      return w > 0 ? sum.map((v) => v / w) : old;
    });
    if (!changed) break;
  }
  return { labels, centres };
};

/** Farthest-first seeds among the longest spans: deterministic, spread over the voices. */
const farthestFirst = (feats: readonly Float64Array[], weights: readonly number[], k: number): number[] => {
  const pool = feats
    .map((_, i) => i)
    .sort((a, b) => weights[b]! - weights[a]!)
    .slice(0, 60);
  const seeds = [pool[0]!];
  while (seeds.length < Math.min(k, pool.length)) {
    let pick = pool[0]!;
    let far = -1;
    for (const i of pool) {
      const d = Math.min(...seeds.map((s) => distance(feats[i]!, feats[s]!)));
      if (d > far) [far, pick] = [d, i];
    }
    seeds.push(pick);
  }
  return seeds;
};

/**
 * Cluster spans into two speakers. A recording often holds a third voice (IVR prompts and
 * announcements, played on the agent's side of the call), so spans are first split into three
 * clusters and the two closest clusters are merged. Deterministic. Returns 0/1 per span.
 */
export const diarizeTwoSpeakers = (
  samples: Int16Array,
  sampleRate: number,
  spans: readonly Span[],
): number[] => {
  if (spans.length < 2) return spans.map(() => 0);
  const feats = spans.map((s) => spanFeatures(samples, sampleRate, s));
  const weights = spans.map((s) => s.endMs - s.beginMs);
  const k = spans.length >= 6 ? 3 : 2;
  const { labels, centres } = kMeans(feats, weights, farthestFirst(feats, weights, k));
  if (centres.length < 3) return labels.map((l) => (l === 0 ? 0 : 1));
  // Merge the closest pair of clusters into speaker 0; the remaining cluster is speaker 1.
  const pairs: [number, number][] = [
    [0, 1],
    [0, 2],
    [1, 2],
  ];
  const [a, b] = pairs.sort(
    (p, q) => distance(centres[p[0]]!, centres[p[1]]!) - distance(centres[q[0]]!, centres[q[1]]!),
  )[0]!;
  return labels.map((l) => (l === a || l === b ? 0 : 1));
};

/** Words an agent says early in a call; the speaker who says them first is taken as the agent. */
const AGENT_CUES = [
  /thank you for calling/,
  /thanks for calling/,
  /how (can|may) i help/,
  /my name is/,
  /this is \w+ (speaking|from)/,
  /you'?ve reached/,
];

/**
 * Cues only an agent opens a call with (no "my name is": callers say it too). A stereo call whose
 * customer channel opens with one, its agent channel with none, has its channels the other way round.
 */
const OPENING_CUES = [
  /thank(s| you) for calling/,
  /how (can|may) i help/,
  /you'?ve reached/,
  /this is \w+ speaking/,
];

/**
 * A caller's thanks for a call returned or made to them ("thanks for calling back", "thank you
 * for calling me back"): the greeting's words, said by the customer (the Genesys trial: a
 * customer's "Oh thanks for calling back" was taken for the agent's greeting). Left out before
 * the cues are looked for, so "thank you for calling Acme Bank" and an agent's "thanks for calling
 * us today" still are ones ("us" only with "back": the review of the first fix).
 */
const THANKS_FOR_CALLING_BACK = /thank(?:s| you) for calling (?:back|me|us back)\b/g;

/** `text` in lower case without a caller's thanks for calling back, for the cues above. */
const cueText = (text: string): string => text.toLowerCase().replace(THANKS_FOR_CALLING_BACK, '');

/** The agent's opening cue in `text`, if any: its pattern's source. */
export const openingCue = (text: string): string | null => {
  const said = cueText(text);
  return OPENING_CUES.find((c) => c.test(said))?.source ?? null;
};

/**
 * Which of the two speakers is the agent: the first to use a greeting cue, else whoever spoke
 * first (inbound calls open with the agent's greeting). `texts[i]` is what span i said.
 */
export const agentSpeaker = (
  labels: readonly number[],
  texts: readonly string[],
): { speaker: number; evidence: string } => {
  for (let i = 0; i < labels.length; i++) {
    const text = cueText(texts[i] ?? '');
    const cue = AGENT_CUES.find((c) => c.test(text));
    if (cue) return { speaker: labels[i]!, evidence: `greeting cue "${cue.source}"` };
  }
  return { speaker: labels[0] ?? 0, evidence: 'first speaker (no greeting cue recognised)' };
};
