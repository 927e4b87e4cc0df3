import { agentStints } from './journey-metrics.js';
import { type Span, shiftSpan } from './span.js';
import type { CtrTimeline } from './timeline.js';

/**
 * Who owns the agent channel at a moment. IVR covers prompts, queue announcements and hold
 * audio; AGENT with agentId null means "nobody in the record" (the channel role is kept).
 */
export interface SpeakerLabel {
  role: 'IVR' | 'AGENT';
  agentId: string | null;
  agentName: string | null;
}

export interface LabelledSpan extends Span {
  label: SpeakerLabel;
}

export const UNATTRIBUTED: SpeakerLabel = { role: 'AGENT', agentId: null, agentName: null };
const IVR: SpeakerLabel = { role: 'IVR', agentId: null, agentName: null };

export const labelKey = (l: SpeakerLabel): string => `${l.role}:${l.agentId ?? ''}`;

/**
 * Agent-channel speech this close to a labelled window (but outside every window) takes the
 * nearest label: clock skew between the recorder and the analytics clock is a few hundred ms,
 * and segments of consecutive participants leave gaps of a few ms.
 */
export const GAP_FILL_MS = 1_500;

/**
 * The agent channel's owner over time, in milliseconds from the recording start, as sorted,
 * non-overlapping spans (no span: unattributed). Precedence at any instant:
 *  1. an agent's `hold` segment -> IVR. During a consult the customer is parked: the consulted
 *     agent's `interact` overlaps the hold, but the recording carries the hold audio.
 *  2. agents in `interact` -> AGENT. With two or more (warm transfer, conference), the agent
 *     whose stint on the call began first keeps the channel: the transferring agent introduces
 *     the caller and the conference owner leads, until they leave.
 *  3. an `ivr` segment or a queue-wait `interact` segment (acd) -> IVR.
 */
export const speakerTrack = (t: CtrTimeline, originMs: number): LabelledSpan[] => {
  const shift = (s: Span) => shiftSpan(s, -originMs);
  const agents = t.agents.map((a) => ({
    agentId: a.agentId,
    label: { role: 'AGENT' as const, agentId: a.agentId, agentName: a.name },
    interact: a.interact.map(shift),
    hold: a.hold.map(shift),
  }));
  const stints = agentStints(t.agents).map((s) => ({ ...shift(s), agentId: s.agentId }));
  const prompts = [...t.ivr, ...t.queue].map(shift);

  const cuts = new Set<number>();
  for (const s of [...prompts, ...agents.flatMap((a) => [...a.interact, ...a.hold])]) {
    cuts.add(s.beginMs);
    cuts.add(s.endMs);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const covers = (s: Span, b: number, e: number) => s.beginMs <= b && s.endMs >= e;

  const raw: LabelledSpan[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const beginMs = points[i]!;
    const endMs = points[i + 1]!;
    let label: SpeakerLabel | null = null;
    if (agents.some((a) => a.hold.some((s) => covers(s, beginMs, endMs)))) label = IVR;
    else {
      const connected = agents.filter((a) => a.interact.some((s) => covers(s, beginMs, endMs)));
      if (connected.length > 0) {
        const stintStart = (agentId: string) =>
          stints.find((s) => s.agentId === agentId && covers(s, beginMs, endMs))?.beginMs ?? beginMs;
        // `connected` is already in first-connected order, so ties keep that order.
        const floor = connected.reduce((best, a) =>
          stintStart(a.agentId) < stintStart(best.agentId) ? a : best,
        );
        label = floor.label;
      } else if (prompts.some((s) => covers(s, beginMs, endMs))) label = IVR;
    }
    if (label) raw.push({ beginMs, endMs, label });
  }
  return fillGaps(mergeAdjacent(raw));
};

const mergeAdjacent = (spans: readonly LabelledSpan[]): LabelledSpan[] => {
  const out: LabelledSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && last.endMs === s.beginMs && labelKey(last.label) === labelKey(s.label)) last.endMs = s.endMs;
    else out.push({ ...s });
  }
  return out;
};

const fillGaps = (spans: LabelledSpan[]): LabelledSpan[] => {
  const out = spans.map((s) => ({ ...s }));
  for (let i = 0; i < out.length; i++) {
    const cur = out[i]!;
    const next = out[i + 1];
    if (!next) {
      cur.endMs += GAP_FILL_MS;
      break;
    }
    const gap = next.beginMs - cur.endMs;
    if (gap <= 0) continue;
    const reach = Math.min(GAP_FILL_MS, gap / 2);
    cur.endMs += reach;
    next.beginMs -= reach;
  }
  const first = out[0];
  if (first) first.beginMs -= GAP_FILL_MS;
  return mergeAdjacent(out);
};

/** Milliseconds of [beginMs, endMs) owned by each label (unattributed time included). */
export const labelOverlaps = (
  track: readonly LabelledSpan[],
  beginMs: number,
  endMs: number,
): Map<string, { label: SpeakerLabel; ms: number }> => {
  const out = new Map<string, { label: SpeakerLabel; ms: number }>();
  const add = (label: SpeakerLabel, ms: number) => {
    if (ms <= 0) return;
    const key = labelKey(label);
    const cur = out.get(key);
    if (cur) cur.ms += ms;
    else out.set(key, { label, ms });
  };
  let cursor = beginMs;
  for (const s of track) {
    if (s.endMs <= beginMs) continue;
    if (s.beginMs >= endMs) break;
    add(UNATTRIBUTED, Math.min(s.beginMs, endMs) - cursor);
    add(s.label, Math.min(s.endMs, endMs) - Math.max(s.beginMs, beginMs));
    cursor = Math.min(s.endMs, endMs);
  }
  add(UNATTRIBUTED, endMs - cursor);
  return out;
};

export const labelAt = (track: readonly LabelledSpan[], atMs: number): SpeakerLabel =>
  track.find((s) => s.beginMs <= atMs && atMs < s.endMs)?.label ?? UNATTRIBUTED;

/** Label runs inside [beginMs, endMs): the track clipped to the interval, gaps unattributed. */
export const labelRuns = (track: readonly LabelledSpan[], beginMs: number, endMs: number): LabelledSpan[] => {
  const runs: LabelledSpan[] = [];
  const push = (b: number, e: number, label: SpeakerLabel) => {
    if (e <= b) return;
    const last = runs[runs.length - 1];
    if (last && labelKey(last.label) === labelKey(label)) last.endMs = e;
    else runs.push({ beginMs: b, endMs: e, label });
  };
  let cursor = beginMs;
  for (const s of track) {
    if (s.endMs <= beginMs) continue;
    if (s.beginMs >= endMs) break;
    push(cursor, Math.min(s.beginMs, endMs), UNATTRIBUTED);
    push(Math.max(s.beginMs, beginMs), Math.min(s.endMs, endMs), s.label);
    cursor = Math.min(s.endMs, endMs);
  }
  push(cursor, endMs, UNATTRIBUTED);
  return runs;
};
