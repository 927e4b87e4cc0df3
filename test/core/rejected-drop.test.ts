import { describe, expect, it } from 'vitest';
import { lastDone, recordDone } from '../../core/call-lease.js';
import { ThrottledError } from '../../core/errors.js';
import type { StepDeps } from '../../core/steps/deps.js';
import { quarantineCall } from '../../core/steps/quarantine-call.js';
import type { QuarantineInput } from '../../schemas/workflow.js';
import { freshRuntime, putInbox } from '../helpers/local-runtime.js';

/**
 * QuarantineCall as on AWS: whether the call has results in the lake is its done record
 * (state/done/<call>.json), not `debrief run`'s ledger (the local hook is left out).
 */
const awsLike = async (options: { doneReadFails: boolean }) => {
  const { runtime } = freshRuntime();
  const { landedResults: _local, ...deps } = runtime.deps;
  await recordDone(runtime.store, 'c1', 'inputs-fingerprint', '2026-03-01T00:00:00.000Z', 'sha256-abc');
  putInbox(runtime, { 'c1.tca.json': '{}', 'c1.ctr.json': '{ not json' });
  const store = new Proxy(runtime.deps.store, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (prop !== 'get' || !options.doneReadFails) return value.bind(target);
      return async (key: string) => {
        if (key.startsWith('state/done/')) throw new ThrottledError('S3 SlowDown');
        return value.call(target, key);
      };
    },
  });
  const stepDeps: StepDeps = { ...deps, store };
  return { runtime, deps: stepDeps };
};

const INPUT: QuarantineInput = {
  callId: 'c1',
  keys: { transcript: 'inbox/c1.tca.json', audio: null, ctr: 'inbox/c1.ctr.json', recording: null },
  lookupSidecars: false,
  failedState: 'MergeCtr',
  error: { Error: 'InvalidInputError', Cause: 'ctr: c1.ctr.json is not valid JSON (cut off before its end)' },
};

describe('QuarantineCall on AWS, for a call that landed', () => {
  it("rejects a drop stopped by its own input: the report says so, no status row is written, the done record stays the call's success", async () => {
    // Prepare
    const { runtime, deps } = await awsLike({ doneReadFails: false });
    const done = await lastDone(runtime.store, 'c1');
    // Act
    const output = await quarantineCall(INPUT, deps);
    // Assess
    expect(output).toMatchObject({ state: 'rejected', keptResultsFrom: '2026-03-01T00:00:00.000Z' });
    expect(await runtime.store.list('lake/')).toEqual([]);
    expect(await lastDone(runtime.store, 'c1')).toEqual(done);
    const report = JSON.parse(new TextDecoder().decode(await runtime.store.get(output.reportKey)));
    expect(report.rejected).toBe(
      'these files of the call were rejected: its results from 2026-03-01T00:00:00.000Z stay in every table, as they were before it',
    );
  });

  it("quarantines it for a step's fault: the status row hides its rows", async () => {
    // Prepare
    const { runtime, deps } = await awsLike({ doneReadFails: false });
    // Act
    const output = await quarantineCall({ ...INPUT, error: { Error: 'EngineError', Cause: 'down' } }, deps);
    // Assess
    expect(output.state).toBe('quarantined');
    expect((await runtime.store.list('lake/')).length).toBeGreaterThan(0);
  });

  it('fails (and is retried) when the done record cannot be read now, never taking it for none: no status row hides the call (review of 00c3d65)', async () => {
    // Prepare: S3 throttles the read of state/done/c1.json; before, lastDone answered null, and
    // the rejected drop became a quarantine whose status row hid every row the call had landed
    const { runtime, deps } = await awsLike({ doneReadFails: true });
    // Act
    const quarantining = quarantineCall(INPUT, deps);
    // Assess
    await expect(quarantining).rejects.toThrow(ThrottledError);
    expect(await runtime.store.list('lake/')).toEqual([]);
  });
});
