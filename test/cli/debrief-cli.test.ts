import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { scanDrop } from '../../adapters/local/local-drop.js';
import { compactLake } from '../../cli/commands/compact.js';
import { queryLake } from '../../cli/commands/query.js';
import { runDrop } from '../../cli/commands/run.js';
import { CallDocument } from '../../schemas/call-document.js';
import { CTR_FIXTURE, REPO, TCA_FIXTURE, tempDir } from '../helpers/paths.js';
import { SAMPLES, sampleCalls, samplesOracle, transcriptSampleDrop } from '../helpers/samples.js';

const run = promisify(execFile);
const sampleCallCount = () => sampleCalls().length;
/** In-process runs hear the sample recordings' scripts (pocketsphinx's own run is the first test's). */
const speech = { recognizer: async () => samplesOracle() };

/** A sink for the command's output (the tests read what a person would see). */
const sink = () => {
  const chunks: string[] = [];
  const write = (s: string) => {
    chunks.push(s);
    return true;
  };
  return { stream: { write } as unknown as NodeJS.WritableStream, text: () => chunks.join('') };
};

/** Rows per table as analysts see them (`from`: '') or as stored (`raw_`). */
const rowCounts = async (home: string, from = '') =>
  queryLake(
    home,
    `select (select count(*) from ${from}calls) as calls, (select count(*) from ${from}turns) as turns,
            (select count(*) from ${from}call_agents) as agents, (select count(*) from ${from}call_topics) as topics,
            (select count(*) from ${from}call_status) as status`,
  );

