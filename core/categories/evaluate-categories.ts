import type { CallCategory, CategoryRule } from '../../schemas/categories.js';
import type { TranscribeCallAnalyticsOutput } from '../../schemas/transcribe-call-analytics.js';

/**
 * Evaluates call categories (the Transcribe rule shapes in schemas/categories.ts) against a
 * Call Analytics output document, the way Transcribe documents them:
 * - TranscriptFilter: one of the target phrases is said (whole words, case and punctuation
 *   ignored) by the participant, in the time range;
 * - SentimentFilter: a turn of the participant in the range has one of the sentiments;
 * - InterruptionFilter: the participant's interruptions in the range add up to the threshold;
 * - NonTalkTimeFilter: one silence in the range lasts at least the threshold;
 * - Negate inverts a filter; a category matches when all its rules do.
 * Points of interest are the spans that made positive rules match (phrases, turns, instances).
 */
export type PointOfInterest = {
  BeginOffsetMillis: number;
  EndOffsetMillis: number;
};

export interface CategoryMatch {
  category: string;
  points: PointOfInterest[];
}

interface Range {
  beginMs: number;
  endMs: number;
}

type TimeRanges = {
  AbsoluteTimeRange?: { StartTime?: number; EndTime?: number; First?: number; Last?: number };
  RelativeTimeRange?: { StartPercentage?: number; EndPercentage?: number; First?: number; Last?: number };
};

export const ruleRange = (filter: TimeRanges, durationMs: number): Range => {
  const a = filter.AbsoluteTimeRange;
  if (a) {
    if (a.First !== undefined) return { beginMs: 0, endMs: a.First };
    if (a.Last !== undefined) return { beginMs: Math.max(0, durationMs - a.Last), endMs: durationMs };
    return { beginMs: a.StartTime ?? 0, endMs: a.EndTime ?? durationMs };
  }
  const r = filter.RelativeTimeRange;
  if (r) {
    const pct = (p: number) => (durationMs * p) / 100;
    if (r.First !== undefined) return { beginMs: 0, endMs: pct(r.First) };
    if (r.Last !== undefined) return { beginMs: durationMs - pct(r.Last), endMs: durationMs };
    return { beginMs: pct(r.StartPercentage ?? 0), endMs: pct(r.EndPercentage ?? 100) };
  }
  return { beginMs: 0, endMs: durationMs };
};

const inRange = (s: Range, r: Range) => s.beginMs < r.endMs && s.endMs > r.beginMs;

const normalise = (word: string) => word.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '');

type Turn = TranscribeCallAnalyticsOutput['Transcript'][number];

const phraseMatches = (turns: readonly Turn[], phrase: string): PointOfInterest[] => {
  const target = phrase.split(/\s+/).map(normalise).filter(Boolean);
  const points: PointOfInterest[] = [];
  for (const turn of turns) {
    const words = turn.Items.filter((i) => i.Type === 'pronunciation');
    const texts =
      words.length > 0 ? words.map((w) => normalise(w.Content)) : turn.Content.split(/\s+/).map(normalise);
    for (let i = 0; i + target.length <= texts.length; i++) {
      if (!target.every((t, k) => texts[i + k] === t)) continue;
      const first = words[i];
      const last = words[i + target.length - 1];
      points.push({
        BeginOffsetMillis: first?.BeginOffsetMillis ?? turn.BeginOffsetMillis,
        EndOffsetMillis: last?.EndOffsetMillis ?? turn.EndOffsetMillis,
      });
    }
  }
  return points;
};

const span = (s: { BeginOffsetMillis: number; EndOffsetMillis: number }): Range => ({
  beginMs: s.BeginOffsetMillis,
  endMs: s.EndOffsetMillis,
});

