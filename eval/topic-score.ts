import type { TopicMatch } from '../schemas/call-document.js';

/** Topic scoring, apart from the summary scores so `debrief topics eval` loads no ROUGE. */
export const ratio = (a: number, b: number): number => (b === 0 ? Number.NaN : a / b);

/** What a topic engine answered for one call with a reference topic (null = none of these). */
export interface TopicAnswer {
  id: string;
  expected: string | null;
  matches: readonly TopicMatch[];
  /** Every candidate, best first, before the "none" threshold (top-3 is judged on it). */
  ranking: readonly string[];
}

export const NONE = 'none';

export interface TopicScores {
  calls: number;
  primaryRight: number;
  /** Calls with a reference topic that is among the engine's three best candidates. */
  withTopic: number;
  top3Right: number;
  /** Calls whose reference is "none of these", and how many were answered with no topic. */
  noneCalls: number;
  noneRight: number;
  /** Calls with a topic that got none (abstained) — safer than a wrong guess, still a miss. */
  abstained: number;
  confusion: Map<string, Map<string, number>>;
  misses: { id: string; expected: string; got: string }[];
}

export const scoreTopics = (answers: readonly TopicAnswer[]): TopicScores => {
  const s: TopicScores = {
    calls: answers.length,
    primaryRight: 0,
    withTopic: 0,
    top3Right: 0,
    noneCalls: 0,
    noneRight: 0,
    abstained: 0,
    confusion: new Map(),
    misses: [],
  };
  for (const a of answers) {
    const expected = a.expected ?? NONE;
    const got = a.matches[0]?.topic ?? NONE;
    const row = s.confusion.get(expected) ?? new Map<string, number>();
    row.set(got, (row.get(got) ?? 0) + 1);
    s.confusion.set(expected, row);
    if (got === expected) s.primaryRight += 1;
    else s.misses.push({ id: a.id, expected, got });
    if (a.expected === null) {
      s.noneCalls += 1;
      if (got === NONE) s.noneRight += 1;
    } else {
      s.withTopic += 1;
      if (a.ranking.slice(0, 3).includes(a.expected)) s.top3Right += 1;
      if (got === NONE) s.abstained += 1;
    }
  }
  return s;
};

/**
 * Rows: reference topic; columns: predicted; `·` for zero. Topics in the order given, then any
 * others. A column is headed by its topic's number, written before the topic in its row ("4
 * account_access"), so the matrix stays narrow without cutting names ("acco.acce" read as nothing).
 */
export const confusionMatrix = (
  scores: TopicScores,
  order: readonly string[],
): { head: string[]; rows: string[][] } => {
  const seen = new Set<string>([...order, NONE]);
  for (const [ref, row] of scores.confusion) {
    seen.add(ref);
    for (const got of row.keys()) seen.add(got);
  }
  const topics = [...seen];
  const present = topics.filter(
    (t) => scores.confusion.has(t) || [...scores.confusion.values()].some((row) => row.has(t)),
  );
  // A topic only ever predicted has no row to name it: its column keeps its name.
  const key = (t: string) => (t === NONE || !scores.confusion.has(t) ? t : String(present.indexOf(t) + 1));
  const head = ['reference \\ predicted', ...present.map(key), 'right'];
  const rows = present
    .filter((t) => scores.confusion.has(t))
    .map((ref) => {
      const row = scores.confusion.get(ref)!;
      const total = [...row.values()].reduce((a, b) => a + b, 0);
      return [
        key(ref) === ref ? ref : `${key(ref)} ${ref}`,
        ...present.map((got) => String(row.get(got) ?? '·')),
        `${row.get(ref) ?? 0}/${total}`,
      ];
    });
  return { head, rows };
};
