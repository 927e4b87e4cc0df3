import {
  type CallDocument,
  type CallSummary,
  type LineageEntry,
  PiiMode,
  type PiiRedactionRecord,
  type Turn,
} from '../../schemas/call-document.js';
import { PiiLanguageError } from '../errors.js';
import { type KnownValue, redactDerivedText, redactText } from './redact-text.js';
import { redactTranscript, type TranscriptTurn } from './redact-transcript.js';
import { readNumbers } from './spoken-number.js';

/** The languages the redactor reads: English (numbers, names and addresses as English speakers say them). */
export const REDACTOR_LANGUAGE = /^en(?:[-_]|$)/iu;

/** The redactor as lineage records it (bump the version when what it finds changes). */
export const PII_REDACTOR = { engine: 'debrief-pii', version: '1.1.0' } as const;

export const piiLineage = (mode: PiiMode): LineageEntry => ({
  engine: PII_REDACTOR.engine,
  version: PII_REDACTOR.version,
  model: null,
  promptHash: null,
  note: `mode=${mode}`,
});

/** The people the call record names: every mention of them is redacted. */
export const knownNames = (doc: CallDocument): string[] =>
  (doc.journey?.agents ?? []).map((a) => a.name).filter((n): n is string => n !== null && n.trim() !== '');

/**
 * A turn as the redactor reads it (a turn with text but no word items is split into words). Its
 * words are the document's own (a Word is a TranscriptWord, and the redactor only reads its
 * input): a copy of each, made before, cost an object per word of the call.
 */
const transcriptTurn = (turn: Turn): TranscriptTurn => ({
  role: turn.role,
  channel: turn.channel,
  words:
    turn.words.length > 0
      ? turn.words
      : turn.text
          .split(/\s+/)
          .filter(Boolean)
          .map((text) => ({ text, beginMs: turn.beginMs, endMs: turn.endMs })),
});

/**
 * The call document with PII redacted from every turn's text and words, the redactions listed
 * on `doc.pii`, and the redactor in lineage. `off` changes no text but still records the
 * transcript's own `[PII]` items, so `pii_redactions` always says what the text holds.
 */
export const redactDocument = (doc: CallDocument, setting: PiiMode): CallDocument => {
  // A misspelt setting must fail the step (and quarantine the call), never run unredacted.
  const mode = PiiMode.parse(setting);
  // The redactor reads English: a transcript in another language that was not redacted where it
  // was made would land with its values and be marked redacted (helper-215's es-US call).
  if (mode !== 'off' && doc.hasRecording && !doc.redacted && !REDACTOR_LANGUAGE.test(doc.language))
    throw new PiiLanguageError(
      `${doc.callId}: the transcript is in ${doc.language} and was not redacted where it was made (ContentMetadata.Output is not "Redacted"); debrief's PII redactor reads English only (en-*), so its text would land unredacted`,
    );
  const turns = doc.turns.map(transcriptTurn);
  const result = redactTranscript({
    turns: mode === 'off' ? turns.map((t) => ({ ...t, words: [] })) : turns,
    knownNames: knownNames(doc),
    mode: mode === 'strict' ? 'strict' : 'default',
  });
  const upstream: PiiRedactionRecord[] =
    mode === 'off'
      ? doc.turns.flatMap((t, ti) =>
          t.words.flatMap((w, wi) =>
            w.text === '[PII]'
              ? [
                  {
                    type: (w.redaction ?? 'NUMBER') as PiiRedactionRecord['type'],
                    turn: ti,
                    word: wi,
                    firstWord: wi,
                    lastWord: wi,
                    beginMs: w.beginMs,
                    endMs: w.endMs,
                    upstream: true,
                  },
                ]
              : [],
          ),
        )
      : result.redactions.map((r) => ({
          type: r.type,
          turn: r.turnIndex,
          word: r.word,
          firstWord: r.firstWord,
          lastWord: r.lastWord,
          beginMs: r.beginMs,
          endMs: r.endMs,
          upstream: r.upstream,
        }));
  // Transcribe's findings and summary quote the transcript: scrubbed of what was redacted from it.
  const known: KnownValue[] = result.redactions
    .filter((r) => !r.upstream)
    .map((r) => {
      const words = turns[r.turnIndex]!.words.slice(r.firstWord, r.lastWord + 1)
        .filter((w) => !w.punctuation)
        .map((w) => w.text.toLowerCase().replace(/^[^a-z0-9@]+|[^a-z0-9@]+$/g, ''))
        .filter(Boolean);
      return {
        words,
        digits: readNumbers(words)
          .map((n) => n.digits)
          .join(''),
      };
    });
  let derived = 0;
  const scrub = (text: string): string => {
    const r = redactDerivedText(text, known, {
      mode: mode === 'strict' ? 'strict' : 'default',
      knownNames: knownNames(doc),
    });
    derived += r.redactions;
    return r.text;
  };
  const transcribe =
    doc.transcribe && mode !== 'off'
      ? {
          ...doc.transcribe,
          summary: doc.transcribe.summary === null ? null : scrub(doc.transcribe.summary),
          findings: doc.transcribe.findings.map((f) => ({ ...f, text: scrub(f.text) })),
        }
      : doc.transcribe;
  return {
    ...doc,
    transcribe,
    redacted: doc.redacted || mode !== 'off',
    turns:
      mode === 'off'
        ? doc.turns
        : doc.turns.map((t, i) => {
            const redacted = result.turns[i]!;
            // A turn that came with text only keeps no words (they would be made up).
            return { ...t, text: redacted.text, words: t.words.length > 0 ? redacted.words : [] };
          }),
    pii: { mode, redactions: upstream, summaryRedactions: (doc.pii?.summaryRedactions ?? 0) + derived },
    lineage: { ...doc.lineage, pii: piiLineage(mode) },
  };
};

/**
 * A summary an AI step wrote, redacted with the same rules (an LLM may spell out a number
 * the transcript had as words, or name someone): returns the summary and how many values it lost.
 */
export const redactSummary = (
  summary: CallSummary,
  doc: CallDocument,
  mode: PiiMode,
): { value: CallSummary; redactions: number } => {
  if (mode === 'off') return { value: summary, redactions: 0 };
  let redactions = 0;
  const options = {
    mode: mode === 'strict' ? ('strict' as const) : ('default' as const),
    knownNames: knownNames(doc),
  };
  const clean = (text: string | null): string | null => {
    if (text === null) return null;
    const r = redactText({ text }, options);
    redactions += r.redactions;
    return r.text;
  };
  const actionItems = summary.actionItems.map((a) => clean(a) ?? a);
  return {
    value: {
      ...summary,
      summary: clean(summary.summary),
      reasonForCall: clean(summary.reasonForCall),
      resolution: clean(summary.resolution),
      actionItems,
      // The items with their owners land in calls.actions: cleaned too (they were not, so an
      // engine's 'email jane.doe@example.com the card 4111…' landed there whole: the review of
      // 6724e7a). An item's text that is also in actionItems is the same value, counted once.
      ...(summary.actions === undefined
        ? {}
        : {
            actions: summary.actions.map((a) => {
              const i = summary.actionItems.indexOf(a.text);
              return { ...a, text: i >= 0 ? actionItems[i]! : (clean(a.text) ?? a.text) };
            }),
          }),
    },
    redactions,
  };
};
