import { SpeechEngineError } from '../../../../core/errors.js';
import type { NgramModel } from './ngram-model.js';

/**
 * Reads a CMU Sphinx "Trie Language Model" binary (what Debian's `en-us.lm.bin` is) into plain
 * arrays. Debian's `sphinx_lm_convert` aborts converting this very file to ARPA (an assertion in
 * `ngram_model_trie_write_arpa`), so the domain-model builder reads it itself.
 *
 * Layout (sphinxbase `ngram_model_trie.c`, `lm_trie.c`, `lm_trie_quant.c`, little-endian):
 *   "Trie Language Model" · uint8 order · uint32 counts[order]
 *   int32 (former quantiser type) · float bins: per middle order 2^16 prob + 2^16 backoff, then 2^16 longest prob
 *   unigrams[counts[0] + 1] = { float prob, float backoff, uint32 next }
 *   bit-packed middle levels, then the longest level
 *   int32 byte length · NUL-separated words
 * The trie is reversed: level 1 is the predicted word, level 2 the word before it, and so on, so
 * a middle entry holds the probability AND the backoff weight of the n-gram its path spells.
 * Values are logs in base 1.0001 (pocketsphinx's -logbase), converted here to log10.
 */
const HEADER = 'Trie Language Model';
const QUANT_BITS = 16;
const LOG10_OF_BASE = Math.log10(1.0001);

const requiredBits = (max: number): number => (max === 0 ? 0 : Math.floor(Math.log2(max)) + 1);
const baseSize = (entries: number, maxVocab: number, remainingBits: number): number =>
  Math.floor(((1 + entries) * (requiredBits(maxVocab) + remainingBits) + 7) / 8) + 8;

