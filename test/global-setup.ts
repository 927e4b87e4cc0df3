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
  // The recogniser's call-center language model: built once here (about a minute the first
  // time, then cached), not inside several test processes at once.
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-speech-model.ts'], {
    cwd: new URL('../', import.meta.url),
    stdio: 'inherit',
  });
}
