import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { forgetCalls } from '../../cli/commands/forget.js';
import { runDrop } from '../../cli/commands/run.js';
import { buildCli } from '../../cli/debrief.js';
import type { PostProcessor } from '../../core/post-processor.js';
import { withDb } from '../helpers/local-runtime.js';
import { REPO, tempDir } from '../helpers/paths.js';
import { transcriptSampleDrop } from '../helpers/samples.js';
import { textSink } from '../helpers/text-sink.js';

const tagged = (name: string, version: string, category: string): PostProcessor => ({
  name,
  version,
  process: (doc) => ({ ...doc, categories: [...doc.categories, category] }),
});
const OURS = /^(vip-|legacy$|risk$)/;
const PP_ONLY = ['ClaimCall', 'RouteCall', 'PostProcess', 'WriteResults'];

const run = async (
  dir: string,
  home: string,
  postProcessors: PostProcessor[],
  from?: 'PostProcess',
  batchSize?: number,
) => {
  const out = textSink();
  const err = textSink();
  const summary = await runDrop({
    dir,
    home,
    postProcessors,
    ...(from ? { reprocess: true, from } : {}),
    ...(batchSize ? { batchSize } : {}),
    out: out.stream,
    err: err.stream,
  });
  return { summary, out: out.text(), err: err.text() };
};

/** Each call's processors' categories (calls.categories and call_categories rows) and lineage. */
const landed = (home: string) =>
  withDb(join(home, 'lake'), async (db) => {
    const calls = await db.query('select call_id, status, categories, lineage from calls order by call_id');
    const rows = await db.query('select call_id, category from call_categories order by call_id, category');
    return Object.fromEntries(
      calls.map((c) => [
        String(c.call_id),
        {
          status: c.status,
          categories: (JSON.parse(String(c.categories)) as string[]).filter((x) => OURS.test(x)),
          rows: rows
            .filter((r) => r.call_id === c.call_id && OURS.test(String(r.category)))
            .map((r) => r.category),
          lineage: JSON.parse(String(c.lineage)) as Record<string, { version: string; note: string | null }>,
        },
      ]),
    );
  });

