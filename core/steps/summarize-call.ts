import { summarizeCall } from '../enrich/summary.js';
import { SummaryPart } from './enrich-parts.js';
import { enrichmentStep } from './enrichment-step.js';

/** SummarizeCall: a structured summary (why they called, what was done, resolved or not). */
export const summarizeCallStep = enrichmentStep(
  'summary',
  SummaryPart,
  (e) => e.summarizer,
  (doc, summarizer) => summarizeCall(doc, summarizer),
);
