import { describe, expect, it } from 'vitest';
import { loadCategories } from '../../adapters/local/categories-file.js';
import { evaluateCategories, evaluateRule, ruleRange } from '../../core/categories/evaluate-categories.js';
import { CategoryConfig } from '../../schemas/categories.js';
import type { TranscribeCallAnalyticsOutput } from '../../schemas/transcribe-call-analytics.js';

const turn = (role: 'AGENT' | 'CUSTOMER', begin: number, text: string, sentiment = 'NEUTRAL') => ({
  ParticipantRole: role,
  Content: text,
  BeginOffsetMillis: begin,
  EndOffsetMillis: begin + text.split(' ').length * 400,
  Sentiment: sentiment as 'NEUTRAL',
  Items: text.split(' ').map((w, i) => ({
    Type: 'pronunciation' as const,
    Content: w,
    BeginOffsetMillis: begin + i * 400,
    EndOffsetMillis: begin + i * 400 + 350,
  })),
});

const call: TranscribeCallAnalyticsOutput = {
  JobName: 'j',
  LanguageCode: 'en-US',
  Transcript: [
    turn('AGENT', 1000, 'Thank you for calling, this is Dana.'),
    turn('CUSTOMER', 5000, 'I want to CANCEL my subscription today'),
    turn('AGENT', 10_000, 'I can help with that'),
    turn('CUSTOMER', 95_000, 'This is ridiculous, let me speak to your manager', 'NEGATIVE'),
  ],
  ConversationCharacteristics: {
    TotalConversationDurationMillis: 100_000,
    NonTalkTime: {
      TotalTimeMillis: 60_000,
      Instances: [{ BeginOffsetMillis: 20_000, EndOffsetMillis: 80_000 }],
    },
    Interruptions: {
      TotalCount: 2,
      InterruptionsByInterrupter: {
        AGENT: [
          { BeginOffsetMillis: 6000, EndOffsetMillis: 7500 },
          { BeginOffsetMillis: 96_000, EndOffsetMillis: 98_000 },
        ],
      },
    },
  },
} as TranscribeCallAnalyticsOutput;

describe('call categories evaluated locally (Transcribe rule semantics)', () => {
  it('phrases match whole words, ignoring case and punctuation, by participant', () => {
    const rule = {
      TranscriptFilter: {
        TranscriptFilterType: 'EXACT' as const,
        Targets: ['cancel my'],
        ParticipantRole: 'CUSTOMER' as const,
      },
    };
    expect(evaluateRule(rule, call)).toEqual({
      matched: true,
      points: [{ BeginOffsetMillis: 6200, EndOffsetMillis: 6950 }],
    });
    expect(
      evaluateRule({ TranscriptFilter: { ...rule.TranscriptFilter, ParticipantRole: 'AGENT' } }, call)
        .matched,
    ).toBe(false);
    expect(
      evaluateRule({ TranscriptFilter: { ...rule.TranscriptFilter, Targets: ['cance'] } }, call).matched,
    ).toBe(false);
    expect(
      evaluateRule(
        { TranscriptFilter: { ...rule.TranscriptFilter, Targets: ['Dana'], ParticipantRole: 'AGENT' } },
        call,
      ).matched,
    ).toBe(true);
  });

  it('time ranges: absolute, first/last, relative; Negate inverts and yields no points', () => {
    expect(ruleRange({ AbsoluteTimeRange: { First: 30_000 } }, 100_000)).toEqual({
      beginMs: 0,
      endMs: 30_000,
    });
    expect(ruleRange({ RelativeTimeRange: { Last: 20 } }, 100_000)).toEqual({
      beginMs: 80_000,
      endMs: 100_000,
    });
    expect(ruleRange({ RelativeTimeRange: { StartPercentage: 10, EndPercentage: 50 } }, 100_000)).toEqual({
      beginMs: 10_000,
      endMs: 50_000,
    });
    const manager = { TranscriptFilterType: 'EXACT' as const, Targets: ['your manager'] };
    expect(
      evaluateRule({ TranscriptFilter: { ...manager, RelativeTimeRange: { Last: 20 } } }, call).matched,
    ).toBe(true);
    expect(
      evaluateRule({ TranscriptFilter: { ...manager, AbsoluteTimeRange: { First: 60_000 } } }, call).matched,
    ).toBe(false);
    expect(
      evaluateRule(
        { TranscriptFilter: { ...manager, AbsoluteTimeRange: { First: 60_000 }, Negate: true } },
        call,
      ),
    ).toEqual({ matched: true, points: [] });
  });

  it('sentiment, interruptions (total against the threshold) and non-talk (one silence against the threshold)', () => {
    expect(
      evaluateRule(
        {
          SentimentFilter: {
            Sentiments: ['NEGATIVE'],
            ParticipantRole: 'CUSTOMER',
            RelativeTimeRange: { Last: 20 },
          },
        },
        call,
      ).matched,
    ).toBe(true);
    expect(
      evaluateRule({ SentimentFilter: { Sentiments: ['NEGATIVE'], ParticipantRole: 'AGENT' } }, call).matched,
    ).toBe(false);
    expect(
      evaluateRule({ InterruptionFilter: { ParticipantRole: 'AGENT', Threshold: 3500 } }, call).matched,
    ).toBe(true);
    expect(
      evaluateRule({ InterruptionFilter: { ParticipantRole: 'AGENT', Threshold: 4000 } }, call).matched,
    ).toBe(false);
    expect(evaluateRule({ InterruptionFilter: { ParticipantRole: 'CUSTOMER' } }, call).matched).toBe(false);
    expect(evaluateRule({ NonTalkTimeFilter: { Threshold: 60_000 } }, call)).toEqual({
      matched: true,
      points: [{ BeginOffsetMillis: 20_000, EndOffsetMillis: 80_000 }],
    });
    expect(evaluateRule({ NonTalkTimeFilter: { Threshold: 61_000 } }, call).matched).toBe(false);
  });

  it('the shipped config parses and flags what it should on this call (all rules of a category must match)', async () => {
    const categories = await loadCategories();
    expect(
      evaluateCategories(categories, call)
        .map((m) => m.category)
        .sort(),
    ).toEqual(['cancellation-risk', 'escalation-request', 'negative-ending']);
    const both = CategoryConfig.parse({
      categories: [
        {
          CategoryName: 'cancel-and-silence',
          Rules: [
            { TranscriptFilter: { TranscriptFilterType: 'EXACT', Targets: ['cancel'] } },
            { NonTalkTimeFilter: { Threshold: 90_000 } },
          ],
        },
      ],
    }).categories;
    expect(evaluateCategories(both, call)).toEqual([]);
  });

  it('refuses a config Transcribe would refuse, saying where', () => {
    const bad = CategoryConfig.safeParse({
      categories: [
        {
          CategoryName: 'two filters',
          Rules: [{ NonTalkTimeFilter: {}, SentimentFilter: { Sentiments: ['NEGATIVE'] } }],
        },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['categories.0.CategoryName']),
    );
  });
});
