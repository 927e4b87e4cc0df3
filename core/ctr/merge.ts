/**
 * MergeCtr: the Genesys conversation detail record (CTR) meets the transcript.
 *
 * Time base. Transcript offsets are relative to the RECORDING start. The recording metadata's
 * `startTime` anchors them (timeBase `recording-metadata`); without it the recording is assumed
 * to start with the conversation (`conversation-start`: Genesys records the customer's leg from
 * the first ring, IVR included). Which one was used is on `journey.timeBase`, and the instant in
 * `lineage.ctr.note`, so every offset can be turned back into wall-clock time.
 *
 * Status. No CTR -> `missing`: turns untouched, journey empty, the call still lands. A CTR whose
 * conversation does not overlap the recording (±5 s of skew), or whose conversationId differs
 * from the recording's -> `mismatched`: same as missing, nothing from that record is used. A CTR
 * that parses but cannot describe a call -> InvalidInputError('ctr', reason) (quarantine).
 *
 * Agent-channel tagging (customer-channel turns are never re-tagged):
 *  - an agent's `hold` segment -> IVR (hold music / messages);
 *  - an agent's `interact` segment -> AGENT with the agent's userId and latest display name;
 *  - an `ivr` segment, or a queue-wait `interact` segment of an `acd` participant -> IVR;
 *  - within 1.5 s of a window but outside all of them -> the nearest window's owner (skew);
 *  - elsewhere -> AGENT with agentId null (unattributed: nobody in the record).
 * A turn crossing a boundary is split at word level (the first turn too), the cut snapped to
 * the widest pause within 0.8 s; each piece belongs to whoever owns most of its words' time.
 *
 * Consults and conferences (two agents present):
 *  - consult while the customer is held: the holding agent's `hold` wins -> IVR, whatever the
 *    consulted agent's segments say (the recording carries the hold audio, not the consult);
 *  - both agents connected to the customer (warm transfer hand-over, conference): the agent
 *    whose stint on the call began first keeps the channel until they leave — the transferring
 *    agent introduces the caller, the conference owner leads. One channel cannot tell two
 *    voices apart; this rule keeps the error to the overlap and never invents a third party;
 *  - transfers count agent-to-agent handoffs only: a stint counts when another agent joined
 *    no earlier and stays after it ends. A consulted agent who leaves while the first agent
 *    keeps the call is no transfer; IVR-to-queue routing is none.
 *
 * Metrics. `metrics.agentTalkMs` becomes the speech time of AGENT-role turns after re-tagging:
 * IVR prompts, queue announcements and hold messages leave it. Journey times follow Genesys:
 * per agent talk = `interact` minus hold, hold, acw = `wrapup`; handle = talk + hold + acw.
 * ANI: HMAC-SHA256 (options.aniHashKey) of the customer's normalized number, never the number.
 */

import type { CallDocument, Journey, LineageEntry, Turn } from '../../schemas/call-document.js';
import type { GenesysConversation, RecordingMetadata } from '../../schemas/genesys-conversation.js';
import { coveredMs, utcDate } from '../call-document.js';
import { InvalidInputError } from '../errors.js';
import { hashAni } from './ani-hash.js';
import { journeyMetrics } from './journey-metrics.js';
import { speakerTrack } from './speaker-track.js';
import { splitTurn } from './split-turn.js';
import { parseInstant, toIsoUtc } from './time.js';
import { type CtrTimeline, extractTimeline } from './timeline.js';

export const CTR_MERGE_ENGINE = 'debrief-ctr-merge';
/** Bump when tagging or journey semantics change: it is recorded in lineage.ctr. */
export const CTR_MERGE_VERSION = '1.0.0';

/** Recorder and analytics clocks disagree by far less than this. */
const SKEW_TOLERANCE_MS = 5_000;

export const TimeBase = {
  recording: 'recording-metadata',
  conversation: 'conversation-start',
  none: 'none',
} as const;
export type TimeBase = (typeof TimeBase)[keyof typeof TimeBase];

export interface MergeCtrInput {
  ctr: GenesysConversation | null;
  recording: RecordingMetadata | null;
}

export interface MergeCtrOptions {
  aniHashKey: string;
}

const emptyJourney = (ctrStatus: Journey['ctrStatus'], timeBase: TimeBase): Journey => ({
  ctrStatus,
  timeBase,
  direction: null,
  agentIds: [],
  queueIds: [],
  ivrMs: 0,
  queueMs: 0,
  holdMs: 0,
  acwMs: 0,
  handleMs: 0,
  transfers: 0,
  wrapupCodes: [],
  aniHash: null,
  agents: [],
});

