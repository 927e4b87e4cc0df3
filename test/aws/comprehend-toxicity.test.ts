import {
  ComprehendClient,
  DetectToxicContentCommand,
  type DetectToxicContentCommandOutput,
  InternalServerException,
  InvalidRequestException,
  TextSizeLimitExceededException,
  TooManyRequestsException,
} from '@aws-sdk/client-comprehend';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createComprehendToxicityDetector } from '../../adapters/aws/comprehend-toxicity.js';
import { detectToxicity } from '../../core/enrich/toxicity.js';
import { EngineError, ThrottledError } from '../../core/errors.js';
import { TOXICITY_LABELS } from '../../core/ports/toxicity-detector.js';
import { callWithTurns } from '../enrich/call-fixture.js';
import { FAKE_AWS_CONFIG, FAST_RETRY } from '../helpers/aws.js';

const client = new ComprehendClient(FAKE_AWS_CONFIG);
const comprehend = mockClient(client);
const FAST = FAST_RETRY;
const detector = () => createComprehendToxicityDetector({ client, retry: FAST });
const bytes = (s: string) => new TextEncoder().encode(s).length;

/** Answers like the service: one result per segment; "idiot" scores 0.9 INSULT. */
const serviceLike = (input: { TextSegments?: { Text?: string }[] }): DetectToxicContentCommandOutput => ({
  ResultList: (input.TextSegments ?? []).map(({ Text = '' }) => {
    const insult = Text.includes('idiot') ? 0.9 : 0.01;
    return {
      Toxicity: insult,
      Labels: TOXICITY_LABELS.map((Name) => ({ Name, Score: Name === 'INSULT' ? insult : 0.01 })),
    };
  }),
  $metadata: {},
});

beforeEach(() => {
  comprehend.reset();
});

describe('Comprehend toxicity detector', () => {
  it('sends the segments and language code exactly as given', async () => {
    // Prepare
    comprehend.on(DetectToxicContentCommand).callsFake(serviceLike);
    const request = { TextSegments: [{ Text: 'hello' }, { Text: 'you idiot' }], LanguageCode: 'en' as const };
    // Act
    const response = await detector().detect(request);
    // Assess
    expect(comprehend.commandCalls(DetectToxicContentCommand)[0]!.args[0].input).toEqual(request);
    expect(response.ResultList.map((r) => r.Toxicity)).toEqual([0.01, 0.9]);
    expect(response.ResultList[1]!.Labels).toHaveLength(7);
  });

  it('through detectToxicity: batches of ≤ 10 segments and ≤ 10 KB, ≤ 1 KB pieces, in call order', async () => {
    // Prepare: 14 turns; turn 3 is 2,699 bytes of multi-byte text (3 pieces), turn 9 holds the insult
    comprehend.on(DetectToxicContentCommand).callsFake(serviceLike);
    const turns = Array.from({ length: 14 }, (_, i) => {
      if (i === 3) return ['CUSTOMER', Array.from({ length: 300 }, () => 'café€').join(' ')] as const;
      if (i === 9) return ['CUSTOMER', 'you are an idiot'] as const;
      return [i % 2 === 0 ? 'AGENT' : 'CUSTOMER', `turn ${i} is fine`] as const;
    });
    const doc = callWithTurns(turns);
    // Act
    const result = await detectToxicity(doc, detector(), 0.5);
    // Assess
    const requests = comprehend.commandCalls(DetectToxicContentCommand).map((c) => c.args[0].input);
    const segments = requests.map((r) => r.TextSegments!.map((s) => s.Text!));
    expect(segments.map((s) => s.length)).toEqual([10, 6]);
    for (const batch of segments) {
      expect(batch.reduce((n, s) => n + bytes(s), 0)).toBeLessThanOrEqual(10_000);
      for (const s of batch) expect(bytes(s)).toBeLessThanOrEqual(1_000);
    }
    expect(requests.every((r) => r.LanguageCode === 'en')).toBe(true);
    const flat = segments.flat();
    expect(flat.slice(0, 3)).toEqual(['turn 0 is fine', 'turn 1 is fine', 'turn 2 is fine']);
    expect(flat.slice(3, 6).join(' ')).toBe(doc.turns[3]!.text);
    expect(flat.slice(6)).toEqual(doc.turns.slice(4).map((t) => t.text));
    expect(result.turns.find((t) => t.index === 9)).toEqual({
      index: 9,
      toxicity: 0.9,
      label: 'INSULT',
      labels: ['INSULT'],
    });
    expect(result).toMatchObject({ max: 0.9, toxicTurns: 1 });
  });

  it('retries TooManyRequests and InternalServer errors, then answers', async () => {
    comprehend
      .on(DetectToxicContentCommand)
      .rejectsOnce(new TooManyRequestsException({ message: 'slow down', $metadata: {} }))
      .rejectsOnce(new InternalServerException({ message: 'oops', $metadata: {} }))
      .callsFake(serviceLike);
    const response = await detector().detect({ TextSegments: [{ Text: 'hi' }], LanguageCode: 'en' });
    expect(response.ResultList).toHaveLength(1);
    expect(comprehend.commandCalls(DetectToxicContentCommand)).toHaveLength(3);
  });

  it('reports persistent throttling as ThrottledError', async () => {
    comprehend
      .on(DetectToxicContentCommand)
      .rejects(new TooManyRequestsException({ message: 'no', $metadata: {} }));
    const error = await detector()
      .detect({ TextSegments: [{ Text: 'hi' }], LanguageCode: 'en' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect(comprehend.commandCalls(DetectToxicContentCommand)).toHaveLength(3);
  });

  it.each([
    [
      'TextSizeLimitExceededException',
      () => new TextSizeLimitExceededException({ message: 'too big', $metadata: {} }),
    ],
    ['InvalidRequestException', () => new InvalidRequestException({ message: 'bad', $metadata: {} })],
  ])('does not retry %s and reports EngineError', async (name, make) => {
    comprehend.on(DetectToxicContentCommand).rejects(make());
    const error = await detector()
      .detect({ TextSegments: [{ Text: 'hi' }], LanguageCode: 'en' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as Error).message).toContain(name);
    expect(comprehend.commandCalls(DetectToxicContentCommand)).toHaveLength(1);
  });
});
