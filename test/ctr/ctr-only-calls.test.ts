import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalEnrichers } from '../../adapters/local/local-enrichers.js';
import { compactLake } from '../../cli/commands/compact.js';
import { queryLake } from '../../cli/commands/query.js';
import { type RunOptions, runDrop } from '../../cli/commands/run.js';
import { abandonedInQueue, ctrOnlyReason } from '../../core/ctr/ctr-only.js';
import { extractTimeline } from '../../core/ctr/timeline.js';
import { once } from '../../core/once.js';
import { GenesysConversation } from '../../schemas/genesys-conversation.js';
import { LocalWorkflowRunner } from '../../workflows/local-runner.js';
import { freshRuntime, putInbox, withDb } from '../helpers/local-runtime.js';
import { tempDir } from '../helpers/paths.js';
import { showcaseTranscriptFolder } from '../helpers/samples.js';
import { textSink } from '../helpers/text-sink.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'ctr-only');
const SAMPLES = showcaseTranscriptFolder();
/** A call dropped with its transcript (a recording transcribed elsewhere) and its CTR. */
const RECORDED = 'call-0001-billing';
const ABANDONED = '3b7e9d40-6a1f-4c2e-8b55-2f0c1d9a7e01';
const IVR_ONLY = 'a91c04d2-0e5b-4f7a-9c3d-7b2e6f184c02';
const ANSWERED = '5d20c8e1-7f43-4b9a-a6e2-91c3b0d4f803';
const enrichers = once(() => createLocalEnrichers());

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
const record = (name: string) => GenesysConversation.parse(fixture(name));

/** A drop folder: the recorded sample call's files, and the named CTR fixtures under their conversationIds. */
const dropOf = (withRecorded: boolean, ctrs: Record<string, string>): string => {
  const dir = tempDir('drop');
  if (withRecorded)
    for (const f of readdirSync(SAMPLES).filter((f) => f.startsWith(`${RECORDED}.`)))
      copyFileSync(join(SAMPLES, f), join(dir, f));
  for (const [stem, name] of Object.entries(ctrs))
    copyFileSync(join(FIXTURES, name), join(dir, `${stem}.ctr.json`));
  return dir;
};

const run = (dir: string, home: string, extra: Partial<RunOptions> = {}) =>
  runDrop({ dir, home, enrichers, report: false, out: textSink().stream, err: textSink().stream, ...extra });

