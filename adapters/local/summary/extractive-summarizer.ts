import type { Summarizer, SummaryInput, SummaryTurn } from '../../../core/ports/summarizer.js';
import type { CallSummary, LineageEntry } from '../../../schemas/call-document.js';

const ENGINE = 'local-extractive';
/** Bump when the selection rules change: summaries from different rule sets are not comparable. */
export const EXTRACTIVE_SUMMARIZER_VERSION = '2';

interface Sentence {
  turn: number;
  role: SummaryTurn['role'];
  text: string;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

const sentences = (turns: readonly SummaryTurn[]): Sentence[] =>
  turns.flatMap((turn, i) =>
    [...segmenter.segment(turn.text)]
      .map((s) => s.segment.trim())
      .filter((text) => text !== '')
      .map((text) => ({ turn: i, role: turn.role, text })),
  );

const wordCount = (text: string): number => text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** Greetings, identification and small talk: said on every call, they tell nothing about this one. */
const FILLER =
  /^(?:hi|hello|hey|yes|yeah|yep|no|nope|ok(?:ay)?|sure|right|thanks?(?: you)?|thank you(?: so much| very much)?|great|perfect|alright|good (?:morning|afternoon|evening)|bye|goodbye)\b[\s,.!?]*$|\b(?:my name is|this is \w+|speaking|date of birth|social security|account number is|zip code|last four|verify|spell (?:that|it))\b/iu;

const REQUEST =
  /\b(?:i(?:'m| am) calling|calling (?:about|because|to|regarding)|i (?:want|need|would like|wanted|was|was wondering|'ve been|have been|have a (?:question|problem|concern)|noticed|saw|can't|cannot|lost|moved|received|tried)|i'd like|i'm (?:trying|having|not able|unable|getting|looking)|(?:can|could) you|how (?:do|can|would) i|why (?:is|was|did|am|are|do|does)|there(?:'s| is) (?:a|an|some)|my [\p{L}\d]+ (?:is|was|has|got|won't|isn't|doesn't|didn't|keeps))\b/iu;

const CLOSING =
  /\b(?:anything else|thank(?:s| you) for (?:calling|your patience|holding|choosing|being)|have a (?:great|good|nice|wonderful) (?:day|evening|afternoon|weekend|one)|you're welcome|my pleasure|take care|bye|goodbye|is there anything)\b/iu;

const ACTION =
  /\b(?:i(?:'ve| have) (?:just |now |already |gone ahead and )?\p{L}+(?:ed|t|n)\b|i (?:went ahead|just|already) \p{L}+|i(?:'ll| will) (?:\p{L}+)|we(?:'ve| have) \p{L}+(?:ed|t|n)\b|(?:has|have) been \p{L}+(?:ed|t|n)\b|is now\b|your new [\p{L}\s]{1,30}?(?:is|will be)\b|you(?:'ll| will) (?:receive|get|see|be (?:able|getting|receiving))|(?:should|will) (?:arrive|show up|appear|reflect|be (?:credited|refunded|sent|processed|reversed|mailed|delivered|updated))|within \p{L}+ (?:business |working )?days)/iu;

const NOT_AN_ACTION =
  /\bi(?:'ll| will) (?:be (?:happy|glad)|hold|wait|check|look|see|need|just need|put you on hold|transfer you|pass (?:that|it|this) (?:along|on))\b/iu;

/** A question asks; it does not report what was done. */
const QUESTION = /\?\s*$/u;

const COMMITMENT =
  /\b(?:i(?:'ll| will)|we(?:'ll| will)|(?:will|'ll) (?:call|send|email|mail|contact|reach out|follow up|review|process|get back)|someone (?:will|from)|you(?:'ll| will) (?:receive|get)|you(?:'ll| will) need to|please (?:send|upload|mail|call|return|sign|bring)|within \p{L}+ (?:business |working )?days)\b/iu;

const CALLBACK =
  /\b(?:call(?:ing)? you back|give you a call|callback|call back|return your call|follow up with you|reach out to you)\b/iu;

const RESOLVED =
  /\b(?:(?:that'?s|it'?s|everything(?:'s| is)|you'?re|you are) (?:all )?(?:set|done|fixed|resolved|sorted|taken care of|good to go)|(?:that|it) (?:fixed|solved|worked)|it works now|that'?s all i needed)\b/iu;

const substantive = (s: Sentence | undefined, turn: number): s is Sentence =>
  s !== undefined &&
  s.turn === turn &&
  !FILLER.test(s.text) &&
  !CLOSING.test(s.text) &&
  wordCount(s.text) >= 3;

/**
 * The request sentence with one neighbour of the same turn: customers often state the problem
 * first ("I was charged twice.") and the ask second ("Can you reverse it?"), or the reverse.
 */
const withNeighbour = (all: readonly Sentence[], i: number, maxWords: number): string => {
  const hit = all[i]!;
  const previous = all[i - 1];
  const next = all[i + 1];
  const pair = substantive(previous, hit.turn)
    ? `${previous.text} ${hit.text}`
    : substantive(next, hit.turn)
      ? `${hit.text} ${next.text}`
      : null;
  return pair !== null && wordCount(pair) <= maxWords ? pair : hit.text;
};

const reasonForCall = (all: readonly Sentence[]): string | null => {
  const isCandidate = (s: Sentence) =>
    s.role === 'CUSTOMER' && !FILLER.test(s.text) && wordCount(s.text) >= 3;
  const request = all.findIndex((s) => isCandidate(s) && REQUEST.test(s.text));
  if (request >= 0) return withNeighbour(all, request, 45);
  const fallback = all.findIndex((s) => isCandidate(s) && wordCount(s.text) >= 6);
  return fallback >= 0 ? all[fallback]!.text : null;
};

const isAction = (s: Sentence | undefined): s is Sentence =>
  s !== undefined &&
  s.role === 'AGENT' &&
  !CLOSING.test(s.text) &&
  !NOT_AN_ACTION.test(s.text) &&
  !QUESTION.test(s.text) &&
  wordCount(s.text) >= 4 &&
  ACTION.test(s.text);

/** The agent's last action, with the action just before it in the same turn ("I've done X. You'll see Y."). */
const resolution = (all: readonly Sentence[]): string | null => {
  for (let i = all.length - 1; i >= 0; i -= 1) {
    const s = all[i]!;
    if (!isAction(s)) continue;
    const previous = all[i - 1];
    return isAction(previous) && previous.turn === s.turn ? `${previous.text} ${s.text}` : s.text;
  }
  return null;
};

const actionItems = (all: readonly Sentence[]): string[] => {
  const items: string[] = [];
  for (const s of all) {
    if (s.role !== 'AGENT' || CLOSING.test(s.text) || NOT_AN_ACTION.test(s.text)) continue;
    if (COMMITMENT.test(s.text) && !items.includes(s.text)) items.push(s.text);
  }
  return items.slice(-5);
};

/** Only the last few turns can say how the call ended; an early "you're all set" is about a step. */
const resolvedEvidence = (all: readonly Sentence[], turnCount: number): boolean | null =>
  all.some((s) => s.turn >= turnCount - 4 && RESOLVED.test(s.text)) ? true : null;

/**
 * The embedded summarizer: extractive and deterministic. It quotes the customer's first real
 * request and the agent's last action; a field is filled only from words said in the call,
 * so `resolved` and `callbackNeeded` are true on explicit evidence and otherwise null (unknown).
 */
export const createLocalSummarizer = (): Summarizer => {
  const lineage: LineageEntry = {
    engine: ENGINE,
    version: EXTRACTIVE_SUMMARIZER_VERSION,
    model: null,
    promptHash: null,
    note: "extractive: customer's first request + agent's last action",
  };
  const summarize = async (input: SummaryInput): Promise<CallSummary> => {
    const all = sentences(input.turns);
    const reason = reasonForCall(all);
    const outcome = resolution(all);
    const parts = [
      reason === null ? null : `Customer: ${reason}`,
      outcome === null ? null : `Agent: ${outcome}`,
    ];
    const summary = parts.filter((p): p is string => p !== null).join(' ');
    return {
      summary: summary === '' ? null : summary,
      reasonForCall: reason,
      resolution: outcome,
      resolved: resolvedEvidence(all, input.turns.length),
      callbackNeeded: all.some((s) => CALLBACK.test(s.text)) ? true : null,
      actionItems: actionItems(all),
    };
  };
  return { summarize, lineage: () => lineage };
};
