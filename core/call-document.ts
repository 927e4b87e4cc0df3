import { z } from 'zod';
import type { CallDocument, Turn, Word } from '../schemas/call-document.js';
import type { TranscribeCallAnalyticsOutput, TranscriptTurn } from '../schemas/transcribe-call-analytics.js';
import { PIPELINE_VERSION } from './pipeline-version.js';
import { categoryName, transcribeInsights } from './transcribe/insights.js';

/** Lineage engines of the two Call Analytics outputs debrief reads. */
export const TRANSCRIBE_ENGINE = {
  batch: 'amazon-transcribe-call-analytics',
  'real-time': 'amazon-transcribe-call-analytics-streaming',
} as const;

export interface CallSources {
  transcript: string;
  ctr: string | null;
  recording: string | null;
  audio: string | null;
  redactedAudio?: string | null;
}

/** The stamp the embedded speech engine (or a converted standard Transcribe job) writes. */
const EngineStamp = z.looseObject({
  engine: z.string(),
  version: z.string(),
  model: z.string().nullable().optional(),
  modelHash: z.string().nullable().optional(),
  note: z.string().nullable().optional(),
  roleSource: z.enum(['channel', 'speaker-diarization']).optional(),
});

export interface BuildCallDocumentInput {
  callId: string;
  transcript: TranscribeCallAnalyticsOutput;
  sources: CallSources;
  /** Wall-clock time of the recording start (ISO-8601), when known. */
  startedAt: string | null;
  /** Partition date used when no start time is known (e.g. the drop's upload date). */
  fallbackDt: string;
}

const toWords = (turn: TranscriptTurn): Word[] =>
  turn.Items.map((item) => ({
    text: item.Content,
    beginMs: item.BeginOffsetMillis ?? turn.BeginOffsetMillis,
    endMs: item.EndOffsetMillis ?? item.BeginOffsetMillis ?? turn.BeginOffsetMillis,
    confidence: item.Confidence ?? item.Redaction?.[0]?.Confidence ?? null,
    redaction: item.Redaction?.[0]?.Type ?? null,
    punctuation: item.Type === 'punctuation',
  }));

const mean = (values: readonly (number | null)[]): number | null => {
  const present = values.filter((v): v is number => typeof v === 'number');
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
};

/** Total time covered by the union of the given spans (overlapping turns counted once). */
export const coveredMs = (spans: readonly { beginMs: number; endMs: number }[]): number => {
  const sorted = [...spans].sort((a, b) => a.beginMs - b.beginMs);
  let total = 0;
  let curBegin = -1;
  let curEnd = -1;
  for (const s of sorted) {
    if (s.beginMs > curEnd) {
      total += curEnd - curBegin;
      curBegin = s.beginMs;
      curEnd = s.endMs;
    } else if (s.endMs > curEnd) {
      curEnd = s.endMs;
    }
  }
  return total + (curEnd - curBegin);
};

/** UTC calendar date of an ISO-8601 instant. */
/** The metrics of a call with no speech timed: a CTR-only call, or an evaluation call written as text. */
export const noTalkMetrics = (): CallDocument['metrics'] => ({
  agentTalkMs: 0,
  customerTalkMs: 0,
  nonTalkMs: 0,
  interruptions: 0,
  agentSentiment: null,
  customerSentiment: null,
  agentWpm: null,
  customerWpm: null,
});

/** The pipeline's own lineage entry, which every call document starts with. */
export const pipelineLineage = (): CallDocument['lineage']['pipeline'] => ({
  engine: 'debrief',
  version: PIPELINE_VERSION,
  model: null,
  promptHash: null,
  note: null,
});

export const utcDate = (iso: string): string => new Date(iso).toISOString().slice(0, 10);

/**
 * The canonical call document as Transcribe sees it: roles are still channel roles (everything
 * on the agent channel is AGENT) until MergeCtr re-tags IVR prompts and names agents.
 */
