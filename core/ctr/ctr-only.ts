/**
 * CTR-only calls: conversations a contact center never records. A caller who hangs up in the IVR
 * or while waiting in a queue never reaches an agent, and most recording policies (and Genesys'
 * own) record nothing then; a queue may also be configured not to record. Such a conversation has
 * only its Genesys record, and it is exactly what abandon rate, IVR containment and queue wait
 * by queue are measured on, so it lands as a call of its own (no transcript, no turns, no topics,
 * summary or toxicity: `not_applicable`) instead of being quarantined as a CTR waiting for its
 * recording.
 *
 * Which records say no recording is coming (ctrOnlyReason), read from the record alone:
 *  - no agent ever connected: no `agent`/`user` participant (other than a user who dialled in,
 *    the caller) has an `interact` segment (an agent only alerted, who never answered, did not
 *    talk); the conversation ended in the IVR or the queue, or was put through to an outside
 *    number by the flow;
 *  - or agents talked, but the record says no recording was started: every voice session of
 *    every agent who connected carries `recording: false` (Genesys' AnalyticsSession.recording,
 *    "flag determining if an audio recording was started or not"), and no session of the
 *    conversation says `recording: true`.
 * A record where an agent talked and `recording` is true or absent keeps today's behaviour: its
 * recording is on its way, so it waits (AWS, `debrief watch`) or is quarantined saying what to
 * drop (`debrief run`). A record that cannot be read, or that holds no voice conversation, too.
 *
 * Abandoned (abandonedInQueue): the caller hung up while waiting in a queue, before any agent
 * answered, as contact centers count abandons (a caller who hangs up in the IVR is not one):
 *  - no agent `interact` segment (as above), and
 *  - the call waited in a queue: an `acd` participant has a voice `interact` segment, and
 *  - the queue wait ended with the caller gone: an `acd` session carries Genesys' `tAbandon`
 *    metric, or the last `acd` interact segment ends with `disconnectType` `peer` (the other
 *    party, the caller, hung up), `client` or `endpoint`, or, with no `disconnectType` there, the
 *    caller's own last segment ends with `client` or `endpoint`. A queue wait that ends in a
 *    transfer (`transfer`, `consultTransfer`, `forwardTransfer`, …: to voicemail, another flow,
 *    an outside number) or that the system ended (`system`, `error`, `timeout`, …) is no abandon.
 */
import type { GenesysConversation, GenesysParticipant } from '../../schemas/genesys-conversation.js';
import { parseInstant } from './time.js';
import { type CtrTimeline, callerLeg } from './timeline.js';

const isVoice = (mediaType: string | undefined): boolean =>
  mediaType === undefined || mediaType.toLowerCase() === 'voice';
const voiceSessions = (p: GenesysParticipant) => p.sessions.filter((s) => isVoice(s.mediaType));
const purposeOf = (p: GenesysParticipant) => p.purpose.toLowerCase();
/** The session's `recording` flag when the record states it (a boolean), else undefined. */
const recordingFlag = (session: object): boolean | undefined => {
  const value = (session as { recording?: unknown }).recording;
  return typeof value === 'boolean' ? value : undefined;
};

/** The caller is gone: on an acd segment `peer` is the caller; on the caller's own, `client`/`endpoint`. */
const CALLER_HUNG_UP_ON_QUEUE = new Set(['peer', 'client', 'endpoint']);
const CALLER_HUNG_UP_OWN = new Set(['client', 'endpoint']);

const lastByStart = <T extends { segmentStart: string }>(segments: readonly T[]): T | undefined =>
  [...segments]
    .sort(
      (a, b) =>
        (parseInstant(a.segmentStart) ?? Number.NEGATIVE_INFINITY) -
        (parseInstant(b.segmentStart) ?? Number.NEGATIVE_INFINITY),
    )
    .at(-1);

/** Whether the caller hung up waiting in a queue, before any agent answered (see above). */
export const abandonedInQueue = (ctr: GenesysConversation, timeline: CtrTimeline): boolean => {
  if (timeline.agents.length > 0) return false;
  const acdSessions = ctr.participants.filter((p) => purposeOf(p) === 'acd').flatMap(voiceSessions);
  const waits = acdSessions.flatMap((s) =>
    s.segments.filter((g) => g.segmentType.toLowerCase() === 'interact'),
  );
  if (waits.length === 0) return false;
  if (acdSessions.some((s) => s.metrics.some((m) => m.name === 'tAbandon'))) return true;
  const last = lastByStart(waits);
  const disconnect = last?.disconnectType?.toLowerCase();
  if (disconnect !== undefined) return CALLER_HUNG_UP_ON_QUEUE.has(disconnect);
  const caller = callerLeg(ctr);
  const own = caller
    ? lastByStart(voiceSessions(ctr.participants[caller.index]!).flatMap((s) => s.segments))
    : undefined;
  return CALLER_HUNG_UP_OWN.has(own?.disconnectType?.toLowerCase() ?? '');
};

/**
 * Why this record says the call was never recorded (readable, for the call's note), or null when
 * a recording may be coming (an agent talked and no session says `recording: false`) or the record
 * holds no voice conversation to land.
 */
export const ctrOnlyReason = (ctr: GenesysConversation, timeline: CtrTimeline): string | null => {
  if (timeline.timedVoiceSegments === 0 || timeline.timedHandlingSegments === 0) return null;
  if (timeline.agents.length === 0) {
    if (abandonedInQueue(ctr, timeline))
      return 'the caller hung up waiting in the queue before any agent answered';
    if (timeline.queue.length > 0) return 'the call left the queue before any agent answered';
    if (timeline.ivr.length > 0) return 'the call ended in the IVR, before any queue or agent';
    // No IVR, queue or agent talk: an outbound dial nobody answered (an agent's dialing and
    // contacting segments only), or a record too thin to say. Not a call that ended in the IVR
    // (the review: an unanswered outbound attempt landed with that note and counted as a call);
    // its record waits for a recording, as before CTR-only calls.
    return null;
  }
  const sessions = ctr.participants.flatMap(voiceSessions);
  if (sessions.some((s) => recordingFlag(s) === true)) return null;
  const agentIds = new Set(timeline.agents.map((a) => a.agentId));
  const agentSessions = ctr.participants
    .filter((p) => agentIds.has(p.userId ?? p.participantId ?? ''))
    .flatMap(voiceSessions);
  if (agentSessions.length > 0 && agentSessions.every((s) => recordingFlag(s) === false))
    return 'no recording was started (every agent session says recording: false)';
  return null;
};
