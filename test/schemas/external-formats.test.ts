import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GenesysConversation, RecordingMetadata } from '../../schemas/genesys-conversation.js';
import { TranscribeCallAnalyticsOutput } from '../../schemas/transcribe-call-analytics.js';
import { CTR_FIXTURE, TCA_FIXTURE } from '../helpers/paths.js';

const load = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('external format schemas against the documented examples', () => {
  it('parses the Transcribe Call Analytics output example', () => {
    const out = TranscribeCallAnalyticsOutput.parse(load(TCA_FIXTURE));
    expect(out.Transcript).toHaveLength(2);
    expect(out.Transcript[0]?.Items[2]?.Redaction?.[0]?.Type).toBe('NAME');
    expect(out.ConversationCharacteristics?.Interruptions?.TotalCount).toBe(1);
  });

  it('tolerates fields it does not use (the service adds fields over time)', () => {
    const raw = load(TCA_FIXTURE);
    raw.NewTopLevelThing = { a: 1 };
    raw.Transcript[0].SomeNewAnnotation = [1, 2];
    const out = TranscribeCallAnalyticsOutput.parse(raw);
    expect((out as Record<string, unknown>).NewTopLevelThing).toEqual({ a: 1 });
  });

  it('rejects a transcript whose turn ends before it begins, or has an unknown role', () => {
    const raw = load(TCA_FIXTURE);
    raw.Transcript[0].EndOffsetMillis = 10;
    expect(TranscribeCallAnalyticsOutput.safeParse(raw).success).toBe(false);
    const raw2 = load(TCA_FIXTURE);
    raw2.Transcript[1].ParticipantRole = 'SUPERVISOR';
    expect(TranscribeCallAnalyticsOutput.safeParse(raw2).success).toBe(false);
  });

  it('parses the Genesys conversation detail example', () => {
    const ctr = GenesysConversation.parse(load(CTR_FIXTURE));
    expect(ctr.participants.map((p) => p.purpose)).toEqual(['customer', 'ivr', 'acd', 'agent', 'agent']);
    expect(ctr.participants[3]?.sessions[0]?.segments.map((s) => s.segmentType)).toEqual([
      'alert',
      'interact',
      'hold',
      'interact',
      'wrapup',
    ]);
  });

  it('rejects a conversation record without participants or id', () => {
    expect(
      GenesysConversation.safeParse({ conversationStart: '2026-03-02T14:00:00Z', participants: [] }).success,
    ).toBe(false);
  });

  it('parses recording metadata with offset timestamps', () => {
    expect(
      RecordingMetadata.parse({ conversationId: 'x', startTime: '2026-03-02T14:00:00.000+0000' }).startTime,
    ).toBe('2026-03-02T14:00:00.000+0000');
  });
});
