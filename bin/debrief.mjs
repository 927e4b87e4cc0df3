#!/usr/bin/env node
// The `debrief` command: runs the CLI compiled to dist/ (scripts/build.mjs), no TypeScript loader.
// If a source it was built from changed or is gone (a developer edited a .ts file, switched
// branches), it rebuilds first, so stale JavaScript never runs. The check is one stat per source.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);
/** Why dist/ must be (re)built, or null when it is up to date. */
const needsBuild = () => {
  let info;
  try {
    info = JSON.parse(readFileSync(new URL('dist/build-info.json', root), 'utf8'));
  } catch {
    return 'no build yet';
  }
  try {
    return info.sources.some((f) => statSync(new URL(f, root)).mtimeMs >= info.startedAt)
      ? 'sources changed since the last build'
      : null;
  } catch {
    return 'a source was removed since the last build';
  }
};

const reason = needsBuild();
if (reason) {
  const { buildCli } = await import('../scripts/build.mjs');
  try {
    const r = await buildCli();
    process.stderr.write(
      `debrief: ${reason}: compiled dist/ (${r.modules} modules, ${r.written} files changed, ${r.ms} ms)\n`,
    );
  } catch (error) {
    process.stderr.write(
      `debrief: cannot compile the CLI: ${error instanceof Error ? error.message : error}\n`,
    );
    process.exit(1);
  }
}
const { main } = await import('../dist/cli/debrief.js');
await main(process.argv);
