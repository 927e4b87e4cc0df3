import type { TimelineSegment } from './call-timeline.js';
import type { CustomerProfile } from './customer-profile.js';
import type { NarratedCall } from './narrate-call.js';
import { COMPANY_DNIS } from './people.js';
import type { Random } from './random.js';
import { stableId } from './stable-id.js';
import { formatTimestamp } from './timestamp.js';
import type { TimestampStyle } from './truth.js';

export interface GenesysRecordInput {
  call: NarratedCall;
  conversationId: string;
  startEpochMs: number;
  direction: 'inbound' | 'outbound';
  customer: CustomerProfile;
  style: TimestampStyle;
  /** Participant and session ids, decided by the caller so the truth can name them too. */
  ids: ReadonlyMap<string, { participantId: string; sessionId: string }>;
  random: Random;
  /** A Genesys user placed the call (user-originated): the caller is `purpose: "user"`, not a customer. */
  callerUserId?: string | null;
  /** False: no `participantName` on agents (real exports carry their ids only). */
  agentNames?: boolean;
}

interface Metric {
  name: string;
  value: number;
  emitDate: string;
}

const sum = (segments: readonly TimelineSegment[], type: string) =>
  segments.filter((s) => s.segmentType === type).reduce((total, s) => total + s.endMs - s.startMs, 0);

/** Genesys Cloud analytics conversation detail record (the CTR) for a narrated call. */
export function buildGenesysRecord(input: GenesysRecordInput): Record<string, unknown> {
  const { call, style } = input;
  const at = (ms: number) => formatTimestamp(input.startEpochMs + ms, style);
  const segmentsOf = (key: string) =>
    call.timeline.segments.filter((s) => s.participant === key).sort((a, b) => a.startMs - b.startMs);
  const customerIds = input.ids.get('customer')!;
  const inbound = input.direction === 'inbound';
  const userCaller = input.callerUserId ? input.callerUserId : null;
  // A user dials from a desk phone: its address is a SIP URI, not a phone number.
  const callerAddress = userCaller
    ? `sip:desk-${userCaller.slice(0, 4)}@10.20.0.15`
    : `tel:${input.customer.phoneE164}`;
  const ani = inbound ? callerAddress : `tel:${COMPANY_DNIS}`;
  const dnis = inbound ? `tel:${COMPANY_DNIS}` : `tel:${input.customer.phoneE164}`;

  const participants = call.participants
    .map((participant) => ({ participant, segments: segmentsOf(participant.key) }))
    .filter((p) => p.segments.length > 0)
    .sort((a, b) => {
      if (a.participant.key === 'customer') return -1;
      if (b.participant.key === 'customer') return 1;
      return a.segments[0]!.startMs - b.segments[0]!.startMs;
    })
    .map(({ participant, segments }) => {
      const ids = input.ids.get(participant.key)!;
      const first = segments[0]!;
      const last = segments[segments.length - 1]!;
      const metrics: Metric[] = [];
      const metric = (name: string, value: number, emitMs: number) =>
        metrics.push({ name, value, emitDate: at(emitMs) });
      const session: Record<string, unknown> = {
        sessionId: ids.sessionId,
        mediaType: 'voice',
        direction: input.direction,
        ...(participant.key === 'customer' ? {} : { peerId: customerIds.sessionId }),
        ani,
        dnis,
      };
      const named = participant.purpose !== 'agent' || input.agentNames !== false;
      const out: Record<string, unknown> = {
        participantId: ids.participantId,
        ...(named && participant.purpose !== 'user' ? { participantName: participant.name } : {}),
        purpose: participant.purpose,
      };
      switch (participant.purpose) {
        case 'user':
          // The user's own leg: it dialled out to the contact center's number.
          out.userId = userCaller;
          Object.assign(session, { direction: 'outbound', edgeId: stableId('edge', 'Austin Edge 1') });
          break;
        case 'customer':
        case 'external':
          Object.assign(session, {
            sessionDnis: dnis,
            provider: 'Edge',
            protocolCallId: `${input.random.hex(10)}@10.0.0.5`,
            recording: true,
          });
          break;
        case 'ivr':
          session.flow = {
            flowId: stableId('flow', call.ivrFlowName),
            flowName: call.ivrFlowName,
            flowType: 'INBOUNDCALL',
            flowVersion: '12.0',
            entryType: 'dnis',
            entryReason: dnis,
            exitReason: 'TRANSFER',
            transferType: 'ACD',
            transferTargetName: call.agents[0]!.queueName,
            transferTargetAddress: call.agents[0]!.queueId,
          };
          metric('tIvr', last.endMs - first.startMs, last.endMs);
          break;
        case 'acd':
          Object.assign(session, { requestedRoutings: ['Standard'], usedRouting: 'Standard' });
          metric('nOffered', 1, first.startMs);
          metric('tAcd', last.endMs - first.startMs, last.endMs);
          break;
        case 'agent': {
          const agent = call.agents[participant.agentIndex!]!;
          out.userId = agent.userId;
          session.recording = true;
          const consulted = call.transfers.find(
            (t) => t.from === participant.agentIndex && t.kind === 'consult',
          );
          if (consulted) session.destinationAddresses = [`sip:${call.agents[consulted.to]!.userId}@`];
          const alert = segments.find((s) => s.segmentType === 'alert');
          const interacts = segments.filter((s) => s.segmentType === 'interact');
          const holds = segments.filter((s) => s.segmentType === 'hold');
          const wrapup = segments.find((s) => s.segmentType === 'wrapup');
          const lastInteract = interacts[interacts.length - 1]!;
          const dialing = segments.find((s) => s.segmentType === 'dialing');
          const contacting = segments.find((s) => s.segmentType === 'contacting');
          if (dialing) metric('tDialing', dialing.endMs - dialing.startMs, dialing.endMs);
          if (contacting) metric('tContacting', contacting.endMs - contacting.startMs, contacting.endMs);
          if (alert) metric('tAlert', alert.endMs - alert.startMs, alert.endMs);
          if (alert && agent.queueStartMs !== null)
            metric('tAnswered', alert.endMs - agent.queueStartMs, alert.endMs);
          const talk = sum(segments, 'interact');
          const held = sum(segments, 'hold');
          const acw = sum(segments, 'wrapup');
          if (holds.length) metric('tHeldComplete', held, holds[holds.length - 1]!.endMs);
          metric('tTalkComplete', talk, lastInteract.endMs);
          if (
            lastInteract.disconnectType === 'transfer' ||
            lastInteract.disconnectType === 'consultTransfer'
          ) {
            metric('nTransferred', 1, lastInteract.endMs);
          }
          if (wrapup) metric('tAcw', acw, wrapup.endMs);
          // Genesys' handle time: talk + hold + ACW, and for outbound calls dialing + contacting.
          const dialed = sum(segments, 'dialing') + sum(segments, 'contacting');
          metric('tHandle', talk + held + acw + dialed, wrapup?.endMs ?? lastInteract.endMs);
          break;
        }
      }
      if (metrics.length) session.metrics = metrics;
      session.segments = segments.map((s) => ({
        segmentStart: at(s.startMs),
        segmentEnd: at(s.endMs),
        segmentType: s.segmentType,
        ...(s.queueId ? { queueId: s.queueId } : {}),
        ...(s.wrapUpCode ? { wrapUpCode: s.wrapUpCode } : {}),
        ...(s.wrapUpNote ? { wrapUpNote: s.wrapUpNote } : {}),
        ...(s.disconnectType ? { disconnectType: s.disconnectType } : {}),
      }));
      out.sessions = [session];
      return out;
    });

  const conversationEnd = Math.max(...call.timeline.segments.map((s) => s.endMs));
  return {
    conversationId: input.conversationId,
    conversationStart: at(0),
    conversationEnd: at(conversationEnd),
    // Records of user-originated calls seen in the wild carry no originatingDirection.
    ...(userCaller ? {} : { originatingDirection: input.direction }),
    divisionIds: [stableId('division', 'Home')],
    mediaStatsMinConversationMos: Math.round(input.random.float(3.6, 4.5) * 100) / 100,
    participants,
  };
}

