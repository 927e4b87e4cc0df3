import { describe, expect, it } from 'vitest';
import { mergeCtr } from '../../core/ctr/merge.js';
import type { CallDocument } from '../../schemas/call-document.js';
import { RecordingMetadata } from '../../schemas/genesys-conversation.js';
import { callDocument, simpleCtr, tcaTurn } from './call-builder.js';

const KEY = 'k';
const T0 = Date.UTC(2026, 11, 1, 10, 30, 0);
const who = (doc: CallDocument) => doc.turns.map((t) => `${t.role}:${t.agentId ?? ''}:${t.text}`);

/**
 * A transfer call (the trial's shape): IVR 0–20 s, queue 20–35 s, Dana answers at 35 s and hands
 * the caller to Lee at 90 s, Lee until 150 s, wrap-up to 160 s.
 */
const transfer = simpleCtr({
  startMs: T0,
  ivr: [0, 20_000],
  queue: [20_000, 35_000],
  agents: [
    { userId: 'u-dana', name: 'Dana Smith', interact: [[35_000, 90_000]], wrapup: [90_000, 100_000] },
    { userId: 'u-lee', name: 'Lee Park', interact: [[92_000, 150_000]], wrapup: [150_000, 160_000] },
  ],
});

/** What was said, at conversation times (ms from T0). */
const PROMPTS = [
  { atMs: 1_000, text: 'Welcome to Acme Bank. Calls are recorded.' },
  { atMs: 21_000, text: 'All our agents are busy. Please hold.' },
] as const;
const DANA = [
  { atMs: 36_000, text: 'Thank you for calling, this is Dana, how can I help?' },
  { atMs: 45_000, text: 'I can look at that for you.' },
  { atMs: 55_000, text: 'Can you confirm your date of birth?' },
  { atMs: 70_000, text: 'Thank you, I see the payment.' },
  { atMs: 84_000, text: 'I will put you through to billing.' },
] as const;
const LEE = [
  { atMs: 93_000, text: 'Hello, this is Lee in billing.' },
  { atMs: 110_000, text: 'I have reversed the fee for you.' },
  { atMs: 130_000, text: 'It will show in two days.' },
  { atMs: 146_000, text: 'Thank you, goodbye.' },
] as const;
const CUSTOMER = [
  { atMs: 40_000, text: 'I was charged twice.' },
  { atMs: 50_000, text: 'Thank you.' },
  { atMs: 60_000, text: 'The first of May.' },
  { atMs: 100_000, text: 'About the fee.' },
  { atMs: 120_000, text: 'Great, thanks.' },
  { atMs: 140_000, text: 'Bye.' },
] as const;

/**
 * The call as a recording that starts `startMs` into the conversation (offsets shifted back,
 * what was said before it is not on it) and ends at `endMs` (the customer's hang-up). `audio`:
 * transcribed from a recording of that length, else a transcript only.
 */
const recorded = (startMs: number, audio: boolean, endMs = 150_000): CallDocument => {
  const turns = [
    ...[...PROMPTS, ...DANA, ...LEE].map((p) => ({ role: 'AGENT' as const, ...p })),
    ...CUSTOMER.map((p) => ({ role: 'CUSTOMER' as const, ...p })),
  ]
    .filter((p) => p.atMs >= startMs && p.atMs < endMs)
    .sort((a, b) => a.atMs - b.atMs)
    .map((p) => tcaTurn(p.role, { atMs: p.atMs - startMs, text: p.text }));
  const doc = callDocument(turns);
  return audio
    ? { ...doc, durationMs: endMs - startMs, sources: { ...doc.sources, audio: 'inbox/call-1.wav' } }
    : doc;
};

const merge = (doc: CallDocument, startTime?: string) =>
  mergeCtr(
    doc,
    { ctr: transfer, recording: startTime ? RecordingMetadata.parse({ startTime }) : null },
    { aniHashKey: KEY },
  );
const iso = (ms: number) => new Date(T0 + ms).toISOString();

/** Who said what, as the merge should tag it when the recording is placed right. */
const expected = (startMs: number) =>
  [
    ...PROMPTS.map((p) => ({ ...p, tag: 'IVR:' })),
    ...DANA.map((p) => ({ ...p, tag: 'AGENT:u-dana' })),
    ...LEE.map((p) => ({ ...p, tag: 'AGENT:u-lee' })),
    ...CUSTOMER.map((p) => ({ ...p, tag: 'CUSTOMER:' })),
  ]
    .filter((p) => p.atMs >= startMs)
    .sort((a, b) => a.atMs - b.atMs)
    .map((p) => `${p.tag}:${p.text}`);

