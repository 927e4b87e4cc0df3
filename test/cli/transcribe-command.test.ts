import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWav } from '../../adapters/local/speech/wav-file.js';
import { transcribeCommand } from '../../cli/commands/transcribe.js';
import { tempDir } from '../helpers/paths.js';

const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
const transcribe = (file: string) =>
  transcribeCommand({ file, json: false, agentChannel: 1, piiMode: 'default', err: quiet });

describe('debrief transcribe of a path that is no recording file', () => {
  it("names the path, not Node's ENOENT (found by trial11)", async () => {
    const dir = tempDir('transcribe-missing');
    const missing = join(dir, 'nope.wav');
    await expect(transcribe(missing)).rejects.toThrow(`transcribe: no such file: ${missing}`);
    await expect(transcribe(dir)).rejects.toThrow(`transcribe: ${dir} is not a file: give one recording`);
  });
});

describe('debrief transcribe of a recording cut short', () => {
  it("says to transcribe it again once the copy ends, not the workflow's 'the call runs again' (found by trial17)", async () => {
    // Prepare: a stereo WAV of a second, nine tenths of its data cut off (a copy still under way)
    const dir = tempDir('transcribe-truncated');
    const file = join(dir, 'cut.wav');
    const rate = 8000;
    const whole = await encodeWav([new Int16Array(rate), new Int16Array(rate)], rate);
    writeFileSync(file, whole.subarray(0, 44 + (whole.length - 44) / 10));
    // Act
    const message = await transcribe(file).then(
      () => '',
      (error: Error) => error.message,
    );
    // Assess
    expect(message).toMatch(/cut\.wav is truncated: .*audio missing\)/);
    expect(message).toContain(
      'if it was still being copied, transcribe it again once the copy ends; otherwise copy the whole recording again',
    );
    expect(message).not.toContain('the call runs again');
  });
});

describe('debrief transcribe of a stereo recording with one silent channel', () => {
  it('prints the note that the channel holds no speech, as the call page does (found by trial17: only --json had it)', async () => {
    // Prepare: a caller's sentence on channel 0, silence on the agent's channel 1
    const dir = tempDir('transcribe-one-leg');
    const speech = join(dir, 'speech.wav');
    const stereo = join(dir, 'one-leg.wav');
    execFileSync('flite', [
      '-t',
      'hello I would like to check the balance on my savings account please',
      '-o',
      speech,
    ]);
    execFileSync('sox', ['-M', speech, `|sox ${speech} -p vol 0`, stereo]);
    // Act
    const out = await transcribe(stereo);
    // Assess
    expect(out).toMatch(/^note: .*channel 1 \(the agent's\) has no speech: the recorder missed that party/m);
    expect(out).toMatch(/talk time: agent 0:00/);
  }, 120_000);
});

describe('debrief transcribe on first use', () => {
  it('says the language model is being built when the build starts, not only as its stages end', async () => {
    // Prepare: a second of a tone on both channels; a recogniser whose model build reports two
    // stages (the real build takes about a minute) and hears nothing
    const dir = tempDir('transcribe-first-use');
    const file = join(dir, 'tone.wav');
    execFileSync('sox', ['-n', '-r', '8000', '-c', '2', '-b', '16', file, 'synth', '1', 'sine', '440']);
    const lines: string[] = [];
    const err = { write: (line: string) => lines.push(line.trim()) > 0 } as unknown as NodeJS.WritableStream;
    const recognizer = async (progress: (stage: string, done: number, total: number) => void) => {
      lines.push('(building)');
      progress('corpus', 0, 1);
      progress('corpus', 1, 1);
      progress('binary', 0, 1);
      progress('binary', 1, 1);
      return {
        info: { engine: 'test', version: '1', model: 'none', modelHash: null, note: null },
        recognize: async (segments: readonly unknown[]) => segments.map(() => []),
      };
    };
    // Act
    await transcribeCommand({ file, json: false, agentChannel: 1, piiMode: 'default', err, recognizer });
    // Assess: said once, before the build's first stage ends (it was said only after)
    expect(lines.slice(0, 5)).toEqual([
      'tone.wav: stereo, 8000 Hz 16-bit PCM, 0:01',
      '(building)',
      'first use: building the call-center language model (about a minute, once: later runs read it from the cache)',
      'first use: call-center language model (corpus) built',
      'first use: call-center language model (binary) built',
    ]);
  });
});
