import { describe, expect, it } from 'vitest';
import { mergeCtr } from '../../core/ctr/merge.js';
import type { CallDocument } from '../../schemas/call-document.js';
import { GenesysConversation, RecordingMetadata } from '../../schemas/genesys-conversation.js';
import { callDocument, fixtureCtr, simpleCtr, tcaTurn } from './call-builder.js';

const KEY = 'k';
const T0 = Date.UTC(2026, 2, 2, 14, 0, 0);
const who = (doc: CallDocument) => doc.turns.map((t) => `${t.role}:${t.agentId ?? ''}:${t.text}`);
const recordingAt = (startTime: string, conversationId?: string) =>
  RecordingMetadata.parse({ startTime, ...(conversationId ? { conversationId } : {}) });

/** IVR 0–10 s, queue 10–20 s, Dana from 20 s to 120 s. */
const oneAgent = simpleCtr({
  startMs: T0,
  ivr: [0, 10_000],
  queue: [10_000, 20_000],
  agents: [
    { userId: 'u-dana', name: 'Dana Smith', interact: [[20_000, 120_000]], wrapup: [120_000, 130_000] },
  ],
});

/** An instant `ms` after T0, as a record spells it. */
const at = (ms: number) => new Date(T0 + ms).toISOString();
/** A record's segment of `segmentType` from `b` to `e` ms after T0. */
const seg = (segmentType: string, b: number, e: number) => ({
  segmentStart: at(b),
  segmentEnd: at(e),
  segmentType,
});

/** The customer an outbound call reached: answered at 9 s, on the line until `endMs`. */
const customerDialled = (endMs: number) => ({
  participantId: 'p-ext',
  purpose: 'external',
  sessions: [
    {
      mediaType: 'voice',
      direction: 'outbound',
      dnis: 'tel:+15125550142',
      segments: [seg('interact', 9_000, endMs)],
    },
  ],
});

/** Dana's outbound leg: she dials out, with `segments`. */
const danaDialling = (segments: object[]) => ({
  participantId: 'p-agent',
  participantName: 'Dana Smith',
  purpose: 'agent',
  userId: 'u-dana',
  sessions: [{ mediaType: 'voice', direction: 'outbound', segments }],
});

/** An outbound conversation from T0 to `endMs` ms after it. */
const outboundRecord = (conversationId: string, endMs: number, participants: object[]): GenesysConversation =>
  GenesysConversation.parse({
    conversationId,
    conversationStart: at(0),
    conversationEnd: at(endMs),
    originatingDirection: 'outbound',
    participants,
  });

/** Rewrites every instant of a record with `format` (same instants, other spelling). */
const respell = (ctr: GenesysConversation, format: (iso: string) => string): GenesysConversation =>
  JSON.parse(JSON.stringify(ctr), (key, value) =>
    typeof value === 'string' && /(Start|End)$/.test(key) ? format(value) : value,
  ) as GenesysConversation;

