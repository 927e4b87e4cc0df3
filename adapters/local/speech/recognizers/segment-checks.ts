import { SpeechEngineError } from '../../../../core/errors.js';
import type { SpeechSegment } from '../../../../core/ports/speech-recognizer.js';

/** Shorter segments cannot hold a word; recognisers answer [] without decoding them. */
export const MIN_SEGMENT_MS = 100;

export const segmentMs = (s: SpeechSegment): number => (s.samples.length * 1000) / s.sampleRate;

/** The port's contract: 8–48 kHz. Anything else is the caller's bug, reported before any work. */
export const requireSupportedRates = (engine: string, segments: readonly SpeechSegment[]): void => {
  for (const s of segments) {
    if (!Number.isInteger(s.sampleRate) || s.sampleRate < 8000 || s.sampleRate > 48_000) {
      throw new SpeechEngineError(
        engine,
        'bad-input',
        `segment ${s.id}: sample rate ${s.sampleRate} is not 8000–48000 Hz`,
      );
    }
  }
};
