import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireHome } from '../../cli/home-folder.js';
import config from '../../vitest.config.js';
import { REPO, tempDir } from '../helpers/paths.js';

/** The json reporter's file in vitest.config.ts. */
const resultsFile = (): string => {
  const reporters = (config.test?.reporters ?? []) as unknown[];
  const json = reporters.find(
    (r): r is [string, { outputFile: string }] => Array.isArray(r) && r[0] === 'json',
  );
  if (!json) throw new Error('vitest.config.ts has no json reporter');
  return json[1].outputFile;
};

describe("the tests' results file", () => {
  it('is not in the default home, and is ignored by git (found by trial: a test run before any `debrief run` made .debrief/, which `debrief query` then refused: "the folder holds 1 entry and none a home has")', () => {
    // Prepare / Act
    const file = resultsFile();
    // Assess
    expect(relative(resolve(REPO, '.debrief'), resolve(REPO, file)).startsWith('..')).toBe(true);
    expect(execFileSync('git', ['check-ignore', file], { cwd: REPO, encoding: 'utf8' }).trim()).toBe(file);
  });

  it(".ci/run reads that file and prints its closing 'N passed, N failed' line from it", () => {
    // Prepare: .ci/run's results path and its counting script, a small results file where it reads it
    const ci = readFileSync(join(REPO, '.ci/run'), 'utf8');
    const path = /^RESULTS=(\S+)$/m.exec(ci)?.[1];
    const script = /node -e '\n([\s\S]*?)\n'\n/.exec(ci)?.[1];
    expect(path).toBe(resultsFile());
    expect(script).toBeDefined();
    const cwd = tempDir('ci-results');
    const count = (passed: number, failed: number) =>
      execFileSync(process.execPath, ['-e', script ?? ''], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, RESULTS: path, SMOKE_PASSED: String(passed), SMOKE_FAILED: String(failed) },
      }).trim();
    // Act
    const missing = count(1, 0);
    mkdirSync(join(cwd, 'test-results'), { recursive: true });
    writeFileSync(
      join(cwd, path ?? ''),
      JSON.stringify({ numPassedTests: 7, numFailedTests: 2, numFailedTestSuites: 1 }),
    );
    const some = count(1, 0);
    writeFileSync(
      join(cwd, path ?? ''),
      JSON.stringify({ numPassedTests: 7, numFailedTests: 0, numFailedTestSuites: 1 }),
    );
    const suiteOnly = count(0, 1);
    // Assess
    expect(missing).toBe('1 passed, 1 failed');
    expect(some).toBe('8 passed, 2 failed');
    expect(suiteOnly).toBe('7 passed, 2 failed');
  });

  it('a home holding only the test-results.json earlier test runs left there is an empty home', () => {
    // Prepare: .debrief/ of a clone whose tests ran before any debrief run, before this change
    const home = join(tempDir('old-results'), '.debrief');
    mkdirSync(home);
    writeFileSync(join(home, 'test-results.json'), '{}');
    // Act / Assess
    expect(requireHome(home)).toBe(home);
  });
});