describe('debrief run --reprocess --from post-process', () => {
  it('a changed post-processor reaches every call without the steps before PostProcess: the new version once, a removed processor gone, a call it quarantined landed', async () => {
    // Prepare: the samples landed with two processors, one of which throws for the first call.
    const drop = transcriptSampleDrop();
    const home = join(tempDir('pp-from'), 'home');
    const ids = readdirSync(drop)
      .filter((f) => f.endsWith('.tca.json'))
      .map((f) => f.replace(/\.tca\.json$/u, ''))
      .sort();
    const [broken, ...fine] = ids as [string, ...string[]];
    const risky = (version: string): PostProcessor => ({
      name: 'risk',
      version,
      process: (doc) => {
        if (version === '1' && doc.callId === broken) throw new Error('risk model not loaded');
        return { ...doc, categories: [...doc.categories, 'risk'] };
      },
    });
    const first = await run(drop, home, [
      tagged('vip', '1', 'vip-v1'),
      tagged('legacy', '1', 'legacy'),
      risky('1'),
    ]);
    expect(first.summary.calls.find((c) => c.callId === broken)?.outcome).toBe('quarantined');
    const before = await landed(home);
    // Act: the new version of vip, legacy removed, risk fixed; then the same once more
    const v2 = [tagged('vip', '2', 'vip-v2'), risky('2')];
    const second = await run(drop, home, v2, 'PostProcess');
    const afterSecond = await landed(home);
    // (the second time as a batch run: working documents in memory, the lake written per batch)
    const third = await run(drop, home, v2, 'PostProcess', 2);
    const afterThird = await landed(home);
    // Assess: each call ran ClaimCall, then PostProcess and WriteResults alone (nothing read the
    // transcript, no enrichment step), the quarantined one included
    for (const r of [second, third]) {
      expect(r.summary.calls.map((c) => [c.callId, c.outcome, c.statesRun])).toEqual(
        ids.map((id) => [id, 'succeeded', PP_ONLY]),
      );
      expect(r.err).not.toContain('ran the whole workflow');
    }
    for (const after of [afterSecond, afterThird])
      for (const id of ids) {
        const call = after[id];
        // the new version's category once (not once per run), the removed processor's gone
        expect(call?.categories, id).toEqual(['vip-v2', 'risk']);
        expect(call?.rows, id).toEqual(['risk', 'vip-v2']);
        expect(call?.lineage['post:vip']?.version).toBe('2');
        expect(call?.lineage['post:legacy']).toBeUndefined();
        // lineage says what did not run, and whose document was used
        expect(call?.lineage.postProcessOnly?.note).toMatch(
          /^PostProcess and WriteResults only: LoadCall, MergeCtr, RedactPii and the enrichment did not run; their document of \S+ was used$/,
        );
      }
    // the enrichment is the first run's, as that run recorded it
    for (const id of fine)
      for (const part of ['topics', 'summary', 'toxicity'])
        expect(afterThird[id]?.lineage[part], `${id} ${part}`).toEqual(before[id]?.lineage[part]);
    expect(before[broken]).toBeUndefined();
    expect(afterThird[broken]?.status).toBe('processed');
  }, 600_000);

  it('a call with no stored document from before PostProcess, or whose files changed, runs in full and the run says so', async () => {
    // Prepare: the samples landed by a run with no post-processor (nothing to start from is kept)
    const drop = transcriptSampleDrop();
    const home = join(tempDir('pp-from-full'), 'home');
    await run(drop, home, []);
    expect(existsSync(join(home, 'results', 'enriched'))).toBe(false);
    const processors = [tagged('vip', '1', 'vip-v1')];
    // Act: --from post-process, then again with one call's transcript changed
    const first = await run(drop, home, processors, 'PostProcess');
    const ids = first.summary.calls.map((c) => c.callId);
    const changed = ids[1] as string;
    const file = join(drop, `${changed}.tca.json`);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { JobName?: string };
    writeFileSync(file, JSON.stringify({ ...doc, JobName: `${doc.JobName ?? changed}-again` }));
    const second = await run(drop, home, processors, 'PostProcess');
    // Assess: the first --from ran every call in full, saying why; the second only the changed one
    for (const c of first.summary.calls) expect(c.statesRun, c.callId).toContain('LoadCall');
    expect(first.err).toContain(
      `note: 3 call(s) ran the whole workflow, not PostProcess alone (${ids.join(', ')}): no document from before PostProcess could be used for them`,
    );
    expect(first.err).toContain('; the next --from post-process starts from the one this run stored\n');
    expect(second.summary.calls.map((c) => [c.callId, c.statesRun.includes('LoadCall')])).toEqual(
      ids.map((id) => [id, id === changed]),
    );
    expect(second.err).toContain(
      `note: 1 call(s) ran the whole workflow, not PostProcess alone (${changed})`,
    );
    const after = await landed(home);
    for (const id of ids) {
      expect(after[id]?.categories, id).toEqual(['vip-v1']);
      expect(after[id]?.lineage.postProcessOnly === undefined, id).toBe(id === changed);
    }
    // and a call run in full by a run with no post-processors stores nothing: the note says so
    writeFileSync(file, JSON.stringify({ ...doc, JobName: `${doc.JobName ?? changed}-third` }));
    const third = await run(drop, home, [], 'PostProcess');
    expect(third.err).toContain(`note: 1 call(s) ran the whole workflow, not PostProcess alone (${changed})`);
    expect(third.err).toContain(
      'this run stored none for it (no post-processors to run, or quarantined before PostProcess): the next --from post-process runs it in full again',
    );
    expect(third.err).not.toContain('starts from the one this run stored');
    await run(drop, home, processors, 'PostProcess');
    // and erasing a call erases its enriched document with its result documents
    const enriched = join(home, 'results', 'enriched', `${changed}.json`);
    expect(existsSync(enriched)).toBe(true);
    const forgotten = await forgetCalls({ home, callIds: [changed], err: textSink().stream });
    expect(existsSync(enriched)).toBe(false);
    // and says so under its own name, not among the result documents of results/dt=*/
    const traces = forgotten.calls[0]?.traces ?? [];
    expect(traces.find((t) => t.where === 'results/enriched/')).toEqual({
      what: 'enriched document (--from post-process)',
      where: 'results/enriched/',
      keys: [`results/enriched/${changed}.json`],
    });
    const results = traces.find((t) => t.what === 'result documents');
    expect(results?.where).toBe('results/dt=*/');
    expect(results?.keys.length).toBeGreaterThan(0);
    expect(results?.keys.every((k) => /^results\/dt=\d{4}-\d{2}-\d{2}\//.test(k))).toBe(true);
  }, 600_000);

  it('reprocess --from post-process without --aws points at the local line with its --from', async () => {
    // Act
    const failed = await promisify(execFile)(
      'node',
      ['bin/debrief.mjs', 'reprocess', '--from', 'post-process'],
      { cwd: REPO },
    ).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    // Assess
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(
      'debrief: reprocess runs on AWS: add --aws (locally, `npx debrief run <drop> --reprocess --from post-process` runs a drop folder again)',
    );
  }, 120_000);

  it('--from without --reprocess is refused, saying what to add', async () => {
    const home = join(tempDir('pp-from-refused'), 'home');
    await expect(
      buildCli().parseAsync(['run', 'samples', '--home', home, '--from', 'post-process'], { from: 'user' }),
    ).rejects.toThrow(
      /--from post-process runs calls already processed again: add --reprocess \(.*--reprocess --from post-process/,
    );
  });
});
