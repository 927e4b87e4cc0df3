import { execFileSync } from 'node:child_process';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLocalRuntime } from '../../adapters/local/local-deps.js';
import { createLocalRecognizer } from '../../adapters/local/speech/recognizers/local-recognizer.js';
import { decodeWavBytes, encodeWav } from '../../adapters/local/speech/wav-file.js';
import { runReport } from '../../cli/commands/run.js';
import { INPUT_FAULTS } from '../../core/errors.js';
import { fileNameStartSettings } from '../../core/file-name-start.js';
import type { SpeechRecognizer } from '../../core/ports/speech-recognizer.js';
import { renderCallAudio } from '../../generator/audio/render-call-audio.js';
import { type GeneratedCall, generateCall } from '../../generator/index.js';
import { LocalWorkflowRunner } from '../../workflows/local-runner.js';
import { AUDIO_FIXTURES } from '../helpers/audio-fixtures.js';
import { withBext } from '../helpers/bwf.js';
import { freshRuntime, putInbox, withDb } from '../helpers/local-runtime.js';
import { oracleRecognizer } from '../helpers/oracle-recognizer.js';
import { tempDir } from '../helpers/paths.js';

/** The states a recording runs before the main path (one poll: the local engine is quick). */
const TRANSCRIPTION = [
  'ClaimCall',
  'RouteCall',
  'InspectAudio',
  'StartTranscription',
  'TranscriptionStarted',
  'WaitForTranscription',
  'GetTranscription',
  'TranscriptionDone',
];