describe('mergeCtr regressions of the reference implementation', () => {
  it('accepts startTime and conversationStart ending in .000Z', () => {
    // Prepare
    const doc = callDocument([tcaTurn('AGENT', { atMs: 30_000, text: 'How can I help?' })]);
    const recording = recordingAt('2026-03-02T14:00:00.000Z');
    expect(oneAgent.conversationStart).toBe('2026-03-02T14:00:00.000Z');

    // Act
    const merged = mergeCtr(doc, { ctr: oneAgent, recording }, { aniHashKey: KEY });

    // Assess
    expect(merged.journey?.ctrStatus).toBe('matched');
    expect(merged.startedAt).toBe('2026-03-02T14:00:00.000Z');
    expect(who(merged)).toEqual(['AGENT:u-dana:How can I help?']);
  });

  it("splits a turn without word times at the sentence nearest the IVR-to-agent hand-over (helper-215's D13)", () => {
    // Prepare: a transcript without Items (hand-made or converted): the prompt, then Dana's
    // greeting, one agent-channel turn from 16 s to 24 s; the IVR and queue end at 20 s. By its
    // text's share, "Please hold." ends at 20.5 s, "…important to us." at 19.2 s.
    const withoutItems = (turn: ReturnType<typeof tcaTurn>) => {
      const { Items: _items, ...rest } = turn;
      return rest;
    };
    const prompt = 'Your call is important to us. Please hold.';
    const greeting = 'Hi, this is Dana, how can I help?';
    const doc = callDocument([
      withoutItems(tcaTurn('AGENT', { atMs: 16_000, text: `${prompt} ${greeting}`, wordMs: 500, gapMs: 0 })),
      withoutItems(tcaTurn('CUSTOMER', { atMs: 25_000, text: 'Hello.' })),
    ]);
    expect(doc.turns[0]!.words).toEqual([]);
    expect([doc.turns[0]!.beginMs, doc.turns[0]!.endMs]).toEqual([16_000, 24_000]);

    // Act
    const merged = mergeCtr(doc, { ctr: oneAgent, recording: null }, { aniHashKey: KEY });

    // Assess: the prompt is IVR up to the hand-over, the greeting Dana's from it (it all went to
    // IVR before); speech time is conserved
    expect(who(merged)).toEqual([`IVR::${prompt}`, `AGENT:u-dana:${greeting}`, 'CUSTOMER::Hello.']);
    expect(merged.turns.slice(0, 2).map((t) => [t.beginMs, t.endMs])).toEqual([
      [16_000, 20_000],
      [20_000, 24_000],
    ]);
  });

  it('leaves a turn without word times whole when no sentence ends near the hand-over', () => {
    // Prepare: one sentence across the boundary: no place to cut by text alone
    const { Items: _items, ...turn } = tcaTurn('AGENT', {
      atMs: 16_000,
      text: 'Your call is important to us and Dana will be with you shortly how can I help',
    });
    const doc = callDocument([turn]);

    // Act
    const merged = mergeCtr(doc, { ctr: oneAgent, recording: null }, { aniHashKey: KEY });

    // Assess: whole, to the owner of most of its time
    expect(merged.turns).toHaveLength(1);
    expect(merged.turns[0]!.text).toBe(doc.turns[0]!.text);
  });

  it('splits a first turn that mixes the IVR prompt and the agent greeting', () => {
    // Prepare
    const doc = callDocument([
      tcaTurn(
        'AGENT',
        { atMs: 16_000, text: 'Your call is important to us.' },
        { atMs: 20_400, text: 'Hi, this is Dana, how can I help?' },
      ),
      tcaTurn('CUSTOMER', { atMs: 24_000, text: 'Hello.' }),
    ]);

    // Act
    const merged = mergeCtr(doc, { ctr: oneAgent, recording: null }, { aniHashKey: KEY });

    // Assess
    expect(who(merged)).toEqual([
      'IVR::Your call is important to us.',
      'AGENT:u-dana:Hi, this is Dana, how can I help?',
      'CUSTOMER::Hello.',
    ]);
    const [prompt, greeting] = merged.turns;
    expect(prompt!.beginMs).toBe(doc.turns[0]!.beginMs);
    expect(prompt!.endMs).toBe(greeting!.beginMs);
    expect(greeting!.endMs).toBe(doc.turns[0]!.endMs);
    expect(prompt!.words.every((w) => w.endMs <= prompt!.endMs)).toBe(true);
    expect(merged.turns.map((t) => t.index)).toEqual([0, 1, 2]);
  });

  it.each([
    ['+0000', (iso: string) => iso.replace('Z', '+0000')],
    ['+00:00', (iso: string) => iso.replace('Z', '+00:00')],
    [
      '-05:00',
      (iso: string) => new Date(Date.parse(iso) - 5 * 3_600_000).toISOString().replace('Z', '-05:00'),
    ],
    ['without milliseconds', (iso: string) => iso.replace('.000Z', 'Z')],
  ])('reads timestamps written with %s as the same instants', (_, format) => {
    // Prepare
    const doc = callDocument([
      tcaTurn('AGENT', { atMs: 16_000, text: 'Please hold.' }, { atMs: 20_400, text: 'Hi, Dana here.' }),
    ]);
    const reference = mergeCtr(
      doc,
      { ctr: oneAgent, recording: recordingAt('2026-03-02T14:00:00.000Z') },
      { aniHashKey: KEY },
    );

    // Act
    const merged = mergeCtr(
      doc,
      { ctr: respell(oneAgent, format), recording: recordingAt(format('2026-03-02T14:00:00.000Z')) },
      { aniHashKey: KEY },
    );

    // Assess
    expect(merged.turns).toEqual(reference.turns);
    expect(merged.journey).toEqual(reference.journey);
    expect(merged.startedAt).toBe('2026-03-02T14:00:00.000Z');
    expect(who(merged)).toEqual(['IVR::Please hold.', 'AGENT:u-dana:Hi, Dana here.']);
  });

  it('a recording without a clock far shorter than its CTR is another call record: mismatched, not tagged by it', () => {
    // Prepare: a 41 s recording (transcribed here) dropped with a 2-minute conversation's CTR
    const fromAudio = (doc: CallDocument): CallDocument => ({
      ...doc,
      sources: { ...doc.sources, audio: 'inbox/call-1.wav' },
    });
    const short = fromAudio(
      callDocument([
        tcaTurn('AGENT', { atMs: 1_000, text: 'Thank you for calling, how can I help?' }),
        tcaTurn('CUSTOMER', { atMs: 6_000, text: 'I want to pay my bill.' }),
        tcaTurn('AGENT', { atMs: 38_000, text: 'Done, goodbye.' }),
      ]),
    );
    const whole = fromAudio(
      callDocument([
        tcaTurn('AGENT', { atMs: 1_000, text: 'Thank you for calling.' }),
        tcaTurn('AGENT', { atMs: 100_000, text: 'Done, goodbye.' }),
      ]),
    );
    // Act
    const merged = mergeCtr(short, { ctr: oneAgent, recording: null }, { aniHashKey: KEY });
    const clocked = mergeCtr(
      short,
      { ctr: oneAgent, recording: recordingAt('2026-03-02T14:00:25Z') },
      { aniHashKey: KEY },
    );
    const fullLength = mergeCtr(whole, { ctr: oneAgent, recording: null }, { aniHashKey: KEY });
    // Assess
    expect(merged.journey?.ctrStatus).toBe('mismatched');
    expect(merged.journey?.note).toMatch(
      /^the recording \(0:39\) has no start time and is less than half as long as conversation .* \(2:00 to its last agent\): another call's record\?/,
    );
    expect(who(merged)).toEqual(who(short));
    // A recording with a clock is placed by it (part of a conversation); a whole one matches.
    expect(clocked.journey?.ctrStatus).toBe('matched');
    expect(fullLength.journey?.ctrStatus).toBe('matched');
  });

  it('lands a call without a CTR with ctr_status missing', () => {
    // Prepare
    const doc = callDocument([
      tcaTurn('AGENT', { atMs: 1_000, text: 'Welcome.' }),
      tcaTurn('CUSTOMER', { atMs: 3_000, text: 'Hi.' }),
    ]);
    const recording = recordingAt('2026-03-02T23:59:59-05:00', 'conv-9');

    // Act
    const merged = mergeCtr(doc, { ctr: null, recording }, { aniHashKey: KEY });

    // Assess
    expect(merged.journey?.ctrStatus).toBe('missing');
    expect(merged.journey?.timeBase).toBe('recording-metadata');
    expect(merged.turns.map(({ index, ...t }) => t)).toEqual(doc.turns.map(({ index, ...t }) => t));
    expect(merged.startedAt).toBe('2026-03-03T04:59:59.000Z');
    expect(merged.dt).toBe('2026-03-03');
    expect(merged.conversationId).toBe('conv-9');
    expect(merged.lineage.ctr?.note).toContain('ctr=missing');
  });

  it('attributes speech that began just before the agent window by overlap, not by turn start', () => {
    // Prepare: the greeting starts 400 ms before Dana's interact segment (recorder clock skew).
    const doc = callDocument([
      tcaTurn('AGENT', { atMs: 19_600, text: 'Thank you for calling, this is Dana.' }),
    ]);

    // Act
    const merged = mergeCtr(doc, { ctr: oneAgent, recording: null }, { aniHashKey: KEY });

    // Assess
    expect(who(merged)).toEqual(['AGENT:u-dana:Thank you for calling, this is Dana.']);
    expect(merged.metrics.agentTalkMs).toBe(doc.turns[0]!.endMs - doc.turns[0]!.beginMs);
  });

  it('keeps a renamed agent (same userId, another participantName) as one agent', () => {
    // Prepare: the agent leaves and is transferred back under a new display name.
    const base = simpleCtr({
      startMs: T0,
      ivr: [0, 10_000],
      agents: [
        { userId: 'u-dana', name: 'Dana Smith', interact: [[10_000, 60_000]] },
        { userId: 'u-lee', name: 'Lee Wong', interact: [[60_000, 90_000]] },
        { userId: 'u-dana', name: 'Dana Smith-Jones', interact: [[90_000, 120_000]] },
      ],
    });
    const doc = callDocument([
      tcaTurn('AGENT', { atMs: 12_000, text: 'Dana speaking.' }),
      tcaTurn('AGENT', { atMs: 70_000, text: 'Lee speaking.' }),
      tcaTurn('AGENT', { atMs: 100_000, text: 'Dana again.' }),
    ]);

    // Act
    const merged = mergeCtr(doc, { ctr: base, recording: null }, { aniHashKey: KEY });

    // Assess
    const j = merged.journey!;
    expect(j.agentIds).toEqual(['u-dana', 'u-lee']);
    expect(j.agents.map((a) => [a.agentId, a.name, a.talkMs])).toEqual([
      ['u-dana', 'Dana Smith-Jones', 80_000],
      ['u-lee', 'Lee Wong', 30_000],
    ]);
    expect(j.transfers).toBe(2);
    expect(who(merged)).toEqual([
      'AGENT:u-dana:Dana speaking.',
      'AGENT:u-lee:Lee speaking.',
      'AGENT:u-dana:Dana again.',
    ]);
    expect(new Set(merged.turns.map((t) => t.agentName))).toEqual(new Set(['Dana Smith-Jones', 'Lee Wong']));
  });
});

