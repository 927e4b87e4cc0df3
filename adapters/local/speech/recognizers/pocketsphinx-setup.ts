import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { SpeechEngineError } from '../../../../core/errors.js';

/** Where Debian's `pocketsphinx-en-us` puts the US English model. */
export const DEBIAN_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';

export interface PocketsphinxModel {
  /** Acoustic model directory (-hmm). */
  acousticModel: string;
  /** Language model (-lm): ARPA or sphinx binary. */
  languageModel: string;
  /** Pronunciation dictionary (-dict). */
  dictionary: string;
}

export const DEBIAN_MODEL: PocketsphinxModel = {
  acousticModel: join(DEBIAN_MODEL_DIR, 'en-us'),
  languageModel: join(DEBIAN_MODEL_DIR, 'en-us.lm.bin'),
  dictionary: join(DEBIAN_MODEL_DIR, 'cmudict-en-us.dict'),
};

export const INSTALL_HINT = 'apt-get install pocketsphinx pocketsphinx-en-us';
/** sphinx_lm_convert, which turns the domain model's ARPA text into the binary the decoder loads fast. */
export const LM_TOOLS_HINT = 'apt-get install sphinxbase-utils';

/** The executable's path on PATH, or null. */
export const findExecutable = (name: string, path = process.env.PATH ?? ''): string | null => {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return null;
};

export const requireExecutable = (name: string, fix: string): string => {
  const found = findExecutable(name);
  if (!found) throw new SpeechEngineError('pocketsphinx', 'binary-missing', `${name} is not on PATH`, fix);
  return found;
};

/** Throws a SpeechEngineError naming the first missing model part. */
export const requireModel = (model: PocketsphinxModel): void => {
  const parts: [string, string, 'dir' | 'file'][] = [
    ['acoustic model', model.acousticModel, 'dir'],
    ['language model', model.languageModel, 'file'],
    ['dictionary', model.dictionary, 'file'],
  ];
  for (const [label, path, kind] of parts) {
    let ok = false;
    try {
      const stat = statSync(path);
      ok = kind === 'dir' ? stat.isDirectory() : stat.isFile();
    } catch {
      ok = false;
    }
    if (!ok)
      throw new SpeechEngineError(
        'pocketsphinx',
        'model-missing',
        `${label} not found: ${path}`,
        INSTALL_HINT,
      );
  }
};
