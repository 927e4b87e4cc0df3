import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { transcriptionJobName, transcriptKeyFor } from '../../core/transcription/transcription-plan.js';
import { LocalWorkflowRunner } from '../../workflows/local-runner.js';
import { freshRuntime, putInbox } from '../helpers/local-runtime.js';
import { SAMPLES } from '../helpers/samples.js';
import { flakyStore } from '../helpers/store-faults.js';

const DROPPED = 'call-0004-fraud-report';
const RECORDED = 'call-0005-technical-support';
const sample = (name: string) => ({ copyFrom: join(SAMPLES, name) });

/**
 * A home as AWS leaves the bucket: a call dropped as a transcript with its sidecars, and a call
 * dropped as a recording whose transcript GetTranscription stored under transcripts/<callId>/.
 * (The recording's bytes are never read by a reprocess: only its version names the transcript.)
 */
const storedCalls = async () => {
  const rt = freshRuntime();
  putInbox(rt.runtime, {
    [`${DROPPED}.tca.json`]: sample(`${DROPPED}.tca.json`),
    [`${DROPPED}.ctr.json`]: sample(`${DROPPED}.ctr.json`),
    [`${DROPPED}.recording.json`]: sample(`${DROPPED}.recording.json`),
    [`${RECORDED}.wav`]: new Uint8Array([1, 2, 3, 4]),
    [`${RECORDED}.recording.json`]: sample(`${RECORDED}.recording.json`),
  });
  const store = rt.runtime.deps.store;
  const audioKey = `inbox/${RECORDED}.wav`;
  const transcriptKey = transcriptKeyFor(
    RECORDED,
    transcriptionJobName(RECORDED, audioKey, await store.head(audioKey)),
  );
  const path = join(rt.runtime.home, transcriptKey);
  mkdirSync(dirname(path), { recursive: true });
  copyFileSync(join(SAMPLES, `${RECORDED}.tca.json`), path);
  return { ...rt, transcriptKey };
};

const statuses = async (lakeDir: string) => {
  const db = await DuckDbLake.open(lakeDir);
  try {
    return await db.query('select call_id, status, ctr_status from calls order by call_id');
  } finally {
    db.close();
  }
};

describe('reprocess items through the post-call workflow (ClaimCall resolves a stored object to its call)', () => {
  it('a dropped transcript runs its call with its sidecars, and runs again with unchanged inputs', async () => {
    // Prepare
    const { runtime, runner } = await storedCalls();
    const item = { reprocess: { key: `inbox/${DROPPED}.tca.json` } };
    // Act
    const first = await runner.run(item);
    const second = await runner.run(item);
    // Assess
    for (const run of [first, second]) {
      expect(run.outcome).toBe('succeeded');
      expect(run.statesRun.slice(0, 3)).toEqual(['ClaimCall', 'RouteCall', 'LoadCall']);
      expect(run.statesRun.at(-1)).toBe('WriteResults');
    }
    expect(await statuses(runtime.lakeDir)).toEqual([
      { call_id: DROPPED, status: 'processed', ctr_status: 'matched' },
    ]);
  });

  it('a recording runs its call from the stored transcript, never through transcription', async () => {
    const { runtime, runner } = await storedCalls();
    const viaRecording = await runner.run({ reprocess: { key: `inbox/${RECORDED}.wav` } });
    expect(viaRecording.outcome).toBe('succeeded');
    expect(viaRecording.statesRun).not.toContain('InspectAudio');
    expect(viaRecording.statesRun).not.toContain('StartTranscription');
    expect(viaRecording.statesRun.at(-1)).toBe('WriteResults');
    expect((await statuses(runtime.lakeDir)).map((r) => r.call_id)).toEqual([RECORDED]);
  });

  it('a stored transcript of a recording runs its call; once the recording is uploaded again it is superseded', async () => {
    const { runtime, runner, transcriptKey } = await storedCalls();
    const current = await runner.run({ reprocess: { key: transcriptKey } });
    expect(current.outcome).toBe('succeeded');
    expect(current.statesRun.at(-1)).toBe('WriteResults');
    // A new version of the recording: the old job's transcript no longer speaks for the call,
    // and the new recording has no transcript yet (a reprocess does not transcribe it).
    writeFileSync(join(runtime.home, 'inbox', `${RECORDED}.wav`), new Uint8Array([9, 9, 9, 9, 9, 9]));
    const stale = await runner.run({ reprocess: { key: transcriptKey } });
    const untranscribed = await runner.run({ reprocess: { key: `inbox/${RECORDED}.wav` } });
    for (const run of [stale, untranscribed]) {
      expect(run.outcome).toBe('succeeded');
      expect(run.statesRun).toEqual(['ClaimCall', 'RouteCall', 'NothingToReprocess']);
    }
    expect(JSON.stringify(stale.output)).toMatch(/superseded: the recording was uploaded again/);
    expect(JSON.stringify(untranscribed.output)).toMatch(/no stored transcript.*does not transcribe/);
  });

  it('sidecars, redacted audio and a recording beside a dropped transcript run nothing, each with its reason', async () => {
    const { runtime, runner } = await storedCalls();
    putInbox(runtime, { [`${DROPPED}.wav`]: new Uint8Array([5, 5]) });
    const keys = [
      `inbox/${DROPPED}.ctr.json`,
      `inbox/${DROPPED}.recording.json`,
      `inbox/${DROPPED}.wav`,
      `transcripts/${RECORDED}/job.redacted.wav`,
      'inbox/notes.txt',
    ];
    const reasons: string[] = [];
    for (const key of keys) {
      const run = await runner.run({ reprocess: { key } });
      expect(run.statesRun, key).toEqual(['ClaimCall', 'RouteCall', 'NothingToReprocess']);
      reasons.push((run.output as { reprocess: { reason: string } }).reprocess.reason);
    }
    expect(reasons[2]).toMatch(/dropped transcript inbox\/call-0004-fraud-report\.tca\.json wins/);
    expect(reasons.filter((r) => r.startsWith('not a transcript or a recording'))).toHaveLength(4);
    expect(await statuses(runtime.lakeDir)).toEqual([]);
  });

  it('ClaimCall failing before it knows the call fails the execution with the cause (nothing to quarantine)', async () => {
    const { runtime } = await storedCalls();
    const denied = Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
    const store = flakyStore(runtime.deps.store, (method) => (method === 'list' ? denied : null));
    const runner = new LocalWorkflowRunner({ ...runtime.deps, store }, undefined, { waitMs: 0 });
    const run = await runner.run({ reprocess: { key: `inbox/${DROPPED}.tca.json` } });
    expect(run.outcome).toBe('failed');
    expect(run.statesRun).toEqual([
      'ClaimCall',
      'ClaimCallFailed',
      'ClaimFailedRoute',
      'ClaimFailedWithoutCall',
    ]);
    // The Fail state carries the caught error's cause (the local runner reports it as its message).
    expect(run.error?.message).toMatch(/Access Denied/);
  });
});
