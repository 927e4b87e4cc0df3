import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLocalRuntime } from '../../adapters/local/local-deps.js';
import { fileNameStartOf, LambdaConfig } from '../../functions/config.js';
import { deployConfigFromEnv, lambdaEnvironment } from '../../infra/config.js';
import { tempDir } from '../helpers/paths.js';

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
/** How the Lambdas read file-name times when the stack is deployed from this shell environment. */
const lambdaClock = (deployEnv: Record<string, string>) =>
  fileNameStartOf(LambdaConfig.parse(lambdaEnvironment(deployConfigFromEnv(deployEnv), refs))).clock;

describe("the recorder's clock (file-name times without a zone): one setting, both runtimes", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('AWS: DEBRIEF_FILENAME_TIMEZONE or DEBRIEF_FILENAME_UTC_OFFSET at deploy reaches the Lambdas; UTC by default', () => {
    expect(lambdaClock({})).toEqual({ utcOffset: 'Z' });
    expect(lambdaClock({ DEBRIEF_FILENAME_UTC_OFFSET: '+01:00' })).toEqual({ utcOffset: '+01:00' });
    expect(lambdaClock({ DEBRIEF_FILENAME_TIMEZONE: 'America/New_York' })).toEqual({
      timeZone: 'America/New_York',
    });
    const env = lambdaEnvironment(
      deployConfigFromEnv({ DEBRIEF_FILENAME_TIMEZONE: 'Australia/Sydney' }),
      refs,
    );
    expect(env.DEBRIEF_FILENAME_TIMEZONE).toBe('Australia/Sydney');
    expect(env).not.toHaveProperty('DEBRIEF_FILENAME_UTC_OFFSET');
  });

  it('AWS: both, an unknown zone or a malformed offset stop the deploy, naming the setting', () => {
    expect(() =>
      deployConfigFromEnv({
        DEBRIEF_FILENAME_UTC_OFFSET: '-05:00',
        DEBRIEF_FILENAME_TIMEZONE: 'America/New_York',
      }),
    ).toThrow(/invalid deploy configuration: fileNameStart: .*are both set: set one/);
    expect(() => deployConfigFromEnv({ DEBRIEF_FILENAME_TIMEZONE: 'America/Nwe_York' })).toThrow(
      /invalid deploy configuration: fileNameStart: unknown time zone America\/Nwe_York/,
    );
    expect(() => deployConfigFromEnv({ DEBRIEF_FILENAME_UTC_OFFSET: 'EST' })).toThrow(/not Z or ±hh:mm/);
  });

  it('local: the same variables, read when the runtime is made (before any call runs)', () => {
    vi.stubEnv('DEBRIEF_FILENAME_TIMEZONE', 'Asia/Kolkata');
    expect(createLocalRuntime({ home: tempDir('clock-home') }).deps.fileNameStart?.clock).toEqual({
      timeZone: 'Asia/Kolkata',
    });
    vi.stubEnv('DEBRIEF_FILENAME_TIMEZONE', 'Asia/Calcuta');
    expect(() => createLocalRuntime({ home: tempDir('clock-home') })).toThrow(
      /unknown time zone Asia\/Calcuta/,
    );
    vi.stubEnv('DEBRIEF_FILENAME_UTC_OFFSET', '+05:30');
    vi.stubEnv('DEBRIEF_FILENAME_TIMEZONE', 'Asia/Kolkata');
    expect(() => createLocalRuntime({ home: tempDir('clock-home') })).toThrow(/are both set/);
  });
});
