import type { Turn, Word } from '../../schemas/call-document.js';
import {
  type LabelledSpan,
  labelAt,
  labelKey,
  labelOverlaps,
  labelRuns,
  type SpeakerLabel,
} from './speaker-track.js';

/**
 * A boundary is moved to the widest pause between words within this distance: the recorder's
 * and the analytics clock disagree by a few hundred ms, and the true hand-over (prompt ends,
 * agent greets) is a pause, not the middle of a word.
 */
export const SNAP_MS = 800;

export interface LabelledTurn {
  turn: Omit<Turn, 'index'>;
  label: SpeakerLabel;
}

interface Gap {
  /** Number of spoken words before the gap. */
  after: number;
  lo: number;
  hi: number;
  edge: boolean;
}

const distance = (g: Gap, at: number): number => {
  const lo = Math.min(g.lo, g.hi);
  const hi = Math.max(g.lo, g.hi);
  return at < lo ? lo - at : at > hi ? at - hi : 0;
};

/** Where to cut for a label boundary at `at`: a turn edge, else the widest nearby pause. */
const chooseGap = (gaps: readonly Gap[], at: number): Gap => {
  const near = gaps.filter((g) => distance(g, at) <= SNAP_MS);
  const byDistance = (a: Gap, b: Gap) => distance(a, at) - distance(b, at) || a.after - b.after;
  const edges = near.filter((g) => g.edge).sort(byDistance);
  if (edges[0]) return edges[0];
  if (near.length > 0) return [...near].sort((a, b) => b.hi - b.lo - (a.hi - a.lo) || byDistance(a, b))[0]!;
  return [...gaps].sort((a, b) => byDistance(a, b) || b.hi - b.lo - (a.hi - a.lo))[0]!;
};

/** The label owning most of the speech (word time; the span itself when words carry none). */
const dominantLabel = (
  track: readonly LabelledSpan[],
  words: readonly Word[],
  span: { beginMs: number; endMs: number },
) => {
  const tally = new Map<string, { label: SpeakerLabel; ms: number; first: number }>();
  let order = 0;
  const add = (label: SpeakerLabel, ms: number) => {
    const key = labelKey(label);
    const cur = tally.get(key);
    if (cur) cur.ms += ms;
    else tally.set(key, { label, ms, first: order++ });
  };
  for (const w of words) {
    if (w.punctuation) continue;
    if (w.endMs > w.beginMs)
      for (const { label, ms } of labelOverlaps(track, w.beginMs, w.endMs).values()) add(label, ms);
    else add(labelAt(track, w.beginMs), 0.001);
  }
  if (tally.size === 0) {
    if (span.endMs > span.beginMs)
      for (const { label, ms } of labelOverlaps(track, span.beginMs, span.endMs).values()) add(label, ms);
    else add(labelAt(track, span.beginMs), 1);
  }
  return [...tally.values()].sort((a, b) => b.ms - a.ms || a.first - b.first)[0]!.label;
};

const clampWord = (w: Word, beginMs: number, endMs: number): Word => {
  const b = Math.min(Math.max(w.beginMs, beginMs), endMs);
  const e = Math.min(Math.max(w.endMs, b), endMs);
  return b === w.beginMs && e === w.endMs ? w : { ...w, beginMs: b, endMs: e };
};

/** Transcribe's spacing: words separated by a space, punctuation glued to the previous word. */
export const joinWords = (words: readonly Pick<Word, 'text' | 'punctuation'>[]): string =>
  words.reduce((text, w) => (text === '' ? w.text : w.punctuation ? text + w.text : `${text} ${w.text}`), '');

/**
 * Splits an agent-channel turn where the channel changes owner, at word level: every word
 * keeps its times and lands in exactly one piece, the pieces tile [beginMs, endMs) (speech time
 * is conserved) and each piece is labelled by the owner of most of its words' time, so speech
 * that starts just before an agent's window still belongs to that agent.
 */
