/**
 * The embedded recogniser on a ten-minute single channel of 8 kHz speech (espeak-ng, two
 * voices, four speaking rates, 0.6 s between sentences): each sentence is one voiced segment,
 * as voice activity detection would hand it over. Prints the real-time factor on the wall clock
 * with the decoders spread over the cores, and CPU seconds per audio second (per core). Goal of
 * issue 8: VAD + ASR ≤ 0.3× real time per channel on 2 cores. Figures only, nothing asserted.
 *
 *   npm run bench -- asr      (or: npx tsx bench/asr.ts)
 */
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { createPocketsphinxRecognizer } from '../adapters/local/speech/recognizers/pocketsphinx.js';
import type { SpeechSegment } from '../core/ports/speech-recognizer.js';
import { EVAL_SENTENCES, EVAL_VOICES } from '../scripts/asr/eval-sentences.js';
import { buildDomainModelShowingProgress, progressReporter } from '../scripts/asr/progress.js';
import { cpuSeconds, synthesize } from '../scripts/asr/speech-sets.js';
import { record } from './figures.js';

const RATE = 8000;
const TARGET_SECONDS = 600;
const GAP_MS = 600;

/** Ten minutes of segments laid end to end with gaps, as one channel's voiced segments. */
const tenMinutes = async (): Promise<SpeechSegment[]> => {
  const segments: SpeechSegment[] = [];
  let at = 0;
  const bar = progressReporter('synthesising 10 min (espeak-ng)');
  for (const wpm of [150, 170, 190, 210]) {
    for (const voice of EVAL_VOICES) {
      for (const u of await synthesize(EVAL_SENTENCES, voice, RATE, wpm)) {
        if (at >= TARGET_SECONDS * 1000) break;
        segments.push({ id: `bench-${segments.length}`, beginMs: at, sampleRate: RATE, samples: u.samples });
        at += (u.samples.length / RATE) * 1000 + GAP_MS;
        bar.update(Math.min(at, TARGET_SECONDS * 1000), TARGET_SECONDS * 1000);
      }
    }
  }
  bar.stop();
  return segments;
};

export async function run(): Promise<void> {
  const segments = await tenMinutes();
  const channelSeconds = segments.at(-1)!.beginMs / 1000 + segments.at(-1)!.samples.length / RATE;
  const speechSeconds = segments.reduce((s, x) => s + x.samples.length / RATE, 0);
  const domain = await buildDomainModelShowingProgress();
  const processes = 2;
  const recognizer = await createPocketsphinxRecognizer({
    processes,
    model: domain.model,
    modelHash: domain.hash,
  });
  const bar = progressReporter(`decoding, ${processes} process(es)`);
  const cpu0 = await cpuSeconds();
  const t0 = performance.now();
  const words = await recognizer.recognize(segments, { onProgress: bar.update });
  const wall = (performance.now() - t0) / 1000;
  const cpu = (await cpuSeconds()) - cpu0;
  bar.stop();
  record('asr: pocketsphinx CPU per channel second', cpu / channelSeconds, 'core-s/s', {
    channel_seconds: Math.round(channelSeconds),
    decoders: processes,
  });
  record('asr: pocketsphinx wall RTF per channel', wall / channelSeconds, 'x realtime');
  console.log(
    `pocketsphinx ${recognizer.info.version} + call-center LM, ${processes} decoder(s): ${channelSeconds.toFixed(0)} s channel ` +
      `(${speechSeconds.toFixed(0)} s voiced, ${segments.length} segments) -> ${words.flat().length} words in ${wall.toFixed(1)} s wall = ` +
      `RTF ${(wall / channelSeconds).toFixed(3)} per channel; CPU ${cpu.toFixed(1)} s = ${(cpu / channelSeconds).toFixed(3)} core-seconds per second of channel ` +
      `(on ${processes} idle cores: RTF ≈ ${(cpu / channelSeconds / processes).toFixed(3)})`,
  );
  console.log(
    `(goal: VAD + ASR <= 0.3x real time per channel on 2 cores; this is ASR alone. Load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ' ',
      )} on ${availableParallelism()} cores while measuring: the machine is shared, wall figures are noisy.)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await run();
