import { type Span, spanTotal, union } from './voice-activity.js';

/**
 * The conversation characteristics Transcribe Call Analytics reports, measured from voice
 * activity (not from recognised words, which a local recogniser gets wrong far more often than
 * it misses that someone is speaking).
 */
export type Role = 'AGENT' | 'CUSTOMER';

/** Silences at least this long count as non-talk time (both parties quiet, music included). */
export const NON_TALK_MIN_MS = 3000;
/** An interruption: the other party starts while one is speaking, and both go on this long. */
export const INTERRUPTION_MIN_OVERLAP_MS = 300;
/** ... after the interrupted party had been speaking at least this long (mid-sentence). */
export const INTERRUPTED_AFTER_MS = 500;

export interface Interruption {
  interrupter: Role;
  beginMs: number;
  endMs: number;
}

export interface ConversationMetrics {
  talkMs: Record<Role, number>;
  nonTalk: Span[];
  interruptions: Interruption[];
}

export const nonTalkInstances = (
  speech: readonly (readonly Span[])[],
  durationMs: number,
  minMs = NON_TALK_MIN_MS,
): Span[] => {
  const talk = union(...speech);
  const gaps: Span[] = [];
  let cursor = 0;
  for (const s of talk) {
    if (s.beginMs - cursor >= minMs) gaps.push({ beginMs: cursor, endMs: s.beginMs });
    cursor = Math.max(cursor, s.endMs);
  }
  if (durationMs - cursor >= minMs) gaps.push({ beginMs: cursor, endMs: durationMs });
  return gaps;
};

/** Each speech span of one role that starts inside a span of the other and overlaps it long enough. */
export const interruptions = (speech: Record<Role, readonly Span[]>): Interruption[] => {
  const out: Interruption[] = [];
  for (const interrupter of ['AGENT', 'CUSTOMER'] as const) {
    const other = speech[interrupter === 'AGENT' ? 'CUSTOMER' : 'AGENT'];
    for (const s of speech[interrupter]) {
      const talking = other.find(
        (o) =>
          o.beginMs <= s.beginMs - INTERRUPTED_AFTER_MS && o.endMs >= s.beginMs + INTERRUPTION_MIN_OVERLAP_MS,
      );
      if (!talking) continue;
      const endMs = Math.min(talking.endMs, s.endMs);
      if (endMs - s.beginMs >= INTERRUPTION_MIN_OVERLAP_MS)
        out.push({ interrupter, beginMs: s.beginMs, endMs });
    }
  }
  return out.sort((a, b) => a.beginMs - b.beginMs);
};

export const conversationMetrics = (
  speech: Record<Role, readonly Span[]>,
  durationMs: number,
): ConversationMetrics => ({
  talkMs: { AGENT: spanTotal(speech.AGENT), CUSTOMER: spanTotal(speech.CUSTOMER) },
  nonTalk: nonTalkInstances([speech.AGENT, speech.CUSTOMER], durationMs),
  interruptions: interruptions(speech),
});

/**
 * Transcribe's LoudnessScores: about one value per second of a turn, 0–100. Ours: the mean
 * frame level (dBFS) of each second, shifted by 100 dB and clamped (normal speech lands at
 * 70–85, as in Transcribe's documented examples).
 */
export const loudnessScores = (
  levels: Float32Array,
  hopMs: number,
  beginMs: number,
  endMs: number,
): number[] => {
  const scores: number[] = [];
  for (let t = beginMs; t < endMs; t += 1000) {
    const from = Math.floor(t / hopMs);
    const to = Math.min(levels.length, Math.ceil(Math.min(endMs, t + 1000) / hopMs));
    if (to <= from) break;
    let power = 0;
    for (let f = from; f < to; f++) power += 10 ** (levels[f]! / 10);
    const db = 10 * Math.log10(power / (to - from));
    scores.push(Math.round(Math.max(0, Math.min(100, db + 100)) * 100) / 100);
  }
  return scores;
};