describe('mergeCtr status and malformed records', () => {
  const doc = callDocument([tcaTurn('AGENT', { atMs: 1_000, text: 'Welcome to Acme.' })]);

  it('marks a record that does not overlap the recording mismatched and leaves the turns alone', () => {
    // Prepare: the recording is from the next day.
    const recording = recordingAt('2026-03-03T14:00:00Z');

    // Act
    const merged = mergeCtr(doc, { ctr: oneAgent, recording }, { aniHashKey: KEY });

    // Assess
    expect(merged.journey?.ctrStatus).toBe('mismatched');
    expect(merged.journey?.agentIds).toEqual([]);
    expect(merged.journey?.aniHash).toBeNull();
    expect(merged.turns).toEqual(doc.turns);
    expect(merged.conversationId).toBeNull();
    expect(merged.lineage.ctr?.note).toContain('does not overlap');
    // what the run report and the call page say (calls.ctr_note): which times differ, and what to do
    expect(merged.journey?.note).toBe(
      "the CTR does not match the recording: its conversation conv-1 (2026-03-02 14:00 UTC to 2026-03-02 14:02 UTC) does not overlap the recording (2026-03-03 14:00 UTC to 2026-03-03 14:00 UTC, by its metadata): another call's CTR? Its journey is left out; drop this call's own CTR under the same name, or remove it (the call runs without one)",
    );
  });

  it("marks a record of another conversation than the recording mismatched, naming both conversations and what to do (found by trial22: the reason named the recording's conversation only)", () => {
    // Prepare
    const recording = recordingAt('2026-03-02T14:00:00Z', 'conv-other');

    // Act
    const merged = mergeCtr(doc, { ctr: oneAgent, recording }, { aniHashKey: KEY });

    // Assess
    expect(merged.journey?.ctrStatus).toBe('mismatched');
    expect(merged.turns).toEqual(doc.turns);
    expect(merged.journey?.note).toBe(
      "the CTR does not match the recording: the CTR is of conversation conv-1, the recording metadata of conversation conv-other: another call's CTR? Its journey is left out; drop this call's own CTR under the same name, or remove it (the call runs without one)",
    );
  });

  it('uses the conversation start as time base when there is no recording metadata, and says so', () => {
    // Act
    const merged = mergeCtr(doc, { ctr: fixtureCtr(), recording: null }, { aniHashKey: KEY });

    // Assess
    expect(merged.journey?.timeBase).toBe('conversation-start');
    expect(merged.turns[0]!.role).toBe('IVR');
  });

  const broken = (mutate: (ctr: GenesysConversation) => void): GenesysConversation => {
    const ctr = structuredClone(oneAgent);
    mutate(ctr);
    return ctr;
  };
  it.each([
    [
      'an unparseable conversationStart',
      broken((c) => Object.assign(c, { conversationStart: '2026-03-02 at 2pm' })),
      /conversationStart/,
    ],
    [
      'a segment ending before it starts',
      broken((c) =>
        Object.assign(c.participants[2]!.sessions[0]!.segments[0]!, { segmentEnd: '2026-03-02T13:00:00Z' }),
      ),
      /ends before it starts/,
    ],
    [
      'an impossible date',
      broken((c) => Object.assign(c, { conversationEnd: '2026-02-30T10:00:00Z' })),
      /conversationEnd/,
    ],
    ['no participants', broken((c) => Object.assign(c, { participants: [] })), /no participants/],
  ])('rejects a record with %s as invalid ctr input', (_, ctr, reason) => {
    // Act
    const act = () => mergeCtr(doc, { ctr, recording: null }, { aniHashKey: KEY });

    // Assess
    expect(act).toThrow(
      expect.objectContaining({
        name: 'InvalidInputError',
        file: 'ctr',
        message: expect.stringMatching(reason),
      }),
    );
  });

  it('falls back to the CTR clock, with a note, when the recording startTime is unparseable', () => {
    // Act
    const merged = mergeCtr(doc, { ctr: oneAgent, recording: recordingAt('yesterday') }, { aniHashKey: KEY });

    // Assess
    expect(merged.journey?.ctrStatus).toBe('matched');
    expect(merged.journey?.timeBase).toBe('conversation-start');
    expect(merged.journey?.note).toMatch(
      /startTime "yesterday" is not an ISO-8601 instant.*conversation start/,
    );
    expect(merged.lineage.ctr?.note).toContain('recording=');
  });

  it("counts an outbound call's dialing and contacting as handle time, as Genesys' tHandle does (helper-215's D2)", () => {
    // Prepare: Dana dials out (0–1 s), it rings (1–9 s), the customer answers (9–69 s), 15 s of
    // wrap-up; her tHandle is talk + hold + ACW + dialing + contacting (Genesys' glossary, "handle
    // time": 60 + 15 + 1 + 8 = 84 s). Until this, handle time was 75 s.
    const ctr = outboundRecord('conv-out', 84_000, [
      danaDialling([
        seg('dialing', 0, 1_000),
        seg('contacting', 1_000, 9_000),
        seg('interact', 9_000, 69_000),
        { ...seg('wrapup', 69_000, 84_000), wrapUpCode: 'wc-done' },
      ]),
      customerDialled(69_000),
    ]);
    const doc = callDocument([tcaTurn('AGENT', { atMs: 10_000, text: 'Hello, is that Mr Lee?' })]);

    // Act
    const j = mergeCtr(doc, { ctr, recording: null }, { aniHashKey: KEY }).journey!;

    // Assess: talk, hold and ACW stay what they were; handle adds the dialing and the ringing
    expect(j.agents).toEqual([
      { agentId: 'u-dana', name: 'Dana Smith', talkMs: 60_000, holdMs: 0, acwMs: 15_000, order: 1 },
    ]);
    expect(j.handleMs).toBe(84_000);
    expect(j.direction).toBe('outbound');
  });
});

