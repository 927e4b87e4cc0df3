import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalEnrichers } from '../../adapters/local/local-enrichers.js';
import { queryLake } from '../../cli/commands/query.js';
import { type RunOptions, runDrop } from '../../cli/commands/run.js';
import { objectName } from '../../core/object-names.js';
import { once } from '../../core/once.js';
import type { SpeechRecognizer } from '../../core/ports/speech-recognizer.js';
import type { PostProcessor } from '../../core/post-processor.js';
import type { StepDeps } from '../../core/steps/deps.js';
import { tempDir } from '../helpers/paths.js';
import { SAMPLES, samplesOracle } from '../helpers/samples.js';
import { textSink } from '../helpers/text-sink.js';

/**
 * One recording dropped again in a later run under another call name would count twice in every
 * figure: it is quarantined naming the call it is a copy of. Within one drop the scan says so and
 * both run (test/cli/debrief-cli.test.ts). Each call here is a transcript with its recording (the
 * transcript wins, so no speech is run): the recording's bytes are what makes two calls one.
 */
const TRANSCRIPT = join(SAMPLES, 'call-0004-fraud-report.tca.json');
const RECORDING = join(SAMPLES, 'call-0001-billing.wav');
const OTHER_RECORDING = join(SAMPLES, 'call-0002-payments.wav');
const enrichers = once(() => createLocalEnrichers());

const sink = textSink;

/** A drop folder: each call a transcript and the given recording. */
const dropOf = (calls: Record<string, string>): string => {
  const drop = tempDir('dup-drop');
  for (const [name, recording] of Object.entries(calls)) {
    copyFileSync(TRANSCRIPT, join(drop, `${name}.tca.json`));
    copyFileSync(recording, join(drop, `${name}.wav`));
  }
  return drop;
};

const run = async (drop: string, home: string, extra: Partial<RunOptions> = {}) => {
  const out = sink();
  const err = sink();
  const summary = await runDrop({
    dir: drop,
    home,
    enrichers,
    postProcessors: [],
    report: false,
    mergeLake: false,
    out: out.stream,
    err: err.stream,
    ...extra,
  });
  return {
    outcomes: Object.fromEntries(summary.calls.map((c) => [c.callId, c.outcome])),
    errors: Object.fromEntries(summary.calls.map((c) => [c.callId, c.error?.name ?? null])),
    out: out.text(),
    /** What the run said on stderr: the scan's notices among it. */
    err: err.text(),
  };
};

/** call_status as analysts see it: each call's latest state and reason. */
const status = async (home: string) =>
  Object.fromEntries(
    (
      await queryLake(
        home,
        `select call_id, arg_max(state, updated_at) as state, arg_max(reason, updated_at) as reason
           from call_status group by call_id order by call_id`,
      )
    ).map((r) => [
      String(r.call_id),
      { state: String(r.state), reason: r.reason === null ? null : String(r.reason) },
    ]),
  );
const landedCalls = async (home: string) =>
  (await queryLake(home, 'select call_id from calls order by call_id')).map((r) => String(r.call_id));

/**
 * A home where call-a landed with RECORDING under a version before claims: no claim files, and
 * a record that names no recording.
 */
const homeBeforeClaims = async (label: string): Promise<string> => {
  const home = tempDir(label);
  await run(dropOf({ 'call-a': RECORDING }), home);
  rmSync(join(home, 'executions', 'recordings'), { recursive: true, force: true });
  const file = join(home, 'executions', `${objectName('call-a')}.json`);
  const { recordingSha256: _, ...record } = JSON.parse(readFileSync(file, 'utf8'));
  writeFileSync(file, JSON.stringify(record, null, 2));
  return home;
};

