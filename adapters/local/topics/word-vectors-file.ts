import { readFileSync } from 'node:fs';
import { parseWordVectors, type WordVectors, WordVectorsError } from '../../../core/enrich/word-vectors.js';
import { InvalidInputError } from '../../../core/errors.js';

/** The word vectors shipped with debrief (scripts/build-word-vectors.ts builds them). */
const DEFAULT_WORD_VECTORS = new URL('../../../config/word-vectors.bin', import.meta.url);

const loaded = new Map<string, WordVectors>();

/** Reads (once per process and path) a word-vector file: config/word-vectors.bin by default. */
export const loadWordVectors = (path?: string): WordVectors => {
  const file = path ?? DEFAULT_WORD_VECTORS.pathname;
  const cached = loaded.get(file);
  if (cached !== undefined) return cached;
  let vectors: WordVectors;
  try {
    vectors = parseWordVectors(readFileSync(file));
  } catch (error) {
    if (error instanceof WordVectorsError || (error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new InvalidInputError(file, error instanceof Error ? error.message : String(error));
    throw error;
  }
  loaded.set(file, vectors);
  return vectors;
};
