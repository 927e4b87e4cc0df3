#!/usr/bin/env node
// Compiles the `debrief` CLI to plain JavaScript in dist/, so it starts without a TypeScript loader.
//
//   npm run build              (also run by `npm ci` through `prepare`, by `npm start` and by CI)
//
// What goes in: every module reachable from cli/debrief.ts (static and `await import()` imports,
// found by esbuild), compiled one file per module (no bundle: a command still loads only the
// modules it imports), plus the files they read at run time: JSON they import, and whatever they
// name with `new URL('<relative path>', import.meta.url)` (a file, or every file in a folder).
// dist/ mirrors the source layout, so those relative paths hold there too.
//
// dist/build-info.json lists every source the build read and when it started: bin/debrief.mjs
// stats them (a few milliseconds) and rebuilds when one is newer or gone, so an edited .ts file
// is never run stale. Writes are atomic per file (temp file + rename): two processes rebuilding
// at once both leave a complete dist/.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const OUT_DIR = join(ROOT, 'dist');
export const BUILD_INFO = join(OUT_DIR, 'build-info.json');
const ENTRY_POINTS = ['cli/debrief.ts'];
/**
 * Node 20.10+ (this machine) and 22 (Lambda): the sources are ES2023 (tsconfig) plus import
 * attributes, which an `es20xx` target would silently strip from `import ... with { type: 'json' }`.
 */
const TARGET = 'node20.10';

const toPosix = (p) => p.split(sep).join('/');
const runtimeUrlPattern = /new URL\(\s*(['"`])([^'"`$]+)\1\s*,\s*import\.meta\.url\s*\)/g;

const filesUnder = (dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name));

/** The files a module reads relative to itself at run time (`new URL('./sql/', import.meta.url)`). */
const runtimeAssets = (modulePath) => {
  const found = { files: [], dirs: [] };
  const source = readFileSync(join(ROOT, modulePath), 'utf8');
  for (const [, , ref] of source.matchAll(runtimeUrlPattern)) {
    const target = resolve(ROOT, dirname(modulePath), ref);
    const rel = toPosix(relative(ROOT, target));
    if (rel === '' || rel.startsWith('..') || join(ROOT, modulePath).startsWith(target + sep))
      throw new Error(
        `${modulePath}: new URL('${ref}', import.meta.url) must name a file or folder of the repository that does not contain the module`,
      );
    if (!existsSync(target))
      throw new Error(`${modulePath}: new URL('${ref}', import.meta.url): ${rel} does not exist`);
    if (statSync(target).isDirectory()) {
      found.dirs.push(rel);
      found.files.push(...filesUnder(target).map((f) => toPosix(relative(ROOT, f))));
    } else found.files.push(rel);
  }
  return found;
};

/** Write only what changed, atomically; returns whether the file was (re)written. */
const writeIfChanged = (file, contents) => {
  if (existsSync(file) && Buffer.compare(readFileSync(file), Buffer.from(contents)) === 0) return false;
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, file);
  return true;
};

/** Build dist/. Returns what it did; throws (with esbuild's messages) on a compile error. */
export const buildCli = async () => {
  const startedAt = Date.now();
  const graph = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRY_POINTS,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: TARGET,
    write: false,
    metafile: true,
    outdir: 'dist',
    logLevel: 'silent',
  });
  const inputs = Object.keys(graph.metafile.inputs).sort();
  const modules = inputs.filter((f) => /\.(m?ts|m?js)$/.test(f) && !f.startsWith('node_modules/'));
  const copied = new Set(inputs.filter((f) => !modules.includes(f) && !f.startsWith('node_modules/')));
  const assetDirs = [];
  for (const m of modules) {
    const { files, dirs } = runtimeAssets(m);
    for (const f of files) copied.add(f);
    assetDirs.push(...dirs);
  }

  const compiled = await build({
    absWorkingDir: ROOT,
    entryPoints: modules,
    outbase: '.',
    outdir: 'dist',
    bundle: false,
    platform: 'node',
    format: 'esm',
    target: TARGET,
    sourcemap: 'linked',
    sourcesContent: false,
    write: false,
    logLevel: 'silent',
  });
  const outputs = new Map(compiled.outputFiles.map((f) => [f.path, f.contents]));
  for (const f of copied) outputs.set(join(OUT_DIR, f), readFileSync(join(ROOT, f)));

  let written = 0;
  for (const [file, contents] of outputs) if (writeIfChanged(file, contents)) written += 1;
  let removed = 0;
  for (const file of existsSync(OUT_DIR) ? filesUnder(OUT_DIR) : []) {
    if (file === BUILD_INFO || outputs.has(file) || file.endsWith('.tmp')) continue;
    rmSync(file, { force: true });
    removed += 1;
  }
  const sources = [...new Set(['scripts/build.mjs', ...modules, ...copied, ...assetDirs])].sort();
  writeIfChanged(BUILD_INFO, `${JSON.stringify({ startedAt, sources }, null, 2)}\n`);
  return { modules: modules.length, assets: copied.size, written, removed, ms: Date.now() - startedAt };
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const r = await buildCli();
    console.log(
      `built dist/: ${r.modules} modules, ${r.assets} assets, ${r.written} written, ${r.removed} removed in ${r.ms} ms`,
    );
  } catch (error) {
    console.error(`build failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
}
