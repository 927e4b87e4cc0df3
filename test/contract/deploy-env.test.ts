import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LambdaConfig } from '../../functions/config.js';
import { DEPLOY_SETTINGS, deployConfigFromEnv, NOT_DEPLOY_SETTINGS } from '../../infra/config.js';
import { reprocessDefaultsFromEnv } from '../../infra/reprocess.js';
import { REPO } from '../helpers/paths.js';

/** The Lambda environment with every enrichment off, plus `extra`. */
const lambda = (extra: Record<string, string>) =>
  LambdaConfig.safeParse({
    DEBRIEF_BUCKET: 'bucket',
    DEBRIEF_TOPICS_ENDPOINT: 'none',
    DEBRIEF_SUMMARY_MODEL_ID: 'none',
    DEBRIEF_TOXICITY_REGION: 'none',
    ...extra,
  });

describe('deploy settings from the deploy shell: an empty value is refused, never a silent 0 or default', () => {
  it.each([
    'DEBRIEF_TOXICITY_THRESHOLD',
    'DEBRIEF_AGENT_CHANNEL',
    'DEBRIEF_RETENTION_RESULTS_DAYS',
    'DEBRIEF_KEEP_UNREDACTED',
    'DEBRIEF_GENESYS_API_BASE',
  ])('%s="" names the variable', (name) => {
    expect(() => deployConfigFromEnv({ [name]: '' })).toThrow(
      `invalid deploy configuration: ${name} is set but empty: unset it for its default, or give it a value`,
    );
  });

  it('every deploy setting, blank included (" "), is refused the same way', () => {
    for (const name of DEPLOY_SETTINGS)
      expect(() => deployConfigFromEnv({ [name]: ' ' }), name).toThrow(`${name} is set but empty`);
  });

  it('the reprocess defaults: an empty tolerated failure percentage is refused like an empty concurrency', () => {
    expect(() => reprocessDefaultsFromEnv({ DEBRIEF_REPROCESS_TOLERATED_FAILURE_PERCENT: '' })).toThrow(
      'DEBRIEF_REPROCESS_TOLERATED_FAILURE_PERCENT is set but empty',
    );
    expect(() => reprocessDefaultsFromEnv({ DEBRIEF_REPROCESS_CONCURRENCY: '' })).toThrow(
      'DEBRIEF_REPROCESS_CONCURRENCY is set but empty',
    );
    expect(reprocessDefaultsFromEnv({ DEBRIEF_REPROCESS_TOLERATED_FAILURE_PERCENT: '0' })).toEqual({
      maxConcurrency: 16,
      toleratedFailurePercentage: 0,
    });
  });

  it('yes/no settings take true/false, yes/no or 1/0 in any case, and refuse anything else', () => {
    const keep = (v: string) =>
      deployConfigFromEnv({ DEBRIEF_KEEP_UNREDACTED: v }).transcription.keepUnredacted;
    const summarize = (v: string) =>
      deployConfigFromEnv({ DEBRIEF_TRANSCRIBE_SUMMARY: v }).transcription.summarize;
    for (const v of ['true', 'TRUE', 'True', 'yes', 'YES', '1', ' true ']) expect(keep(v), v).toBe(true);
    for (const v of ['false', 'FALSE', 'no', 'No', '0']) expect(summarize(v), v).toBe(false);
    expect(summarize('TRUE')).toBe(true);
    expect(keep('false')).toBe(false);
    expect(() => keep('ture')).toThrow(
      'invalid deploy configuration: DEBRIEF_KEEP_UNREDACTED: true or false (also yes/no or 1/0, any case), not "ture"',
    );
    expect(() => summarize('off')).toThrow('DEBRIEF_TRANSCRIBE_SUMMARY: true or false');
  });

  it('the Lambdas refuse an empty threshold or language list instead of reading 0 or none', () => {
    expect(lambda({}).data?.DEBRIEF_TOXICITY_THRESHOLD).toBe(0.5);
    expect(lambda({ DEBRIEF_TOXICITY_THRESHOLD: '0.7' }).data?.DEBRIEF_TOXICITY_THRESHOLD).toBe(0.7);
    expect(lambda({ DEBRIEF_TOXICITY_THRESHOLD: '' }).success).toBe(false);
    expect(lambda({ DEBRIEF_LANGUAGES: '' }).success).toBe(false);
    expect(lambda({ DEBRIEF_LANGUAGES: 'en-US,es-US' }).data?.DEBRIEF_LANGUAGES).toEqual(['en-US', 'es-US']);
  });
});

