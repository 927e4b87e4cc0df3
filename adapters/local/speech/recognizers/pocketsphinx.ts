import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SpeechEngineError } from '../../../../core/errors.js';
import type {
  RecognizedWord,
  RecognizeOptions,
  RecognizerInfo,
  SpeechRecognizer,
  SpeechSegment,
} from '../../../../core/ports/speech-recognizer.js';
import { encodeWav, resample } from './pcm.js';
import { balance, parseCtm, wordsBySegment } from './pocketsphinx-output.js';
import {
  DEBIAN_MODEL,
  INSTALL_HINT,
  type PocketsphinxModel,
  requireExecutable,
  requireModel,
} from './pocketsphinx-setup.js';
import { MIN_SEGMENT_MS, requireSupportedRates, segmentMs } from './segment-checks.js';
import { holdWorkDir, releaseWorkDir, sweepSpeechWorkDirs, workDirPrefix } from './work-dirs.js';

const ENGINE = 'pocketsphinx';
const DECODER_RATE = 16_000;
/**
 * Quieter segments hold nothing to hear (-60 dBFS RMS). Digital silence must not reach the
 * decoder: its log-energy features are degenerate and it "hears" words in them ("dog").
 */
const MIN_RMS = 32768 * 10 ** (-60 / 20);

const rms = (samples: Int16Array): number => {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return Math.sqrt(sum / Math.max(1, samples.length));
};
const decodableSegment = (s: SpeechSegment): boolean =>
  segmentMs(s) >= MIN_SEGMENT_MS && rms(s.samples) >= MIN_RMS;

export interface PocketsphinxOptions {
  model?: PocketsphinxModel;
  /** Names the model in lineage (default "en-us (Debian pocketsphinx-en-us)"). */
  modelName?: string;
  /** Model hash for lineage; default: SHA-256 of the language model and dictionary files. */
  modelHash?: string;
  /** Decoder processes run at once (default: the machine's cores, at most 2 per call). */
  processes?: number;
  /** Where segment files go while decoding (a fresh folder inside, always removed). */
  tempDir?: string;
  /** Extra `pocketsphinx_batch` arguments (e.g. ["-beam", "1e-60"]). */
  args?: readonly string[];
  note?: string;
}

/**
 * Lands in every locally transcribed call's lineage. The figures are the README's measured word
 * error rates on real read speech with the call-center model (Speech recognition: `npm run
 * eval:asr`); test/speech/pocketsphinx-note.test.ts keeps them the same.
 */
export const DEFAULT_NOTE =
  'pocketsphinx 0.8: demo quality (word error rate 24% on clean 16 kHz read speech and 45% at 8 kHz, as measured in the README, worse on conversational telephone audio); use Amazon Transcribe or a Whisper server for real transcripts';

const run = promisify(execFile);

const debianVersion = async (pkg: string): Promise<string> => {
  try {
    // dpkg-query's own format placeholder, not a template literal.
    const { stdout } = await run('dpkg-query', ['-W', '-f', '$' + '{Version}', pkg]);
    return stdout.trim() || 'unknown';
  } catch {
    return 'unknown';
  }
};

const hashFiles = async (paths: readonly string[]): Promise<string> => {
  const hash = createHash('sha256');
  for (const path of paths) {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  }
  return hash.digest('hex').slice(0, 16);
};

/**
 * The embedded recogniser: `pocketsphinx_batch` over exactly the given segments (a control file
 * lists one 16 kHz WAV per segment), split over `processes` decoders. Word times come from the
 * CTM output, confidences are its lattice posteriors, fillers and noise are dropped.
 * `-remove_silence no`: with pocketsphinx's own silence removal on, CTM times skip the removed
 * frames (a word 2.21 s into a segment is reported at 1.35 s).
 */
