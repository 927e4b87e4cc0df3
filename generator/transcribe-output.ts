import {
  type PlacedEntity,
  type PlacedUtterance,
  TURN_BREAK_MS,
  type UtteranceTag,
} from './call-timeline.js';
import type { Random } from './random.js';
import type { Channel, PiiType, Topic } from './truth.js';

/** Transcribe ContentRedaction entity types; a spoken date of birth is not one of them. */
export function transcribeRedacts(type: PiiType): boolean {
  return type !== 'DATE_OF_BIRTH';
}

export interface TranscribeOutputInput {
  jobName: string;
  /** Chronological. */
  utterances: readonly PlacedUtterance[];
  entities: readonly PlacedEntity[];
  /** Recording start on the utterances' clock: transcript offsets are relative to it. */
  offsetMs: number;
  durationMs: number;
  redact: boolean;
  topic: Topic;
  transferred: boolean;
  callbackNeeded: boolean;
  random: Random;
  /**
   * `real-time`: the post-call output of a streaming session: `SessionId` instead of `JobName`,
   * and issues/outcomes/action items without CharacterOffsets (as early streaming outputs).
   */
  source?: 'batch' | 'real-time';
  sessionId?: string;
}

interface Item {
  Type: 'pronunciation' | 'punctuation';
  Content: string;
  BeginOffsetMillis: number;
  EndOffsetMillis: number;
  Confidence?: number;
  Redaction?: { Confidence: number; Type: string; Category: 'PII' }[];
  VocabularyFilterMatch: false;
}

interface Span {
  CharacterOffsets?: { Begin: number; End: number };
}

interface TurnJson {
  Id: string;
  ParticipantRole: Channel;
  Content: string;
  BeginOffsetMillis: number;
  EndOffsetMillis: number;
  Sentiment: 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL' | 'MIXED';
  LoudnessScores: number[];
  IssuesDetected?: Span[];
  OutcomesDetected?: Span[];
  ActionItemsDetected?: Span[];
  Items: Item[];
}

const NON_TALK_MIN_MS = 3000;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Transcribe cuts a channel into turns at pauses of about a second; nothing else splits them. */
function groupTurns(utterances: readonly PlacedUtterance[]): PlacedUtterance[][] {
  const turns: PlacedUtterance[][] = [];
  const open: Partial<Record<Channel, PlacedUtterance[]>> = {};
  for (const u of utterances) {
    const current = open[u.channel];
    const last = current?.[current.length - 1];
    if (current && last && u.beginMs - last.endMs < TURN_BREAK_MS) current.push(u);
    else {
      const turn = [u];
      turns.push(turn);
      open[u.channel] = turn;
    }
  }
  return turns;
}

function turnSentiment(utterances: readonly PlacedUtterance[]): TurnJson['Sentiment'] {
  const positive = utterances.some((u) => u.sentiment === 'POSITIVE');
  const negative = utterances.some((u) => u.sentiment === 'NEGATIVE');
  if (positive && negative) return 'MIXED';
  if (negative) return 'NEGATIVE';
  return positive ? 'POSITIVE' : 'NEUTRAL';
}

const SENTIMENT_SCORE: Record<TurnJson['Sentiment'], number> = {
  POSITIVE: 1,
  NEGATIVE: -1,
  MIXED: 0,
  NEUTRAL: 0,
};

function sentimentScore(turns: readonly TurnJson[]): number {
  if (turns.length === 0) return 0;
  const mean = turns.reduce((sum, t) => sum + SENTIMENT_SCORE[t.Sentiment], 0) / turns.length;
  return Math.round(mean * 50) / 10;
}

const TAG_FIELD: Partial<
  Record<UtteranceTag, 'IssuesDetected' | 'OutcomesDetected' | 'ActionItemsDetected'>
> = {
  request: 'IssuesDetected',
  resolution: 'OutcomesDetected',
  action: 'ActionItemsDetected',
};

/**
 * Amazon Transcribe Call Analytics output for the call: Transcribe-style turns with word items,
 * `[PII]` redaction, and conversation characteristics computed from those turns.
 */
