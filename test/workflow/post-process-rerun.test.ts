import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enrichedKeyOf } from '../../core/enriched-document.js';
import type { PostProcessor } from '../../core/post-processor.js';
import { freshRuntime, putInbox } from '../helpers/local-runtime.js';
import { TCA_FIXTURE } from '../helpers/paths.js';

const tag: PostProcessor = {
  name: 'tag',
  version: '1',
  process: (doc) => ({ ...doc, categories: [...doc.categories, 'tagged'] }),
};

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
    expect(envelope.inputs).toBeNull();
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
});
