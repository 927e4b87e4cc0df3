import type { TranscribeCallAnalyticsOutput } from '../../schemas/transcribe-call-analytics.js';
import { redactionsOf, type TranscribeStandardOutput } from '../../schemas/transcribe-standard.js';
import { ENGINE_STAMP_FIELD, TURN_BREAK_MS } from './call-analytics-output.js';
import { agentSpeaker } from './diarization.js';

/**
 * A mono recording goes through a standard Transcribe job with speaker labels; this turns its
 * output into the Call Analytics shape LoadCall reads. Transcribe labels speakers spk_0/spk_1,
 * not agent/customer: the agent is the first speaker with a greeting cue ("thank you for
 * calling", "my name is"…), else the first to speak, and the document says so
 * (roleSource speaker-diarization), so no analyst mistakes the roles for channel facts.
 * Conversation characteristics Call Analytics would measure (sentiment, interruptions…) are
 * not invented: only talk time and duration, which the words give.
 */
const ms = (s: string | undefined): number => Math.round(Number(s ?? 0) * 1000);

export const standardToCallAnalytics = (
  standard: TranscribeStandardOutput,
  languageCode: string,
  stamp: { version: string },
): TranscribeCallAnalyticsOutput => {
  type Draft = { speaker: string; items: TranscribeStandardOutput['results']['items'] };
  const turns: Draft[] = [];
  let lastEnd = -Infinity;
  for (const item of standard.results.items) {
    const last = turns.at(-1);
    if (item.type === 'punctuation') {
      last?.items.push(item);
      continue;
    }
    const speaker = item.speaker_label ?? 'spk_0';
    if (!last || last.speaker !== speaker || ms(item.start_time) - lastEnd >= TURN_BREAK_MS)
      turns.push({ speaker, items: [item] });
    else last.items.push(item);
    lastEnd = ms(item.end_time);
  }
  const textOf = (t: Draft) =>
    t.items
      .map((i) => (i.type === 'punctuation' ? i.alternatives[0]!.content : ` ${i.alternatives[0]!.content}`))
      .join('')
      .trim();
  const speakers = turns.map((t) => (t.speaker === turns[0]?.speaker ? 0 : 1));
  const agent = agentSpeaker(speakers, turns.map(textOf));
  const agentLabel = turns.find((_, i) => speakers[i] === agent.speaker)?.speaker ?? 'spk_0';
  const role = (speaker: string) => (speaker === agentLabel ? ('AGENT' as const) : ('CUSTOMER' as const));
  const transcript = turns.map((t) => {
    const words = t.items.filter((i) => i.type === 'pronunciation');
    let lastWordEnd = ms(words[0]?.start_time);
    return {
      ParticipantRole: role(t.speaker),
      Content: textOf(t),
      BeginOffsetMillis: ms(words[0]?.start_time),
      EndOffsetMillis: ms(words.at(-1)?.end_time),
      Items: t.items.map((i) => {
        if (i.type === 'punctuation')
          return {
            Type: 'punctuation' as const,
            Content: i.alternatives[0]!.content,
            BeginOffsetMillis: lastWordEnd,
            EndOffsetMillis: lastWordEnd,
          };
        lastWordEnd = ms(i.end_time);
        const redactions = redactionsOf(i);
        const base = {
          Type: 'pronunciation' as const,
          Content: i.alternatives[0]!.content,
          BeginOffsetMillis: ms(i.start_time),
          EndOffsetMillis: ms(i.end_time),
        };
        return redactions?.length
          ? {
              ...base,
              Redaction: redactions.map((r) => ({
                Type: r.type ?? 'PII',
                Category: r.category ?? 'PII',
                Confidence: Number(r.confidence ?? 0),
              })),
            }
          : { ...base, Confidence: Number(i.alternatives[0]!.confidence ?? 0) };
      }),
    };
  });
  const talk = (r: 'AGENT' | 'CUSTOMER') =>
    transcript
      .filter((t) => t.ParticipantRole === r)
      .reduce((n, t) => n + t.EndOffsetMillis - t.BeginOffsetMillis, 0);
  const redacted = standard.results.items.some((i) => redactionsOf(i)?.length);
  return {
    JobName: standard.jobName,
    JobStatus: 'COMPLETED',
    LanguageCode: standard.results.language_code ?? languageCode,
    Channel: 'VOICE',
    ContentMetadata: redacted ? { Output: 'Redacted', RedactionTypes: ['PII'] } : { Output: 'Raw' },
    Participants: [{ ParticipantRole: 'AGENT' }, { ParticipantRole: 'CUSTOMER' }],
    Transcript: transcript,
    ConversationCharacteristics: {
      TotalConversationDurationMillis: Math.max(0, ...transcript.map((t) => t.EndOffsetMillis)),
      TalkTime: {
        TotalTimeMillis: talk('AGENT') + talk('CUSTOMER'),
        DetailsByParticipant: {
          AGENT: { TotalTimeMillis: talk('AGENT') },
          CUSTOMER: { TotalTimeMillis: talk('CUSTOMER') },
        },
      },
    },
    [ENGINE_STAMP_FIELD]: {
      engine: 'amazon-transcribe',
      version: stamp.version,
      model: 'standard transcription with speaker labels (mono recording)',
      modelHash: null,
      note: `mono recording: speakers from Transcribe's speaker labels; agent = ${agent.evidence}`,
      roleSource: 'speaker-diarization',
      redaction: null,
    },
  };
};
