/**
 * PII redaction for call transcripts: pure functions, no I/O.
 *
 *   import { redactTranscript } from './core/pii/index.js';
 *   const { turns, redactions } = redactTranscript({
 *     turns: [
 *       { role: 'AGENT', words: [{ text: "What's", beginMs: 0, endMs: 200 }, ...] },
 *       { role: 'CUSTOMER', words: [{ text: 'four', beginMs: 900, endMs: 1100 }, ...] },
 *     ],
 *     knownNames: ['Dana Smith'],
 *     mode: 'default', // or 'strict': also every run of 3+ digits
 *   });
 *   // turns[i].words: the words with each entity collapsed to one `[PII]` item
 *   // redactions: { type, turnIndex, firstWord, lastWord, word, beginMs, endMs, upstream }[]
 *   //   firstWord/lastWord index the INPUT words; beginMs..endMs is what to silence in audio.
 *
 * Same input, same output; no global state.
 */
export { knownNames, PII_REDACTOR, piiLineage, redactDocument, redactSummary } from './redact-document.js';
export { type RedactableText, redactText } from './redact-text.js';
export {
  type RedactedWord,
  type Redaction,
  type RedactionMode,
  type RedactionRequest,
  type RedactionResult,
  redactTranscript,
  type TranscriptTurn,
  type TranscriptWord,
} from './redact-transcript.js';
export { normaliseNumbers, readNumbers } from './spoken-number.js';