export const buildCallDocument = (input: BuildCallDocumentInput): CallDocument => {
  const { transcript: tca } = input;
  const turns: Turn[] = [...tca.Transcript]
    .sort((a, b) => a.BeginOffsetMillis - b.BeginOffsetMillis || a.EndOffsetMillis - b.EndOffsetMillis)
    .map((t, index) => ({
      index,
      channel: t.ParticipantRole,
      role: t.ParticipantRole,
      agentId: null,
      agentName: null,
      beginMs: t.BeginOffsetMillis,
      endMs: t.EndOffsetMillis,
      text: t.Content,
      sentiment: t.Sentiment ?? null,
      loudnessMean: mean(t.LoudnessScores ?? []),
      words: toWords(t),
      toxicity: null,
      toxicityLabel: null,
      toxicityLabels: [],
    }));
  const cc = tca.ConversationCharacteristics;
  const talk = (role: 'AGENT' | 'CUSTOMER') =>
    cc?.TalkTime?.DetailsByParticipant[role]?.TotalTimeMillis ??
    coveredMs(turns.filter((t) => t.channel === role));
  const lastEnd = turns.reduce((m, t) => Math.max(m, t.endMs), 0);
  const durationMs = cc?.TotalConversationDurationMillis ?? lastEnd;
  const spoken = coveredMs(turns);
  const stamp = EngineStamp.safeParse((tca as Record<string, unknown>).DebriefEngine);
  const engine = stamp.success ? stamp.data : null;
  const insights = transcribeInsights(tca);
  const redactedNote = tca.ContentMetadata?.Output === 'Redacted' ? 'PII redacted' : null;
  const jobName = tca.JobName ?? tca.SessionId ?? 'unnamed';
  return {
    schemaVersion: 1,
    callId: input.callId,
    dt: input.startedAt ? utcDate(input.startedAt) : input.fallbackDt,
    conversationId: null,
    startedAt: input.startedAt ? new Date(input.startedAt).toISOString() : null,
    durationMs,
    language: tca.LanguageCode,
    redacted: tca.ContentMetadata?.Output === 'Redacted',
    hasRecording: true,
    sources: { ...input.sources, redactedAudio: input.sources.redactedAudio ?? null },
    roleSource: engine?.roleSource ?? 'channel',
    turns,
    metrics: {
      agentTalkMs: talk('AGENT'),
      customerTalkMs: talk('CUSTOMER'),
      nonTalkMs: cc?.NonTalkTime?.TotalTimeMillis ?? Math.max(0, durationMs - spoken),
      interruptions: cc?.Interruptions?.TotalCount ?? 0,
      agentSentiment: cc?.Sentiment?.OverallSentiment?.AGENT ?? null,
      customerSentiment: cc?.Sentiment?.OverallSentiment?.CUSTOMER ?? null,
      agentWpm: cc?.TalkSpeed?.DetailsByParticipant.AGENT?.AverageWordsPerMinute ?? null,
      customerWpm: cc?.TalkSpeed?.DetailsByParticipant.CUSTOMER?.AverageWordsPerMinute ?? null,
    },
    categories: [...new Set((tca.Categories?.MatchedCategories ?? []).map(categoryName))].filter(Boolean),
    transcribe: insights,
    journey: null,
    enrichment: {},
    problems: [],
    pii: null,
    lineage: {
      pipeline: pipelineLineage(),
      // `version` names the job (batch) or the streaming session (real-time) that produced it;
      // a transcript made by the embedded engine (or converted from a mono job) names that engine.
      transcript: engine
        ? {
            engine: engine.engine,
            version: engine.version,
            model: engine.model ?? null,
            promptHash: engine.modelHash ?? null,
            note: [`job ${jobName}`, engine.note].filter(Boolean).join('; '),
          }
        : {
            engine: TRANSCRIBE_ENGINE[insights.source],
            version: jobName,
            model: null,
            promptHash: null,
            note: redactedNote,
          },
    },
  };
};