export function buildTranscribeOutput(input: TranscribeOutputInput): {
  json: Record<string, unknown>;
  turnCount: number;
} {
  const { offsetMs, random } = input;
  const rel = (ms: number) => ms - offsetMs;
  const entitySpan = new Map<number, { begin: number; end: number }>();
  for (const u of input.utterances) {
    for (const token of u.tokens) {
      if (token.entityId === null || token.punctuation) continue;
      const span = entitySpan.get(token.entityId);
      if (span) span.end = token.endMs;
      else entitySpan.set(token.entityId, { begin: token.beginMs, end: token.endMs });
    }
  }

  const turns: TurnJson[] = groupTurns(input.utterances).map((group) => {
    const items: Item[] = [];
    let content = '';
    const append = (text: string, punctuation: boolean) => {
      content += punctuation || content === '' ? text : ` ${text}`;
    };
    const spans: Partial<Record<'IssuesDetected' | 'OutcomesDetected' | 'ActionItemsDetected', Span[]>> = {};
    for (const u of group) {
      const charBegin = content === '' ? 0 : content.length + 1;
      let lastEntity: number | null = null;
      for (const token of u.tokens) {
        const entity = token.entityId === null ? null : input.entities[token.entityId];
        if (input.redact && entity && transcribeRedacts(entity.type)) {
          if (token.entityId !== lastEntity) {
            const span = entitySpan.get(token.entityId!)!;
            items.push({
              Type: 'pronunciation',
              Content: '[PII]',
              BeginOffsetMillis: rel(span.begin),
              EndOffsetMillis: rel(span.end),
              Redaction: [{ Confidence: round2(random.float(0.9, 1)), Type: entity.type, Category: 'PII' }],
              VocabularyFilterMatch: false,
            });
            append('[PII]', false);
          }
          lastEntity = token.entityId;
          continue;
        }
        lastEntity = null;
        if (token.punctuation) {
          items.push({
            Type: 'punctuation',
            Content: token.text,
            BeginOffsetMillis: rel(token.beginMs),
            EndOffsetMillis: rel(token.endMs),
            Confidence: 0,
            VocabularyFilterMatch: false,
          });
        } else {
          const confidence = u.role === 'IVR' ? random.float(0.93, 1) : random.float(0.72, 1);
          items.push({
            Type: 'pronunciation',
            Content: token.text,
            BeginOffsetMillis: rel(token.beginMs),
            EndOffsetMillis: rel(token.endMs),
            Confidence: Math.round(confidence * 10_000) / 10_000,
            VocabularyFilterMatch: false,
          });
        }
        append(token.text, token.punctuation);
      }
      const field = u.tag ? TAG_FIELD[u.tag] : undefined;
      if (field)
        spans[field] = [
          ...(spans[field] ?? []),
          input.source === 'real-time' ? {} : { CharacterOffsets: { Begin: charBegin, End: content.length } },
        ];
    }
    const first = group[0]!;
    const begin = rel(first.beginMs);
    const end = rel(Math.max(...group.map((u) => u.endMs)));
    const base = first.channel === 'CUSTOMER' ? 74 : 70;
    const sentiment = turnSentiment(group);
    return {
      Id: random.uuid(),
      ParticipantRole: first.channel,
      Content: content,
      BeginOffsetMillis: begin,
      EndOffsetMillis: end,
      Sentiment: sentiment,
      LoudnessScores: Array.from({ length: Math.max(1, Math.ceil((end - begin) / 1000)) }, () =>
        round2(base + (sentiment === 'NEGATIVE' ? 6 : 0) + random.float(-8, 12)),
      ),
      ...spans,
      Items: items,
    };
  });
  turns.sort((a, b) => a.BeginOffsetMillis - b.BeginOffsetMillis || (a.ParticipantRole === 'AGENT' ? -1 : 1));

  return {
    json: {
      ...(input.source === 'real-time' ? { SessionId: input.sessionId } : { JobName: input.jobName }),
      JobStatus: 'COMPLETED',
      LanguageCode: 'en-US',
      AccountId: '111122223333',
      Channel: 'VOICE',
      ContentMetadata: input.redact ? { RedactionTypes: ['PII'], Output: 'Redacted' } : { Output: 'Raw' },
      Participants: [{ ParticipantRole: 'CUSTOMER' }, { ParticipantRole: 'AGENT' }],
      Transcript: turns,
      Categories: categories(input, turns),
      ConversationCharacteristics: characteristics(turns, input.durationMs),
    },
    turnCount: turns.length,
  };
}

function categories(input: TranscribeOutputInput, turns: readonly TurnJson[]): Record<string, unknown> {
  const matched: string[] = [`${input.topic.replaceAll('_', '-')}-intent`];
  const details: Record<
    string,
    { PointsOfInterest: { BeginOffsetMillis: number; EndOffsetMillis: number }[] }
  > = {};
  const poi = (field: 'IssuesDetected' | 'ActionItemsDetected') =>
    turns
      .filter((t) => t[field])
      .map((t) => ({ BeginOffsetMillis: t.BeginOffsetMillis, EndOffsetMillis: t.EndOffsetMillis }));
  details[matched[0]!] = { PointsOfInterest: poi('IssuesDetected') };
  if (input.transferred) {
    matched.push('transfer');
    details.transfer = { PointsOfInterest: [] };
  }
  if (input.callbackNeeded) {
    matched.push('callback-requested');
    details['callback-requested'] = { PointsOfInterest: poi('ActionItemsDetected') };
  }
  return { MatchedCategories: matched, MatchedDetails: details };
}

