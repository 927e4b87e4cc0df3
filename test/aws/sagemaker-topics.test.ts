import {
  InvokeEndpointCommand,
  type InvokeEndpointCommandOutput,
  ModelError,
  SageMakerRuntimeClient,
  SageMakerRuntimeServiceException,
  ServiceUnavailable,
  ValidationError,
} from '@aws-sdk/client-sagemaker-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSageMakerTopicClassifier } from '../../adapters/aws/sagemaker-topics.js';
import { EngineError, ThrottledError } from '../../core/errors.js';
import type { ZeroShotRequest } from '../../core/ports/topic-classifier.js';
import { FAKE_AWS_CONFIG, FAST_RETRY } from '../helpers/aws.js';

const client = new SageMakerRuntimeClient(FAKE_AWS_CONFIG);
const sagemaker = mockClient(client);
const FAST = FAST_RETRY;

const REQUEST: ZeroShotRequest = {
  inputs: 'I lost my card and there are charges I did not make',
  parameters: { candidate_labels: ['fraud report', 'billing'], multi_label: true },
};
const ANSWER = { sequence: REQUEST.inputs, labels: ['fraud report', 'billing'], scores: [0.94, 0.31] };

const body = (value: unknown) =>
  new TextEncoder().encode(
    typeof value === 'string' ? value : JSON.stringify(value),
  ) as InvokeEndpointCommandOutput['Body'];

const classifier = () =>
  createSageMakerTopicClassifier({
    client,
    endpointName: 'debrief-topics',
    modelVersion: 'facebook/bart-large-mnli@c626438',
    timeoutMs: 5_000,
    retry: FAST,
  });

const serviceError = (name: string) =>
  new SageMakerRuntimeServiceException({
    name,
    $fault: 'client',
    $metadata: {},
    message: `${name} happened`,
  });

beforeEach(() => {
  sagemaker.reset();
});

describe('SageMaker topic classifier', () => {
  it('invokes the endpoint with the zero-shot JSON body, content types and a timeout signal', async () => {
    // Prepare
    sagemaker.on(InvokeEndpointCommand).resolves({ Body: body(ANSWER), ContentType: 'application/json' });
    // Act
    const response = await classifier().classify(REQUEST);
    // Assess
    expect(sagemaker.commandCalls(InvokeEndpointCommand)).toHaveLength(1);
    const call = sagemaker.commandCalls(InvokeEndpointCommand)[0]!;
    expect(call.args[0].input).toEqual({
      EndpointName: 'debrief-topics',
      ContentType: 'application/json',
      Accept: 'application/json',
      Body: JSON.stringify(REQUEST),
    });
    expect(JSON.parse(call.args[0].input.Body as string)).toEqual({
      inputs: REQUEST.inputs,
      parameters: { candidate_labels: ['fraud report', 'billing'], multi_label: true },
    });
    expect((call.args as unknown[])[1]).toMatchObject({ abortSignal: expect.any(AbortSignal) });
    expect(response).toEqual(ANSWER);
  });

  it('accepts the one-element list some containers answer with', async () => {
    sagemaker.on(InvokeEndpointCommand).resolves({ Body: body([ANSWER]) });
    await expect(classifier().classify(REQUEST)).resolves.toEqual(ANSWER);
  });

  it('retries throttling and then succeeds', async () => {
    // Prepare
    sagemaker
      .on(InvokeEndpointCommand)
      .rejectsOnce(serviceError('ThrottlingException'))
      .rejectsOnce(new ServiceUnavailable({ message: 'busy', $metadata: {} }))
      .resolves({ Body: body(ANSWER) });
    // Act
    const response = await classifier().classify(REQUEST);
    // Assess
    expect(response.labels[0]).toBe('fraud report');
    expect(sagemaker.commandCalls(InvokeEndpointCommand)).toHaveLength(3);
  });

  it('turns throttling that outlasts the retries into ThrottledError', async () => {
    sagemaker.on(InvokeEndpointCommand).rejects(serviceError('ThrottlingException'));
    const error = await classifier()
      .classify(REQUEST)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as Error).name).toBe('ThrottledError');
    expect(sagemaker.commandCalls(InvokeEndpointCommand)).toHaveLength(3);
  });

  it.each([
    ['ValidationError', () => new ValidationError({ message: 'no such endpoint', $metadata: {} })],
    [
      'ModelError',
      () => new ModelError({ message: 'container crashed', OriginalStatusCode: 500, $metadata: {} }),
    ],
  ])('does not retry %s and reports it as EngineError', async (name, make) => {
    sagemaker.on(InvokeEndpointCommand).rejects(make());
    const error = await classifier()
      .classify(REQUEST)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as Error).name).toBe('EngineError');
    expect((error as Error).message).toContain(name);
    expect(sagemaker.commandCalls(InvokeEndpointCommand)).toHaveLength(1);
  });

  it.each([
    ['a body that is not JSON', 'Internal error'],
    ['labels without scores', { sequence: 'x', labels: ['billing'], scores: [] }],
    ['a score out of range', { sequence: 'x', labels: ['billing'], scores: [7] }],
  ])('rejects %s with EngineError', async (_, answer) => {
    sagemaker.on(InvokeEndpointCommand).resolves({ Body: body(answer) });
    await expect(classifier().classify(REQUEST)).rejects.toBeInstanceOf(EngineError);
  });

  it('records the endpoint and the model it serves in lineage', () => {
    expect(classifier().lineage()).toEqual({
      engine: 'sagemaker',
      version: 'facebook/bart-large-mnli@c626438',
      model: 'debrief-topics',
      promptHash: null,
      note: null,
    });
  });
});
