import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecognizedWord, SpeechRecognizer, SpeechSegment } from '../../core/ports/speech-recognizer.js';
import { generateShowcase } from '../../generator/index.js';
import { CallTruth } from '../../generator/truth.js';
import { oracleRecognizer } from './oracle-recognizer.js';
import { REPO, tempDir } from './paths.js';

/** The bundled samples: recordings (.wav) and transcripts (.tca.json) with their sidecars. */
export const SAMPLES = join(REPO, 'samples');
const stemOf = (file: string) =>
  file.replace(/\.(tca\.json|wav|ctr\.json|recording\.json|wav_metadata\.json|wav_call_metadata\.json)$/, '');

export const sampleCalls = (): string[] =>
  [
    ...new Set(
      readdirSync(SAMPLES)
        .filter((f) => /\.(tca\.json|wav)$/.test(f))
        .map(stemOf),
    ),
  ].sort();

/**
 * The sample calls dropped as transcripts, with their sidecars, in a folder of their own: for
 * tests about everything but speech, which must not spend minutes in pocketsphinx.
 */
export const transcriptSampleDrop = (): string => {
  const drop = tempDir('transcript-samples');
  mkdirSync(drop, { recursive: true });
  const stems = readdirSync(SAMPLES)
    .filter((f) => f.endsWith('.tca.json'))
    .map(stemOf);
  for (const f of readdirSync(SAMPLES))
    if (stems.includes(stemOf(f))) cpSync(join(SAMPLES, f), join(drop, f));
  return drop;
};

/**
 * A recogniser that "hears" each sample recording's script (samples-truth): in-process tests run
 * the whole samples folder, recordings included, without pocketsphinx's minutes or its errors.
 */
export const samplesOracle = (): SpeechRecognizer => {
  const truths = readdirSync(join(REPO, 'samples-truth')).map((f) =>
    CallTruth.parse(JSON.parse(readFileSync(join(REPO, 'samples-truth', f), 'utf8'))),
  );
  return {
    info: { engine: 'oracle', version: '1', model: 'sample scripts', modelHash: null, note: 'test double' },
    async recognize(segments: readonly SpeechSegment[], options): Promise<RecognizedWord[][]> {
      const truth = truths.find((t) => options?.call?.startsWith(`${t.callId}-`));
      if (!truth) throw new Error(`no sample script for job ${options?.call}`);
      return oracleRecognizer(truth, (ch) => (ch === 1 ? 'AGENT' : 'CUSTOMER')).recognize(segments);
    },
  };
};

/**
 * `debrief run samples` in-process into `home`, quietly, the recordings "heard" from their
 * scripts (samplesOracle): for tests about what the lake and dashboards show, not about speech.
 */
export const runSamplesInto = async (home: string): Promise<void> => {
  const { runDrop } = await import('../../cli/commands/run.js');
  const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
  await runDrop({
    dir: SAMPLES,
    home,
    out: quiet,
    err: quiet,
    speech: { recognizer: async () => samplesOracle() },
  });
};

/**
 * The showcase calls as the generator writes them before rendering audio: every call dropped as
 * a transcript (.tca.json) with its sidecars, the same call ids as samples/. For tests of the
 * run itself (locks, quarantine, privacy) that need several calls with CTRs and no speech.
 */
let showcaseFolder: string | undefined;
export const showcaseTranscriptFolder = (): string => {
  if (showcaseFolder) return showcaseFolder;
  const dir = tempDir('showcase-transcripts');
  mkdirSync(dir, { recursive: true });
  for (const call of generateShowcase(42, 6))
    for (const file of call.files) writeFileSync(join(dir, file.name), file.content);
  showcaseFolder = dir;
  return dir;
};
