import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { acquireCallLease, lastDone, liveLeaseToken, releaseCallLease } from '../../core/call-lease.js';
import {
  DUPLICATE_RECORDING_DETAIL_AWS,
  DUPLICATE_TRANSCRIPT_DETAIL_AWS,
  ObjectNotFoundError,
} from '../../core/errors.js';
import type { RecordingFingerprinter } from '../../core/ports/recording-fingerprinter.js';
import type { Transcriber } from '../../core/ports/transcriber.js';
import type { PostProcessor } from '../../core/post-processor.js';
import type { StepDeps } from '../../core/steps/deps.js';
import { steps } from '../../core/steps/index.js';
import { renderCallAudio } from '../../generator/audio/render-call-audio.js';
import type { GeneratedCall } from '../../generator/index.js';
import { LocalWorkflowRunner } from '../../workflows/local-runner.js';
import { shortBillingCall } from '../helpers/audio-fixtures.js';
import { COPY_QUARANTINE_STATES, freshRuntime, putInbox, withDb } from '../helpers/local-runtime.js';
import { oracleRecognizer } from '../helpers/oracle-recognizer.js';
import { SAMPLES } from '../helpers/samples.js';

/**
 * The same recording uploaded under two call names, as on AWS: the committed ASL run by the local
 * runner, with the recording claims ClaimCall makes when deps.recordings is set (AWS wiring; the
 * fingerprint here is a SHA-256 of the bytes, S3's CRC64NVME in production) and every execution
 * event-driven, as the S3 trigger starts them. A copy is quarantined before InspectAudio and
 * StartTranscription, with the error and reason `debrief run` gives a copy.
 */

const TRANSCRIPT_BYTES = readFileSync(join(SAMPLES, 'call-0004-fraud-report.tca.json'));