describe('which records are CTR-only calls, and which were abandoned (core/ctr/ctr-only.ts)', () => {
  it('a caller who hung up in the queue (tAbandon, acd disconnectType peer), an agent only alerted: CTR-only and abandoned', () => {
    // Prepare
    const ctr = record('abandoned-in-queue.ctr.json');
    const timeline = extractTimeline(ctr);
    // Act / Assess
    expect(ctrOnlyReason(ctr, timeline)).toBe(
      'the caller hung up waiting in the queue before any agent answered',
    );
    expect(abandonedInQueue(ctr, timeline)).toBe(true);
  });

  it('without tAbandon the acd segment decides: peer is an abandon, a transfer (to voicemail, another flow) is not', () => {
    // Prepare
    const json = fixture('abandoned-in-queue.ctr.json') as {
      participants: {
        purpose: string;
        sessions: { metrics: unknown[]; segments: { disconnectType?: string }[] }[];
      }[];
    };
    const acd = json.participants.find((p) => p.purpose === 'acd')!.sessions[0]!;
    acd.metrics = [];
    const peer = GenesysConversation.parse(json);
    acd.segments[0]!.disconnectType = 'transfer';
    const transferred = GenesysConversation.parse(json);
    // Act / Assess
    expect(abandonedInQueue(peer, extractTimeline(peer))).toBe(true);
    expect(abandonedInQueue(transferred, extractTimeline(transferred))).toBe(false);
    expect(ctrOnlyReason(transferred, extractTimeline(transferred))).toBe(
      'the call left the queue before any agent answered',
    );
  });

  it('a call that ended in the IVR is CTR-only but no abandon (contact centers count abandons in queue)', () => {
    // Prepare
    const ctr = record('ivr-only.ctr.json');
    const timeline = extractTimeline(ctr);
    // Act / Assess
    expect(ctrOnlyReason(ctr, timeline)).toBe('the call ended in the IVR, before any queue or agent');
    expect(abandonedInQueue(ctr, timeline)).toBe(false);
  });

  it('an outbound dial nobody answered (the agent dialing and contacting, never interact) is not a call that ended in the IVR: it waits as before (review)', () => {
    // Prepare: a Genesys record of an agent's outbound attempt, the customer's phone rang out
    const ctr = GenesysConversation.parse({
      conversationId: '7c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d05',
      conversationStart: '2026-11-30T10:00:00.000Z',
      conversationEnd: '2026-11-30T10:00:41.000Z',
      originatingDirection: 'outbound',
      participants: [
        {
          participantId: 'p-agent',
          participantName: 'Dana Agent',
          purpose: 'agent',
          userId: 'u-dana',
          sessions: [
            {
              sessionId: 's-agent',
              mediaType: 'voice',
              direction: 'outbound',
              segments: [
                {
                  segmentStart: '2026-11-30T10:00:00.000Z',
                  segmentEnd: '2026-11-30T10:00:03.000Z',
                  segmentType: 'dialing',
                },
                {
                  segmentStart: '2026-11-30T10:00:03.000Z',
                  segmentEnd: '2026-11-30T10:00:41.000Z',
                  segmentType: 'contacting',
                  disconnectType: 'client',
                },
              ],
            },
          ],
        },
        {
          participantId: 'p-customer',
          purpose: 'external',
          sessions: [
            {
              sessionId: 's-customer',
              mediaType: 'voice',
              direction: 'outbound',
              dnis: 'tel:+15125550199',
              segments: [
                {
                  segmentStart: '2026-11-30T10:00:03.000Z',
                  segmentEnd: '2026-11-30T10:00:41.000Z',
                  segmentType: 'alert',
                  disconnectType: 'peer',
                },
              ],
            },
          ],
        },
      ],
    });
    const timeline = extractTimeline(ctr);
    // Act / Assess
    expect(timeline.agents).toEqual([]);
    expect(ctrOnlyReason(ctr, timeline)).toBeNull();
  });

  it('an agent who talked: the recording is coming (recording true or absent), unless every agent session says recording: false', () => {
    // Prepare
    const json = fixture('agent-answered.ctr.json') as {
      participants: { sessions: { recording?: boolean }[] }[];
    };
    const recorded = GenesysConversation.parse(json);
    for (const p of json.participants) for (const s of p.sessions) delete s.recording;
    const unsaid = GenesysConversation.parse(json);
    for (const p of json.participants) for (const s of p.sessions) s.recording = false;
    const unrecorded = GenesysConversation.parse(json);
    // Act / Assess
    expect(ctrOnlyReason(recorded, extractTimeline(recorded))).toBeNull();
    expect(ctrOnlyReason(unsaid, extractTimeline(unsaid))).toBeNull();
    expect(ctrOnlyReason(unrecorded, extractTimeline(unrecorded))).toBe(
      'no recording was started (every agent session says recording: false)',
    );
    expect(abandonedInQueue(unrecorded, extractTimeline(unrecorded))).toBe(false);
  });
});

