import type { Fragment } from './customer-profile.js';
import type { Random } from './random.js';
import { type TimedToken, timeTokens } from './speech-timing.js';
import { type TokenizedUtterance, tokenize } from './tokenize.js';
import type { Channel, PiiType, Sentiment, SpeechKind, SpeechRole } from './truth.js';

/** Transcribe starts a new turn on a channel after a pause of about this long. */
export const TURN_BREAK_MS = 1000;
/** Gap kept between prompt audio and agent speech on the agent channel unless a mixed turn is wanted. */
const ROLE_CHANGE_GAP_MS = 1500;
const SAME_CHANNEL_GAP_MS = 150;

export type UtteranceTag = 'request' | 'resolution' | 'action' | 'toxic' | 'trap';

export interface PlacedToken extends TimedToken {
  /** Call-wide PII entity index, or null. */
  entityId: number | null;
}

/** Times in this file are ms from the conversation start (the CTR clock). */
export interface PlacedUtterance {
  channel: Channel;
  role: SpeechRole;
  agentIndex: number | null;
  kind: SpeechKind;
  beginMs: number;
  endMs: number;
  text: string;
  sentiment: Sentiment;
  tag: UtteranceTag | null;
  tokens: PlacedToken[];
}

export interface PlacedEntity {
  type: PiiType;
  text: string;
  utterance: PlacedUtterance;
}

export interface SpeechSpec {
  channel: Channel;
  role: SpeechRole;
  kind: SpeechKind;
  agentIndex: number | null;
  fragments: readonly Fragment[];
  sentiment: Sentiment;
  tag: UtteranceTag | null;
  /** Speaking-rate factor, < 1 is faster. */
  rate: number;
}

export interface PreparedSpeech {
  spec: SpeechSpec;
  tokenized: TokenizedUtterance;
  timed: TimedToken[];
  durationMs: number;
}

export interface TimelineSegment {
  participant: string;
  segmentType: string;
  startMs: number;
  endMs: number;
  queueId: string | null;
  disconnectType: string | null;
  wrapUpCode: string | null;
  wrapUpNote: string | null;
}

/** A placement that would overlap speech on one channel, or merge prompt audio with an agent turn by accident. */
export class TimelineError extends Error {
  override name = 'TimelineError' as const;
}

/**
 * Places speech and CTR segments on one clock and enforces the invariants the tests rely on:
 * no overlapping speech on a channel, and prompt audio never within TURN_BREAK_MS of agent
 * speech unless a mixed turn was asked for.
 */
export class CallTimeline {
  readonly utterances: PlacedUtterance[] = [];
  readonly entities: PlacedEntity[] = [];
  readonly segments: TimelineSegment[] = [];
  private readonly channelEnd: Record<Channel, number> = { AGENT: 0, CUSTOMER: 0 };
  private lastAgentChannelRole: SpeechRole | null = null;

  constructor(
    private readonly random: Random,
    /** CTR boundaries are snapped to this step (1000 when timestamps carry no milliseconds). */
    readonly quantumMs: number,
  ) {}

  snap(ms: number, direction: 'up' | 'down' = 'up'): number {
    const q = this.quantumMs;
    return direction === 'up' ? Math.ceil(ms / q) * q : Math.floor(ms / q) * q;
  }

  endOf(channel: Channel): number {
    return this.channelEnd[channel];
  }

  get speechEnd(): number {
    return Math.max(this.channelEnd.AGENT, this.channelEnd.CUSTOMER);
  }

  get lastUtterance(): PlacedUtterance | undefined {
    return this.utterances[this.utterances.length - 1];
  }

  prepare(spec: SpeechSpec): PreparedSpeech {
    const tokenized = tokenize(spec.fragments);
    const { tokens, durationMs } = timeTokens(tokenized.tokens, this.random, spec.rate);
    return { spec, tokenized, timed: tokens, durationMs };
  }

  earliestStart(spec: Pick<SpeechSpec, 'channel' | 'role'>, allowMix = false): number {
    const end = this.channelEnd[spec.channel];
    let start = end === 0 ? 0 : end + SAME_CHANNEL_GAP_MS;
    const last = this.lastAgentChannelRole;
    const roleChanges = last !== null && (last === 'IVR') !== (spec.role === 'IVR');
    if (spec.channel === 'AGENT' && roleChanges && !allowMix)
      start = Math.max(start, end + ROLE_CHANGE_GAP_MS);
    return start;
  }

  place(prepared: PreparedSpeech, startMs: number, allowMix = false): PlacedUtterance {
    const { spec } = prepared;
    const begin = Math.round(startMs);
    if (begin < this.earliestStart(spec, allowMix)) {
      throw new TimelineError(`${spec.kind} at ${begin} ms overlaps or crowds the ${spec.channel} channel`);
    }
    const entityBase = this.entities.length;
    const utterance: PlacedUtterance = {
      channel: spec.channel,
      role: spec.role,
      agentIndex: spec.agentIndex,
      kind: spec.kind,
      beginMs: begin,
      endMs: begin + prepared.durationMs,
      text: prepared.tokenized.text,
      sentiment: spec.sentiment,
      tag: spec.tag,
      tokens: prepared.timed.map((t) => ({
        ...t,
        beginMs: t.beginMs + begin,
        endMs: t.endMs + begin,
        entityId: t.entity === null ? null : entityBase + t.entity,
      })),
    };
    for (const entity of prepared.tokenized.entities) this.entities.push({ ...entity, utterance });
    this.utterances.push(utterance);
    this.channelEnd[spec.channel] = utterance.endMs;
    if (spec.channel === 'AGENT') this.lastAgentChannelRole = spec.role;
    return utterance;
  }

  addSegment(
    segment: Omit<TimelineSegment, 'queueId' | 'disconnectType' | 'wrapUpCode' | 'wrapUpNote'> &
      Partial<TimelineSegment>,
  ): void {
    if (segment.endMs < segment.startMs)
      throw new TimelineError(`segment ${segment.segmentType} ends before it starts`);
    this.segments.push({
      queueId: null,
      disconnectType: null,
      wrapUpCode: null,
      wrapUpNote: null,
      ...segment,
    });
  }
}