describe('a recording dropped again under another name', () => {
  it('in a later run is quarantined naming the call it is a copy of, in the run report and call_status; under its own name it is unchanged', async () => {
    // Prepare
    const home = tempDir('dup-home');
    const first = await run(dropOf({ 'call-0417': RECORDING }), home);
    // Act
    const again = await run(dropOf({ 'call-0417 renamed': RECORDING }), home, { report: true });
    const sameName = await run(dropOf({ 'call-0417': RECORDING }), home);
    // Assess
    expect(first.outcomes).toEqual({ 'call-0417': 'succeeded' });
    expect(again.outcomes).toEqual({ 'call-0417 renamed': 'quarantined' });
    expect(again.errors).toEqual({ 'call-0417 renamed': 'DuplicateRecordingError' });
    expect(again.out).toContain('a copy of call call-0417: the same recording, byte for byte');
    expect(sameName.outcomes).toEqual({ 'call-0417': 'unchanged' });
    expect(await status(home)).toEqual({
      'call-0417': { state: 'processed', reason: null },
      'call-0417 renamed': {
        state: 'quarantined',
        reason:
          'a copy of call call-0417: the same recording, byte for byte, that call landed with earlier (a call counts once). A copy by mistake: delete this file, then debrief forget this call. Renamed on purpose: debrief forget that call, then run again. Wrong recording in that call: drop the right one; this call runs on the next run',
      },
    });
    expect(await landedCalls(home)).toEqual(['call-0417']);
  }, 300_000);

  it('names a call id whole, digits and all, however long, and masks nothing else in: the reason quotes no other number', async () => {
    // Prepare: call ids that hold digit runs (a date, a time, a number), near the longest file name
    const original = `rec 2026-11-30 0417 line 5551234567 agent 20931 ${'queue billing '.repeat(12)}end`;
    const copy = `copy 2026-12-01 0911 from 4445556666 ${'x'.repeat(180)}`;
    const home = tempDir('dup-long-home');
    await run(dropOf({ [original]: RECORDING }), home);
    // Act
    const again = await run(dropOf({ [copy]: RECORDING }), home);
    // Assess
    expect(again.outcomes).toEqual({ [copy]: 'quarantined' });
    const reason = (await status(home))[copy]?.reason ?? '';
    expect(reason.startsWith(`a copy of call ${original}: the same recording, byte for byte`)).toBe(true);
    expect(reason.endsWith('this call runs on the next run')).toBe(true);
    expect(reason.replace(original, '')).not.toMatch(/\d/);
  }, 300_000);

  it('twice in one drop runs as two calls (the scan says so); running that drop again leaves both unchanged, batched too', async () => {
    // Prepare
    const home = tempDir('dup-one-drop-home');
    const drop = dropOf({ 'call-a': RECORDING, 'call-b': RECORDING });
    const batchedHome = tempDir('dup-one-drop-batched-home');
    // Act
    const first = await run(drop, home);
    const again = await run(drop, home);
    const reprocessed = await run(drop, home, { reprocess: true });
    const batched = await run(drop, batchedHome, { batchSize: 1 });
    const batchedCopy = await run(dropOf({ 'call-c': RECORDING }), batchedHome, { batchSize: 1 });
    // Assess
    expect(first.outcomes).toEqual({ 'call-a': 'succeeded', 'call-b': 'succeeded' });
    expect(again.outcomes).toEqual({ 'call-a': 'unchanged', 'call-b': 'unchanged' });
    expect(reprocessed.outcomes).toEqual({ 'call-a': 'succeeded', 'call-b': 'succeeded' });
    expect(batched.outcomes).toEqual({ 'call-a': 'succeeded', 'call-b': 'succeeded' });
    expect(batchedCopy.errors).toEqual({ 'call-c': 'DuplicateRecordingError' });
  }, 300_000);

  it('a one-drop pair whose second call failed runs that call on the next run of the drop, as a pair, not as a copy', async () => {
    // Prepare: call-b's lake writes fail in the first run (its quarantine's too: the run fails it)
    const home = tempDir('dup-pair-fails-home');
    const drop = dropOf({ 'call-a': RECORDING, 'call-b': RECORDING });
    const failB = (deps: StepDeps): StepDeps => ({
      ...deps,
      lake: new Proxy(deps.lake, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (prop !== 'putCallRows' || typeof value !== 'function') return value;
          return (table: string, callId: string, ...rest: unknown[]) => {
            if (callId === 'call-b') throw new Error('disk full (simulated)');
            return value.call(target, table, callId, ...rest);
          };
        },
      }),
    });
    // Act
    const first = await run(drop, home, { wrapDeps: failB });
    const second = await run(drop, home);
    const third = await run(drop, home);
    // Assess
    expect(first.outcomes).toEqual({ 'call-a': 'succeeded', 'call-b': 'failed' });
    expect(second.outcomes).toEqual({ 'call-a': 'unchanged', 'call-b': 'succeeded' });
    expect(third.outcomes).toEqual({ 'call-a': 'unchanged', 'call-b': 'unchanged' });
    expect(await landedCalls(home)).toEqual(['call-a', 'call-b']);
  }, 300_000);

  it("a landed call dropped again with another call's recording is rejected: it keeps its results and its own recording, the same drop again is unchanged, and its right recording runs it", async () => {
    // Prepare: before drops of a landed call were rejected for their input, call-b was
    // quarantined as a copy, its rows hidden, and it let go of its own recording
    const home = tempDir('dup-back-home');
    await run(dropOf({ 'call-a': RECORDING, 'call-b': OTHER_RECORDING }), home);
    const wrongDrop = dropOf({ 'call-b': RECORDING });
    const wrong = await run(wrongDrop, home);
    const landedAfterWrong = await landedCalls(home);
    // The home's copy of its recording, which the workbench plays, is its own again (review of
    // 00c3d65: the rejected drop's copy had replaced it), and nothing is left set aside
    const inboxAfterWrong = readFileSync(join(home, 'inbox', 'call-b.wav'));
    const asideAfterWrong = existsSync(join(home, 'executions', 'inbox-aside', 'call-b'))
      ? readdirSync(join(home, 'executions', 'inbox-aside', 'call-b'))
      : [];
    const wrongAgain = await run(wrongDrop, home);
    const copyOfB = await run(dropOf({ 'call-c': OTHER_RECORDING }), home);
    // Act
    const right = await run(dropOf({ 'call-b': OTHER_RECORDING }), home);
    // Assess
    expect(wrong.outcomes).toEqual({ 'call-b': 'rejected' });
    expect(wrong.errors).toEqual({ 'call-b': 'DuplicateRecordingError' });
    expect(landedAfterWrong).toEqual(['call-a', 'call-b']);
    expect(inboxAfterWrong.equals(readFileSync(OTHER_RECORDING))).toBe(true);
    expect(asideAfterWrong).toEqual([]);
    expect(wrongAgain.outcomes).toEqual({ 'call-b': 'unchanged' });
    expect(copyOfB.errors).toEqual({ 'call-c': 'DuplicateRecordingError' });
    expect(right.outcomes).toEqual({ 'call-b': 'succeeded' });
    expect((await status(home))['call-b']?.state).toBe('processed');
  }, 300_000);

  it("a call's claim on its recording ends with it: dropped again with other bytes (its copy then runs where it waits), or its record removed; a drop of it rejected for its input keeps it", async () => {
    // Prepare: call-a lands; call-b, its copy, waits quarantined
    const home = tempDir('dup-release-home');
    await run(dropOf({ 'call-a': RECORDING }), home);
    const copyDrop = dropOf({ 'call-b': RECORDING });
    const waiting = await run(copyDrop, home);
    const stillWaiting = await run(copyDrop, home);
    // Act 1: call-a dropped again with its right recording
    await run(dropOf({ 'call-a': OTHER_RECORDING }), home);
    const released = await run(copyDrop, home);
    // Act 2: call-b holds the recording now; dropped again with two transcripts that differ, the
    // drop is rejected: call-b keeps its results and the recording (before, it was quarantined
    // and let go, its landed rows hidden)
    const conflicting = dropOf({ 'call-b': RECORDING });
    writeFileSync(join(conflicting, 'call-b.TCA.json'), '{}');
    const rejected = await run(conflicting, home);
    const afterRejection = await run(dropOf({ 'call-c': RECORDING }), home);
    // Act 3: call-b's record removed
    rmSync(join(home, 'executions', `${objectName('call-b')}.json`), { force: true });
    const afterRemoval = await run(dropOf({ 'call-d': RECORDING }), home);
    // Assess
    expect(released.outcomes).toEqual({ 'call-b': 'succeeded' });
    expect(rejected.outcomes).toEqual({ 'call-b': 'rejected' });
    expect(afterRejection.errors).toEqual({ 'call-c': 'DuplicateRecordingError' });
    expect(afterRemoval.outcomes).toEqual({ 'call-d': 'succeeded' });
    expect(waiting.errors).toEqual({ 'call-b': 'DuplicateRecordingError' });
    expect(stillWaiting.outcomes).toEqual({ 'call-b': 'unchanged' });
  }, 300_000);

  it('a call quarantined by a step after its inputs were read keeps its recording: its copy stays a copy, and the call lands again with --reprocess (found by trial20)', async () => {
    // Prepare: call-a lands with its CTR-less pair of files; call-b, its copy, is quarantined
    const home = tempDir('dup-fault-home');
    const dropA = dropOf({ 'call-a': RECORDING });
    await run(dropA, home);
    const dropB = dropOf({ 'call-b': RECORDING });
    await run(dropB, home);
    // call-a reprocessed with a post-processor that fails: quarantined at PostProcess
    const failing: PostProcessor = {
      name: 'failing',
      version: '1',
      process: () => {
        throw new Error('the processor is broken');
      },
    };
    const faulted = await run(dropA, home, { reprocess: true, postProcessors: [failing] });
    // Act: the processor removed, the copy's drop runs again, then call-a as its run prints
    const copyAgain = await run(dropB, home);
    const fixed = await run(dropA, home, { reprocess: true });
    // Assess
    expect(faulted.outcomes).toEqual({ 'call-a': 'quarantined' });
    expect(copyAgain.outcomes).toEqual({ 'call-b': 'unchanged' });
    expect(fixed.outcomes).toEqual({ 'call-a': 'succeeded' });
    expect(await status(home)).toMatchObject({
      'call-a': { state: 'processed', reason: null },
      'call-b': { state: 'quarantined', reason: expect.stringContaining('a copy of call call-a:') },
    });
    expect(await landedCalls(home)).toEqual(['call-a']);
  }, 300_000);

  it('a call quarantined because the speech engine failed keeps its recording, as on AWS: its copy stays a copy, and the call lands again with --reprocess (review23)', async () => {
    // Prepare: call-a is a recording alone, and the recogniser is down when it runs (a crash, a
    // server gone); before, the engine's failure was read as the recording's (TranscriptionFailedError,
    // an input fault), call-a let go of its recording and the copy then dropped ran in its place
    let down = true;
    const oracle = samplesOracle();
    const recognizer: SpeechRecognizer = {
      info: oracle.info,
      recognize: async (segments, options) => {
        if (down) throw new Error('recogniser process exited with code 139');
        return oracle.recognize(segments, { ...options, call: 'call-0001-billing-job' });
      },
    };
    const speech = { recognizer: async () => recognizer };
    const home = tempDir('dup-engine-home');
    const dropA = tempDir('dup-engine-a');
    copyFileSync(RECORDING, join(dropA, 'call-a.wav'));
    const dropB = tempDir('dup-engine-b');
    copyFileSync(RECORDING, join(dropB, 'call-b.wav'));
    const faulted = await run(dropA, home, { speech });
    const faultName = await queryLake(home, "select error_name from call_status where call_id = 'call-a'");
    down = false;
    // Act: the engine back, the copy dropped, then call-a as its run prints
    const copy = await run(dropB, home, { speech });
    const fixed = await run(dropA, home, { speech, reprocess: true });
    // Assess
    expect(faulted.outcomes).toEqual({ 'call-a': 'quarantined' });
    expect(copy.outcomes).toEqual({ 'call-b': 'quarantined' });
    expect(fixed.outcomes).toEqual({ 'call-a': 'succeeded' });
    expect(await status(home)).toMatchObject({
      'call-a': { state: 'processed', reason: null },
      'call-b': { state: 'quarantined', reason: expect.stringContaining('a copy of call call-a:') },
    });
    expect(await landedCalls(home)).toEqual(['call-a']);
    // The engine's fault, not the recording's (core/errors.ts INPUT_FAULTS).
    expect(faultName).toEqual([{ error_name: 'SpeechEngineError' }]);
  }, 300_000);

  it('a call quarantined because the speech engine failed is tried again by the next run, without --reprocess, and its report says to fix the engine, not the inputs', async () => {
    // Prepare: the recogniser is down when call-a runs; before, the next run found call-a
    // 'unchanged' (its report said 'fix or replace the inputs'), and only --reprocess ran it again
    let down = true;
    const oracle = samplesOracle();
    const recognizer: SpeechRecognizer = {
      info: oracle.info,
      recognize: async (segments, options) => {
        if (down) throw new Error('recogniser process exited with code 139');
        return oracle.recognize(segments, { ...options, call: 'call-0001-billing-job' });
      },
    };
    const speech = { recognizer: async () => recognizer };
    const home = tempDir('engine-retry-home');
    const drop = tempDir('engine-retry-drop');
    copyFileSync(RECORDING, join(drop, 'call-a.wav'));
    const faulted = await run(drop, home, { speech });
    const report = JSON.parse(
      readFileSync(join(home, 'quarantine', objectName('call-a'), 'error.json'), 'utf8'),
    );
    down = false;
    // Act: the engine back, the same drop run again as it is
    const next = await run(drop, home, { speech });
    // Assess
    expect(faulted.outcomes).toEqual({ 'call-a': 'quarantined' });
    expect(report).toMatchObject({
      error: 'SpeechEngineError',
      reason:
        'speech engine: transcription of call-a.wav failed: recogniser process exited with code 139: tried again on the next run',
      retryable: true,
      howToRetry:
        'nothing to fix in the inputs: fix the speech engine as the reason says (its model cache folder, its binary or model, or the DEBRIEF_ASR_URL server), then run again: the next run tries the call again',
    });
    expect(next.outcomes).toEqual({ 'call-a': 'succeeded' });
    expect(await status(home)).toMatchObject({ 'call-a': { state: 'processed', reason: null } });
  }, 300_000);

  it('a recording removed from the home before it was read: the call says so, lets go of it, and the next run of the drop runs it', async () => {
    // Prepare: call-a's inbox copy is deleted as InspectAudio starts reading it; before, the call
    // was quarantined with the store's ObjectNotFoundError ('unexpected ObjectNotFoundError in
    // InspectAudio'), kept a claim on bytes it never read, and the next run found it 'unchanged'
    const oracle = samplesOracle();
    const recognizer: SpeechRecognizer = {
      info: oracle.info,
      recognize: (segments, options) =>
        oracle.recognize(segments, { ...options, call: 'call-0001-billing-job' }),
    };
    const speech = { recognizer: async () => recognizer };
    const home = tempDir('vanish-home');
    const drop = tempDir('vanish-drop');
    copyFileSync(RECORDING, join(drop, 'call-a.wav'));
    let removed = false;
    const vanishing = (deps: StepDeps): StepDeps => ({
      ...deps,
      store: new Proxy(deps.store, {
        get(target, prop) {
          const value = Reflect.get(target, prop, target);
          if (typeof value !== 'function') return value;
          if (prop !== 'getRange') return value.bind(target);
          return async (key: string, ...rest: unknown[]) => {
            if (!removed && key.endsWith('/call-a.wav')) {
              removed = true;
              await target.delete(key);
            }
            return value.call(target, key, ...rest);
          };
        },
      }),
    });
    const vanished = await run(drop, home, { speech, wrapDeps: vanishing });
    const quarantined = await queryLake(
      home,
      "select stage, error_name, reason from call_status where call_id = 'call-a'",
    );
    // Act: the drop run again as it is (the file is still there)
    const again = await run(drop, home, { speech });
    // Assess
    expect(removed).toBe(true);
    expect(vanished.outcomes).toEqual({ 'call-a': 'quarantined' });
    expect(quarantined).toEqual([
      {
        stage: 'InspectAudio',
        error_name: 'InputVanishedError',
        reason:
          'call-a.wav was removed before it could be read (deleted or moved after it arrived): drop it again and the call runs (locally, the next run of a folder that still has it runs it)',
      },
    ]);
    expect(again.outcomes).toEqual({ 'call-a': 'succeeded' });
    expect(await status(home)).toMatchObject({ 'call-a': { state: 'processed', reason: null } });
  }, 300_000);

  it('says two calls of a drop are the same recording, each processed as its own call, only while neither is a copy (found by trial20)', async () => {
    // Prepare: call-a lands; call-b, the same bytes, is added to its folder later
    const home = tempDir('dup-notice-home');
    const drop = dropOf({ 'call-a': RECORDING });
    await run(drop, home);
    copyFileSync(TRANSCRIPT, join(drop, 'call-b.tca.json'));
    copyFileSync(RECORDING, join(drop, 'call-b.wav'));
    const pairDrop = dropOf({ 'call-c': OTHER_RECORDING, 'call-d': OTHER_RECORDING });
    const notices = async (folder: string) => (await run(folder, home)).err;
    // Act
    const copyRun = await notices(drop);
    const pair = await run(pairDrop, home, { report: true });
    const pairRun = pair.err;
    // Assess: call-b is quarantined as a copy, so the notice would be false; a pair of one drop runs as two
    expect(copyRun).not.toContain('are the same recording');
    // Nor the transcripts' (the same bytes here too; helper-218: that notice said "each is
    // processed as its own call" of the copy quarantined)
    expect(copyRun).not.toContain('are the same transcript');
    expect((await status(home))['call-b']?.reason).toContain('a copy of call call-a:');
    expect(pairRun).toContain(
      'call-c.wav, call-d.wav are the same recording, byte for byte, under 2 call names',
    );
    expect(pairRun).not.toContain('are the same transcript');
    // said again under the report, where it does not scroll away (the newcomer's trial)
    expect(pair.out).toMatch(
      /call-d[^\n]*\n(?:.*\n)*warning: call-c\.wav, call-d\.wav are the same recording, byte for byte, under 2 call names: each is processed as its own call \(the call counts 2 times\)/,
    );
  }, 300_000);

  it("a copy's error.json names inputs that are there: its files are kept in the quarantine as any quarantined call's (found by trial20: inbox/B.wav named, none kept)", async () => {
    // Prepare
    const home = tempDir('dup-kept-home');
    await run(dropOf({ 'call-a': RECORDING }), home);
    // Act
    await run(dropOf({ 'call-b': RECORDING }), home);
    // Assess
    const report = JSON.parse(
      readFileSync(join(home, 'quarantine', objectName('call-b'), 'error.json'), 'utf8'),
    ) as { error: string; inputs: Record<string, string | null>; keptCopies: string[] };
    expect(report.error).toBe('DuplicateRecordingError');
    expect(report.keptCopies.map((k) => k.slice(k.lastIndexOf('/') + 1)).sort()).toEqual([
      'call-b.tca.json',
      'call-b.wav',
    ]);
    for (const key of [...report.keptCopies, ...Object.values(report.inputs).filter((k) => k !== null)])
      expect(existsSync(join(home, key)), key).toBe(true);
    expect(readFileSync(join(home, report.keptCopies.find((k) => k.endsWith('.wav')) ?? ''))).toEqual(
      readFileSync(RECORDING),
    );
    // Kept once on disk: the quarantine's recording is the inbox's file under a second name (it was
    // a second copy of the bytes)
    const keptWav = statSync(join(home, report.keptCopies.find((k) => k.endsWith('.wav')) ?? ''));
    expect(keptWav.ino).toBe(statSync(join(home, report.inputs.audio ?? '')).ino);
  }, 300_000);

  it('a home from before claims: a call read again unchanged claims the recording it landed with, and its copy is quarantined', async () => {
    // Prepare: call-a landed before claims were kept
    const home = await homeBeforeClaims('dup-legacy-unchanged-home');
    // Act
    const unchanged = await run(dropOf({ 'call-a': RECORDING }), home);
    const copy = await run(dropOf({ 'call-b': RECORDING }), home);
    // Assess
    expect(unchanged.outcomes).toEqual({ 'call-a': 'unchanged' });
    expect(copy.errors).toEqual({ 'call-b': 'DuplicateRecordingError' });
  }, 300_000);

  it('a home from before claims: a call whose copy got in first is never taken for a copy of its own copy; the copy is, when it runs again', async () => {
    // Prepare: call-a landed before claims were kept; its copy lands before call-a is read again
    const home = await homeBeforeClaims('dup-legacy-copied-home');
    const earlyCopy = await run(dropOf({ 'call-b': RECORDING }), home);
    // Act
    const original = await run(dropOf({ 'call-a': RECORDING }), home, { reprocess: true });
    const copyAgain = await run(dropOf({ 'call-b': RECORDING }), home, { reprocess: true });
    // Assess
    expect(earlyCopy.outcomes).toEqual({ 'call-b': 'succeeded' });
    expect(original.outcomes).toEqual({ 'call-a': 'succeeded' });
    expect(copyAgain.errors).toEqual({ 'call-b': 'DuplicateRecordingError' });
    expect(await landedCalls(home)).toEqual(['call-a']);
  }, 300_000);

  it('a claim that cannot be written leaves no record naming the recording: the call runs again and claims it (no copy slips past)', async () => {
    // Prepare: the claims' folder cannot be made (a file in its place)
    const home = tempDir('dup-claim-fails-home');
    const drop = dropOf({ 'call-a': RECORDING });
    await run(dropOf({ 'call-z': OTHER_RECORDING }), home);
    rmSync(join(home, 'executions', 'recordings'), { recursive: true });
    writeFileSync(join(home, 'executions', 'recordings'), 'in the way');
    const blocked = await run(drop, home);
    rmSync(join(home, 'executions', 'recordings'));
    // Act
    const again = await run(drop, home);
    const copy = await run(dropOf({ 'call-b': RECORDING }), home);
    // Assess
    expect(blocked.outcomes).toEqual({ 'call-a': 'failed' });
    expect(again.outcomes).toEqual({ 'call-a': 'succeeded' });
    expect(copy.errors).toEqual({ 'call-b': 'DuplicateRecordingError' });
  }, 300_000);
});