describe('a DEBRIEF_* variable that is not a deploy setting', () => {
  it('is refused, naming it, the closest setting and the known ones: a misspelling no longer deploys the default', () => {
    const refusal = (() => {
      try {
        deployConfigFromEnv({ DEBRIEF_RETENTION_RESULT_DAYS: '30' });
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(refusal).toMatch(
      /^invalid deploy configuration: DEBRIEF_RETENTION_RESULT_DAYS \(did you mean DEBRIEF_RETENTION_RESULTS_DAYS\?\): not a deploy setting\. The deploy settings are DEBRIEF_TOPICS_ENDPOINT, /,
    );
    expect(refusal).toContain('DEBRIEF_REPROCESS_TOLERATED_FAILURE_PERCENT (README "Deploying to AWS")');
    expect(refusal).toContain('local-mode and CLI variables (DEBRIEF_HOME, DEBRIEF_STAGE, ');
    // Far from every name: no guess.
    expect(() => deployConfigFromEnv({ DEBRIEF_SOMETHING_ELSE: 'x' })).toThrow(
      /^invalid deploy configuration: DEBRIEF_SOMETHING_ELSE: not a deploy setting/,
    );
    // The Lambdas' own variables are written by the deploy, not read from its shell.
    expect(() => deployConfigFromEnv({ DEBRIEF_BUCKET: 'my-bucket' })).toThrow(
      /DEBRIEF_BUCKET: not a deploy setting/,
    );
  });

  it('local-mode, CLI and test-harness variables are let through', () => {
    for (const name of NOT_DEPLOY_SETTINGS)
      expect(() => deployConfigFromEnv({ [name]: 'x' }), name).not.toThrow();
    expect(deployConfigFromEnv({ DEBRIEF_HOME: '/tmp/h', DEBRIEF_SUMMARY_ENGINE: 'openai' })).toEqual(
      deployConfigFromEnv({}),
    );
  });

  it('every DEBRIEF_* name the code, scripts, tests and README use is a deploy setting, a let-through one or a Lambda one', () => {
    const files = [
      'README.md',
      'sst.config.ts',
      ...['adapters', 'cli', 'core', 'functions', 'infra', 'scripts', 'test', 'workflows'].flatMap((dir) =>
        readdirSync(join(REPO, dir), { recursive: true, encoding: 'utf8' })
          .filter((f) => /\.(ts|mjs|md)$/.test(f))
          .map((f) => join(dir, f)),
      ),
    ];
    const used = new Set(
      files.flatMap(
        (f) => readFileSync(join(REPO, f), 'utf8').match(/\bDEBRIEF_[A-Z0-9_]*[A-Z0-9]\b/g) ?? [],
      ),
    );
    const known = new Set([...DEPLOY_SETTINGS, ...NOT_DEPLOY_SETTINGS, ...Object.keys(LambdaConfig.shape)]);
    // Families the README names by prefix, and this test's own examples.
    const examples = [
      'DEBRIEF_GENESYS',
      'DEBRIEF_QUICKSIGHT',
      'DEBRIEF_RETENTION',
      'DEBRIEF_RETENTION_RESULT_DAYS',
    ];
    expect(
      [...used].filter((n) => !known.has(n) && !examples.includes(n) && !n.startsWith('DEBRIEF_SOMETHING')),
    ).toEqual([]);
    expect(used.size).toBeGreaterThan(50);
  });
});
