import type { SpeechRecognizer } from '../../../../core/ports/speech-recognizer.js';
import { buildDomainModel, type DomainModelOptions } from '../language-model/build-domain-model.js';
import {
  createOpenAiTranscriptionRecognizer,
  type OpenAiTranscriptionConfig,
} from './openai-transcriptions.js';
import { createPocketsphinxRecognizer, type PocketsphinxOptions } from './pocketsphinx.js';

export interface LocalRecognizerOptions {
  /** An OpenAI-compatible server to use instead of pocketsphinx (see openAiTranscriptionConfigFromEnv). */
  openAi?: OpenAiTranscriptionConfig | null;
  /** The call-center language model (default on); false decodes with Debian's general model. */
  domainModel?: boolean | DomainModelOptions;
  pocketsphinx?: Omit<PocketsphinxOptions, 'model' | 'modelHash' | 'modelName'>;
}

/**
 * The recogniser local mode uses: a configured Whisper-style server, else pocketsphinx with the
 * call-center model mixed into Debian's en-US model (built once, then cached by input hash).
 */
export const createLocalRecognizer = async (
  options: LocalRecognizerOptions = {},
): Promise<SpeechRecognizer> => {
  if (options.openAi) return createOpenAiTranscriptionRecognizer(options.openAi);
  const domain = options.domainModel ?? true;
  if (domain === false) return createPocketsphinxRecognizer(options.pocketsphinx);
  const built = await buildDomainModel(domain === true ? {} : domain);
  return createPocketsphinxRecognizer({
    ...options.pocketsphinx,
    model: built.model,
    modelHash: built.hash,
    modelName: `en-us + debrief call-center model (weight ${built.report.domainWeight})`,
  });
};
