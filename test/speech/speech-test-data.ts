import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arpaChunks } from '../../adapters/local/speech/language-model/arpa.js';
import { estimateWittenBell } from '../../adapters/local/speech/language-model/witten-bell.js';
import type { SpeechSegment } from '../../core/ports/speech-recognizer.js';
import { readWavPcm16 } from '../../scripts/asr/speech-sets.js';

/** Debian pocketsphinx-testdata: 16 kHz read speech (LibriVox) with reference transcripts. */
export const LIBRIVOX = '/usr/share/pocketsphinx/test/data/librivox';
export const SHORT_UTTERANCE = {
  file: join(LIBRIVOX, 'sense_and_sensibility_01_austen_64kb-0880.wav'),
  text: 'he was not an ill disposed young man',
};

/** 16-bit mono PCM of a WAV file. */
export const readPcm16 = (file: string): Int16Array => readWavPcm16(readFileSync(file), file).samples;

export const segment = (
  id: string,
  samples: Int16Array,
  sampleRate = 16_000,
  beginMs = 0,
): SpeechSegment => ({
  id,
  beginMs,
  sampleRate,
  samples,
});

/** A small trigram model written as a sphinx trie binary with Debian's sphinx_lm_convert. */
export const writeSmallTrieModel = (dir: string, lines: string[]): { arpa: string; bin: string } => {
  const model = estimateWittenBell(lines.map((l) => l.split(' ')));
  const arpa = join(dir, 'small.arpa');
  const bin = join(dir, 'small.lm.bin');
  writeFileSync(arpa, [...arpaChunks(model)].join(''));
  execFileSync('sphinx_lm_convert', ['-i', arpa, '-ifmt', 'arpa', '-o', bin, '-ofmt', 'bin'], {
    stdio: 'ignore',
  });
  return { arpa, bin };
};
