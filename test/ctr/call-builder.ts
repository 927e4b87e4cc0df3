import { readFileSync } from 'node:fs';
import { buildCallDocument } from '../../core/call-document.js';
import type { CallDocument } from '../../schemas/call-document.js';
import { GenesysConversation } from '../../schemas/genesys-conversation.js';
import { TranscribeCallAnalyticsOutput } from '../../schemas/transcribe-call-analytics.js';

/** A stretch of speech: words laid out from `atMs`, `wordMs` long, `gapMs` apart. */
export interface Phrase {
  atMs: number;
  text: string;
  wordMs?: number;
  gapMs?: number;
}

export const WORD_MS = 300;
export const WORD_GAP_MS = 60;

const phraseItems = (p: Phrase) => {
  const wordMs = p.wordMs ?? WORD_MS;
  const gapMs = p.gapMs ?? WORD_GAP_MS;
  return p.text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((token, i) => {
      const begin = p.atMs + i * (wordMs + gapMs);
      const word = token.replace(/[.,?!]$/, '');
      const items: Record<string, unknown>[] = [
        {
          Type: 'pronunciation',
          Content: word,
          BeginOffsetMillis: begin,
          EndOffsetMillis: begin + wordMs,
          Confidence: 0.98,
        },
      ];
      if (word !== token) items.push({ Type: 'punctuation', Content: token.slice(-1), Confidence: 0 });
      return items;
    });
};

/** One Transcribe turn made of one or more phrases (an IVR prompt then a greeting, say). */
export const tcaTurn = (role: 'AGENT' | 'CUSTOMER', ...phrases: Phrase[]) => {
  const items = phrases.flatMap(phraseItems);
  const spoken = items.filter((i) => i.Type === 'pronunciation') as {
    BeginOffsetMillis: number;
    EndOffsetMillis: number;
  }[];
  return {
    ParticipantRole: role,
    Content: phrases.map((p) => p.text).join(' '),
    BeginOffsetMillis: spoken[0]!.BeginOffsetMillis,
    EndOffsetMillis: spoken[spoken.length - 1]!.EndOffsetMillis,
    Sentiment: 'NEUTRAL',
    Items: items,
  };
};

export const callDocument = (turns: unknown[], callId = 'call-1'): CallDocument =>
  buildCallDocument({
    callId,
    transcript: TranscribeCallAnalyticsOutput.parse({ JobName: `job-${callId}`, Transcript: turns }),
    sources: { transcript: `${callId}.tca.json`, ctr: null, recording: null, audio: null },
    startedAt: null,
    fallbackDt: '2026-01-01',
  });

export const fixtureCtr = (): GenesysConversation =>
  GenesysConversation.parse(
    JSON.parse(
      readFileSync(new URL('./fixtures/genesys-conversation-detail.example.json', import.meta.url), 'utf8'),
    ),
  );

const iso = (epochMs: number) => new Date(epochMs).toISOString();

export interface SimpleCall {
  startMs: number;
  ivr?: [number, number];
  queue?: [number, number];
  agents: {
    userId: string;
    name?: string;
    interact: [number, number][];
    hold?: [number, number][];
    wrapup?: [number, number];
    wrapUpCode?: string;
  }[];
}

/** A CTR from offsets (ms from `startMs`): handy for regression cases the fixture lacks. */
export const simpleCtr = (c: SimpleCall, conversationId = 'conv-1'): GenesysConversation => {
  const at = (ms: number) => iso(c.startMs + ms);
  const seg = (type: string, [b, e]: [number, number], extra: Record<string, unknown> = {}) => ({
    segmentStart: at(b),
    segmentEnd: at(e),
    segmentType: type,
    ...extra,
  });
  const ends = [
    ...(c.ivr ? [c.ivr[1]] : []),
    ...(c.queue ? [c.queue[1]] : []),
    ...c.agents.flatMap((a) => [...a.interact.map((s) => s[1]), ...(a.wrapup ? [a.wrapup[1]] : [])]),
  ];
  return GenesysConversation.parse({
    conversationId,
    conversationStart: at(0),
    conversationEnd: at(Math.max(...ends)),
    originatingDirection: 'inbound',
    participants: [
      {
        participantId: 'p-cust',
        purpose: 'customer',
        sessions: [
          {
            mediaType: 'voice',
            ani: 'tel:+15125550142',
            segments: [seg('interact', [0, Math.max(...ends)])],
          },
        ],
      },
      ...(c.ivr
        ? [{ purpose: 'ivr', sessions: [{ mediaType: 'voice', segments: [seg('ivr', c.ivr)] }] }]
        : []),
      ...(c.queue
        ? [
            {
              purpose: 'acd',
              sessions: [{ mediaType: 'voice', segments: [seg('interact', c.queue, { queueId: 'q-1' })] }],
            },
          ]
        : []),
      ...c.agents.map((a, i) => ({
        participantId: `p-agent-${i}`,
        participantName: a.name ?? a.userId,
        purpose: 'agent',
        userId: a.userId,
        sessions: [
          {
            mediaType: 'voice',
            segments: [
              ...a.interact.map((s) => seg('interact', s, { queueId: 'q-1' })),
              ...(a.hold ?? []).map((s) => seg('hold', s, { queueId: 'q-1' })),
              ...(a.wrapup ? [seg('wrapup', a.wrapup, { wrapUpCode: a.wrapUpCode ?? 'wc-done' })] : []),
            ],
          },
        ],
      })),
    ],
  });
};
