import { PII_REDACTOR, type RedactionMode, redactTranscript } from '../pii/index.js';
import type { WordRedactor } from './word-redactor.js';

/**
 * The project's PII redactor (core/pii) as the speech engine uses it: on the recognised words,
 * before the transcript is written, so the engine can silence the same spans in the redacted
 * audio copy (RedactPii runs again on the text in the workflow, whatever made the transcript).
 */
export const piiWordRedactor = (mode: RedactionMode): WordRedactor => ({
  info: { engine: PII_REDACTOR.engine, version: PII_REDACTOR.version, mode },
  redact: (turns, context) =>
    redactTranscript({
      turns: turns.map((t) => ({ role: t.role, words: t.words })),
      knownNames: context?.knownNames ?? [],
      mode,
    }).redactions.map((r) => ({
      turnIndex: r.turnIndex,
      firstWord: r.firstWord,
      lastWord: r.lastWord,
      type: r.type,
      confidence: 0.9,
    })),
});
