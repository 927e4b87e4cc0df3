import { describe, expect, it } from 'vitest';
import { LambdaConfig } from '../../functions/config.js';
import { DEPLOY_SETTINGS, deployConfigFromEnv } from '../../infra/config.js';
import { reprocessDefaultsFromEnv } from '../../infra/reprocess.js';

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
