import { buildCallDocument } from '../core/call-document.js';
import type { ToxicityLabelName } from '../core/ports/toxicity-detector.js';
import type { GeneratedCall } from '../generator/generate-call.js';
import type { CallTruth, SpeechTruth } from '../generator/truth.js';
import type { CallDocument, Turn } from '../schemas/call-document.js';
import { TranscribeCallAnalyticsOutput } from '../schemas/transcribe-call-analytics.js';
import { type LabelledCall, labelledCallDocument, type Outcome } from './labelled-calls.js';

/** One call with its reference answers, whatever set it came from. */
export interface EvalCase {
  id: string;
  doc: CallDocument;
  /** Primary topic id, null for "none of these". */
  topic: string | null;
  also: readonly string[];
  outcome: Outcome | null;
  /** Reference reason for the call (third person). */
  reason: string;
  /** Request groups (eval/README.md); null where the source has none (generated calls). */
  request: readonly (readonly string[])[] | null;
  /** Reference summary where the source has one. */
  summary: string | null;
  /** Per turn index: reference toxicity labels and benign look-alike labels. */
  turnLabels: ReadonlyMap<
    number,
    { toxic: readonly ToxicityLabelName[]; lookalike: readonly ToxicityLabelName[] }
  >;
  tags: readonly string[];
}

export const labelledCase = (call: LabelledCall): EvalCase => ({
  id: call.id,
  doc: labelledCallDocument(call),
  topic: call.topic,
  also: call.also,
  outcome: call.outcome,
  reason: call.reason,
  request: call.request,
  summary: null,
  turnLabels: new Map(call.turns.map((t, i) => [i, { toxic: t.toxic, lookalike: t.lookalike }])),
  tags: call.tags,
});

const overlapMs = (turn: Turn, speech: SpeechTruth): number =>
  Math.max(0, Math.min(turn.endMs, speech.endMs) - Math.max(turn.beginMs, speech.beginMs));

/** The truth utterances a transcript turn covers (a turn may merge several). */
const speechOf = (turn: Turn, truth: CallTruth): SpeechTruth[] =>
  truth.speech.filter((s) => s.channel === turn.channel && overlapMs(turn, s) > 0);

const OUTCOMES: Record<CallTruth['scenario']['outcome'], Outcome> = {
  resolved: 'resolved',
  callback: 'follow_up',
  unresolved: 'not_resolved',
};

/**
 * A generated call as an evaluation case. Turns are tagged IVR from the generator's truth
 * (what MergeCtr would do), so the figures measure enrichment alone, not the merge.
 */
export const generatedCase = (call: GeneratedCall): EvalCase => {
  const truth = call.truth;
  const tca = call.files.find((f) => f.name.endsWith('.tca.json'));
  if (tca === undefined)
    throw new Error(`${call.callId}: no .tca.json among ${call.files.map((f) => f.name)}`);
  const built = buildCallDocument({
    callId: call.callId,
    transcript: TranscribeCallAnalyticsOutput.parse(JSON.parse(tca.content)),
    sources: { transcript: tca.name, ctr: null, recording: null, audio: null },
    startedAt: null,
    fallbackDt: '2026-01-01',
  });
  const doc: CallDocument = {
    ...built,
    turns: built.turns.map((turn) => {
      const speech = speechOf(turn, truth);
      const ivr = speech.length > 0 && speech.every((s) => s.role === 'IVR');
      return ivr ? { ...turn, role: 'IVR' as const } : turn;
    }),
  };
  const toxicBySpeech = new Map(truth.toxic.map((t) => [t.speechIndex, t.label]));
  const trapBySpeech = new Map(truth.traps.map((t) => [t.speechIndex, t.resembles]));
  const turnLabels = new Map(
    doc.turns.map((turn) => {
      const speech = speechOf(turn, truth).map((s) => s.index);
      const toxic = speech.flatMap((i) => (toxicBySpeech.has(i) ? [toxicBySpeech.get(i)!] : []));
      const lookalike = speech.flatMap((i) => (trapBySpeech.has(i) ? [trapBySpeech.get(i)!] : []));
      return [turn.index, { toxic, lookalike: toxic.length > 0 ? [] : lookalike }];
    }),
  );
  return {
    id: call.callId,
    doc,
    topic: truth.topic,
    also: [],
    outcome: OUTCOMES[truth.scenario.outcome],
    reason: truth.reference.reasonForCall,
    request: null,
    summary: truth.reference.summary,
    turnLabels,
    tags: [],
  };
};
