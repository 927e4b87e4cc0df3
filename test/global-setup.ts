import { execFileSync } from 'node:child_process';

/**
 * Compile the CLI once before any test file runs, so the tests that spawn `bin/debrief.mjs` (what
 * `npx debrief` runs) exercise JavaScript built from the sources under test, and never race to
 * rebuild it from several test processes at once.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], {
    cwd: new URL('../', import.meta.url),
    stdio: 'inherit',
  });
}