describe('a copy of another call recording, on AWS (real ASL, recording claims)', () => {
  let call: GeneratedCall;
  let wav: Uint8Array;

  beforeAll(async () => {
    call = shortBillingCall('rec-a');
    wav = (await renderCallAudio(call.truth)).wav;
  });

  /** A home whose workflow claims recordings, counting the transcriptions it starts per call. */
  const awsLike = (
    postProcessors: PostProcessor[] = [],
    wrapStore?: (store: StepDeps['store']) => StepDeps['store'],
  ) => {
    let tick = 0;
    const { runtime } = freshRuntime({
      postProcessors,
      speech: {
        recognizer: async () => oracleRecognizer(call.truth, (ch) => (ch === 1 ? 'AGENT' : 'CUSTOMER')),
      },
      now: () => new Date(Date.UTC(2026, 2, 3) + 1000 * tick++).toISOString(),
    });
    const started: string[] = [];
    const recordings: RecordingFingerprinter = {
      fingerprint: async (key) =>
        `sha256-${createHash('sha256')
          .update(await runtime.store.get(key))
          .digest('hex')}`,
    };
    const transcriber = async (): Promise<Transcriber> => {
      const real = await runtime.deps.transcriber();
      return {
        start: (request) => {
          started.push(request.callId);
          return real.start(request);
        },
        get: (request) => real.get(request),
        finalize: (request) => real.finalize(request),
      };
    };
    const store = wrapStore ? wrapStore(runtime.deps.store) : runtime.deps.store;
    // As on AWS: a call's results are known by its done record, not by `debrief run`'s ledger.
    const { landedResults: _local, ...deps } = runtime.deps;
    const runner = new LocalWorkflowRunner({ ...deps, store, recordings, transcriber }, undefined, {
      waitMs: 20,
    });
    const upload = (callId: string, bytes: Uint8Array) => {
      putInbox(runtime, { [`${callId}.wav`]: bytes });
      return runner.run({
        callId,
        keys: { transcript: null, audio: `inbox/${callId}.wav`, ctr: null, recording: null },
        lookupSidecars: true,
      });
    };
    const status = () =>
      withDb(runtime.lakeDir, (db) =>
        db.query(
          `select call_id, arg_max(state, updated_at) as state, arg_max(stage, updated_at) as stage,
                  arg_max(error_name, updated_at) as error_name, arg_max(reason, updated_at) as reason
             from call_status group by call_id order by call_id`,
        ),
      );
    /** A call uploaded as a transcript alone (the sample's bytes, whatever the call's name). */
    const uploadTranscript = (callId: string) => {
      putInbox(runtime, { [`${callId}.tca.json`]: TRANSCRIPT_BYTES });
      return runner.run({
        callId,
        keys: { transcript: `inbox/${callId}.tca.json`, audio: null, ctr: null, recording: null },
        lookupSidecars: true,
      });
    };
    return { runtime, runner, upload, uploadTranscript, started, status };
  };

  /** The same recording with one sample changed: another recording, as valid as the first. */
  const otherBytes = () => {
    const other = Uint8Array.from(wav);
    other[other.length - 2] = (other[other.length - 2]! + 1) % 256;
    return other;
  };

  it('a copy uploaded after the original landed is quarantined before transcription, naming the original', async () => {
    // Prepare
    const { upload, started, status } = awsLike();
    const original = await upload('rec-a', wav);
    // Act
    const copy = await upload('rec-a-again', wav);
    // Assess
    expect(original.outcome).toBe('succeeded');
    expect(copy.outcome).toBe('quarantined');
    expect(copy.statesRun).toEqual(COPY_QUARANTINE_STATES);
    expect(started).toEqual(['rec-a']);
    expect(await status()).toEqual([
      { call_id: 'rec-a', state: 'processed', stage: null, error_name: null, reason: null },
      {
        call_id: 'rec-a-again',
        state: 'quarantined',
        stage: 'ClaimCall',
        error_name: 'DuplicateRecordingError',
        // What `debrief run` says of a copy (test/cli/duplicate-recordings.test.ts), in AWS terms
        // (upload again, forget --aws).
        reason: `a copy of call rec-a: ${DUPLICATE_RECORDING_DETAIL_AWS}`,
      },
    ]);
  }, 120_000);

  it('a transcript uploaded again under another name, with no recording, is quarantined as its copy, naming the original', async () => {
    // Prepare
    const { runner, uploadTranscript, started, status } = awsLike();
    const original = await uploadTranscript('tca-a');
    // Act
    const copy = await uploadTranscript('tca-a-again');
    const originalAgain = await uploadTranscript('tca-a');
    // a reprocess lists the inbox, where the copy's transcript stays (review of d279228: it landed)
    const reprocessed = (callId: string) => runner.run({ reprocess: { key: `inbox/${callId}.tca.json` } });
    const copyReprocessed = await reprocessed('tca-a-again');
    const originalReprocessed = await reprocessed('tca-a');
    // Assess
    expect(original.outcome).toBe('succeeded');
    expect(copy.outcome).toBe('quarantined');
    expect(copy.statesRun).toEqual(COPY_QUARANTINE_STATES);
    expect(originalAgain.outcome).toBe('succeeded');
    expect(copyReprocessed.outcome).toBe('quarantined');
    expect(originalReprocessed.outcome).toBe('succeeded');
    expect(started).toEqual([]);
    expect((await status()).find((r) => r.call_id === 'tca-a-again')).toEqual({
      call_id: 'tca-a-again',
      state: 'quarantined',
      stage: 'ClaimCall',
      error_name: 'DuplicateRecordingError',
      reason: `a copy of call tca-a: ${DUPLICATE_TRANSCRIPT_DETAIL_AWS}`,
    });
  }, 120_000);

  it('a call uploaded with a recording and its transcript holds both: the transcript alone under another name is its copy, and the call uploaded later as that transcript alone is itself', async () => {
    // Prepare
    const { runtime, runner, uploadTranscript, status } = awsLike();
    putInbox(runtime, { 'both-x.wav': wav, 'both-x.tca.json': TRANSCRIPT_BYTES });
    const first = await runner.run({
      callId: 'both-x',
      keys: { transcript: null, audio: 'inbox/both-x.wav', ctr: null, recording: null },
      lookupSidecars: true,
    });
    // Act
    const copy = await uploadTranscript('both-y');
    await runtime.store.delete('inbox/both-x.wav');
    const alone = await uploadTranscript('both-x');
    // Assess
    expect(first.outcome).toBe('succeeded');
    expect(copy.statesRun).toEqual(COPY_QUARANTINE_STATES);
    expect((await status()).find((r) => r.call_id === 'both-y')?.reason).toBe(
      `a copy of call both-x: ${DUPLICATE_TRANSCRIPT_DETAIL_AWS}`,
    );
    expect(alone.outcome).toBe('succeeded');
    expect((await status()).find((r) => r.call_id === 'both-x')?.state).toBe('processed');
  }, 120_000);

  it('the original uploaded again under its own name is that call, and its copy stays quarantined', async () => {
    // Prepare
    const { upload, started } = awsLike();
    await upload('rec-a', wav);
    await upload('rec-a-again', wav);
    // Act: a later file of the copy (its recording again) and of the original (a new version)
    const copyAgain = await upload('rec-a-again', wav);
    const originalAgain = await upload('rec-a', Uint8Array.from(wav));
    // Assess
    expect(copyAgain.statesRun).toEqual(COPY_QUARANTINE_STATES);
    expect(originalAgain.outcome).toBe('succeeded');
    // (A new version of a recording is transcribed again: the job is named after the version.)
    expect(started).toEqual(['rec-a', 'rec-a']);
  }, 120_000);

  it('the copy runs once the original lets go of the recording: dropped again with other bytes', async () => {
    // Prepare
    const { upload, started, status } = awsLike();
    await upload('rec-a', wav);
    await upload('rec-a-again', wav);
    // Act
    const replaced = await upload('rec-a', otherBytes());
    const copy = await upload('rec-a-again', wav);
    // Assess
    expect(replaced.outcome).toBe('succeeded');
    expect(copy.outcome).toBe('succeeded');
    expect(started).toEqual(['rec-a', 'rec-a', 'rec-a-again']);
    expect((await status()).map((s) => [s.call_id, s.state])).toEqual([
      ['rec-a', 'processed'],
      ['rec-a-again', 'processed'],
    ]);
  }, 120_000);

  it('a corrupt CTR after the original landed is rejected: the original keeps its results, its last outcome and its recording, so a copy uploaded then is still the copy', async () => {
    // Prepare: before, the corrupt CTR quarantined the original, whose call_status row hid the
    // results it had landed, and the copy then ran as the call holding the recording
    const { runtime, upload, started, status } = awsLike();
    const first = await upload('rec-a', wav);
    const landed = await lastDone(runtime.store, 'rec-a');
    // Act: the original's next file is a corrupt CTR (InspectAudio, which reads it, fails on it)
    putInbox(runtime, { 'rec-a.ctr.json': '{ not json' });
    const broken = await upload('rec-a', wav);
    const copy = await upload('rec-a-again', wav);
    // Assess
    expect(first.outcome).toBe('succeeded');
    expect(broken.outcome).toBe('rejected');
    expect(broken.quarantine).toMatchObject({ errorName: 'InvalidInputError', rejected: true });
    expect(await lastDone(runtime.store, 'rec-a')).toEqual(landed);
    expect(copy.statesRun).toEqual(COPY_QUARANTINE_STATES);
    expect(started).toEqual(['rec-a']);
    expect((await status()).map((s) => [s.call_id, s.state, s.error_name])).toEqual([
      ['rec-a', 'processed', null],
      ['rec-a-again', 'quarantined', 'DuplicateRecordingError'],
    ]);
    expect(
      await withDb(runtime.lakeDir, (db) => db.query(`select call_id from calls order by call_id`)),
    ).toEqual([{ call_id: 'rec-a' }]);
    const report = JSON.parse(
      new TextDecoder().decode(await runtime.store.get('quarantine/rec-a/error.json')),
    );
    expect(report).toMatchObject({
      error: 'InvalidInputError',
      failedState: 'InspectAudio',
      rejected: `these files of the call were rejected: its results from ${landed!.at} stay in every table, as they were before it`,
    });
    expect(report.keptCopies).toContain('quarantine/rec-a/inputs/rec-a.ctr.json');
  }, 120_000);

  it('a recording deleted before InspectAudio read it: the call says so and lets go of the bytes, so the same file uploaded under another name runs', async () => {
    // Prepare: rec-a's recording is deleted as InspectAudio starts reading it (after ClaimCall
    // claimed its bytes); before, the store's ObjectNotFoundError quarantined it as a step's fault,
    // the call kept its claim, and the same file uploaded under another name was its copy
    let removed = false;
    const vanishing = (store: StepDeps['store']): StepDeps['store'] =>
      new Proxy(store, {
        get(target, prop) {
          const value = Reflect.get(target, prop, target);
          if (typeof value !== 'function') return value;
          if (prop !== 'getRange') return value.bind(target);
          return async (key: string, ...rest: unknown[]) => {
            if (!removed && key === 'inbox/rec-a.wav') {
              removed = true;
              await target.delete(key);
            }
            return value.call(target, key, ...rest);
          };
        },
      });
    const { upload, started, status } = awsLike([], vanishing);
    const vanished = await upload('rec-a', wav);
    // Act
    const other = await upload('rec-a-again', wav);
    // Assess
    expect(removed).toBe(true);
    expect(vanished.outcome).toBe('quarantined');
    expect(other.outcome).toBe('succeeded');
    expect(started).toEqual(['rec-a-again']);
    expect(await status()).toEqual([
      {
        call_id: 'rec-a',
        state: 'quarantined',
        stage: 'InspectAudio',
        error_name: 'InputVanishedError',
        reason:
          'rec-a.wav was removed before it could be read (deleted or moved after it arrived): drop it again and the call runs (locally, the next run of a folder that still has it runs it)',
      },
      { call_id: 'rec-a-again', state: 'processed', stage: null, error_name: null, reason: null },
    ]);
  }, 120_000);

  it("a late event for a landed call whose recording is gone is rejected: the call keeps its results and its last outcome, and the same file put back lands as that outcome's (review22)", async () => {
    // Prepare: rec-a landed; its recording then gone (S3's head says so) when a late or duplicate
    // event for it arrives: ClaimCall fails on it (InputVanishedError). review22 found the call
    // then quarantined (its rows hidden) while state/done kept the success, so the same file put
    // back ended Unchanged, still quarantined; since drops of a landed call are rejected for their
    // own input, the call keeps its rows and that success stays its last outcome
    let gone = false;
    const headGone = (store: StepDeps['store']): StepDeps['store'] =>
      new Proxy(store, {
        get(target, prop) {
          const value = Reflect.get(target, prop, target);
          if (typeof value !== 'function') return value;
          if (prop !== 'head') return value.bind(target);
          return async (key: string) => {
            if (gone && key === 'inbox/rec-a.wav') throw new ObjectNotFoundError(key);
            return value.call(target, key);
          };
        },
      });
    const { runtime, upload, status } = awsLike([], headGone);
    const first = await upload('rec-a', wav);
    gone = true;
    // Act
    const late = await upload('rec-a', wav);
    const doneAfterLate = await lastDone(runtime.store, 'rec-a');
    const stateAfterLate = (await status())[0]?.state;
    gone = false;
    const again = await upload('rec-a', wav);
    // Assess
    expect(first.outcome).toBe('succeeded');
    expect(late.outcome).toBe('rejected');
    expect(late.quarantine?.errorName).toBe('InputVanishedError');
    expect(doneAfterLate).toMatchObject({ outcome: 'succeeded', fingerprint: expect.any(String) });
    expect(stateAfterLate).toBe('processed');
    expect(again.outcome).toBe('succeeded');
    expect((await status())[0]?.state).toBe('processed');
  }, 300_000);

  it('a reprocess rejected for its input keeps the call as it landed: its results, its last outcome and its recording, so the same file uploaded under another name is its copy', async () => {
    // Prepare: rec-a landed; its CTR in the bucket is then one this version rejects (put without
    // an upload event: a CTR an update of debrief no longer accepts). The reprocess is rejected as
    // a drop would be (before, it quarantined the call and its rows were hidden)
    const { runtime, runner, upload, started, status } = awsLike();
    await upload('rec-a', wav);
    const landed = await lastDone(runtime.store, 'rec-a');
    putInbox(runtime, { 'rec-a.ctr.json': '{ not json' });
    // Act
    const reprocessed = await runner.run({ reprocess: { key: 'inbox/rec-a.wav' } });
    const done = await lastDone(runtime.store, 'rec-a');
    const other = await upload('rec-a-again', wav);
    // Assess
    expect(reprocessed.outcome).toBe('rejected');
    expect(reprocessed.quarantine?.errorName).toBe('InvalidInputError');
    expect(done).toEqual(landed);
    expect(other.statesRun).toEqual(COPY_QUARANTINE_STATES);
    expect(started).toEqual(['rec-a']);
    expect((await status()).map((s) => [s.call_id, s.state, s.error_name])).toEqual([
      ['rec-a', 'processed', null],
      ['rec-a-again', 'quarantined', 'DuplicateRecordingError'],
    ]);
  }, 120_000);

  it("a reprocess quarantined by a step's fault records it and keeps the recording; one that lands records that, with the inputs the call last completed with", async () => {
    // Prepare
    let down = false;
    const { runtime, runner, upload } = awsLike([
      {
        name: 'crm-sync',
        version: '1',
        process: (d) => {
          if (down) throw new Error('CRM unreachable');
          return d;
        },
      },
    ]);
    await upload('rec-a', wav);
    const landed = await lastDone(runtime.store, 'rec-a');
    // Act
    down = true;
    const faulted = await runner.run({ reprocess: { key: 'inbox/rec-a.wav' } });
    const afterFault = await lastDone(runtime.store, 'rec-a');
    const copy = await upload('rec-a-again', wav);
    down = false;
    const fixed = await runner.run({ reprocess: { key: 'inbox/rec-a.wav' } });
    const afterFix = await lastDone(runtime.store, 'rec-a');
    // Assess
    expect(landed).toMatchObject({ outcome: 'succeeded', recording: expect.stringMatching(/^sha256-/) });
    expect(faulted.quarantine?.errorName).toBe('PostProcessorError');
    expect(afterFault).toMatchObject({
      outcome: 'quarantined',
      error: 'PostProcessorError',
      recording: landed!.recording,
      fingerprint: null,
    });
    expect(copy.statesRun).toEqual(COPY_QUARANTINE_STATES);
    expect(fixed.outcome).toBe('succeeded');
    // The inputs are those the quarantine let go of: a repeat of them runs again.
    expect(afterFix).toMatchObject({ outcome: 'succeeded', recording: landed!.recording, fingerprint: null });
  }, 120_000);

  it('an original quarantined by a step after its recording was read keeps it: a copy dropped then is the copy, and the original, run again, lands', async () => {
    // Prepare: the original's post-processor fails (a step's fault, not its input's); before, its
    // quarantine let go of the recording on AWS, so the copy ran and the original, dropped again as
    // its error report says, was quarantined as a copy (as found locally by the twentieth round's trial)
    let down = true;
    const { upload, started, status } = awsLike([
      {
        name: 'crm-sync',
        version: '1',
        process: (d) => {
          if (down) throw new Error('CRM unreachable');
          return d;
        },
      },
    ]);
    const broken = await upload('rec-a', wav);
    // Act
    const copy = await upload('rec-a-again', wav);
    down = false;
    const originalAgain = await upload('rec-a', Uint8Array.from(wav));
    // Assess
    expect(broken.outcome).toBe('quarantined');
    expect(copy.statesRun).toEqual(COPY_QUARANTINE_STATES);
    expect(originalAgain.outcome).toBe('succeeded');
    expect(started).toEqual(['rec-a', 'rec-a']);
    expect((await status()).map((s) => [s.call_id, s.state, s.error_name])).toEqual([
      ['rec-a', 'processed', null],
      ['rec-a-again', 'quarantined', 'DuplicateRecordingError'],
    ]);
  }, 120_000);
});

