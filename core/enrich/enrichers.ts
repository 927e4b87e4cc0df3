import type { Summarizer } from '../ports/summarizer.js';
import type { TopicClassifier } from '../ports/topic-classifier.js';
import type { ToxicityDetector } from '../ports/toxicity-detector.js';
import type { Taxonomy } from './taxonomy.js';

/**
 * The three enrichment engines (embedded locally, SageMaker/Bedrock/Comprehend on AWS). `null`
 * means switched off by configuration: the part is recorded as `off` and the call still lands
 * `processed` (a failure, by contrast, makes it `partial`).
 */
export interface Enrichers {
  topics: TopicClassifier | null;
  summarizer: Summarizer | null;
  toxicity: ToxicityDetector | null;
  taxonomy: Taxonomy;
  /** A turn at or over this toxicity counts as toxic (calls.toxic_turns). */
  toxicityThreshold: number;
}
