import { ComprehendClient, DetectToxicContentCommand } from '@aws-sdk/client-comprehend';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createComprehendToxicityDetector } from '../../adapters/aws/comprehend-toxicity.js';
import type { Enrichers } from '../../core/enrich/enrichers.js';
import type { StepDeps } from '../../core/steps/deps.js';
import { detectToxicityStep } from '../../core/steps/detect-toxicity.js';
import { deployConfigFromEnv } from '../../infra/config.js';
import type { CallState } from '../../schemas/workflow.js';
import { callWithTurns } from '../enrich/call-fixture.js';
import { FAKE_AWS_CONFIG, FAST_RETRY } from '../helpers/aws.js';
import { MemoryObjectStore } from '../helpers/memory-store.js';

const client = new ComprehendClient(FAKE_AWS_CONFIG);
const comprehend = mockClient(client);
const DOCUMENT_KEY = 'work/call-1/document.json';

/** DetectToxicity on AWS (the Comprehend adapter) for a call whose transcript is in `language`. */
const runStep = async (language: string) => {
  const store = new MemoryObjectStore();
  const doc = {
    ...callWithTurns([
      ['AGENT', 'Thanks for calling, how can I help?'],
      ['CUSTOMER', 'you are an idiot'],
    ]),
    language,
  };
  await store.put(DOCUMENT_KEY, JSON.stringify(doc));
  const enrichers = {
    topics: null,
    summarizer: null,
    toxicity: createComprehendToxicityDetector({ client, retry: FAST_RETRY }),
    toxicityThreshold: 0.5,
  } as unknown as Enrichers;
  const deps = { store, enrichers: async () => enrichers } as unknown as StepDeps;
  return detectToxicityStep({ callId: 'call-1', documentKey: DOCUMENT_KEY } as CallState, deps);
};

beforeEach(() => {
  comprehend.reset();
  comprehend
    .on(DetectToxicContentCommand)
    .callsFake(({ TextSegments }: { TextSegments: { Text: string }[] }) => ({
      ResultList: TextSegments.map(({ Text }) => {
        const score = Text.includes('idiot') ? 0.9 : 0.01;
        return { Toxicity: score, Labels: [{ Name: 'INSULT', Score: score }] };
      }),
    }));
});

describe('toxicity is measured in English only (Comprehend DetectToxicContent reads English only)', () => {
  it('a call whose language is blank is not sent either, and the reason says the language is unknown', async () => {
    const result = await runStep(' ');
    expect(comprehend.commandCalls(DetectToxicContentCommand)).toHaveLength(0);
    expect(result).toMatchObject({
      off: true,
      reason:
        'toxicity not measured: the transcript is in an unknown language, and toxicity detection reads English only (en-*)',
    });
  });

  it.each(['es-US', 'fr-FR', 'de'])(
    'a call in %s is not sent: toxicity off, with the reason',
    async (language) => {
      // Act
      const result = await runStep(language);
      // Assess
      expect(comprehend.commandCalls(DetectToxicContentCommand)).toHaveLength(0);
      expect(result).toEqual({
        part: 'toxicity',
        off: true,
        reason: `toxicity not measured: the transcript is in ${language}, and toxicity detection reads English only (en-*)`,
      });
    },
  );

  it.each(['en-US', 'en-GB', 'en'])(
    'a call in %s is sent as English, exactly the customer and agent turns',
    async (language) => {
      // Act
      const result = await runStep(language);
      // Assess
      expect(comprehend.commandCalls(DetectToxicContentCommand).map((c) => c.args[0].input)).toEqual([
        {
          TextSegments: [{ Text: 'Thanks for calling, how can I help?' }, { Text: 'you are an idiot' }],
          LanguageCode: 'en',
        },
      ]);
      expect(result).toEqual({ part: 'toxicity', key: expect.stringContaining('toxicity') });
    },
  );

  it('a deploy whose recordings are in no English language is accepted (dropped and stored transcripts carry their own language: an English one is measured)', () => {
    expect(deployConfigFromEnv({ DEBRIEF_LANGUAGES: 'es-US' }).transcription.languages).toEqual(['es-US']);
    expect(
      deployConfigFromEnv({ DEBRIEF_LANGUAGES: 'es-US', DEBRIEF_TOXICITY_REGION: 'none' }).transcription
        .languages,
    ).toEqual(['es-US']);
    expect(deployConfigFromEnv({ DEBRIEF_LANGUAGES: 'es-US,en-US' }).transcription.languages).toEqual([
      'es-US',
      'en-US',
    ]);
  });
});