export const createPocketsphinxRecognizer = async (
  options: PocketsphinxOptions = {},
): Promise<SpeechRecognizer> => {
  const model = options.model ?? DEBIAN_MODEL;
  const binary = requireExecutable('pocketsphinx_batch', INSTALL_HINT);
  requireModel(model);
  const info: RecognizerInfo = {
    engine: ENGINE,
    version: await debianVersion('pocketsphinx'),
    model: options.modelName ?? 'en-us (Debian pocketsphinx-en-us)',
    modelHash: options.modelHash ?? (await hashFiles([model.languageModel, model.dictionary])),
    note: options.note ?? DEFAULT_NOTE,
  };
  const processes = Math.max(1, options.processes ?? Math.min(2, availableParallelism()));

  const recognize = async (
    segments: readonly SpeechSegment[],
    { signal, onProgress }: RecognizeOptions = {},
  ): Promise<RecognizedWord[][]> => {
    requireSupportedRates(ENGINE, segments);
    const total = segments.length;
    let done = 0;
    const progress = (n: number) => {
      done += n;
      onProgress?.(done, total);
    };
    if (signal?.aborted) throw new SpeechEngineError(ENGINE, 'aborted', 'aborted before decoding');
    const decodable = segments.map((_, i) => i).filter((i) => decodableSegment(segments[i]!));
    progress(total - decodable.length);
    if (decodable.length === 0) return segments.map(() => []);

    const work = await mkdtemp(workDirPrefix(options.tempDir ?? tmpdir()));
    holdWorkDir(work);
    try {
      // uttids are ours ("u000012"): pocketsphinx splits CTM uttids on commas.
      const uttIds = segments.map((_, i) => `u${String(i).padStart(6, '0')}`);
      const lengths: number[] = [];
      for (const i of decodable) {
        const s = segments[i]!;
        const pcm = await resample(s.samples, s.sampleRate, DECODER_RATE);
        lengths.push(pcm.length);
        await writeFile(join(work, `${uttIds[i]}.wav`), encodeWav(pcm, DECODER_RATE));
      }
      const groups = balance(lengths, processes).map((g) => g.map((k) => decodable[k]!));
      // One decoder failing stops the others; every process has exited before the files go.
      const local = new AbortController();
      const stop = signal ? AbortSignal.any([signal, local.signal]) : local.signal;
      const results = await Promise.allSettled(
        groups.map((group, p) =>
          decode(
            binary,
            model,
            work,
            p,
            group.map((i) => uttIds[i]!),
            options.args ?? [],
            stop,
            () => progress(1),
          ).catch((error: unknown) => {
            local.abort();
            throw error;
          }),
        ),
      );
      const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      if (failures.length > 0) {
        const cause = signal?.aborted
          ? undefined
          : failures.find((e) => !(e instanceof SpeechEngineError && e.reason === 'aborted'));
        throw cause ?? failures[0];
      }
      const ctms = results.map((r) => (r.status === 'fulfilled' ? r.value : ''));
      return wordsBySegment(
        ctms.flatMap(parseCtm),
        uttIds,
        segments.map((s) => s.beginMs),
      );
    } finally {
      await rm(work, { recursive: true, force: true });
      releaseWorkDir(work);
    }
  };
  // Unredacted clips a killed process left (work-dirs.ts).
  await sweepSpeechWorkDirs(options.tempDir ?? tmpdir());
  return { info, recognize };
};

/** One decoder process over one control file; resolves with its CTM text. */
const decode = async (
  binary: string,
  model: PocketsphinxModel,
  dir: string,
  index: number,
  uttIds: readonly string[],
  extraArgs: readonly string[],
  signal: AbortSignal | undefined,
  onUtterance: () => void,
): Promise<string> => {
  const ctl = join(dir, `part-${index}.ctl`);
  const ctm = join(dir, `part-${index}.ctm`);
  await writeFile(ctl, `${uttIds.join('\n')}\n`);
  const args = [
    ...['-hmm', model.acousticModel, '-lm', model.languageModel, '-dict', model.dictionary],
    ...['-adcin', 'yes', '-adchdr', '44', '-cepdir', dir, '-cepext', '.wav', '-ctl', ctl, '-ctm', ctm],
    ...['-remove_silence', 'no'],
    ...extraArgs,
  ];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let tail = '';
    let pending = '';
    const onAbort = () => child.kill('SIGTERM');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        // batch.c logs "<uttid> done ----" after each utterance.
        if (/^u\d{6} done -+$/.test(line.trim())) onUtterance();
        if (/ERROR|FATAL|error/.test(line)) tail = `${tail}\n${line}`.slice(-2000);
      }
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      signal?.removeEventListener('abort', onAbort);
      reject(
        error.code === 'ENOENT'
          ? new SpeechEngineError(ENGINE, 'binary-missing', `${binary} not found`, INSTALL_HINT)
          : new SpeechEngineError(ENGINE, 'decoder-failed', error.message),
      );
    });
    child.on('close', (code, sig) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) reject(new SpeechEngineError(ENGINE, 'aborted', 'decoding aborted'));
      else if (code === 0) resolve();
      else
        reject(
          new SpeechEngineError(
            ENGINE,
            'decoder-failed',
            `pocketsphinx_batch exited with ${code ?? sig}: ${tail.trim() || 'no error message'}`,
          ),
        );
    });
  });
  return readFile(ctm, 'utf8').catch(() => '');
};
