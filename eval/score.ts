import { l as rougeL, n as rougeN } from 'js-rouge';
import { spokenSentences } from '../core/enrich/clauses.js';
import { TOXICITY_LABELS, type ToxicityLabelName } from '../core/ports/toxicity-detector.js';
import type { CallSummary, TopicMatch } from '../schemas/call-document.js';
import type { EvalCase } from './cases.js';
import { type Outcome, reasonMatchesRequest } from './labelled-calls.js';
import { ratio } from './topic-score.js';

/** What the engines answered for one case. */
export interface CaseAnswer {
  case: EvalCase;
  topics: readonly TopicMatch[];
  /** Every candidate topic id, best first, whatever its score. */
  ranking: readonly string[];
  /** Per scored turn: its score and the labels at or over the threshold. */
  toxicity: readonly { index: number; toxicity: number; labels: readonly string[] }[];
  toxicityThreshold: number;
  summary: CallSummary;
}

export interface LabelScore {
  tp: number;
  fp: number;
  fn: number;
}

export interface ToxicityScores {
  turns: number;
  /** Per turn, toxic or not (any label). */
  overall: LabelScore;
  perLabel: Map<ToxicityLabelName, LabelScore>;
  lookalikes: number;
  lookalikesFlagged: number;
  flaggedLookalikes: { id: string; index: number; text: string }[];
  missed: { id: string; index: number; text: string }[];
  falseAlarms: { id: string; index: number; text: string }[];
}

export const scoreToxicity = (answers: readonly CaseAnswer[]): ToxicityScores => {
  const s: ToxicityScores = {
    turns: 0,
    overall: { tp: 0, fp: 0, fn: 0 },
    perLabel: new Map(TOXICITY_LABELS.map((l) => [l, { tp: 0, fp: 0, fn: 0 }])),
    lookalikes: 0,
    lookalikesFlagged: 0,
    flaggedLookalikes: [],
    missed: [],
    falseAlarms: [],
  };
  for (const a of answers) {
    const scored = new Map(a.toxicity.map((t) => [t.index, t]));
    for (const turn of a.case.doc.turns) {
      if (turn.role === 'IVR') continue;
      s.turns += 1;
      const ref = a.case.turnLabels.get(turn.index) ?? { toxic: [], lookalike: [] };
      const got = scored.get(turn.index);
      const flagged = got !== undefined && got.toxicity >= a.toxicityThreshold;
      const toxic = ref.toxic.length > 0;
      const where = { id: a.case.id, index: turn.index, text: turn.text };
      if (flagged && toxic) s.overall.tp += 1;
      else if (flagged) {
        s.overall.fp += 1;
        s.falseAlarms.push(where);
      } else if (toxic) {
        s.overall.fn += 1;
        s.missed.push(where);
      }
      if (ref.lookalike.length > 0) {
        s.lookalikes += 1;
        if (flagged) {
          s.lookalikesFlagged += 1;
          s.flaggedLookalikes.push(where);
        }
      }
      const predicted = new Set(flagged ? (got?.labels ?? []) : []);
      for (const label of TOXICITY_LABELS) {
        const score = s.perLabel.get(label)!;
        const isRef = ref.toxic.includes(label);
        if (predicted.has(label) && isRef) score.tp += 1;
        else if (predicted.has(label)) score.fp += 1;
        else if (isRef) score.fn += 1;
      }
    }
  }
  return s;
};

export const precision = (s: LabelScore): number => ratio(s.tp, s.tp + s.fp);
export const recall = (s: LabelScore): number => ratio(s.tp, s.tp + s.fn);

/** The outcome a summary states, from its `outcome` field or its resolved/callback flags. */
export const summaryOutcome = (summary: CallSummary): Outcome | null => {
  const stated = (summary as { outcome?: Outcome | null }).outcome;
  if (stated !== undefined) return stated;
  if (summary.callbackNeeded === true) return 'follow_up';
  if (summary.resolved === true) return 'resolved';
  if (summary.resolved === false) return 'not_resolved';
  return null;
};

const rouge = (candidate: string | null, reference: string, kind: '1' | 'L'): number => {
  if (candidate === null || candidate.trim() === '' || reference.trim() === '') return 0;
  return kind === '1'
    ? rougeN(candidate, reference, { n: 1, caseSensitive: false })
    : rougeL(candidate, reference, { caseSensitive: false });
};

