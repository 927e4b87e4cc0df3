import type { CallDocument, CallSummary, LineageEntry } from '../../schemas/call-document.js';
import { TRANSCRIBE_ENGINE } from '../call-document.js';

/** The fields of a call summary, in the order they are reported. */
const FIELDS = [
  'summary',
  'reasonForCall',
  'resolution',
  'resolved',
  'callbackNeeded',
  'actionItems',
] as const;
type Field = (typeof FIELDS)[number];

/** What Amazon Transcribe Call Analytics already answered; fields it cannot know are absent. */
export type TranscribeAnswers = Partial<CallSummary>;

const texts = (doc: CallDocument, kind: 'issue' | 'outcome' | 'action_item'): string[] => [
  ...new Set(
    (doc.transcribe?.findings ?? [])
      .filter((f) => f.kind === kind)
      .map((f) => f.text)
      .filter(Boolean),
  ),
];

/**
 * Transcribe's own answers: its generative summary, the issues it detected (why they called),
 * the outcomes (what was done) and the action items. Transcribe never says whether the call was
 * resolved or needs a callback; those stay for a summary engine.
 */
export const transcribeAnswers = (doc: CallDocument): TranscribeAnswers => {
  const issues = texts(doc, 'issue');
  const outcomes = texts(doc, 'outcome');
  const actions = texts(doc, 'action_item');
  return {
    ...(doc.transcribe?.summary ? { summary: doc.transcribe.summary } : {}),
    ...(issues.length > 0 ? { reasonForCall: issues.join('; ') } : {}),
    ...(outcomes.length > 0 ? { resolution: outcomes.join('; ') } : {}),
    ...(actions.length > 0 ? { actionItems: actions } : {}),
  };
};

/** A summary engine is needed for whatever Transcribe left unanswered. */
export const missingFields = (answers: TranscribeAnswers): Field[] =>
  FIELDS.filter((f) => answers[f] === undefined);

const transcribeLineage = (doc: CallDocument, note: string): LineageEntry => ({
  engine: TRANSCRIBE_ENGINE[doc.transcribe?.source ?? 'batch'],
  version: doc.transcribe?.jobName ?? doc.transcribe?.sessionId ?? 'unnamed',
  model: null,
  promptHash: null,
  note,
});

const provenance = (fields: readonly Field[], engine: string): string =>
  fields.length === 0 ? '' : `${fields.join(', ')} from ${engine}`;

/**
 * The one place where Transcribe's answers and a summary engine's meet: every field Transcribe
 * answered is Transcribe's, the engine fills only the rest. `lineage` names the engine that wrote
 * the summary text and says where every other field came from; `alsoFrom` is the other engine's
 * lineage when both contributed.
 */
export const preferTranscribe = (
  doc: CallDocument,
  answers: TranscribeAnswers,
  engine: { value: CallSummary; lineage: LineageEntry } | null,
): { value: CallSummary; lineage: LineageEntry; alsoFrom: LineageEntry | null } => {
  const fromTranscribe = FIELDS.filter((f) => answers[f] !== undefined);
  const fromEngine = engine ? FIELDS.filter((f) => answers[f] === undefined) : [];
  const value: CallSummary = {
    summary: answers.summary ?? engine?.value.summary ?? null,
    reasonForCall: answers.reasonForCall ?? engine?.value.reasonForCall ?? null,
    // Transcribe names no intent (the taxonomy's second level): the engine's, when it named one.
    intent: engine?.value.intent ?? null,
    resolution: answers.resolution ?? engine?.value.resolution ?? null,
    resolved: answers.resolved ?? engine?.value.resolved ?? null,
    callbackNeeded: answers.callbackNeeded ?? engine?.value.callbackNeeded ?? null,
    actionItems: answers.actionItems ?? engine?.value.actionItems ?? [],
    // Transcribe says nothing of the outcome; its action items carry no owner.
    outcome: engine?.value.outcome ?? null,
    actions: answers.actionItems
      ? answers.actionItems.map((text) => ({ owner: null, text }))
      : (engine?.value.actions ?? []),
  };
  const tx = transcribeLineage(doc, '');
  const note = [
    provenance(fromTranscribe, tx.engine),
    engine ? provenance(fromEngine, engine.lineage.engine) : '',
  ]
    .filter(Boolean)
    .join('; ');
  const transcribeWroteSummary = answers.summary !== undefined || !engine;
  if (transcribeWroteSummary) {
    return {
      value,
      lineage: { ...tx, note },
      alsoFrom: engine && fromEngine.length > 0 ? engine.lineage : null,
    };
  }
  const engineNote = engine!.lineage.note ? `${engine!.lineage.note}; ${note}` : note;
  return {
    value,
    lineage: { ...engine!.lineage, note: fromTranscribe.length > 0 ? engineNote : engine!.lineage.note },
    alsoFrom: fromTranscribe.length > 0 ? { ...tx, note: provenance(fromTranscribe, tx.engine) } : null,
  };
};

/**
 * The summary a call keeps when its summary step failed (the engine answered an error, not JSON,
 * or nothing in time; the step ran out of time): Transcribe's own answers, which need no engine,
 * with lineage naming them and saying what was left unanswered and why. null when Transcribe
 * answered nothing (the call has no summary, as before).
 */
export const transcribeAnswersAlone = (
  doc: CallDocument,
  errorName: string,
): { value: CallSummary; lineage: LineageEntry } | null => {
  const answers = transcribeAnswers(doc);
  const answered = FIELDS.filter((f) => answers[f] !== undefined);
  if (answered.length === 0) return null;
  const { value, lineage } = preferTranscribe(doc, answers, null);
  const failed = `the summary step failed (${errorName})`;
  const missing = missingFields(answers);
  const note = [lineage.note, missing.length > 0 ? `${missing.join(', ')} unanswered: ${failed}` : failed]
    .filter(Boolean)
    .join('; ');
  return { value, lineage: { ...lineage, note } };
};