export const splitTurn = (turn: Omit<Turn, 'index'>, track: readonly LabelledSpan[]): LabelledTurn[] => {
  const runs = labelRuns(track, turn.beginMs, turn.endMs);
  const spoken = turn.words.map((w, i) => ({ w, i })).filter(({ w }) => !w.punctuation);
  if (runs.length > 1 && turn.words.length === 0) {
    const bySentence = splitBySentence(turn, track, runs);
    if (bySentence !== null) return bySentence;
  }
  if (runs.length <= 1 || spoken.length === 0) {
    return [{ turn, label: runs.length === 1 ? runs[0]!.label : dominantLabel(track, turn.words, turn) }];
  }

  const gaps: Gap[] = [{ after: 0, lo: turn.beginMs, hi: spoken[0]!.w.beginMs, edge: true }];
  for (let k = 1; k < spoken.length; k++) {
    gaps.push({ after: k, lo: spoken[k - 1]!.w.endMs, hi: spoken[k]!.w.beginMs, edge: false });
  }
  gaps.push({ after: spoken.length, lo: spoken[spoken.length - 1]!.w.endMs, hi: turn.endMs, edge: true });

  const cuts = new Map<number, number>();
  for (const run of runs.slice(1)) {
    const gap = chooseGap(gaps, run.beginMs);
    if (gap.after === 0 || gap.after === spoken.length || cuts.has(gap.after)) continue;
    const at = Math.min(Math.max(run.beginMs, Math.min(gap.lo, gap.hi)), Math.max(gap.lo, gap.hi));
    cuts.set(gap.after, Math.min(Math.max(at, turn.beginMs), turn.endMs));
  }
  if (cuts.size === 0) return [{ turn, label: dominantLabel(track, turn.words, turn) }];

  // Piece p holds spoken words [after_{p-1}, after_p); punctuation follows its word.
  const sortedCuts = [...cuts.entries()].sort((a, b) => a[0] - b[0]);
  const bounds = [turn.beginMs];
  for (const [, at] of sortedCuts) bounds.push(Math.max(at, bounds[bounds.length - 1]!));
  bounds.push(turn.endMs);
  const pieceOfSpoken = (k: number) => sortedCuts.filter(([after]) => after <= k).length;
  const pieceWords: Word[][] = bounds.slice(1).map(() => []);
  let spokenSeen = 0;
  for (const w of turn.words) {
    const piece = w.punctuation ? pieceOfSpoken(Math.max(0, spokenSeen - 1)) : pieceOfSpoken(spokenSeen++);
    pieceWords[piece]!.push(w);
  }

  const pieces: LabelledTurn[] = [];
  pieceWords.forEach((words, p) => {
    const beginMs = bounds[p]!;
    const endMs = bounds[p + 1]!;
    const clamped = words.map((w) => clampWord(w, beginMs, endMs));
    const label = dominantLabel(track, clamped, { beginMs, endMs });
    const last = pieces[pieces.length - 1];
    if (last && labelKey(last.label) === labelKey(label)) {
      last.turn = { ...last.turn, endMs, words: [...last.turn.words, ...clamped] };
    } else {
      pieces.push({ label, turn: { ...turn, beginMs, endMs, words: clamped } });
    }
  });
  if (pieces.length === 1) return [{ turn, label: pieces[0]!.label }];
  return pieces.map(({ turn: t, label }) => ({ label, turn: { ...t, text: joinWords(t.words) } }));
};

/**
 * A turn without word times (a transcript without `Items`: hand-made or converted) that crosses
 * an owner change (the IVR prompt, then the agent's greeting) is cut between sentences: each
 * sentence end is placed in time by the share of the turn's text before it (speech runs at a
 * roughly even pace), and an owner change takes the nearest sentence end within SNAP_MS or a
 * fifth of the turn, whichever is wider; the cut itself is at the owner change, so each piece is
 * timed as the record says. Null when no owner change has a sentence end near it (the turn then
 * goes whole to the owner of most of its time, as before; helper-215's D13: the prompt and the
 * greeting all went to IVR).
 */
const splitBySentence = (
  turn: Omit<Turn, 'index'>,
  track: readonly LabelledSpan[],
  runs: readonly LabelledSpan[],
): LabelledTurn[] | null => {
  const text = turn.text;
  const ends = [...text.matchAll(/[.?!…]+["')\]]*\s+(?=\S)/gu)].map((m) => m.index! + m[0].length);
  if (ends.length === 0 || text.length === 0) return null;
  const span = turn.endMs - turn.beginMs;
  const timeOf = (at: number) => turn.beginMs + (span * at) / text.length;
  const reach = Math.max(SNAP_MS, span / 5);
  const cuts = new Map<number, number>();
  for (const run of runs.slice(1)) {
    const nearest = [...ends].sort(
      (a, b) => Math.abs(timeOf(a) - run.beginMs) - Math.abs(timeOf(b) - run.beginMs),
    )[0]!;
    if (Math.abs(timeOf(nearest) - run.beginMs) > reach || cuts.has(nearest)) continue;
    cuts.set(nearest, run.beginMs);
  }
  if (cuts.size === 0) return null;
  const sorted = [...cuts.entries()].sort((a, b) => a[0] - b[0]);
  const pieces: LabelledTurn[] = [];
  let from = 0;
  let beginMs = turn.beginMs;
  for (const [at, ms] of [...sorted, [text.length, turn.endMs] as [number, number]]) {
    const endMs = Math.max(beginMs, Math.min(ms, turn.endMs));
    const label = dominantLabel(track, [], { beginMs, endMs });
    const pieceText = text.slice(from, at).trim();
    const last = pieces[pieces.length - 1];
    if (last && labelKey(last.label) === labelKey(label))
      last.turn = { ...last.turn, endMs, text: `${last.turn.text} ${pieceText}` };
    else pieces.push({ label, turn: { ...turn, beginMs, endMs, text: pieceText, words: [] } });
    from = at;
    beginMs = endMs;
  }
  return pieces.length > 1 ? pieces : null;
};
