import { afterEach, describe, expect, it } from 'vitest';
import { scanDrop, stageCall } from '../../adapters/local/local-drop.js';
import { WorkingMemoryStore } from '../../adapters/local/working-memory.js';
import { createRunRuntime } from '../../cli/commands/run-calls.js';
import { freezeStepInputs, steps } from '../../core/steps/index.js';
import { generateCalls, writeDrop } from '../../generator/index.js';
import { LocalWorkflowRunner } from '../../workflows/local-runner.js';
import { tempDir } from '../helpers/paths.js';

/**
 * An enrichment part keeps its engine's value when already in the part's form (no zod copy), and a
 * step could take its caller's object as its input the same way: safe only while no step writes to
 * its input, nor anything later to what a step kept or handed on (a part's value: ApplyEnrichment
 * merges it). Here every input and part value is deep-frozen (ES modules are strict: a write to a
 * frozen object throws), and generated calls (with CTR and recording metadata) must all run
 * through, in the plain loop with working documents in memory (the bench's) and through the real
 * ASL.
 */
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

const deeplyFrozen = (value: unknown): boolean =>
  typeof value !== 'object' ||
  value === null ||
  (Object.isFrozen(value) && Object.values(value).every(deeplyFrozen));

const generatedDrop = async (calls: number): Promise<string> => {
  const drop = tempDir('frozen-drop');
  await writeDrop(generateCalls(11, calls), drop, tempDir('frozen-truth'));
  return drop;
};

describe('no step writes to its input (every input deep-frozen)', () => {
  afterEach(() => freezeStepInputs(false));

  it('the plain loop over generated calls, working documents in memory', async () => {
    // Prepare
    const drop = await generatedDrop(8);
    const base = createRunRuntime({ dir: drop, home: tempDir('frozen-home') }, quiet);
    const deps = { ...base.deps, store: new WorkingMemoryStore(base.store, base.deps.prefixes.work) };
    const { manifest } = await scanDrop(drop);
    freezeStepInputs(true);
    const inputs: unknown[] = [];
    const run = async (name: keyof typeof steps, input: unknown) => {
      inputs.push(input);
      return steps[name](input, deps);
    };
    const results: unknown[] = [];
    const partValues: unknown[] = [];
    // Act
    for (const call of manifest.calls) {
      const staged = await stageCall(drop, call, base.store);
      await staged.publish();
      let state: unknown = staged.input;
      for (const name of ['ClaimCall', 'LoadCall', 'MergeCtr', 'RedactPii'] as const)
        state = await run(name, state);
      const parts = [];
      for (const name of ['DetectTopics', 'SummarizeCall', 'DetectToxicity'] as const)
        parts.push(await run(name, state));
      for (const part of parts) partValues.push(deps.store.documents.get((part as { key: string }).key));
      state = await run('ApplyEnrichment', { ...(state as object), parts });
      state = await run('PostProcess', state);
      results.push(await run('WriteResults', state));
      await staged.discard();
      await staged.releaseSidecars();
      deps.store.release(`${deps.prefixes.work}/`);
    }
    // Assess
    expect(manifest.calls.length).toBe(8);
    expect(results).toHaveLength(8);
    for (const result of results) expect(result).toMatchObject({ state: 'processed' });
    // The mode did freeze what the steps were given (10 steps a call).
    expect(inputs).toHaveLength(80);
    expect(inputs.every(deeplyFrozen)).toBe(true);
    // And the parts' values as stored for ApplyEnrichment (3 a call).
    expect(partValues).toHaveLength(24);
    expect(partValues.every((v) => typeof v === 'object' && v !== null && deeplyFrozen(v))).toBe(true);
  }, 120_000);

  it('the real ASL over generated calls', async () => {
    // Prepare
    const drop = await generatedDrop(3);
    const base = createRunRuntime({ dir: drop, home: tempDir('frozen-asl-home') }, quiet);
    const runner = new LocalWorkflowRunner(base.deps, undefined, { waitMs: 20 });
    const { manifest } = await scanDrop(drop);
    freezeStepInputs(true);
    const outcomes: string[] = [];
    // Act
    for (const call of manifest.calls) {
      const staged = await stageCall(drop, call, base.store);
      await staged.publish();
      const result = await runner.run(staged.input);
      outcomes.push(`${result.outcome} ${JSON.stringify(result.output)}`);
      await staged.discard();
      await staged.releaseSidecars();
    }
    // Assess
    expect(outcomes).toHaveLength(3);
    for (const outcome of outcomes) expect(outcome).toMatch(/^succeeded .*"state":"processed"/);
  }, 120_000);

  it('a write to a frozen input throws (what the runs above rely on)', () => {
    // Prepare
    freezeStepInputs(true);
    const input = { callId: 'c1', keys: { transcript: null, audio: null, ctr: null, recording: null } };
    // Act: QuarantineCall's schema wants `error`: zod rejects, but the caller's object is frozen first
    expect(() => steps.QuarantineCall(input, {} as never)).toThrow(/expected object/);
    // Assess
    expect(deeplyFrozen(input)).toBe(true);
    expect(() => {
      (input.keys as { transcript: string | null }).transcript = 'x';
    }).toThrow(TypeError);
  });
});
