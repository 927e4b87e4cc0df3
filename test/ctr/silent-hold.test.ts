import { describe, expect, it } from 'vitest';
import { mergeCtr } from '../../core/ctr/merge.js';
import { callAgentsRows } from '../../core/rows.js';
import type { CallDocument } from '../../schemas/call-document.js';
import { callDocument, simpleCtr, tcaTurn } from './call-builder.js';

const T0 = Date.UTC(2026, 2, 2, 14, 0, 0);
const AT = '2026-03-02T15:00:00.000Z';

/**
 * fix20: a silent hold. Ann answers (0–60 s), holds the caller with no hold audio (60–120 s: the
 * hold segment is on Ann's participant, as Genesys writes it), comes back (120–180 s). During the
 * hold the caller mutters and swears; nothing plays on the agent channel.
 */
const silentHold = (): CallDocument => {
  const ctr = simpleCtr({
    startMs: T0,
    agents: [
      {
        userId: 'u-ann',
        name: 'Ann',
        interact: [
          [0, 60_000],
          [120_000, 180_000],
        ],
        hold: [[60_000, 120_000]],
        wrapup: [180_000, 200_000],
      },
    ],
  });
  const doc = callDocument([
    tcaTurn('AGENT', { atMs: 2_000, text: 'Hi, this is Ann, how can I help?' }),
    tcaTurn('CUSTOMER', { atMs: 10_000, text: 'My bill is wrong again.' }),
    tcaTurn('AGENT', { atMs: 50_000, text: 'Let me check, one moment please.' }),
    tcaTurn('CUSTOMER', { atMs: 80_000, text: 'Hello? This is ridiculous, damn it.' }),
    tcaTurn('AGENT', { atMs: 125_000, text: 'Thanks for waiting, I fixed it.' }),
    tcaTurn('CUSTOMER', { atMs: 135_000, text: 'Thank you.' }),
  ]);
  const merged = mergeCtr(doc, { ctr, recording: null }, { aniHashKey: 'k' });
  // The muttered insult is toxic (as the toxicity step would score it).
  return {
    ...merged,
    turns: merged.turns.map((t) => ({
      ...t,
      toxicity: t.text.includes('damn') ? 0.9 : 0.05,
      toxicityLabel: t.text.includes('damn') ? 'PROFANITY' : null,
    })),
  };
};

describe('a silent hold (no hold audio): hold per participant segment, as Genesys counts it', () => {
  it("the hold is Ann's hold, not her talk: talk 120 s, hold 60 s, handle 200 s", () => {
    const doc = silentHold();
    expect(doc.journey?.agents).toEqual([
      expect.objectContaining({ agentId: 'u-ann', talkMs: 120_000, holdMs: 60_000, acwMs: 20_000 }),
    ]);
    // Kept in recording offsets (the recording starts with the conversation here).
    expect(doc.journey?.agents[0]?.holds).toEqual([{ beginMs: 60_000, endMs: 120_000 }]);
    expect([doc.journey?.holdMs, doc.journey?.handleMs]).toEqual([60_000, 200_000]);
    // Her speech is her three turns only: nothing during the hold is hers.
    expect(doc.turns.filter((t) => t.role === 'AGENT').map((t) => t.agentId)).toEqual([
      'u-ann',
      'u-ann',
      'u-ann',
    ]);
  });

  it('what the caller says while held is neither heard by Ann (talk ratio) nor said to her (customer_toxic_turns)', () => {
    const [ann] = callAgentsRows(silentHold(), AT);
    const words = (n: number) => n * 300 + (n - 1) * 60;
    expect(ann).toMatchObject({
      agent_id: 'u-ann',
      talk_ms: 120_000,
      hold_ms: 60_000,
      speech_ms: words(8) + words(6) + words(6),
      // "My bill is wrong again." only: not the 6 words muttered on hold (was 3,840 ms with them;
      // "Thank you." comes after Ann's last turn, outside her window, as before).
      customer_speech_ms: words(5),
      toxic_turns: 0,
      customer_toxic_turns: 0,
    });
  });
});
