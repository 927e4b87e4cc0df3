import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeWavFile } from '../../adapters/local/speech/wav-file.js';
import { queryLake } from '../../cli/commands/query.js';
import { runDrop } from '../../cli/commands/run.js';
import { generateCall } from '../../generator/index.js';
import { AUDIO_FIXTURES, OPUS_CALL } from '../helpers/audio-fixtures.js';
import { oracleRecognizer } from '../helpers/oracle-recognizer.js';
import { tempDir } from '../helpers/paths.js';

/**
 * A stereo call exported the way Genesys Cloud's S3 recording export writes it (Ogg Opus plus
 * `<id>.opus_metadata.json`) with its conversation detail record, through `debrief run`: decoded,
 * transcribed by channel (the oracle recogniser hears the generator's script), merged with its CTR.
 */
const sink = () => ({ stream: { write: () => true } as unknown as NodeJS.WritableStream });

describe('`debrief run` on a Genesys-style Ogg Opus recording', () => {
  it('is processed with turns on both channels, roles by channel, its CTR matched, and a redacted WAV copy', async () => {
    // Prepare
    const call = generateCall(OPUS_CALL);
    const drop = tempDir('opus-drop');
    const home = tempDir('opus-home');
    for (const f of ['opus-call.opus', 'opus-call.opus_metadata.json', 'opus-call.ctr.json'])
      copyFileSync(join(AUDIO_FIXTURES, f), join(drop, f));
    // Act
    const summary = await runDrop({
      dir: drop,
      home,
      out: sink().stream,
      err: sink().stream,
      speech: {
        recognizer: async () => oracleRecognizer(call.truth, (ch) => (ch === 1 ? 'AGENT' : 'CUSTOMER')),
      },
    });
    // Assess
    expect(summary.unknownFiles).toEqual([]);
    expect(await queryLake(home, 'select call_id, state, reason from call_status')).toEqual([
      { call_id: 'opus-call', state: 'processed', reason: null },
    ]);
    const [c] = await queryLake(
      home,
      'select ctr_status, role_source, duration_ms, customer_talk_ms, agent_talk_ms from calls',
    );
    expect(c).toMatchObject({ ctr_status: 'matched', role_source: 'channel' });
    expect(Number(c?.duration_ms)).toBeCloseTo(call.truth.recording.durationMs, -2);
    // Talk time measured from the decoded audio: within 10% of what the script says was spoken.
    const talk = (channel: string) =>
      call.truth.speech.filter((s) => s.channel === channel).reduce((n, s) => n + s.endMs - s.beginMs, 0);
    expect(Number(c?.customer_talk_ms)).toBeGreaterThan(talk('CUSTOMER') * 0.9);
    expect(Number(c?.customer_talk_ms)).toBeLessThan(talk('CUSTOMER') * 1.1);
    const turns = await queryLake(home, 'select role, count(*) as n from turns group by role order by role');
    expect(turns.map((t) => t.role)).toEqual(['AGENT', 'CUSTOMER', 'IVR']);
    expect(turns.every((t) => Number(t.n) > 0)).toBe(true);
    // The redacted copy is a 16-bit PCM WAV of the same two channels, whatever the input was.
    const dir = join(home, 'transcripts', 'opus-call');
    const redacted = readdirSync(dir).filter((f) => f.endsWith('.redacted.wav'));
    expect(redacted).toHaveLength(1);
    const copy = await decodeWavFile(join(dir, redacted[0]!), redacted[0]);
    expect(copy.header).toMatchObject({ encoding: 'pcm', bitsPerSample: 16, channels: 2, sampleRate: 8000 });
    expect(copy.header.durationMs).toBeCloseTo(call.truth.recording.durationMs, -2);
  }, 300_000);
});