describe('a transcript dropped again under another name, without a recording', () => {
  /** A drop folder: each call a transcript alone (the sample's, or another). */
  const transcriptsOf = (calls: Record<string, string>): string => {
    const drop = tempDir('dup-tca-drop');
    for (const [name, transcript] of Object.entries(calls))
      copyFileSync(transcript, join(drop, `${name}.tca.json`));
    return drop;
  };
  const OTHER_TRANSCRIPT = join(SAMPLES, 'call-0006-address-change.tca.json');

  it('in a later run is quarantined as a copy, as a recording is (helper-291: it ran as a second call); under its own name it is unchanged; twice in one drop both run', async () => {
    // Prepare
    const home = tempDir('dup-tca-home');
    const first = await run(transcriptsOf({ 'call-t': TRANSCRIPT }), home);
    // Act
    const copy = await run(transcriptsOf({ 'call-t copy': TRANSCRIPT }), home, { report: true });
    const sameName = await run(transcriptsOf({ 'call-t': TRANSCRIPT }), home);
    const other = await run(transcriptsOf({ 'call-u': OTHER_TRANSCRIPT }), home);
    const pairHome = tempDir('dup-tca-pair-home');
    const pair = await run(transcriptsOf({ 'call-p': TRANSCRIPT, 'call-q': TRANSCRIPT }), pairHome);
    // Assess
    expect(first.outcomes).toEqual({ 'call-t': 'succeeded' });
    expect(copy.errors).toEqual({ 'call-t copy': 'DuplicateRecordingError' });
    expect(copy.out).toContain('a copy of call call-t: the same transcript, byte for byte');
    // where its report and its files are (helper-291: nothing said where to look)
    expect(copy.out).toContain(
      `  report:     ${join(home, 'quarantine', objectName('call-t copy'), 'error.json')} (its files are kept in inputs/ beside it)`,
    );
    expect(sameName.outcomes).toEqual({ 'call-t': 'unchanged' });
    expect(other.outcomes).toEqual({ 'call-u': 'succeeded' });
    expect(pair.outcomes).toEqual({ 'call-p': 'succeeded', 'call-q': 'succeeded' });
    expect((await status(home))['call-t copy']).toEqual({
      state: 'quarantined',
      reason:
        'a copy of call call-t: the same transcript, byte for byte, that call landed with earlier (a call counts once). A copy by mistake: delete this file, then debrief forget this call. Renamed on purpose: debrief forget that call, then run again. Wrong transcript in that call: drop the right one; this call runs on the next run',
    });
    expect(await landedCalls(home)).toEqual(['call-t', 'call-u']);
  }, 300_000);

  it("a call dropped with a recording holds its transcript too: the transcript alone under another name is its copy, and the call dropped later as that transcript alone is itself, not its copy's copy (review of d279228)", async () => {
    // Prepare: call-x lands with a recording and its transcript
    const home = tempDir('dup-tca-both-home');
    const first = await run(dropOf({ 'call-x': RECORDING }), home);
    // Act
    const copy = await run(transcriptsOf({ 'call-y': TRANSCRIPT }), home);
    const alone = await run(transcriptsOf({ 'call-x': TRANSCRIPT }), home);
    // Assess
    expect(first.outcomes).toEqual({ 'call-x': 'succeeded' });
    expect(copy.errors).toEqual({ 'call-y': 'DuplicateRecordingError' });
    expect((await status(home))['call-y']?.reason).toContain(
      'a copy of call call-x: the same transcript, byte for byte',
    );
    expect(alone.outcomes).toEqual({ 'call-x': 'succeeded' });
    expect(await landedCalls(home)).toEqual(['call-x']);
  }, 300_000);

  it('says two transcripts of a drop are one, each processed as its own call, only while neither is a copy (review of d279228)', async () => {
    // Prepare: call-t lands; call-w, the same bytes, is added to its folder later
    const home = tempDir('dup-tca-notice-home');
    const drop = transcriptsOf({ 'call-t': TRANSCRIPT });
    await run(drop, home);
    copyFileSync(TRANSCRIPT, join(drop, 'call-w.tca.json'));
    const pairDrop = transcriptsOf({ 'call-x': OTHER_TRANSCRIPT, 'call-y': OTHER_TRANSCRIPT });
    const notices = async (folder: string) => {
      const { err, outcomes } = await run(folder, home);
      return { text: err, outcomes };
    };
    // Act
    const copyRun = await notices(drop);
    const pairRun = await notices(pairDrop);
    // Assess
    expect(copyRun.outcomes).toEqual({ 'call-t': 'unchanged', 'call-w': 'quarantined' });
    expect(copyRun.text).not.toContain('are the same transcript');
    expect(pairRun.outcomes).toEqual({ 'call-x': 'succeeded', 'call-y': 'succeeded' });
    expect(pairRun.text).toContain(
      'call-x.tca.json, call-y.tca.json are the same transcript, byte for byte, under 2 call names',
    );
  }, 300_000);

  it('a home from before transcripts were claimed: the call read again unchanged claims its transcript, and its copy is quarantined', async () => {
    // Prepare: call-t landed as a transcript alone, its record naming no bytes (null), no claim
    const home = tempDir('dup-tca-legacy-home');
    await run(transcriptsOf({ 'call-t': TRANSCRIPT }), home);
    rmSync(join(home, 'executions', 'recordings'), { recursive: true, force: true });
    const file = join(home, 'executions', `${objectName('call-t')}.json`);
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), recordingSha256: null }));
    // Act
    const unchanged = await run(transcriptsOf({ 'call-t': TRANSCRIPT }), home);
    const copy = await run(transcriptsOf({ 'call-v': TRANSCRIPT }), home);
    // Assess
    expect(unchanged.outcomes).toEqual({ 'call-t': 'unchanged' });
    expect(copy.errors).toEqual({ 'call-v': 'DuplicateRecordingError' });
  }, 300_000);

  it("a home from before a call's transcript was claimed beside its recording: the call read again unchanged claims its transcript, and the transcript alone under another name is quarantined", async () => {
    // Prepare: call-a landed with a recording and its transcript; its record names the recording
    // and no transcript, and only the recording has a claim (as bbcdbb3's predecessors left it)
    const home = tempDir('dup-tca-pair-legacy-home');
    await run(dropOf({ 'call-a': RECORDING }), home);
    const file = join(home, 'executions', `${objectName('call-a')}.json`);
    const { transcriptSha256, ...record } = JSON.parse(readFileSync(file, 'utf8'));
    rmSync(join(home, 'executions', 'recordings', transcriptSha256), { recursive: true });
    writeFileSync(file, JSON.stringify(record, null, 2));
    // Act
    const unchanged = await run(dropOf({ 'call-a': RECORDING }), home);
    const copy = await run(transcriptsOf({ 'call-v': TRANSCRIPT }), home);
    // Assess
    expect(unchanged.outcomes).toEqual({ 'call-a': 'unchanged' });
    expect(JSON.parse(readFileSync(file, 'utf8')).transcriptSha256).toBe(transcriptSha256);
    expect(copy.errors).toEqual({ 'call-v': 'DuplicateRecordingError' });
  }, 300_000);
});

