/**
 * Calls never recorded (CTR-only: a Genesys record alone, calls.has_recording false): the caller
 * hung up in the queue, the call ended in the IVR or left the queue unanswered. They have no
 * topic, summary or transcript (not_applicable), so the pages say what they are instead of showing
 * them as recorded calls with topic 'none' and an empty summary (trial48).
 */
import { clock, escapeHtml } from './page.js';
import type { Row } from './workbench-queries.js';

/** How the run's note (calls.ctr_note) starts for such a call (core/ctr/merge.ts). */
const NEVER_RECORDED = 'CTR-only call, never recorded: ';

/** A call a Genesys record landed without a recording (rows written before the column: recorded). */
export const isUnrecorded = (row: Row): boolean => row.has_recording === false;

/**
 * Why the call was never recorded, as the run said it ("the caller hung up waiting in the queue
 * before any agent answered"): the note's first part, without its prefix; null when it has none.
 */
export const unrecordedReason = (row: Row): string | null => {
  const note = typeof row.ctr_note === 'string' ? row.ctr_note : '';
  if (!note.startsWith(NEVER_RECORDED)) return note || null;
  return note.slice(NEVER_RECORDED.length).split('; ')[0] || null;
};

/** What became of the call, in a few words: abandoned in queue, ended in the IVR … */
export const unrecordedOutcome = (row: Row): string => {
  if (row.abandoned === true) return 'abandoned in queue';
  const reason = unrecordedReason(row) ?? '';
  if (reason.includes('ended in the IVR')) return 'ended in the IVR';
  if (reason.includes('left the queue')) return 'left the queue unanswered';
  if (reason.includes('no recording was started')) return 'answered, no recording started';
  return 'no recording or transcript';
};

/** The list's marker for such a call, where a recorded call shows its topic. */
export const unrecordedMarker = (row: Row): string => `not recorded · ${unrecordedOutcome(row)}`;

/** The marker as a badge, the run's reason as its tooltip. */
export const unrecordedBadge = (row: Row): string =>
  `<span class="badge unrecorded" title="${escapeHtml(unrecordedReason(row) ?? 'never recorded')}">${escapeHtml(unrecordedMarker(row))}</span>`;

/** The journey in one line: IVR 0:30 → queue 0:45 → abandoned in queue. */
export const unrecordedJourney = (row: Row): string => {
  const ms = (v: unknown) => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : 0);
  return [
    ms(row.ivr_ms) > 0 ? `IVR ${clock(ms(row.ivr_ms))}` : null,
    ms(row.queue_ms) > 0 ? `queue ${clock(ms(row.queue_ms))}` : null,
    unrecordedOutcome(row),
  ]
    .filter((p) => p !== null)
    .join(' → ');
};
