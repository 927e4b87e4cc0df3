/**
 * MergeCtr: the Genesys conversation detail record (CTR) meets the transcript.
 *
 * Time base. Transcript offsets are relative to the RECORDING start. The recording metadata's
 * `startTime` anchors them (timeBase `recording-metadata`); without it the recording is assumed
 * to start with the conversation (`conversation-start`: Genesys records the customer's leg from
 * the first ring, IVR included). Which one was used is on `journey.timeBase`, and the instant in
 * `lineage.ctr.note`, so every offset can be turned back into wall-clock time.
 *
 * Recording metadata without a usable start time (absent, unparseable, a shape without one) is
 * not fatal: the conversation start anchors the offsets and `journey.note` says so.
 *
 * Without a start time the audio checks the conversation-start assumption (recording-start.ts):
 * Genesys queue and agent recordings start when the agent answers. When agent-channel speech
 * falls in IVR/queue time and the recording ends well before the conversation, the first agent's
 * answer (`inferred-agent-answer`) or the conversation's end minus the audio's length
 * (`inferred-recording-end`) anchors the offsets if it fits the record clearly better; else the
 * conversation start is kept and `journey.note` asks for the recording metadata.
 *
 * Status. No CTR -> `missing`: turns untouched, journey empty, the call still lands. A CTR whose
 * conversation does not overlap the recording (±5 s of skew), or whose conversationId differs
 * from the recording's -> `mismatched`: same as missing, nothing from that record is used. A CTR
 * with no voice conversation in it (callback-only and chat records, voice sessions without timed
 * segments, or only the caller's leg) -> `unusable`: same as missing, its reason on `journey.note`; its zeros must not
 * enter any average. A CTR that parses but cannot describe a call -> InvalidInputError('ctr').
 *
 * The caller. The participant on the customer leg is the `customer`; with none, a Genesys `user`
 * who dialled the conversation into an IVR, queue or agent (user-originated calls) is the caller,
 * not an agent (`journey.callerType = user`); else an `external` party (outbound). Only the
 * other `agent`/`user` participants handle the call. Wrap-up codes are those of agents who
 * handled it (an agent alerted but not answering gets an automatic code that says nothing).
 *
 * Names. An agent's name is the record's latest `participantName`; real exports usually carry
 * none, so names from an agent directory (a Genesys users export or the users API) fill the gaps.
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
 *  - transfers count handoffs from an agent: a stint counts when another agent, or an external
 *    party (a number the call was put through to), joined no earlier and stays after it ends. A
 *    consulted agent or external party who leaves while the first agent keeps the call is no
 *    transfer; IVR-to-queue routing is none. An external party's speech on the agent channel is
 *    AGENT with no agent id (no agent of ours: no talk or handle time).
 *
 * Metrics. `metrics.agentTalkMs` becomes the speech time of AGENT-role turns after re-tagging:
 * IVR prompts, queue announcements and hold messages leave it. Journey times follow Genesys:
 * per agent talk = `interact` minus hold, hold (the `hold` segments of the agent's own
 * participant, silent or with hold audio), acw = `wrapup`; handle = talk + hold + acw, and an outbound call's `dialing` and
 * `contacting` (Genesys' handle time; dialing that overlaps the agent's own talk, hold or wrap-up,
 * a consult leg dialing while the caller is held, is counted once); a call no agent handled (abandoned in queue, ended in the
 * IVR) has no handle time (null, as Genesys has no tHandle for it), not 0. Each
 * agent's hold segments are kept in recording offsets (`holds`), for call_agents.
 * ANI: HMAC-SHA256 (options.aniHashKey) of the customer's normalized number, never the number.
 */

import type { CallDocument, Journey, LineageEntry, Turn } from '../../schemas/call-document.js';
import type { GenesysConversation, RecordingMetadata } from '../../schemas/genesys-conversation.js';
import { coveredMs, utcDate } from '../call-document.js';
import { hashAni } from './ani-hash.js';
import { abandonedInQueue, ctrOnlyReason } from './ctr-only.js';
import { journeyMetrics } from './journey-metrics.js';
import { queueOutcome } from './queue-outcome.js';
import { InferredTimeBase, inferRecordingStart } from './recording-start.js';
import { shiftSpan } from './span.js';
import { speakerTrack } from './speaker-track.js';
import { splitTurn } from './split-turn.js';
import { parseInstant, toIsoUtc } from './time.js';
import { type CtrTimeline, extractTimeline } from './timeline.js';

