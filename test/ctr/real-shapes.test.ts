import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseUsersExport } from '../../core/agents/users-export.js';
import { buildCallDocument } from '../../core/call-document.js';
import { mergeCtr } from '../../core/ctr/merge.js';
import { readSidecars } from '../../core/ctr/sidecars.js';
import { DuplicateRecordingError, InvalidInputError } from '../../core/errors.js';
import { foreignTranscript } from '../../core/formats.js';
import { callAgentsRows, callsRow } from '../../core/rows.js';
import type { CallDocument } from '../../schemas/call-document.js';
import { GenesysConversation } from '../../schemas/genesys-conversation.js';
import { TranscribeCallAnalyticsOutput } from '../../schemas/transcribe-call-analytics.js';
import { FIXTURES, REPO } from '../helpers/paths.js';
import { callDocument, tcaTurn } from './call-builder.js';

// Regression tests on records in the shapes real exports have (sources: test/fixtures/genesys/README.md).
const KEY = 'k';
const json = (...path: string[]) => JSON.parse(readFileSync(join(FIXTURES, ...path), 'utf8'));
const ctrOf = (name: string) => GenesysConversation.parse(json('genesys', name));
const docOf = (transcript: string, callId = 'call-1'): CallDocument =>
  buildCallDocument({
    callId,
    transcript: TranscribeCallAnalyticsOutput.parse(json('transcribe', transcript)),
    sources: { transcript: `${callId}.tca.json`, ctr: null, recording: null, audio: null },
    startedAt: null,
    fallbackDt: '2026-01-01',
  });
const who = (doc: CallDocument) =>
  doc.turns.map((t) => `${t.role}:${t.agentId ?? ''}:${t.text.slice(0, 16)}`);

const CALLER = '7f3a1c92-4e58-4b0d-8a26-d51e9b0c3f47';
const PRIYA = '9c1e5b73-2a8d-4f60-b4c9-71e0d3f8a562';
const TOMAS = '8a2e6c0f-4b3d-4a95-97f1-e3c7b1d5a906';
const GRACE = '3f7b1d5a-9c2e-4e86-a0f4-b8d2c6e0a471';

