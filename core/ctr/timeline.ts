import type {
  GenesysConversation,
  GenesysParticipant,
  GenesysSegment,
} from '../../schemas/genesys-conversation.js';
import { InvalidInputError } from '../errors.js';
import type { Span } from './span.js';
import { parseInstant } from './time.js';

/** One agent (one Genesys `userId`, however many participants and display names it has). */
export interface AgentTimeline {
  agentId: string;
  /** Display name from the most recent participant that carried one. */
  name: string | null;
  interact: Span[];
  hold: Span[];
  wrapup: Span[];
  /** An outbound call's `dialing` and `contacting` (ringing) segments: handle time, not talk. */
  dialing: Span[];
}

/**
 * What the merge needs from a conversation detail record, in epoch milliseconds. Agents are
 * listed in the order they first connected (first `interact` segment); an agent that was only
 * alerted never handled the call and is left out.
 */
export interface CtrTimeline {
  conversationId: string;
  startMs: number;
  endMs: number;
  direction: string | null;
  /** IVR / bot flow time: `ivr` segments, and `interact` segments of ivr/bot participants. */
  ivr: Span[];
  /** Queue wait: `interact` segments of `acd` participants (every queue the call visited). */
  queue: Span[];
  /**
   * The wait in the entry queue: the earliest `interact` segment of an `acd` participant (the
   * first queue the call was offered to); null when the call never waited in a queue.
   */
  entryWait: Span | null;
  /**
   * Every queue wait (`interact` segments of `acd` participants) with the queue it was in
   * (`queueId`, null when the record leaves it out), in start order: where the caller was
   * waiting when a call left the queues (an abandon is the queue's the caller hung up in).
   */
  waits: { span: Span; queueId: string | null }[];
  /** Agents' `alert` segments (an agent's phone ringing with the call), answered or not. */
  alerts: Span[];
  agents: AgentTimeline[];
  /**
   * Connected (`interact`) time of each external party that is not the caller: a number an agent
   * transferred or conferenced the call to (a warranty line, another company). Not agents: their
   * time is no agent's talk or handle time; a transfer to one is a transfer all the same.
   */
  externals: Span[][];
  /** Distinct, in order of first appearance. */
  queueIds: string[];
  /** Distinct, in order of the wrap-up segments. */
  wrapupCodes: string[];
  /** The caller's number as written in the record (ANI inbound, DNIS outbound, the user's address). */
  customerNumber: string | null;
  /** Who is on the caller's leg (see callerLeg). */
  callerType: 'customer' | 'external' | 'user' | null;
  /** Voice segments that last longer than an instant: none means no voice conversation to measure. */
  timedVoiceSegments: number;
  /** Those of participants other than the caller (IVR, queue, agents): none means only the caller's leg. */
  timedHandlingSegments: number;
  /** Media types of the record's sessions other than voice (callback, chat, email, ...), distinct. */
  otherMedia: string[];
}

const IVR_PURPOSES = new Set(['ivr', 'botflow', 'workflow']);
const AGENT_PURPOSES = new Set(['agent', 'user']);
/** Participants that take a call placed by someone else (a user who dialled them in reached one). */
const ROUTED_TO = new Set(['ivr', 'botflow', 'workflow', 'acd', 'agent', 'voicemail']);

const malformed = (reason: string): InvalidInputError => new InvalidInputError('ctr', reason);

const instant = (text: string, what: string): number => {
  const ms = parseInstant(text);
  if (ms === null) throw malformed(`${what} is not an ISO-8601 instant: ${JSON.stringify(text)}`);
  return ms;
};

/** (Any case: purpose and segmentType are read lower-cased too; "Voice" was read as another medium, helper-215.) */
const isVoice = (mediaType: string | undefined): boolean =>
  mediaType === undefined || mediaType.toLowerCase() === 'voice';

const voiceSessions = (p: GenesysParticipant) => p.sessions.filter((s) => isVoice(s.mediaType));
const purposeOf = (p: GenesysParticipant) => p.purpose.toLowerCase();

/**
 * The participant on the caller's leg, i.e. the customer channel of the recording:
 *  - a `customer` participant (inbound calls, callbacks);
 *  - else a `user` who originated the conversation (first voice segment `dialing`, or an
 *    outbound session that never alerted) and reached an IVR, a queue or another agent or user:
 *    an employee calling the contact center (user-originated). That user is the caller, not an
 *    agent: its channel is the customer's, its time is not handle time;
 *  - else an `external` participant (outbound calls: a user or agent dialled out to them).
 * A user who dialled an external number directly (no IVR, queue or agent reached) is the agent.
 */
