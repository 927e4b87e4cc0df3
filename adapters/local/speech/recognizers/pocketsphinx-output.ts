import type { RecognizedWord } from '../../../../core/ports/speech-recognizer.js';

/** A word of `pocketsphinx_batch -ctm` output, times relative to the utterance start (s). */
export interface CtmWord {
  uttId: string;
  start: number;
  duration: number;
  word: string;
  /** Lattice posterior, 0..1. */
  posterior: number;
}

/**
 * Fillers and noise: `<s>`, `</s>`, `<sil>`, `[NOISE]`, `[SPEECH]`, `++UH++`. pocketsphinx's CTM
 * writer already skips the noise dictionary's words; a custom dictionary may define more.
 */
export const isFiller = (word: string): boolean => /^(<.*>|\[.*\]|\+\+.*\+\+)$/.test(word);

/** Parses `uttid channel start duration word posterior` lines (batch.c `write_ctm`). */
export const parseCtm = (text: string): CtmWord[] => {
  const words: CtmWord[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 6) continue;
    const [uttId, , start, duration, word, posterior] = f as [string, string, string, string, string, string];
    const s = Number(start);
    const d = Number(duration);
    const p = Number(posterior);
    if (!Number.isFinite(s) || !Number.isFinite(d)) continue;
    words.push({
      uttId,
      start: s,
      duration: d,
      word: word.replace(/\(\d+\)$/, ''),
      posterior: Number.isFinite(p) ? p : 0,
    });
  }
  return words;
};

/** CTM words → absolute, filler-free words per segment (index = position in `uttIds`). */
export const wordsBySegment = (
  ctm: readonly CtmWord[],
  uttIds: readonly string[],
  beginMs: readonly number[],
): RecognizedWord[][] => {
  const index = new Map(uttIds.map((id, i) => [id, i]));
  const out: RecognizedWord[][] = uttIds.map(() => []);
  for (const w of ctm) {
    const i = index.get(w.uttId);
    if (i === undefined || isFiller(w.word)) continue;
    const begin = beginMs[i]! + Math.round(w.start * 1000);
    out[i]!.push({
      text: w.word,
      beginMs: begin,
      endMs: begin + Math.max(10, Math.round(w.duration * 1000)),
      confidence: Math.min(1, Math.max(0, w.posterior)),
    });
  }
  for (const words of out) words.sort((a, b) => a.beginMs - b.beginMs);
  return out;
};

/**
 * Splits work over `processes` decoders: longest first onto the least-loaded process, so both
 * cores finish together. Returns segment indices per process (empty processes left out).
 */
export const balance = (lengths: readonly number[], processes: number): number[][] => {
  const bins = Array.from({ length: Math.max(1, processes) }, () => ({ load: 0, items: [] as number[] }));
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[b]! - lengths[a]! || a - b);
  for (const i of order) {
    const bin = bins.reduce((min, b) => (b.load < min.load ? b : min));
    bin.load += lengths[i]!;
    bin.items.push(i);
  }
  return bins.map((b) => b.items.sort((x, y) => x - y)).filter((items) => items.length > 0);
};