export interface SummaryScores {
  calls: number;
  /** Calls with a request check, and how many reasons passed it. */
  requestChecked: number;
  reasonMatches: number;
  reasonRouge1: number[];
  reasonRougeL: number[];
  summaryRouge1: number[];
  outcomeCalls: number;
  outcomeRight: number;
  outcomeStated: number;
  outcomeConfusion: Map<string, Map<string, number>>;
  reasonMisses: { id: string; reason: string | null }[];
}

export const scoreSummaries = (answers: readonly CaseAnswer[]): SummaryScores => {
  const s: SummaryScores = {
    calls: answers.length,
    requestChecked: 0,
    reasonMatches: 0,
    reasonRouge1: [],
    reasonRougeL: [],
    summaryRouge1: [],
    outcomeCalls: 0,
    outcomeRight: 0,
    outcomeStated: 0,
    outcomeConfusion: new Map(),
    reasonMisses: [],
  };
  for (const a of answers) {
    if (a.case.topic === null) continue;
    const reason = a.summary.reasonForCall;
    if (a.case.request !== null) {
      s.requestChecked += 1;
      if (reasonMatchesRequest(reason, a.case.request)) s.reasonMatches += 1;
      else s.reasonMisses.push({ id: a.case.id, reason });
    }
    s.reasonRouge1.push(rouge(reason, a.case.reason, '1'));
    s.reasonRougeL.push(rouge(reason, a.case.reason, 'L'));
    if (a.case.summary !== null) s.summaryRouge1.push(rouge(a.summary.summary, a.case.summary, '1'));
    if (a.case.outcome !== null) {
      s.outcomeCalls += 1;
      const got = summaryOutcome(a.summary);
      if (got !== null) s.outcomeStated += 1;
      if (got === a.case.outcome) s.outcomeRight += 1;
      const row = s.outcomeConfusion.get(a.case.outcome) ?? new Map<string, number>();
      row.set(got ?? 'null', (row.get(got ?? 'null') ?? 0) + 1);
      s.outcomeConfusion.set(a.case.outcome, row);
    }
  }
  s.calls = s.reasonRouge1.length;
  return s;
};

/**
 * Why a reason missed its request check (eval/README.md, "Reason misses"):
 * - `topic`: the reason names the wrong topic (or none), and the same quote under the reference
 *   topic's label passes;
 * - `unsaid`: no run of neighbouring sentences in any one customer turn passes under the
 *   reference topic's label — the caller never said the request's words, so no reason quoting
 *   the caller can pass (an extractive engine's ceiling);
 * - `selection`: such a run exists; the engine quoted other sentences.
 * `labels` are the taxonomy's topic labels, to tell the reason's "label: quote" apart.
 */
export type ReasonMissCause = 'topic' | 'unsaid' | 'selection';

/**
 * The topic label a reason starts with ("billing: …", or "billing — late payment fee: …" when it
 * names an intent), and the quote after it; label undefined when the reason names none.
 */
export const reasonParts = (
  reason: string | null,
  labels: readonly string[],
): { label: string | undefined; quote: string | null } => {
  if (reason === null) return { label: undefined, quote: null };
  const label = labels.find((l) => reason.startsWith(`${l}: `) || reason.startsWith(`${l} — `));
  if (label === undefined) return { label, quote: reason };
  const colon = reason.indexOf(': ', label.length);
  return { label, quote: colon < 0 ? reason : reason.slice(colon + 2) };
};

export const reasonMissCause = (
  reason: string | null,
  request: readonly (readonly string[])[],
  referenceLabel: string,
  labels: readonly string[],
  customerTurns: readonly string[],
): ReasonMissCause => {
  const { label: named, quote } = reasonParts(reason, labels);
  if (
    named !== referenceLabel &&
    quote !== null &&
    reasonMatchesRequest(`${referenceLabel}: ${quote}`, request)
  )
    return 'topic';
  const runs = customerTurns.flatMap((turn) => {
    const ss = spokenSentences(turn);
    return ss.flatMap((_, i) => ss.slice(i).map((__, k) => ss.slice(i, i + k + 1).join(' ')));
  });
  return runs.some((run) => reasonMatchesRequest(`${referenceLabel}: ${run}`, request))
    ? 'selection'
    : 'unsaid';
};

export const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
