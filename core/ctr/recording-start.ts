import type { Turn } from '../../schemas/call-document.js';
import { overlapMs, type Span, subtractSpans, unionSpans } from './span.js';
import { toIsoUtc } from './time.js';
import type { CtrTimeline } from './timeline.js';

/**
 * Where a recording without a start time starts. The merge assumes the conversation start
 * (Genesys records the customer's leg from the first ring, IVR included), but Genesys queue and
 * agent recordings start when the agent answers: placed at the conversation start, the agent's
 * greeting lands in IVR/queue time, each later agent's speech is credited to the one before and
 * the goodbye falls after the recording (trial-genesys: a transfer call cut 35 s at the answer had
 * its first three agent turns tagged IVR and the second agent's speech credited to the first).
 *
 * The audio checks the assumption, for a recording debrief transcribed (its length is its own; a
 * transcript alone may cover part of a call, hand-made ones often do: nothing is inferred from
 * one). Evidence that the recording starts later: with it at the conversation start, at least
 * MIN_EVIDENCE_MS of agent-channel speech falls in IVR/queue time before any agent answered AND
 * the recording ends at least MIN_SLACK_MS before the last agent's talk or hold ends (a survey IVR or external party after
 * them aside; wrap-up is no voice), so a later start still fits in the conversation. A correctly
 * anchored recording with IVR prompts on the agent channel runs to the conversation's end: no
 * evidence, nothing changes.
 *
 * With evidence, the starts Genesys makes likely are tried:
 *  - `inferred-agent-answer`: the first agent's first `interact` segment (its answer);
 *  - `inferred-recording-end`: the voice end minus the recording's length (the recording ends
 *    with the conversation, as Genesys' recordings end when the caller hangs up).
 * A start is feasible when it puts no more speech (either channel) outside the conversation than
 * the conversation start does (1 s of skew); its misfit is the agent-channel speech in IVR/queue
 * time before the first answer plus the speech outside the conversation. The feasible start with
 * the least misfit is taken when that is at most half the conversation start's, at least
 * MIN_EVIDENCE_MS less (a recording that starts in the queue keeps its announcement in queue
 * time), and no less agent-channel speech falls in agent-connected time. Ambiguous, the
 * conversation start kept and the note asking for the recording metadata: no start clearly
 * better, or both clearly better but AGREE_MS apart and their misfits within MIN_EVIDENCE_MS (a
 * recording that starts at the answer but stops before the conversation's end).
 */
export const InferredTimeBase = {
  agentAnswer: 'inferred-agent-answer',
  recordingEnd: 'inferred-recording-end',
} as const;
export type InferredTimeBase = (typeof InferredTimeBase)[keyof typeof InferredTimeBase];

/** Agent-channel speech in IVR/queue time (at the conversation start) below this is no evidence. */
export const MIN_EVIDENCE_MS = 2_000;
/** The recording, at the conversation start, must end this far before the voice end. */
export const MIN_SLACK_MS = 5_000;
/** A candidate this close to the conversation start is the conversation start. */
const MIN_SHIFT_MS = 2_000;
/** Speech a candidate may put outside the conversation beyond what the conversation start does. */
const OUTSIDE_TOLERANCE_MS = 1_000;
/** The clocks' skew at the conversation's edges. */
const EDGE_MS = 1_500;
/** Two clearly better candidates this close are one answer. */
const AGREE_MS = 3_000;
/** A candidate's misfit must be at most this share of the conversation start's. */
const CLEARLY_BETTER = 0.5;

export interface RecordingStartInference {
  /** Epoch ms of the recording start: the conversation start unless a candidate was clearly better. */
  originMs: number;
  /** The inferred time base, or null when the conversation start is kept. */
  timeBase: InferredTimeBase | null;
  /** Why, readable (journey.note); null when there was no evidence the recording starts later. */
  note: string | null;
}

/** Speech as spans in recording offsets: word times, else the turn's span. */
const speechOf = (turn: Turn): Span[] => {
  const words = turn.words.filter((w) => !w.punctuation && w.endMs > w.beginMs);
  return words.length > 0
    ? words.map((w) => ({ beginMs: w.beginMs, endMs: w.endMs }))
    : turn.endMs > turn.beginMs
      ? [{ beginMs: turn.beginMs, endMs: turn.endMs }]
      : [];
};

const overlapAll = (speech: readonly Span[], within: readonly Span[], originMs: number): number => {
  let ms = 0;
  for (const s of speech) {
    const at = { beginMs: s.beginMs + originMs, endMs: s.endMs + originMs };
    for (const w of within) ms += overlapMs(at, w);
  }
  return ms;
};

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;
const clock = (ms: number): string => `${toIsoUtc(ms).slice(11, 19)} UTC`;

/**
 * The recording's start for a call whose recording metadata gives none (see the comment above).
 * `lengthMs` is the recording's length; `audioLength` says it is the audio's own (a recording
 * debrief transcribed): without it nothing is inferred.
 */
