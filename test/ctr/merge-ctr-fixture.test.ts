import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mergeCtr } from '../../core/ctr/merge.js';
import { parseInstant } from '../../core/ctr/time.js';
import { CallDocument } from '../../schemas/call-document.js';
import { RecordingMetadata } from '../../schemas/genesys-conversation.js';
import { callDocument, fixtureCtr, tcaTurn } from './call-builder.js';

const KEY = 'test-key';
const ctr = fixtureCtr();
const start = parseInstant(ctr.conversationStart)!;
/** Offset (ms from the recording start, which is the conversation start here) of a fixture instant. */
const off = (iso: string) => parseInstant(iso)! - start;
const metric = (userId: string, name: string) =>
  ctr.participants.find((p) => p.userId === userId)!.sessions[0]!.metrics.find((m) => m.name === name)!.value;

// Speech laid over the fixture's timeline: IVR, queue, Dana, hold, Dana, hand-over, Lee.
const doc = callDocument([
  tcaTurn('AGENT', { atMs: 1_000, text: 'Welcome to Acme. For billing, press one.' }),
  tcaTurn('CUSTOMER', { atMs: 9_000, text: 'one' }),
  tcaTurn('AGENT', { atMs: 60_000, text: 'Your call is important to us.' }),
  tcaTurn(
    'AGENT',
    { atMs: off('2026-03-02T14:02:10.000Z'), text: 'Please continue to hold.' },
    { atMs: off('2026-03-02T14:02:14.500Z'), text: 'Thanks for holding, this is Dana.' },
  ),
  tcaTurn('CUSTOMER', { atMs: off('2026-03-02T14:02:18.000Z'), text: 'Hi, I want to cancel.' }),
  tcaTurn('AGENT', { atMs: off('2026-03-02T14:03:00.000Z'), text: 'Let me look at your account.' }),
  tcaTurn('AGENT', { atMs: off('2026-03-02T14:05:00.000Z'), text: 'Thank you for your patience.' }),
  tcaTurn('AGENT', { atMs: off('2026-03-02T14:05:45.000Z'), text: 'I will bring in retention.' }),
  tcaTurn('AGENT', { atMs: off('2026-03-02T14:06:30.000Z'), text: 'Hi, this is Lee from retention.' }),
  tcaTurn('CUSTOMER', { atMs: off('2026-03-02T14:06:35.000Z'), text: 'Hello Lee.' }),
  tcaTurn('AGENT', { atMs: off('2026-03-02T14:08:00.000Z'), text: 'I can offer you a discount.' }),
]);
const recording = RecordingMetadata.parse({
  conversationId: ctr.conversationId,
  startTime: '2026-03-02T14:00:00.120+0000',
});

