import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PostProcessor } from '../../core/post-processor.js';
import { freshRuntime, putInbox, withDb } from '../helpers/local-runtime.js';
import { CTR_FIXTURE, TCA_FIXTURE } from '../helpers/paths.js';

const keys = (stem: string, opts: { ctr?: boolean } = {}) => ({
  transcript: `inbox/${stem}.tca.json`,
  audio: null,
  ctr: opts.ctr ? `inbox/${stem}.ctr.json` : null,
  recording: null,
});

/** Runs each call named in the inbox, with the processors given, and reads back its quarantine reason. */
const runCalls = async (processors: PostProcessor[], calls: { id: string; ctr?: boolean }[]) => {
  const { runtime, runner } = freshRuntime({ postProcessors: processors });
  for (const { id, ctr } of calls)
    putInbox(runtime, {
      [`${id}.tca.json`]: { copyFrom: TCA_FIXTURE },
      ...(ctr ? { [`${id}.ctr.json`]: { copyFrom: CTR_FIXTURE } } : {}),
    });
  const outcomes: Record<string, string> = {};
  for (const { id, ctr } of calls)
    outcomes[id] = (await runner.run({ callId: id, keys: keys(id, { ctr }) })).outcome;
  const report = (id: string) =>
    JSON.parse(readFileSync(join(runtime.home, 'quarantine', id, 'error.json'), 'utf8')) as {
      error: string;
      reason: string;
      detail?: unknown;
    };
  return { runtime, outcomes, report };
};

describe('PostProcess guards what a processor hands back', () => {
  it('identifying fields changed in place (doc.dt = …; return doc) quarantine the call like a new object does (found by trial: call-0003 landed under 2020-01-01, a phantom renamed-in-place call appeared)', async () => {
    const { runtime, outcomes, report } = await runCalls(
      [
        {
          name: 'in-place',
          version: '1',
          process: (doc) => {
            if (doc.callId === 'd3') doc.dt = '2020-01-01';
            if (doc.callId === 'd4') doc.callId = 'renamed-in-place';
            if (doc.callId === 'd5') {
              doc.sources.ctr = null;
              doc.conversationId = null;
            }
            doc.categories.push('in-place');
            return doc;
          },
        },
      ],
      [{ id: 'd3' }, { id: 'd4' }, { id: 'd5', ctr: true }, { id: 'd6' }],
    );
    expect(outcomes).toEqual({ d3: 'quarantined', d4: 'quarantined', d5: 'quarantined', d6: 'succeeded' });
    expect(report('d3').reason).toMatch(
      /post-processor in-place failed: changed dt, which identifies the call/,
    );
    expect(report('d4').reason).toMatch(/post-processor in-place failed: changed callId, which identifies/);
    expect(report('d5').reason).toMatch(/changed conversationId, sources, which identify the call/);
    await withDb(runtime.lakeDir, async (db) => {
      expect(await db.query('select call_id, state from call_status order by call_id')).toEqual([
        { call_id: 'd3', state: 'quarantined' },
        { call_id: 'd4', state: 'quarantined' },
        { call_id: 'd5', state: 'quarantined' },
        { call_id: 'd6', state: 'processed' },
      ]);
      // an in-place edit that is otherwise legal (a category pushed) still lands
      const rows = await db.query('select call_id, dt, categories from calls');
      expect(rows).toEqual([{ call_id: 'd6', dt: '2026-03-03', categories: expect.any(String) }]);
      expect(JSON.parse(String(rows[0]?.categories))).toContain('in-place');
    });
  });
});