export const callerLeg = (
  ctr: GenesysConversation,
): { index: number; type: 'customer' | 'external' | 'user' } | null => {
  const voice = ctr.participants
    .map((p, index) => ({ p, index }))
    .filter(({ p }) => voiceSessions(p).length > 0);
  const customer = voice.find(({ p }) => purposeOf(p) === 'customer');
  if (customer) return { index: customer.index, type: 'customer' };
  const alerted = (p: GenesysParticipant) =>
    voiceSessions(p).some((s) => s.segments.some((g) => g.segmentType.toLowerCase() === 'alert'));
  const originated = (p: GenesysParticipant) =>
    voiceSessions(p).some((s) => {
      const at = (g: GenesysSegment) => parseInstant(g.segmentStart) ?? Number.POSITIVE_INFINITY;
      const first = [...s.segments].sort((a, b) => at(a) - at(b))[0];
      return first?.segmentType.toLowerCase() === 'dialing' || s.direction?.toLowerCase() === 'outbound';
    }) && !alerted(p);
  // When a participant's voice first appears (its earliest segment start).
  const firstAt = (p: GenesysParticipant) =>
    Math.min(
      ...voiceSessions(p).flatMap((s) =>
        s.segments.map((g) => parseInstant(g.segmentStart) ?? Number.POSITIVE_INFINITY),
      ),
    );
  // An external party reached before any IVR, queue or agent: the user dialled out to a customer
  // (then transferred or consulted), an agent, not a caller (helper-220: that user's dialing, talk
  // and wrap-up left handle time, and the customer's number was our own line).
  const dialledOut = voice
    .filter(({ p }) => purposeOf(p) === 'external')
    .reduce((min, { p }) => Math.min(min, firstAt(p)), Number.POSITIVE_INFINITY);
  const caller = voice.find(
    ({ p, index }) =>
      purposeOf(p) === 'user' &&
      originated(p) &&
      voice.some(
        (o) =>
          o.index !== index &&
          (ROUTED_TO.has(purposeOf(o.p)) || (purposeOf(o.p) === 'user' && alerted(o.p))) &&
          firstAt(o.p) < dialledOut,
      ),
  );
  if (caller) return { index: caller.index, type: 'user' };
  // The party who answered: a number dialled first that never connected (no answer, busy) is not
  // the caller when another external party was reached (a redial in the same conversation).
  const externals = voice.filter(({ p }) => purposeOf(p) === 'external');
  const connected = (p: GenesysParticipant) =>
    voiceSessions(p).some((s) => s.segments.some((g) => g.segmentType.toLowerCase() === 'interact'));
  const external = externals.find(({ p }) => connected(p)) ?? externals[0];
  return external ? { index: external.index, type: 'external' } : null;
};

interface TimedSegment {
  purpose: string;
  participantIndex: number;
  segment: GenesysSegment;
  span: Span;
}

/**
 * Reads the record into spans. Throws InvalidInputError('ctr', …) for a record that is JSON of
 * the right shape but cannot describe a real call: unparseable instants, segments that end
 * before they start, no participants, a conversation that ends before it starts.
 */
