import { describe, expect, it } from 'vitest';
import { buildCallAnalyticsOutput, type TranscriptWord } from '../../core/speech/call-analytics-output.js';
import { transcribeInsights } from '../../core/transcribe/insights.js';
import { TranscribeCallAnalyticsOutput } from '../../schemas/transcribe-call-analytics.js';

const words = (text: string, atMs: number): TranscriptWord[] =>
  text.split(' ').map((w, i) => ({
    text: w,
    beginMs: atMs + i * 400,
    endMs: atMs + i * 400 + 300,
    confidence: 0.9,
    redaction: null,
  }));

describe('the embedded engine’s Call Analytics document', () => {
  it('gives no sentiment to a party that never spoke (a one-sided recording), not a neutral 0', () => {
    // Prepare: the agent speaks; the customer's channel stayed silent
    const input = {
      jobName: 'one-sided',
      languageCode: 'en-US',
      durationMs: 20_000,
      hopMs: 1000,
      channels: [
        {
          role: 'AGENT' as const,
          words: [
            ...words('thank you for calling how can i help', 0),
            ...words('great that is resolved', 8000),
          ],
          speech: [],
          levels: new Float32Array(20),
        },
        { role: 'CUSTOMER' as const, words: [], speech: [], levels: new Float32Array(20) },
      ],
      metrics: { talkMs: { AGENT: 5000, CUSTOMER: 0 }, nonTalk: [], interruptions: [] },
      sentiment: (text: string) =>
        text.includes('great')
          ? { label: 'POSITIVE' as const, score: 3 }
          : { label: 'NEUTRAL' as const, score: 0 },
      redacted: false,
      engine: {
        engine: 'test',
        version: '0',
        model: 'test',
        modelHash: null,
        note: null,
        roleSource: 'channel' as const,
        redaction: null,
      },
    };
    // Act
    const doc = buildCallAnalyticsOutput(input);
    // Assess
    const sentiment = doc.ConversationCharacteristics?.Sentiment;
    expect(sentiment?.OverallSentiment).toEqual({ AGENT: 1.5 });
    expect(Object.keys(sentiment?.SentimentByPeriod?.QUARTER ?? {})).toEqual(['AGENT']);
    expect(TranscribeCallAnalyticsOutput.safeParse(doc).success).toBe(true);
    expect(transcribeInsights(doc).sentimentByQuarter.filter((q) => q.role === 'CUSTOMER')).toEqual([]);
  });
});
