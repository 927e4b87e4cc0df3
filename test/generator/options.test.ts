import { describe, expect, it } from 'vitest';
import { generateCall, type TimestampStyle } from '../../generator/index.js';
import { readGeneratedCall } from './generated-call-reader.js';

const STYLE_PATTERNS: Record<TimestampStyle, RegExp> = {
  'utc-millis': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
  'utc-seconds': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
  'offset-compact': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/,
  'offset-colon': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/,
  'offset-local': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}-05:00$/,
};

describe('generateCall options', () => {
  it.each(Object.keys(STYLE_PATTERNS) as TimestampStyle[])(
    'writes %s timestamps that denote the same instants',
    (style) => {
      // Act
      const call = generateCall({ seed: 3, timestampStyle: style, recordingTimestampStyle: style });
      const { ctr, recording } = readGeneratedCall(call);

      // Assess
      const stamps = ctr!.participants.flatMap((p) =>
        p.sessions.flatMap((s) => s.segments.flatMap((g) => [g.segmentStart, g.segmentEnd!])),
      );
      for (const stamp of [ctr!.conversationStart, ...stamps, recording.startTime])
        expect(stamp).toMatch(STYLE_PATTERNS[style]);
      expect(Date.parse(ctr!.conversationStart)).toBe(Date.parse(call.truth.conversationStart));
    },
  );

  it('leaves the CTR out and keeps the recording metadata when ctr is missing', () => {
    // Act
    const call = generateCall({ seed: 4, ctr: 'missing' });

    // Assess
    expect(call.files.map((f) => f.name)).toEqual([
      `${call.callId}.tca.json`,
      `${call.callId}.recording.json`,
    ]);
    expect(call.truth.files.ctr).toBeNull();
    expect(call.truth.journey.agents.length).toBeGreaterThan(0);
  });

  it('uses the AWS sample names with naming pca', () => {
    // Act
    const call = generateCall({ seed: 4, naming: 'pca', callId: 'abc_123' });

    // Assess
    expect(call.files.map((f) => f.name)).toEqual([
      'abc_123.tca.json',
      'abc_123.wav_metadata.json',
      'abc_123.wav_call_metadata.json',
    ]);
  });

  it('keeps spoken PII with redact false', () => {
    // Act
    const call = generateCall({ seed: 5, redact: false });
    const { transcript } = readGeneratedCall(call);
    const contents = transcript.Transcript.map((t) => t.Content).join(' ');

    // Assess
    expect(transcript.ContentMetadata?.Output).toBe('Raw');
    expect(contents).not.toContain('[PII]');
    for (const pii of call.truth.pii) expect(contents.toLowerCase()).toContain(pii.spokenText.toLowerCase());
  });

  it('reports the true recording start when skewMs is 0', () => {
    // Act
    const call = generateCall({ seed: 6, skewMs: 0 });

    // Assess
    expect(call.truth.recording.reportedStartOffsetMs).toBe(call.truth.recording.trueStartOffsetMs);
  });

  it('makes a call of about ten minutes and 150 turns with turns: 150', () => {
    // Act
    const call = generateCall({ seed: 8, turns: 150 });

    // Assess
    expect(call.truth.recording.durationMs).toBeGreaterThan(7 * 60_000);
    expect(call.truth.recording.durationMs).toBeLessThan(15 * 60_000);
    expect(call.truth.transcript.turns).toBeGreaterThan(125);
    expect(call.truth.transcript.turns).toBeLessThan(190);
  });

  it('starts on the given day, or at the given instant', () => {
    // Act
    const day = generateCall({ seed: 9, startDate: '2025-11-20' });
    const instant = generateCall({ seed: 9, startDate: '2025-11-20T15:04:05.678Z' });

    // Assess
    expect(day.truth.conversationStart.slice(0, 10)).toBe('2025-11-20');
    expect(instant.truth.conversationStart).toBe('2025-11-20T15:04:05.678Z');
  });

  it('places an outbound call without IVR or queue, the customer answering first', () => {
    // Act
    const call = generateCall({ seed: 10, direction: 'outbound', transfer: 'none' });
    const { ctr } = readGeneratedCall(call);

    // Assess
    expect(ctr!.originatingDirection).toBe('outbound');
    expect(ctr!.participants.map((p) => p.purpose)).toEqual(['external', 'agent']);
    expect(call.truth.journey.ivrMs + call.truth.journey.queueMs).toBe(0);
    expect(call.truth.speech[0]!.role).toBe('CUSTOMER');
    expect(call.truth.scenario.mixedFirstTurn).toBe(false);
  });

  it('holds, transfers and ends the call as asked', () => {
    // Act
    const held = generateCall({ seed: 11, hold: true, agents: 1 });
    const consult = generateCall({ seed: 11, transfer: 'consult', agents: 3 });
    const callback = generateCall({ seed: 11, outcome: 'callback' });

    // Assess
    expect(held.truth.segments.some((s) => s.segmentType === 'hold')).toBe(true);
    expect(held.truth.journey.holdMs).toBeGreaterThanOrEqual(15_000);
    expect(consult.truth.journey.transfers.map((t) => t.kind)).toEqual(['consult', 'consult']);
    expect(new Set(consult.truth.speech.filter((s) => s.role === 'AGENT').map((s) => s.agentId)).size).toBe(
      3,
    );
    expect(callback.truth.reference).toMatchObject({ resolved: false, callbackNeeded: true });
    const { transcript } = readGeneratedCall(callback);
    expect(transcript.Transcript.some((t) => t.ActionItemsDetected?.length)).toBe(true);
  });

  it('rejects contradictory options', () => {
    expect(() => generateCall({ seed: 1, agents: 1, transfer: 'blind' })).toThrow(/at least two agents/);
    expect(() => generateCall({ seed: 1, agents: 2, transfer: 'none' })).toThrow(/transfer kind/);
    expect(() => generateCall({ seed: 1, direction: 'outbound', mixedFirstTurn: true })).toThrow(/outbound/);
    expect(() => generateCall({ seed: 1, callId: 'has space' })).toThrow(/job names/);
  });
});
