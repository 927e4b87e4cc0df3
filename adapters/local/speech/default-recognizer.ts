import type { SpeechRecognizer } from '../../../core/ports/speech-recognizer.js';
import { createLocalRecognizer } from './recognizers/local-recognizer.js';
import { openAiTranscriptionConfigFromEnv } from './recognizers/openai-transcriptions.js';

/**
 * The recogniser local runs use unless one is injected: an OpenAI-compatible server when
 * DEBRIEF_ASR_URL is set, else pocketsphinx with the call-center language model (built once,
 * cached; a missing Debian package is a SpeechEngineError naming the apt-get command).
 */
export const defaultRecognizer = async (
  onModelProgress?: (stage: string, done: number, total: number) => void,
): Promise<SpeechRecognizer> =>
  createLocalRecognizer({
    openAi: openAiTranscriptionConfigFromEnv(process.env),
    ...(onModelProgress ? { domainModel: { onProgress: onModelProgress } } : {}),
  });
