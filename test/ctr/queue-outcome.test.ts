import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalEnrichers } from '../../adapters/local/local-enrichers.js';
import { compactLake } from '../../cli/commands/compact.js';
import { queryLake } from '../../cli/commands/query.js';
import { runDrop } from '../../cli/commands/run.js';
import { abandonedInQueue } from '../../core/ctr/ctr-only.js';
import { journeyMetrics } from '../../core/ctr/journey-metrics.js';
import { queueOutcome } from '../../core/ctr/queue-outcome.js';
import { extractTimeline } from '../../core/ctr/timeline.js';
import { once } from '../../core/once.js';
import { callsRow } from '../../core/rows.js';
import { GenesysConversation } from '../../schemas/genesys-conversation.js';
import { callWithTurns } from '../enrich/call-fixture.js';
import { tempDir } from '../helpers/paths.js';
import { textSink } from '../helpers/text-sink.js';

/**
 * Genesys Cloud conversation detail records of one day: CTR-only calls (never recorded) written in
 * the analytics API's shape, and a recorded Payments call answered after 39.3 s, then transferred
 * by its agent to Customer Service, where it waited another 50.5 s (queue_ms 89.8 s).
 */
const PAYMENTS = '386b1276-dc1c-597a-a947-89690e67e8e3';
const CUSTOMER_SERVICE = '10ef9267-457b-5b78-a339-989e4a9be1cf';
const FIXTURES = join(import.meta.dirname, 'fixtures', 'queue-outcome');
const record = (name: string) =>
  GenesysConversation.parse(JSON.parse(readFileSync(join(FIXTURES, `${name}.ctr.json`), 'utf8')));
/**
 * The calls row of a CTR-only call merged from the record (what debrief run writes for it), with
 * the entry queue's columns as core/rows derives them (short_abandon from abandon_wait_ms).
 */
const rowOf = (ctr: GenesysConversation) => {
  const t = extractTimeline(ctr);
  const abandoned = abandonedInQueue(ctr, t);
  const m = journeyMetrics(t);
  const doc = callWithTurns([]);
  return callsRow(
    {
      ...doc,
      journey: {
        ctrStatus: 'matched',
        timeBase: 'recording-metadata',
        direction: 'inbound',
        agentIds: [],
        queueIds: t.queueIds,
        queueNames: t.queueIds.map(() => null),
        ivrMs: m.ivrMs,
        queueMs: m.queueMs,
        holdMs: 0,
        acwMs: 0,
        handleMs: null,
        transfers: 0,
        wrapupCodes: [],
        aniHash: null,
        callerType: 'customer',
        note: null,
        agents: [],
        abandoned,
        ...queueOutcome(t, abandoned),
      },
    },
    '2026-03-22T00:00:00.000Z',
  );
};
/** The short-abandon record with the caller hanging up `ms` after entering the queue. */
const shortAbandonAfter = (ms: number): GenesysConversation => {
  const ctr = structuredClone(record('short-abandon'));
  const acd = ctr.participants.find((p) => p.purpose === 'acd')!;
  const wait = acd.sessions[0]!.segments[0]!;
  wait.segmentEnd = new Date(Date.parse(wait.segmentStart) + ms).toISOString();
  for (const m of acd.sessions[0]!.metrics) if (m.name === 'tAbandon') m.value = ms;
  return ctr;
};
const outcomeOf = (name: string) => {
  const ctr = record(name);
  const t = extractTimeline(ctr);
  return { ...queueOutcome(t, abandonedInQueue(ctr, t)), queueMs: journeyMetrics(t).queueMs };
};

