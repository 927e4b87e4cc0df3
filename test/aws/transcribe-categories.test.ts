import {
  ConflictException,
  CreateCallAnalyticsCategoryCommand,
  TranscribeClient,
  UpdateCallAnalyticsCategoryCommand,
} from '@aws-sdk/client-transcribe';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { syncCategories } from '../../adapters/aws/transcribe-categories.js';
import { loadCategories } from '../../adapters/local/categories-file.js';
import { FAKE_AWS_CONFIG } from '../helpers/aws.js';

const transcribe = mockClient(TranscribeClient);
const client = new TranscribeClient(FAKE_AWS_CONFIG);

describe('call categories deployed to Transcribe (aws-sdk-client-mock)', () => {
  beforeEach(() => transcribe.reset());

  it('sends one exact CreateCallAnalyticsCategory per category of config/categories.json', async () => {
    transcribe.on(CreateCallAnalyticsCategoryCommand).resolves({});
    const categories = await loadCategories();
    const report = await syncCategories(client, categories);
    expect(report).toEqual({ created: categories.map((c) => c.CategoryName), updated: [] });
    const sent = transcribe.commandCalls(CreateCallAnalyticsCategoryCommand).map((c) => c.args[0].input);
    expect(sent).toHaveLength(categories.length);
    expect(sent.find((r) => r.CategoryName === 'no-agent-greeting')).toEqual({
      CategoryName: 'no-agent-greeting',
      InputType: 'POST_CALL',
      Rules: [
        {
          TranscriptFilter: {
            TranscriptFilterType: 'EXACT',
            ParticipantRole: 'AGENT',
            Targets: [
              'thank you for calling',
              'thanks for calling',
              'my name is',
              'this is',
              "you've reached",
            ],
            AbsoluteTimeRange: { First: 180000 },
            Negate: true,
          },
        },
      ],
    });
    // Our description is not a Transcribe field and is never sent.
    expect(sent.every((r) => !('Description' in r))).toBe(true);
  });

  it('updates a category that exists already (ConflictException), and stops on any other error', async () => {
    transcribe
      .on(CreateCallAnalyticsCategoryCommand)
      .rejects(new ConflictException({ message: 'exists', $metadata: { httpStatusCode: 409 } }));
    transcribe.on(UpdateCallAnalyticsCategoryCommand).resolves({});
    const [first] = await loadCategories();
    await expect(syncCategories(client, [first!])).resolves.toEqual({
      created: [],
      updated: [first!.CategoryName],
    });
    expect(transcribe.commandCalls(UpdateCallAnalyticsCategoryCommand)[0]!.args[0].input).toEqual({
      CategoryName: first!.CategoryName,
      Rules: first!.Rules,
      InputType: 'POST_CALL',
    });
    transcribe.reset();
    transcribe.on(CreateCallAnalyticsCategoryCommand).rejects(new Error('AccessDenied'));
    await expect(syncCategories(client, [first!])).rejects.toThrow('AccessDenied');
  });
});
