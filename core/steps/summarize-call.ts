import type { CallState, EnrichmentBranchResult } from '../../schemas/workflow.js';
import { loadDocument } from '../call-store.js';
import { summarizeCall } from '../enrich/summary.js';
import type { StepDeps } from './deps.js';
import { partKey, SummaryPart } from './enrich-parts.js';

/** SummarizeCall: a structured summary (why they called, what was done, resolved or not). */
export const summarizeCallStep = async (
  input: CallState,
  deps: StepDeps,
): Promise<EnrichmentBranchResult> => {
  const doc = await loadDocument(deps.store, input.documentKey);
  const { summarizer } = await deps.enrichers();
  const result = SummaryPart.parse(await summarizeCall(doc, summarizer));
  const key = partKey(deps.prefixes.work, input.callId, 'summary');
  await deps.store.put(key, JSON.stringify(result), 'application/json');
  return { part: 'summary', key };
};
