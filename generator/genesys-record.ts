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
  const ani = inbound ? `tel:${input.customer.phoneE164}` : `tel:${COMPANY_DNIS}`;
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
      const out: Record<string, unknown> = {
        participantId: ids.participantId,
        participantName: participant.name,
        purpose: participant.purpose,
      };
      switch (participant.purpose) {
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
          metric('tHandle', talk + held + acw, wrapup?.endMs ?? lastInteract.endMs);
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
    originatingDirection: input.direction,
    divisionIds: [stableId('division', 'Home')],
    mediaStatsMinConversationMos: Math.round(input.random.float(3.6, 4.5) * 100) / 100,
    participants,
  };
}
