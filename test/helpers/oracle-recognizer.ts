import type { RecognizedWord, SpeechRecognizer, SpeechSegment } from '../../core/ports/speech-recognizer.js';
import type { CallTruth } from '../../generator/truth.js';

/**
 * A recogniser that "hears" exactly what the generator scripted: for each voiced segment it
 * returns the truth words spoken on that segment's channel within its time span. It stands in
 * for pocketsphinx where a test is about everything around speech-to-text (voice activity,
 * turns, roles, redaction, categories, the workflow) and must not depend on recognition errors.
 */
export const oracleRecognizer = (
  truth: CallTruth,
  channelRole: (channelIndex: number) => 'AGENT' | 'CUSTOMER' | 'MIXED',
): SpeechRecognizer => ({
  info: { engine: 'oracle', version: '1', model: 'ground truth', modelHash: null, note: 'test double' },
  async recognize(segments: readonly SpeechSegment[]): Promise<RecognizedWord[][]> {
    return segments.map((seg) => {
      const ch = Number(/^ch(\d+)-/.exec(seg.id)?.[1] ?? 0);
      const role = channelRole(ch);
      const endMs = seg.beginMs + (seg.samples.length / seg.sampleRate) * 1000;
      return truth.speech
        .filter((s) => role === 'MIXED' || s.channel === role)
        .flatMap((s) => s.words)
        .filter((w) => {
          const mid = (w.beginMs + w.endMs) / 2;
          return mid >= seg.beginMs && mid < endMs;
        })
        .map((w) => ({ text: w.text, beginMs: w.beginMs, endMs: w.endMs, confidence: 0.9 }));
    });
  },
});
