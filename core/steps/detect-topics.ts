import type { CallState, EnrichmentBranchResult } from '../../schemas/workflow.js';
import { loadDocument } from '../call-store.js';
import { detectTopics } from '../enrich/topics.js';
import type { StepDeps } from './deps.js';
import { partKey, TopicsPart } from './enrich-parts.js';

/** DetectTopics: what the call was about (customer and agent speech only, never IVR prompts). */
export const detectTopicsStep = async (input: CallState, deps: StepDeps): Promise<EnrichmentBranchResult> => {
  const doc = await loadDocument(deps.store, input.documentKey);
  const { topics, taxonomy } = await deps.enrichers();
  const result = TopicsPart.parse(await detectTopics(doc, topics, taxonomy));
  const key = partKey(deps.prefixes.work, input.callId, 'topics');
  await deps.store.put(key, JSON.stringify(result), 'application/json');
  return { part: 'topics', key };
};
