import type { Role } from '../../core/speech/conversation-metrics.js';
import { type Span, union } from '../../core/speech/voice-activity.js';

/**
 * Scoring of the speech engine's timing metrics against a generated call's ground truth
 * (scripts/eval-speech.ts): talk time, non-talk instances and interruptions.
 */

/** A scripted utterance, as generator/truth.ts has it (only what scoring reads). */
export interface ScriptedSpeech {
  channel: Role;
  beginMs: number;
  endMs: number;
}

/** An interruption: who started talking over the other, and when (ms from the recording start). */
export interface TimedEvent {
  interrupter: Role;
  beginMs: number;
}

/** How many truth and found instances there were, and how many of them were paired. */
export interface DetectionCounts {
  truth: number;
  found: number;
  matched: number;
}

export const NO_DETECTIONS: DetectionCounts = { truth: 0, found: 0, matched: 0 };

export const addDetections = (a: DetectionCounts, b: DetectionCounts): DetectionCounts => ({
  truth: a.truth + b.truth,
  found: a.found + b.found,
  matched: a.matched + b.matched,
});

/** Precision = matched / found, recall = matched / truth; null when there is nothing to divide by. */
export const precisionRecall = (c: DetectionCounts): { precision: number | null; recall: number | null } => ({
  precision: c.found === 0 ? null : c.matched / c.found,
  recall: c.truth === 0 ? null : c.matched / c.truth,
});

/** Every scripted speech span of one channel, merged where utterances touch or overlap. */
export const scriptedTalk = (speech: readonly ScriptedSpeech[], role: Role): Span[] =>
  union(speech.filter((s) => s.channel === role).map((s) => ({ beginMs: s.beginMs, endMs: s.endMs })));

/** Talk-time error: engine minus truth, in ms and as a share of the truth (null when truth is 0). */
export const talkTimeError = (
  engineMs: number,
  truthMs: number,
): { errorMs: number; errorShare: number | null } => ({
  errorMs: engineMs - truthMs,
  errorShare: truthMs === 0 ? null : (engineMs - truthMs) / truthMs,
});

/**
 * Scripted interruptions: an utterance that starts while the other channel's utterance is
 * still going (strictly inside it), the rule the generator's own Transcribe output uses. The
 * generator scripts them as a customer starting 300–1500 ms before the end of an agent turn
 * longer than 2 s, which the engine's stricter rule (≥ 500 ms into the other's speech, ≥ 300 ms
 * of overlap) also accepts.
 */
export const scriptedInterruptions = (speech: readonly ScriptedSpeech[]): TimedEvent[] =>
  speech
    .filter((s) =>
      speech.some((o) => o.channel !== s.channel && o.beginMs < s.beginMs && s.beginMs < o.endMs),
    )
    .map((s) => ({ interrupter: s.channel, beginMs: s.beginMs }))
    .sort((a, b) => a.beginMs - b.beginMs);

const overlapMs = (a: Span, b: Span): number =>
  Math.max(0, Math.min(a.endMs, b.endMs) - Math.max(a.beginMs, b.beginMs));

/**
 * Non-talk instances matched by overlap. Matching rule: a truth span and a found span may pair
 * when their intersection over union is at least `minIoU` (default 0.5: e.g. a 4 s silence
 * found as 3 s inside it pairs, one found silence spanning two truth silences of similar
 * length does not); pairs are formed one-to-one, the highest IoU first, so each instance counts
 * at most once.
 */
export const matchSpans = (truth: readonly Span[], found: readonly Span[], minIoU = 0.5): DetectionCounts => {
  const candidates: { t: number; f: number; iou: number }[] = [];
  truth.forEach((t, ti) => {
    found.forEach((f, fi) => {
      const inter = overlapMs(t, f);
      if (inter === 0) return;
      const iou = inter / (t.endMs - t.beginMs + (f.endMs - f.beginMs) - inter);
      if (iou >= minIoU) candidates.push({ t: ti, f: fi, iou });
    });
  });
  return pairGreedily(candidates, (a, b) => b.iou - a.iou, truth.length, found.length);
};

/**
 * Interruptions matched by time. Matching rule: a truth and a found interruption may pair when
 * the same party interrupts and their start times differ by at most `toleranceMs` (default
 * 1000 ms: voice activity edges move by a few hundred ms, and a pause shorter than the
 * detector's bridge joins an interrupter's speech to what it said just before); pairs are formed
 * one-to-one, the closest in time first.
 */
export const matchEvents = (
  truth: readonly TimedEvent[],
  found: readonly TimedEvent[],
  toleranceMs = 1000,
): DetectionCounts => {
  const candidates: { t: number; f: number; gap: number }[] = [];
  truth.forEach((t, ti) => {
    found.forEach((f, fi) => {
      const gap = Math.abs(t.beginMs - f.beginMs);
      if (t.interrupter === f.interrupter && gap <= toleranceMs) candidates.push({ t: ti, f: fi, gap });
    });
  });
  return pairGreedily(candidates, (a, b) => a.gap - b.gap, truth.length, found.length);
};

const pairGreedily = <C extends { t: number; f: number }>(
  candidates: C[],
  best: (a: C, b: C) => number,
  truth: number,
  found: number,
): DetectionCounts => {
  const usedT = new Set<number>();
  const usedF = new Set<number>();
  for (const c of candidates.toSorted(best)) {
    if (usedT.has(c.t) || usedF.has(c.f)) continue;
    usedT.add(c.t);
    usedF.add(c.f);
  }
  return { truth, found, matched: usedT.size };
};
