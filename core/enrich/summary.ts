import type { CallDocument, CallSummary, LineageEntry } from '../../schemas/call-document.js';
import type { Summarizer, SummaryInput, SummaryTurn } from '../ports/summarizer.js';

export const EMPTY_SUMMARY: CallSummary = {
  summary: null,
  reasonForCall: null,
  resolution: null,
  resolved: null,
  callbackNeeded: null,
  actionItems: [],
  outcome: null,
  actions: [],
};

/** What a summarizer sees: customer and agent speech in call order, IVR prompts left out. */
export const summaryInput = (doc: CallDocument, topic?: string | null): SummaryInput => ({
  ...(topic === undefined ? {} : { topic }),
  ...(doc.roleSource === 'speaker-diarization' ? { roleSource: doc.roleSource } : {}),
  callId: doc.callId,
  language: doc.language,
  turns: doc.turns
    .filter((t) => t.role !== 'IVR' && t.text.trim() !== '')
    .map((t): SummaryTurn => ({ role: t.role, text: t.text.trim() })),
});

/**
 * The summary step's one decision point: which summary a call gets. Today the configured engine
 * (adapters/summary-engine.ts locally, Bedrock on AWS); when Transcribe's own summary lands on the
 * call document (issue "Real files as they come"), it is used here when present and the engine
 * only where Transcribe gave nothing.
 */
export const summarizeCall = async (
  doc: CallDocument,
  summarizer: Summarizer,
  /** An analyst's topic for the call (SummaryInput.topic). */
  topic?: string | null,
): Promise<{ value: CallSummary; lineage: LineageEntry }> => {
  const lineage = summarizer.lineage();
  const input = summaryInput(doc, topic);
  // Nothing was said: an engine could only invent a summary.
  if (input.turns.length === 0) return { value: EMPTY_SUMMARY, lineage };
  return { value: await summarizer.summarize(input), lineage };
};