/** Whether one rule matches, and the spans that made it match (empty for negated rules). */
export const evaluateRule = (
  rule: CategoryRule,
  doc: TranscribeCallAnalyticsOutput,
): { matched: boolean; points: PointOfInterest[] } => {
  const cc = doc.ConversationCharacteristics;
  const durationMs =
    cc?.TotalConversationDurationMillis ?? Math.max(0, ...doc.Transcript.map((t) => t.EndOffsetMillis));
  const decide = (negate: boolean | undefined, points: PointOfInterest[], hit: boolean) =>
    negate ? { matched: !hit, points: [] } : { matched: hit, points };

  if ('TranscriptFilter' in rule) {
    const f = rule.TranscriptFilter;
    const range = ruleRange(f, durationMs);
    const turns = doc.Transcript.filter(
      (t) => (!f.ParticipantRole || t.ParticipantRole === f.ParticipantRole) && inRange(span(t), range),
    );
    const points = f.Targets.flatMap((p) => phraseMatches(turns, p)).filter((p) => inRange(span(p), range));
    return decide(f.Negate, points, points.length > 0);
  }
  if ('SentimentFilter' in rule) {
    const f = rule.SentimentFilter;
    const range = ruleRange(f, durationMs);
    const turns = doc.Transcript.filter(
      (t) =>
        (!f.ParticipantRole || t.ParticipantRole === f.ParticipantRole) &&
        inRange(span(t), range) &&
        t.Sentiment !== undefined &&
        f.Sentiments.includes(t.Sentiment),
    );
    return decide(
      f.Negate,
      turns.map((t) => ({ BeginOffsetMillis: t.BeginOffsetMillis, EndOffsetMillis: t.EndOffsetMillis })),
      turns.length > 0,
    );
  }
  if ('InterruptionFilter' in rule) {
    const f = rule.InterruptionFilter;
    const range = ruleRange(f, durationMs);
    const by = cc?.Interruptions?.InterruptionsByInterrupter ?? {};
    const instances = (
      f.ParticipantRole ? (by[f.ParticipantRole] ?? []) : [...(by.AGENT ?? []), ...(by.CUSTOMER ?? [])]
    ).filter((x) => inRange(span(x), range));
    const total = instances.reduce((n, x) => n + (x.EndOffsetMillis - x.BeginOffsetMillis), 0);
    const hit = instances.length > 0 && total >= (f.Threshold ?? 0);
    return decide(
      f.Negate,
      instances.map((x) => ({ BeginOffsetMillis: x.BeginOffsetMillis, EndOffsetMillis: x.EndOffsetMillis })),
      hit,
    );
  }
  const f = rule.NonTalkTimeFilter;
  const range = ruleRange(f, durationMs);
  const instances = (cc?.NonTalkTime?.Instances ?? []).filter(
    (x) => inRange(span(x), range) && x.EndOffsetMillis - x.BeginOffsetMillis >= (f.Threshold ?? 0),
  );
  return decide(
    f.Negate,
    instances.map((x) => ({ BeginOffsetMillis: x.BeginOffsetMillis, EndOffsetMillis: x.EndOffsetMillis })),
    instances.length > 0,
  );
};

export const evaluateCategories = (
  categories: readonly CallCategory[],
  doc: TranscribeCallAnalyticsOutput,
): CategoryMatch[] =>
  categories.flatMap((c) => {
    const results = c.Rules.map((r) => evaluateRule(r, doc));
    if (!results.every((r) => r.matched)) return [];
    const points = results
      .flatMap((r) => r.points)
      .sort((a, b) => a.BeginOffsetMillis - b.BeginOffsetMillis || a.EndOffsetMillis - b.EndOffsetMillis);
    return [{ category: c.CategoryName, points }];
  });

/** The `Categories` block of a Call Analytics output for these matches. */
export const categoriesBlock = (matches: readonly CategoryMatch[]) => ({
  MatchedCategories: matches.map((m) => m.category),
  MatchedDetails: Object.fromEntries(matches.map((m) => [m.category, { PointsOfInterest: m.points }])),
});
