import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../adapters/local/topics/taxonomy-file.js';
import { loadWordVectors } from '../../adapters/local/topics/word-vectors-file.js';
import { LOGISTIC_TRAINING, logisticPosterior, trainLogistic } from '../../core/enrich/topic-logistic.js';
import { TopicModel, trainTopicModel } from '../../core/enrich/topic-model.js';

const toy = [
  { features: ['card', 'lost'], label: 'fraud' },
  { features: ['card', 'stolen'], label: 'fraud' },
  { features: ['wallet', 'stolen'], label: 'fraud' },
  { features: ['fee', 'statement'], label: 'billing' },
  { features: ['charge', 'statement'], label: 'billing' },
  { features: ['fee', 'charge'], label: 'billing' },
  { features: ['hello', 'thanks'], label: '__background__' },
  { features: ['thanks', 'bye'], label: '__background__' },
];
const options = { ...LOGISTIC_TRAINING, l2: 3e-4, minCount: 1 };
const asMap = (m: ReturnType<typeof trainLogistic>) => ({
  ...m,
  weights: new Map(Object.entries(m.weights)),
});

describe('trainLogistic', () => {
  it('learns which class each feature speaks for, jointly: a word shared by two classes weighs less than one that is not', () => {
    // Act
    const model = asMap(trainLogistic(toy, options));
    // Assess
    const fraud = logisticPosterior(model, ['stolen'])!;
    expect(fraud.get('fraud')).toBeGreaterThan(0.8);
    const billing = logisticPosterior(model, ['statement', 'fee'])!;
    expect(billing.get('billing')).toBeGreaterThan(0.9);
    // 'card' is fraud's only; 'statement' billing's only; the sums are distributions
    expect([...fraud.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(logisticPosterior(model, ['card'])!.get('fraud')).toBeGreaterThan(
      logisticPosterior(model, ['card'])!.get('billing')!,
    );
  });

  it('gives the same weights for the same examples (deterministic), and none for a feature seen fewer than minCount times', () => {
    // Act
    const a = trainLogistic(toy, options);
    const b = trainLogistic(toy, options);
    const pruned = trainLogistic(toy, { ...options, minCount: 2 });
    // Assess
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(Object.keys(a.weights)).toContain('lost');
    expect(Object.keys(pruned.weights)).not.toContain('lost');
    expect(Object.keys(pruned.weights)).toContain('stolen');
  });

  it('says nothing (null) about a text with no known feature', () => {
    const model = asMap(trainLogistic(toy, options));
    expect(logisticPosterior(model, ['mortgage', 'rate'])).toBeNull();
  });
});

describe('the topic model with its logistic regression', () => {
  it('trains one only when logisticWeight is above 0; it moves how a turn splits over the topics, never how topical the turn is', async () => {
    // Prepare
    const taxonomy = await loadTaxonomy();
    const vectors = loadWordVectors();
    const text = 'there is a charge on my card from a shop I have never been to and I want the money back';
    // Act
    const without = trainTopicModel(taxonomy, { vectors, params: { logisticWeight: 0 } });
    const withIt = trainTopicModel(taxonomy, { vectors, params: { logisticWeight: 0.3 } });
    const a = new TopicModel(without.text, vectors).scoreText(text)!;
    const b = new TopicModel(withIt.text, vectors).scoreText(text)!;
    // Assess
    expect(without.file.logistic).toBeUndefined();
    expect(withIt.file.logistic?.classes).toEqual(expect.arrayContaining(['__background__']));
    expect(Object.keys(withIt.file.logistic?.weights ?? {}).length).toBeGreaterThan(1000);
    expect(b.background).toBe(a.background);
    const sum = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((x, y) => x + y, 0);
    expect(sum(b.topics)).toBeCloseTo(sum(a.topics), 10);
    expect([...b.topics.entries()]).not.toEqual([...a.topics.entries()]);
  });

  it('reads a model file written before it (no logistic regression, no logisticWeight) as before', async () => {
    // Prepare
    const taxonomy = await loadTaxonomy();
    const vectors = loadWordVectors();
    const trained = trainTopicModel(taxonomy, { vectors, params: { logisticWeight: 0 } });
    const old = JSON.parse(trained.text) as { params: Record<string, unknown> };
    delete old.params.logisticWeight;
    delete old.params.logisticL2;
    // Act
    const model = new TopicModel(JSON.stringify(old), vectors);
    // Assess
    expect(model.params.logisticWeight).toBe(0);
    expect(model.scoreText('I lost my card')).toEqual(
      new TopicModel(trained.text, vectors).scoreText('I lost my card'),
    );
  });
});
