import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { constants, createWriteStream } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SpeechEngineError } from '../../../../core/errors.js';
import { loadTaxonomy } from '../../topics/taxonomy-file.js';
import {
  DEBIAN_MODEL,
  LM_TOOLS_HINT,
  type PocketsphinxModel,
  requireExecutable,
  requireModel,
} from '../recognizers/pocketsphinx-setup.js';
import { arpaChunks } from './arpa.js';
import { domainSentences } from './domain-corpus.js';
import { interpolate } from './interpolate.js';
import {
  checkPronunciations,
  type PronunciationReport,
  parseDictionary,
  withoutWords,
} from './pronunciations.js';
import { readSphinxTrie } from './sphinx-trie.js';
import { estimateWittenBell } from './witten-bell.js';

const run = promisify(execFile);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
/** Named with `new URL` so the compiled CLI carries a copy (scripts/build.mjs copies such files). */
const CORPUS_URL = new URL('../../../../config/speech-corpus.txt', import.meta.url);
/** Bump when the build's output changes for the same inputs. */
const BUILDER_VERSION = '1';

export const DEFAULT_CORPUS = fileURLToPath(CORPUS_URL);
/**
 * Where the built model is cached: the user's cache folder ($XDG_CACHE_HOME, else ~/.cache), under
 * debrief/speech. Never inside node_modules: a folder there newer than npm's hidden lockfile
 * (node_modules/.package-lock.json) makes npm ignore that lockfile, so every `npx debrief` read
 * the whole package tree again (6–18 s against 0.8 s for `node bin/debrief.mjs`, and npm's
 * "node_modules/.package-lock.json out of date").
 */
export const speechCacheDir = (env: NodeJS.ProcessEnv = process.env, home = homedir()): string =>
  // A relative XDG_CACHE_HOME is invalid and ignored (XDG Base Directory spec): else each working
  // folder would get a cache of its own, and the model built again there.
  join(
    env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(home, '.cache'),
    'debrief',
    'speech',
  );
export const DEFAULT_CACHE_DIR = speechCacheDir();
/** Where earlier versions cached it (the project's node_modules): a model built there is still used. */
export const LEGACY_CACHE_DIR = join(
  ROOT.endsWith(`${sep}dist`) ? dirname(ROOT) : ROOT,
  'node_modules/.cache/debrief/speech',
);
/**
 * Weight of the call-center model in the mix (the general en-US model gets the rest). Measured
 * with npm run eval:asr: 0.3 cuts WER on held-out call-center speech by 1–8 points and leaves
 * real read speech where it was (±2 words of 92); 0.5 gains more on call-center speech (1–13
 * points) but costs 1–3 points on real speech.
 */
export const DEFAULT_DOMAIN_WEIGHT = 0.3;

export interface DomainModelOptions {
  /** Call-center text with slots (default config/speech-corpus.txt). */
  corpusPath?: string;
  /** Topic taxonomy whose phrases join the corpus (default config/topics.json). */
  taxonomyPath?: string;
  /** The general model to mix with: a sphinx trie binary (default Debian's en-US). */
  general?: PocketsphinxModel;
  domainWeight?: number;
  cacheDir?: string;
  /** A model already built here is used rather than built again (default: LEGACY_CACHE_DIR without `cacheDir`). */
  legacyCacheDir?: string | null;
  onProgress?: (stage: DomainModelStage, done: number, total: number) => void;
}

export type DomainModelStage = 'corpus' | 'general model' | 'interpolate' | 'write ARPA' | 'binary';

export interface DomainModelReport {
  sentences: number;
  words: number;
  vocabulary: number;
  /** Domain words the general model did not know. */
  newWords: string[];
  pronunciations: PronunciationReport;
  clampedBackoffs: number;
  ngrams: [number, number, number];
  domainWeight: number;
}

export interface DomainModel {
  /** A PocketsphinxModel with the mixed language model and the dictionary (+ compound words). */
  model: PocketsphinxModel;
  /** First 16 hex digits of the SHA-256 over every input: names the cache entry and goes into lineage. */
  hash: string;
  report: DomainModelReport;
  /** True when the cache already held this build. */
  cached: boolean;
}

/**
 * The cache folder cannot be made or written (a HOME that is not writable, a read-only
 * XDG_CACHE_HOME): the machine's fault, not any recording's, so a SpeechEngineError naming the
 * folder and the fix; a call it stops keeps its recording (not an input fault, ExecutionLedger.holds).
 */
const cacheUnwritable = (cacheDir: string, error: NodeJS.ErrnoException): SpeechEngineError =>
  new SpeechEngineError(
    'pocketsphinx',
    'cache-unwritable',
    `the speech model cache folder ${cacheDir} cannot be written (${error.code ?? error.message})`,
    'set XDG_CACHE_HOME to a writable absolute folder, or make this one writable',
  );

/** Made when missing; one that exists must be writable (a read-only one passes mkdir). */
const makeCacheDir = async (cacheDir: string): Promise<void> => {
  try {
    await mkdir(cacheDir, { recursive: true });
    await access(cacheDir, constants.W_OK);
  } catch (error) {
    throw cacheUnwritable(cacheDir, error as NodeJS.ErrnoException);
  }
};

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * Builds (or finds in the cache) the call-center language model: the corpus and the taxonomy's
 * phrases → Witten-Bell trigram model → linear mix with the general en-US model (backoff
 * weights renormalised) → ARPA → sphinx binary via `sphinx_lm_convert`. Runs offline; ~1 minute
 * and ~1.5 GB of memory on first use, then a cache hit keyed by a hash of every input.
 */
