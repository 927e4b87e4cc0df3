import { createHash } from 'node:crypto';
import type { TranscribeCallAnalyticsOutput } from '../../schemas/transcribe-call-analytics.js';
import { type ConversationMetrics, loudnessScores, type Role } from './conversation-metrics.js';
import type { Span } from './voice-activity.js';

/**
 * Builds the document Amazon Transcribe Call Analytics writes (Transcript turns with Items,
 * Sentiment and LoudnessScores; ConversationCharacteristics) from what the embedded engine
 * measured, so LoadCall and everything after it read one format whatever transcribed the call.
 */

/** Transcribe starts a new turn on a channel after a pause of about this long. */
export const TURN_BREAK_MS = 1000;

export interface TranscriptWord {
  text: string;
  beginMs: number;
  endMs: number;
  confidence: number;
  /** PII type when the word was redacted (its text is then "[PII]"). */
  redaction: { type: string; confidence: number } | null;
}

export interface ChannelResult {
  role: Role;
  words: readonly TranscriptWord[];
  speech: readonly Span[];
  /** Frame levels (dBFS) at `hopMs`, for loudness scores. */
  levels: Float32Array;
}

export type TurnSentiment = 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL' | 'MIXED';

/** A sentiment engine: per text, a label and a score on Transcribe's -5..5 scale. */
export type SentimentScorer = (text: string) => { label: TurnSentiment; score: number };

/** What produced the document (carried into the call's lineage by LoadCall). */
export interface EngineStamp {
  engine: string;
  version: string;
  model: string;
  modelHash: string | null;
  note: string | null;
  /** `channel`: one party per channel; `speaker-diarization`: a mono recording split by voice. */
  roleSource: 'channel' | 'speaker-diarization';
  redaction: { engine: string; version: string; mode: string } | null;
}

/** The extension block the embedded engine adds beside Transcribe's own fields. */
export const ENGINE_STAMP_FIELD = 'DebriefEngine';

export interface BuildOutputInput {
  jobName: string;
  languageCode: string;
  durationMs: number;
  hopMs: number;
  channels: readonly ChannelResult[];
  metrics: ConversationMetrics;
  sentiment: SentimentScorer;
  redacted: boolean;
  engine: EngineStamp;
}

interface DraftTurn {
  role: Role;
  words: TranscriptWord[];
}

/** Consecutive words of one channel with pauses under TURN_BREAK_MS form a turn. */
export const wordsToTurns = (role: Role, words: readonly TranscriptWord[]): DraftTurn[] => {
  const turns: DraftTurn[] = [];
  for (const w of [...words].sort((a, b) => a.beginMs - b.beginMs)) {
    const last = turns.at(-1);
    const prev = last?.words.at(-1);
    if (last && prev && w.beginMs - prev.endMs < TURN_BREAK_MS) last.words.push(w);
    else turns.push({ role, words: [w] });
  }
  return turns;
};

const round2 = (n: number) => Math.round(n * 100) / 100;