describe('debrief CLI', () => {
  it('`debrief run` + `debrief query --json` on the bundled samples, recordings transcribed by pocketsphinx (the README commands)', async () => {
    // Prepare
    const home = tempDir('cli');
    expect(readdirSync(SAMPLES).filter((f) => f.endsWith('.wav')).length).toBeGreaterThanOrEqual(3);
    // Act
    const out = await run('node', ['bin/debrief.mjs', 'run', 'samples', '--home', home], { cwd: REPO });
    const query = await run(
      'node',
      ['bin/debrief.mjs', 'query', 'select count(*) as n from calls', '--home', home, '--json'],
      { cwd: REPO },
    );
    // a dashboard view: its SQL file is read at run time next to the compiled module
    const view = await run(
      'node',
      ['bin/debrief.mjs', 'query', 'select sum(calls) as n from topic_stats', '--home', home, '--json'],
      { cwd: REPO },
    );
    // Assess
    expect(sampleCallCount()).toBeGreaterThanOrEqual(5);
    expect(JSON.parse(query.stdout)).toEqual([{ n: sampleCallCount() }]);
    expect(JSON.parse(view.stdout)).toEqual([{ n: sampleCallCount() }]);
    expect(out.stdout).toMatch(/status/);
    expect(out.stdout).toMatch(/call-0001/);
    expect(out.stdout).not.toMatch(/quarantined/);
    // The recordings went through the transcription stage, with the embedded engine named.
    const engines = await run(
      'node',
      [
        'bin/debrief.mjs',
        'query',
        "select count(*) as n from calls where json_extract_string(lineage, '$.transcript.engine') = 'debrief-embedded-speech'",
        '--home',
        home,
        '--json',
      ],
      { cwd: REPO },
    );
    expect(JSON.parse(engines.stdout)).toEqual([
      { n: readdirSync(SAMPLES).filter((f) => f.endsWith('.wav')).length },
    ]);
  }, 600_000);

  it('running the same drop twice leaves the same rows (unchanged inputs and --reprocess alike)', async () => {
    const home = tempDir('twice');
    const o = sink();
    const first = await runDrop({ dir: SAMPLES, home, out: o.stream, err: sink().stream, speech });
    const before = await rowCounts(home);
    const second = await runDrop({ dir: SAMPLES, home, out: sink().stream, err: sink().stream, speech });
    const afterUnchanged = await rowCounts(home);
    const third = await runDrop({
      dir: SAMPLES,
      home,
      reprocess: true,
      out: sink().stream,
      err: sink().stream,
      speech,
    });
    const afterReprocess = await rowCounts(home);
    // As the nightly compaction would, after the grace period for superseded rows.
    await compactLake(home, undefined, {
      err: sink().stream,
      now: new Date(Date.now() + 3600_000).toISOString(),
    });
    const storedAfterCompaction = await rowCounts(home, 'raw_');
    expect(first.calls.every((c) => c.outcome === 'succeeded')).toBe(true);
    expect(second.calls.every((c) => c.outcome === 'unchanged')).toBe(true);
    expect(third.calls.every((c) => c.outcome === 'succeeded')).toBe(true);
    expect(before[0]?.calls).toBe(sampleCallCount());
    expect(afterUnchanged).toEqual(before);
    expect(afterReprocess).toEqual(before);
    expect(storedAfterCompaction).toEqual(before);
  });

  it('one recording dropped under two call names is processed as two calls and said so', async () => {
    // Prepare: a recording twice, and a third of the same size with other bytes
    const drop = tempDir('same-recording');
    const wav = readFileSync(join(SAMPLES, 'call-0001-billing.wav'));
    writeFileSync(join(drop, 'call-a.wav'), wav);
    writeFileSync(join(drop, 'call-a copy.wav'), wav);
    const other = Buffer.from(wav);
    other[other.length - 1] = (other[other.length - 1]! + 1) % 256;
    writeFileSync(join(drop, 'call-c.wav'), other);
    // Act
    const { manifest, notices } = await scanDrop(drop);
    // Assess
    expect(manifest.calls.map((c) => c.callId)).toEqual(['call-a', 'call-a copy', 'call-c']);
    expect(notices).toEqual([
      'call-a.wav, call-a copy.wav are the same recording, byte for byte, under 2 call names: each is processed as its own call (the call counts 2 times); if they are one call, keep one file',
    ]);
  });

  it('one transcript dropped under two call names is said so, as a recording is (helper-215: it landed twice, unsaid)', async () => {
    // Prepare: a transcript twice, and a third of the same size with other bytes
    const drop = tempDir('same-transcript');
    const tca = readFileSync(join(SAMPLES, 'call-0004-fraud-report.tca.json'));
    writeFileSync(join(drop, 'call-x.tca.json'), tca);
    writeFileSync(join(drop, 'call-y.tca.json'), tca);
    const other = Buffer.from(tca);
    other[other.length - 1] = 0x20;
    writeFileSync(join(drop, 'call-z.tca.json'), other);
    // Act
    const { notices, noticeCalls } = await scanDrop(drop);
    // Assess
    expect(notices).toEqual([
      'call-x.tca.json, call-y.tca.json are the same transcript, byte for byte, under 2 call names: each is processed as its own call (the call counts 2 times); if they are one call, keep one file',
    ]);
    expect(noticeCalls).toEqual([['call-x', 'call-y']]);
  });

  it("one transcript under two call names with one recording is said once, by the recording's notice (helper-218: the transcripts' was said of a copy quarantined)", async () => {
    // Prepare: call-x and call-y: the same transcript and the same recording; call-v and call-w:
    // the same transcript with two recordings
    const drop = tempDir('same-transcript-recording');
    const tca = readFileSync(join(SAMPLES, 'call-0004-fraud-report.tca.json'));
    const wav = readFileSync(join(SAMPLES, 'call-0001-billing.wav'));
    for (const call of ['call-x', 'call-y']) {
      writeFileSync(join(drop, `${call}.tca.json`), tca);
      writeFileSync(join(drop, `${call}.wav`), wav);
    }
    const other = Buffer.from(tca);
    other[other.length - 1] = 0x20;
    writeFileSync(join(drop, 'call-v.tca.json'), other);
    writeFileSync(join(drop, 'call-v.wav'), readFileSync(join(SAMPLES, 'call-0002-payments.wav')));
    writeFileSync(join(drop, 'call-w.tca.json'), other);
    writeFileSync(join(drop, 'call-w.wav'), readFileSync(join(SAMPLES, 'call-0003-cancellation.wav')));
    // Act
    const { notices, noticeCalls, sameRecordingNotices } = await scanDrop(drop);
    // Assess
    expect(notices).toEqual([
      'call-x.wav, call-y.wav are the same recording, byte for byte, under 2 call names: each is processed as its own call (the call counts 2 times); if they are one call, keep one file',
      'call-v.tca.json, call-w.tca.json are the same transcript, byte for byte, under 2 call names: each is processed as its own call (the call counts 2 times); if they are one call, keep one file',
    ]);
    expect(noticeCalls).toEqual([
      ['call-x', 'call-y'],
      ['call-v', 'call-w'],
    ]);
    expect(sameRecordingNotices).toEqual([{ notice: 0, file: 'call-x.wav' }]);
  });

  it('a recording in a container debrief does not decode (M4A, AMR, WebM) is quarantined saying to convert it; a damaged Opus, MP3 or FLAC says what is wrong', async () => {
    // Prepare: the first bytes of each container, as their encoders write them, then nothing
    const drop = tempDir('non-wav');
    const bytes = (head: string | number[]) =>
      Buffer.concat([
        typeof head === 'string' ? Buffer.from(head, 'latin1') : Buffer.from(head),
        Buffer.alloc(4000),
      ]);
    writeFileSync(join(drop, 'call-1.m4a'), bytes('\0\0\0\x20ftypM4A '));
    writeFileSync(join(drop, 'call-2.amr'), bytes('#!AMR\n'));
    writeFileSync(join(drop, '0d8a7c1e-rec.opus'), bytes('OggS\0\x02'));
    writeFileSync(join(drop, 'call 4.mp3'), bytes([0xff, 0xfb, 0x90, 0x64]));
    writeFileSync(join(drop, 'call-5.FLAC'), bytes('fLaC\0\0\0\x22'));
    const home = tempDir('non-wav-home');
    const err = sink();
    // Act
    const summary = await runDrop({ dir: drop, home, out: sink().stream, err: err.stream });
    // Assess
    expect(summary.unknownFiles).toEqual([]);
    const status = await queryLake(home, 'select call_id, state, reason from call_status order by call_id');
    expect(status.map((s) => [s.call_id, s.state, String(s.reason).split(';')[0]])).toEqual([
      ['0d8a7c1e-rec', 'quarantined', '0d8a7c1e-rec.opus is an Ogg file holding an unknown codec'],
      [
        'call 4',
        'quarantined',
        'call 4.mp3 has no MPEG layer III frame in its first 4 KiB after the tag (layer I/II, or not an MP3)',
      ],
      [
        'call-1',
        'quarantined',
        'call-1.m4a is an MP4/M4A recording: debrief transcribes WAV, Ogg (Opus, Vorbis), FLAC and MP3 recordings',
      ],
      [
        'call-2',
        'quarantined',
        'call-2.amr is an AMR recording: debrief transcribes WAV, Ogg (Opus, Vorbis), FLAC and MP3 recordings',
      ],
      ['call-5', 'quarantined', 'call-5.FLAC is a FLAC file that declares no sample rate'],
    ]);
    expect(status[2]?.reason).toMatch(/convert it \(ffmpeg -i in -c:a pcm_s16le out\.wav\)/);
  });

  it('a recording over the 2 GiB read limit (3.5 h at 48 kHz) is quarantined saying how to make it fit', async () => {
    // Prepare: a valid header over 2.25 GiB of (sparse) samples
    const drop = tempDir('too-big');
    const data = 3.5 * 3600 * 48_000 * 4;
    const head = Buffer.alloc(44);
    head.write('RIFF', 0);
    head.writeUInt32LE(36 + data, 4);
    head.write('WAVEfmt ', 8);
    head.writeUInt32LE(16, 16);
    head.writeUInt16LE(1, 20);
    head.writeUInt16LE(2, 22);
    head.writeUInt32LE(48_000, 24);
    head.writeUInt32LE(48_000 * 4, 28);
    head.writeUInt16LE(4, 32);
    head.writeUInt16LE(16, 34);
    head.write('data', 36);
    head.writeUInt32LE(data, 40);
    const file = join(drop, 'long-48k.wav');
    writeFileSync(file, head);
    truncateSync(file, 44 + data);
    const home = tempDir('too-big-home');
    // Act
    await runDrop({ dir: drop, home, out: sink().stream, err: sink().stream });
    // Assess
    const [status] = await queryLake(home, 'select state, reason from call_status');
    expect(status?.state).toBe('quarantined');
    expect(status?.reason).toBe(
      'the audio file long-48k.wav could not be read (it is larger than 2 GiB; resample it to 16 kHz (sox in.wav -r 16000 -b 16 out.wav: 4 hours of stereo fit) or split it): fix it and run again',
    );
  });

  it('a corrupt transcript and a non-JSON CTR end quarantined with readable reasons; the other calls land', async () => {
    // Prepare: the samples plus two broken calls and a stray file
    const drop = transcriptSampleDrop();
    const good = readdirSync(drop).find((f) => f.endsWith('.tca.json'))!;
    cpSync(join(drop, good), join(drop, 'broken-ctr.tca.json'));
    writeFileSync(join(drop, 'broken-ctr.ctr.json'), 'conversationId=8f2c;start=yesterday');
    writeFileSync(
      join(drop, 'corrupt.tca.json'),
      '{"JobName":"corrupt","Transcript":[{"ParticipantRole":"AGENT",',
    );
    writeFileSync(join(drop, 'notes.txt'), 'not a call');
    cpSync(join(drop, good), join(drop, 'no-participants.tca.json'));
    writeFileSync(
      join(drop, 'no-participants.ctr.json'),
      JSON.stringify({ conversationId: 'c', conversationStart: '2026-03-02T14:00:00Z', participants: [] }),
    );
    writeFileSync(join(drop, 'audio-only.wav'), 'RIFF....WAVEfmt ');
    const home = tempDir('bad');
    const err = sink();
    // Act
    const summary = await runDrop({ dir: drop, home, out: sink().stream, err: err.stream });
    // Assess
    expect(summary.failed).toBe(0);
    expect(summary.unknownFiles).toEqual(['notes.txt']);
    expect(err.text()).toMatch(/notes\.txt is not a call file/);
    // It names every suffix a call file may have, the compressed recordings too.
    expect(err.text()).toMatch(
      /notes\.txt is not a call file \(\.wav, \.opus, \.ogg, \.flac, \.mp3, \.tca\.json, /,
    );
    const status = await queryLake(
      home,
      "select call_id, state, reason from call_status where state = 'quarantined' order by call_id",
    );
    expect(status.map((s) => s.call_id)).toEqual(['audio-only', 'broken-ctr', 'corrupt', 'no-participants']);
    expect(status[0]?.reason).toMatch(
      /audio-only\.wav is cut short: it ends before its format chunk \(truncated, still being copied, or not a recording\)/,
    );
    expect(status[1]?.reason).toMatch(/ctr: broken-ctr\.ctr\.json is not valid JSON/);
    expect(status[2]?.reason).toMatch(/transcript: corrupt\.tca\.json is not valid JSON/);
    expect(status[3]?.reason).toMatch(
      /no-participants\.ctr\.json does not match the expected format[\s\S]*participants/,
    );
    const transcripts = readdirSync(SAMPLES).filter((f) => f.endsWith('.tca.json')).length;
    expect(await queryLake(home, 'select count(*) as n from calls')).toEqual([{ n: transcripts }]);
    expect(await queryLake(home, 'select count(*) as n from call_status')).toEqual([{ n: transcripts + 4 }]);
  });

  it('`debrief merge-ctr` prints the canonical call document as JSON', async () => {
    const { stdout } = await run(
      'node',
      ['bin/debrief.mjs', 'merge-ctr', '--transcript', TCA_FIXTURE, '--ctr', CTR_FIXTURE],
      { cwd: REPO },
    );
    const doc = CallDocument.parse(JSON.parse(stdout));
    expect(doc.journey).toMatchObject({
      ctrStatus: 'matched',
      transfers: 1,
      ivrMs: 38210,
      queueMs: 95480,
      holdMs: 45000,
    });
    expect(doc.journey?.agents.map((a) => a.agentId)).toEqual(['u-dana', 'u-lee']);
    expect(stdout).not.toContain('5125550142');
  });

  it("`debrief merge-ctr` hashes the caller's number with a key of its own run, not a fixed one anyone could hash numbers with (PII trial: its hash was HMAC('debrief-local-ani-hash-key', number))", async () => {
    // Prepare
    const mergeOnce = async (env: NodeJS.ProcessEnv) => {
      const { stdout } = await run(
        'node',
        ['bin/debrief.mjs', 'merge-ctr', '--transcript', TCA_FIXTURE, '--ctr', CTR_FIXTURE],
        { cwd: REPO, env: { ...process.env, DEBRIEF_ANI_HASH_KEY: undefined, ...env } },
      );
      return CallDocument.parse(JSON.parse(stdout)).journey?.aniHash;
    };
    // Act
    const [first, second] = [await mergeOnce({}), await mergeOnce({})];
    const [keyed1, keyed2] = [
      await mergeOnce({ DEBRIEF_ANI_HASH_KEY: 'the-lake-key' }),
      await mergeOnce({ DEBRIEF_ANI_HASH_KEY: 'the-lake-key' }),
    ];
    // Assess: two runs, two hashes; the lake's key given, the same hash each time
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(second).toMatch(/^[0-9a-f]{64}$/);
    expect(first).not.toBe(second);
    expect(keyed1).toBe(keyed2);
    expect(keyed1).not.toBe(first);
  });

  it('`debrief run` rejects a toxicity threshold outside 0..1', async () => {
    await expect(
      run(
        'node',
        [
          'bin/debrief.mjs',
          'run',
          transcriptSampleDrop(),
          '--toxicity-threshold',
          '7',
          '--home',
          tempDir('opt'),
        ],
        { cwd: REPO },
      ),
    ).rejects.toMatchObject({ stderr: expect.stringMatching(/expected a number from 0 to 1/) });
  });

  it('`debrief query` reports bad SQL as an error with exit code 1', async () => {
    const home = tempDir('sql');
    await expect(
      run('node', ['bin/debrief.mjs', 'query', 'select nope from calls', '--home', home], { cwd: REPO }),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/debrief: .*nope/),
    });
  });

  it('`debrief query` on a home that does not exist is an error, not an empty answer; an empty home answers 0', async () => {
    const missing = join(tempDir('no-home'), 'typo');
    await expect(
      run('node', ['bin/debrief.mjs', 'query', 'select count(*) as n from calls', '--home', missing], {
        cwd: REPO,
      }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/no debrief home at .*typo/) });
    const empty = await run(
      'node',
      [
        'bin/debrief.mjs',
        'query',
        'select count(*) as n from calls',
        '--home',
        tempDir('empty-home'),
        '--json',
      ],
      { cwd: REPO },
    );
    expect(JSON.parse(empty.stdout)).toEqual([{ n: 0 }]);
  });

  it('`debrief compact` on a home that does not exist is an error and creates nothing; `query` on a folder that is not a home (a drop folder, a home\'s lake/) says so, not "0 calls" (found by a new-user trial)', async () => {
    // Prepare: a mistyped home; a drop folder; the lake folder inside a home that holds calls
    const missing = join(tempDir('compact-no-home'), 'typo');
    const drop = tempDir('query-drop');
    cpSync(join(SAMPLES, readdirSync(SAMPLES).find((f) => f.endsWith('.json'))!), join(drop, 'call.json'));
    const home = tempDir('query-lake-folder');
    mkdirSync(join(home, 'lake', 'calls'), { recursive: true });
    // Act
    const compacted = run('node', ['bin/debrief.mjs', 'compact', '--home', missing], { cwd: REPO });
    const count = 'select count(*) as n from calls';
    // Assess: compact refuses as query does, and leaves no folder behind (it made .locks and said "nothing to compact")
    await expect(compacted).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^debrief: no debrief home at .*typo: process calls first/),
    });
    expect(existsSync(missing)).toBe(false);
    await expect(queryLake(drop, count)).rejects.toThrow(
      `no debrief home at ${drop}: the folder holds 1 entry and none a home has (lake/, state/, results/…). A drop folder is what run reads; the home is where it writes (--home, default .debrief): pass the --home a run used`,
    );
    await expect(queryLake(join(home, 'lake'), count)).rejects.toThrow(
      `${join(home, 'lake')} is a home's lake folder, not a home: pass the folder that holds it (--home ${home})`,
    );
    // a drop folder of calls' files says how to process them; a file is no home
    const calls = tempDir('query-drop-calls');
    for (const name of ['call-1.wav', 'call-1.ctr.json', 'call-2.tca.json'])
      writeFileSync(join(calls, name), '');
    await expect(queryLake(calls, count)).rejects.toThrow(
      `no debrief home at ${calls}: the folder holds 3 entries and none a home has (lake/, state/, results/…); it holds 2 calls' files, a drop folder: process them with npx debrief run ${calls}, then pass the --home that run used (default .debrief)`,
    );
    await expect(queryLake(join(calls, 'call-1.wav'), count)).rejects.toThrow(
      `no debrief home at ${join(calls, 'call-1.wav')}: it is a file; --home takes the folder a run wrote to`,
    );
    // the home itself, an empty folder (a home nothing was processed in yet) and one holding only
    // what a file manager or a person leaves in any folder (found by review), answer
    const incidental = tempDir('query-incidental');
    for (const name of ['.DS_Store', 'README.md', 'Thumbs.db']) writeFileSync(join(incidental, name), '');
    expect(await queryLake(home, count)).toEqual([{ n: 0 }]);
    expect(await queryLake(tempDir('query-empty-folder'), count)).toEqual([{ n: 0 }]);
    expect(await queryLake(incidental, count)).toEqual([{ n: 0 }]);
  });

  it('`debrief query --csv` prints every value whole, quoted where it must be, for a spreadsheet', async () => {
    const home = tempDir('csv');
    const long = 'x'.repeat(120);
    const sql = `select 'a, "b"' as text, cast(null as varchar) as gap, cast(1.5 as double) as n, true as ok, '${long}' as long
                 union all select 'two' || chr(10) || 'lines', 'y', 2, false, 'short'`;
    const csv = await run('node', ['bin/debrief.mjs', 'query', sql, '--home', home, '--csv'], { cwd: REPO });
    expect(csv.stdout).toBe(
      `text,gap,n,ok,long\n"a, ""b""",,1.5,true,${long}\n"two\nlines",y,2,false,short\n`,
    );
    await expect(
      run('node', ['bin/debrief.mjs', 'query', sql, '--home', home, '--csv', '--json'], { cwd: REPO }),
    ).rejects.toMatchObject({ code: 1 });
  });

  it('`debrief query` prints fractions without floating-point noise in its table (JSON keeps the value)', async () => {
    const home = tempDir('noise');
    const sql = 'select cast(-0.07 as double) * 3 as score, cast(174.9675 as double) as handle_s';
    const table = await run('node', ['bin/debrief.mjs', 'query', sql, '--home', home], { cwd: REPO });
    const json = await run('node', ['bin/debrief.mjs', 'query', sql, '--home', home, '--json'], {
      cwd: REPO,
    });
    expect(table.stdout).toMatch(/-0\.21\b/);
    expect(table.stdout).not.toMatch(/0000000/);
    expect(table.stdout).toMatch(/174\.9675/);
    expect(JSON.parse(json.stdout)).toEqual([{ score: -0.07 * 3, handle_s: 174.9675 }]);
  });
});
