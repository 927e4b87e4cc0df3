/** A half-open time interval [beginMs, endMs) in milliseconds (epoch or recording offset). */
export interface Span {
  beginMs: number;
  endMs: number;
}

/** Sorted, non-overlapping union of the spans (touching spans are joined). */
export const unionSpans = (spans: readonly Span[]): Span[] => {
  const sorted = spans.filter((s) => s.endMs > s.beginMs).sort((a, b) => a.beginMs - b.beginMs);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.beginMs <= last.endMs) last.endMs = Math.max(last.endMs, s.endMs);
    else out.push({ beginMs: s.beginMs, endMs: s.endMs });
  }
  return out;
};

export const totalMs = (spans: readonly Span[]): number =>
  unionSpans(spans).reduce((sum, s) => sum + (s.endMs - s.beginMs), 0);

export const overlapMs = (a: Span, b: Span): number =>
  Math.max(0, Math.min(a.endMs, b.endMs) - Math.max(a.beginMs, b.beginMs));

/** `spans` minus `cut`, as a sorted union. */
export const subtractSpans = (spans: readonly Span[], cut: readonly Span[]): Span[] => {
  const holes = unionSpans(cut);
  const out: Span[] = [];
  for (const s of unionSpans(spans)) {
    let begin = s.beginMs;
    for (const h of holes) {
      if (h.endMs <= begin || h.beginMs >= s.endMs) continue;
      if (h.beginMs > begin) out.push({ beginMs: begin, endMs: h.beginMs });
      begin = Math.max(begin, h.endMs);
    }
    if (begin < s.endMs) out.push({ beginMs: begin, endMs: s.endMs });
  }
  return out;
};

export const shiftSpan = (s: Span, byMs: number): Span => ({
  beginMs: s.beginMs + byMs,
  endMs: s.endMs + byMs,
});
