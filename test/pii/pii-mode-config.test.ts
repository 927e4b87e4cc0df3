import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { LambdaConfig } from '../../functions/config.js';
import { REPO, tempDir } from '../helpers/paths.js';

const required = { DEBRIEF_BUCKET: 'bucket', DEBRIEF_ANI_HASH_KEY: 'k'.repeat(32) };

describe('PII mode: one setting, both runtimes', () => {
  it('Lambda config: DEBRIEF_PII_MODE defaults to default, takes strict or off, refuses anything else', () => {
    expect(LambdaConfig.parse(required).DEBRIEF_PII_MODE).toBe('default');
    expect(LambdaConfig.parse({ ...required, DEBRIEF_PII_MODE: 'strict' }).DEBRIEF_PII_MODE).toBe('strict');
    expect(LambdaConfig.parse({ ...required, DEBRIEF_PII_MODE: 'off' }).DEBRIEF_PII_MODE).toBe('off');
    expect(() => LambdaConfig.parse({ ...required, DEBRIEF_PII_MODE: 'strcit' })).toThrow();
  });

  it('debrief run refuses a misspelt --pii-mode before touching anything', async () => {
    const home = tempDir('pii-mode-home');
    const result = await promisify(execFile)(
      process.execPath,
      [join(REPO, 'bin', 'debrief.mjs'), 'run', 'samples', '--home', home, '--pii-mode', 'strcit'],
      { cwd: REPO },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(result).toMatchObject({ code: 1 });
    expect((result as { stderr: string }).stderr).toMatch(/--pii-mode.*expected one of default, strict, off/);
  });
});
