import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../adapters/local/topics/taxonomy-file.js';
import { loadTopicModel } from '../../adapters/local/topics/topic-model-file.js';
import { Taxonomy } from '../../core/enrich/taxonomy.js';
import {
  contentStemKey,
  sameStemOverlaps,
  scoredElsewhere,
  sharedWordPairs,
} from '../../core/enrich/taxonomy-overlaps.js';
import { TopicModel, trainTopicModel } from '../../core/enrich/topic-model.js';

/** Two topics that both teach moving a due date (the trap config/topics.json had). */
const clashing = Taxonomy.parse({
  version: 't',
  topics: [
    {
      id: 'billing',
      label: 'billing',
      description: 'statement, invoice, fees',
      examples: [
        'change the due date on my bill',
        'the due date on my statement is wrong',
        'why is there a late fee on my invoice',
        'the fee on my statement is too high',
      ],
    },
    {
      id: 'payments',
      label: 'payments',
      description: 'making a payment, autopay',
      examples: ['I want to make a payment', 'set up autopay for my loan', 'my payment did not go through'],
      intents: [
        {
          id: 'payment_date',
          label: 'change the payment date',
          examples: ['move my due date', 'I need a different due date', 'my bill due date, change it'],
        },
      ],
    },
  ],
});

describe('taxonomy overlaps', () => {
  it('keys a phrase by its content stems, whatever the stop words and word order', () => {
    expect(contentStemKey('change the due date on my bill')).toBe(
      contentStemKey('my bill due date, change it'),
    );
    expect(contentStemKey('change the due date on my bill')).not.toBe(contentStemKey('move my due date'));
    expect(contentStemKey('the and of')).toBe('');
  });

  it('finds phrases of two topics with the same stems, or one within the other, never within a topic', () => {
    const overlaps = sameStemOverlaps(clashing);
    expect(overlaps[0]).toEqual({
      kind: 'same',
      stems: contentStemKey('change the due date on my bill'),
      a: { topic: 'billing', intent: null, text: 'change the due date on my bill' },
      b: { topic: 'payments', intent: 'payment_date', text: 'my bill due date, change it' },
    });
    // "move my due date" shares only "due date" with billing's phrases: no overlap of its own;
    // "due date" (two stems) is within "change the due date on my bill" and more
    const contained = overlaps.filter((o) => o.kind === 'contained');
    expect(contained.every((o) => o.a.topic !== o.b.topic)).toBe(true);
    expect(overlaps.some((o) => o.a.topic === o.b.topic)).toBe(false);
    expect(overlaps.filter((o) => o.kind === 'same')).toHaveLength(1);
  });

  it('lists neighbouring stems several phrases of two topics use, with their phrases', () => {
    const pairs = sharedWordPairs(clashing, 2);
    expect(pairs.map((p) => p.pair)).toEqual(['due date']);
    expect(pairs[0]?.topics.map((t) => [t.topic, t.phrases.length])).toEqual([
      ['billing', 2],
      ['payments', 3],
    ]);
    // one phrase of billing says "late fee": not two topics
    expect(sharedWordPairs(clashing, 4)).toEqual([]);
  });

  it('finds phrases the model scores higher for another topic', () => {
    const model = new TopicModel(trainTopicModel(clashing).text);
    const found = scoredElsewhere(clashing, model);
    // the payments intent's phrases are not taught to the topic model; the one with "bill" reads as billing
    expect(found.map((f) => [f.phrase.text, f.other])).toContainEqual([
      'my bill due date, change it',
      'billing',
    ]);
    for (const f of found) expect(f.score).toBeGreaterThan(f.own);
    expect(scoredElsewhere(clashing, model, 1)).toEqual([]);
  });

  it('the shipped taxonomy teaches no request to two topics: a bill due date is billing, a payment date payments', async () => {
    const taxonomy = await loadTaxonomy();
    expect(sameStemOverlaps(taxonomy).filter((o) => o.kind === 'same')).toEqual([]);
    const dueDate = sharedWordPairs(taxonomy, 2).find((p) => p.pair === 'due date');
    expect(dueDate?.topics.map((t) => t.topic) ?? []).not.toContain('payments');
    const { model } = loadTopicModel(taxonomy);
    const best = (text: string) => model.scoreCall([{ role: 'CUSTOMER', text }])[0]?.topic;
    // the generator's billing request (sample call-0001-billing), and the dev sets' payday move
    expect(
      best("Can I change when my bill is due? The first of the month doesn't work for me anymore."),
    ).toBe('billing');
    expect(best("I've started a new job paid on the 28th, can my loan payment move to after payday?")).toBe(
      'payments',
    );
  });
});
