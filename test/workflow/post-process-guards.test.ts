import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PostProcessor } from '../../core/post-processor.js';
import { freshRuntime, putInbox, withDb } from '../helpers/local-runtime.js';
import { CTR_FIXTURE, TCA_FIXTURE, tempDir } from '../helpers/paths.js';

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

  it("a processor's crash names the place in the developer's post-processors/ file, keeps a few frames in the report's detail, and a non-Error throw says so (found by trial: only the message was recorded anywhere)", async () => {
    // A developer's file under post-processors/, as the CLI loads it (its frames name that path).
    const dir = join(tempDir('pp-src'), 'post-processors');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'index.mjs'),
      [
        'const score = (doc) => doc.missing.length;',
        'export const postProcessors = [',
        "  { name: 'churn-risk', version: '1', process: (doc) => ({ ...doc, categories: score(doc) ? [] : doc.categories }) },",
        '];',
        '',
      ].join('\n'),
    );
    const { postProcessors } = (await import(pathToFileURL(join(dir, 'index.mjs')).href)) as {
      postProcessors: PostProcessor[];
    };
    const crm: PostProcessor = {
      name: 'crm',
      version: '1',
      process: () => {
        throw undefined;
      },
    };
    const first = await runCalls(postProcessors, [{ id: 'e1' }]);
    expect(first.outcomes).toEqual({ e1: 'quarantined' });
    const report = first.report('e1');
    expect(report.reason).toBe(
      "post-processor churn-risk failed: Cannot read properties of undefined (reading 'length') (post-processors/index.mjs:1:36)",
    );
    const detail = report.detail as { stack: string[] };
    expect(detail.stack.length).toBeGreaterThanOrEqual(2);
    expect(detail.stack.length).toBeLessThanOrEqual(5);
    expect(detail.stack[0]).toMatch(/^at score .*post-processors\/index\.mjs:1:36\)$/);
    expect(detail.stack[1]).toMatch(/post-processors\/index\.mjs:3:\d+\)$/);
    await withDb(first.runtime.lakeDir, async (db) => {
      expect(await db.query('select reason from call_status')).toEqual([{ reason: report.reason }]);
    });
    const second = await runCalls([crm], [{ id: 'e2' }]);
    expect(second.report('e2').reason).toBe(
      "post-processor crm failed: threw a non-Error value (undefined): throw new Error('…') to say what went wrong and where",
    );
    expect(second.report('e2').detail).toBeUndefined();
  });

  it('an error whose cause says why (Node\'s fetch: "fetch failed", ECONNREFUSED in its cause) names the cause in the reason (found by a developer\'s trial)', async () => {
    const crm: PostProcessor = {
      name: 'crm',
      version: '1',
      process: () => {
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
        });
      },
    };
    const { outcomes, report } = await runCalls([crm], [{ id: 'f1' }]);
    expect(outcomes).toEqual({ f1: 'quarantined' });
    expect(report('f1').reason).toMatch(
      /^post-processor crm failed: fetch failed \(cause: connect ECONNREFUSED 127\.0\.0\.1:9\)/,
    );
  });

  it('a throw while post-processors/index.ts loads says it came from loading that file, and where (found by trial: "debrief: CRM_URL is not set")', async () => {
    const dir = join(tempDir('pp-load'), 'post-processors');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'index.mjs'),
      "if (!process.env.NO_SUCH_CRM_URL) throw new Error('CRM_URL is not set');\nexport const postProcessors = [];\n",
    );
    const { loadProjectPostProcessors } = await import('../../cli/post-processors-file.js');
    await expect(
      loadProjectPostProcessors(() => import(pathToFileURL(join(dir, 'index.mjs')).href)),
    ).rejects.toThrow(
      'loading post-processors/index.ts failed: CRM_URL is not set (post-processors/index.mjs:1:41); fix it (or the setting it reads), then run again',
    );
  });

  it('output the schema would drop, or a blank category, quarantines naming it (found by trial: churnScore vanished, an empty category landed in call_categories)', async () => {
    const { runtime, outcomes, report } = await runCalls(
      [
        {
          name: 'scorer',
          version: '1',
          process: (doc) => {
            if (doc.callId === 'g1') return { ...doc, churnScore: 0.9 } as never;
            if (doc.callId === 'g2')
              return {
                ...doc,
                turns: doc.turns.map((t, i) => (i === 1 ? { ...t, mood: 'sad' } : t)),
              } as never;
            if (doc.callId === 'g3') return { ...doc, categories: [...doc.categories, ''] };
            if (doc.callId === 'g4') return { ...doc, categories: [...doc.categories, '  '] };
            return { ...doc, categories: [...doc.categories, 'churn-risk'] };
          },
        },
      ],
      [{ id: 'g1' }, { id: 'g2' }, { id: 'g3' }, { id: 'g4' }, { id: 'g5' }],
    );
    expect(outcomes).toEqual({
      g1: 'quarantined',
      g2: 'quarantined',
      g3: 'quarantined',
      g4: 'quarantined',
      g5: 'succeeded',
    });
    expect(report('g1').reason).toBe(
      'post-processor scorer failed: returned churnScore, which the call document has no field for (it would be dropped): what a processor finds goes in categories (a name) or customMetrics (a number by name), the channels a processor writes to',
    );
    expect(report('g2').reason).toMatch(/^post-processor scorer failed: returned turns\[1\]\.mood, which/);
    expect(report('g3').reason).toBe(
      'post-processor scorer failed: returned a blank category (categories[1]): a category needs a name, or it lands as a nameless row of call_categories',
    );
    expect(report('g4').reason).toMatch(/returned a blank category \(categories\[1\]\)/);
    await withDb(runtime.lakeDir, async (db) => {
      expect(await db.query('select call_id, category from call_categories order by category')).toEqual([
        { call_id: 'g5', category: 'cancellation-intent' },
        { call_id: 'g5', category: 'churn-risk' },
      ]);
    });
  });

  it("a category a processor removes leaves call_categories and category_daily, timed Transcribe rows included (found by trial: calls.categories [] beside Transcribe's rows)", async () => {
    const { runtime, outcomes } = await runCalls(
      [
        {
          name: 'untag',
          version: '1',
          process: (doc) => ({
            ...doc,
            categories: [...doc.categories.filter((c) => !c.endsWith('-intent')), 'reviewed'],
          }),
        },
      ],
      [{ id: 'h1' }],
    );
    expect(outcomes).toEqual({ h1: 'succeeded' });
    await withDb(runtime.lakeDir, async (db) => {
      const [call] = await db.query('select categories from calls');
      expect(JSON.parse(String(call?.categories))).toEqual(['reviewed']);
      expect(await db.query('select category, match_index, begin_ms from call_categories')).toEqual([
        { category: 'reviewed', match_index: 0, begin_ms: null },
      ]);
      expect((await db.query('select category from category_daily')).map((r) => r.category)).toEqual([
        'reviewed',
      ]);
    });
  });
});