describe('the entry queue as Genesys measures it, per call (core/ctr/queue-outcome.ts)', () => {
  it('answered after a transfer between queues: the answer wait is the first queue tAnswered (39.3 s), not the 89.8 s of both queues', () => {
    expect(outcomeOf('transferred-between-queues')).toEqual({
      offered: true,
      entryWaitMs: 39_330,
      answerWaitMs: 39_330,
      abandonWaitMs: null,
      abandonedWhile: null,
      queueMs: 89_837,
    });
  });

  it('abandoned waiting in the queue: tAbandon from entering the queue to the hang-up, no agent ringing', () => {
    expect(outcomeOf('abandoned-in-queue')).toEqual({
      offered: true,
      entryWaitMs: 200_000,
      answerWaitMs: null,
      abandonWaitMs: 200_000,
      abandonedWhile: 'queue',
      queueMs: 200_000,
    });
  });

  it('short_abandon in the calls row: a 4 s hang-up is a short abandon, exactly 5 s is not (under SHORT_ABANDON_MS), 200 s is not; each still an abandon', () => {
    expect(outcomeOf('short-abandon')).toMatchObject({
      offered: true,
      abandonWaitMs: 4_000,
      abandonedWhile: 'queue',
    });
    expect(rowOf(record('short-abandon'))).toMatchObject({ abandon_wait_ms: 4_000, short_abandon: true });
    expect(rowOf(shortAbandonAfter(5_000))).toMatchObject({
      abandoned: true,
      offered: true,
      abandon_wait_ms: 5_000,
      short_abandon: false,
      abandoned_while: 'queue',
    });
    expect(rowOf(shortAbandonAfter(4_999))).toMatchObject({ abandon_wait_ms: 4_999, short_abandon: true });
    expect(rowOf(record('abandoned-in-queue'))).toMatchObject({
      abandon_wait_ms: 200_000,
      short_abandon: false,
    });
  });

  it("hung up in a second queue the in-queue flow moved the call to: the entry queue counts it offered, neither answered nor abandoned (a flow-out); the abandon is the second queue's", () => {
    // Payments 3 s, then Customer Service, where the caller hung up 200 s after entering Payments.
    const ctr = record('abandoned-in-second-queue');
    expect(abandonedInQueue(ctr, extractTimeline(ctr))).toBe(true);
    expect(outcomeOf('abandoned-in-second-queue')).toEqual({
      offered: true,
      entryWaitMs: 3_000,
      answerWaitMs: null,
      abandonWaitMs: null,
      abandonedWhile: null,
      queueMs: 200_000,
    });
    expect(rowOf(ctr)).toMatchObject({
      entry_queue: PAYMENTS,
      abandoned: true,
      offered: true,
      entry_wait_ms: 3_000,
      answer_wait_ms: null,
      abandon_wait_ms: null,
      short_abandon: null,
      abandoned_while: null,
    });
  });

  it("abandoned while an agent's phone rang (an alert segment up to the hang-up): told apart from waiting in the queue", () => {
    expect(outcomeOf('abandoned-ringing')).toEqual({
      offered: true,
      entryWaitMs: 55_000,
      answerWaitMs: null,
      abandonWaitMs: 55_000,
      abandonedWhile: 'ringing',
      queueMs: 55_000,
    });
  });

  it('a callback (the queue wait ends in a transfer to a callback session): offered, neither answered nor abandoned (a flow-out)', () => {
    expect(outcomeOf('callback')).toEqual({
      offered: true,
      entryWaitMs: 90_000,
      answerWaitMs: null,
      abandonWaitMs: null,
      abandonedWhile: null,
      queueMs: 90_000,
    });
  });

  it('an outbound call placed from a queue, then transferred by its agent through another queue: offered to none (no caller waited for an answer)', () => {
    expect(outcomeOf('outbound-then-transferred-to-queue')).toEqual({
      offered: false,
      entryWaitMs: null,
      answerWaitMs: null,
      abandonWaitMs: null,
      abandonedWhile: null,
      queueMs: 7_677,
    });
  });

  it('ended in the IVR: never offered to a queue, no wait of any kind', () => {
    expect(outcomeOf('ivr-only')).toEqual({
      offered: false,
      entryWaitMs: null,
      answerWaitMs: null,
      abandonWaitMs: null,
      abandonedWhile: null,
      queueMs: 0,
    });
  });
});

const enrichers = once(() => createLocalEnrichers());

