import FFT from 'fft.js';

/**
 * Hold and queue music is loud and steady, so an energy detector counts it as talk. Music is
 * told apart by its spectrum: notes are tonal (energy concentrated in a few peaks) and hold
 * still for hundreds of milliseconds, while speech moves (formants, pitch, consonants) every
 * few tens of milliseconds. A frame is music when, over a window around it, the spectrum is
 * both peaky and unchanging.
 */
export interface MusicDetectorOptions {
  /** Frame hop (ms); must match the VAD's. */
  hopMs: number;
  /** Compare each frame with the one this many ms earlier. */
  lagMs: number;
  /** Half-width of the smoothing window (ms). */
  windowMs: number;
  /** Median spectral similarity (0..1) above which the window is steady. */
  minStability: number;
  /** Median share of band energy in the strongest peaks above which the window is tonal. */
  minPeakiness: number;
}

export const DEFAULT_MUSIC: MusicDetectorOptions = {
  hopMs: 10,
  lagMs: 50,
  windowMs: 200,
  minStability: 0.9,
  minPeakiness: 0.6,
};

export interface FrameFeatures {
  stability: Float32Array;
  peakiness: Float32Array;
}

const nextPow2 = (n: number): number => 2 ** Math.ceil(Math.log2(n));

/** Per-frame spectral stability and peakiness of one channel (telephone band only). */
export const spectralFeatures = (
  samples: Int16Array,
  sampleRate: number,
  options: Partial<MusicDetectorOptions> = {},
): FrameFeatures => {
  const o = { ...DEFAULT_MUSIC, ...options };
  const hop = Math.max(1, Math.round((sampleRate * o.hopMs) / 1000));
  const size = nextPow2(Math.round(sampleRate * 0.032));
  const fft = new FFT(size);
  const window = Float64Array.from(
    { length: size },
    (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (size - 1)),
  );
  const lo = Math.max(1, Math.floor((200 * size) / sampleRate));
  const hi = Math.min(size / 2 - 1, Math.ceil((3400 * size) / sampleRate));
  const bins = hi - lo + 1;
  const frames = Math.ceil(samples.length / hop);
  const lag = Math.max(1, Math.round(o.lagMs / o.hopMs));
  const stability = new Float32Array(frames);
  const peakiness = new Float32Array(frames);
  const input = new Float64Array(size);
  const out = fft.createComplexArray() as number[];
  const history: Float64Array[] = [];
  for (let f = 0; f < frames; f++) {
    const start = f * hop - size / 2;
    for (let i = 0; i < size; i++) {
      const k = start + i;
      input[i] = k >= 0 && k < samples.length ? (samples[k]! / 32768) * window[i]! : 0;
    }
    fft.realTransform(out, input as unknown as number[]);
    const mag = new Float64Array(bins);
    let total = 0;
    for (let b = 0; b < bins; b++) {
      const re = out[2 * (b + lo)]!;
      const im = out[2 * (b + lo) + 1]!;
      mag[b] = Math.sqrt(re * re + im * im);
      total += mag[b]! * mag[b]!;
    }
    // Peakiness: energy within ±1 bin of the three strongest local maxima.
    if (total > 0) {
      const peaks: number[] = [];
      for (let b = 1; b < bins - 1; b++) if (mag[b]! >= mag[b - 1]! && mag[b]! >= mag[b + 1]!) peaks.push(b);
      peaks.sort((x, y) => mag[y]! - mag[x]!);
      let inPeaks = 0;
      const taken = new Uint8Array(bins);
      for (const p of peaks.slice(0, 3)) {
        for (let b = Math.max(0, p - 1); b <= Math.min(bins - 1, p + 1); b++) {
          if (taken[b]) continue;
          taken[b] = 1;
          inPeaks += mag[b]! * mag[b]!;
        }
      }
      peakiness[f] = inPeaks / total;
    }
    // Stability: cosine similarity with the spectrum `lag` frames earlier.
    const prev = history[f - lag];
    if (prev) {
      let dot = 0;
      let na = 0;
      let nb = 0;
      for (let b = 0; b < bins; b++) {
        dot += mag[b]! * prev[b]!;
        na += mag[b]! * mag[b]!;
        nb += prev[b]! * prev[b]!;
      }
      stability[f] = na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
    }
    history[f] = mag;
    if (f >= lag) history[f - lag] = undefined as unknown as Float64Array;
  }
  return { stability, peakiness };
};

const median = (values: Float32Array, from: number, to: number): number => {
  const slice = Float32Array.from(values.subarray(Math.max(0, from), Math.min(values.length, to))).sort();
  return slice.length === 0 ? 0 : slice[Math.floor(slice.length / 2)]!;
};

/** 1 for every frame (at `hopMs`) that belongs to music, else 0. */
export const musicFrames = (
  samples: Int16Array,
  sampleRate: number,
  options: Partial<MusicDetectorOptions> = {},
): Uint8Array => {
  const o = { ...DEFAULT_MUSIC, ...options };
  const { stability, peakiness } = spectralFeatures(samples, sampleRate, o);
  const half = Math.round(o.windowMs / o.hopMs);
  const mask = new Uint8Array(stability.length);
  for (let f = 0; f < mask.length; f++) {
    if (
      median(stability, f - half, f + half + 1) >= o.minStability &&
      median(peakiness, f - half, f + half + 1) >= o.minPeakiness
    )
      mask[f] = 1;
  }
  return mask;
};
