import type { Enrichers } from '../../core/enrich/enrichers.js';
import { createLocalSummarizer } from './summary/extractive-summarizer.js';
import { createLocalTopicClassifier } from './topics/naive-bayes-topic-classifier.js';
import { loadTaxonomy } from './topics/taxonomy-file.js';
import { createLocalToxicityDetector } from './toxicity/lexicon-toxicity-detector.js';

export const DEFAULT_TOXICITY_THRESHOLD = 0.5;

/** The embedded engines: same contracts as SageMaker, Bedrock and Comprehend, no network. */
export const createLocalEnrichers = async (
  options: { taxonomyPath?: string; toxicityThreshold?: number } = {},
): Promise<Enrichers> => {
  const taxonomy = await loadTaxonomy(options.taxonomyPath);
  return {
    topics: createLocalTopicClassifier(taxonomy),
    summarizer: createLocalSummarizer(),
    toxicity: createLocalToxicityDetector(),
    taxonomy,
    toxicityThreshold: options.toxicityThreshold ?? DEFAULT_TOXICITY_THRESHOLD,
  };
};
