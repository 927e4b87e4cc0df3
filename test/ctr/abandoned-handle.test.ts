import * as duckdb from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { mergeCtr } from '../../core/ctr/merge.js';
import { callsRow } from '../../core/rows.js';
import { KPI_SQL } from '../../dashboards/visuals.js';
import { GenesysConversation } from '../../schemas/genesys-conversation.js';
import { callDocument, simpleCtr, tcaTurn } from './call-builder.js';

const KEY = 'k';
const T0 = Date.UTC(2026, 10, 30, 16, 0, 0);
const at = (ms: number) => new Date(T0 + ms).toISOString();

/**
 * The trial's abandoned call (helper trial-genesys, c0a1e7b2-3333): IVR 0–15 s, then 60 s in the
 * Billing queue (tAbandon 60000) until the caller hangs up; no agent ever joins.
 */
const abandoned = (() => {
  const ctr = simpleCtr(
    { startMs: T0, ivr: [0, 15_000], queue: [15_000, 75_000], agents: [] },
    'conv-abandoned',
  );
  const acd = ctr.participants.find((p) => p.purpose === 'acd')!.sessions[0]!;
  acd.metrics = [{ name: 'tAbandon', value: 60_000, emitDate: at(75_000) }];
  acd.segments[0]!.disconnectType = 'peer';
  return GenesysConversation.parse(ctr);
})();

const doc = () =>
  callDocument([
    tcaTurn('CUSTOMER', { atMs: 20_000, text: 'Is anyone there? Forget it, I will call back.' }),
  ]);

describe('handle time of a call no agent handled (found by trial-genesys: an abandoned call landed handle_ms 0)', () => {
  it('is absent (null) on the journey and in calls.handle_ms, not 0: Genesys has no tHandle for it', () => {
    // Act
    const merged = mergeCtr(doc(), { ctr: abandoned, recording: null }, { aniHashKey: KEY });
    const row = callsRow(merged, '2026-12-01T00:00:00.000Z');

    // Assess: the journey is still measured (IVR and queue time), only handle time is absent
    expect(merged.journey).toMatchObject({
      ctrStatus: 'matched',
      ivrMs: 15_000,
      queueMs: 60_000,
      agents: [],
    });
    expect(merged.journey?.handleMs).toBeNull();
    expect(row).toMatchObject({ ctr_status: 'matched', agent_count: 0, queue_ms: 60_000, handle_ms: null });
  });

  it('a handled call keeps its handle time', () => {
    // Prepare: IVR 0–10 s, queue 10–20 s, Dana 20–120 s and 10 s of wrap-up
    const ctr = simpleCtr({
      startMs: T0,
      ivr: [0, 10_000],
      queue: [10_000, 20_000],
      agents: [{ userId: 'u-dana', interact: [[20_000, 120_000]], wrapup: [120_000, 130_000] }],
    });

    // Act
    const merged = mergeCtr(doc(), { ctr, recording: null }, { aniHashKey: KEY });

    // Assess
    expect(callsRow(merged, '2026-12-01T00:00:00.000Z').handle_ms).toBe(110_000);
  });

  it("the headline average handle time is over handled calls only (the trial's 88.6 s, 4 handled calls averaging 110.75 s)", async () => {
    // Prepare: the trial's handled calls (150, 155, 60 and 78 s) and its abandoned one, as they land
    const handled = [150_000, 155_000, 60_000, 78_000];
    const merged = mergeCtr(doc(), { ctr: abandoned, recording: null }, { aniHashKey: KEY });
    const handles = [...handled, callsRow(merged, '2026-12-01T00:00:00.000Z').handle_ms];
    const instance = await duckdb.DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    try {
      await db.run(
        `create view calls as select * from (values ${handles
          .map(
            (h) =>
              `(${h ?? 'null'}, 'processed', 0, 0, true, ${h === null}, ${h === null ? 'null' : 30_000}, ${h === null ? 45_000 : 'null'})`,
          )
          .join(
            ', ',
          )}) t(handle_ms, status, transfers, toxic_turns, offered, abandoned, answer_wait_ms, abandon_wait_ms)`,
      );

      // Act
      const [kpis] = (await db.runAndReadAll(KPI_SQL)).getRowObjectsJson();

      // Assess
      expect(Number(kpis?.calls)).toBe(5);
      expect(Number(kpis?.avg_handle_s)).toBeCloseTo(110.75, 6);
      expect(Number(kpis?.abandon_rate)).toBeCloseTo(0.2, 6);
      expect(Number(kpis?.asa_s)).toBeCloseTo(30, 6);
    } finally {
      db.closeSync();
      instance.closeSync();
    }
  });
});
