import type { CallState, EnrichmentBranchResult } from '../../schemas/workflow.js';
import { loadDocument } from '../call-store.js';
import { detectToxicity } from '../enrich/toxicity.js';
import type { StepDeps } from './deps.js';
import { partKey, ToxicityPart } from './enrich-parts.js';

/** DetectToxicity: a toxicity score and top label per turn, and the call's worst. */
export const detectToxicityStep = async (
  input: CallState,
  deps: StepDeps,
): Promise<EnrichmentBranchResult> => {
  const doc = await loadDocument(deps.store, input.documentKey);
  const { toxicity, toxicityThreshold } = await deps.enrichers();
  const result = ToxicityPart.parse({
    ...(await detectToxicity(doc, toxicity, toxicityThreshold)),
    threshold: toxicityThreshold,
  });
  const key = partKey(deps.prefixes.work, input.callId, 'toxicity');
  await deps.store.put(key, JSON.stringify(result), 'application/json');
  return { part: 'toxicity', key };
};
