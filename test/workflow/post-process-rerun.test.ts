import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendCorrection } from '../../adapters/local/topics/corrections-file.js';
import { enrichedKeyOf } from '../../core/enriched-document.js';
import type { PostProcessor } from '../../core/post-processor.js';
import { LocalWorkflowRunner } from '../../workflows/local-runner.js';
import { freshRuntime, putInbox } from '../helpers/local-runtime.js';
import { CTR_FIXTURE, TCA_FIXTURE } from '../helpers/paths.js';

const tag: PostProcessor = {
  name: 'tag',
  version: '1',
  process: (doc) => ({ ...doc, categories: [...doc.categories, 'tagged'] }),
};

const PP_ONLY = ['ClaimCall', 'RouteCall', 'PostProcess', 'WriteResults'];

describe('the stored enriched document (what --from post-process starts from)', () => {
  it('PostProcess stores the document as no processor touched it; a later run that reads the inputs drops it first, so one stopped before PostProcess leaves none (AWS passes no inputs identity)', async () => {
    // Prepare: a call landed with a post-processor
    let tick = 0;
    const { runtime, runner } = freshRuntime({
      postProcessors: [tag],
      now: () => new Date(Date.parse('2026-03-03T00:00:00Z') + 1000 * tick++).toISOString(),
    });
    putInbox(runtime, { 'e1.tca.json': { copyFrom: TCA_FIXTURE } });
    const keys = { transcript: 'inbox/e1.tca.json', audio: null, ctr: null, recording: null };
    expect((await runner.run({ callId: 'e1', keys })).outcome).toBe('succeeded');
    const stored = join(runtime.home, enrichedKeyOf(runtime.deps.prefixes.results, 'e1'));
    const envelope = JSON.parse(readFileSync(stored, 'utf8')) as {
      callId: string;
      inputs: string | null;
      document: { categories: string[]; lineage: Record<string, unknown> };
    };
    expect(envelope.callId).toBe('e1');
    // No caller's identity (as on AWS): the inbox files' versions
    expect(envelope.inputs).toMatch(/^inbox:[0-9a-f]{64}$/);
    expect(envelope.document.categories).not.toContain('tagged');
    expect(Object.keys(envelope.document.lineage).filter((k) => k.startsWith('post:'))).toEqual([]);
    // Act: the transcript replaced by a broken one, run in full (quarantined by LoadCall), then
    // asked to start at PostProcess
    writeFileSync(join(runtime.home, 'inbox', 'e1.tca.json'), '{"broken":');
    const full = await runner.run({ callId: 'e1', keys });
    const gone = !existsSync(stored);
    const resumed = await runner.run({ callId: 'e1', keys, from: 'PostProcess' });
    // Assess: nothing of the earlier inputs was left to land the call from: it ran in full again
    expect(full.outcome).toBe('quarantined');
    expect(full.statesRun).toContain('LoadCall');
    expect(gone).toBe(true);
    expect(resumed.statesRun.slice(0, 3)).toEqual(['ClaimCall', 'RouteCall', 'LoadCall']);
    expect(resumed.outcome).toBe('quarantined');
  }, 120_000);

  it('with no caller identity of the inputs (AWS), a resume compares the inbox files: a CTR changed in the inbox that never ran makes the call run in full; unchanged files resume at PostProcess', async () => {
    // Prepare: a call landed from its transcript and CTR with a post-processor, nothing passed as inputs
    let tick = 0;
    const { runtime, runner } = freshRuntime({
      postProcessors: [tag],
      now: () => new Date(Date.parse('2026-03-03T00:00:00Z') + 1000 * tick++).toISOString(),
    });
    putInbox(runtime, { 'e2.tca.json': { copyFrom: TCA_FIXTURE }, 'e2.ctr.json': { copyFrom: CTR_FIXTURE } });
    const keys = { transcript: 'inbox/e2.tca.json', audio: null, ctr: 'inbox/e2.ctr.json', recording: null };
    expect((await runner.run({ callId: 'e2', keys })).outcome).toBe('succeeded');
    // Act: resumed as it is; then the CTR replaced in the inbox (its event never ran) and resumed again
    const same = await runner.run({ callId: 'e2', keys, from: 'PostProcess' });
    const ctr = JSON.parse(readFileSync(CTR_FIXTURE, 'utf8')) as Record<string, unknown>;
    writeFileSync(join(runtime.home, 'inbox', 'e2.ctr.json'), JSON.stringify({ ...ctr }, null, 2));
    const changed = await runner.run({ callId: 'e2', keys, from: 'PostProcess' });
    // Assess: the first resume ran PostProcess alone; the second read the inputs again
    expect(same.statesRun).toEqual(['ClaimCall', 'RouteCall', 'PostProcess', 'WriteResults']);
    expect(changed.statesRun.slice(0, 3)).toEqual(['ClaimCall', 'RouteCall', 'LoadCall']);
    expect(changed.statesRun).toContain('MergeCtr');
    expect(changed.outcome).toBe('succeeded');
  }, 120_000);

  it('an analyst correction recorded since, or another active topic model, makes a resume run in full (the topics would differ)', async () => {
    // Prepare: a call landed with a post-processor; the topic model's hash is the one it was made with
    let tick = 0;
    let activeModel: string | null = null;
    const { runtime, runner } = freshRuntime({
      postProcessors: [tag],
      now: () => new Date(Date.parse('2026-03-03T00:00:00Z') + 1000 * tick++).toISOString(),
      topicModelHash: async () => activeModel,
    });
    putInbox(runtime, { 'e3.tca.json': { copyFrom: TCA_FIXTURE } });
    const keys = { transcript: 'inbox/e3.tca.json', audio: null, ctr: null, recording: null };
    expect((await runner.run({ callId: 'e3', keys })).outcome).toBe('succeeded');
    const stored = join(runtime.home, enrichedKeyOf(runtime.deps.prefixes.results, 'e3'));
    const lineage = (
      JSON.parse(readFileSync(stored, 'utf8')) as {
        document: { lineage: { topics?: { modelHash?: string | null } } };
      }
    ).document.lineage;
    activeModel = lineage.topics?.modelHash ?? 'none-recorded';
    // Act: resumed as it is; with another model active; then with an analyst's correction recorded
    const same = await runner.run({ callId: 'e3', keys, from: 'PostProcess' });
    activeModel = 'f'.repeat(64);
    const otherModel = await runner.run({ callId: 'e3', keys, from: 'PostProcess' });
    activeModel = null;
    const unchanged = await runner.run({ callId: 'e3', keys, from: 'PostProcess' });
    appendCorrection(runtime.home, { callId: 'e3', topic: 'billing', at: '2026-03-04T00:00:00Z' });
    const corrected = await runner.run({ callId: 'e3', keys, from: 'PostProcess' });
    const again = await runner.run({ callId: 'e3', keys, from: 'PostProcess' });
    // Assess: PostProcess alone while nothing changed, in full after either change
    expect(same.statesRun).toEqual(PP_ONLY);
    expect(otherModel.statesRun).toContain('DetectTopics');
    expect(unchanged.statesRun).toEqual(PP_ONLY);
    expect(corrected.statesRun).toContain('DetectTopics');
    expect(corrected.outcome).toBe('succeeded');
    expect(again.statesRun).toEqual(PP_ONLY);
  }, 120_000);

  it("a rejected drop drops the stored document too: kept, it would not be used while the rejected files are the call's (another inputs identity), only once the very files it was made from are back", async () => {
    // Prepare: a call dropped as a transcript landed with a post-processor (on AWS: no caller identity)
    let tick = 0;
    const { runtime } = freshRuntime({
      postProcessors: [tag],
      now: () => new Date(Date.parse('2026-03-03T00:00:00Z') + 1000 * tick++).toISOString(),
    });
    // As on AWS: the call's results are known by its done record, not by `debrief run`'s ledger.
    const { landedResults: _local, ...deps } = runtime.deps;
    const runner = new LocalWorkflowRunner(deps, undefined, { waitMs: 20 });
    putInbox(runtime, { 'e4.tca.json': { copyFrom: TCA_FIXTURE } });
    const key = 'inbox/e4.tca.json';
    const keys = { transcript: key, audio: null, ctr: null, recording: null };
    expect((await runner.run({ callId: 'e4', keys, lookupSidecars: true })).outcome).toBe('succeeded');
    const stored = join(runtime.home, enrichedKeyOf(runtime.deps.prefixes.results, 'e4'));
    const made = readFileSync(stored, 'utf8');
    // Act: a corrupt CTR lands beside it; the call's next run (a reprocess) is rejected: it keeps its results
    putInbox(runtime, { 'e4.ctr.json': '{ not json' });
    const rejected = await runner.run({ reprocess: { key } });
    const dropped = !existsSync(stored);
    // ... had it been kept (put back as it was), a resume with the corrupt CTR still there
    writeFileSync(stored, made);
    const withRejectedFiles = await runner.run({ reprocess: { key, from: 'PostProcess' } });
    // ... and with the files it was made from back (the CTR removed)
    writeFileSync(stored, made);
    await runtime.store.delete('inbox/e4.ctr.json');
    const withItsFiles = await runner.run({ reprocess: { key, from: 'PostProcess' } });
    // Assess
    expect(rejected.outcome).toBe('rejected');
    expect(rejected.statesRun).toContain('LoadCall');
    expect(dropped).toBe(true);
    expect(withRejectedFiles.statesRun.slice(0, 3)).toEqual(['ClaimCall', 'RouteCall', 'LoadCall']);
    expect(withRejectedFiles.outcome).toBe('rejected');
    expect(withItsFiles.statesRun).toEqual(PP_ONLY);
    expect(withItsFiles.outcome).toBe('succeeded');
  }, 120_000);
});
