import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/paths.js';

const sh = promisify(execFile);

/** `npx debrief dashboard --home <home>` as a user types it: exit status and what it printed. */
const dashboard = async (home: string) => {
  try {
    const { stdout, stderr } = await sh(process.execPath, [
      join(REPO, 'bin/debrief.mjs'),
      'dashboard',
      '--home',
      home,
    ]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

describe('debrief dashboard', () => {
  it('refuses a home that does not exist, as query does, and creates nothing (found by trial15: a mistyped --home made a folder with an empty page, exit 0)', async () => {
    // Prepare: a home that does not exist, and one that does (nothing processed yet)
    const missing = join(tempDir('dashboard-nohome'), 'typo');
    const existing = tempDir('dashboard-home');
    mkdirSync(existing, { recursive: true });
    // Act
    const refused = await dashboard(missing);
    const written = await dashboard(existing);
    // Assess
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `debrief: no debrief home at ${missing}: process calls first (npx debrief run <folder> --home ${missing}) or pass the --home a run used\n`,
    );
    expect(existsSync(missing)).toBe(false);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe(`dashboard: ${join(existing, 'dashboard.html')}\n`);
    expect(existsSync(join(existing, 'dashboard.html'))).toBe(true);
  }, 60_000);
});
