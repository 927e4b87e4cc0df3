import type { SpeechRecognizer } from '../../core/ports/speech-recognizer.js';
import { cpuSeconds } from './speech-sets.js';

export interface RecognizerTime {
  /** CPU seconds of this process and the decoders it reaped, while recognising. */
  cpu: number;
  wall: number;
}

/**
 * A recogniser that adds up the CPU and wall time spent inside `recognize`, so an engine run
 * splits into speech to text and the rest (voice activity, metrics, output). Calls must not
 * overlap (the engine makes one per recording).
 */
export const timedRecognizer = (
  inner: SpeechRecognizer,
): { recognizer: SpeechRecognizer; spent: RecognizerTime } => {
  const spent: RecognizerTime = { cpu: 0, wall: 0 };
  return {
    spent,
    recognizer: {
      info: inner.info,
      recognize: async (segments, options) => {
        const cpu0 = await cpuSeconds();
        const t0 = performance.now();
        try {
          return await inner.recognize(segments, options);
        } finally {
          spent.wall += (performance.now() - t0) / 1000;
          spent.cpu += (await cpuSeconds()) - cpu0;
        }
      },
    },
  };
};
