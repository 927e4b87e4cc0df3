import { DebriefError } from '../../../core/errors.js';
import type { SpeechRecognizer } from '../../../core/ports/speech-recognizer.js';

export class SpeechEngineError extends DebriefError {
  override name = 'SpeechEngineError' as const;
}

/** The recogniser local runs use unless one is configured (pocketsphinx, wired in with the recogniser adapters). */
export const defaultRecognizer = async (): Promise<SpeechRecognizer> => {
  throw new SpeechEngineError('no speech recogniser is configured for local transcription');
};
