import { applyTopicCorrection, runCorrection } from '../enrich/topic-correction.js';
import { detectTopics } from '../enrich/topics.js';
import { TopicsPart } from './enrich-parts.js';
import { enrichmentStep } from './enrichment-step.js';

/**
 * DetectTopics: what the call was about (customer and agent speech only, never IVR prompts). An
 * analyst's correction of the call (locally), as LoadCall read it into the document for this run,
 * beats the model's answer, which stays in the topics lineage's note; the part says which gave the
 * topics (`source`).
 */
export const detectTopicsStep = enrichmentStep(
  'topics',
  TopicsPart,
  (e) => e.topics,
  async (doc, topics, { taxonomy }) => {
    const correction = runCorrection(doc);
    return applyTopicCorrection(await detectTopics(doc, topics, taxonomy), correction, taxonomy);
  },
);
