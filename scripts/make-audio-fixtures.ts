/**
 * Writes the compressed-recording fixtures in test/fixtures/audio/ (committed: CI needs no
 * encoder). Needs Debian `espeak-ng`, `sox` (with libsox-fmt-mp3) and `opus-tools` (opusenc) on
 * the machine that regenerates them:  npx tsx scripts/make-audio-fixtures.ts
 *
 * - channels.{opus,ogg,flac,mp3}: 8 kHz stereo, espeak-ng speech on channel 0 in the first half
 *   and on channel 1 in the second (channel order must survive decoding);
 * - mono.{opus,flac,mp3}: the first phrase alone, mono;
 * - opus-call.*: a generated call (flite voices, as `npm run samples` renders them) with its CTR,
 *   as Genesys' S3 recording export names it: `<id>.opus` and `<id>.opus_metadata.json`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCallAudio } from '../generator/audio/render-call-audio.js';
import { generateCall } from '../generator/index.js';
import { OPUS_CALL, AUDIO_FIXTURES as OUT } from '../test/helpers/audio-fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'audio-fixtures-'));
/**
 * Below about 24 kbit/s libopus folds a stereo input into one channel (both decode the same),
 * which is no call recording: force two coded channels (OPUS_SET_FORCE_CHANNELS = 4022) and
 * narrowband (OPUS_SET_BANDWIDTH = 4008, NARROWBAND = 1101) to keep agent and customer apart at
 * 16 kbit/s.
 */
const OPUS_STEREO = ['--quiet', '--bitrate', '16', '--set-ctl-int', '4022=2', '--set-ctl-int', '4008=1101'];
const sh = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });

try {
  // Two phrases, 8 kHz mono 16-bit.
  const say = (text: string, voice: string, file: string) => {
    sh('espeak-ng', ['-v', voice, '-s', '170', '-w', join(tmp, `${file}.raw.wav`), text]);
    sh('sox', [
      join(tmp, `${file}.raw.wav`),
      '-r',
      '8000',
      '-b',
      '16',
      join(tmp, `${file}.wav`),
      'pad',
      '0.1',
      '0.1',
    ]);
  };
  say('I would like to pay my bill.', 'en-us', 'customer');
  say('Sure, I can help with that.', 'en-gb', 'agent');
  // channel 0: customer phrase then silence; channel 1: silence then agent phrase.
  const c = join(tmp, 'customer.wav');
  const a = join(tmp, 'agent.wav');
  sh('sox', [c, join(tmp, 'ch0.wav'), 'pad', '0', `${soxLength(a)}`]);
  sh('sox', [a, join(tmp, 'ch1.wav'), 'pad', `${soxLength(c)}`, '0']);
  const stereo = join(tmp, 'stereo.wav');
  sh('sox', ['-M', join(tmp, 'ch0.wav'), join(tmp, 'ch1.wav'), stereo]);
  sh('opusenc', [...OPUS_STEREO, stereo, join(OUT, 'channels.opus')]);
  sh('sox', [stereo, '-C', '0', join(OUT, 'channels.ogg')]);
  sh('sox', [stereo, '-C', '8', join(OUT, 'channels.flac')]);
  sh('sox', [stereo, '-C', '16', join(OUT, 'channels.mp3')]);
  sh('opusenc', ['--quiet', '--bitrate', '12', c, join(OUT, 'mono.opus')]);
  sh('sox', [c, '-C', '8', join(OUT, 'mono.flac')]);
  sh('sox', [c, '-C', '16', join(OUT, 'mono.mp3')]);

  // A whole call with its CTR, named as Genesys' recording export names it.
  const call = generateCall(OPUS_CALL);
  const wav = join(tmp, 'opus-call.wav');
  writeFileSync(wav, (await renderCallAudio(call.truth)).wav);
  sh('opusenc', [...OPUS_STEREO, wav, join(OUT, 'opus-call.opus')]);
  for (const f of call.files) {
    if (f.name.endsWith('.ctr.json')) writeFileSync(join(OUT, f.name), f.content);
    if (f.name.endsWith('.recording.json')) {
      // Genesys' export metadata: ids at the top, the recording's start and end under `timing`.
      const r = JSON.parse(f.content) as Record<string, string>;
      const metadata = {
        conversationId: r.conversationId,
        recordingId: r.recordingId,
        mediaType: 'Call',
        direction: 'Inbound',
        timing: { startTime: r.startTime, endTime: r.endTime },
        fileName: 'opus-call.opus',
      };
      writeFileSync(join(OUT, 'opus-call.opus_metadata.json'), `${JSON.stringify(metadata, null, 2)}\n`);
    }
  }
  console.log(`fixtures written to ${OUT}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

function soxLength(file: string): number {
  return Number(execFileSync('soxi', ['-D', file], { encoding: 'utf8' }).trim());
}
