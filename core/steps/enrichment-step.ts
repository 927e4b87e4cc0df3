import type { z } from 'zod';
import type { CallDocument } from '../../schemas/call-document.js';
import type { CallState, EnrichmentBranchResult, EnrichmentPart } from '../../schemas/workflow.js';
import { loadDocument } from '../call-store.js';
import type { Enrichers } from '../enrich/enrichers.js';
import type { StepDeps } from './deps.js';
import { partKey } from './enrich-parts.js';

/**
 * One branch of the Enrich Parallel state: read the call document, run the part, validate and
 * store its result next to the document, return the key (payloads stay small).
 */
export const enrichmentStep =
  <S extends z.ZodType>(
    part: EnrichmentPart,
    result: S,
    compute: (doc: CallDocument, enrichers: Enrichers) => Promise<z.input<S>>,
  ) =>
  async (input: CallState, deps: StepDeps): Promise<EnrichmentBranchResult> => {
    const doc = await loadDocument(deps.store, input.documentKey);
    const value = result.parse(await compute(doc, await deps.enrichers()));
    const key = partKey(deps.prefixes.work, input.callId, part);
    await deps.store.put(key, JSON.stringify(value), 'application/json');
    return { part, key };
  };
