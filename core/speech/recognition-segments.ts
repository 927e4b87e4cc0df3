import type { Span } from './voice-activity.js';

/**
 * The pieces of a channel a recogniser decodes: voiced spans, joined across short pauses (a
 * recogniser needs context) and cut to a bounded length (decoders slow down and drift on long
 * utterances), with a little padding so word edges are not clipped. Decoding only voiced audio
 * halves both errors and CPU on noisy calls (local-engines.md).
 */
export interface SegmentOptions {
  joinMs: number;
  maxMs: number;
  padMs: number;
}

export const DEFAULT_SEGMENTS: SegmentOptions = { joinMs: 500, maxMs: 15_000, padMs: 120 };

export const recognitionSpans = (
  speech: readonly Span[],
  durationMs: number,
  options: Partial<SegmentOptions> = {},
): Span[] => {
  const o = { ...DEFAULT_SEGMENTS, ...options };
  const out: Span[] = [];
  for (const s of speech) {
    const last = out.at(-1);
    if (last && s.beginMs - last.endMs < o.joinMs && s.endMs - last.beginMs <= o.maxMs) {
      last.endMs = s.endMs;
      continue;
    }
    // A single voiced span longer than the limit is cut into equal pieces.
    const pieces = Math.max(1, Math.ceil((s.endMs - s.beginMs) / o.maxMs));
    const step = (s.endMs - s.beginMs) / pieces;
    for (let i = 0; i < pieces; i++)
      out.push({ beginMs: s.beginMs + i * step, endMs: s.beginMs + (i + 1) * step });
  }
  return out.map((s, i) => ({
    beginMs: Math.max(0, Math.round(s.beginMs - o.padMs), i > 0 ? Math.round(out[i - 1]!.endMs) : 0),
    endMs: Math.min(durationMs, Math.round(s.endMs + o.padMs)),
  }));
};
