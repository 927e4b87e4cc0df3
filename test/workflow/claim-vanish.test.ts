import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lastDone } from '../../core/call-lease.js';
import { ObjectNotFoundError } from '../../core/errors.js';
import type { RecordingFingerprinter } from '../../core/ports/recording-fingerprinter.js';
import type { StepDeps } from '../../core/steps/deps.js';
import { renderCallAudio } from '../../generator/audio/render-call-audio.js';
import { generateCall } from '../../generator/index.js';
import { LocalWorkflowRunner } from '../../workflows/local-runner.js';
import { freshRuntime, putInbox, withDb } from '../helpers/local-runtime.js';
import { oracleRecognizer } from '../helpers/oracle-recognizer.js';

describe('a quarantine at ClaimCall (AWS wiring, real ASL)', () => {
  it("a late event for a landed call whose recording is gone is recorded as the call's last outcome, so the same file put back runs the call, not Unchanged (review22)", async () => {
    // Prepare: a landed call; its recording then removed (head throws) while a late or duplicate event arrives
    const call = generateCall({
      seed: 12,
      callId: 'rec-a',
      turns: 8,
      topic: 'billing',
      agents: 1,
      hold: false,
      toxic: false,
      ctr: 'missing',
      direction: 'inbound',
    });
    const wav = (await renderCallAudio(call.truth)).wav;
    let tick = 0;
    const { runtime } = freshRuntime({
      speech: {
        recognizer: async () => oracleRecognizer(call.truth, (ch) => (ch === 1 ? 'AGENT' : 'CUSTOMER')),
      },
      now: () => new Date(Date.UTC(2026, 2, 3) + 1000 * tick++).toISOString(),
    });
    const recordings: RecordingFingerprinter = {
      fingerprint: async (key) =>
        `sha256-${createHash('sha256')
          .update(await runtime.store.get(key))
          .digest('hex')}`,
    };
    let gone = false;
    const store = new Proxy(runtime.deps.store, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        if (prop !== 'head') return value.bind(target);
        return async (key: string) => {
          if (gone && key === 'inbox/rec-a.wav') throw new ObjectNotFoundError(key);
          return value.call(target, key);
        };
      },
    }) as StepDeps['store'];
    const runner = new LocalWorkflowRunner({ ...runtime.deps, store, recordings }, undefined, { waitMs: 20 });
    const event = () =>
      runner.run({
        callId: 'rec-a',
        keys: { transcript: null, audio: 'inbox/rec-a.wav', ctr: null, recording: null },
        lookupSidecars: true,
      });
    const status = () =>
      withDb(runtime.lakeDir, (db) =>
        db.query(
          `select call_id, arg_max(state, updated_at) as state, arg_max(stage, updated_at) as stage, arg_max(reason, updated_at) as reason from call_status group by call_id`,
        ),
      );
    putInbox(runtime, { 'rec-a.wav': wav });
    // Act
    const first = await event();
    gone = true; // the recording removed; a late (or duplicate) event for it arrives
    const late = await event();
    const doneAfterLate = await lastDone(runtime.store, 'rec-a');
    const statusAfterLate = await status();
    gone = false; // the same file put back (S3: the same bytes have the same ETag)
    const again = await event();
    const statusAfterAgain = await status();
    // Assess
    expect(first.outcome).toBe('succeeded');
    expect(late.outcome).toBe('quarantined');
    expect(doneAfterLate).toMatchObject({
      outcome: 'quarantined',
      error: 'RecordingVanishedError',
      fingerprint: null,
    });
    expect(statusAfterLate[0]?.state).toBe('quarantined');
    expect(again.outcome).toBe('succeeded');
    expect(again.statesRun).not.toContain('Unchanged');
    expect(statusAfterAgain[0]?.state).toBe('processed');
  }, 300_000);
});
