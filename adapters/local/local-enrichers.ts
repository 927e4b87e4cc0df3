import type { Enrichers } from '../../core/enrich/enrichers.js';
import { type IntentAnswer, IntentClassifier } from '../../core/enrich/intents.js';
import { createSummaryEngine, type SummaryEngineConfig, summaryEngineFromEnv } from '../summary-engine.js';
import { createLocalSummarizer } from './summary/extractive-summarizer.js';
import { shippedIntentAnswers } from './topics/intent-answers-file.js';
import { createLocalTopicClassifier } from './topics/local-topic-classifier.js';
import { loadTaxonomy } from './topics/taxonomy-file.js';
import { type LoadedTopicModel, loadTopicModel } from './topics/topic-model-file.js';
import { createLexiconAbuseFilter } from './toxicity/abuse-filter.js';
import { createLocalToxicityDetector } from './toxicity/lexicon-toxicity-detector.js';

export const DEFAULT_TOXICITY_THRESHOLD = 0.5;

export interface LocalEnricherOptions {
  /** Topic taxonomy JSON (default config/topics.json). */
  taxonomyPath?: string;
  /** A trained topic model file; without one, a model is trained from the taxonomy and the dev sets' calls at start-up. */
  topicModelPath?: string | null;
  /** A topic model already loaded (evaluation scripts comparing models); wins over topicModelPath. */
  topicModel?: LoadedTopicModel;
  toxicityThreshold?: number;
  /**
   * What agents answer for each intent (default: the dev sets' calls, config/intent-answers.json);
   * evaluation scripts holding a dev set out pass the other sets' answers.
   */
  intentAnswers?: readonly IntentAnswer[];
  /** Summary engine (default: DEBRIEF_SUMMARY_ENGINE and friends, else the embedded one). */
  summary?: SummaryEngineConfig;
}

/**
 * The engines outside AWS: embedded ones (same contracts as SageMaker, Bedrock and Comprehend,
 * no network), or, for summaries, an OpenAI-compatible server when configured.
 */
export const createLocalEnrichers = async (options: LocalEnricherOptions = {}): Promise<Enrichers> => {
  const taxonomy = await loadTaxonomy(options.taxonomyPath);
  const { model, source } = options.topicModel ?? loadTopicModel(taxonomy, options.topicModelPath);
  return {
    topics: createLocalTopicClassifier(model, source),
    summarizer: createSummaryEngine(options.summary ?? summaryEngineFromEnv(), () =>
      createLocalSummarizer({
        topicModel: model,
        topicLabels: new Map(taxonomy.topics.map((t) => [t.id, t.label])),
        minTopicScore: taxonomy.minScore,
        intents: new IntentClassifier(
          taxonomy,
          model.wordVectors,
          options.intentAnswers ?? shippedIntentAnswers(taxonomy),
        ),
        abuse: createLexiconAbuseFilter(),
      }),
    ),
    toxicity: createLocalToxicityDetector(),
    taxonomy,
    toxicityThreshold: options.toxicityThreshold ?? DEFAULT_TOXICITY_THRESHOLD,
  };
};
