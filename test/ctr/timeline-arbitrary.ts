import fc from 'fast-check';
import type { Phrase, SimpleCall } from './call-builder.js';

export interface GeneratedCall {
  ctr: SimpleCall;
  /** Recording start minus conversation start (the recorder's clock skew). */
  skewMs: number;
  withRecording: boolean;
  endMs: number;
  agentTurns: Phrase[][];
  customerTurns: Phrase[][];
}

const phrase = fc.record({
  pauseMs: fc.integer({ min: 0, max: 2_500 }),
  words: fc.integer({ min: 1, max: 12 }),
  wordMs: fc.integer({ min: 80, max: 600 }),
  gapMs: fc.integer({ min: 0, max: 400 }),
});

/** A channel's speech: turns of 1–3 phrases, back to back with pauses, up to `endMs`. */
const speech = (endMs: number, seed: fc.Arbitrary<number>) =>
  fc
    .tuple(
      fc.array(
        fc.tuple(fc.integer({ min: 0, max: 6_000 }), fc.array(phrase, { minLength: 1, maxLength: 3 })),
        { maxLength: 60 },
      ),
      seed,
    )
    .map(([turns, start]) => {
      const out: Phrase[][] = [];
      let at = start;
      for (const [turnGap, phrases] of turns) {
        at += turnGap;
        const turn: Phrase[] = [];
        for (const [i, p] of phrases.entries()) {
          if (i > 0) at += p.pauseMs;
          turn.push({
            atMs: at,
            text: Array.from({ length: p.words }, (_, w) => `w${w}`).join(' '),
            wordMs: p.wordMs,
            gapMs: p.gapMs,
          });
          at += p.words * p.wordMs + (p.words - 1) * p.gapMs;
        }
        if (at > endMs) break;
        out.push(turn);
        at += 1;
      }
      return out;
    });

const agentStint = fc.record({
  talkMs: fc.integer({ min: 15_000, max: 200_000 }),
  hold: fc.option(
    fc.record({
      atFraction: fc.double({ min: 0.1, max: 0.8, noNaN: true }),
      ms: fc.integer({ min: 2_000, max: 60_000 }),
    }),
  ),
  /** How the call reaches the next agent: through the queue again, or a consult with overlap. */
  handoff: fc.oneof(
    fc.record({ kind: fc.constant('blind' as const), queueMs: fc.integer({ min: 0, max: 30_000 }) }),
    fc.record({
      kind: fc.constant('consult' as const),
      overlapMs: fc.integer({ min: 500, max: 15_000 }),
      consultDuringHold: fc.boolean(),
    }),
  ),
  acwMs: fc.integer({ min: 0, max: 60_000 }),
});

/** IVR, queue, 1–3 agents with holds, blind and consult transfers, recorder skew ±400 ms. */
export const generatedCall: fc.Arbitrary<GeneratedCall> = fc
  .record({
    ivrMs: fc.integer({ min: 0, max: 60_000 }),
    queueMs: fc.integer({ min: 0, max: 120_000 }),
    stints: fc.array(agentStint, { minLength: 1, maxLength: 3 }),
    skewMs: fc.integer({ min: -400, max: 400 }),
    withRecording: fc.boolean(),
  })
  .chain(({ ivrMs, queueMs, stints, skewMs, withRecording }) => {
    const agents: SimpleCall['agents'] = [];
    const ivr: [number, number] | undefined = ivrMs > 0 ? [0, ivrMs] : undefined;
    const queue: [number, number] | undefined = queueMs > 0 ? [ivrMs, ivrMs + queueMs] : undefined;
    let at = ivrMs + queueMs;
    at += 10;
    let lastEnd = at;
    stints.forEach((s, i) => {
      const begin = at;
      // Each agent stays after the previous one left: otherwise it was a conference, not a transfer.
      const end = Math.max(begin + s.talkMs, lastEnd + 5_000);
      const interact: [number, number][] = [];
      const hold: [number, number][] = [];
      if (s.hold) {
        const h0 = begin + Math.round((end - begin) * s.hold.atFraction);
        const h1 = Math.min(h0 + s.hold.ms, end - 1_000);
        if (h1 > h0) {
          interact.push([begin, h0], [h1, end]);
          hold.push([h0, h1]);
        } else interact.push([begin, end]);
      } else interact.push([begin, end]);
      agents.push({ userId: `u-${i}`, name: `Agent ${i}`, interact, hold, wrapup: [end, end + s.acwMs + 1] });
      lastEnd = Math.max(lastEnd, end);
      const h = s.handoff;
      if (h.kind === 'blind') at = end + h.queueMs;
      else {
        at = end - h.overlapMs;
        // The consulted agent answers while the caller is still held by the previous agent.
        const lastHold = hold[hold.length - 1];
        if (h.consultDuringHold && lastHold && i + 1 < stints.length) at = Math.min(at, lastHold[1] - 500);
        at = Math.max(at, begin + 1);
      }
    });
    const endMs = lastEnd;
    return fc.record({
      ctr: fc.constant({
        startMs: Date.UTC(2026, 2, 2, 14, 0, 0),
        ...(ivr ? { ivr } : {}),
        ...(queue ? { queue } : {}),
        agents,
      }),
      skewMs: fc.constant(skewMs),
      withRecording: fc.constant(withRecording),
      endMs: fc.constant(endMs),
      agentTurns: speech(endMs, fc.integer({ min: 0, max: 3_000 })),
      customerTurns: speech(endMs, fc.integer({ min: 0, max: 3_000 })),
    });
  });
