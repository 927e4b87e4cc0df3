import type { z } from 'zod';
import type { CallDocument } from '../../schemas/call-document.js';
import { compileCanonicalForm } from '../../schemas/canonical-check.js';
import type { CallState, EnrichmentBranchResult, EnrichmentPart } from '../../schemas/workflow.js';
import { loadDocument } from '../call-store.js';
import type { Enrichers } from '../enrich/enrichers.js';
import type { StepDeps } from './deps.js';
import { partKey } from './enrich-parts.js';
import { deepFreeze, freezingStepInputs } from './frozen-inputs.js';

/** Why a CTR-only call has no topics, summary or toxicity (calls.*_status `not_applicable`). */
export const NOT_APPLICABLE = 'not applicable: a CTR-only call (never recorded), no speech to read';

/**
 * One branch of the Enrich Parallel state: read the call document, run the part, validate and
 * store its result next to the document, return the key (payloads stay small). An engine that
 * configuration switched off (`null`), or a call the part cannot measure (`notMeasured`: its
 * language), yields an `off` result with the reason: nothing is sent, computed or invented.
 */
export const enrichmentStep = <S extends z.ZodType, E>(
  part: EnrichmentPart,
  result: S,
  engine: (enrichers: Enrichers) => E | null,
  compute: (doc: CallDocument, engine: E, enrichers: Enrichers, deps: StepDeps) => Promise<z.input<S>>,
  /** Why this call cannot be measured by the part (e.g. its language), or null: then `off` with that reason. */
  notMeasured: (doc: CallDocument) => string | null = () => null,
) => {
  // The engine's value as it is when already in the part's form (what zod would return, key for
  // key: schemas/canonical-check.ts), else zod's copy; nothing writes to a part's value later
  // (test/core/step-inputs-frozen.test.ts freezes it).
  const form = compileCanonicalForm(result);
  return async (input: CallState, deps: StepDeps): Promise<EnrichmentBranchResult> => {
    const doc = await loadDocument(deps.store, input.documentKey);
    // A CTR-only call has no speech to read: not applicable, no engine is loaded or asked.
    if (!doc.hasRecording) return { part, notApplicable: true, reason: NOT_APPLICABLE };
    const enrichers = await deps.enrichers();
    const chosen = engine(enrichers);
    if (chosen === null) return { part, off: true, reason: `${part} switched off by configuration` };
    const why = notMeasured(doc);
    if (why !== null) return { part, off: true, reason: why };
    const computed = await compute(doc, chosen, enrichers, deps);
    const value = form?.(computed) ?? result.parse(computed);
    if (freezingStepInputs()) deepFreeze(value);
    const key = partKey(input.documentKey, part);
    // Kept as the value where the store keeps working objects (ApplyEnrichment takes it as is).
    if (!deps.store.documents?.set(key, value, (v) => JSON.stringify(v)))
      await deps.store.put(key, JSON.stringify(value), 'application/json');
    return { part, key };
  };
};
