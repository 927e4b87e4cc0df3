import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalTopicClassifier,
  WINK_NAIVE_BAYES_VERSION,
} from '../../adapters/local/topics/naive-bayes-topic-classifier.js';
import { loadTaxonomy } from '../../adapters/local/topics/taxonomy-file.js';
import type { Taxonomy } from '../../core/enrich/taxonomy.js';
import type { TopicClassifier } from '../../core/ports/topic-classifier.js';
import { REPO } from '../helpers/paths.js';

/** Phrasings that appear nowhere in config/topics.json. */
const HELD_OUT: [string, string][] = [
  ['Hi, I see a charge on my statement that I do not recognize and the fee looks wrong', 'billing'],
  ['Why is my bill so much higher this month, you charged me an extra fee', 'billing'],
  ['I need to send in my loan payment today, can I pay over the phone', 'payments'],
  ['My autopay did not take the payment out this month', 'payments'],
  ['I would like to close my account, please cancel everything', 'cancellation'],
  ['Please cancel my car insurance policy, I sold the car', 'cancellation'],
  ['I cannot sign in, my password does not work and now the account is locked', 'account_access'],
  ['The verification code never arrives so I cannot log in', 'account_access'],
  ['Your app shows an error and crashes every time I open it', 'technical_support'],
  ['The website is not loading, I just get an error page', 'technical_support'],
  ['A tree fell on my roof in the storm and I need to file a claim for the damage', 'claims'],
  ['Has the adjuster looked at my accident claim yet', 'claims'],
  ['I just moved to a new apartment, please update my mailing address', 'address_change'],
  ['My phone number and email changed, can you update my contact details', 'address_change'],
  ['Someone stole my card and made purchases I did not make', 'fraud_report'],
  ['I got a text asking for my pin and now there are unauthorized transactions', 'fraud_report'],
  ['I want to move my old 401k into an IRA', 'retirement_plan'],
  ['How much should I contribute to my retirement account to get the match', 'retirement_plan'],
  ['Are your branches open on Saturday and what are the hours', 'general_inquiry'],
  ['Can you tell me what savings accounts you offer and the rates', 'general_inquiry'],
];

let taxonomy: Taxonomy;
let classifier: TopicClassifier;
const idOf = (label: string) => taxonomy.topics.find((t) => t.label === label)?.id;

beforeAll(async () => {
  taxonomy = await loadTaxonomy();
  classifier = createLocalTopicClassifier(taxonomy);
});

const ask = (inputs: string, multi_label = true, labels = taxonomy.topics.map((t) => t.label)) =>
  classifier.classify({ inputs, parameters: { candidate_labels: labels, multi_label } });

describe('local topic classifier', () => {
  it('labels held-out phrasings with their topic', async () => {
    // Act
    const predicted = await Promise.all(HELD_OUT.map(async ([text]) => idOf((await ask(text)).labels[0]!)));
    const misses = HELD_OUT.map(([text, topic], i) => ({ text, topic, got: predicted[i] })).filter(
      (m) => m.got !== m.topic,
    );
    // Assess: at least 95% right
    expect(misses.length, JSON.stringify(misses)).toBeLessThanOrEqual(1);
  });

  it('answers the zero-shot contract: every candidate once, sorted by score, echoing the input', async () => {
    // Prepare
    const text = 'I lost my wallet and need to block my card';
    // Act
    const response = await ask(text);
    // Assess
    expect(response.sequence).toBe(text);
    expect([...response.labels].sort()).toEqual(taxonomy.topics.map((t) => t.label).sort());
    expect(response.scores).toEqual([...response.scores].sort((a, b) => b - a));
    expect(response.scores.every((s) => s >= 0 && s <= 1)).toBe(true);
    expect(idOf(response.labels[0]!)).toBe('fraud_report');
  });

  it('scores single-label requests as a distribution and unknown candidates as zero evidence', async () => {
    // Act
    const single = await ask('please reset my password', false);
    const unknown = await ask('please reset my password', true, ['account access', 'weather']);
    // Assess
    expect(single.scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(unknown.labels).toEqual(['account access', 'weather']);
    expect(unknown.scores[1]).toBe(0);
  });

  it('does not take identity checks and small talk for a topic', async () => {
    // Prepare: talk heard on every call, in words the taxonomy never lists
    const smallTalk = [
      'Could you please confirm the address we have on file for you?',
      'And the phone number on the account?',
      'Thanks, please hold one moment while I pull that up.',
    ].join('\n');
    // Act
    const response = await ask(smallTalk);
    // Assess
    expect(response.scores[0]).toBeLessThan(taxonomy.minScore);
  });

  it('gives no topic evidence for words it never learned', async () => {
    const response = await ask('zzz qqq xyzzy', true);
    expect(response.scores.every((s) => s === 0)).toBe(true);
  });

  it('records the classifier version that is installed and the taxonomy it learned', () => {
    const installed = JSON.parse(
      readFileSync(join(REPO, 'node_modules/wink-naive-bayes-text-classifier/package.json'), 'utf8'),
    ) as { version: string };
    expect(WINK_NAIVE_BAYES_VERSION).toBe(installed.version);
    expect(classifier.lineage()).toMatchObject({ engine: 'local-naive-bayes', version: installed.version });
    expect(classifier.lineage().model).toContain(taxonomy.version);
  });
});