export const inferRecordingStart = (
  turns: readonly Turn[],
  t: CtrTimeline,
  lengthMs: number,
  audioLength: boolean,
): RecordingStartInference => {
  const keep: RecordingStartInference = { originMs: t.startMs, timeBase: null, note: null };
  if (!audioLength || lengthMs <= 0) return keep;
  const firstAnswer = Math.min(...t.agents.flatMap((a) => a.interact.map((s) => s.beginMs)));
  if (!Number.isFinite(firstAnswer)) return keep;
  const voice = [
    ...t.ivr,
    ...t.queue,
    ...t.agents.flatMap((a) => [...a.interact, ...a.hold]),
    ...t.externals.flat(),
  ];
  const voiceEnd = Math.max(t.startMs, ...voice.map((s) => s.endMs));
  // Where a queue or agent recording ends: the last agent's talk or hold, not the conversation's
  // last voice segment, which may be a post-call survey IVR or an external party after the agents
  // (the review of the first version: a call recorded from its start that stops before such a tail
  // read as a later start, and one as long as the IVR and queue moved every turn).
  const agentEnd = Math.max(
    t.startMs,
    ...t.agents.flatMap((a) => [...a.interact, ...a.hold]).map((s) => s.endMs),
  );
  const agentSpeech = turns.filter((u) => u.channel === 'AGENT').flatMap(speechOf);
  const allSpeech = turns.flatMap(speechOf);
  const speechEnd = allSpeech.reduce((m, s) => Math.max(m, s.endMs), 0);

  // IVR/queue time before any agent answered; agent-connected time (interact minus hold).
  const prompts = unionSpans(
    [...t.ivr, ...t.queue]
      .map((s) => ({ beginMs: s.beginMs, endMs: Math.min(s.endMs, firstAnswer) }))
      .filter((s) => s.endMs > s.beginMs),
  );
  const connected = subtractSpans(
    [...t.agents.flatMap((a) => a.interact), ...t.externals.flat()],
    t.agents.flatMap((a) => a.hold),
  );
  const outside = [
    { beginMs: Number.NEGATIVE_INFINITY, endMs: t.startMs - EDGE_MS },
    { beginMs: voiceEnd + EDGE_MS, endMs: Number.POSITIVE_INFINITY },
  ];
  const placedAt = (originMs: number) => {
    const inPrompts = overlapAll(agentSpeech, prompts, originMs);
    const out = overlapAll(allSpeech, outside, originMs);
    return {
      originMs,
      inPrompts,
      out,
      misfit: inPrompts + out,
      inAgent: overlapAll(agentSpeech, connected, originMs),
    };
  };

  const atStart = placedAt(t.startMs);
  const slack = agentEnd - (t.startMs + Math.max(lengthMs, speechEnd));
  if (atStart.inPrompts < MIN_EVIDENCE_MS || slack < MIN_SLACK_MS) return keep;

  const candidates: { timeBase: InferredTimeBase; originMs: number; what: string }[] = [
    { timeBase: InferredTimeBase.agentAnswer, originMs: firstAnswer, what: 'when the first agent answered' },
    {
      timeBase: InferredTimeBase.recordingEnd,
      originMs: agentEnd - lengthMs,
      what: "so that it ends with the last agent's talk",
    },
  ].filter((c) => c.originMs - t.startMs >= MIN_SHIFT_MS);
  const scored = candidates
    .map((c) => ({ ...c, ...placedAt(c.originMs) }))
    .filter((c) => c.out <= atStart.out + OUTSIDE_TOLERANCE_MS)
    .sort((a, b) => a.misfit - b.misfit || b.inAgent - a.inAgent);
  const clearly = scored.filter(
    (c) =>
      c.misfit <= atStart.misfit * CLEARLY_BETTER &&
      atStart.misfit - c.misfit >= MIN_EVIDENCE_MS &&
      c.inAgent >= atStart.inAgent,
  );
  const best = clearly[0];
  const rival =
    best === undefined
      ? undefined
      : clearly.find(
          (c) => Math.abs(c.originMs - best.originMs) > AGREE_MS && c.misfit - best.misfit < MIN_EVIDENCE_MS,
        );
  const evidence = `with the recording at the conversation start, ${seconds(atStart.inPrompts)} of agent-channel speech falls in IVR/queue time before any agent answered and the recording ends ${seconds(slack)} before the last agent's talk`;
  if (best && !rival) {
    return {
      originMs: best.originMs,
      timeBase: best.timeBase,
      note: `no recording start time: ${evidence}; the recording is taken to start ${best.what} (${clock(best.originMs)}, time_base ${best.timeBase}): drop recording metadata (<call>.recording.json {"startTime": …}) to anchor it`,
    };
  }
  return {
    ...keep,
    note: `no recording start time: ${evidence}, but ${rival && best ? `the first agent's answer and the recording's end disagree (${clock(best.originMs)} or ${clock(rival.originMs)})` : 'no later start fits clearly'} (a queue or agent recording?); offsets kept at the conversation start: drop recording metadata (<call>.recording.json {"startTime": …}) to anchor them`,
  };
};