describe('CTR-only calls land from the record alone (debrief run, the real ASL, DuckDB over the Parquet lake)', () => {
  it('a recorded call, an abandoned-in-queue CTR and an IVR-only CTR: three calls, none quarantined', async () => {
    // Prepare
    const dir = dropOf(true, { [ABANDONED]: 'abandoned-in-queue.ctr.json', [IVR_ONLY]: 'ivr-only.ctr.json' });
    const home = tempDir('home');

    // Act
    const summary = await run(dir, home);

    // Assess
    expect(summary.calls.map((c) => [c.callId, c.outcome]).sort()).toEqual(
      [
        [ABANDONED, 'succeeded'],
        [IVR_ONLY, 'succeeded'],
        [RECORDED, 'succeeded'],
      ].sort(),
    );
    const status = await queryLake(home, 'select call_id, state from call_status order by call_id');
    expect(status.map((r) => r.state)).toEqual(['processed', 'processed', 'processed']);
    const calls = await queryLake(
      home,
      `select c.call_id, c.has_recording, c.abandoned, c.queue_ms, c.ivr_ms, c.handle_ms, c.transfers,
              c.direction, c.entry_queue, c.agent_count, c.turn_count, c.duration_ms, c.ctr_status,
              c.topics_status, c.summary_status, c.toxicity_status, c.summary, c.primary_topic, c.status,
              c.conversation_id, cast(c.started_at as varchar) as started_at, c.dt, c.ctr_note,
              (select count(*) from turns t where t.call_id = c.call_id) as turns
       from calls c order by c.call_id`,
    );
    expect(calls).toHaveLength(3);
    const byId = Object.fromEntries(calls.map((c) => [c.call_id, c]));
    expect(byId[ABANDONED]).toMatchObject({
      has_recording: false,
      abandoned: true,
      queue_ms: 181_180,
      ivr_ms: 21_450,
      handle_ms: null,
      transfers: 0,
      direction: 'inbound',
      entry_queue: 'q-billing',
      agent_count: 0,
      turn_count: 0,
      turns: 0,
      duration_ms: 202_640,
      ctr_status: 'matched',
      topics_status: 'not_applicable',
      summary_status: 'not_applicable',
      toxicity_status: 'not_applicable',
      summary: null,
      primary_topic: null,
      status: 'processed',
      conversation_id: ABANDONED,
      dt: '2026-03-02',
    });
    expect(String(byId[ABANDONED]?.started_at)).toContain('2026-03-02 15:20:04.31');
    expect(byId[ABANDONED]?.ctr_note).toContain('CTR-only call, never recorded');
    expect(byId[IVR_ONLY]).toMatchObject({
      has_recording: false,
      abandoned: false,
      queue_ms: 0,
      ivr_ms: 52_480,
      entry_queue: null,
      agent_count: 0,
      turns: 0,
      topics_status: 'not_applicable',
      status: 'processed',
    });
    expect(byId[RECORDED]).toMatchObject({ has_recording: true, abandoned: false, status: 'processed' });
    expect(Number(byId[RECORDED]?.turns)).toBeGreaterThan(0);
    // The views that count calls count them: the pipeline's status and the queues.
    const queues = await queryLake(home, `select queue, calls from queue_stats order by queue`);
    expect(queues.find((q) => q.queue === 'q-billing')).toMatchObject({ calls: 1 });
    // The topic views leave them out (the review: every abandon counted as topic 'none', and in
    // every topic share's denominator), the day's overview counts them; the same from the
    // compacted lake's per-day summaries as from the calls.
    const topicViews = async () => ({
      stats: await queryLake(home, 'select topic, calls from topic_stats order by topic'),
      daily: await queryLake(
        home,
        'select topic, sum(calls) as calls from topic_daily group by topic order by topic',
      ),
      totals: await queryLake(
        home,
        'select topic, sum(calls) as calls from topic_daily_totals group by topic order by topic',
      ),
      mix: await queryLake(
        home,
        'select topic, sum(calls) as calls, sum(share) as share from daily_topic_mix group by topic order by topic',
      ),
      overview: await queryLake(home, 'select sum(calls) as calls from daily_overview'),
    });
    const recordedTopic = String(
      (await queryLake(home, `select primary_topic from calls where call_id = '${RECORDED}'`))[0]
        ?.primary_topic,
    );
    const expected = {
      stats: [{ topic: recordedTopic, calls: 1 }],
      daily: [{ topic: recordedTopic, calls: 1 }],
      totals: [{ topic: recordedTopic, calls: 1 }],
      mix: [{ topic: recordedTopic, calls: 1, share: 1 }],
      overview: [{ calls: 3 }],
    };
    expect(await topicViews()).toEqual(expected);
    await compactLake(home, undefined, { err: textSink().stream });
    expect(await topicViews()).toEqual(expected);
  });

  it("the run report names a CTR-only call as such, with why it has no recording (not topic 'none')", async () => {
    // Prepare
    const dir = dropOf(false, { [IVR_ONLY]: 'ivr-only.ctr.json' });
    const out = textSink();
    // Act
    await run(dir, tempDir('home'), { report: true, out: out.stream });
    // Assess
    expect(out.text()).toContain(`${IVR_ONLY}  [CTR-only]`);
    expect(out.text()).toContain(
      'ctr:        CTR-only call, never recorded: the call ended in the IVR, before any queue or agent',
    );
  });

  it('an agent-answered CTR alone still waits for its recording: quarantined with the same reason as before', async () => {
    // Prepare
    const dir = dropOf(false, { [ANSWERED]: 'agent-answered.ctr.json' });
    const home = tempDir('home');
    // Act
    await run(dir, home);
    // Assess
    const rows = await queryLake(home, 'select call_id, state, reason from call_status');
    expect(rows).toEqual([
      {
        call_id: ANSWERED,
        state: 'quarantined',
        reason: `${ANSWERED}.ctr.json: no recording or transcript of this call beside it: drop ${ANSWERED}.wav (or .opus, .ogg, .flac, .mp3) or ${ANSWERED}.tca.json in the same folder, and the call runs`,
      },
    ]);
    expect(await queryLake(home, 'select count(*) as n from calls')).toEqual([{ n: 0 }]);
  });

  it('a malformed CTR alone is quarantined as before, never landed or skipped', async () => {
    // Prepare: the abandoned call's record cut off half-way
    const dir = tempDir('drop');
    const text = readFileSync(join(FIXTURES, 'abandoned-in-queue.ctr.json'), 'utf8');
    writeFileSync(join(dir, `${ABANDONED}.ctr.json`), text.slice(0, text.length / 2));
    const home = tempDir('home');
    // Act
    await run(dir, home);
    // Assess
    const rows = await queryLake(home, 'select state, reason from call_status');
    expect(rows).toEqual([
      {
        state: 'quarantined',
        reason: `${ABANDONED}.ctr.json: no recording or transcript of this call beside it: drop ${ABANDONED}.wav (or .opus, .ogg, .flac, .mp3) or ${ABANDONED}.tca.json in the same folder, and the call runs`,
      },
    ]);
  });

  it('a recording that arrives later for a call landed CTR-only replaces it: one call, with its turns', async () => {
    // Prepare: the abandoned call lands CTR-only; then a transcript of it is dropped beside its CTR
    const dir = dropOf(false, { [ABANDONED]: 'abandoned-in-queue.ctr.json' });
    const home = tempDir('home');
    await run(dir, home);
    copyFileSync(join(SAMPLES, `${RECORDED}.tca.json`), join(dir, `${ABANDONED}.tca.json`));

    // Act
    const summary = await run(dir, home);

    // Assess
    expect(summary.calls.map((c) => c.outcome)).toEqual(['succeeded']);
    const calls = await queryLake(
      home,
      `select has_recording, abandoned, topics_status, (select count(*) from turns) as turns from calls`,
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ has_recording: true, abandoned: true });
    expect(calls[0]?.topics_status).not.toBe('not_applicable');
    expect(Number(calls[0]?.turns)).toBeGreaterThan(0);
  });
});

