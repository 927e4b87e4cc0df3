/**
 * The whole embedded speech engine on a ten-minute stereo call: a generated call (150 turns,
 * about 10.5 minutes) rendered as Genesys exports recordings (8 kHz μ-law, agent on channel 1,
 * flite voices, IVR prompts and hold music, crosstalk, line noise), decoded, then run through
 * `runEmbeddedEngine` with the recogniser local runs use (pocketsphinx + the call-center model,
 * two decoders). Voice activity is also timed alone (the music detector and the detector the
 * engine runs). Prints CPU seconds (this process + the decoders it reaped) and wall seconds
 * per second of channel audio, against issue 8's goal: VAD + ASR ≤ 0.3× real time per channel
 * on 2 cores. Figures only, nothing asserted.
 *
 *   npm run bench -- speech      (or: npx tsx bench/speech.ts)
 */
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import Table from 'cli-table3';
import { runEmbeddedEngine } from '../adapters/local/speech/embedded-engine.js';
import { createLocalRecognizer } from '../adapters/local/speech/recognizers/local-recognizer.js';
import { decodeWavBytes } from '../adapters/local/speech/wav-file.js';
import { musicFrames } from '../core/speech/music-detector.js';
import { detectVoiceActivity, spanTotal } from '../core/speech/voice-activity.js';
import { renderCallAudio } from '../generator/audio/render-call-audio.js';
import { generateCall } from '../generator/index.js';
import { buildDomainModelShowingProgress, progressReporter } from '../scripts/asr/progress.js';
import { cpuSeconds } from '../scripts/asr/speech-sets.js';
import { timedRecognizer } from '../scripts/asr/timed-recognizer.js';
import { record } from './figures.js';

const SEED = 901;
const TURNS = 150;
const GOAL = 0.3;
const CORES = 2;

const timed = async <T>(work: () => Promise<T> | T): Promise<{ value: T; cpu: number; wall: number }> => {
  const cpu0 = await cpuSeconds();
  const t0 = performance.now();
  const value = await work();
  return { value, wall: (performance.now() - t0) / 1000, cpu: (await cpuSeconds()) - cpu0 };
};

export async function run(): Promise<void> {
  const call = generateCall({ seed: SEED, turns: TURNS });
  process.stderr.write(`rendering ${call.callId} (${call.truth.speech.length} utterances, flite + sox)…\n`);
  const rendered = await renderCallAudio(call.truth, {
    sampleRate: 8000,
    encoding: 'mulaw',
    agentChannel: 1,
  });
  await buildDomainModelShowingProgress();
  const processes = 2;
  const asr = timedRecognizer(await createLocalRecognizer({ openAi: null, pocketsphinx: { processes } }));

  const decode = await timed(() => decodeWavBytes(rendered.wav, `${call.callId}.wav`));
  const audio = decode.value;
  const callSeconds = audio.header.durationMs / 1000;
  const channelSeconds = callSeconds * audio.channels.length;
  const vad = await timed(() => {
    const masks = audio.channels.map((c) => musicFrames(c, audio.sampleRate));
    return detectVoiceActivity(audio.channels, audio.sampleRate, masks);
  });
  const bar = progressReporter(`engine, ${processes} decoder(s)`);
  const engine = await timed(() =>
    runEmbeddedEngine(audio, call.callId, {
      recognizer: asr.recognizer,
      redactor: null,
      categories: [],
      agentChannel: 1,
      languageCode: 'en-US',
      version: 'bench',
      onProgress: (stage, done, total) => {
        if (stage === 'speech to text') bar.update(done, total);
      },
    }),
  );
  bar.stop();

  const table = new Table({
    head: ['stage', 'CPU s', 'wall s', 'CPU s per channel s', `÷ ${CORES} cores`, 'wall s per channel s'],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right'],
  });
  const row = (stage: string, cpu: number, wall: number) =>
    table.push([
      stage,
      cpu.toFixed(1),
      wall.toFixed(1),
      (cpu / channelSeconds).toFixed(3),
      (cpu / channelSeconds / CORES).toFixed(3),
      (wall / channelSeconds).toFixed(3),
    ]);
  row('decode WAV (μ-law)', decode.cpu, decode.wall);
  row('VAD alone (music + voice activity)', vad.cpu, vad.wall);
  row(`ASR (pocketsphinx, ${processes} decoders)`, asr.spent.cpu, asr.spent.wall);
  row('engine total (VAD + ASR + metrics + output)', engine.cpu, engine.wall);
  const voiced = vad.value.reduce((s, a) => s + spanTotal(a.speech), 0) / 1000;
  console.log(
    `${call.callId}: ${(callSeconds / 60).toFixed(1)} min stereo, 8 kHz μ-law = ${channelSeconds.toFixed(0)} channel seconds ` +
      `(${voiced.toFixed(0)} s voiced, ${engine.value.stats.segments} segments, ${engine.value.stats.words} words recognised); ` +
      `${asr.recognizer.info.model}`,
  );
  console.log(table.toString());
  const projected = engine.cpu / channelSeconds / CORES;
  const measured = engine.wall / channelSeconds;
  record(`speech engine: RTF per channel from CPU on ${CORES} idle cores`, projected, 'x realtime', {
    channel_seconds: Math.round(channelSeconds),
    voiced_seconds: Math.round(voiced),
  });
  record('speech engine: RTF per channel measured wall', measured, 'x realtime');
  record('speech engine: VAD CPU per channel second', vad.cpu / channelSeconds, 'core-s/s');
  const verdict = (x: number) => (x <= GOAL ? `meets it (${(GOAL / x).toFixed(1)}× headroom)` : 'misses it');
  console.log(
    `goal: VAD + ASR <= ${GOAL}x real time per channel on ${CORES} cores. From CPU time, on ${CORES} idle cores: ` +
      `${projected.toFixed(3)} per channel, ${verdict(projected)}; measured wall here: ${measured.toFixed(3)} per channel ` +
      `(${(engine.wall / callSeconds).toFixed(3)} per second of the stereo call), ${verdict(measured)}. ` +
      `Cost follows voiced time (${((100 * voiced) / channelSeconds).toFixed(0)}% of this call's channel time): ` +
      `ASR costs ${(asr.spent.cpu / voiced).toFixed(2)} CPU s per voiced second. Load average ` +
      `${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${availableParallelism()} shared cores: wall figures are noisy.`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await run();