describe('a call whose files cannot be read before they are staged', () => {
  it('after landing, is rejected and keeps its results; once its right files are back it is unchanged (they are those its results come from)', async () => {
    // Prepare: call-a lands; then its transcript is a pipe (unreadable), then two transcripts that
    // differ. Before drops of a landed call were rejected for their input, each quarantined the
    // call (its rows hidden) and its right files ran it again
    const home = tempDir('unstaged-home');
    const drop = dropOf({ 'call-a': RECORDING });
    await run(drop, home);
    const transcript = readFileSync(join(drop, 'call-a.tca.json'));
    rmSync(join(drop, 'call-a.tca.json'));
    execFileSync('mkfifo', [join(drop, 'call-a.tca.json')]);
    const unreadable = await run(drop, home);
    rmSync(join(drop, 'call-a.tca.json'));
    writeFileSync(join(drop, 'call-a.tca.json'), transcript);
    // Act
    const back = await run(drop, home);
    writeFileSync(join(drop, 'call-a.TCA.json'), '{}');
    const conflicting = await run(drop, home);
    rmSync(join(drop, 'call-a.TCA.json'));
    const backAgain = await run(drop, home);
    // Assess
    expect(unreadable.outcomes).toEqual({ 'call-a': 'rejected' });
    expect(unreadable.errors).toEqual({ 'call-a': 'UnreadableInputError' });
    expect(back.outcomes).toEqual({ 'call-a': 'unchanged' });
    expect(conflicting.outcomes).toEqual({ 'call-a': 'rejected' });
    expect(conflicting.errors).toEqual({ 'call-a': 'ConflictingInputsError' });
    expect(backAgain.outcomes).toEqual({ 'call-a': 'unchanged' });
    expect(await status(home)).toEqual({ 'call-a': { state: 'processed', reason: null } });
    expect(await landedCalls(home)).toEqual(['call-a']);
  }, 300_000);

  it("has an error.json naming its files where they are in the drop folder, left in place: no inbox key nobody wrote, no copy of a landed call's earlier files (D4)", async () => {
    // Prepare: call-a lands, then gets a second transcript that differs (rejected); call-b's
    // recording metadata is a pipe (quarantined). Before, both reports named inbox/ keys their
    // files never reached, call-b's with no copy kept, call-a's "keeping" copies of the inbox
    // files it had landed with, not of the files rejected
    const home = tempDir('unstaged-report-home');
    const drop = dropOf({ 'call-a': RECORDING });
    await run(drop, home);
    mkdirSync(join(drop, 'later'));
    writeFileSync(join(drop, 'later', 'call-a.tca.json'), '{}');
    copyFileSync(TRANSCRIPT, join(drop, 'call-b.tca.json'));
    execFileSync('mkfifo', [join(drop, 'call-b.recording.json')]);
    // Act
    const again = await run(drop, home);
    // Assess
    expect(again.outcomes).toEqual({ 'call-a': 'rejected', 'call-b': 'quarantined' });
    const reportOf = (callId: string) =>
      JSON.parse(readFileSync(join(home, 'quarantine', objectName(callId), 'error.json'), 'utf8')) as {
        inputs: Record<string, string | null>;
        keptCopies: string[];
        leftInPlace: string[];
        notCopied: string;
      };
    const a = reportOf('call-a');
    const b = reportOf('call-b');
    expect(a.inputs).toEqual({
      transcript: join(drop, 'call-a.tca.json'),
      audio: join(drop, 'call-a.wav'),
      ctr: null,
      recording: null,
    });
    expect(a.leftInPlace).toEqual([
      join(drop, 'call-a.tca.json'),
      join(drop, 'call-a.wav'),
      join(drop, 'later', 'call-a.tca.json'),
    ]);
    expect(b.inputs).toEqual({
      transcript: join(drop, 'call-b.tca.json'),
      audio: null,
      ctr: null,
      recording: join(drop, 'call-b.recording.json'),
    });
    expect(b.leftInPlace).toEqual([join(drop, 'call-b.recording.json'), join(drop, 'call-b.tca.json')]);
    for (const report of [a, b]) {
      expect(report.keptCopies).toEqual([]);
      expect(report.notCopied).toContain(`left where they were dropped, in ${drop} `);
      for (const file of [...report.leftInPlace, ...Object.values(report.inputs)].filter((f) => f !== null))
        expect(existsSync(file), file).toBe(true);
    }
    expect(readdirSync(join(home, 'quarantine', objectName('call-a')))).toEqual(['error.json']);
    expect(existsSync(join(home, 'inbox', 'call-b.tca.json'))).toBe(false);
  }, 300_000);

  it("drops an earlier quarantine's copies when the call is stopped before staging: the report says no copy is kept (helper-220)", async () => {
    // Prepare: call-b's CTR is cut off (quarantined at MergeCtr: its transcript and CTR copied
    // under quarantine/call-b/inputs/), then replaced by a pipe (stopped before staging). Before,
    // the new report said keptCopies [] and "no copy here" beside the first drop's copies, and
    // its new quarantinedAt kept them past --keep-quarantined.
    const home = tempDir('unstaged-stale-copies-home');
    const drop = dropOf({});
    copyFileSync(TRANSCRIPT, join(drop, 'call-b.tca.json'));
    writeFileSync(join(drop, 'call-b.ctr.json'), '{"conversationId": ');
    const first = await run(drop, home);
    expect(first.outcomes).toEqual({ 'call-b': 'quarantined' });
    const folder = join(home, 'quarantine', objectName('call-b'));
    expect(readdirSync(join(folder, 'inputs')).sort()).toEqual(['call-b.ctr.json', 'call-b.tca.json']);
    rmSync(join(drop, 'call-b.ctr.json'));
    execFileSync('mkfifo', [join(drop, 'call-b.ctr.json')]);
    // Act
    const again = await run(drop, home);
    // Assess
    expect(again.outcomes).toEqual({ 'call-b': 'quarantined' });
    const report = JSON.parse(readFileSync(join(folder, 'error.json'), 'utf8')) as { keptCopies: string[] };
    expect(report.keptCopies).toEqual([]);
    expect(existsSync(join(folder, 'inputs')) ? readdirSync(join(folder, 'inputs')) : []).toEqual([]);
  }, 300_000);
});
