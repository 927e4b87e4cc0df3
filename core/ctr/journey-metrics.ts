import type { CallAgent } from '../../schemas/call-document.js';
import { type Span, subtractSpans, totalMs, unionSpans } from './span.js';
import type { AgentTimeline, CtrTimeline } from './timeline.js';

/** Segments of one agent closer than this belong to one continuous stint on the call. */
const STINT_JOIN_MS = 1_000;

export interface JourneyMetrics {
  ivrMs: number;
  queueMs: number;
  holdMs: number;
  acwMs: number;
  /** Null when no agent handled the call (abandoned in queue, ended in the IVR): no tHandle. */
  handleMs: number | null;
  transfers: number;
  agents: CallAgent[];
}

interface Stint extends Span {
  agentId: string;
}

/** Continuous presence of each agent on the customer's call (connected or holding it). */
export const agentStints = (agents: readonly AgentTimeline[]): Stint[] =>
  agents
    .flatMap((a) => {
      const stints: Stint[] = [];
      for (const s of unionSpans([...a.interact, ...a.hold])) {
        const last = stints[stints.length - 1];
        if (last && s.beginMs - last.endMs <= STINT_JOIN_MS) last.endMs = s.endMs;
        else stints.push({ agentId: a.agentId, ...s });
      }
      return stints;
    })
    .sort((a, b) => a.beginMs - b.beginMs || a.endMs - b.endMs || a.agentId.localeCompare(b.agentId));

/**
 * Handoffs from an agent: an agent's stint counts when another agent, or an external party (a
 * number the call was put through to), joined no earlier than it and stays on after it ends
 * by more than a second (blind, consult and via-queue transfers alike; a conference the caller
 * hangs up on drops its legs within a second). A consulted agent or external party who joins
 * and leaves while the agent keeps the call is not a transfer; IVR-to-queue routing is not one
 * either (no agent is involved); an external party's own leaving is none (not ours).
 */
export const countTransfers = (stints: readonly Stint[], externals: readonly Span[][] = []): number => {
  const others = [
    ...stints,
    ...externals.flatMap((spans, i) =>
      unionSpans(spans).map((span) => ({ agentId: `external ${i}`, ...span })),
    ),
  ];
  // Staying on means longer than the time legs take to drop when the caller hangs up on a
  // conference (an external leg's end came 0.4 s after the agent's): no handoff.
  return stints.filter((s) =>
    others.some(
      (t) => t.agentId !== s.agentId && t.beginMs >= s.beginMs && t.endMs > s.endMs + STINT_JOIN_MS,
    ),
  ).length;
};

/**
 * An agent's `dialing` and `contacting` time outside their own talk, hold and wrap-up: a consult
 * leg dials the consulted agent while the caller is held (already hold time), and Genesys' tHandle
 * counts that time once (the trial's consult: John 80 s = 40 talk + 30 held + 10 ACW, the 5 s of
 * dialing inside the hold not added). An outbound call's dialing and ringing come before any talk:
 * all of it counts.
 */
const dialingMs = (a: AgentTimeline): number =>
  totalMs(subtractSpans(a.dialing, [...a.interact, ...a.hold, ...a.wrapup]));

/**
 * Genesys semantics: talk = connected (`interact`) time minus hold, hold = `hold` segments,
 * acw = `wrapup` segments, handle = talk + hold + acw + the `dialing` and `contacting` time of an
 * outbound call, outside the agent's talk, hold and wrap-up (the record's own tHandle: Genesys'
 * glossary, "handle time"); null when no agent handled the call (abandoned in queue, ended in
 * the IVR: no tHandle). These are record times, not speech: how long each agent spoke is on the turns (metrics.agentTalkMs).
 */
export const journeyMetrics = (t: CtrTimeline): JourneyMetrics => {
  const agents: CallAgent[] = t.agents.map((a, i) => ({
    agentId: a.agentId,
    name: a.name,
    talkMs: totalMs(subtractSpans(a.interact, a.hold)),
    holdMs: totalMs(a.hold),
    acwMs: totalMs(a.wrapup),
    order: i + 1,
  }));
  return {
    ivrMs: totalMs(t.ivr),
    queueMs: totalMs(t.queue),
    // The customer's time on hold: two agents holding at once is one hold.
    holdMs: totalMs(t.agents.flatMap((a) => a.hold)),
    acwMs: agents.reduce((sum, a) => sum + a.acwMs, 0),
    handleMs:
      agents.length === 0
        ? null
        : agents.reduce((sum, a) => sum + a.talkMs + a.holdMs + a.acwMs, 0) +
          t.agents.reduce((sum, a) => sum + dialingMs(a), 0),
    transfers: countTransfers(agentStints(t.agents), t.externals),
    agents,
  };
};
