import { beforeAll, describe, expect, it } from 'vitest';
import { createLocalSummarizer } from '../../adapters/local/summary/extractive-summarizer.js';
import { loadTaxonomy } from '../../adapters/local/topics/taxonomy-file.js';
import { loadTopicModel } from '../../adapters/local/topics/topic-model-file.js';
import { loadWordVectors } from '../../adapters/local/topics/word-vectors-file.js';
import { IntentClassifier } from '../../core/enrich/intents.js';
import { summarizeCall } from '../../core/enrich/summary.js';
import { Taxonomy } from '../../core/enrich/taxonomy.js';
import { callWithTurns } from './call-fixture.js';

let taxonomy: Taxonomy;
let intents: IntentClassifier;
beforeAll(async () => {
  taxonomy = await loadTaxonomy();
  intents = new IntentClassifier(taxonomy, loadWordVectors());
});

const tiny = (withIntents: boolean): Taxonomy =>
  Taxonomy.parse({
    version: 't',
    topics: [
      {
        id: 'billing',
        label: 'billing',
        description: '',
        examples: ['a fee'],
        ...(withIntents
          ? {
              intents: [
                {
                  id: 'duplicate_charge',
                  label: 'duplicate charge',
                  examples: ['charged twice for one thing'],
                },
                { id: 'late_fee', label: 'late fee', examples: ['a penalty for paying late'] },
              ],
            }
          : {}),
      },
      { id: 'claims', label: 'claims', description: '', examples: ['a claim'] },
    ],
  });

describe('intents (the taxonomy second level)', () => {
  it('names the intent of a request under its topic, from the words and from word vectors', () => {
    expect(intents.classify('billing', 'the gym took the same amount out twice this month')?.id).toBe(
      'duplicate_charge',
    );
    expect(intents.classify('address_change', "we've moved, please post things to the new house")?.id).toBe(
      'new_address',
    );
    expect(intents.classify('fraud_report', 'somebody nicked my purse with the debit card in it')?.id).toBe(
      'lost_stolen_card',
    );
  });

  it('names none for a topic without intents, a text with no evidence, or no clear winner', () => {
    const words = new IntentClassifier(tiny(true));
    expect(words.classify('claims', 'charged twice')).toBeNull();
    expect(words.classify('billing', 'zzz qqq')).toBeNull();
    expect(words.classify('billing', 'charged twice')?.id).toBe('duplicate_charge');
    expect(new IntentClassifier(tiny(false)).classify('billing', 'charged twice')).toBeNull();
    // Shares sum to 1 over the topic's intents.
    const ranked = words.rank('billing', 'a late charge, twice');
    expect(ranked.reduce((a, r) => a + r.score, 0)).toBeCloseTo(1, 6);
  });

  it("weighs a word of an intent's own label above a word only another intent's examples use", () => {
    const access = Taxonomy.parse({
      version: 't',
      topics: [
        {
          id: 'account_access',
          label: 'account access',
          description: '',
          examples: ['cannot log in'],
          intents: [
            { id: 'new_device', label: 'new phone', examples: ['i set it up on the website'] },
            { id: 'forgotten_username', label: 'forgotten username', examples: ['what is my login name'] },
          ],
        },
        { id: 'claims', label: 'claims', description: '', examples: ['a claim'] },
      ],
    });
    // One word each, used by one intent each: the label's word ("username") decides.
    const ranked = new IntentClassifier(access).rank('account_access', 'website username');
    expect(ranked[0]?.id).toBe('forgotten_username');
    expect(ranked[0]!.score).toBeGreaterThan(0.8);
  });

  it('rejects a topic with the same intent id twice', () => {
    const raw = JSON.parse(JSON.stringify(tiny(true)));
    raw.topics[0].intents.push({ id: 'late_fee', label: 'late fee again', examples: ['x'] });
    expect(() => Taxonomy.parse(raw)).toThrow(/duplicate intent id in billing: late_fee/);
  });

  it('its hash changes with the intents (lineage)', () => {
    const a = new IntentClassifier(tiny(true)).hash;
    const raw = JSON.parse(JSON.stringify(tiny(true)));
    raw.topics[0].intents[1].examples.push('late payment charge');
    expect(new IntentClassifier(Taxonomy.parse(raw)).hash).not.toBe(a);
  });

  it('the local summary names the intent in the reason and in `intent`', async () => {
    // Prepare
    const summarizer = createLocalSummarizer({
      topicModel: loadTopicModel(taxonomy).model,
      topicLabels: new Map(taxonomy.topics.map((t) => [t.id, t.label])),
      intents,
    });
    const call = callWithTurns([
      ['AGENT', 'Thank you for calling First Bank, this is Sam.'],
      [
        'CUSTOMER',
        'Hi. I was charged a late fee on my statement even though I paid on time. I want it removed.',
      ],
      ['AGENT', "I've removed the late fee as a courtesy."],
    ]);
    // Act
    const { value, lineage } = await summarizeCall(call, summarizer);
    // Assess
    expect(value.reasonForCall).toBe(
      'billing — late payment fee: I was charged a late fee on my statement even though I paid on time. I want it removed.',
    );
    expect(value.intent).toBe('late_fee');
    expect(lineage.modelHash).toContain(`intents ${intents.hash.slice(0, 32)}`);
  });
});
