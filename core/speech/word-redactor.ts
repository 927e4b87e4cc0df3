/**
 * What the embedded engine asks of a PII redactor: given each turn's words (with roles, in
 * call order), which word runs are PII. The engine replaces them with `[PII]` items and
 * silences their time spans in the redacted audio copy, as Transcribe does.
 */
export interface RedactionTurn {
  role: 'AGENT' | 'CUSTOMER';
  words: readonly { text: string; beginMs: number; endMs: number }[];
}

export interface WordRedaction {
  turnIndex: number;
  /** Index of the first and last redacted word in that turn (inclusive). */
  firstWord: number;
  lastWord: number;
  type: string;
  confidence: number;
}

export interface WordRedactor {
  readonly info: { engine: string; version: string; mode: string };
  redact(turns: readonly RedactionTurn[], context?: { knownNames?: readonly string[] }): WordRedaction[];
}
