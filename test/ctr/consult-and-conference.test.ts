import { describe, expect, it } from 'vitest';
import { mergeCtr } from '../../core/ctr/merge.js';
import type { CallDocument } from '../../schemas/call-document.js';
import { GenesysConversation } from '../../schemas/genesys-conversation.js';
import { callDocument, simpleCtr, tcaTurn } from './call-builder.js';

const T0 = Date.UTC(2026, 2, 2, 14, 0, 0);
const who = (doc: CallDocument) => doc.turns.map((t) => `${t.role}:${t.agentId ?? ''}:${t.text}`);
const merge = (doc: CallDocument, ctr: ReturnType<typeof simpleCtr>) =>
  mergeCtr(doc, { ctr, recording: null }, { aniHashKey: 'k' });

describe('two agents on the call', () => {
  it('treats a consult while the customer is held as hold audio, and counts the completed transfer once', () => {
    // Prepare: Dana holds the caller and consults Lee (Lee connected during the hold), then hands over.
    const ctr = simpleCtr({
      startMs: T0,
      agents: [
        {
          userId: 'u-dana',
          interact: [
            [0, 30_000],
            [50_000, 60_000],
          ],
          hold: [[30_000, 50_000]],
        },
        { userId: 'u-lee', interact: [[40_000, 120_000]] },
      ],
    });
    const doc = callDocument([
      tcaTurn('AGENT', { atMs: 42_000, text: 'Thanks for holding, all our agents are busy.' }),
      tcaTurn('AGENT', { atMs: 52_000, text: 'I have Lee on the line for you.' }),
      tcaTurn('AGENT', { atMs: 70_000, text: 'Hi, Lee here.' }),
    ]);

    // Act
    const merged = merge(doc, ctr);

    // Assess
    expect(who(merged)).toEqual([
      'IVR::Thanks for holding, all our agents are busy.',
      'AGENT:u-dana:I have Lee on the line for you.',
      'AGENT:u-lee:Hi, Lee here.',
    ]);
    expect(merged.journey?.transfers).toBe(1);
    expect(merged.journey?.holdMs).toBe(20_000);
  });

  it('keeps a conference with the agent who was there first, and a consulted agent who leaves is no transfer', () => {
    // Prepare: Lee joins Dana's call for 30 s and leaves; Dana finishes the call.
    const ctr = simpleCtr({
      startMs: T0,
      agents: [
        { userId: 'u-dana', interact: [[0, 120_000]] },
        { userId: 'u-lee', interact: [[40_000, 70_000]] },
      ],
    });
    const doc = callDocument([
      tcaTurn('AGENT', { atMs: 50_000, text: 'Lee, can you confirm the refund?' }),
      tcaTurn('AGENT', { atMs: 90_000, text: 'Anything else today?' }),
    ]);

    // Act
    const merged = merge(doc, ctr);

    // Assess
    expect(who(merged).map((w) => w.split(':').slice(0, 2).join(':'))).toEqual([
      'AGENT:u-dana',
      'AGENT:u-dana',
    ]);
    expect(merged.journey?.transfers).toBe(0);
    expect(merged.journey?.agentIds).toEqual(['u-dana', 'u-lee']);
  });

  it('hands the channel to the new agent when the transferring agent leaves, mid-turn if need be', () => {
    // Prepare: warm hand-over, Dana and Lee both connected 60–62 s; one turn spans Dana's exit.
    const ctr = simpleCtr({
      startMs: T0,
      agents: [
        { userId: 'u-dana', interact: [[0, 62_000]] },
        { userId: 'u-lee', interact: [[60_000, 120_000]] },
      ],
    });
    const doc = callDocument([
      tcaTurn(
        'AGENT',
        { atMs: 59_000, text: 'Lee will take it from here.' },
        { atMs: 63_000, text: 'Hi, this is Lee.' },
      ),
    ]);

    // Act
    const merged = merge(doc, ctr);

    // Assess
    expect(who(merged)).toEqual(['AGENT:u-dana:Lee will take it from here.', 'AGENT:u-lee:Hi, this is Lee.']);
    expect(merged.journey?.transfers).toBe(1);
  });

  it('counts a blind transfer through a queue as one transfer, and IVR-to-queue routing as none', () => {
    // Prepare
    const ctr = simpleCtr({
      startMs: T0,
      ivr: [0, 10_000],
      queue: [10_000, 20_000],
      agents: [
        { userId: 'u-dana', interact: [[20_000, 50_000]] },
        { userId: 'u-lee', interact: [[65_000, 120_000]] },
      ],
    });
    const doc = callDocument([tcaTurn('AGENT', { atMs: 30_000, text: 'Transferring you now.' })]);

    // Act
    const merged = merge(doc, ctr);

    // Assess
    expect(merged.journey?.transfers).toBe(1);
    expect(merged.journey?.agents.map((a) => a.order)).toEqual([1, 2]);
  });

  /** `ctr` with an external party (a number the call was put through to) connected over `interact`. */
  const withExternal = (ctr: ReturnType<typeof simpleCtr>, interact: [number, number], endMs: number) => {
    const iso = (ms: number) => new Date(T0 + ms).toISOString();
    return GenesysConversation.parse({
      ...ctr,
      conversationEnd: iso(endMs),
      participants: [
        ...ctr.participants.map((p) =>
          p.purpose === 'customer'
            ? {
                ...p,
                sessions: p.sessions.map((x) => ({
                  ...x,
                  segments: [{ segmentStart: iso(0), segmentEnd: iso(endMs), segmentType: 'interact' }],
                })),
              }
            : p,
        ),
        {
          participantId: 'p-ext',
          participantName: 'Warranty line',
          purpose: 'external',
          sessions: [
            {
              mediaType: 'voice',
              dnis: 'tel:+15125550199',
              segments: [
                {
                  segmentStart: iso(interact[0] - 3_000),
                  segmentEnd: iso(interact[0]),
                  segmentType: 'contacting',
                },
                { segmentStart: iso(interact[0]), segmentEnd: iso(interact[1]), segmentType: 'interact' },
              ],
            },
          ],
        },
      ],
    });
  };

  it('counts a transfer to an external number as a transfer, and an external party conferenced in and gone as none', () => {
    // Prepare: Dana puts the caller through to a warranty line at 50 s and leaves (a blind
    // transfer); in the second call she conferences it in for 20 s and finishes the call herself.
    const blind = withExternal(
      simpleCtr({
        startMs: T0,
        agents: [{ userId: 'u-dana', interact: [[0, 50_000]], wrapup: [50_000, 60_000] }],
      }),
      [50_000, 120_000],
      120_000,
    );
    const conference = withExternal(
      simpleCtr({ startMs: T0, agents: [{ userId: 'u-dana', interact: [[0, 120_000]] }] }),
      [40_000, 60_000],
      120_000,
    );
    const doc = callDocument([
      tcaTurn('AGENT', { atMs: 30_000, text: 'I will put you through to the warranty line now.' }),
      tcaTurn('AGENT', { atMs: 70_000, text: 'Warranty line, how can I help?' }),
      tcaTurn('CUSTOMER', { atMs: 80_000, text: 'My kettle broke.' }),
    ]);

    // Act
    const [afterBlind, afterConference] = [merge(doc, blind), merge(doc, conference)];

    // Assess: one transfer, and the external party is no agent of ours (its speech on the agent
    // channel is AGENT with no agent id; no talk or handle time of Dana's)
    expect(afterBlind.journey?.transfers).toBe(1);
    expect(who(afterBlind)).toEqual([
      'AGENT:u-dana:I will put you through to the warranty line now.',
      'AGENT::Warranty line, how can I help?',
      'CUSTOMER::My kettle broke.',
    ]);
    expect(afterBlind.journey?.agentIds).toEqual(['u-dana']);
    expect(afterBlind.journey?.handleMs).toBe(60_000);
    expect(afterConference.journey?.transfers).toBe(0);
  });

  it('counts no transfer when the caller hangs up on a conference and the legs drop a moment apart', () => {
    // Prepare: Dana conferences the warranty line in at 40 s; the caller hangs up at 120 s, Dana's
    // leg drops at 120 s and the external leg 0.4 s later (so it "stays on after" Dana by 0.4 s)
    const ctr = withExternal(
      simpleCtr({ startMs: T0, agents: [{ userId: 'u-dana', interact: [[0, 120_000]] }] }),
      [40_000, 120_400],
      120_400,
    );
    const doc = callDocument([
      tcaTurn('AGENT', { atMs: 30_000, text: 'Let me bring the warranty line in.' }),
    ]);

    // Act / Assess (1 until the legs' drop was allowed a second)
    expect(merge(doc, ctr).journey?.transfers).toBe(0);
  });
});