describe('an outbound call whose first number did not answer', () => {
  it('takes the external party who answered as the caller, not the number dialled first (no transfer to the one who answered)', () => {
    // Prepare: Dana dials a mobile that rings out (1–20 s), then the customer's landline in the same
    // conversation, answered at 30 s; both are `external` participants, the unanswered one first
    const unanswered = {
      participantId: 'p-ext-mobile',
      purpose: 'external',
      sessions: [
        {
          mediaType: 'voice',
          direction: 'outbound',
          dnis: 'tel:+15125550100',
          segments: [seg('contacting', 1_000, 20_000)],
        },
      ],
    };
    const landline = {
      ...customerDialled(90_000),
      participantId: 'p-ext-landline',
      sessions: [{ ...customerDialled(90_000).sessions[0]!, segments: [seg('interact', 30_000, 90_000)] }],
    };
    const ctr = outboundRecord('conv-redial', 90_000, [
      danaDialling([
        seg('dialing', 0, 1_000),
        seg('contacting', 1_000, 20_000),
        seg('interact', 30_000, 88_000),
      ]),
      unanswered,
      landline,
    ]);
    const doc = callDocument([tcaTurn('AGENT', { atMs: 31_000, text: 'Hello, is that Mr Lee?' })]);

    // Act
    const j = mergeCtr(doc, { ctr, recording: null }, { aniHashKey: KEY }).journey!;

    // Assess: the landline is the caller's leg (the mobile was; the landline, staying on 2 s after
    // Dana, counted as a transfer to it)
    expect(j.callerType).toBe('external');
    expect(j.transfers).toBe(0);
    expect(j.aniHash).toBe(
      mergeCtr(
        doc,
        {
          ctr: GenesysConversation.parse({ ...ctr, participants: [ctr.participants[0], landline] }),
          recording: null,
        },
        { aniHashKey: KEY },
      ).journey!.aniHash,
    );
  });
});