export const CTR_MERGE_ENGINE = 'debrief-ctr-merge';
/** Bump when tagging or journey semantics change: it is recorded in lineage.ctr. */
// 1.4.0: journey.agents[].holds (each agent's hold segments in recording offsets).
// 1.5.0: journey.abandoned; CTR-only calls (never recorded) take their length from the record.
// 1.6.0: journey.offered, entryWaitMs, answerWaitMs, abandonWaitMs, abandonedWhile (the entry queue).
export const CTR_MERGE_VERSION = '1.6.0';

/** Recorder and analytics clocks disagree by far less than this. */
const SKEW_TOLERANCE_MS = 5_000;
/** A recording without a clock must last at least this share of its conversation (to the last agent). */
const MIN_UNCLOCKED_COVERAGE = 0.5;

/** 41_366 -> "0:41". */
const minutes = (ms: number): string => {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export const TimeBase = {
  recording: 'recording-metadata',
  conversation: 'conversation-start',
  ...InferredTimeBase,
  none: 'none',
} as const;
export type TimeBase = (typeof TimeBase)[keyof typeof TimeBase];

export interface MergeCtrInput {
  ctr: GenesysConversation | null;
  recording: RecordingMetadata | null;
  /** What could not be used in the dropped recording metadata (see recording-metadata.ts). */
  recordingNote?: string | null;
  /** Agent display names by Genesys userId (users export / users API), for agents the record leaves unnamed. */
  agentNames?: ReadonlyMap<string, string>;
  /** Which directory was asked (or why it failed), for lineage. */
  directoryNote?: string | null;
  /** Queue names by Genesys queueId (queues export / routing API): records name queues by id only. */
  queueNames?: ReadonlyMap<string, string>;
  /** Which queue directory was asked (or why it failed), for lineage. */
  queueDirectoryNote?: string | null;
}

export interface MergeCtrOptions {
  aniHashKey: string;
}

const emptyJourney = (ctrStatus: Journey['ctrStatus'], timeBase: TimeBase, note: string): Journey => ({
  ctrStatus,
  timeBase,
  direction: null,
  agentIds: [],
  queueIds: [],
  queueNames: [],
  ivrMs: 0,
  queueMs: 0,
  holdMs: 0,
  acwMs: 0,
  handleMs: 0,
  transfers: 0,
  wrapupCodes: [],
  aniHash: null,
  agents: [],
  callerType: null,
  note,
  abandoned: null,
  offered: null,
  entryWaitMs: null,
  answerWaitMs: null,
  abandonWaitMs: null,
  abandonedWhile: null,
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

/** Where the call's start came from (lineage.start): LoadCall's (a WAV's bext chunk, else the file name, else the WAV's ICRD) is replaced when a sidecar gives one. */
const startLineage = (source: 'recording-metadata' | 'conversation-record'): LineageEntry => ({
  engine: CTR_MERGE_ENGINE,
  version: CTR_MERGE_VERSION,
  model: null,
  promptHash: null,
  note: `source=${source}`,
});

/** The recording's start (epoch ms) or, when the metadata cannot anchor anything, why not. */
const recordingStart = (
  recording: RecordingMetadata | null,
): { ms: number | null; problem: string | null } => {
  if (!recording?.startTime) return { ms: null, problem: null };
  const ms = parseInstant(recording.startTime);
  return ms === null
    ? {
        ms: null,
        problem: `recording startTime ${JSON.stringify(recording.startTime)} is not an ISO-8601 instant`,
      }
    : { ms, problem: null };
};

/** Why a record holds no voice conversation to measure, or null when it does. */
const unusableReason = (t: CtrTimeline): string | null => {
  if (t.timedVoiceSegments === 0)
    return t.otherMedia.length > 0
      ? `the record is a ${t.otherMedia.join(' + ')} conversation (${t.conversationId}) without a voice session: no journey to measure`
      : `the record's voice sessions (${t.conversationId}) hold no timed segments: no journey to measure`;
  if (t.timedHandlingSegments === 0)
    return `the record's voice conversation (${t.conversationId}) holds only the caller's leg (no IVR, queue or agent): no journey to measure`;
  return null;
};

const recordingLengthMs = (recording: RecordingMetadata | null, doc: CallDocument): number => {
  const fromEnd = (() => {
    if (!recording?.endTime || !recording.startTime) return null;
    const begin = parseInstant(recording.startTime);
    const end = parseInstant(recording.endTime);
    return begin === null || end === null ? null : end - begin;
  })();
  const lastTurnEnd = doc.turns.reduce((m, t) => Math.max(m, t.endMs), 0);
  return Math.max(recording?.durationMs ?? fromEnd ?? doc.durationMs, lastTurnEnd);
};

/** A time to the minute, UTC, for a note ("2026-03-16 21:34 UTC"). */
const utcMinute = (ms: number): string => `${toIsoUtc(ms).slice(0, 16).replace('T', ' ')} UTC`;

/** What a call with another call's CTR is told to do (its journey is left out until then). */
const MISMATCH_ADVICE =
  "another call's CTR? Its journey is left out; drop this call's own CTR under the same name, or remove it (the call runs without one)";

const mismatchReason = (
  t: CtrTimeline,
  recording: RecordingMetadata | null,
  originMs: number,
  lengthMs: number,
  clocked: boolean,
): string | null => {
  if (recording?.conversationId && recording.conversationId !== t.conversationId) {
    return `the CTR does not match the recording: the CTR is of conversation ${t.conversationId}, the recording metadata of conversation ${recording.conversationId}: ${MISMATCH_ADVICE}`;
  }
  // `clocked` is false only for a recording we transcribed whose metadata gives no start time.
  // Without a clock the recording is placed at the conversation start, so it always overlaps:
  // one far shorter than the conversation up to its last agent is another call's record (all
  // its agent-side speech would be tagged by the wrong call's IVR, queue and hold).
  if (!clocked && lengthMs > 0) {
    const handled = [...t.ivr, ...t.queue, ...t.agents.flatMap((a) => [...a.interact, ...a.hold])];
    const spanMs = Math.max(t.startMs, ...handled.map((s) => s.endMs)) - t.startMs;
    if (lengthMs < spanMs * MIN_UNCLOCKED_COVERAGE)
      return `the recording (${minutes(lengthMs)}) has no start time and is less than half as long as conversation ${t.conversationId} (${minutes(spanMs)} to its last agent): another call's record? Drop this call's own CTR, or recording metadata with the start time`;
  }
  // Clock skew can put a recording of unknown length (no duration, no speech) just before the call.
  const overlap =
    Math.min(t.endMs + SKEW_TOLERANCE_MS, originMs + lengthMs) -
    Math.max(t.startMs - SKEW_TOLERANCE_MS, originMs);
  return overlap > 0 || (lengthMs === 0 && overlap === 0)
    ? null
    : `the CTR does not match the recording: its conversation ${t.conversationId} (${utcMinute(t.startMs)} to ${utcMinute(t.endMs)}) does not overlap the recording (${utcMinute(originMs)} to ${utcMinute(originMs + lengthMs)}, by its metadata): ${MISMATCH_ADVICE}`;
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
 * Pure and deterministic: the same document, record, names and key give the same output. Throws
 * InvalidInputError('ctr') for a malformed CTR; unusable recording metadata only adds a note.
 */
export function mergeCtr(doc: CallDocument, input: MergeCtrInput, options: MergeCtrOptions): CallDocument {
  const start = recordingStart(input.recording);
  const recStartMs = start.ms;
  const recordingIso = recStartMs === null ? null : toIsoUtc(recStartMs);
  const recordingProblem = [input.recordingNote ?? null, start.problem].filter((n) => n !== null).join('; ');
  const withoutCtr = (
    status: 'missing' | 'mismatched' | 'unusable',
    reason: string,
    conversationId: string | null,
  ) => {
    const timeBase = recStartMs === null ? TimeBase.none : TimeBase.recording;
    const note = recordingProblem ? `${reason}; ${recordingProblem}` : reason;
    return {
      ...doc,
      conversationId: input.recording?.conversationId ?? doc.conversationId,
      startedAt: recordingIso ?? doc.startedAt,
      dt: recordingIso ? utcDate(recordingIso) : doc.dt,
      turns: doc.turns.map((turn, index) => ({ ...turn, index })),
      journey: emptyJourney(status, timeBase, note),
      lineage: {
        ...doc.lineage,
        ...(recordingIso ? { start: startLineage('recording-metadata') } : {}),
        ctr: lineage({
          ctr: status,
          reason,
          timeBase,
          recordingStart: recordingIso,
          ctrConversationId: conversationId,
          recording: recordingProblem || null,
        }),
      },
    };
  };

  if (!input.ctr) return withoutCtr('missing', 'no conversation record', null);
  const extracted = extractTimeline(input.ctr);
  const unusable = unusableReason(extracted);
  if (unusable) return withoutCtr('unusable', unusable, extracted.conversationId);
  const named = nameAgents(extracted, input.agentNames);
  const timeline = named.timeline;
  const lengthMs = recordingLengthMs(input.recording, doc);
  const reason = mismatchReason(
    timeline,
    input.recording,
    recStartMs ?? timeline.startMs,
    lengthMs,
    // Only a recording's own length is known for sure (a transcript may cover part of a call).
    recStartMs !== null || doc.sources.audio === null,
  );
  if (reason) return withoutCtr('mismatched', reason, timeline.conversationId);
  // No start time: does the audio agree that the recording starts with the conversation?
  const inferred =
    recStartMs === null && doc.hasRecording
      ? inferRecordingStart(doc.turns, timeline, lengthMs, doc.sources.audio !== null)
      : null;
  const timeBase: TimeBase =
    recStartMs !== null ? TimeBase.recording : (inferred?.timeBase ?? TimeBase.conversation);
  const originMs = recStartMs ?? inferred?.originMs ?? timeline.startMs;

  const turns = retagTurns(doc.turns, timeline, originMs);
  const m = journeyMetrics(timeline);
  const abandoned = abandonedInQueue(input.ctr, timeline);
  const startedAt = toIsoUtc(timeline.startMs);
  const note =
    [
      recordingProblem
        ? `${recordingProblem}: transcript offsets anchored at ${inferred?.timeBase ? 'the inferred recording start' : 'the conversation start'}`
        : null,
      inferred?.note ?? null,
    ]
      .filter((n) => n !== null)
      .join('; ') || null;
  // A CTR-only call (never recorded: ctr-only.ts): its length is the conversation's, and its note says why it has no recording.
  const ctrOnly = doc.hasRecording
    ? null
    : (ctrOnlyReason(input.ctr, timeline) ?? 'no recording or transcript');
  return {
    ...doc,
    conversationId: timeline.conversationId,
    startedAt,
    dt: utcDate(startedAt),
    ...(ctrOnly !== null ? { durationMs: Math.max(0, timeline.endMs - timeline.startMs) } : {}),
    turns,
    metrics: { ...doc.metrics, agentTalkMs: coveredMs(turns.filter((t) => t.role === 'AGENT')) },
    journey: {
      ctrStatus: 'matched',
      timeBase,
      direction: timeline.direction,
      agentIds: m.agents.map((a) => a.agentId),
      queueIds: timeline.queueIds,
      queueNames: timeline.queueIds.map((id) => input.queueNames?.get(id) ?? null),
      ivrMs: m.ivrMs,
      queueMs: m.queueMs,
      holdMs: m.holdMs,
      acwMs: m.acwMs,
      handleMs: m.handleMs,
      transfers: m.transfers,
      wrapupCodes: timeline.wrapupCodes,
      aniHash: hashAni(timeline.customerNumber, options.aniHashKey),
      agents: m.agents.map((a) => {
        const holds = (timeline.agents.find((t) => t.agentId === a.agentId)?.hold ?? [])
          .map((s) => shiftSpan(s, -originMs))
          .sort((x, y) => x.beginMs - y.beginMs);
        return holds.length > 0 ? { ...a, holds } : a;
      }),
      callerType: timeline.callerType,
      note:
        ctrOnly === null
          ? note
          : [`CTR-only call, never recorded: ${ctrOnly}`, note].filter(Boolean).join('; '),
      abandoned,
      ...queueOutcome(timeline, abandoned),
    },
    lineage: {
      ...doc.lineage,
      start: startLineage('conversation-record'),
      ctr: lineage({
        ctr: 'matched',
        timeBase,
        recordingStart: toIsoUtc(originMs),
        conversationId: timeline.conversationId,
        caller: timeline.callerType,
        agentNames: named.note,
        directory: input.directoryNote ?? null,
        queueNames: queueNamesNote(timeline.queueIds, input.queueNames),
        queueDirectory: input.queueDirectoryNote ?? null,
        recording: recordingProblem || null,
      }),
    },
  };
}

/** How many of the call's queues the queue directory named, for lineage (null: no queue). */
const queueNamesNote = (ids: readonly string[], names: ReadonlyMap<string, string> | undefined) =>
  ids.length === 0
    ? null
    : `${ids.length} queue(s) in the record, ${ids.filter((id) => names?.has(id)).length} named from the queue directory`;

/** Names from the directory for agents the record leaves unnamed (the record's own name wins). */
const nameAgents = (
  t: CtrTimeline,
  names: ReadonlyMap<string, string> | undefined,
): { timeline: CtrTimeline; note: string | null } => {
  const unnamed = t.agents.filter((a) => a.name === null);
  if (unnamed.length === 0) return { timeline: t, note: null };
  const found = unnamed.filter((a) => names?.has(a.agentId)).length;
  const agents = t.agents.map((a) => (a.name === null ? { ...a, name: names?.get(a.agentId) ?? null } : a));
  return {
    timeline: { ...t, agents },
    note: `${unnamed.length} unnamed in the record, ${found} named from the agent directory`,
  };
};
