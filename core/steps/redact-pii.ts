import type { CallState } from '../../schemas/workflow.js';
import { loadDocument, saveDocument } from '../call-store.js';
import { redactDocument } from '../pii/redact-document.js';
import type { StepDeps } from './deps.js';

/**
 * RedactPii: redact every transcript, whatever its source (Transcribe misses values, may have
 * run unredacted, or not at all), right after MergeCtr (so the people the CTR names are known)
 * and before anything reads the text: enrichment, summaries, post-processors and the lake only
 * ever see the redacted document.
 */
export const redactPiiStep = async (input: CallState, deps: StepDeps): Promise<CallState> => {
  const doc = await loadDocument(deps.store, input.documentKey);
  await saveDocument(deps.store, input.documentKey, redactDocument(doc, deps.piiMode));
  return input;
};
