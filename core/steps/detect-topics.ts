import { detectTopics } from '../enrich/topics.js';
import { TopicsPart } from './enrich-parts.js';
import { enrichmentStep } from './enrichment-step.js';

/** DetectTopics: what the call was about (customer and agent speech only, never IVR prompts). */
export const detectTopicsStep = enrichmentStep(
  'topics',
  TopicsPart,
  (e) => e.topics,
  (doc, topics, { taxonomy }) => detectTopics(doc, topics, taxonomy),
);
