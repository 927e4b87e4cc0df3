import { CallDocument, type TurnRole } from '../../schemas/call-document.js';

/** A merged call document with the given turns (role, text), 5 s apart, everything else empty. */
export const callWithTurns = (
  turns: readonly (readonly [TurnRole, string])[],
  callId = 'call-1',
): CallDocument =>
  CallDocument.parse({
    schemaVersion: 1,
    callId,
    dt: '2026-01-01',
    conversationId: null,
    startedAt: null,
    durationMs: turns.length * 5_000,
    language: 'en-US',
    redacted: true,
    sources: { transcript: `${callId}.tca.json`, ctr: null, recording: null, audio: null },
    turns: turns.map(([role, text], index) => ({
      index,
      channel: role === 'CUSTOMER' ? 'CUSTOMER' : 'AGENT',
      role,
      agentId: null,
      agentName: null,
      beginMs: index * 5_000,
      endMs: index * 5_000 + 4_000,
      text,
      sentiment: null,
      loudnessMean: null,
      words: [],
    })),
    metrics: {
      agentTalkMs: 0,
      customerTalkMs: 0,
      nonTalkMs: 0,
      interruptions: 0,
      agentSentiment: null,
      customerSentiment: null,
      agentWpm: null,
      customerWpm: null,
    },
    categories: [],
    journey: null,
    enrichment: {},
    problems: [],
    lineage: {},
  });
