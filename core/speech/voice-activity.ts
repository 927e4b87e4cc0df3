/**
 * Voice activity per channel of a call recording, from frame energies, with a cross-channel
 * dominance gate: on a stereo call each party leaks into the other's channel (crosstalk), so
 * a frame only counts as speech on a channel that is not far quieter than the other one.
 * Measured in ../shared/docs/local-engines.md: the gate matters more than the detector
 * (talk time overstated 66–146% without it, 0.5–10% off with it).
 *
 * Music (hold, queue) is loud and steady: frames whose spectrum is tonal and unchanging over
 * several hundred milliseconds are marked as music (see `musicFrames`) and never count as talk.
 */

export interface Span {
  beginMs: number;
  endMs: number;
}

export interface VadOptions {
  /** Analysis hop, ms (frames overlap by half). */
  hopMs: number;
  /** Speech must be this far above the channel's noise floor (dB). */
  thresholdDb: number;
  /** ... and above this absolute level (dBFS), so silence with no noise is never speech. */
  minLevelDb: number;
  /** A channel more than this many dB quieter than the other one is crosstalk, not speech. */
  dominanceDb: number;
  /** Pauses shorter than this stay inside one speech span. */
  bridgeMs: number;
  /** Speech spans shorter than this are clicks or breaths. */
  minSpeechMs: number;
}

export const DEFAULT_VAD: VadOptions = {
  hopMs: 10,
  thresholdDb: 14,
  minLevelDb: -50,
  dominanceDb: 10,
  bridgeMs: 600,
  minSpeechMs: 120,
};

/** RMS level (dBFS) of each hop-sized frame of 16-bit samples. */
export const frameLevels = (samples: Int16Array, sampleRate: number, hopMs: number): Float32Array => {
  const hop = Math.max(1, Math.round((sampleRate * hopMs) / 1000));
  const n = Math.ceil(samples.length / hop);
  const out = new Float32Array(n);
  for (let f = 0; f < n; f++) {
    let sum = 0;
    const end = Math.min(samples.length, (f + 1) * hop);
    for (let i = f * hop; i < end; i++) {
      const v = samples[i]! / 32768;
      sum += v * v;
    }
    const rms = Math.sqrt(sum / Math.max(1, end - f * hop));
    out[f] = rms > 0 ? 20 * Math.log10(rms) : -120;
  }
  return out;
};

/** The channel's noise floor: a low percentile of its frame levels (robust to long speech). */
export const noiseFloor = (levels: Float32Array, percentile = 0.1): number => {
  if (levels.length === 0) return -120;
  const sorted = Float32Array.from(levels).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * percentile))]!;
};

/** Frames -> spans: bridge short pauses, drop short bursts. */
export const framesToSpans = (
  active: Uint8Array,
  hopMs: number,
  bridgeMs: number,
  minSpeechMs: number,
): Span[] => {
  const raw: Span[] = [];
  let start = -1;
  for (let f = 0; f <= active.length; f++) {
    const on = f < active.length && active[f] === 1;
    if (on && start < 0) start = f;
    if (!on && start >= 0) {
      raw.push({ beginMs: start * hopMs, endMs: f * hopMs });
      start = -1;
    }
  }
  const merged: Span[] = [];
  for (const s of raw) {
    const last = merged.at(-1);
    if (last && s.beginMs - last.endMs < bridgeMs) last.endMs = s.endMs;
    else merged.push({ ...s });
  }
  return merged.filter((s) => s.endMs - s.beginMs >= minSpeechMs);
};

export interface ChannelActivity {
  /** Speech spans, ms from the recording start. */
  speech: Span[];
  /** Music spans (hold / queue music) found on this channel. */
  music: Span[];
  /** Frame levels (dBFS) at `hopMs`, kept for loudness scores. */
  levels: Float32Array;
  noiseFloorDb: number;
}

/**
 * Voice activity of every channel of one recording. `musicMask` (per channel, per frame, 1 =
 * music) comes from the spectral music detector; pass null to skip music rejection.
 */
export const detectVoiceActivity = (
  channels: readonly Int16Array[],
  sampleRate: number,
  musicMasks: readonly (Uint8Array | null)[] = [],
  options: Partial<VadOptions> = {},
): ChannelActivity[] => {
  const o = { ...DEFAULT_VAD, ...options };
  const levels = channels.map((c) => frameLevels(c, sampleRate, o.hopMs));
  const floors = levels.map((l) => noiseFloor(l));
  const frames = Math.max(0, ...levels.map((l) => l.length));
  return levels.map((own, ch) => {
    const threshold = Math.max(floors[ch]! + o.thresholdDb, o.minLevelDb);
    const mask = musicMasks[ch] ?? null;
    const active = new Uint8Array(frames);
    for (let f = 0; f < own.length; f++) {
      const level = own[f]!;
      if (level < threshold) continue;
      if (mask?.[f] === 1) continue;
      // Dominance gate: the loudest other channel, compared frame by frame (±1 frame for the
      // small delay crosstalk has), decides whether this is leakage.
      let other = -120;
      for (let k = 0; k < levels.length; k++) {
        if (k === ch) continue;
        const l = levels[k]!;
        other = Math.max(other, l[f] ?? -120, l[f - 1] ?? -120, l[f + 1] ?? -120);
      }
      if (level < other - o.dominanceDb) continue;
      active[f] = 1;
    }
    const musicActive = mask
      ? Uint8Array.from(mask, (m, f) => (m === 1 && own[f]! >= threshold ? 1 : 0))
      : new Uint8Array(0);
    return {
      speech: framesToSpans(active, o.hopMs, o.bridgeMs, o.minSpeechMs),
      music: mask ? framesToSpans(musicActive, o.hopMs, 500, 1000) : [],
      levels: own,
      noiseFloorDb: floors[ch]!,
    };
  });
};

/** Total time covered by spans (they must not overlap each other). */
export const spanTotal = (spans: readonly Span[]): number =>
  spans.reduce((n, s) => n + s.endMs - s.beginMs, 0);

/** The parts of `a` that overlap `b` (both sorted, non-overlapping within themselves). */
export const intersect = (a: readonly Span[], b: readonly Span[]): Span[] => {
  const out: Span[] = [];
  let j = 0;
  for (const s of a) {
    while (j < b.length && b[j]!.endMs <= s.beginMs) j++;
    for (let k = j; k < b.length && b[k]!.beginMs < s.endMs; k++) {
      const beginMs = Math.max(s.beginMs, b[k]!.beginMs);
      const endMs = Math.min(s.endMs, b[k]!.endMs);
      if (endMs > beginMs) out.push({ beginMs, endMs });
    }
  }
  return out;
};

/** The union of several span lists, merged. */
export const union = (...lists: readonly (readonly Span[])[]): Span[] => {
  const all = lists.flat().sort((x, y) => x.beginMs - y.beginMs);
  const out: Span[] = [];
  for (const s of all) {
    const last = out.at(-1);
    if (last && s.beginMs <= last.endMs) last.endMs = Math.max(last.endMs, s.endMs);
    else out.push({ ...s });
  }
  return out;
};
