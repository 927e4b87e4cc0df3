import type { NgramModel } from './ngram-model.js';

/**
 * ARPA text, in chunks (the mixed en-US model is ~3.7 M lines: callers stream it to a file).
 * Four decimals, as sphinx writes them.
 */
export function* arpaChunks(model: NgramModel, linesPerChunk = 50_000): Generator<string> {
  const { words, unigrams, bigrams, trigrams } = model;
  const f = (x: number) => x.toFixed(4);
  let lines: string[] = [];
  const flush = function* () {
    if (lines.length > 0) yield `${lines.join('\n')}\n`;
    lines = [];
  };
  lines.push('\\data\\', `ngram 1=${words.length}`);
  if (model.order >= 2) lines.push(`ngram 2=${bigrams.w1.length}`);
  if (model.order >= 3) lines.push(`ngram 3=${trigrams.w1.length}`);
  lines.push('', '\\1-grams:');
  for (let w = 0; w < words.length; w++) {
    lines.push(
      model.order > 1
        ? `${f(unigrams.logProb[w]!)}\t${words[w]}\t${f(unigrams.backoff[w]!)}`
        : `${f(unigrams.logProb[w]!)}\t${words[w]}`,
    );
    if (lines.length >= linesPerChunk) yield* flush();
  }
  if (model.order >= 2) {
    lines.push('', '\\2-grams:');
    for (let i = 0; i < bigrams.w1.length; i++) {
      const text = `${f(bigrams.logProb[i]!)}\t${words[bigrams.w1[i]!]} ${words[bigrams.w2[i]!]}`;
      lines.push(model.order > 2 ? `${text}\t${f(bigrams.backoff[i]!)}` : text);
      if (lines.length >= linesPerChunk) yield* flush();
    }
  }
  if (model.order >= 3) {
    lines.push('', '\\3-grams:');
    for (let i = 0; i < trigrams.w1.length; i++) {
      lines.push(
        `${f(trigrams.logProb[i]!)}\t${words[trigrams.w1[i]!]} ${words[trigrams.w2[i]!]} ${words[trigrams.w3[i]!]}`,
      );
      if (lines.length >= linesPerChunk) yield* flush();
    }
  }
  lines.push('', '\\end\\');
  yield* flush();
}

/** Parses ARPA text (order ≤ 3). Used on small models: the general model is read from its binary. */
export const parseArpa = (text: string): NgramModel => {
  const counts: number[] = [];
  const sections: string[][][] = [[], [], []];
  let section = -1;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line === '\\data\\' || line === '\\end\\') continue;
    const count = /^ngram (\d)=(\d+)$/.exec(line);
    if (count) {
      counts[Number(count[1]) - 1] = Number(count[2]);
      continue;
    }
    const header = /^\\(\d)-grams:$/.exec(line);
    if (header) {
      section = Number(header[1]) - 1;
      if (section > 2) throw new Error(`ARPA order ${section + 1} is not supported`);
      continue;
    }
    if (section >= 0) sections[section]!.push(line.split(/\s+/));
  }
  const order = counts.length;
  const words = sections[0]!.map((p) => p[1]!);
  const ids = new Map(words.map((w, i) => [w, i]));
  const id = (w: string) => {
    const i = ids.get(w);
    if (i === undefined) throw new Error(`ARPA n-gram uses unknown word ${w}`);
    return i;
  };
  const [uni, bi, tri] = sections as [string[][], string[][], string[][]];
  return {
    order,
    words,
    unigrams: {
      logProb: Float32Array.from(uni, (p) => Number(p[0])),
      backoff: Float32Array.from(uni, (p) => Number(p[2] ?? 0)),
    },
    bigrams: {
      w1: Uint32Array.from(bi, (p) => id(p[1]!)),
      w2: Uint32Array.from(bi, (p) => id(p[2]!)),
      logProb: Float32Array.from(bi, (p) => Number(p[0])),
      backoff: Float32Array.from(bi, (p) => Number(p[3] ?? 0)),
    },
    trigrams: {
      w1: Uint32Array.from(tri, (p) => id(p[1]!)),
      w2: Uint32Array.from(tri, (p) => id(p[2]!)),
      w3: Uint32Array.from(tri, (p) => id(p[3]!)),
      logProb: Float32Array.from(tri, (p) => Number(p[0])),
    },
  };
};
