import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../adapters/local/topics/taxonomy-file.js';
import { Taxonomy } from '../../core/enrich/taxonomy.js';
import { InvalidInputError } from '../../core/errors.js';
import { tempDir } from '../helpers/paths.js';

describe('taxonomy', () => {
  it('ships the ten default topics, each with a description and at least 30 examples', async () => {
    const taxonomy = await loadTaxonomy();
    expect(taxonomy.topics.map((t) => t.id)).toEqual([
      'billing',
      'payments',
      'cancellation',
      'account_access',
      'technical_support',
      'claims',
      'address_change',
      'fraud_report',
      'retirement_plan',
      'general_inquiry',
    ]);
    for (const topic of taxonomy.topics) {
      expect(topic.description.length).toBeGreaterThan(10);
      expect(topic.examples.length).toBeGreaterThanOrEqual(30);
    }
  });

  it('rejects duplicate ids or labels', () => {
    const topic = { id: 'billing', label: 'billing', description: 'd', examples: ['x'] };
    const result = Taxonomy.safeParse({ version: '1', topics: [topic, { ...topic, label: 'other' }] });
    expect(result.success).toBe(false);
  });

  it('reads a deployment file and reports a broken one as invalid input', async () => {
    // Prepare
    const dir = tempDir('taxonomy');
    const good = join(dir, 'good.json');
    const bad = join(dir, 'bad.json');
    const topics = [
      { id: 'a', label: 'a', description: 'a', examples: ['a'] },
      { id: 'b', label: 'b', description: 'b', examples: ['b'] },
    ];
    writeFileSync(good, JSON.stringify({ version: 'x', topics }));
    writeFileSync(bad, '{"version": "x", "topics": [');
    // Act
    const loaded = await loadTaxonomy(good);
    // Assess
    expect(loaded).toMatchObject({ version: 'x', minScore: 0.3, maxTopics: 3 });
    await expect(loadTaxonomy(bad)).rejects.toBeInstanceOf(InvalidInputError);
  });
});
