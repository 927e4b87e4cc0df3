/**
 * Recogniser evaluation: word error rate and CPU cost of pocketsphinx, with Debian's general
 * en-US language model and with the call-center model mixed into it, on
 *   - real human speech: Debian pocketsphinx-testdata (LibriVox read sentences, spoken cards),
 *     at 16 kHz and resampled to 8 kHz (what a telephone line leaves);
 *   - synthetic call-center speech: held-out sentences (scripts/asr/eval-sentences.ts) rendered by
 *     espeak-ng in two voices at 16 kHz and 8 kHz;
 * plus pocketsphinx_continuous (whole-file decoding, its own voice activity detection) on the
 * real 16 kHz speech for comparison with batch decoding.
 *
 *   npm run eval:asr [-- --processes 2 --domain-weight 0.3 --json .debrief/eval-asr.json]
 *
 * RTF per core = CPU seconds (this process + decoders) / audio seconds: what one core needs,
 * independent of how busy the shared machine is. Wall-clock RTF is printed too and is noisy.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import Table from 'cli-table3';
import { createPocketsphinxRecognizer } from '../adapters/local/speech/recognizers/pocketsphinx.js';
import { DEBIAN_MODEL } from '../adapters/local/speech/recognizers/pocketsphinx-setup.js';
import type { SpeechRecognizer } from '../core/ports/speech-recognizer.js';
import { EVAL_SENTENCES, EVAL_VOICES } from './asr/eval-sentences.js';
import { buildDomainModelShowingProgress, progressReporter } from './asr/progress.js';
import {
  atRate,
  cpuSeconds,
  durationSeconds,
  loadTestdata,
  synthesize,
  type Utterance,
} from './asr/speech-sets.js';
import {
  addErrors,
  NO_ERRORS,
  normalizeWords,
  type WordErrors,
  wordErrorRate,
  wordErrors,
} from './asr/word-error-rate.js';

const { values } = parseArgs({
  options: {
    processes: { type: 'string', default: '2' },
    'domain-weight': { type: 'string', default: '0.3' },
    json: { type: 'string', default: '.debrief/eval-asr.json' },
  },
});
const processes = Number(values.processes);
const run = promisify(execFile);

interface Row {
  set: string;
  model: string;
  utterances: number;
  audioSeconds: number;
  errors: WordErrors;
  wer: number;
  rtfPerCore: number;
  rtfWall: number;
}

/** Scores one way of transcribing a set: hypotheses per utterance, CPU and wall time. */
const measure = async (
  set: string,
  model: string,
  utterances: Utterance[],
  transcribe: (onProgress: (done: number, total: number) => void) => Promise<string[]>,
): Promise<Row> => {
  const bar = progressReporter(`${set} · ${model}`);
  const cpu0 = await cpuSeconds();
  const t0 = performance.now();
  const hypotheses = await transcribe(bar.update);
  const wall = (performance.now() - t0) / 1000;
  const cpu = (await cpuSeconds()) - cpu0;
  bar.stop();
  const errors = utterances.reduce(
    (sum, u, i) => addErrors(sum, wordErrors(normalizeWords(u.reference), normalizeWords(hypotheses[i]!))),
    NO_ERRORS,
  );
  const audioSeconds = durationSeconds(utterances);
  return {
    set,
    model,
    utterances: utterances.length,
    audioSeconds,
    errors,
    wer: wordErrorRate(errors),
    rtfPerCore: cpu / audioSeconds,
    rtfWall: wall / audioSeconds,
  };
};

const evaluate = (set: string, model: string, recognizer: SpeechRecognizer, utterances: Utterance[]) =>
  measure(set, model, utterances, async (onProgress) => {
    const segments = utterances.map((u, i) => ({
      id: u.id,
      beginMs: i * 1000,
      sampleRate: u.sampleRate,
      samples: u.samples,
    }));
    const words = await recognizer.recognize(segments, { onProgress });
    return words.map((ws) => ws.map((w) => w.text).join(' '));
  });

/** pocketsphinx_continuous on each file: its own VAD and utterance splitting, default options. */
const continuous = (utterances: Utterance[]) =>
  measure('real 16 kHz', 'en-us, pocketsphinx_continuous', utterances, async (onProgress) => {
    const model = [
      '-hmm',
      DEBIAN_MODEL.acousticModel,
      '-lm',
      DEBIAN_MODEL.languageModel,
      '-dict',
      DEBIAN_MODEL.dictionary,
    ];
    const hypotheses: string[] = [];
    for (const u of utterances) {
      hypotheses.push((await run('pocketsphinx_continuous', [...model, '-infile', u.file!])).stdout);
      onProgress(hypotheses.length, utterances.length);
    }
    return hypotheses;
  });

const domain = await buildDomainModelShowingProgress({ domainWeight: Number(values['domain-weight']) });
const recognizers: [string, SpeechRecognizer][] = [
  ['en-us', await createPocketsphinxRecognizer({ processes })],
  [
    `en-us + call center (λ=${domain.report.domainWeight})`,
    await createPocketsphinxRecognizer({ processes, model: domain.model, modelHash: domain.hash }),
  ],
];

const real16 = await loadTestdata();
const sets: [string, Utterance[]][] = [
  ['real 16 kHz', real16],
  ['real 8 kHz', await atRate(real16, 8000)],
];
for (const voice of EVAL_VOICES) {
  for (const rate of [16_000, 8000]) {
    sets.push([`synthetic ${voice} ${rate / 1000} kHz`, await synthesize(EVAL_SENTENCES, voice, rate)]);
  }
}

const rows: Row[] = [];
for (const [set, utterances] of sets) {
  for (const [model, recognizer] of recognizers)
    rows.push(await evaluate(set, model, recognizer, utterances));
}
rows.push(await continuous(real16));

const table = new Table({
  head: [
    'set',
    'language model',
    'utts',
    'audio s',
    'words',
    'sub',
    'del',
    'ins',
    'WER',
    'RTF/core',
    'RTF wall',
  ],
  colAligns: [
    'left',
    'left',
    'right',
    'right',
    'right',
    'right',
    'right',
    'right',
    'right',
    'right',
    'right',
  ],
});
for (const r of rows) {
  table.push([
    r.set,
    r.model,
    r.utterances,
    r.audioSeconds.toFixed(1),
    r.errors.reference,
    r.errors.substitutions,
    r.errors.deletions,
    r.errors.insertions,
    `${(100 * r.wer).toFixed(1)}%`,
    r.rtfPerCore.toFixed(2),
    r.rtfWall.toFixed(2),
  ]);
}
console.log(table.toString());
console.log(
  `pocketsphinx ${recognizers[0]![1].info.version}, batch decoding over ${processes} process(es); RTF/core = CPU seconds per audio second ` +
    '(decoder start-up with its 27 MB language model included); RTF wall is noisy on a shared machine.',
);
mkdirSync(dirname(values.json), { recursive: true });
writeFileSync(
  values.json,
  `${JSON.stringify({ domainModel: { hash: domain.hash, report: domain.report }, rows }, null, 2)}\n`,
);
console.log(`results: ${values.json}`);