export const extractTimeline = (ctr: GenesysConversation): CtrTimeline => {
  if (ctr.participants.length === 0) throw malformed('conversation has no participants');
  const startMs = instant(ctr.conversationStart, 'conversationStart');
  const declaredEnd =
    ctr.conversationEnd === undefined ? null : instant(ctr.conversationEnd, 'conversationEnd');
  if (declaredEnd !== null && declaredEnd < startMs)
    throw malformed('conversationEnd is before conversationStart');

  // First pass: parse every instant, so open segments (no segmentEnd: a live conversation) can
  // be closed at the conversation end or, failing that, the latest instant in the record.
  const parsed: {
    purpose: string;
    participantIndex: number;
    segment: GenesysSegment;
    begin: number;
    end: number | null;
  }[] = [];
  let latest = declaredEnd ?? startMs;
  const caller = callerLeg(ctr);
  const otherMedia: string[] = [];
  ctr.participants.forEach((p, participantIndex) => {
    for (const session of p.sessions) {
      if (!isVoice(session.mediaType)) {
        const media = session.mediaType!.toLowerCase();
        if (!otherMedia.includes(media)) otherMedia.push(media);
        continue;
      }
      for (const segment of session.segments) {
        const where = `${p.purpose} ${segment.segmentType} segment`;
        const begin = instant(segment.segmentStart, `${where} segmentStart`);
        const end =
          segment.segmentEnd === undefined ? null : instant(segment.segmentEnd, `${where} segmentEnd`);
        if (end !== null && end < begin)
          throw malformed(`${where} ends before it starts (${segment.segmentStart})`);
        latest = Math.max(latest, begin, end ?? begin);
        parsed.push({ purpose: p.purpose.toLowerCase(), participantIndex, segment, begin, end });
      }
    }
  });
  const endMs = declaredEnd ?? latest;
  const segments: TimedSegment[] = parsed
    .map((s) => ({ ...s, span: { beginMs: s.begin, endMs: s.end ?? Math.max(endMs, s.begin) } }))
    .sort((a, b) => a.span.beginMs - b.span.beginMs || a.participantIndex - b.participantIndex);

  const ivr: Span[] = [];
  const queue: Span[] = [];
  const waits: CtrTimeline['waits'] = [];
  const alerts: Span[] = [];
  const agents = new Map<
    string,
    AgentTimeline & { firstInteract: number; nameAt: number; codes: { at: number; code: string }[] }
  >();
  const externals = new Map<number, Span[]>();
  const queueIds: string[] = [];
  const pushDistinct = (list: string[], value: string | undefined) => {
    if (value && !list.includes(value)) list.push(value);
  };

  for (const { purpose, participantIndex, segment, span } of segments) {
    const type = segment.segmentType.toLowerCase();
    const participant = ctr.participants[participantIndex]!;
    // The caller's own segments (a user who dialled in) are the customer leg: never agent time.
    if (participantIndex === caller?.index) continue;
    if (AGENT_PURPOSES.has(purpose)) {
      const agentId = participant.userId ?? participant.participantId;
      if (!agentId) throw malformed(`${purpose} participant has neither userId nor participantId`);
      let agent = agents.get(agentId);
      if (!agent) {
        agent = {
          agentId,
          name: null,
          interact: [],
          hold: [],
          wrapup: [],
          dialing: [],
          firstInteract: Infinity,
          nameAt: -Infinity,
          codes: [],
        };
        agents.set(agentId, agent);
      }
      // A renamed agent (same userId, new participantName) stays one agent; the latest name wins.
      if (participant.participantName && span.beginMs >= agent.nameAt) {
        agent.name = participant.participantName;
        agent.nameAt = span.beginMs;
      }
      if (type === 'interact') {
        agent.interact.push(span);
        agent.firstInteract = Math.min(agent.firstInteract, span.beginMs);
      } else if (type === 'hold') agent.hold.push(span);
      else if (type === 'dialing' || type === 'contacting') agent.dialing.push(span);
      else if (type === 'alert') alerts.push(span);
      else if (type === 'wrapup') {
        agent.wrapup.push(span);
        if (segment.wrapUpCode) agent.codes.push({ at: span.beginMs, code: segment.wrapUpCode });
      }
      if (type !== 'wrapup') pushDistinct(queueIds, segment.queueId);
    } else if (purpose === 'external') {
      if (type === 'interact') {
        const spans = externals.get(participantIndex) ?? [];
        spans.push(span);
        externals.set(participantIndex, spans);
      }
    } else if (purpose === 'acd') {
      if (type === 'interact') {
        queue.push(span);
        waits.push({ span, queueId: segment.queueId ?? null });
      }
      pushDistinct(queueIds, segment.queueId);
    } else if (type === 'ivr' || (IVR_PURPOSES.has(purpose) && type === 'interact')) {
      ivr.push(span);
    }
  }

  const connected = [...agents.values()]
    .filter((a) => a.interact.length > 0)
    .sort((a, b) => a.firstInteract - b.firstInteract || a.agentId.localeCompare(b.agentId));
  const handled = connected.map(({ agentId, name, interact, hold, wrapup, dialing }) => ({
    agentId,
    name,
    interact,
    hold,
    wrapup,
    dialing,
  }));
  // Only agents who handled the call: an agent alerted but not answering gets an automatic
  // wrap-up code too, and it says nothing about this call.
  const wrapupCodes: string[] = [];
  for (const { code } of connected.flatMap((a) => a.codes).sort((a, b) => a.at - b.at))
    pushDistinct(wrapupCodes, code);

  const direction = ctr.originatingDirection ?? derivedDirection(ctr, caller);
  return {
    conversationId: ctr.conversationId,
    startMs,
    endMs,
    direction,
    ivr,
    queue,
    // Segments are in start order: the first acd wait is the entry queue's.
    entryWait: queue[0] ?? null,
    waits,
    alerts,
    agents: handled,
    externals: [...externals.values()],
    queueIds,
    wrapupCodes,
    customerNumber: customerNumber(ctr, direction, caller),
    callerType: caller?.type ?? null,
    timedVoiceSegments: segments.filter((g) => g.span.endMs > g.span.beginMs).length,
    timedHandlingSegments: segments.filter(
      (g) => g.span.endMs > g.span.beginMs && g.participantIndex !== caller?.index,
    ).length,
    otherMedia,
  };
};

/**
 * Records without `originatingDirection` (older exports): the caller leg tells it. A user who
 * dialled into the IVR or a queue is an inbound call to the contact center.
 */
const derivedDirection = (ctr: GenesysConversation, caller: ReturnType<typeof callerLeg>): string | null => {
  if (!caller) return null;
  if (caller.type === 'user') return 'inbound';
  const direction = voiceSessions(ctr.participants[caller.index]!)[0]?.direction?.toLowerCase();
  return direction === 'inbound' || direction === 'outbound' ? direction : null;
};

const customerNumber = (
  ctr: GenesysConversation,
  direction: string | null,
  caller: ReturnType<typeof callerLeg>,
): string | null => {
  if (!caller) return null;
  const sessions = voiceSessions(ctr.participants[caller.index]!);
  // A user who dialled in is identified by its own address (ANI); on an outbound call the ANI is
  // our own line and the customer is the dialled number.
  const outbound = caller.type !== 'user' && direction?.toLowerCase() === 'outbound';
  for (const s of sessions) {
    const number = outbound ? (s.dnis ?? s.ani) : (s.ani ?? s.dnis);
    if (number) return number;
  }
  return null;
};