describe('user-originated calls (a Genesys user dials the IVR: purpose "user")', () => {
  const merged = mergeCtr(
    docOf('realtime-post-call.json'),
    { ctr: ctrOf('user-originated.json'), recording: null },
    { aniHashKey: KEY },
  );

  it('takes the user as the caller, not as agent #1', () => {
    const j = merged.journey!;
    expect(j.ctrStatus).toBe('matched');
    expect(j.callerType).toBe('user');
    expect(j.agentIds).toEqual([PRIYA]);
    expect(j.agentIds).not.toContain(CALLER);
    // No originatingDirection in the record: a call into the IVR/queue is inbound.
    expect(j.direction).toBe('inbound');
    expect(j.transfers).toBe(0);
  });

  it('tags queue announcements IVR and gives the answering agent her speech', () => {
    expect(who(merged)).toEqual([
      'IVR::Thank you for ca',
      'IVR::For billing, pre',
      'IVR::Please hold, the',
      'IVR::Your call is imp',
      `AGENT:${PRIYA}:Billing, this is`,
      "CUSTOMER::Hi Priya, it's D",
      `AGENT:${PRIYA}:I see it. The ca`,
      `AGENT:${PRIYA}:I'll email the c`,
      'CUSTOMER::Great, thanks.',
    ]);
  });

  it("measures IVR, queue and handle time without the caller's own leg", () => {
    const j = merged.journey!;
    expect(j.ivrMs).toBe(17_454);
    expect(j.queueMs).toBe(41_421);
    // Priya: interact 58 926 -> 214 866, wrap-up 38 s; the caller's 214 s are not handle time.
    expect(j.agents).toEqual([
      { agentId: PRIYA, name: null, talkMs: 155_940, holdMs: 0, acwMs: 38_000, order: 1 },
    ]);
    expect(j.handleMs).toBe(155_940 + 38_000);
    expect(j.aniHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('a record with null members (as ETL tools and other serialisers write what Genesys leaves out)', () => {
  it('reads a null as absent, and a null where a value is needed as missing (helper-215: any null quarantined the call)', () => {
    // Prepare: the user-originated record, with nulls on optional members and on a needed one
    type Json = Record<string, unknown>;
    const record = json('genesys', 'user-originated.json') as Json;
    const withNulls = structuredClone(record);
    const participant = (withNulls.participants as Json[])[0]!;
    const session = (participant.sessions as Json[])[0]!;
    Object.assign(withNulls, { conversationEnd: null, divisionIds: null });
    Object.assign(participant, { participantName: null });
    Object.assign(session, { flow: null });
    Object.assign((session.segments as Json[])[0]!, { wrapUpCode: null });
    const read = (ctr: unknown) => readSidecars({ key: 'uo.ctr.json', json: ctr }, null, 'uo').ctr;
    const merge = (ctr: unknown) =>
      mergeCtr(docOf('realtime-post-call.json'), { ctr: read(ctr), recording: null }, { aniHashKey: KEY });
    const without = structuredClone(record);
    delete without.conversationEnd;
    // Act
    const plain = merge(without);
    const nulls = merge(withNulls);
    const neededNull = (() => {
      try {
        read({ ...record, conversationId: null });
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    })();
    // Assess
    expect(nulls.journey).toEqual(plain.journey);
    expect(who(nulls)).toEqual(who(plain));
    expect(neededNull).toMatch(/conversationId: Invalid input: expected string, received undefined/);
  });
});

describe('a record whose mediaType is capitalised ("Voice")', () => {
  it('reads as the same voice call (helper-215: its IVR and queue read 0 and the prompts went to an agent)', () => {
    // Prepare: the user-originated record with every session's mediaType capitalised
    const record = json('genesys', 'user-originated.json');
    const capitalised = JSON.parse(
      JSON.stringify(record).replaceAll('"mediaType":"voice"', '"mediaType":"Voice"'),
    ) as unknown;
    expect(JSON.stringify(capitalised)).toContain('"mediaType":"Voice"');
    const merge = (ctr: unknown) =>
      mergeCtr(
        docOf('realtime-post-call.json'),
        { ctr: GenesysConversation.parse(ctr), recording: null },
        { aniHashKey: KEY },
      );
    // Act
    const lower = merge(record);
    const upper = merge(capitalised);
    // Assess
    expect(upper.journey?.ivrMs).toBe(17_454);
    expect(upper.journey).toEqual(lower.journey);
    expect(who(upper)).toEqual(who(lower));
  });
});

describe('records without a voice conversation are not this call’s journey', () => {
  const doc = callDocument([tcaTurn('AGENT', { atMs: 3_000, text: 'Hello, returning your call.' })]);

  it.each([
    ['callback-only', 'callback-only.json', /callback conversation .* without a voice session/],
    ['chat', 'chat.json', /chat conversation .* without a voice session/],
  ])('a %s record gets ctr_status unusable, null journey columns and a readable note', (_, file, note) => {
    // Act
    const merged = mergeCtr(doc, { ctr: ctrOf(file), recording: null }, { aniHashKey: KEY });

    // Assess
    expect(merged.journey).toMatchObject({ ctrStatus: 'unusable', agents: [], callerType: null });
    expect(merged.journey?.note).toMatch(note);
    expect(merged.turns.map((t) => [t.role, t.agentId])).toEqual([['AGENT', null]]);
    const row = callsRow(merged, '2026-04-16T00:00:00.000Z');
    expect(row).toMatchObject({
      ctr_status: 'unusable',
      ivr_ms: null,
      queue_ms: null,
      hold_ms: null,
      handle_ms: null,
      agent_count: null,
      transfers: null,
    });
    expect(row.ctr_note).toMatch(note);
    expect(callAgentsRows(merged, '2026-04-16T00:00:00.000Z')).toEqual([]);
  });

  it('a voice record whose segments are all instants is unusable too', () => {
    // Prepare: the failed-alert leg of the user-originated record, alone with its caller.
    const record = ctrOf('user-originated.json');
    const degenerate = GenesysConversation.parse({
      ...record,
      participants: record.participants.map((p) => ({
        ...p,
        sessions: p.sessions.map((s) => ({
          ...s,
          segments: s.segments.map((g) => ({ ...g, segmentEnd: g.segmentStart })),
        })),
      })),
    });

    // Act
    const merged = mergeCtr(doc, { ctr: degenerate, recording: null }, { aniHashKey: KEY });

    // Assess
    expect(merged.journey?.ctrStatus).toBe('unusable');
    expect(merged.journey?.note).toMatch(/hold no timed segments/);
  });

  it("a voice record holding only the caller's leg is unusable too", () => {
    // Prepare: the customer leg of the not-responding-agent record, without the rest.
    const record = ctrOf('not-responding-agent.json');
    const callerOnly = GenesysConversation.parse({
      ...record,
      participants: record.participants.filter((p) => p.purpose === 'customer'),
    });

    // Act
    const merged = mergeCtr(doc, { ctr: callerOnly, recording: null }, { aniHashKey: KEY });

    // Assess
    expect(merged.journey?.ctrStatus).toBe('unusable');
    expect(merged.journey?.note).toMatch(/holds only the caller's leg \(no IVR, queue or agent\)/);
  });
});

describe('wrap-up codes and names of agents who never connected', () => {
  const doc = docOf('batch-documented-quirks.json');
  const ctr = ctrOf('not-responding-agent.json');

  it('leaves out the automatic code of an agent who was alerted and did not answer', () => {
    const j = mergeCtr(doc, { ctr, recording: null }, { aniHashKey: KEY }).journey!;
    expect(j.agentIds).toEqual([TOMAS]);
    expect(j.wrapupCodes).toEqual(['0f4b8d2a-6e1c-4a73-b5f9-d1c7e3a9b208']);
    expect(j.wrapupCodes).not.toContain('ININ-WRAP-UP-TIMEOUT');
    expect(j.agentIds).not.toContain(GRACE);
  });

  it('shows a short id when neither the record nor a directory names the agent', () => {
    const merged = mergeCtr(doc, { ctr, recording: null }, { aniHashKey: KEY });
    expect(merged.journey?.agents.map((a) => a.name)).toEqual([null]);
    expect(merged.turns.find((t) => t.role === 'AGENT')?.agentName).toBeNull();
    expect(callAgentsRows(merged, '2026-04-17T00:00:00.000Z').map((r) => [r.name, r.display_name])).toEqual([
      [null, 'agent 8a2e6c0f'],
    ]);
  });

  it.each([
    ['the users API page', 'users-api-page.json'],
    ['a users CSV export', 'users-export.csv'],
  ])('names agents from %s', (_, file) => {
    // Prepare
    const names = parseUsersExport(readFileSync(join(FIXTURES, 'genesys', file), 'utf8'), file);

    // Act
    const merged = mergeCtr(doc, { ctr, recording: null, agentNames: names }, { aniHashKey: KEY });

    // Assess
    expect(merged.journey?.agents.map((a) => a.name)).toEqual(['Tomás Herrera']);
    expect(new Set(merged.turns.filter((t) => t.role === 'AGENT').map((t) => t.agentName))).toEqual(
      new Set(['Tomás Herrera']),
    );
    expect(merged.lineage.ctr?.note).toContain('1 unnamed in the record, 1 named from the agent directory');
  });

  it("keeps the record's own name over the directory's", () => {
    const named = GenesysConversation.parse({
      ...ctr,
      participants: ctr.participants.map((p) =>
        p.userId === TOMAS ? { ...p, participantName: 'T. Herrera' } : p,
      ),
    });
    const merged = mergeCtr(
      doc,
      { ctr: named, recording: null, agentNames: new Map([[TOMAS, 'Tomás Herrera']]) },
      { aniHashKey: KEY },
    );
    expect(merged.journey?.agents.map((a) => a.name)).toEqual(['T. Herrera']);
  });
});

describe('recording metadata in the shapes Genesys exports', () => {
  const doc = docOf('batch-documented-quirks.json');
  const ctrFile = { key: 'c.ctr.json', json: json('genesys', 'not-responding-agent.json') };

  it('reads the S3 export (timing block, no top-level startTime) as the time base', () => {
    // Act
    const sidecars = readSidecars(
      ctrFile,
      { key: 'c.opus_metadata.json', json: json('genesys', 'recording-export.opus_metadata.json') },
      'c',
    );
    const merged = mergeCtr(doc, { ...sidecars }, { aniHashKey: KEY });

    // Assess
    expect(sidecars.recording?.startTime).toBe('2026-04-16T18:21:47.212+0000');
    expect(sidecars.recordingNote).toBeNull();
    expect(merged.journey).toMatchObject({
      ctrStatus: 'matched',
      timeBase: 'recording-metadata',
      note: null,
    });
    expect(merged.lineage.ctr?.note).toContain('recordingStart=2026-04-16T18:21:47.212Z');
  });

  it("picks the customer leg's (earliest) audio recording from the Recording API's list", () => {
    const sidecars = readSidecars(
      ctrFile,
      { key: 'c.recording.json', json: json('genesys', 'recording-api-metadata.json') },
      'c',
    );
    expect(sidecars.recording?.recordingId).toBe('7d1b5f9a-3e2c-4c86-a0d4-f8b2e6c0a175');
    expect(sidecars.recordingNote).toMatch(/2 audio recordings; the earliest/);
  });

  it("picks the recording the call is named after from the Recording API's list, not the earliest (helper-215: a later leg was timed from the first leg's start)", () => {
    // Prepare: the list as the Recording API gives it; the dropped file named by the later recording's id
    const list = json('genesys', 'recording-api-metadata.json');
    const read = (stem: string) =>
      readSidecars(ctrFile, { key: `inbox/${stem}.recording.json`, json: list }, stem);
    // Act
    const later = read('0a4e8c2f-6b1d-4f73-95a9-e7c3b1d5f208');
    const inName = read('b0d4f8a2-6c1e-4a93-85b7-3e9f1d5a7c26_0A4E8C2F-6B1D-4F73-95A9-E7C3B1D5F208');
    const partOfAnId = read('0a4e8c2f-6b1d-4f73-95a9-e7c3b1d5f2089');
    // whole only at its second place (helper-216)
    const secondPlace = read('0a4e8c2f-6b1d-4f73-95a9-e7c3b1d5f2089_0a4e8c2f-6b1d-4f73-95a9-e7c3b1d5f208');
    // Assess
    expect(later.recording?.startTime).toBe('2026-04-16T18:23:23.301Z');
    expect(later.recordingNote).toBe(
      '0a4e8c2f-6b1d-4f73-95a9-e7c3b1d5f208.recording.json lists 2 audio recordings; the one the call is named after (0a4e8c2f-6b1d-4f73-95a9-e7c3b1d5f208) anchors the transcript',
    );
    expect(inName.recording?.recordingId).toBe('0a4e8c2f-6b1d-4f73-95a9-e7c3b1d5f208');
    // an id running on into more characters is another name: the earliest, as before
    expect(partOfAnId.recording?.recordingId).toBe('7d1b5f9a-3e2c-4c86-a0d4-f8b2e6c0a175');
    expect(secondPlace.recording?.recordingId).toBe('0a4e8c2f-6b1d-4f73-95a9-e7c3b1d5f208');
  });

  it('falls back to the CTR clock, with a note, when the metadata has no start time', () => {
    // Prepare
    const { timing: _timing, ...withoutTiming } = json('genesys', 'recording-export.opus_metadata.json');

    // Act
    // Keyed as the workflow stages it; the note names the file as dropped.
    const sidecars = readSidecars(ctrFile, { key: 'inbox/c.recording.json', json: withoutTiming }, 'c');
    const merged = mergeCtr(doc, { ...sidecars }, { aniHashKey: KEY });

    // Assess
    expect(merged.journey?.ctrStatus).toBe('matched');
    expect(merged.journey?.timeBase).toBe('conversation-start');
    expect(merged.journey?.note).toBe(
      'c.recording.json has no recording start time (startTime or timing.startTime): transcript offsets anchored at the conversation start',
    );
  });

  it('reads recording metadata dropped under the record’s name (.wav_metadata.json) as what it is', () => {
    const sidecars = readSidecars(
      { key: 'c.wav_metadata.json', json: json('genesys', 'recording-export.opus_metadata.json') },
      null,
      'c',
    );
    expect(sidecars.ctr).toBeNull();
    expect(sidecars.recording?.startTime).toBe('2026-04-16T18:21:47.212+0000');
    expect(sidecars.recordingNote).toMatch(/holds recording metadata, not a conversation record/);
  });

  it("says which file and what to drop when an Analytics query response does not say which conversation is the call's (helper-215)", () => {
    // Prepare: the record inside a query response, alone, twice, and none
    const record = json('genesys', 'not-responding-agent.json') as { conversationId: string };
    const other = { ...record, conversationId: 'a0b1c2d3-0000-4000-8000-000000000000' };
    const problem = (conversations: unknown[], recording: unknown = null) => {
      try {
        readSidecars(
          { key: 'inbox/c.ctr.json', json: { conversations } },
          recording === null ? null : { key: 'inbox/c.recording.json', json: recording },
          'c',
        );
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    };
    // Act
    const one = problem([record]);
    const none = problem([]);
    // As Genesys answers a query that found nothing (the empty list left out), and as an ETL tool
    // writes it (helper-218: both got a schema complaint about conversationId)
    const noneAnswered = (json: unknown) => {
      try {
        readSidecars({ key: 'inbox/c.ctr.json', json }, null, 'c');
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    };
    const leftOut = noneAnswered({ totalHits: 0 });
    const nulled = noneAnswered({ conversations: null, totalHits: 0 });
    const two = problem([other, record]);
    const twoWithRecording = problem([other, record], {
      startTime: '2026-04-17T09:00:00Z',
      conversationId: 'f0f0f0f0-0000-4000-8000-000000000000',
    });
    // Recording metadata that names no conversation (the AWS sample's: a start time alone)
    const twoWithStartOnly = problem([other, record], { startTime: '2026-04-17T09:00:00Z' });
    // A recording list whose entry names the conversation but has no start time (not read as a
    // recording): it does name a conversationId (helper-220: the line said it named none)
    const twoWithUnreadList = problem(
      [other, record],
      [{ id: 'r1', media: 'audio', conversationId: record.conversationId }],
    );
    const picked = problem([other, record], {
      startTime: '2026-04-17T09:00:00Z',
      conversationId: record.conversationId,
    });
    // Assess
    expect(one).toBeNull();
    expect(picked).toBeNull();
    expect(none).toBe(
      'ctr: c.ctr.json is an Analytics API query response that holds no conversation: drop the call\'s own conversation (one element of "conversations") as c.ctr.json',
    );
    expect(leftOut).toBe(none);
    expect(nulled).toBe(none);
    expect(two).toBe(
      'ctr: c.ctr.json is an Analytics API query response that holds 2 conversations and no recording metadata was dropped to say which is this call\'s: drop the call\'s own conversation (one element of "conversations") as c.ctr.json',
    );
    // (helper-218: it said "no recording metadata was dropped" of c.recording.json)
    expect(twoWithStartOnly).toBe(
      'ctr: c.ctr.json is an Analytics API query response that holds 2 conversations and its recording metadata (c.recording.json) names no conversationId to say which is this call\'s: drop the call\'s own conversation (one element of "conversations") as c.ctr.json',
    );
    expect(twoWithUnreadList).toBe(
      'ctr: c.ctr.json is an Analytics API query response that holds 2 conversations and its recording metadata (c.recording.json) could not be read to say which is this call\'s (c.recording.json lists no audio recording with a start time): drop the call\'s own conversation (one element of "conversations") as c.ctr.json',
    );
    expect(twoWithRecording).toMatch(
      /^ctr: c\.ctr\.json is an Analytics API query response that holds 2 conversations and none is the recording's \(conversationId f0f0f0f0-0000-4000-8000-000000000000\): drop/,
    );
  });

  it("picks the call's conversation from a bulk export by the file's name when nothing else says which (trial: a jobs-API export of 7 named by one of them was refused)", () => {
    // Prepare: the jobs API's results page, as dropped; the record among two others
    const record = json('genesys', 'not-responding-agent.json') as { conversationId: string };
    const own = record.conversationId;
    const other = (n: number) => ({ ...record, conversationId: `a0b1c2d3-0000-4000-8000-00000000000${n}` });
    const page = (conversations: unknown[]) => ({
      conversations,
      cursor: 'eyJvZmZzZXQiOjEwMDB9',
      dataAvailabilityDate: '2026-12-01T13:00:00.000Z',
    });
    const read = (stem: string, conversations: unknown[], recording: unknown = null) =>
      readSidecars(
        { key: `inbox/${stem}.ctr.json`, json: page(conversations) },
        recording === null ? null : { key: `inbox/${stem}.recording.json`, json: recording },
        stem,
      );
    // Act + Assess
    expect(read(own, [other(1), record, other(2)]).ctr?.conversationId).toBe(own);
    expect(read(own.toUpperCase(), [other(1), record, other(2)]).ctr?.conversationId).toBe(own);
    // recording metadata that names no conversation: the name still says which
    expect(read(own, [other(1), record], { startTime: '2026-04-17T09:00:00Z' }).ctr?.conversationId).toBe(
      own,
    );
    // the recording's conversation wins over the name
    expect(
      read(own, [other(1), record], {
        startTime: '2026-04-17T09:00:00Z',
        conversationId: other(1).conversationId,
      }).ctr?.conversationId,
    ).toBe(other(1).conversationId);
    // none, or two, named so: refused, as before
    expect(() => read('a0b1c2d3-0000-4000-8000-000000000009', [other(1), record])).toThrow(
      "ctr: a0b1c2d3-0000-4000-8000-000000000009.ctr.json is an Analytics API query response that holds 2 conversations and no recording metadata was dropped to say which is this call's: drop",
    );
    expect(() => read(own, [record, other(1), record])).toThrow(
      `ctr: ${own}.ctr.json is an Analytics API query response that holds 3 conversations (2 of them conversation ${own}, the file's name) and no recording metadata was dropped to say which is this call's: drop the call's own conversation (one element of "conversations") as ${own}.ctr.json`,
    );
  });

  it("quarantines a record of another conversation dropped for a call named by its conversationId (trial: …0009 landed matched with …0005's agent and handle time)", () => {
    // Prepare: the record is of conversation b0d4f8a2-…; the calls are named by other UUIDs, by
    // the record's own (in capitals), and not by a UUID (the bundled samples' names)
    const record = json('genesys', 'not-responding-agent.json') as { conversationId: string };
    const own = record.conversationId;
    const stem = 'c0a1e7b2-9999-4a6b-9c01-000000000009';
    const read =
      (name: string, recording: unknown = null) =>
      () =>
        readSidecars(
          { key: `inbox/${name}.ctr.json`, json: record },
          recording === null ? null : { key: `inbox/${name}.recording.json`, json: recording },
          name,
        );
    // Act + Assess
    expect(read(stem)).toThrow(InvalidInputError);
    expect(read(stem)).toThrow(
      `ctr: ${stem}.ctr.json is the record of conversation ${own}, not of this call's (${stem}, the file's name): another call's record? Drop conversation ${stem}'s own record as ${stem}.ctr.json, or remove ${stem}.ctr.json (the call runs without one); if ${stem} is the recording's id, not the conversation's, drop the recording's metadata (Genesys' S3 export writes it) as ${stem}.opus_metadata.json beside it`,
    );
    // recording metadata that names no conversation says nothing of the name
    expect(read(stem, { startTime: '2026-04-17T09:00:00Z' })).toThrow(/is the record of conversation/);
    // one query response element of another conversation is refused the same way
    expect(() =>
      readSidecars({ key: `inbox/${stem}.ctr.json`, json: { conversations: [record] } }, null, stem),
    ).toThrow(/is the record of conversation/);
    expect(read(own.toUpperCase())().ctr?.conversationId).toBe(own);
    expect(read('call-0001-billing')().ctr?.conversationId).toBe(own);
    // named by the recording's id (Genesys' S3 export): its metadata says so, by either id
    expect(read(stem, { startTime: '2026-04-17T09:00:00Z', recordingId: stem })().ctr?.conversationId).toBe(
      own,
    );
    expect(read(stem, { startTime: '2026-04-17T09:00:00Z', conversationId: own })().ctr?.conversationId).toBe(
      own,
    );
  });

  it('rejects Transcribe output dropped as the record in one line that says what to do', () => {
    // Keyed as the workflow stages it (inbox/…): the reason names the file as dropped, as the
    // transcript's reasons do, not the inbox copy.
    const act = () =>
      readSidecars(
        { key: 'inbox/c.ctr.json', json: json('transcribe', 'call-analytics-output.json') },
        null,
        'c',
      );
    expect(act).toThrow(
      /^ctr: c\.ctr\.json: this is Transcribe Call Analytics output, not a Genesys record: name it c\.tca\.json/,
    );
  });

  it('names a conversation from the Conversations API (GET /api/v2/conversations/{id}) dropped as the record or the transcript, and says what to drop (helper-215: a schema complaint about conversationId)', () => {
    // Prepare: the Conversations API's shape (id, startTime, participants with calls; no segments)
    const conversation = {
      id: 'c41d7e0a-5b2f-4e96-8a13-f7d0b9e2c658',
      startTime: '2026-05-04T10:15:02.114Z',
      endTime: '2026-05-04T10:21:40.907Z',
      participants: [
        {
          id: 'p-1',
          purpose: 'customer',
          ani: 'tel:+15550100',
          calls: [{ id: 'k-1', state: 'disconnected', direction: 'inbound', recording: true }],
        },
        {
          id: 'p-2',
          purpose: 'agent',
          userId: '2e9c4a71-0d3b-4f58-96e2-b7a1c5d8f304',
          calls: [{ id: 'k-2', state: 'disconnected', direction: 'inbound', held: false }],
        },
      ],
    };
    // The call's own endpoint (GET /api/v2/conversations/calls/{id}, SDK model CallConversation):
    // its participants are the calls, with state (helper-218: still a schema complaint)
    const callConversation = {
      id: 'c41d7e0a-5b2f-4e96-8a13-f7d0b9e2c658',
      recordingState: 'none',
      participants: [
        { id: 'p-1', purpose: 'customer', state: 'disconnected', direction: 'inbound', ani: 'tel:+15550100' },
        { id: 'p-2', purpose: 'agent', state: 'disconnected', direction: 'inbound', held: false },
      ],
    };
    // Act
    const asRecord = () => readSidecars({ key: 'inbox/c.ctr.json', json: conversation }, null, 'c');
    const asTranscript = foreignTranscript(conversation, 'c');
    const callAsRecord = () => readSidecars({ key: 'inbox/c.ctr.json', json: callConversation }, null, 'c');
    const callAsTranscript = foreignTranscript(callConversation, 'c');
    // Assess
    expect(asRecord).toThrow(
      "ctr: c.ctr.json: this is a conversation from the Genesys Conversations API (/api/v2/conversations/{id} or /calls/{id}: participants' calls, no segments to time the IVR, queue, hold and handle by), not its detail record: drop the conversation detail record from the Genesys Analytics API (/api/v2/analytics/conversations/details) as c.ctr.json",
    );
    expect(asTranscript).toBe(
      "this is a Genesys conversation from the Conversations API (/api/v2/conversations/{id} or /calls/{id}), not a transcript: drop the call's Call Analytics output as c.tca.json, and its conversation detail record (/api/v2/analytics/conversations/details) as c.ctr.json",
    );
    expect(callAsRecord).toThrow(
      /^ctr: c\.ctr\.json: this is a conversation from the Genesys Conversations API /,
    );
    expect(callAsTranscript).toBe(asTranscript);
  });
});

describe("the README's word to Genesys users on naming a call's files (trial: a recording named 20261201_103000_ext4021.wav became its own call)", () => {
  it('says to name them by the conversationId, what a misnamed recording becomes, and the recovery, in the lines the code writes', () => {
    // Prepare: the paragraph, and the reasons it quotes as the code writes them
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const start = readme.indexOf("**Genesys: name a call's files by its `conversationId`.**");
    const paragraph = readme.slice(start, readme.indexOf('\n\n', start)).replaceAll('\n', ' ');
    const record = json('genesys', 'not-responding-agent.json');
    const stem = 'c0a1e7b2-9999-4a6b-9c01-000000000009';
    const another = (() => {
      try {
        readSidecars({ key: `${stem}.ctr.json`, json: record }, null, stem);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    // Act + Assess
    expect(start).toBeGreaterThan(0);
    expect(paragraph).toContain('name the recording and the record by the Genesys `conversationId`');
    expect(paragraph).toContain('`ctr_status` missing');
    expect(paragraph).toContain('`no recording or transcript of this call beside it`');
    expect(paragraph).toContain('`a copy of call 20261201_103000_ext4021`');
    expect(new DuplicateRecordingError('20261201_103000_ext4021').message).toMatch(
      /^a copy of call 20261201_103000_ext4021: /,
    );
    expect(paragraph).toContain(
      '`npx debrief forget 20261201_103000_ext4021`, then `npx debrief run <folder>`',
    );
    expect(paragraph).toContain("`ctr: … is the record of conversation …, not of this call's`");
    expect(another).toMatch(/^ctr: \S+ is the record of conversation \S+, not of this call's/);
  });
});