const lineage = (parts: Record<string, string | null>): LineageEntry => ({
  engine: CTR_MERGE_ENGINE,
  version: CTR_MERGE_VERSION,
  model: null,
  promptHash: null,
  note: Object.entries(parts)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k}=${v}`)
    .join('; '),
});

const recordingStart = (recording: RecordingMetadata | null): number | null => {
  if (!recording) return null;
  const ms = parseInstant(recording.startTime);
  if (ms === null) {
    throw new InvalidInputError(
      'recording',
      `startTime is not an ISO-8601 instant: ${JSON.stringify(recording.startTime)}`,
    );
  }
  return ms;
};

const recordingLengthMs = (recording: RecordingMetadata | null, doc: CallDocument): number => {
  const fromEnd = (() => {
    if (!recording?.endTime) return null;
    const begin = parseInstant(recording.startTime);
    const end = parseInstant(recording.endTime);
    return begin === null || end === null ? null : end - begin;
  })();
  const lastTurnEnd = doc.turns.reduce((m, t) => Math.max(m, t.endMs), 0);
  return Math.max(recording?.durationMs ?? fromEnd ?? doc.durationMs, lastTurnEnd);
};

const mismatchReason = (
  t: CtrTimeline,
  recording: RecordingMetadata | null,
  originMs: number,
  lengthMs: number,
): string | null => {
  if (recording?.conversationId && recording.conversationId !== t.conversationId) {
    return `recording belongs to conversation ${recording.conversationId}`;
  }
  // Clock skew can put a recording of unknown length (no duration, no speech) just before the call.
  const overlap =
    Math.min(t.endMs + SKEW_TOLERANCE_MS, originMs + lengthMs) -
    Math.max(t.startMs - SKEW_TOLERANCE_MS, originMs);
  return overlap > 0 || (lengthMs === 0 && overlap === 0)
    ? null
    : 'conversation does not overlap the recording';
};

/** Re-tags agent-channel turns by the record and re-indexes all turns in time order. */
const retagTurns = (turns: readonly Turn[], t: CtrTimeline, originMs: number): Turn[] => {
  const track = speakerTrack(t, originMs);
  const pieces: { turn: Omit<Turn, 'index'>; order: number }[] = [];
  for (const [order, turn] of turns.entries()) {
    if (turn.channel === 'CUSTOMER') {
      pieces.push({ turn: { ...turn, role: 'CUSTOMER', agentId: null, agentName: null }, order });
      continue;
    }
    for (const { turn: piece, label } of splitTurn(turn, track)) {
      pieces.push({
        turn: { ...piece, role: label.role, agentId: label.agentId, agentName: label.agentName },
        order,
      });
    }
  }
  return pieces
    .map((p, i) => ({ ...p, i }))
    .sort((a, b) => a.turn.beginMs - b.turn.beginMs || a.order - b.order || a.i - b.i)
    .map(({ turn }, index) => ({ ...turn, index }) as Turn);
};

/**
 * Pure and deterministic: the same document, record and key give the same output. Throws
 * InvalidInputError for a malformed CTR ('ctr') or recording startTime ('recording').
 */
export function mergeCtr(doc: CallDocument, input: MergeCtrInput, options: MergeCtrOptions): CallDocument {
  const recStartMs = recordingStart(input.recording);
  const recordingIso = recStartMs === null ? null : toIsoUtc(recStartMs);
  const withoutCtr = (status: 'missing' | 'mismatched', reason: string, conversationId: string | null) => {
    const timeBase = recStartMs === null ? TimeBase.none : TimeBase.recording;
    return {
      ...doc,
      conversationId: input.recording?.conversationId ?? doc.conversationId,
      startedAt: recordingIso ?? doc.startedAt,
      dt: recordingIso ? utcDate(recordingIso) : doc.dt,
      turns: doc.turns.map((turn, index) => ({ ...turn, index })),
      journey: emptyJourney(status, timeBase),
      lineage: {
        ...doc.lineage,
        ctr: lineage({
          ctr: status,
          reason,
          timeBase,
          recordingStart: recordingIso,
          ctrConversationId: conversationId,
        }),
      },
    };
  };

  if (!input.ctr) return withoutCtr('missing', 'no conversation record', null);
  const timeline = extractTimeline(input.ctr);
  const timeBase = recStartMs === null ? TimeBase.conversation : TimeBase.recording;
  const originMs = recStartMs ?? timeline.startMs;
  const reason = mismatchReason(timeline, input.recording, originMs, recordingLengthMs(input.recording, doc));
  if (reason) return withoutCtr('mismatched', reason, timeline.conversationId);

  const turns = retagTurns(doc.turns, timeline, originMs);
  const m = journeyMetrics(timeline);
  const startedAt = toIsoUtc(timeline.startMs);
  return {
    ...doc,
    conversationId: timeline.conversationId,
    startedAt,
    dt: utcDate(startedAt),
    turns,
    metrics: { ...doc.metrics, agentTalkMs: coveredMs(turns.filter((t) => t.role === 'AGENT')) },
    journey: {
      ctrStatus: 'matched',
      timeBase,
      direction: timeline.direction,
      agentIds: m.agents.map((a) => a.agentId),
      queueIds: timeline.queueIds,
      ivrMs: m.ivrMs,
      queueMs: m.queueMs,
      holdMs: m.holdMs,
      acwMs: m.acwMs,
      handleMs: m.handleMs,
      transfers: m.transfers,
      wrapupCodes: timeline.wrapupCodes,
      aniHash: hashAni(timeline.customerNumber, options.aniHashKey),
      agents: m.agents,
    },
    lineage: {
      ...doc.lineage,
      ctr: lineage({
        ctr: 'matched',
        timeBase,
        recordingStart: toIsoUtc(originMs),
        conversationId: timeline.conversationId,
      }),
    },
  };
}
