import { describe, expect, it } from 'vitest';
import { mergeCtr } from '../../core/ctr/merge.js';
import { GenesysConversation } from '../../schemas/genesys-conversation.js';
import { callDocument, tcaTurn } from './call-builder.js';

const T0 = Date.UTC(2026, 10, 30, 15, 10, 0);
const at = (ms: number) => new Date(T0 + ms).toISOString();
const seg = (segmentType: string, b: number, e: number, extra: Record<string, unknown> = {}) => ({
  segmentStart: at(b),
  segmentEnd: at(e),
  segmentType,
  ...extra,
});
const metrics = (m: Record<string, number>) =>
  Object.entries(m).map(([name, value]) => ({ name, value, emitDate: at(120_000) }));

/**
 * The trial's consult transfer (trial-genesys, c0a1e7b2-2222): John talks 20–50 s, holds the
 * caller 50–80 s while his consult leg dials Sarah (50–55 s) and talks to her (55–80 s), is back
 * 80–90 s and wraps up 90–100 s; Sarah has the caller 55–120 s and wraps up 120–130 s. The
 * record's own figures: John tHandle 80 s (40 talk + 30 held + 10 ACW), Sarah 75 s: 155 s.
 */
const consult = GenesysConversation.parse({
  conversationId: 'conv-consult',
  conversationStart: at(0),
  conversationEnd: at(120_000),
  originatingDirection: 'inbound',
  participants: [
    {
      participantId: 'p-cust',
      purpose: 'customer',
      sessions: [{ mediaType: 'voice', ani: 'tel:+15125550142', segments: [seg('interact', 0, 120_000)] }],
    },
    { purpose: 'ivr', sessions: [{ mediaType: 'voice', segments: [seg('ivr', 0, 8_000)] }] },
    {
      purpose: 'acd',
      sessions: [
        { mediaType: 'voice', segments: [seg('interact', 8_000, 20_000, { queueId: 'q-billing' })] },
      ],
    },
    {
      participantId: 'p-john',
      participantName: 'John Smith',
      purpose: 'agent',
      userId: 'u-john',
      sessions: [
        {
          mediaType: 'voice',
          metrics: metrics({ tTalk: 40_000, tHeld: 30_000, tAcw: 10_000, tHandle: 80_000 }),
          segments: [
            seg('alert', 18_000, 20_000),
            seg('interact', 20_000, 50_000),
            seg('hold', 50_000, 80_000),
            seg('interact', 80_000, 90_000, { disconnectType: 'transfer' }),
            seg('wrapup', 90_000, 100_000, { wrapUpCode: 'wc-transfer' }),
          ],
        },
      ],
    },
    {
      participantId: 'p-john-consult',
      participantName: 'John Smith',
      purpose: 'agent',
      userId: 'u-john',
      sessions: [
        {
          mediaType: 'voice',
          segments: [
            seg('dialing', 50_000, 55_000),
            seg('interact', 55_000, 80_000, { disconnectType: 'transfer' }),
          ],
        },
      ],
    },
    {
      participantId: 'p-sarah',
      participantName: 'Sarah Kim',
      purpose: 'agent',
      userId: 'u-sarah',
      sessions: [
        {
          mediaType: 'voice',
          metrics: metrics({ tTalk: 65_000, tAcw: 10_000, tHandle: 75_000 }),
          segments: [
            seg('alert', 52_000, 55_000),
            seg('interact', 55_000, 120_000, { disconnectType: 'peer' }),
            seg('wrapup', 120_000, 130_000, { wrapUpCode: 'wc-cancel' }),
          ],
        },
      ],
    },
  ],
});

describe("a consult's dialing while the agent holds the caller (found by trial-genesys: handle 160 s against the record's 155 s)", () => {
  it("counts once: the agents' handle time is the record's tHandle (John 80 s + Sarah 75 s)", () => {
    // Prepare
    const doc = callDocument([tcaTurn('AGENT', { atMs: 21_000, text: 'Billing, John speaking.' })]);

    // Act
    const j = mergeCtr(doc, { ctr: consult, recording: null }, { aniHashKey: 'k' }).journey!;

    // Assess: talk, hold and ACW as the record says; the 5 s of dialing lie inside John's hold
    expect(j.agents.map((a) => [a.agentId, a.talkMs, a.holdMs, a.acwMs])).toEqual([
      ['u-john', 40_000, 30_000, 10_000],
      ['u-sarah', 65_000, 0, 10_000],
    ]);
    expect(j.handleMs).toBe(155_000);
  });
});
