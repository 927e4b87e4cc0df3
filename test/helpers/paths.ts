import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO = new URL('../../', import.meta.url).pathname;
/** Copies of ../shared/fixtures/formats (the documented AWS and Genesys shapes). */
export const FIXTURES = join(REPO, 'test', 'fixtures');
export const TCA_FIXTURE = join(FIXTURES, 'transcribe', 'call-analytics-output.json');
export const CTR_FIXTURE = join(FIXTURES, 'genesys', 'conversation-detail.json');

/** The folders `tempDir` made in this test file: test/setup.ts removes them after the file's tests. */
const made: string[] = [];

export const tempDir = (label: string): string => {
  const dir = mkdtempSync(join(tmpdir(), `debrief-${label}-`));
  made.push(dir);
  return dir;
};

/** Removes every folder `tempDir` made so far (a folder already gone, or held open, is left alone). */
export const removeTempDirs = (): string[] => {
  const removed = made.splice(0);
  for (const dir of removed) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // a server or child process of a failed test may still hold it: the test's failure says why
    }
  }
  return removed;
};

/**
 * The real recording from the AWS PCA samples (8-bit unsigned mono, 8 kHz; see its NOTICE). It
 * lives in the team's shared folder beside the checkout (not copied into the repository), so
 * it is looked up upwards from here, or at DEBRIEF_SHARED_DIR; null when this machine has none.
 */
export const PCA_SAMPLE: string | null = (() => {
  const name = join('data', 'pca-sample', 'Auto0_GUID_000_AGENT_ChrisL_DT_2025-02-19T06-01-22_Mono.wav');
  const roots = [
    process.env.DEBRIEF_SHARED_DIR,
    join(REPO, '..', 'shared'),
    join(REPO, '..', '..', 'shared'),
  ];
  for (const root of roots) if (root && existsSync(join(root, name))) return join(root, name);
  return null;
})();