describe('a recording without a start time that starts when the agent answers (trial-genesys: a transfer call cut at the answer)', () => {
  it('is placed at the first agent answer, each agent credited with their own speech, and the note says so', () => {
    // Prepare: the recording starts at Dana's answer (35 s) and ends with the conversation
    const doc = recorded(35_000, true);

    // Act
    const merged = merge(doc);
    const anchored = merge(doc, iso(35_000));

    // Assess
    expect(merged.journey?.ctrStatus).toBe('matched');
    expect(merged.journey?.timeBase).toBe('inferred-agent-answer');
    expect(who(merged)).toEqual(expected(35_000));
    expect(who(merged)).toEqual(who(anchored));
    expect(merged.metrics.agentTalkMs).toBe(anchored.metrics.agentTalkMs);
    expect(merged.journey?.agents.map((a) => a.agentId)).toEqual(['u-dana', 'u-lee']);
    expect(merged.journey?.note).toMatch(
      /^no recording start time: with the recording at the conversation start, \d+ s of agent-channel speech falls in IVR\/queue time .*the recording is taken to start when the first agent answered \(10:30:35 UTC, time_base inferred-agent-answer\): drop recording metadata/,
    );
    expect(merged.lineage.ctr?.note).toContain('timeBase=inferred-agent-answer');
    expect(merged.lineage.ctr?.note).toContain(`recordingStart=${iso(35_000)}`);
  });

  it('infers nothing from a transcript alone (it may cover part of a call): conversation-start, no note, as before', () => {
    // Act
    const merged = merge(recorded(35_000, false));

    // Assess
    expect(merged.journey?.timeBase).toBe('conversation-start');
    expect(merged.journey?.note).toBeNull();
  });

  it('a recording that starts in the queue, with its audio length, is placed so that it ends with the conversation', () => {
    // Prepare: the recording starts at the queue (20 s): the queue announcement, then Dana
    const doc = recorded(20_000, true);

    // Act
    const merged = merge(doc);

    // Assess
    expect(merged.journey?.timeBase).toBe('inferred-recording-end');
    expect(who(merged)).toEqual(expected(20_000));
    expect(merged.lineage.ctr?.note).toContain(`recordingStart=${iso(20_000)}`);
  });

  it('a recording from the conversation start (IVR prompts on the agent channel) is unchanged: conversation-start, no note', () => {
    // Prepare
    const withAudio = recorded(0, true);
    const transcriptOnly = recorded(0, false);

    // Act
    const merged = merge(withAudio);
    const fromTranscript = merge(transcriptOnly);
    const anchored = merge(withAudio, iso(0));

    // Assess
    for (const m of [merged, fromTranscript]) {
      expect(m.journey?.timeBase).toBe('conversation-start');
      expect(m.journey?.note).toBeNull();
      expect(who(m)).toEqual(expected(0));
      expect(m.lineage.ctr?.note).toContain(`recordingStart=${iso(0)}`);
    }
    expect(who(merged)).toEqual(who(anchored));
  });

  it('a recording from the conversation start that stops before a post-call survey IVR is unchanged (the review: a tail after the agents read as a later start)', () => {
    // Prepare: the transfer call with a survey IVR after Lee (150–185 s); the recording ends at 150 s
    const withSurvey = structuredClone(transfer);
    const ivr = withSurvey.participants.find((p) => p.purpose === 'ivr')!;
    ivr.sessions[0]!.segments.push({
      ...ivr.sessions[0]!.segments[0]!,
      segmentStart: iso(150_000),
      segmentEnd: iso(185_000),
    });
    withSurvey.conversationEnd = iso(185_000);
    const doc = recorded(0, true);

    // Act
    const merged = mergeCtr(doc, { ctr: withSurvey, recording: null }, { aniHashKey: KEY });

    // Assess
    expect(merged.journey?.timeBase).toBe('conversation-start');
    expect(merged.journey?.note).toBeNull();
    expect(who(merged)).toEqual(expected(0));
  });

  it('recording metadata with a start time is used as is (no inference)', () => {
    // Act: the cut recording, anchored (wrongly) at the conversation start by its metadata
    const merged = merge(recorded(35_000, true), iso(0));

    // Assess
    expect(merged.journey?.timeBase).toBe('recording-metadata');
    expect(merged.journey?.note).toBeNull();
  });

  it('ambiguous evidence (a recording from the answer that stops 20 s before the conversation ends: the answer and the end disagree) keeps conversation-start and warns', () => {
    // Prepare: the recording starts at Dana's answer (35 s) and stops at 130 s
    const doc = recorded(35_000, true, 130_000);

    // Act
    const merged = merge(doc);

    // Assess
    expect(merged.journey?.ctrStatus).toBe('matched');
    expect(merged.journey?.timeBase).toBe('conversation-start');
    expect(merged.lineage.ctr?.note).toContain(`recordingStart=${iso(0)}`);
    expect(merged.journey?.note).toMatch(
      /^no recording start time: with the recording at the conversation start, \d+ s of agent-channel speech falls in IVR\/queue time before any agent answered and the recording ends \d+ s before the last agent's talk, but the first agent's answer and the recording's end disagree \(10:30:35 UTC or 10:30:55 UTC\) \(a queue or agent recording\?\); offsets kept at the conversation start: drop recording metadata \(<call>\.recording\.json \{"startTime": …\}\) to anchor them$/,
    );
  });
});
