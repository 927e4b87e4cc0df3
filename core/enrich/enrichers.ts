import type { Summarizer } from '../ports/summarizer.js';
import type { TopicClassifier } from '../ports/topic-classifier.js';
import type { ToxicityDetector } from '../ports/toxicity-detector.js';
import type { Taxonomy } from './taxonomy.js';

/** The three enrichment engines (embedded locally, SageMaker/Bedrock/Comprehend on AWS). */
export interface Enrichers {
  topics: TopicClassifier;
  summarizer: Summarizer;
  toxicity: ToxicityDetector;
  taxonomy: Taxonomy;
  /** A turn at or over this toxicity counts as toxic (calls.toxic_turns). */
  toxicityThreshold: number;
}