/** The day's drop: the recorded call's transcript, recording metadata and CTR, the CTR-only records, the queues export. */
const dayDrop = (): string => {
  const dir = tempDir('drop');
  for (const ext of ['ctr.json', 'tca.json', 'recording.json'])
    copyFileSync(join(FIXTURES, `transferred-between-queues.${ext}`), join(dir, `call-0028-payments.${ext}`));
  for (const name of [
    'abandoned-in-queue',
    'abandoned-in-second-queue',
    'short-abandon',
    'abandoned-ringing',
    'callback',
    'ivr-only',
  ])
    copyFileSync(join(FIXTURES, `${name}.ctr.json`), join(dir, `${record(name).conversationId}.ctr.json`));
  writeFileSync(
    join(dir, 'genesys-queues.csv'),
    `id,name\n${PAYMENTS},Payments\n${CUSTOMER_SERVICE},Customer Service\n`,
  );
  return dir;
};

const plain = (rows: Record<string, unknown>[]) =>
  rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [
        k,
        typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? Math.round(v * 1000) / 1000 : v,
      ]),
    ),
  );

describe('offered, answered, abandoned and ASA in the views (debrief run, DuckDB over the Parquet lake)', () => {
  it('per queue and day: Payments 5 offered, 1 answered from it, 3 abandoned (1 short, 1 ringing; the hang-up in Customer Service not one of them), ASA 39.3 s; the day averages queue time over the calls that queued', async () => {
    // Prepare
    const home = tempDir('home');
    await runDrop({
      dir: dayDrop(),
      home,
      enrichers,
      report: false,
      out: textSink().stream,
      err: textSink().stream,
    });
    const read = async () => ({
      calls: plain(
        await queryLake(
          home,
          `select offered, entry_wait_ms, answer_wait_ms, abandon_wait_ms, short_abandon, abandoned_while, queue_ms
           from calls order by coalesce(entry_wait_ms, -1), queue_ms`,
        ),
      ),
      queues: plain(
        await queryLake(
          home,
          `select queue, calls, queue_figures_calls, offered, answered_from_entry_queue, abandoned_calls, short_abandons, abandoned_ringing,
                  abandon_rate, abandon_rate_excl_short, asa_s, avg_queue_s
           from queue_stats order by queue`,
        ),
      ),
      queueDays: plain(
        await queryLake(
          home,
          `select dt, queue, queue_figures_calls, offered, answered_from_entry_queue, abandoned_calls, short_abandons, total_answer_wait_s, total_entry_wait_s, entry_wait_calls
           from queue_daily_totals order by queue`,
        ),
      ),
      day: plain(
        await queryLake(
          home,
          `select dt, calls, queue_figures_calls, offered, answered_from_entry_queue, abandoned_calls, short_abandons, abandoned_ringing, abandon_rate,
                  abandon_rate_excl_short, asa_s, avg_queue_s, queue_calls, avg_duration_s, avg_handle_s
           from daily_overview`,
        ),
      ),
      kpis: plain(
        await queryLake(
          home,
          'select calls, offered, abandoned_calls, abandon_rate, asa_s, transfers_per_call from kpis',
        ),
      ),
      agents: plain(
        await queryLake(
          home,
          'select avg_talk_s, avg_hold_s, avg_acw_s, avg_handle_s from agent_stats order by agent_id',
        ),
      ),
    });

    // Act
    const before = await read();
    await compactLake(home, undefined, { err: textSink().stream });
    const after = await read();

    // Assess: per call
    expect(before.calls).toEqual([
      {
        offered: false,
        entry_wait_ms: null,
        answer_wait_ms: null,
        abandon_wait_ms: null,
        short_abandon: null,
        abandoned_while: null,
        queue_ms: 0,
      },
      // Hung up in Customer Service after 3 s in Payments: Payments' flow-out, no abandon of it.
      {
        offered: true,
        entry_wait_ms: 3000,
        answer_wait_ms: null,
        abandon_wait_ms: null,
        short_abandon: null,
        abandoned_while: null,
        queue_ms: 200000,
      },
      {
        offered: true,
        entry_wait_ms: 4000,
        answer_wait_ms: null,
        abandon_wait_ms: 4000,
        short_abandon: true,
        abandoned_while: 'queue',
        queue_ms: 4000,
      },
      {
        offered: true,
        entry_wait_ms: 39330,
        answer_wait_ms: 39330,
        abandon_wait_ms: null,
        short_abandon: null,
        abandoned_while: null,
        queue_ms: 89837,
      },
      {
        offered: true,
        entry_wait_ms: 55000,
        answer_wait_ms: null,
        abandon_wait_ms: 55000,
        short_abandon: false,
        abandoned_while: 'ringing',
        queue_ms: 55000,
      },
      {
        offered: true,
        entry_wait_ms: 90000,
        answer_wait_ms: null,
        abandon_wait_ms: null,
        short_abandon: null,
        abandoned_while: null,
        queue_ms: 90000,
      },
      {
        offered: true,
        entry_wait_ms: 200000,
        answer_wait_ms: null,
        abandon_wait_ms: 200000,
        short_abandon: false,
        abandoned_while: 'queue',
        queue_ms: 200000,
      },
    ]);
    // Per entry queue: the transferred call's second queue is not charged to Payments, nor is
    // the hang-up in Customer Service after Payments' flow moved the call there.
    expect(before.queues).toEqual([
      {
        queue: 'Customer Service',
        calls: 1,
        queue_figures_calls: 1,
        offered: 1,
        answered_from_entry_queue: 0,
        abandoned_calls: 0,
        short_abandons: 0,
        abandoned_ringing: 0,
        abandon_rate: 0,
        abandon_rate_excl_short: 0,
        asa_s: null,
        avg_queue_s: 90,
      },
      {
        queue: 'Payments',
        calls: 5,
        queue_figures_calls: 5,
        offered: 5,
        answered_from_entry_queue: 1,
        abandoned_calls: 3,
        short_abandons: 1,
        abandoned_ringing: 1,
        abandon_rate: 0.6,
        abandon_rate_excl_short: 0.5,
        asa_s: 39.33,
        avg_queue_s: 60.266,
      },
      {
        queue: 'no queue',
        calls: 1,
        queue_figures_calls: 1,
        offered: 0,
        answered_from_entry_queue: 0,
        abandoned_calls: 0,
        short_abandons: 0,
        abandoned_ringing: 0,
        abandon_rate: null,
        abandon_rate_excl_short: null,
        asa_s: null,
        avg_queue_s: null,
      },
    ]);
    expect(before.queueDays.find((r) => r.queue === 'Payments')).toEqual({
      dt: '2026-03-22',
      queue: 'Payments',
      queue_figures_calls: 5,
      offered: 5,
      answered_from_entry_queue: 1,
      abandoned_calls: 3,
      short_abandons: 1,
      total_answer_wait_s: 39.33,
      total_entry_wait_s: 301.33,
      entry_wait_calls: 5,
    });
    // The day: queue time over the 6 calls that queued (the IVR-only call's 0 left out);
    // duration over the recorded call only; handle time over the handled call.
    expect(before.day).toEqual([
      {
        dt: '2026-03-22',
        calls: 7,
        queue_figures_calls: 7,
        offered: 6,
        answered_from_entry_queue: 1,
        abandoned_calls: 3,
        short_abandons: 1,
        abandoned_ringing: 1,
        abandon_rate: 0.5,
        abandon_rate_excl_short: 0.4,
        asa_s: 39.33,
        avg_queue_s: 106.473,
        queue_calls: 6,
        avg_duration_s: 261.728,
        avg_handle_s: 260.158,
      },
    ]);
    // Transfers per call over the handled call only (the abandons had no agent to transfer).
    expect(before.kpis).toEqual([
      { calls: 7, offered: 6, abandoned_calls: 3, abandon_rate: 0.5, asa_s: 39.33, transfers_per_call: 1 },
    ]);
    // Each agent's own handle time: talk + hold + after-call work (tHandle 151.1 s and 109.0 s).
    expect(before.agents.map((a) => a.avg_handle_s).sort()).toEqual([109.018, 151.14]);
    // The compacted lake's per-day summaries give the same figures.
    expect(after).toEqual(before);
  });
});
