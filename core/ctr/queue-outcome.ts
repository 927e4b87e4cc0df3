/**
 * What happened to a call in its entry queue (the first queue it was offered to), as Genesys
 * measures a queue: offered (nOffered), then answered (tAnswered: entering the queue to the agent
 * connecting, the agent's ringing included), abandoned (tAbandon: entering the queue to the caller
 * hanging up) or neither (a flow-out: a callback, voicemail, a flow that moved the call on).
 *
 * `journey.queueMs` sums every queue the call visited: a call answered in Payments, then
 * transferred to Customer Service, waited in both, so its queue time is no speed of answer. These
 * measures are the entry queue's alone: average speed of answer (ASA) is the mean of
 * `answerWaitMs` over answered calls, an entry queue's wait is `entryWaitMs`.
 */
import type { Span } from './span.js';
import type { CtrTimeline } from './timeline.js';

/**
 * An abandon this soon after entering the queue is a short abandon (a misdial, a wrong IVR option:
 * no agent could have answered it). 5 s, a common default (contact-center platforms let it be set).
 */
export const SHORT_ABANDON_MS = 5_000;
/** The agent connects as the acd wait ends; records put the two instants this close. */
const ANSWER_JOIN_MS = 1_000;

export interface QueueOutcome {
  /** The call waited in a queue (an `acd` interact segment): offered to its entry queue. */
  offered: boolean;
  /** The entry queue's wait: until an agent answered, the caller hung up or the call left it. */
  entryWaitMs: number | null;
  /** Entering the entry queue to the first agent connecting; null unless answered from it. */
  answerWaitMs: number | null;
  /** Entering the entry queue to the caller hanging up (the last queue wait's end); null unless abandoned. */
  abandonWaitMs: number | null;
  /** Where the caller hung up: waiting in the queue, or while an agent's phone rang (`alert`). */
  abandonedWhile: 'queue' | 'ringing' | null;
}

const NOT_OFFERED: QueueOutcome = {
  offered: false,
  entryWaitMs: null,
  answerWaitMs: null,
  abandonWaitMs: null,
  abandonedWhile: null,
};

const lengthOf = (s: Span): number => s.endMs - s.beginMs;

/** `abandoned`: the caller hung up in a queue before any agent answered (ctr-only.ts abandonedInQueue). */
export const queueOutcome = (t: CtrTimeline, abandoned: boolean): QueueOutcome => {
  const entry = t.entryWait;
  if (!entry) return NOT_OFFERED;
  let answeredAt = Number.POSITIVE_INFINITY;
  for (const a of t.agents) for (const s of a.interact) answeredAt = Math.min(answeredAt, s.beginMs);
  // An agent talked before the call first waited in a queue (an outbound call placed from a
  // queue, then transferred through another): it entered no queue as a caller waiting for an
  // answer, and its entry queue (the first it names) is not that queue: offered to none.
  if (answeredAt < entry.beginMs) return NOT_OFFERED;
  // Answered from the entry queue: the first agent connected as its wait ended (an agent reached
  // later, after the call left the queue for a flow or another queue, answered it elsewhere).
  if (answeredAt >= entry.beginMs && answeredAt <= entry.endMs + ANSWER_JOIN_MS) {
    const wait = answeredAt - entry.beginMs;
    return { ...NOT_OFFERED, offered: true, entryWaitMs: wait, answerWaitMs: wait };
  }
  if (!abandoned) return { ...NOT_OFFERED, offered: true, entryWaitMs: lengthOf(entry) };
  let hungUpAt = entry.endMs;
  for (const s of t.queue) hungUpAt = Math.max(hungUpAt, s.endMs);
  const ringing = t.alerts.some((a) => a.beginMs < hungUpAt && a.endMs >= hungUpAt - ANSWER_JOIN_MS);
  return {
    offered: true,
    entryWaitMs: lengthOf(entry),
    answerWaitMs: null,
    abandonWaitMs: hungUpAt - entry.beginMs,
    abandonedWhile: ringing ? 'ringing' : 'queue',
  };
};
