import type { TranscribeFinding, TranscribeInsights } from '../../schemas/call-document.js';
import type {
  TranscribeCallAnalyticsOutput,
  TranscriptFinding,
  TranscriptTurn,
} from '../../schemas/transcribe-call-analytics.js';

const FINDING_FIELDS = [
  ['IssuesDetected', 'issue'],
  ['OutcomesDetected', 'outcome'],
  ['ActionItemsDetected', 'action_item'],
] as const;

/** Category names as written in MatchedCategories (the documented example has " positive-resolution"). */
export const categoryName = (name: string): string => name.trim();

interface ItemSpan {
  begin: number;
  end: number;
  beginMs: number;
  endMs: number;
}

/** Where each timed word item sits in the turn's Content (items are found in order). */
const itemSpans = (turn: TranscriptTurn): ItemSpan[] => {
  const spans: ItemSpan[] = [];
  let cursor = 0;
  for (const item of turn.Items) {
    if (item.Type !== 'pronunciation' || item.BeginOffsetMillis === undefined) continue;
    const at = turn.Content.indexOf(item.Content, cursor);
    if (at < 0) continue;
    cursor = at + item.Content.length;
    spans.push({
      begin: at,
      end: cursor,
      beginMs: item.BeginOffsetMillis,
      endMs: item.EndOffsetMillis ?? item.BeginOffsetMillis,
    });
  }
  return spans;
};

/**
 * The character span of a finding in the turn's Content, or null when the output gives none that
 * fits. `UnredactedCharacterOffsets` point into the unredacted text, so they are only trusted
 * when the Content holds no `[PII]` placeholder before the span's end.
 */
const findingSpan = (turn: TranscriptTurn, f: TranscriptFinding): { begin: number; end: number } | null => {
  const fits = (o: { Begin: number; End: number } | undefined) =>
    o !== undefined &&
    Number.isInteger(o.Begin) &&
    o.Begin >= 0 &&
    o.End > o.Begin &&
    o.End <= turn.Content.length;
  if (fits(f.CharacterOffsets))
    return wholeWords(turn.Content, f.CharacterOffsets!.Begin, f.CharacterOffsets!.End);
  const u = f.UnredactedCharacterOffsets;
  if (fits(u) && !turn.Content.slice(0, u!.End).includes('[PII]'))
    return wholeWords(turn.Content, u!.Begin, u!.End);
  return null;
};

const WORD = /[\p{L}\p{N}'’]/u;

/**
 * A span widened to whole words. The documented example output marks "I would like to cancel…"
 * from character 7 although the "I" is character 6 (and its outcome is one off the same way,
 * while its action item starts at 0): a span that starts or ends inside a word takes the word.
 */
const wholeWords = (text: string, begin: number, end: number): { begin: number; end: number } => {
  let b = begin;
  let e = end;
  while (b > 0 && WORD.test(text[b - 1]!)) b -= 1;
  while (e < text.length && WORD.test(text[e - 1]!) && WORD.test(text[e]!)) e += 1;
  return { begin: b, end: e };
};

const findingsOf = (turn: TranscriptTurn): TranscribeFinding[] =>
  FINDING_FIELDS.flatMap(([field, kind]) =>
    (turn[field] ?? []).map((f): TranscribeFinding => {
      const span = findingSpan(turn, f);
      const text = span ? turn.Content.slice(span.begin, span.end).trim() : '';
      const words = span ? itemSpans(turn).filter((w) => w.end > span.begin && w.begin < span.end) : [];
      const exact = span !== null && text !== '';
      return {
        kind,
        channel: turn.ParticipantRole,
        turnId: turn.Id ?? null,
        beginMs:
          exact && words.length > 0 ? Math.min(...words.map((w) => w.beginMs)) : turn.BeginOffsetMillis,
        endMs: exact && words.length > 0 ? Math.max(...words.map((w) => w.endMs)) : turn.EndOffsetMillis,
        text: exact ? text : turn.Content.trim(),
        textFrom: exact ? 'offsets' : 'turn',
      };
    }),
  );

/** Everything Transcribe itself reported about the call, in the call document's terms. */
export const transcribeInsights = (tca: TranscribeCallAnalyticsOutput): TranscribeInsights => {
  const turns = [...tca.Transcript].sort(
    (a, b) => a.BeginOffsetMillis - b.BeginOffsetMillis || a.EndOffsetMillis - b.EndOffsetMillis,
  );
  const redactedEntities: Record<string, number> = {};
  for (const turn of turns)
    for (const item of turn.Items) {
      const type = item.Redaction?.[0]?.Type;
      if (type) redactedEntities[type] = (redactedEntities[type] ?? 0) + 1;
    }
  const details = tca.Categories?.MatchedDetails ?? {};
  const detailOf = (name: string) =>
    details[name] ?? Object.entries(details).find(([key]) => categoryName(key) === categoryName(name))?.[1];
  const categoryMatches = (tca.Categories?.MatchedCategories ?? []).flatMap(
    (raw): TranscribeInsights['categoryMatches'] => {
      const category = categoryName(raw);
      const points = detailOf(raw)?.PointsOfInterest ?? [];
      return points.length === 0
        ? [{ category, beginMs: null, endMs: null }]
        : points.map((p) => ({ category, beginMs: p.BeginOffsetMillis, endMs: p.EndOffsetMillis }));
    },
  );
  const cc = tca.ConversationCharacteristics;
  const roles = ['AGENT', 'CUSTOMER'] as const;
  const quarters = cc?.Sentiment?.SentimentByPeriod?.QUARTER;
  const byInterrupter = cc?.Interruptions?.InterruptionsByInterrupter;
  const summary = cc?.ContactSummary?.AutoGenerated?.OverallSummary?.Content?.trim();
  return {
    source: tca.JobName === undefined && tca.SessionId !== undefined ? 'real-time' : 'batch',
    jobName: tca.JobName ?? null,
    sessionId: tca.SessionId ?? null,
    findings: turns.flatMap(findingsOf),
    summary: summary ? summary : null,
    redactionTypes: tca.ContentMetadata?.RedactionTypes ?? [],
    redactedEntities,
    categoryMatches,
    sentimentByQuarter: roles.flatMap((role) =>
      (quarters?.[role] ?? []).slice(0, 4).map((q, i) => ({
        role,
        quarter: i + 1,
        score: q.Score,
        beginMs: q.BeginOffsetMillis,
        endMs: q.EndOffsetMillis,
      })),
    ),
    interruptions: roles
      .flatMap((interrupter) =>
        (byInterrupter?.[interrupter] ?? []).map((i) => ({
          interrupter,
          beginMs: i.BeginOffsetMillis,
          endMs: i.EndOffsetMillis,
          durationMs: i.DurationMillis ?? null,
        })),
      )
      .sort((a, b) => a.beginMs - b.beginMs),
  };
};