describe('recordings through the workflow (real ASL, embedded engine, oracle recogniser)', () => {
  let call: GeneratedCall;
  let wav: Uint8Array;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    call = generateCall({
      seed: 11,
      callId: 'rec-1',
      turns: 10,
      topic: 'cancellation',
      agents: 1,
      hold: false,
      toxic: false,
      ctr: 'present',
      direction: 'inbound',
    });
    wav = (await renderCallAudio(call.truth)).wav;
    for (const f of call.files) if (!f.name.endsWith('.tca.json')) files[f.name] = f.content;
  });

  const oracle = (): SpeechRecognizer =>
    oracleRecognizer(call.truth, (ch) => (ch === 1 ? 'AGENT' : 'CUSTOMER'));

  it('audio drop -> transcription stage -> the usual path, with roles, journey and talk time from the audio', async () => {
    // Prepare
    const { runtime, runner } = freshRuntime({ speech: { recognizer: async () => oracle() } });
    putInbox(runtime, { ...files, 'rec-1.wav': wav });
    // Act
    const result = await runner.run({
      callId: 'rec-1',
      keys: { transcript: null, audio: 'inbox/rec-1.wav', ctr: null, recording: null },
      lookupSidecars: true,
    });
    // Assess
    expect(result.outcome).toBe('succeeded');
    expect(result.statesRun.slice(0, TRANSCRIPTION.length)).toEqual(TRANSCRIPTION);
    const afterPolls = result.statesRun.slice(result.statesRun.lastIndexOf('TranscriptionDone') + 1);
    expect(afterPolls.slice(0, 2)).toEqual(['LoadCall', 'MergeCtr']);
    expect(afterPolls.at(-1)).toBe('WriteResults');
    await withDb(runtime.lakeDir, async (db) => {
      expect(await db.query('select state from call_status')).toEqual([{ state: 'processed' }]);
      const [c] = await db.query(
        'select ctr_status, agent_talk_ms, customer_talk_ms, duration_ms, lineage from calls',
      );
      expect(c?.ctr_status).toBe('matched');
      expect(JSON.parse(String(c?.lineage)).transcript.engine).toBe('debrief-embedded-speech');
      // the channels as --agent-channel says: no warning that they are the other way round
      expect(JSON.parse(String(c?.lineage)).transcript.note).not.toMatch(/greeting|has no speech/);
      // Talk time is measured from the audio: within 10% of what the script says was spoken.
      const truthTalk = (channel: string) =>
        call.truth.speech.filter((s) => s.channel === channel).reduce((n, s) => n + s.endMs - s.beginMs, 0);
      expect(Number(c?.customer_talk_ms)).toBeGreaterThan(truthTalk('CUSTOMER') * 0.9);
      expect(Number(c?.customer_talk_ms)).toBeLessThan(truthTalk('CUSTOMER') * 1.1);
      expect(Number(c?.duration_ms)).toBeCloseTo(call.truth.recording.durationMs, -2);
      const roles = await db.query('select role, count(*) as n from turns group by role order by role');
      expect(roles.map((r) => r.role)).toEqual(['AGENT', 'CUSTOMER', 'IVR']);
    });
    const doc = JSON.parse(
      readFileSync(
        join(runtime.home, 'results', `dt=${call.truth.conversationStart.slice(0, 10)}`, 'rec-1.json'),
        'utf8',
      ),
    );
    expect(doc.sources.audio).toBe('inbox/rec-1.wav');
    expect(doc.sources.transcript).toMatch(/^transcripts\/rec-1\/rec-1-[0-9a-f]{16}\.tca\.json$/);
    expect(doc.roleSource).toBe('channel');
    // Redaction is on: the redacted copy of the recording sits beside the transcript.
    expect(doc.sources.redactedAudio).toBe(doc.sources.transcript.replace(/\.tca\.json$/, '.redacted.wav'));
  });

  it("a recording dropped alone is filed under the day its file name gives (PCA's _DT_ shape), else the day of its file (not the run's), said in lineage; its CTR's start wins over the name's", async () => {
    // Prepare: no CTR, no recording metadata beside the first two; the third has its CTR.
    const { runtime, runner } = freshRuntime({ speech: { recognizer: async () => oracle() } });
    const named = 'Auto1_GUID_001_AGENT_AndrewK_DT_2025-02-19T06-01-22';
    const ctrName = Object.keys(files).find((n) => n.endsWith('.ctr.json'))!;
    const withCtr = 'rec-1_DT_2025-02-19T06-01-22';
    putInbox(runtime, {
      [`${named}.wav`]: wav,
      'rec-2.wav': wav,
      [`${withCtr}.wav`]: wav,
      [`${withCtr}.ctr.json`]: files[ctrName]!,
    });
    // rec-2's file was written by the recorder months ago (its modification time, as dropped).
    const recorded = new Date('2025-11-03T21:40:00.000Z');
    utimesSync(join(runtime.home, 'inbox', 'rec-2.wav'), recorded, recorded);
    // Act
    for (const [callId, lookupSidecars] of [
      [named, false],
      ['rec-2', false],
      [withCtr, true],
    ] as const) {
      const result = await runner.run({
        callId,
        keys: { transcript: null, audio: `inbox/${callId}.wav`, ctr: null, recording: null },
        lookupSidecars,
      });
      expect(result.outcome).toBe('succeeded');
    }
    // Assess
    await withDb(runtime.lakeDir, async (db) => {
      const rows = await db.query(
        "select call_id, dt, cast(started_at as varchar) as started_at, ctr_status, json_extract_string(lineage, '$.start.note') as start from calls order by call_id",
      );
      const by = new Map(rows.map((r) => [r.call_id, r]));
      expect(by.get(named)).toMatchObject({ dt: '2025-02-19', ctr_status: 'missing' });
      expect(String(by.get(named)?.started_at)).toMatch(/^2025-02-19 06:01:22/);
      expect(String(by.get(named)?.start)).toMatch(/^source=file-name; .*no zone in the name: read as UTC/);
      // Nothing gave rec-2 a start: filed under its file's day (was the day of the run), and said so.
      expect(by.get('rec-2')).toMatchObject({ dt: '2025-11-03', started_at: null });
      expect(String(by.get('rec-2')?.start)).toMatch(
        /^source=recording-file-time; name=rec-2\.wav; read=2025-11-03T21:40:00\.000Z; no start time .*filed under 2025-11-03/,
      );
      expect(by.get(withCtr)).toMatchObject({
        dt: call.truth.conversationStart.slice(0, 10),
        ctr_status: 'matched',
        start: 'source=conversation-record',
      });
      expect(String(by.get(withCtr)?.started_at)).toMatch(
        new RegExp(`^${call.truth.conversationStart.slice(0, 19).replace('T', ' ')}`),
      );
    });
  });

  it("with DEBRIEF_FILENAME_TIMEZONE a recording's name is read in the recorder's zone, daylight saving included: the UTC day and start follow", async () => {
    // Prepare: New York wall times; no CTR, no recording metadata.
    const { runtime, runner } = freshRuntime({
      speech: { recognizer: async () => oracle() },
      fileNameStart: fileNameStartSettings(undefined, undefined, 'America/New_York'),
    });
    const evening = 'ny_DT_2025-02-19T23-30-00';
    const fallBack = 'ny_DT_2025-11-02T01-30-00';
    putInbox(runtime, { [`${evening}.wav`]: wav, [`${fallBack}.wav`]: wav });
    // Act
    for (const callId of [evening, fallBack]) {
      const result = await runner.run({
        callId,
        keys: { transcript: null, audio: `inbox/${callId}.wav`, ctr: null, recording: null },
        lookupSidecars: false,
      });
      expect(result.outcome).toBe('succeeded');
    }
    // Assess
    await withDb(runtime.lakeDir, async (db) => {
      const rows = await db.query(
        "select call_id, dt, cast(started_at as varchar) as started_at, json_extract_string(lineage, '$.start.note') as start from calls order by call_id",
      );
      const by = new Map(rows.map((r) => [r.call_id, r]));
      // 23:30 EST is 04:30 UTC the next day: filed under the UTC day, as every call is.
      expect(by.get(evening)?.dt).toBe('2025-02-20');
      expect(String(by.get(evening)?.started_at)).toMatch(/^2025-02-20 04:30:00/);
      expect(String(by.get(evening)?.start)).toMatch(
        /no zone in the name: read in America\/New_York \(-05:00\)$/,
      );
      // 01:30 on the fall-back night happened twice: the earlier (EDT, 05:30 UTC), and lineage says so.
      expect(by.get(fallBack)?.dt).toBe('2025-11-02');
      expect(String(by.get(fallBack)?.started_at)).toMatch(/^2025-11-02 05:30:00/);
      expect(String(by.get(fallBack)?.start)).toMatch(/ambiguous: 2025-11-02T01:30:00 happens twice there/);
    });
  });

  it("a WAV's BWF bext date and time give the start before its file name (in the configured zone), and again when the call runs from its stored transcript", async () => {
    // Prepare: both recordings' names say 2025-02-19 06:01:22; the first's bext says 2025-07-04
    // 09:15:00 (New York, EDT), the second's bext holds an impossible date (ignored: the name's).
    const { runtime, runner } = freshRuntime({
      speech: { recognizer: async () => oracle() },
      fileNameStart: fileNameStartSettings(undefined, undefined, 'America/New_York'),
    });
    const stamped = 'bwf_DT_2025-02-19T06-01-22';
    const badDate = 'bwf-bad_DT_2025-02-19T06-01-22';
    putInbox(runtime, {
      [`${stamped}.wav`]: withBext(wav, { originationDate: '2025-07-04', originationTime: '09:15:00' }),
      [`${badDate}.wav`]: withBext(wav, { originationDate: '2025-02-30', originationTime: '09:15:00' }),
    });
    const runAll = async () => {
      const states: string[] = [];
      for (const callId of [stamped, badDate]) {
        const result = await runner.run({
          callId,
          keys: { transcript: null, audio: `inbox/${callId}.wav`, ctr: null, recording: null },
          lookupSidecars: false,
        });
        expect(result.outcome).toBe('succeeded');
        states.push(...result.statesRun);
      }
      return states;
    };
    const starts = () =>
      withDb(runtime.lakeDir, (db) =>
        db.query(
          "select call_id, dt, cast(started_at as varchar) as started_at, json_extract_string(lineage, '$.start.note') as start from calls order by call_id",
        ),
      );
    // Act
    expect(await runAll()).toContain('InspectAudio');
    const first = await starts();
    // Transcribed already: ClaimCall routes both straight to LoadCall, without InspectAudio.
    expect(await runAll()).not.toContain('InspectAudio');
    const again = await starts();
    // Assess
    const by = new Map(first.map((r) => [r.call_id, r]));
    expect(by.get(stamped)?.dt).toBe('2025-07-04');
    expect(String(by.get(stamped)?.started_at)).toMatch(/^2025-07-04 13:15:00/);
    expect(String(by.get(stamped)?.start)).toBe(
      `source=recording-bext; name=${stamped}.wav; read=2025-07-04 09:15:00; no zone in BWF: read in America/New_York (-04:00)`,
    );
    expect(by.get(badDate)?.dt).toBe('2025-02-19');
    expect(String(by.get(badDate)?.started_at)).toMatch(/^2025-02-19 11:01:22/);
    expect(String(by.get(badDate)?.start)).toMatch(/^source=file-name; /);
    expect(again).toEqual(first);
  });

  /** A longer call's CTR and recording metadata (which agree with each other), and the length they say. */
  const longerCallSidecars = () => {
    const other = generateCall({
      seed: 31,
      callId: 'rec-long',
      turns: 90,
      topic: 'payments',
      agents: 1,
      hold: true,
      toxic: false,
      ctr: 'present',
      direction: 'inbound',
    });
    const sidecar = (suffix: string) => other.files.find((f) => f.name.endsWith(suffix))!.content;
    return {
      ctr: sidecar('.ctr.json'),
      recording: sidecar('.recording.json'),
      transcript: sidecar('.tca.json'),
      saidMs: JSON.parse(sidecar('.recording.json')).durationMs as number,
    };
  };

  const expectForeignMetadataLeftOut = async (lakeDir: string) =>
    withDb(lakeDir, async (db) => {
      const [c] = await db.query('select ctr_status, ctr_note from calls');
      expect(c?.ctr_status).toBe('mismatched');
      expect(String(c?.ctr_note)).toMatch(
        /rec-1\.recording\.json describes a recording of \d+:\d\d, but rec-1\.wav is \d+:\d\d long: another recording's metadata\? Ignored/,
      );
      const roles = await db.query('select distinct role from turns order by role');
      expect(roles.map((r) => r.role)).toEqual(['AGENT', 'CUSTOMER']);
    });

  it("another call's recording metadata and CTR beside a recording far shorter than they say: the metadata is left out saying why, and the CTR is mismatched, not matched with every agent turn read as IVR (found by the newcomer's trial)", async () => {
    // Prepare: rec-1's recording dropped with the files of a longer call (its CTR and its
    // recording metadata, which agree with each other)
    const longer = longerCallSidecars();
    expect(longer.saidMs).toBeGreaterThan(call.truth.recording.durationMs * 2);
    const { runtime, runner } = freshRuntime({ speech: { recognizer: async () => oracle() } });
    putInbox(runtime, {
      'rec-1.wav': wav,
      'rec-1.ctr.json': longer.ctr,
      'rec-1.recording.json': longer.recording,
    });
    // Act
    const result = await runner.run({
      callId: 'rec-1',
      keys: {
        transcript: null,
        audio: 'inbox/rec-1.wav',
        ctr: 'inbox/rec-1.ctr.json',
        recording: 'inbox/rec-1.recording.json',
      },
    });
    // Assess
    expect(result.outcome).toBe('succeeded');
    await expectForeignMetadataLeftOut(runtime.lakeDir);
    await withDb(runtime.lakeDir, async (db) => {
      const [c] = await db.query('select ctr_note, agent_talk_ms from calls');
      expect(String(c?.ctr_note)).toMatch(/less than half as long as conversation/);
      expect(Number(c?.agent_talk_ms)).toBeGreaterThan(0);
    });
  });

  /** rec-1's transcript and a file under its recording's name, with a longer call's CTR and metadata. */
  const runBesideTranscript = async (
    recording: Uint8Array,
    transcript = call.files.find((f) => f.name.endsWith('.tca.json'))!.content,
  ) => {
    const longer = longerCallSidecars();
    expect(longer.saidMs).toBeGreaterThan(call.truth.recording.durationMs * 2);
    const { runtime, runner } = freshRuntime({ speech: { recognizer: async () => oracle() } });
    putInbox(runtime, {
      'rec-1.wav': recording,
      'rec-1.tca.json': transcript,
      'rec-1.ctr.json': longer.ctr,
      'rec-1.recording.json': longer.recording,
    });
    const result = await runner.run({
      callId: 'rec-1',
      keys: { transcript: null, audio: 'inbox/rec-1.wav', ctr: null, recording: null },
      lookupSidecars: true,
    });
    return { result, lakeDir: runtime.lakeDir, runtime };
  };

  it("another call's recording metadata beside a recording dropped with its own transcript (no InspectAudio): MergeCtr reads the recording's header and leaves the metadata out", async () => {
    // Act
    const { result, lakeDir } = await runBesideTranscript(wav);
    // Assess: the transcript path (nothing transcribed, the header not inspected before MergeCtr)
    expect(result.outcome).toBe('succeeded');
    expect(result.statesRun).not.toContain('InspectAudio');
    await expectForeignMetadataLeftOut(lakeDir);
  });

  it("another call's transcript (more than twice as long) dropped beside a recording is quarantined saying so, not landed as this call (the newcomer's trial: a 4:07 call's transcript beside a 0:26 WAV)", async () => {
    // Act: rec-1's recording with the longer call's transcript (and its sidecars)
    const { result, runtime } = await runBesideTranscript(wav, longerCallSidecars().transcript);
    // Assess
    expect(result.outcome).toBe('quarantined');
    expect(result.statesRun).not.toContain('MergeCtr');
    await withDb(runtime.lakeDir, async (db) => {
      const [row] = await db.query('select error_name, reason from call_status');
      expect(row?.error_name).toBe('InvalidInputError');
      expect(String(row?.reason)).toMatch(
        /rec-1\.tca\.json is a transcript of \d+:\d\d, but rec-1\.wav is \d+:\d\d long: another call's transcript\? Drop this call's own transcript under the same name, or remove it to have the recording transcribed/,
      );
    });
  });

  it('a recording dropped with its transcript whose header cannot be read: MergeCtr makes no length check and the call still runs from its transcript', async () => {
    // Act: a file named as rec-1's recording that holds no recording
    const text = new TextEncoder().encode('this is not a recording, only some text in a .wav file');
    const { result, lakeDir } = await runBesideTranscript(text);
    // Assess: not failed by MergeCtr's header read (the transcript path never inspected the file)
    expect(result.statesRun).toContain('MergeCtr');
    expect(result.outcome).toBe('succeeded');
    await withDb(lakeDir, async (db) => {
      const [c] = await db.query('select ctr_note from calls');
      expect(String(c?.ctr_note)).not.toMatch(/describes a recording of/);
    });
  });

  /**
   * rec-1 transcribed with the files `first` (its recording among them), then `late` dropped and
   * the call run again as their event runs it: from the stored transcript, never transcribed again.
   */
  const runWithLateFiles = async (
    first: Record<string, string | Uint8Array>,
    late: Record<string, string>,
  ) => {
    let tick = 0;
    const { runtime, runner } = freshRuntime({
      speech: { recognizer: async () => oracle() },
      now: () => new Date(Date.UTC(2026, 2, 3) + 1000 * tick++).toISOString(),
    });
    putInbox(runtime, first);
    const transcribed = await runner.run({
      callId: 'rec-1',
      keys: { transcript: null, audio: 'inbox/rec-1.wav', ctr: null, recording: null },
      lookupSidecars: true,
    });
    expect(transcribed.statesRun).toContain('StartTranscription');
    putInbox(runtime, late);
    const again = await runner.run({
      callId: 'rec-1',
      keys: { transcript: null, audio: null, ctr: 'inbox/rec-1.ctr.json', recording: null },
      lookupSidecars: true,
    });
    expect(again.outcome).toBe('succeeded');
    expect(again.statesRun.slice(0, 3)).toEqual(['ClaimCall', 'RouteCall', 'LoadCall']);
    return runtime.lakeDir;
  };

  it("another call's recording metadata dropped late beside a transcribed recording: the run from the stored transcript leaves it out too", async () => {
    // Prepare: a longer call's CTR and metadata, dropped under rec-1's name after it was transcribed
    const longer = longerCallSidecars();
    // Act
    const lakeDir = await runWithLateFiles(
      { 'rec-1.wav': wav },
      { 'rec-1.ctr.json': longer.ctr, 'rec-1.recording.json': longer.recording },
    );
    // Assess
    await expectForeignMetadataLeftOut(lakeDir);
  });

  it('a late CTR reprocesses the call from the stored transcript, without transcribing again', async () => {
    const { [`${'rec-1'}.ctr.json`]: ctr, ...rest } = files;
    const lakeDir = await runWithLateFiles({ ...rest, 'rec-1.wav': wav }, { 'rec-1.ctr.json': ctr! });
    await withDb(lakeDir, async (db) => {
      expect(await db.query('select ctr_status from calls')).toEqual([{ ctr_status: 'matched' }]);
    });
  });

  it("a failing engine quarantines the call with the reason, as the engine's fault (SpeechEngineError), not the recording's", async () => {
    const broken: SpeechRecognizer = {
      info: oracle().info,
      recognize: async () => {
        throw new Error('recogniser process exited with code 139');
      },
    };
    const { runtime, runner } = freshRuntime({ speech: { recognizer: async () => broken } });
    putInbox(runtime, { 'rec-1.wav': wav });
    const result = await runner.run({
      callId: 'rec-1',
      keys: { transcript: null, audio: 'inbox/rec-1.wav', ctr: null, recording: null },
    });
    expect(result.outcome).toBe('quarantined');
    expect(result.statesRun.slice(-4)).toEqual([
      'GetTranscription',
      'GetTranscriptionFailed',
      'QuarantineCall',
      'Quarantined',
    ]);
    await withDb(runtime.lakeDir, async (db) => {
      expect(await db.query('select state, stage, error_name, reason from call_status')).toEqual([
        {
          state: 'quarantined',
          stage: 'GetTranscription',
          // Not TranscriptionFailedError (a recording that cannot be transcribed, core/errors.ts
          // INPUT_FAULTS): the call keeps its recording (test/cli/duplicate-recordings.test.ts).
          error_name: 'SpeechEngineError',
          // The engine's failure is worth another run (core/failure-reason.ts RETRYABLE_ERRORS).
          reason:
            'speech engine: transcription of rec-1.wav failed: recogniser process exited with code 139: tried again on the next run',
        },
      ]);
    });
  });

  it('an engine that cannot be set up (its model cache not writable) is quarantined as the engine, keeping the recording', async () => {
    // A HOME (and XDG_CACHE_HOME) that cannot be written: the cache folder's parent is a file.
    const dir = tempDir('cache-unwritable');
    writeFileSync(join(dir, 'home'), '');
    const cacheDir = join(dir, 'home', '.cache', 'debrief', 'speech');
    const { runtime, runner } = freshRuntime({
      speech: {
        recognizer: () => createLocalRecognizer({ domainModel: { cacheDir, legacyCacheDir: null } }),
      },
    });
    putInbox(runtime, { 'rec-1.wav': wav });
    const result = await runner.run({
      callId: 'rec-1',
      keys: { transcript: null, audio: 'inbox/rec-1.wav', ctr: null, recording: null },
    });
    expect(result.outcome).toBe('quarantined');
    // Not TranscriptionFailedError (an input fault: the call let go of a recording that is fine).
    expect(result.quarantine?.errorName).toBe('SpeechEngineError');
    expect(INPUT_FAULTS.has(result.quarantine!.errorName)).toBe(false);
    await withDb(runtime.lakeDir, async (db) => {
      const [row] = (await db.query('select stage, reason from call_status')) as {
        stage: string;
        reason: string;
      }[];
      expect(row!.stage).toBe('GetTranscription');
      expect(row!.reason).toContain(`the speech model cache folder ${cacheDir} cannot be written`);
      expect(row!.reason).toContain('set XDG_CACHE_HOME to a writable absolute folder');
      expect(row!.reason).not.toContain('transcription of rec-1.wav failed');
    });
  });

  it('unusable audio is quarantined by InspectAudio with a readable reason, before any job starts', async () => {
    const dir = tempDir('bad-audio');
    const three = join(dir, 'three.wav');
    execFileSync('sox', ['-n', '-r', '8000', '-c', '3', three, 'synth', '1', 'sine', '300']);
    const { runtime, runner } = freshRuntime({ speech: { recognizer: async () => oracle() } });
    putInbox(runtime, { 'three.wav': { copyFrom: three }, 'notwav.wav': 'this is not audio at all' });
    for (const id of ['three', 'notwav']) {
      const result = await runner.run({
        callId: id,
        keys: { transcript: null, audio: `inbox/${id}.wav`, ctr: null, recording: null },
      });
      expect(result.outcome).toBe('quarantined');
      expect(result.statesRun).toEqual([
        'ClaimCall',
        'RouteCall',
        'InspectAudio',
        'InspectAudioFailed',
        'QuarantineCall',
        'Quarantined',
      ]);
    }
    await withDb(runtime.lakeDir, async (db) => {
      expect(
        (await db.query('select call_id, reason from call_status order by call_id')).map((r) => r.reason),
      ).toEqual([
        "notwav.wav is not a WAV file (it holds text, not audio): damaged, or another kind of file named .wav; drop the call's recording again under the same name",
        "three.wav has 3 channels; a call recording has 1 (mono) or 2 (agent and customer): keep the customer's and the agent's and drop that under the call's name (e.g. sox three.wav two.wav remix 1 2 && mv two.wav three.wav)",
      ]);
    });
  });

  it('a compressed recording cut short or damaged is quarantined with a typed reason: by InspectAudio (Ogg end-of-stream missing) or by the decoder (damaged Opus packets)', async () => {
    // Prepare
    const opus = readFileSync(join(AUDIO_FIXTURES, 'channels.opus'));
    const damaged = new Uint8Array(opus);
    for (let i = 600; i < damaged.length - 300; i += 37) damaged[i]! ^= 0x5a;
    const { runtime, runner } = freshRuntime({ speech: { recognizer: async () => oracle() } });
    putInbox(runtime, { 'cut.opus': opus.subarray(0, 5000), 'damaged.opus': damaged });
    // Act
    const cut = await runner.run({
      callId: 'cut',
      keys: { transcript: null, audio: 'inbox/cut.opus', ctr: null, recording: null },
    });
    const broken = await runner.run({
      callId: 'damaged',
      keys: { transcript: null, audio: 'inbox/damaged.opus', ctr: null, recording: null },
    });
    // Assess
    expect(cut.outcome).toBe('quarantined');
    expect(cut.statesRun).toContain('InspectAudioFailed');
    expect(broken.outcome).toBe('quarantined');
    expect(broken.statesRun).toContain('GetTranscriptionFailed');
    await withDb(runtime.lakeDir, async (db) => {
      const rows = await db.query('select call_id, stage, reason from call_status order by call_id');
      expect(rows[0]).toMatchObject({ call_id: 'cut', stage: 'InspectAudio' });
      expect(String(rows[0]?.reason)).toMatch(
        /^cut\.opus is truncated: its last Ogg page is \d+ bytes short$/,
      );
      expect(rows[1]).toMatchObject({ call_id: 'damaged', stage: 'GetTranscription' });
      expect(String(rows[1]?.reason)).toMatch(
        /^transcription of damaged\.opus failed: damaged\.opus is damaged: \d+ opus frames? could not be decoded/,
      );
    });
  });

  it('a silent recording is quarantined saying no speech was heard in it (not that a transcript has no turns)', async () => {
    // Prepare
    const dir = tempDir('silent-audio');
    const silent = join(dir, 'silent.wav');
    execFileSync('sox', ['-n', '-r', '8000', '-c', '2', '-b', '16', silent, 'trim', '0', '20']);
    const { runtime, runner } = freshRuntime({ speech: { recognizer: async () => oracle() } });
    putInbox(runtime, { 'silent.wav': { copyFrom: silent } });
    // Act
    const result = await runner.run({
      callId: 'silent',
      keys: { transcript: null, audio: 'inbox/silent.wav', ctr: null, recording: null },
    });
    // Assess
    expect(result.outcome).toBe('quarantined');
    await withDb(runtime.lakeDir, async (db) => {
      expect(await db.query('select reason from call_status')).toEqual([
        {
          reason:
            'silent.wav: no speech was heard in its 0:20 (the recording is silent, holds no voices, or they are too quiet to detect): check that the recorder captured the call, and drop it again',
        },
      ]);
    });
  });

  it('a silent recording of half a second says its length in tenths (not "0:01")', async () => {
    // Prepare: the shortest recording a call may be
    const dir = tempDir('silent-short-audio');
    const silent = join(dir, 'blip.wav');
    execFileSync('sox', ['-n', '-r', '8000', '-c', '2', '-b', '16', silent, 'trim', '0', '0.5']);
    const { runtime, runner } = freshRuntime({ speech: { recognizer: async () => oracle() } });
    putInbox(runtime, { 'blip.wav': { copyFrom: silent } });
    // Act
    const result = await runner.run({
      callId: 'blip',
      keys: { transcript: null, audio: 'inbox/blip.wav', ctr: null, recording: null },
    });
    // Assess
    expect(result.outcome).toBe('quarantined');
    await withDb(runtime.lakeDir, async (db) => {
      expect(await db.query('select reason from call_status')).toEqual([
        {
          reason:
            'blip.wav: no speech was heard in its 0.5 s (the recording is silent, holds no voices, or they are too quiet to detect): check that the recorder captured the call, and drop it again',
        },
      ]);
    });
  });

  it('a recording whose CTR is unreadable is quarantined by InspectAudio, before its transcription is paid for', async () => {
    // Prepare
    const { runtime, runner } = freshRuntime({ speech: { recognizer: async () => oracle() } });
    putInbox(runtime, { 'rec-1.wav': wav, 'rec-1.ctr.json': '{"conversationId": "c-1", "participants": [' });
    // Act
    const result = await runner.run({
      callId: 'rec-1',
      keys: { transcript: null, audio: 'inbox/rec-1.wav', ctr: null, recording: null },
      lookupSidecars: true,
    });
    // Assess
    expect(result.outcome).toBe('quarantined');
    expect(result.statesRun).not.toContain('StartTranscription');
    expect(result.statesRun).toContain('InspectAudioFailed');
    await withDb(runtime.lakeDir, async (db) => {
      expect(await db.query('select call_id, state, reason from call_status')).toEqual([
        {
          call_id: 'rec-1',
          state: 'quarantined',
          reason:
            'ctr: rec-1.ctr.json is not valid JSON (cut off before its end): drop a corrected rec-1.ctr.json under the same name, or remove it and the call runs without a CTR (ctr_status missing)',
        },
      ]);
    });
  });

  it('a mono recording lands with roles marked as diarized, never as channel facts', async () => {
    const mono = (await renderCallAudio(call.truth, { channels: 1 })).wav;
    expect(decodeWavBytes(mono).channels).toHaveLength(1);
    const { runtime, runner } = freshRuntime({
      speech: { recognizer: async () => oracleRecognizer(call.truth, () => 'MIXED') },
    });
    putInbox(runtime, { ...files, 'rec-1.wav': mono });
    const result = await runner.run({
      callId: 'rec-1',
      keys: { transcript: null, audio: 'inbox/rec-1.wav', ctr: null, recording: null },
      lookupSidecars: true,
    });
    expect(result.outcome).toBe('succeeded');
    await withDb(runtime.lakeDir, async (db) => {
      const [c] = await db.query(
        "select role_source, json_extract_string(lineage, '$.transcript.note') as note from calls",
      );
      expect(c?.role_source).toBe('speaker-diarization');
      expect(String(c?.note)).toMatch(/mono recording: two speakers found by voice clustering/);
    });
  });

  it("a stereo file with the agent's channel silent lands, its lineage saying that channel holds no speech", async () => {
    // Prepare: the recorder kept the customer's leg only
    const stereo = decodeWavBytes(wav);
    const oneLeg = await encodeWav(
      [stereo.channels[0]!, new Int16Array(stereo.channels[1]!.length)],
      stereo.sampleRate,
    );
    const { runtime, runner } = freshRuntime({ speech: { recognizer: async () => oracle() } });
    putInbox(runtime, { 'rec-1.wav': oneLeg });
    // Act
    const result = await runner.run({
      callId: 'rec-1',
      keys: { transcript: null, audio: 'inbox/rec-1.wav', ctr: null, recording: null },
    });
    // Assess
    expect(result.outcome).toBe('succeeded');
    await withDb(runtime.lakeDir, async (db) => {
      const [c] = await db.query(
        "select agent_talk_ms, json_extract_string(lineage, '$.transcript.note') as note from calls",
      );
      expect(c?.agent_talk_ms).toBe(0);
      expect(String(c?.note)).toMatch(
        /; channel 1 \(the agent's\) has no speech: the recorder missed that party, or a mono recording was saved as stereo with one channel empty \(.*sox in\.wav mono\.wav remix 1,/,
      );
    });
  });

  it("a stereo file with the customer's channel silent lands with no outcome claimed, its summary saying that channel was silent (found by trial22: it landed resolved)", async () => {
    // Prepare: the recorder kept the agent's leg only
    const stereo = decodeWavBytes(wav);
    const agentLeg = await encodeWav(
      [new Int16Array(stereo.channels[0]!.length), stereo.channels[1]!],
      stereo.sampleRate,
    );
    const { runtime, runner } = freshRuntime({ speech: { recognizer: async () => oracle() } });
    putInbox(runtime, { 'rec-1.wav': agentLeg });
    // Act
    const result = await runner.run({
      callId: 'rec-1',
      keys: { transcript: null, audio: 'inbox/rec-1.wav', ctr: null, recording: null },
    });
    // Assess
    expect(result.outcome).toBe('succeeded');
    await withDb(runtime.lakeDir, async (db) => {
      const [c] = await db.query(
        "select customer_talk_ms, outcome, resolved, summary, json_extract_string(lineage, '$.transcript.note') as note from calls",
      );
      expect(c?.customer_talk_ms).toBe(0);
      expect(String(c?.note)).toMatch(/channel 0 \(the customer's\) has no speech/);
      expect(c?.outcome).toBeNull();
      expect(c?.resolved).toBeNull();
      expect(String(c?.summary)).toMatch(/^No customer speech: the customer's channel was silent/);
      expect(String(c?.summary)).not.toMatch(/Outcome:/);
    });
  });

  it("a stereo file whose agent is on the customer's channel lands, and its lineage and the run's end say to run it with --agent-channel (found by trial21: the roles were swapped silently)", async () => {
    // Prepare: the recorder put the agent on the left (channel 0), against the default --agent-channel 1
    const stereo = decodeWavBytes(wav);
    const swapped = await encodeWav([stereo.channels[1]!, stereo.channels[0]!], stereo.sampleRate);
    const { runtime, runner } = freshRuntime({
      speech: {
        recognizer: async () => oracleRecognizer(call.truth, (ch) => (ch === 0 ? 'AGENT' : 'CUSTOMER')),
      },
    });
    putInbox(runtime, { 'rec-1.wav': swapped });
    // Act
    const result = await runner.run({
      callId: 'rec-1',
      keys: { transcript: null, audio: 'inbox/rec-1.wav', ctr: null, recording: null },
    });
    const printed: string[] = [];
    await runReport(runtime.home, ['rec-1'], {
      write: (chunk: string) => {
        printed.push(chunk);
        return true;
      },
    } as unknown as NodeJS.WritableStream);
    // Assess
    expect(result.outcome).toBe('succeeded');
    const warning =
      "channel 0 (the customer's) opens with an agent's greeting (/thank(s| you) for calling/) and channel 1 (the agent's) with none: if the agent is on channel 0, run the call again with --agent-channel 0 --reprocess";
    await withDb(runtime.lakeDir, async (db) => {
      const [c] = await db.query(
        "select json_extract_string(lineage, '$.transcript.note') as note from calls",
      );
      expect(String(c?.note)).toContain(`; ${warning}`);
    });
    expect(printed.join('')).toContain(`warning: rec-1: ${warning}\n`);
    // From `debrief run`, which knows the folder and settings: the line to type, for this call alone
    // (--agent-channel is the whole run's: the folder run so would turn every other call round)
    const typed: string[] = [];
    const sink = { write: (chunk: string) => typed.push(chunk) > 0 } as unknown as NodeJS.WritableStream;
    await runReport(runtime.home, ['rec-1'], sink, { dir: 'my drop', settings: ['--pii-mode', 'strict'] });
    expect(typed.join('')).toContain(
      `warning: rec-1: ${warning}: npx debrief run "my drop" --call rec-1 --pii-mode strict --agent-channel 0 --reprocess --home ${runtime.home}\n`,
    );
    const roles = async (dir: string) =>
      withDb(dir, async (db) =>
        (await db.query('select role from turns order by begin_ms limit 1')).map((r) => r.role),
      );
    expect(await roles(runtime.lakeDir)).toEqual(['CUSTOMER']);

    // Act again: what the warning says, on the same home (the CLI's --agent-channel 0 --reprocess)
    const again = createLocalRuntime({
      home: runtime.home,
      now: () => '2026-03-03T00:05:00.000Z',
      postProcessors: [],
      speech: {
        agentChannel: 0,
        recognizer: async () => oracleRecognizer(call.truth, (ch) => (ch === 0 ? 'AGENT' : 'CUSTOMER')),
      },
    });
    const rerun = await new LocalWorkflowRunner(again.deps, undefined, { waitMs: 20 }).run({
      callId: 'rec-1',
      keys: { transcript: null, audio: 'inbox/rec-1.wav', ctr: null, recording: null },
    });
    // Assess: transcribed again with the agent on channel 0 (the transcript made with the agent on
    // channel 1 was read again, the roles still swapped and the same warning said), and no warning
    expect(rerun.outcome).toBe('succeeded');
    expect(rerun.statesRun).toContain('StartTranscription');
    expect(await roles(again.lakeDir)).toEqual(['AGENT']);
    await withDb(again.lakeDir, async (db) => {
      const [c] = await db.query(
        "select json_extract_string(lineage, '$.transcript.note') as note from calls",
      );
      expect(String(c?.note)).not.toContain('opens with an agent');
    });
  });

  it('a stereo file with the same audio on both channels is heard as the mono recording it is (each word once)', async () => {
    // Prepare: the mono mix written to both channels, as a recorder that saves mono as stereo does.
    const mix = decodeWavBytes((await renderCallAudio(call.truth, { channels: 1 })).wav);
    const doubled = await encodeWav([mix.channels[0]!, mix.channels[0]!], mix.sampleRate);
    const { runtime, runner } = freshRuntime({
      speech: { recognizer: async () => oracleRecognizer(call.truth, () => 'MIXED') },
    });
    putInbox(runtime, { ...files, 'rec-1.wav': doubled });
    // Act
    const result = await runner.run({
      callId: 'rec-1',
      keys: { transcript: null, audio: 'inbox/rec-1.wav', ctr: null, recording: null },
      lookupSidecars: true,
    });
    // Assess
    expect(result.outcome).toBe('succeeded');
    const spoken = call.truth.speech.flatMap((s) => s.words).length;
    await withDb(runtime.lakeDir, async (db) => {
      const [c] = await db.query(
        "select role_source, json_extract_string(lineage, '$.transcript.note') as note from calls",
      );
      expect(c?.role_source).toBe('speaker-diarization');
      expect(String(c?.note)).toMatch(
        /mono recording \(a stereo file whose two channels carry the same audio, correlation 1\.000\): two speakers found by voice clustering/,
      );
      // Every word once, not once per channel.
      const [w] = await db.query(
        "select sum(len(string_split(text, ' '))) as words from turns where role <> 'IVR'",
      );
      expect(Number(w?.words)).toBeLessThanOrEqual(spoken);
    });
  });
});
