import { beforeAll, describe, expect, it } from 'vitest';
import { createLocalTopicClassifier } from '../../adapters/local/topics/local-topic-classifier.js';
import { loadTaxonomy } from '../../adapters/local/topics/taxonomy-file.js';
import { shippedCallLessons } from '../../adapters/local/topics/topic-calls-file.js';
import { loadTopicModel } from '../../adapters/local/topics/topic-model-file.js';
import type { Taxonomy } from '../../core/enrich/taxonomy.js';
import { detectTopics, topicText } from '../../core/enrich/topics.js';
import type { TopicClassifier, ZeroShotRequest } from '../../core/ports/topic-classifier.js';
import { callWithTurns } from './call-fixture.js';

let taxonomy: Taxonomy;
beforeAll(async () => {
  taxonomy = await loadTaxonomy();
});

/** Answers with fixed scores per label and keeps the requests it got. */
const scripted = (scores: Record<string, number>) => {
  const requests: ZeroShotRequest[] = [];
  const classifier: TopicClassifier = {
    classify: async (request) => {
      requests.push(request);
      const labels = Object.keys(scores).sort((a, b) => scores[b]! - scores[a]!);
      return { sequence: request.inputs, labels, scores: labels.map((l) => scores[l]!) };
    },
    lineage: () => ({ engine: 'scripted', version: '1', model: 'endpoint-x', promptHash: null, note: null }),
  };
  return { classifier, requests };
};

describe('detectTopics', () => {
  it('sends customer and agent speech with its speaker, never IVR prompts, with the taxonomy labels as candidates', async () => {
    // Prepare
    const doc = callWithTurns([
      ['IVR', 'For billing press one. For claims press two.'],
      ['AGENT', 'Thanks for calling, how can I help?'],
      ['CUSTOMER', 'I want to roll over my 401k.'],
    ]);
    const { classifier, requests } = scripted({ 'retirement plan': 0.9 });
    // Act
    await detectTopics(doc, classifier, taxonomy);
    // Assess
    expect(requests).toEqual([
      {
        inputs: 'Agent: Thanks for calling, how can I help?\nCustomer: I want to roll over my 401k.',
        parameters: { candidate_labels: taxonomy.topics.map((t) => t.label), multi_label: true },
      },
    ]);
  });

  it('ranks the labels over the minimum score by score, maps them to topic ids and caps their number', async () => {
    // Prepare
    const doc = callWithTurns([['CUSTOMER', 'I lost my card and there are charges I did not make.']]);
    const { classifier } = scripted({
      'fraud report': 0.92,
      billing: 0.55,
      payments: 0.41,
      'account access': 0.35,
      claims: 0.1,
      'not in taxonomy': 0.99,
    });
    const tax = { ...taxonomy, minScore: 0.3, maxTopics: 3 };
    // Act
    const { matches, lineage } = await detectTopics(doc, classifier, tax);
    // Assess
    expect(matches).toEqual([
      { topic: 'fraud_report', score: 0.92, rank: 1 },
      { topic: 'billing', score: 0.55, rank: 2 },
      { topic: 'payments', score: 0.41, rank: 3 },
    ]);
    expect(lineage.model).toBe('endpoint-x');
  });

  it('reports no topic, without asking the classifier, when nobody spoke', async () => {
    const doc = callWithTurns([['IVR', 'Our offices are closed.']]);
    const { classifier, requests } = scripted({ billing: 1 });
    const { matches } = await detectTopics(doc, classifier, taxonomy);
    expect(matches).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('finds the topic of a whole call with the local classifier', async () => {
    // Prepare
    const doc = callWithTurns([
      ['IVR', 'Para español oprima dos. Please hold for the next available agent.'],
      ['AGENT', 'Thank you for calling, this is Maria, how can I help you today?'],
      ['CUSTOMER', 'Hi, I moved last week and my mail is still going to my old house.'],
      ['AGENT', 'I can help with that. What is the new street address?'],
      ['CUSTOMER', 'It is [PII].'],
      ['AGENT', 'I have updated the mailing address on your account.'],
    ]);
    // Act
    const { model, source } = loadTopicModel(taxonomy);
    const { matches, lineage } = await detectTopics(doc, createLocalTopicClassifier(model, source), taxonomy);
    // Assess
    expect(matches[0]?.topic).toBe('address_change');
    expect(lineage).toMatchObject({
      engine: 'local-topic-model',
      // the taxonomy and the dev sets' labelled calls (config/topic-calls.json)
      version: `${taxonomy.version}+${shippedCallLessons(taxonomy).calls}calls`,
      modelHash: model.hash,
    });
  });
});

describe('topicText', () => {
  it('stops at the character budget', () => {
    const doc = callWithTurns([
      ['CUSTOMER', 'a'.repeat(30)],
      ['AGENT', 'b'.repeat(30)],
      ['CUSTOMER', 'c'.repeat(30)],
    ]);
    const text = topicText(doc.turns, 50);
    expect(text.length).toBeLessThanOrEqual(50);
    expect(text.startsWith(`Customer: ${'a'.repeat(30)}`)).toBe(true);
  });
});
