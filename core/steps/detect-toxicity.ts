import { detectToxicity, toxicityNotMeasured } from '../enrich/toxicity.js';
import { ToxicityPart } from './enrich-parts.js';
import { enrichmentStep } from './enrichment-step.js';

/**
 * DetectToxicity: a toxicity score and top label per turn, and the call's worst. A call that is
 * not in English is not sent: `off`, with the reason (the detectors read English only).
 */
export const detectToxicityStep = enrichmentStep(
  'toxicity',
  ToxicityPart,
  (e) => e.toxicity,
  async (doc, toxicity, { toxicityThreshold }) => ({
    ...(await detectToxicity(doc, toxicity, toxicityThreshold)),
    threshold: toxicityThreshold,
  }),
  toxicityNotMeasured,
);
