import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { LambdaConfig } from '../../functions/config.js';
import { deployConfigFromEnv, lambdaEnvironment } from '../../infra/config.js';
import { REPO, tempDir } from '../helpers/paths.js';

const refs = {
  region: 'eu-west-1',
  bucket: 'bucket',
  kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k',
  stateMachineArn: 'arn:aws:states:eu-west-1:111122223333:stateMachine:debrief',
  aniHashSecretArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:ani',
  athenaWorkgroup: 'debrief-dev',
  glueDatabase: 'debrief_dev',
  transcribeRoleArn: 'arn:aws:iam::111122223333:role/debrief-dev-transcribe',
};
/** What the Lambdas see when the stack is deployed from this shell environment. */
const lambdaSees = (deployEnv: Record<string, string>) =>
  LambdaConfig.parse(lambdaEnvironment(deployConfigFromEnv(deployEnv), refs)).DEBRIEF_PII_MODE;

describe('PII mode: one setting, both runtimes', () => {
  it('AWS: DEBRIEF_PII_MODE at deploy reaches the Lambdas (default by default), a misspelling stops the deploy', () => {
    expect(lambdaSees({})).toBe('default');
    expect(lambdaSees({ DEBRIEF_PII_MODE: 'strict' })).toBe('strict');
    expect(lambdaSees({ DEBRIEF_PII_MODE: 'off' })).toBe('off');
    expect(() => deployConfigFromEnv({ DEBRIEF_PII_MODE: 'strcit' })).toThrow(/piiMode/);
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