describe('mergeCtr on the Genesys example record', () => {
  it('measures the journey the record describes', () => {
    // Act
    const merged = mergeCtr(doc, { ctr, recording }, { aniHashKey: KEY });

    // Assess
    const j = merged.journey!;
    expect(j.ctrStatus).toBe('matched');
    expect(j.timeBase).toBe('recording-metadata');
    expect(j.ivrMs).toBe(38_210);
    expect(j.queueMs).toBe(95_480);
    expect(j.holdMs).toBe(45_000);
    expect(j.transfers).toBe(1);
    expect(j.agentIds).toEqual(['u-dana', 'u-lee']);
    expect(j.agents.map((a) => [a.agentId, a.name, a.order])).toEqual([
      ['u-dana', 'Dana Smith', 1],
      ['u-lee', 'Lee Wong', 2],
    ]);
    expect(j.wrapupCodes).toEqual(['wc-transferred', 'wc-retained-discount']);
    expect(j.queueIds).toEqual(['q-billing', 'q-retention']);
    expect(j.direction).toBe('inbound');
  });

  it("agrees with the record's own metrics for the first agent", () => {
    // Act
    const dana = mergeCtr(doc, { ctr, recording }, { aniHashKey: KEY }).journey!.agents[0]!;

    // Assess
    expect(dana.talkMs).toBe(metric('u-dana', 'tTalkComplete'));
    expect(dana.holdMs).toBe(metric('u-dana', 'tHeldComplete'));
    expect(dana.acwMs).toBe(metric('u-dana', 'tAcw'));
    expect(dana.talkMs + dana.holdMs + dana.acwMs).toBe(metric('u-dana', 'tHandle'));
  });

  it('tags prompts, queue and hold messages IVR and names the agent of every other agent-channel turn', () => {
    // Act
    const merged = mergeCtr(doc, { ctr, recording }, { aniHashKey: KEY });

    // Assess
    const who = (text: string) =>
      merged.turns.filter((t) => t.text.startsWith(text)).map((t) => `${t.role}:${t.agentId ?? ''}`);
    expect(who('Welcome to Acme')).toEqual(['IVR:']);
    expect(who('Your call is important')).toEqual(['IVR:']);
    expect(who('Please continue to hold')).toEqual(['IVR:']);
    expect(who('Thanks for holding')).toEqual(['AGENT:u-dana']);
    expect(who('Let me look')).toEqual(['AGENT:u-dana']);
    expect(who('Thank you for your patience')).toEqual(['IVR:']);
    expect(who('I will bring in retention')).toEqual(['AGENT:u-dana']);
    expect(who('Hi, this is Lee')).toEqual(['AGENT:u-lee']);
    expect(who('I can offer')).toEqual(['AGENT:u-lee']);
    expect(who('one')).toEqual(['CUSTOMER:']);
    expect(merged.turns.find((t) => t.agentId === 'u-lee')!.agentName).toBe('Lee Wong');
  });

  it('fills the call identity, re-indexes the turns and stays a valid call document', () => {
    // Act
    const merged = mergeCtr(doc, { ctr, recording }, { aniHashKey: KEY });

    // Assess
    expect(CallDocument.parse(merged)).toEqual(merged);
    expect(merged.conversationId).toBe(ctr.conversationId);
    expect(merged.startedAt).toBe('2026-03-02T14:00:00.120Z');
    expect(merged.dt).toBe('2026-03-02');
    expect(merged.turns.map((t) => t.index)).toEqual(merged.turns.map((_, i) => i));
    expect(merged.turns).toHaveLength(doc.turns.length + 1);
    expect(merged.lineage.ctr?.engine).toBe('debrief-ctr-merge');
    expect(merged.lineage.ctr?.note).toContain('recordingStart=2026-03-02T14:00:00.120Z');
  });

  it('keeps a keyed hash of the caller number, never the number', () => {
    // Act
    const merged = mergeCtr(doc, { ctr, recording }, { aniHashKey: KEY });

    // Assess
    expect(merged.journey!.aniHash).toBe(createHmac('sha256', KEY).update('+15125550142').digest('hex'));
    expect(JSON.stringify(merged)).not.toContain('5550142');
    expect(mergeCtr(doc, { ctr, recording }, { aniHashKey: 'other' }).journey!.aniHash).not.toBe(
      merged.journey!.aniHash,
    );
  });

  it('takes IVR prompt time out of agent talk time', () => {
    // Act
    const merged = mergeCtr(doc, { ctr, recording }, { aniHashKey: KEY });

    // Assess
    const speech = (role: string) =>
      merged.turns.filter((t) => t.role === role).reduce((sum, t) => sum + t.endMs - t.beginMs, 0);
    expect(speech('IVR')).toBeGreaterThan(0);
    expect(merged.metrics.agentTalkMs).toBe(speech('AGENT'));
    const channelSpeech = doc.turns
      .filter((t) => t.channel === 'AGENT')
      .reduce((s, t) => s + t.endMs - t.beginMs, 0);
    expect(merged.metrics.agentTalkMs).toBe(channelSpeech - speech('IVR'));
  });
});