const turnId = (jobName: string, index: number): string => {
  const h = createHash('sha256').update(`${jobName}#${index}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const item = (w: TranscriptWord) =>
  w.redaction
    ? {
        Type: 'pronunciation' as const,
        Content: '[PII]',
        BeginOffsetMillis: w.beginMs,
        EndOffsetMillis: w.endMs,
        Redaction: [{ Confidence: round2(w.redaction.confidence), Type: w.redaction.type, Category: 'PII' }],
        VocabularyFilterMatch: false,
      }
    : {
        Type: 'pronunciation' as const,
        Content: w.text,
        BeginOffsetMillis: w.beginMs,
        EndOffsetMillis: w.endMs,
        Confidence: round2(w.confidence),
        VocabularyFilterMatch: false,
      };

const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;

export const buildCallAnalyticsOutput = (input: BuildOutputInput): TranscribeCallAnalyticsOutput => {
  const { durationMs, hopMs } = input;
  const drafts = input.channels
    .flatMap((c) => wordsToTurns(c.role, c.words))
    .sort((a, b) => a.words[0]!.beginMs - b.words[0]!.beginMs || (a.role === 'AGENT' ? -1 : 1));
  const levelsOf = new Map(input.channels.map((c) => [c.role, c.levels]));
  const scored = drafts.map((t) => {
    const content = t.words.map((w) => (w.redaction ? '[PII]' : w.text)).join(' ');
    return { ...t, content, sentiment: input.sentiment(content) };
  });
  const transcript = scored.map((t, i) => {
    const beginMs = t.words[0]!.beginMs;
    const endMs = Math.max(...t.words.map((w) => w.endMs));
    return {
      Id: turnId(input.jobName, i),
      ParticipantRole: t.role,
      Content: t.content,
      BeginOffsetMillis: beginMs,
      EndOffsetMillis: endMs,
      Sentiment: t.sentiment.label,
      LoudnessScores: loudnessScores(levelsOf.get(t.role) ?? new Float32Array(0), hopMs, beginMs, endMs),
      Items: t.words.map(item),
    };
  });

  const roles = ['AGENT', 'CUSTOMER'] as const;
  const quarter = durationMs / 4;
  const byRole = (role: Role) => scored.filter((t) => t.role === role);
  const quarters = (role: Role) =>
    [0, 1, 2, 3].map((q) => {
      const beginMs = Math.round(q * quarter);
      const endMs = Math.round((q + 1) * quarter);
      const inQuarter = byRole(role).filter((t) => {
        const mid = (t.words[0]!.beginMs + t.words.at(-1)!.endMs) / 2;
        return mid >= beginMs && (mid < endMs || q === 3);
      });
      return {
        Score: round2(mean(inQuarter.map((t) => t.sentiment.score))),
        BeginOffsetMillis: beginMs,
        EndOffsetMillis: endMs,
      };
    });
  const wordsOf = (role: Role) => byRole(role).reduce((n, t) => n + t.words.length, 0);
  const wpm = (role: Role) => {
    const minutes = input.metrics.talkMs[role] / 60_000;
    return minutes > 0 ? Math.round(wordsOf(role) / minutes) : 0;
  };
  const nonTalkTotal = input.metrics.nonTalk.reduce((n, s) => n + s.endMs - s.beginMs, 0);
  const interruptionsOf = (role: Role) =>
    input.metrics.interruptions
      .filter((x) => x.interrupter === role)
      .map((x) => ({
        BeginOffsetMillis: x.beginMs,
        EndOffsetMillis: x.endMs,
        DurationMillis: x.endMs - x.beginMs,
      }));
  const present = roles.filter((r) => input.channels.some((c) => c.role === r));
  const spoke = present.filter((r) => byRole(r).length > 0);

  return {
    JobName: input.jobName,
    JobStatus: 'COMPLETED',
    LanguageCode: input.languageCode,
    Channel: 'VOICE',
    ContentMetadata: input.redacted ? { Output: 'Redacted', RedactionTypes: ['PII'] } : { Output: 'Raw' },
    Participants: present.map((r) => ({ ParticipantRole: r })),
    Transcript: transcript,
    Categories: { MatchedCategories: [], MatchedDetails: {} },
    ConversationCharacteristics: {
      NonTalkTime: {
        TotalTimeMillis: nonTalkTotal,
        Instances: input.metrics.nonTalk.map((s) => ({
          BeginOffsetMillis: s.beginMs,
          EndOffsetMillis: s.endMs,
          DurationMillis: s.endMs - s.beginMs,
        })),
      },
      Interruptions: {
        TotalCount: input.metrics.interruptions.length,
        TotalTimeMillis: input.metrics.interruptions.reduce((n, x) => n + x.endMs - x.beginMs, 0),
        InterruptionsByInterrupter: Object.fromEntries(present.map((r) => [r, interruptionsOf(r)])),
      },
      TotalConversationDurationMillis: Math.round(durationMs),
      // Only for a party that said something: a customer channel that stayed silent (a one-sided
      // recording) has no sentiment, not a neutral 0 averaged into every sentiment figure.
      Sentiment: {
        OverallSentiment: Object.fromEntries(
          spoke.map((r) => [r, round2(mean(byRole(r).map((t) => t.sentiment.score)))]),
        ),
        SentimentByPeriod: { QUARTER: Object.fromEntries(spoke.map((r) => [r, quarters(r)])) },
      },
      TalkSpeed: {
        DetailsByParticipant: Object.fromEntries(present.map((r) => [r, { AverageWordsPerMinute: wpm(r) }])),
      },
      TalkTime: {
        TotalTimeMillis: present.reduce((n, r) => n + input.metrics.talkMs[r], 0),
        DetailsByParticipant: Object.fromEntries(
          present.map((r) => [r, { TotalTimeMillis: input.metrics.talkMs[r] }]),
        ),
      },
    },
    [ENGINE_STAMP_FIELD]: input.engine,
  };
};