export const buildDomainModel = async (options: DomainModelOptions = {}): Promise<DomainModel> => {
  const general = options.general ?? DEBIAN_MODEL;
  const domainWeight = options.domainWeight ?? DEFAULT_DOMAIN_WEIGHT;
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  const progress = options.onProgress ?? (() => {});
  requireModel(general);

  const corpus = await readFile(options.corpusPath ?? DEFAULT_CORPUS, 'utf8');
  const taxonomy = await loadTaxonomy(options.taxonomyPath);
  const phrases = [...taxonomy.background, ...taxonomy.topics.flatMap((t) => [t.description, ...t.examples])];
  const [lmBytes, dictText] = await Promise.all([
    readFile(general.languageModel),
    readFile(general.dictionary, 'utf8'),
  ]);
  const hash = sha256(
    JSON.stringify({
      BUILDER_VERSION,
      corpus: sha256(corpus),
      phrases: sha256(JSON.stringify(phrases)),
      lm: sha256(lmBytes),
      dict: sha256(dictText),
      domainWeight,
    }),
  ).slice(0, 16);
  const dir = join(cacheDir, `domain-lm-${hash}`);
  const model: PocketsphinxModel = {
    acousticModel: general.acousticModel,
    languageModel: join(dir, 'call-center.lm.bin'),
    dictionary: join(dir, 'call-center.dict'),
  };
  const legacy =
    options.legacyCacheDir === undefined
      ? options.cacheDir
        ? null
        : LEGACY_CACHE_DIR
      : options.legacyCacheDir;
  for (const at of legacy ? [dir, join(legacy, `domain-lm-${hash}`)] : [dir]) {
    const found = {
      ...model,
      languageModel: join(at, 'call-center.lm.bin'),
      dictionary: join(at, 'call-center.dict'),
    };
    try {
      await stat(found.languageModel);
      const report = JSON.parse(await readFile(join(at, 'report.json'), 'utf8')) as DomainModelReport;
      return { model: found, hash, report, cached: true };
    } catch {
      // not built there
    }
  }
  const convert = requireExecutable('sphinx_lm_convert', LM_TOOLS_HINT);
  // Before the build (about a minute, 1.5 GB): a cache that cannot be written is said at once.
  await makeCacheDir(cacheDir);

  progress('corpus', 0, 1);
  const dict = parseDictionary(dictText);
  const raw = domainSentences({ corpus, phrases });
  const pronunciations = checkPronunciations(raw.flat(), dict);
  const sentences = withoutWords(raw, new Set(pronunciations.dropped));
  const domain = estimateWittenBell(sentences);
  progress('corpus', 1, 1);

  progress('general model', 0, 1);
  const generalModel = readSphinxTrie(lmBytes, general.languageModel);
  progress('general model', 1, 1);

  const { model: mixed, report: mix } = interpolate(generalModel, domain, domainWeight, (done, total) =>
    progress('interpolate', done, total),
  );

  const work = await mkdtemp(join(cacheDir, 'build-')).catch((error: NodeJS.ErrnoException) => {
    throw cacheUnwritable(cacheDir, error);
  });
  try {
    const arpa = join(work, 'call-center.arpa');
    const out = createWriteStream(arpa);
    const lines = mixed.words.length + mixed.bigrams.w1.length + mixed.trigrams.w1.length;
    let written = 0;
    for (const chunk of arpaChunks(mixed)) {
      if (!out.write(chunk)) await once(out, 'drain');
      written = Math.min(lines, written + 50_000);
      progress('write ARPA', written, lines);
    }
    out.end();
    await once(out, 'finish');

    progress('binary', 0, 1);
    try {
      await run(
        convert,
        ['-i', arpa, '-ifmt', 'arpa', '-o', join(work, 'call-center.lm.bin'), '-ofmt', 'bin'],
        {
          maxBuffer: 64 * 1024 * 1024,
        },
      );
    } catch (error) {
      throw new SpeechEngineError(
        'pocketsphinx',
        'decoder-failed',
        `sphinx_lm_convert failed: ${String(error).slice(0, 500)}`,
      );
    }
    await rm(arpa);
    progress('binary', 1, 1);

    const extra = pronunciations.added.map((a) => `${a.word} ${a.phones}`).join('\n');
    await writeFile(join(work, 'call-center.dict'), extra ? `${dictText.trimEnd()}\n${extra}\n` : dictText);
    const report: DomainModelReport = {
      sentences: sentences.length,
      words: sentences.reduce((n, s) => n + s.length, 0),
      vocabulary: domain.words.length - 2,
      newWords: mix.addedWords,
      pronunciations,
      clampedBackoffs: mix.clampedBackoffs,
      ngrams: [mixed.words.length, mixed.bigrams.w1.length, mixed.trigrams.w1.length],
      domainWeight,
    };
    await writeFile(join(work, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    // Another process may have finished the same build meanwhile: its copy is as good as ours.
    await rename(work, dir).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
    return { model, hash, report, cached: false };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
};