describe('CTR-only calls when files arrive one by one (debrief watch; on AWS, the S3 trigger)', () => {
  it('watch runs a CTR-only record at once and holds an agent-answered one for its recording', async () => {
    // Prepare
    const dir = dropOf(false, {
      [ABANDONED]: 'abandoned-in-queue.ctr.json',
      [ANSWERED]: 'agent-answered.ctr.json',
    });
    const home = tempDir('home');

    // Act
    const summary = await run(dir, home, { awaitRecordings: true });

    // Assess
    expect(summary.awaiting.map((a) => a.callId)).toEqual([ANSWERED]);
    expect(summary.calls.map((c) => [c.callId, c.outcome])).toEqual([[ABANDONED, 'succeeded']]);
    expect(await queryLake(home, 'select call_id, has_recording, abandoned from calls')).toEqual([
      { call_id: ABANDONED, has_recording: false, abandoned: true },
    ]);
  });

  it('an event-driven execution of a lone CTR (the real ASL): CTR-only lands through LoadCall, agent-answered ends AwaitingRecording', async () => {
    // Prepare: executions as the S3 trigger starts them (the file's key, sidecars looked up)
    const { runtime } = freshRuntime({ enrichers });
    putInbox(runtime, {
      [`${IVR_ONLY}.ctr.json`]: readFileSync(join(FIXTURES, 'ivr-only.ctr.json'), 'utf8'),
      [`${ANSWERED}.ctr.json`]: readFileSync(join(FIXTURES, 'agent-answered.ctr.json'), 'utf8'),
    });
    const { landedResults: _local, ...deps } = runtime.deps;
    const runner = new LocalWorkflowRunner(deps, undefined, { waitMs: 20 });
    const event = (callId: string) =>
      runner.run({
        callId,
        keys: { transcript: null, audio: null, ctr: `inbox/${callId}.ctr.json`, recording: null },
        lookupSidecars: true,
      });

    // Act
    const ivrOnly = await event(IVR_ONLY);
    const answered = await event(ANSWERED);

    // Assess
    expect(ivrOnly.outcome).toBe('succeeded');
    expect(ivrOnly.statesRun).toContain('LoadCall');
    expect(ivrOnly.statesRun).not.toContain('InspectAudio');
    expect(ivrOnly.statesRun.at(-1)).toBe('WriteResults');
    expect(answered.statesRun).toEqual(['ClaimCall', 'RouteCall', 'AwaitingRecording']);
    const calls = await withDb(runtime.lakeDir, (db) =>
      db.query('select call_id, has_recording, abandoned, ivr_ms, turn_count from calls'),
    );
    expect(calls).toEqual([
      { call_id: IVR_ONLY, has_recording: false, abandoned: false, ivr_ms: 52_480, turn_count: 0 },
    ]);
  });
});
