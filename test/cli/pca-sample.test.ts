import { execFile } from 'node:child_process';
import { copyFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { queryLake } from '../../cli/commands/query.js';
import { PCA_SAMPLE, REPO, tempDir } from '../helpers/paths.js';

const run = promisify(execFile);

/**
 * Issue 7/8 acceptance: the real recording from the AWS PCA samples (8-bit unsigned mono, 8 kHz,
 * 4 min 38 s, one agent and one caller on one channel) runs end to end on this machine, through
 * the compiled CLI and the real recogniser (pocketsphinx), as a mono call: roles from voice
 * clustering, marked so; never presented as channel facts.
 */
describe.runIf(PCA_SAMPLE)('the real PCA sample recording, end to end', () => {
  it('`debrief run` processes it as a mono call with diarized roles, a transcript and talk times', async () => {
    // Prepare
    const drop = tempDir('pca-drop');
    const home = tempDir('pca-home');
    copyFileSync(PCA_SAMPLE!, join(drop, basename(PCA_SAMPLE!)));
    const callId = basename(PCA_SAMPLE!, '.wav');
    // Act
    const out = await run('node', ['bin/debrief.mjs', 'run', drop, '--home', home], {
      cwd: REPO,
      maxBuffer: 16 * 1024 * 1024,
    });
    // Assess
    expect(out.stdout).toContain('processed');
    const [call] = await queryLake(
      home,
      `select call_id, dt, cast(started_at as varchar) as started_at, role_source, duration_ms, turn_count, agent_talk_ms, customer_talk_ms,
              json_extract_string(lineage, '$.transcript.engine') as engine,
              json_extract_string(lineage, '$.transcript.note') as note
         from calls`,
    );
    expect(call).toMatchObject({
      call_id: callId,
      // No CTR beside it: the call starts when its name says (PCA's _DT_ field, read as UTC).
      dt: '2025-02-19',
      role_source: 'speaker-diarization',
      engine: 'debrief-embedded-speech',
    });
    expect(String(call?.note)).toMatch(/mono recording/);
    expect(String(call?.started_at)).toMatch(/^2025-02-19 06:01:22/);
    expect(Number(call?.duration_ms)).toBeGreaterThan(277_000);
    expect(Number(call?.duration_ms)).toBeLessThan(278_500);
    // Both voices talk for a good part of the call; together not more than the call lasts.
    expect(Number(call?.agent_talk_ms)).toBeGreaterThan(30_000);
    expect(Number(call?.customer_talk_ms)).toBeGreaterThan(30_000);
    expect(Number(call?.agent_talk_ms) + Number(call?.customer_talk_ms)).toBeLessThan(278_000);
    const words = await queryLake(home, "select string_agg(text, ' ') as text, count(*) as turns from turns");
    expect(Number(words[0]?.turns)).toBeGreaterThan(10);
    expect(String(words[0]?.text).split(/\s+/).length).toBeGreaterThan(200);
    // The recording came in through the front door: its transcript where LoadCall reads it.
    expect(await queryLake(home, 'select state from call_status')).toEqual([{ state: 'processed' }]);
    const transcripts = readdirSync(join(home, 'transcripts', callId));
    expect(transcripts.filter((f) => f.endsWith('.tca.json'))).toHaveLength(1);
    // ...and the copy people listen to: redaction is on, so there is one (as Transcribe writes).
    expect(transcripts.filter((f) => f.endsWith('.redacted.wav'))).toHaveLength(1);
  }, 600_000);
});