function characteristics(turns: readonly TurnJson[], durationMs: number): Record<string, unknown> {
  const byRole = (role: Channel) => turns.filter((t) => t.ParticipantRole === role);
  const talk = (role: Channel) =>
    byRole(role).reduce((sum, t) => sum + t.EndOffsetMillis - t.BeginOffsetMillis, 0);
  const words = (role: Channel) =>
    byRole(role).reduce((sum, t) => sum + t.Items.filter((i) => i.Type === 'pronunciation').length, 0);
  const wpm = (role: Channel) => (talk(role) > 0 ? Math.round(words(role) / (talk(role) / 60_000)) : 0);

  const nonTalk: { BeginOffsetMillis: number; EndOffsetMillis: number; DurationMillis: number }[] = [];
  let covered = 0;
  for (const t of [...turns].sort((a, b) => a.BeginOffsetMillis - b.BeginOffsetMillis)) {
    if (t.BeginOffsetMillis - covered >= NON_TALK_MIN_MS) {
      nonTalk.push({
        BeginOffsetMillis: covered,
        EndOffsetMillis: t.BeginOffsetMillis,
        DurationMillis: t.BeginOffsetMillis - covered,
      });
    }
    covered = Math.max(covered, t.EndOffsetMillis);
  }
  if (durationMs - covered >= NON_TALK_MIN_MS) {
    nonTalk.push({
      BeginOffsetMillis: covered,
      EndOffsetMillis: durationMs,
      DurationMillis: durationMs - covered,
    });
  }

  const interruptions: Record<
    Channel,
    { BeginOffsetMillis: number; EndOffsetMillis: number; DurationMillis: number }[]
  > = {
    AGENT: [],
    CUSTOMER: [],
  };
  for (const t of turns) {
    const interrupted = turns.find(
      (u) =>
        u.ParticipantRole !== t.ParticipantRole &&
        u.BeginOffsetMillis < t.BeginOffsetMillis &&
        t.BeginOffsetMillis < u.EndOffsetMillis,
    );
    if (!interrupted) continue;
    const end = Math.min(t.EndOffsetMillis, interrupted.EndOffsetMillis);
    interruptions[t.ParticipantRole].push({
      BeginOffsetMillis: t.BeginOffsetMillis,
      EndOffsetMillis: end,
      DurationMillis: end - t.BeginOffsetMillis,
    });
  }
  const allInterruptions = [...interruptions.AGENT, ...interruptions.CUSTOMER];

  const quarter = durationMs / 4;
  const byQuarter = (role: Channel) =>
    [0, 1, 2, 3].map((q) => {
      const begin = Math.round(q * quarter);
      const end = Math.round((q + 1) * quarter);
      const inside = byRole(role).filter((t) => t.BeginOffsetMillis >= begin && t.BeginOffsetMillis < end);
      return { Score: sentimentScore(inside), BeginOffsetMillis: begin, EndOffsetMillis: end };
    });

  return {
    NonTalkTime: {
      Instances: nonTalk,
      TotalTimeMillis: nonTalk.reduce((sum, i) => sum + i.DurationMillis, 0),
    },
    Interruptions: {
      TotalCount: allInterruptions.length,
      TotalTimeMillis: allInterruptions.reduce((sum, i) => sum + i.DurationMillis, 0),
      InterruptionsByInterrupter: Object.fromEntries(
        Object.entries(interruptions).filter(([, list]) => list.length > 0),
      ),
    },
    TotalConversationDurationMillis: durationMs,
    Sentiment: {
      OverallSentiment: {
        AGENT: sentimentScore(byRole('AGENT')),
        CUSTOMER: sentimentScore(byRole('CUSTOMER')),
      },
      SentimentByPeriod: { QUARTER: { AGENT: byQuarter('AGENT'), CUSTOMER: byQuarter('CUSTOMER') } },
    },
    TalkSpeed: {
      DetailsByParticipant: {
        AGENT: { AverageWordsPerMinute: wpm('AGENT') },
        CUSTOMER: { AverageWordsPerMinute: wpm('CUSTOMER') },
      },
    },
    TalkTime: {
      DetailsByParticipant: {
        AGENT: { TotalTimeMillis: talk('AGENT') },
        CUSTOMER: { TotalTimeMillis: talk('CUSTOMER') },
      },
      TotalTimeMillis: talk('AGENT') + talk('CUSTOMER'),
    },
  };
}
