import type { Span } from './voice-activity.js';

/** Silence added at both ends of a redacted value in the audio copy, so no syllable edge survives. */
export const REDACTION_PAD_MS = 40;

/**
 * The most the silence runs on past the value's own end time: the trial's shortfalls were 0.4–0.9 s;
 * without a cap a value that is the channel's last recognised word, in a voiced span the detector
 * bridged over hold music or noise, silenced everything to that span's end (the review of the
 * change: many seconds of kept speech the recogniser dropped).
 */
export const MAX_TAIL_MS = 1_200;

/**
 * The span of a redacted value to silence in the redacted audio copy, on the channel it was said.
 *
 * The recogniser's word times are not the speech's: pocketsphinx ends a word where its best path
 * leaves it, and the rest of the sound goes to silence or filler models it drops, so a value's
 * last word often "ends" 0.4–0.6 s before the voice does (found by a compliance trial on flite
 * calls: a surname silenced to 6.09 s, its speech ran to 6.7 s; "…four six one" audible for
 * 0.6 s after the silence). Silencing only the words' own times left the end of the value audible.
 *
 * The rule: after the value, nothing the recogniser kept is heard until the next word it
 * recognised on that channel, so the sound in between is the value's (or a word the recogniser
 * dropped, which is no loss in a redacted copy). The silence therefore runs on to the start of the
 * next recognised word on the channel, but never past the end of the voiced span (voice activity,
 * from the channel's own energy) the value ends in: after a real pause the next words are kept
 * speech, not the value. The value's own end time is the floor (voice activity may have ended
 * earlier). Both ends are padded by `padMs`; the start is not pulled back, as the recogniser's
 * word starts were right in the trial (a word begins where the audio turns to it), and pulling it
 * back to the previous word's short end would silence the tail of a word that is kept.
 */
export const silenceSpan = (
  value: Span,
  nextWordBeginMs: number | null,
  voiced: readonly Span[],
  durationMs: number,
  padMs = REDACTION_PAD_MS,
): Span => {
  // The voiced span the value ends in (a value ending in a pause the detector bridged: the span
  // around it; ending after the span: none, its own end stands).
  const span = voiced.find((s) => s.beginMs <= value.endMs && value.endMs <= s.endMs);
  let endMs = value.endMs;
  if (span)
    endMs = Math.max(
      endMs,
      Math.min(span.endMs, nextWordBeginMs ?? Number.POSITIVE_INFINITY, value.endMs + MAX_TAIL_MS),
    );
  return {
    beginMs: Math.max(0, value.beginMs - padMs),
    endMs: Math.min(durationMs, endMs + padMs),
  };
};