/**
 * The record of the same conversation as exported when it holds no voice session: a callback
 * (the queue, customer and agent legs are `callback` media with the callback numbers) or a chat
 * (customer and agent in a chat room). What real exports drop next to a recording by mistake.
 */
export function voicelessRecord(
  record: Record<string, unknown>,
  media: 'callback' | 'chat',
): Record<string, unknown> {
  type Participant = { purpose: string; sessions: Record<string, unknown>[] } & Record<string, unknown>;
  const participants = (record.participants as Participant[]).filter((p) =>
    media === 'chat'
      ? ['customer', 'agent'].includes(p.purpose)
      : ['customer', 'acd', 'agent'].includes(p.purpose),
  );
  const room = `acd-${stableId('room', String(record.conversationId))}@conference.acme.orgspan.com`;
  return {
    conversationId: record.conversationId,
    conversationStart: record.conversationStart,
    ...(media === 'chat' ? { conversationEnd: record.conversationEnd, originatingDirection: 'inbound' } : {}),
    participants: participants.map((p) => ({
      ...p,
      sessions: p.sessions.map((s) => {
        const {
          ani: _ani,
          dnis: _dnis,
          sessionDnis: _sd,
          provider: _p,
          protocolCallId: _c,
          recording: _r,
          metrics: _m,
          flow: _f,
          peerId: _peer,
          ...rest
        } = s;
        return media === 'chat'
          ? { ...rest, mediaType: 'chat', direction: 'inbound', roomId: room }
          : {
              ...rest,
              mediaType: 'callback',
              callbackUserName: 'Customer',
              callbackNumbers: [String(s.ani ?? s.dnis ?? '').replace(/^tel:/, '')],
              skipEnabled: true,
              timeoutSeconds: 0,
            };
      }),
    })),
  };
}