export const readSphinxTrie = (bytes: Uint8Array, file: string): NgramModel => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (new TextDecoder().decode(bytes.subarray(0, HEADER.length)) !== HEADER) {
    throw new SpeechEngineError(
      'pocketsphinx',
      'model-unreadable',
      `${file} is not a Sphinx trie language model`,
    );
  }
  let at = HEADER.length;
  const order = view.getUint8(at);
  at += 1;
  if (order < 1 || order > 3)
    throw new SpeechEngineError(
      'pocketsphinx',
      'model-unreadable',
      `${file}: order ${order} (1–3 supported)`,
    );
  const counts: number[] = [];
  for (let i = 0; i < order; i++, at += 4) counts.push(view.getUint32(at, true));
  const vocab = counts[0]!;

  // Quantiser bins (absent for unigram-only models).
  const bins: Float32Array[] = [];
  if (order > 1) {
    at += 4;
    const tables = (order - 2) * 2 + 1;
    for (let t = 0; t < tables; t++) {
      const table = new Float32Array(1 << QUANT_BITS);
      for (let i = 0; i < table.length; i++, at += 4) table[i] = view.getFloat32(at, true);
      bins.push(table);
    }
  }
  const uniProb = new Float32Array(vocab);
  const uniBackoff = new Float32Array(vocab);
  const uniNext = new Uint32Array(vocab + 1);
  for (let w = 0; w <= vocab; w++, at += 12) {
    if (w < vocab) {
      uniProb[w] = view.getFloat32(at, true) * LOG10_OF_BASE;
      uniBackoff[w] = view.getFloat32(at + 4, true) * LOG10_OF_BASE;
    }
    uniNext[w] = view.getUint32(at + 8, true);
  }

  const wordBits = requiredBits(vocab);
  const middleNextBits = order === 3 ? requiredBits(counts[2]!) : 0;
  const middleTotal = wordBits + 2 * QUANT_BITS + middleNextBits;
  const longestTotal = wordBits + QUANT_BITS;
  let middleBase = 0;
  let longestBase = at;
  if (order === 3) {
    middleBase = at;
    longestBase = at + baseSize(counts[1]!, vocab, 2 * QUANT_BITS + middleNextBits);
  }
  const longestBytes = order > 1 ? baseSize(counts[order - 1]!, vocab, QUANT_BITS) : 0;
  const wordsAt = longestBase + longestBytes;
  if (wordsAt + 4 > bytes.byteLength)
    throw new SpeechEngineError('pocketsphinx', 'model-unreadable', `${file} is truncated`);

  // Bit fields never span more than 4 bytes past their first byte (≤ 25 bits + 7 bits of shift).
  const readBits = (base: number, bitOffset: number, length: number): number => {
    const byte = base + (bitOffset >>> 3);
    const shift = bitOffset & 7;
    const word =
      (bytes[byte]! | (bytes[byte + 1]! << 8) | (bytes[byte + 2]! << 16) | (bytes[byte + 3]! << 24)) >>> 0;
    if (length + shift <= 32) return (word >>> shift) & (length === 32 ? 0xffffffff : (1 << length) - 1);
    const high = bytes[byte + 4]!;
    return ((word >>> shift) | (high << (32 - shift))) & ((1 << length) - 1);
  };

  const wordsLength = view.getInt32(wordsAt, true);
  const words = new TextDecoder().decode(bytes.subarray(wordsAt + 4, wordsAt + 4 + wordsLength)).split('\0');
  words.length = vocab;
  if (words.some((w) => w === undefined))
    throw new SpeechEngineError('pocketsphinx', 'model-unreadable', `${file}: word list is short`);

  const model: NgramModel = {
    order,
    words,
    unigrams: { logProb: uniProb, backoff: uniBackoff },
    bigrams: {
      w1: new Uint32Array(0),
      w2: new Uint32Array(0),
      logProb: new Float32Array(0),
      backoff: new Float32Array(0),
    },
    trigrams: {
      w1: new Uint32Array(0),
      w2: new Uint32Array(0),
      w3: new Uint32Array(0),
      logProb: new Float32Array(0),
    },
  };
  if (order === 1) return model;

  // Bigrams: for every predicted word w2, its range of context words w1.
  const biCount = uniNext[vocab]!;
  const bigrams = {
    w1: new Uint32Array(biCount),
    w2: new Uint32Array(biCount),
    logProb: new Float32Array(biCount),
    backoff: new Float32Array(biCount),
  };
  const biNext = new Uint32Array(biCount + 1);
  const bigramLevelBase = order === 3 ? middleBase : longestBase;
  const bigramTotal = order === 3 ? middleTotal : longestTotal;
  for (let w2 = 0; w2 < vocab; w2++) {
    for (let ptr = uniNext[w2]!; ptr < uniNext[w2 + 1]!; ptr++) {
      const offset = ptr * bigramTotal;
      bigrams.w1[ptr] = readBits(bigramLevelBase, offset, wordBits);
      bigrams.w2[ptr] = w2;
      if (order === 3) {
        bigrams.backoff[ptr] = bins[1]![readBits(middleBase, offset + wordBits, QUANT_BITS)]! * LOG10_OF_BASE;
        bigrams.logProb[ptr] =
          bins[0]![readBits(middleBase, offset + wordBits + QUANT_BITS, QUANT_BITS)]! * LOG10_OF_BASE;
        biNext[ptr] = readBits(middleBase, offset + wordBits + 2 * QUANT_BITS, middleNextBits);
      } else {
        bigrams.logProb[ptr] =
          bins[0]![readBits(longestBase, offset + wordBits, QUANT_BITS)]! * LOG10_OF_BASE;
      }
    }
  }
  model.bigrams = bigrams;
  if (order === 2) return model;

  // The entry after the last bigram holds the end of its range.
  biNext[biCount] = readBits(middleBase, biCount * middleTotal + wordBits + 2 * QUANT_BITS, middleNextBits);
  const triCount = biNext[biCount]!;
  const trigrams = {
    w1: new Uint32Array(triCount),
    w2: new Uint32Array(triCount),
    w3: new Uint32Array(triCount),
    logProb: new Float32Array(triCount),
  };
  for (let b = 0; b < biCount; b++) {
    for (let ptr = biNext[b]!; ptr < biNext[b + 1]!; ptr++) {
      const offset = ptr * longestTotal;
      trigrams.w1[ptr] = readBits(longestBase, offset, wordBits);
      trigrams.w2[ptr] = bigrams.w1[b]!;
      trigrams.w3[ptr] = bigrams.w2[b]!;
      trigrams.logProb[ptr] = bins[2]![readBits(longestBase, offset + wordBits, QUANT_BITS)]! * LOG10_OF_BASE;
    }
  }
  model.trigrams = trigrams;
  return model;
};
