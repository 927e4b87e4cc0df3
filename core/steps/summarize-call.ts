import { summarizeCall } from '../enrich/summary.js';
import { correctedTopic, runCorrection } from '../enrich/topic-correction.js';
import { missingFields, preferTranscribe, transcribeAnswers } from '../enrich/transcribe-summary.js';
import { redactSummary } from '../pii/redact-document.js';
import { SummaryPart } from './enrich-parts.js';
import { enrichmentStep } from './enrichment-step.js';

/**
 * SummarizeCall: a structured summary (why they called, what was done, resolved or not).
 * Transcribe's own answers come first (its generative summary, detected issues, outcomes and
 * action items); the summary engine (local or Bedrock) is asked only for what Transcribe left
 * unanswered, and lineage.summary says which engine wrote the summary. With the summary engine
 * switched off the part is `off` (Transcribe's answers stay in calls.transcribe_summary and
 * call_findings).
 *
 * The summary engine only ever reads redacted turns; whatever wrote the summary, it is redacted
 * again before it is stored, so a summary cannot reintroduce a value (a number spelled out, a name).
 */
export const summarizeCallStep = enrichmentStep(
  'summary',
  SummaryPart,
  (e) => e.summarizer,
  async (doc, summarizer, { taxonomy }, deps) => {
    const answers = transcribeAnswers(doc);
    // An analyst's correction of the call's topic (locally) names its request, as it is its topic:
    // the one LoadCall read for this run, the same DetectTopics applies.
    const topic = correctedTopic(runCorrection(doc), taxonomy);
    const engine = missingFields(answers).length > 0 ? await summarizeCall(doc, summarizer, topic) : null;
    const part = preferTranscribe(doc, answers, engine);
    const redacted = redactSummary(part.value, doc, deps.piiMode);
    return { ...part, value: redacted.value, piiRedactions: redacted.redactions };
  },
);
