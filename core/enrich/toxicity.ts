import type { CallDocument, LineageEntry, Turn } from '../../schemas/call-document.js';
import { EngineError } from '../errors.js';
import type { ToxicityDetector } from '../ports/toxicity-detector.js';

export interface ToxicityLimits {
  maxSegmentBytes: number;
  maxBatchSegments: number;
  maxBatchBytes: number;
}

/**
 * DetectToxicContent takes ≤ 10 segments of ≤ 1 KB each and ≤ 10 KB in all. AWS does not say
 * whether a KB is 1000 or 1024 bytes, so the decimal reading is used: it satisfies both.
 */
export const COMPREHEND_TOXICITY_LIMITS: ToxicityLimits = {
  maxSegmentBytes: 1_000,
  maxBatchSegments: 10,
  maxBatchBytes: 10_000,
};

const codePointBytes = (codePoint: number): number =>
  codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;

export const utf8Length = (text: string): number => {
  let bytes = 0;
  for (const char of text) bytes += codePointBytes(char.codePointAt(0)!);
  return bytes;
};

/** Cuts a word that alone exceeds the limit at code-point boundaries (never inside a character). */
const splitLongWord = (word: string, maxBytes: number): string[] => {
  const parts: string[] = [];
  let current = '';
  let currentBytes = 0;
  for (const char of word) {
    const bytes = codePointBytes(char.codePointAt(0)!);
    if (currentBytes + bytes > maxBytes) {
      parts.push(current);
      current = '';
      currentBytes = 0;
    }
    current += char;
    currentBytes += bytes;
  }
  if (current !== '') parts.push(current);
  return parts;
};

/**
 * Cuts text into pieces of at most `maxBytes` UTF-8 bytes at whitespace. Runs of whitespace
 * become one space (the detector does not care); no non-space character is lost or reordered.
 */
export const splitUtf8 = (text: string, maxBytes: number): string[] => {
  if (maxBytes < 4) throw new RangeError('maxBytes must fit any code point (≥ 4)');
  const pieces: string[] = [];
  let current = '';
  let currentBytes = 0;
  const push = (word: string, bytes: number) => {
    if (current === '') {
      current = word;
      currentBytes = bytes;
    } else if (currentBytes + 1 + bytes <= maxBytes) {
      current += ` ${word}`;
      currentBytes += 1 + bytes;
    } else {
      pieces.push(current);
      current = word;
      currentBytes = bytes;
    }
  };
  for (const word of text.split(/\s+/u)) {
    if (word === '') continue;
    const bytes = utf8Length(word);
    if (bytes <= maxBytes) {
      push(word, bytes);
      continue;
    }
    for (const part of splitLongWord(word, maxBytes)) push(part, utf8Length(part));
  }
  if (current !== '') pieces.push(current);
  return pieces;
};

export interface ToxicitySegment {
  /** `Turn.index` of the turn this piece came from. */
  turnIndex: number;
  text: string;
  bytes: number;
}

const ANALYSED_ROLES: ReadonlySet<Turn['role']> = new Set(['CUSTOMER', 'AGENT']);

/** Customer and agent turns cut into pieces, in call order (IVR prompts are recordings, not people). */
export const toxicitySegments = (
  turns: readonly Turn[],
  limits: ToxicityLimits = COMPREHEND_TOXICITY_LIMITS,
): ToxicitySegment[] =>
  turns
    .filter((turn) => ANALYSED_ROLES.has(turn.role))
    .flatMap((turn) =>
      splitUtf8(turn.text, limits.maxSegmentBytes).map((text) => ({
        turnIndex: turn.index,
        text,
        bytes: utf8Length(text),
      })),
    );

