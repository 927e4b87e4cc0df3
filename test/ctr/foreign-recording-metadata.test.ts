import { describe, expect, it } from 'vitest';
import { type Sidecars, withoutForeignRecording } from '../../core/ctr/sidecars.js';

const names = { metadata: 'c.recording.json', recording: 'c.wav' };
const withRecording = (recording: Sidecars['recording'], recordingNote: string | null = null): Sidecars => ({
  ctr: null,
  recording,
  recordingNote,
});

describe('recording metadata whose length is far from the recording dropped with it', () => {
  it.each([
    ['the same length', { startTime: '2026-03-16T10:00:00Z', durationMs: 187_434 }, 187_434],
    ['30 s apart on a short call', { startTime: '2026-03-16T10:00:00Z', durationMs: 50_000 }, 20_000],
    ['a quarter apart on a long one', { startTime: '2026-03-16T10:00:00Z', durationMs: 1_200_000 }, 900_000],
    ['no length in it', { startTime: '2026-03-16T10:00:00Z' }, 53_000],
  ])('is kept when it says %s', (_, recording, audioMs) => {
    // Prepare
    const sidecars = withRecording(recording);
    // Act
    const kept = withoutForeignRecording(sidecars, audioMs, names);
    // Assess
    expect(kept).toBe(sidecars);
  });

  it('is left out when its length (durationMs, else end less start) is far from the recording, with a note beside any earlier one', () => {
    // Prepare
    const byDuration = withRecording({ startTime: '2026-03-16T10:00:00Z', durationMs: 290_821 });
    const byEnd = withRecording(
      { startTime: '2026-03-16T10:00:00Z', endTime: '2026-03-16T10:04:51Z' },
      'c.ctr.json holds recording metadata',
    );
    // Act
    const fromDuration = withoutForeignRecording(byDuration, 53_000, names);
    const fromEnd = withoutForeignRecording(byEnd, 53_000, names);
    const noAudio = withoutForeignRecording(byDuration, undefined, names);
    // Assess
    expect(fromDuration.recording).toBeNull();
    expect(fromDuration.recordingNote).toBe(
      "c.recording.json describes a recording of 4:51, but c.wav is 0:53 long: another recording's metadata? Ignored (its start time would place this recording wrongly); drop this call's own under the same name, or remove it",
    );
    expect(fromEnd.recording).toBeNull();
    expect(fromEnd.recordingNote).toMatch(
      /^c\.ctr\.json holds recording metadata; c\.recording\.json describes a recording of 4:51/,
    );
    // a call without a recording of its own (a transcript alone): nothing to compare
    expect(noAudio).toBe(byDuration);
  });
});
