import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../adapters/local/topics/taxonomy-file.js';
import { checkTopicModelFile } from '../../adapters/local/topics/topic-model-file.js';
import { tempDir } from '../helpers/paths.js';

/** A model file as far as the check reads it: its version and its topic list. */
const modelFile = (topics: { id: string; label: string }[]): string => {
  const file = join(tempDir('model-check'), 'model.json');
  writeFileSync(file, JSON.stringify({ version: '2026.15-mine+887calls', topics }));
  return file;
};

describe('a topic model trained on another taxonomy (found by trial18)', () => {
  it('names what differs, not both topic lists in full', async () => {
    // Prepare: the shipped taxonomy, and models that differ from it in each way
    const taxonomy = await loadTaxonomy();
    const ours = taxonomy.topics.map((t) => ({ id: t.id, label: t.label }));
    const added = modelFile([...ours, { id: 'website_errors', label: 'website errors' }]);
    const dropped = modelFile(ours.filter((t) => t.id !== 'claims' && t.id !== 'billing'));
    const relabelled = modelFile(
      ours.map((t) => (t.id === 'claims' ? { ...t, label: 'insurance claims' } : t)),
    );
    const reordered = modelFile([...ours].reverse());
    const message = (file: string) => {
      try {
        checkTopicModelFile(taxonomy, file);
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    // Act + Assess: one short reason each, and the fix
    const fix =
      'run debrief topics train again with this taxonomy, or pass the taxonomy it was trained on (--topics)';
    expect(message(added)).toBe(
      `${added}: trained on other topics than the taxonomy (${taxonomy.version}): the model (2026.15-mine+887calls) has website_errors, the taxonomy does not: ${fix}`,
    );
    expect(message(dropped)).toBe(
      `${dropped}: trained on other topics than the taxonomy (${taxonomy.version}): the taxonomy has billing, claims, the model (2026.15-mine+887calls) does not: ${fix}`,
    );
    expect(message(relabelled)).toBe(
      `${relabelled}: trained on other topics than the taxonomy (${taxonomy.version}): claims is "insurance claims" in the model (2026.15-mine+887calls), "claims" in the taxonomy: ${fix}`,
    );
    expect(message(reordered)).toBe(
      `${reordered}: trained on other topics than the taxonomy (${taxonomy.version}): the same topics in another order in the model (2026.15-mine+887calls): ${fix}`,
    );
    expect(message(modelFile(ours))).toBe('accepted');
  });
});