/** Consecutive segments packed greedily into requests within the count and size limits. */
export const batchSegments = (
  segments: readonly ToxicitySegment[],
  limits: ToxicityLimits = COMPREHEND_TOXICITY_LIMITS,
): ToxicitySegment[][] => {
  const batches: ToxicitySegment[][] = [];
  let current: ToxicitySegment[] = [];
  let bytes = 0;
  for (const segment of segments) {
    if (segment.bytes > limits.maxBatchBytes || segment.bytes > limits.maxSegmentBytes) {
      throw new RangeError(`segment of ${segment.bytes} bytes exceeds the limits`);
    }
    if (current.length === limits.maxBatchSegments || bytes + segment.bytes > limits.maxBatchBytes) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(segment);
    bytes += segment.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
};

export interface TurnToxicity {
  index: number;
  toxicity: number;
  /** Top label, only for turns at or over the threshold (a clean turn has no meaningful label). */
  label: string | null;
  /** Every label at or over the threshold, highest first. */
  labels: string[];
}

/** Who was toxic on a call. */
export type ToxicBy = 'CUSTOMER' | 'AGENT' | 'BOTH';

export interface CallToxicity {
  turns: TurnToxicity[];
  max: number | null;
  toxicTurns: number;
  /** Start of the first toxic turn, ms from the recording start; null on a clean call. */
  firstToxicMs: number | null;
  /** Whose turns were toxic (by turn role); null on a clean call. */
  toxicBy: ToxicBy | null;
  lineage: LineageEntry;
}

interface Scored {
  toxicity: number;
  labels: Map<string, number>;
}

/** Per-call figures from per-turn scores: worst score, toxic turn count, first toxic time, who. */
export const summariseToxicity = (
  doc: CallDocument,
  turns: readonly TurnToxicity[],
  threshold: number,
): Pick<CallToxicity, 'max' | 'toxicTurns' | 'firstToxicMs' | 'toxicBy'> => {
  const byIndex = new Map(doc.turns.map((t) => [t.index, t]));
  const toxic = turns
    .filter((t) => t.toxicity >= threshold)
    .map((t) => byIndex.get(t.index))
    .filter((t) => t !== undefined);
  const roles = new Set(toxic.map((t) => t.role));
  return {
    max: turns.reduce<number | null>((m, t) => (m === null || t.toxicity > m ? t.toxicity : m), null),
    toxicTurns: toxic.length,
    firstToxicMs: toxic.reduce<number | null>((m, t) => (m === null || t.beginMs < m ? t.beginMs : m), null),
    toxicBy: roles.size === 0 ? null : roles.size > 1 ? 'BOTH' : roles.has('AGENT') ? 'AGENT' : 'CUSTOMER',
  };
};

/**
 * The languages toxicity is measured in: English. Comprehend's DetectToxicContent reads English
 * only ("Currently, English is the only supported language", API reference) and the local
 * lexicon is English; a call in another language would be scored as English, billed and recorded
 * as measured.
 */
export const TOXICITY_LANGUAGE = /^en(?:[-_]|$)/iu;

/** Why a call's toxicity is not measured (its transcript's language), or null when it is. */
export const toxicityNotMeasured = (doc: Pick<CallDocument, 'language'>): string | null =>
  TOXICITY_LANGUAGE.test(doc.language)
    ? null
    : `toxicity not measured: the transcript is in ${doc.language.trim() === '' ? 'an unknown language' : doc.language}, and toxicity detection reads English only (en-*)`;

export const detectToxicity = async (
  doc: CallDocument,
  detector: ToxicityDetector,
  threshold: number,
): Promise<CallToxicity> => {
  const lineage = detector.lineage();
  const byTurn = new Map<number, Scored>();
  // Sequential on purpose: the service reads segment order as context, and one call at a time
  // stays inside the account's request rate.
  for (const batch of batchSegments(toxicitySegments(doc.turns))) {
    const response = await detector.detect({
      TextSegments: batch.map((s) => ({ Text: s.text })),
      LanguageCode: 'en',
    });
    if (response.ResultList.length !== batch.length) {
      throw new EngineError(
        lineage.engine,
        `sent ${batch.length} segments, got ${response.ResultList.length} results`,
      );
    }
    batch.forEach((segment, i) => {
      const result = response.ResultList[i]!;
      const seen = byTurn.get(segment.turnIndex) ?? { toxicity: 0, labels: new Map<string, number>() };
      // A turn cut into pieces is as toxic as its worst piece, label by label.
      seen.toxicity = Math.max(seen.toxicity, result.Toxicity);
      for (const l of result.Labels) seen.labels.set(l.Name, Math.max(seen.labels.get(l.Name) ?? 0, l.Score));
      byTurn.set(segment.turnIndex, seen);
    });
  }
  const turns = [...byTurn.entries()].map(([index, t]): TurnToxicity => {
    // A clean turn has no label: its labels are not ranked (localeCompare, most turns).
    if (!(t.toxicity >= threshold)) return { index, toxicity: t.toxicity, label: null, labels: [] };
    const ranked = [...t.labels.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    return {
      index,
      toxicity: t.toxicity,
      label: ranked[0]?.[0] ?? null,
      labels: ranked.filter(([, score]) => score >= threshold).map(([name]) => name),
    };
  });
  return { turns, ...summariseToxicity(doc, turns, threshold), lineage };
};
