import type { GenesysConversation, GenesysSegment } from '../../schemas/genesys-conversation.js';
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
  /** Queue wait: `interact` segments of `acd` participants. */
  queue: Span[];
  agents: AgentTimeline[];
  /** Distinct, in order of first appearance. */
  queueIds: string[];
  /** Distinct, in order of the wrap-up segments. */
  wrapupCodes: string[];
  /** The customer's phone number as written in the record (ANI inbound, DNIS outbound). */
  customerNumber: string | null;
}

const IVR_PURPOSES = new Set(['ivr', 'botflow', 'workflow']);
const AGENT_PURPOSES = new Set(['agent', 'user']);
const CUSTOMER_PURPOSES = new Set(['customer', 'external']);

const malformed = (reason: string): InvalidInputError => new InvalidInputError('ctr', reason);

const instant = (text: string, what: string): number => {
  const ms = parseInstant(text);
  if (ms === null) throw malformed(`${what} is not an ISO-8601 instant: ${JSON.stringify(text)}`);
  return ms;
};

const isVoice = (mediaType: string | undefined): boolean => mediaType === undefined || mediaType === 'voice';

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
  ctr.participants.forEach((p, participantIndex) => {
    for (const session of p.sessions) {
      if (!isVoice(session.mediaType)) continue;
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
  const agents = new Map<string, AgentTimeline & { firstInteract: number; nameAt: number }>();
  const queueIds: string[] = [];
  const wrapupCodes: string[] = [];
  const pushDistinct = (list: string[], value: string | undefined) => {
    if (value && !list.includes(value)) list.push(value);
  };

  for (const { purpose, participantIndex, segment, span } of segments) {
    const type = segment.segmentType.toLowerCase();
    const participant = ctr.participants[participantIndex]!;
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
          firstInteract: Infinity,
          nameAt: -Infinity,
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
      else if (type === 'wrapup') {
        agent.wrapup.push(span);
        pushDistinct(wrapupCodes, segment.wrapUpCode);
      }
      if (type !== 'wrapup') pushDistinct(queueIds, segment.queueId);
    } else if (purpose === 'acd') {
      if (type === 'interact') queue.push(span);
      pushDistinct(queueIds, segment.queueId);
    } else if (type === 'ivr' || (IVR_PURPOSES.has(purpose) && type === 'interact')) {
      ivr.push(span);
    }
  }

  const handled = [...agents.values()]
    .filter((a) => a.interact.length > 0)
    .sort((a, b) => a.firstInteract - b.firstInteract || a.agentId.localeCompare(b.agentId))
    .map(({ agentId, name, interact, hold, wrapup }) => ({ agentId, name, interact, hold, wrapup }));

  const direction = ctr.originatingDirection ?? null;
  return {
    conversationId: ctr.conversationId,
    startMs,
    endMs,
    direction,
    ivr,
    queue,
    agents: handled,
    queueIds,
    wrapupCodes,
    customerNumber: customerNumber(ctr, direction),
  };
};

const customerNumber = (ctr: GenesysConversation, direction: string | null): string | null => {
  const sessions = ctr.participants
    .filter((p) => CUSTOMER_PURPOSES.has(p.purpose.toLowerCase()))
    .sort((a, b) => Number(a.purpose !== 'customer') - Number(b.purpose !== 'customer'))
    .flatMap((p) => p.sessions.filter((s) => isVoice(s.mediaType)));
  // On an outbound call the ANI is our own line; the customer is the dialled number.
  const outbound = direction?.toLowerCase() === 'outbound';
  for (const s of sessions) {
    const number = outbound ? (s.dnis ?? s.ani) : (s.ani ?? s.dnis);
    if (number) return number;
  }
  return null;
};