describe('an outbound call placed by a user (no queue) and transferred to an agent', () => {
  it('keeps the external party as the caller and the user as agent #1 (helper-220: the user was taken for an employee calling in, its dialing, talk and wrap-up left handle time)', () => {
    // Prepare: Sam (purpose user) dials a customer (dial 1 s, ring 8 s), talks 60 s, transfers
    // to Dana (purpose agent), who talks 128 s; Sam wraps up 11 s.
    const ctr = GenesysConversation.parse({
      conversationId: 'conv-out-transfer',
      conversationStart: at(0),
      conversationEnd: at(200_000),
      originatingDirection: 'outbound',
      participants: [
        {
          participantId: 'p-sam',
          purpose: 'user',
          userId: 'u-sam',
          sessions: [
            {
              mediaType: 'voice',
              direction: 'outbound',
              ani: 'tel:+15125550100',
              dnis: 'tel:+15125550142',
              segments: [
                seg('dialing', 0, 1_000),
                seg('contacting', 1_000, 9_000),
                seg('interact', 9_000, 69_000),
                seg('wrapup', 69_000, 80_000),
              ],
            },
          ],
        },
        customerDialled(200_000),
        {
          participantId: 'p-dana',
          participantName: 'Dana Smith',
          purpose: 'agent',
          userId: 'u-dana',
          sessions: [
            {
              mediaType: 'voice',
              direction: 'inbound',
              segments: [seg('alert', 69_000, 72_000), seg('interact', 72_000, 200_000)],
            },
          ],
        },
      ],
    });
    const doc = callDocument([tcaTurn('AGENT', { atMs: 10_000, text: 'Hello, is that Mr Lee?' })]);

    // Act
    const j = mergeCtr(doc, { ctr, recording: null }, { aniHashKey: KEY }).journey!;

    // Assess: Sam is agent #1, with his dialing and ringing in handle time (9 + 60 + 11 + 128 s)
    expect(j.callerType).toBe('external');
    expect(j.agentIds).toEqual(['u-sam', 'u-dana']);
    expect(j.handleMs).toBe(208_000);
    expect(j.transfers).toBe(1);
  });
});