describe('ClaimCall after waiting for its call (steps, local store)', () => {
  it('a recording deleted before ClaimCall read it says so, and lets go of the call, so the file uploaded again claims it at once', async () => {
    // Prepare: the upload's event names a recording that is no longer there. Before, ClaimCall
    // failed with the store's ObjectNotFoundError holding the call's lease, which nothing released:
    // the file uploaded again waited for it to expire (25 hours)
    const { runtime } = freshRuntime();
    const start = {
      callId: 'rec-v',
      keys: { transcript: null, audio: 'inbox/rec-v.wav', ctr: null, recording: null },
      lookupSidecars: true,
    };
    // Act
    const failed = await steps.ClaimCall(start, runtime.deps).then(
      () => null,
      (e: unknown) => e as Error,
    );
    const holder = await liveLeaseToken(runtime.store, 'rec-v', '2026-03-03T00:00:00.000Z');
    putInbox(runtime, { 'rec-v.wav': new Uint8Array([1, 2, 3]) });
    const again = (await steps.ClaimCall(start, runtime.deps)) as { route: string };
    // Assess
    expect(failed).toMatchObject({
      name: 'InputVanishedError',
      message: 'rec-v.wav was removed before it could be read (deleted or moved after it arrived)',
    });
    expect(holder).toBeNull();
    expect(again.route).toBe('audio');
  });

  it('an event-driven execution that waited for its call stays event-driven: it records what it landed with', async () => {
    // Prepare: another execution of the call holds its lease
    const { runtime } = freshRuntime();
    putInbox(runtime, { 'rec-w.tca.json': '{}' });
    await acquireCallLease(runtime.store, 'rec-w', 'other', '2026-03-03T00:00:00.000Z');
    const start = {
      callId: 'rec-w',
      keys: { transcript: 'inbox/rec-w.tca.json', audio: null, ctr: null, recording: null },
      lookupSidecars: true,
    };
    // Act
    const waiting = (await steps.ClaimCall(start, runtime.deps)) as { route: string };
    await releaseCallLease(runtime.store, 'rec-w', 'other');
    const claimed = (await steps.ClaimCall(waiting, runtime.deps)) as {
      route: string;
      claim: { fingerprint: string | null };
    };
    // Assess: the inputs' fingerprint is known, so WriteResults records the outcome
    expect(waiting.route).toBe('busy');
    expect(claimed.route).toBe('transcript');
    expect(claimed.claim.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });
});
