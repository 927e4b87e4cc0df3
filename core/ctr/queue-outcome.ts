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
  /**
   * Entering the entry queue to the caller hanging up in it (tAbandon); null unless the caller hung
   * up in the entry queue: a caller who hung up in a queue the flow moved the call on to abandoned
   * that queue, not the entry queue (which counts it offered, neither answered nor abandoned).
   */
  abandonWaitMs: number | null;
  /** Where the caller hung up in the entry queue: waiting, or while an agent's phone rang (`alert`); null unless abandoned there. */
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

/**
 * `abandoned`: the caller hung up in a queue before any agent answered (ctr-only.ts
 * abandonedInQueue), in whichever queue: the entry queue's abandon only when that queue is the
 * entry queue (the last wait is the entry wait, or in the same queue).
 */
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
  const leftUnanswered = { ...NOT_OFFERED, offered: true, entryWaitMs: lengthOf(entry) };
  if (!abandoned) return leftUnanswered;
  // The caller hung up in the queue whose wait ended last. An abandon is that queue's (Genesys
  // tAbandon is per queue): when the flow moved the call from the entry queue to another and the
  // caller hung up there, the entry queue's leg is a flow-out ("Abandons do not include flow-outs
  // … in-queue flows that transfer to another queue"): offered, neither answered nor abandoned.
  let last = t.waits[0]!;
  for (const w of t.waits) if (w.span.endMs >= last.span.endMs) last = w;
  const entryQueueId = t.waits[0]!.queueId;
  const inEntryQueue = last === t.waits[0] || (entryQueueId !== null && last.queueId === entryQueueId);
  if (!inEntryQueue) return leftUnanswered;
  const hungUpAt = last.span.endMs;
  const ringing = t.alerts.some((a) => a.beginMs < hungUpAt && a.endMs >= hungUpAt - ANSWER_JOIN_MS);
  return {
    offered: true,
    entryWaitMs: lengthOf(entry),
    answerWaitMs: null,
    abandonWaitMs: hungUpAt - entry.beginMs,
    abandonedWhile: ringing ? 'ringing' : 'queue',
  };
};
