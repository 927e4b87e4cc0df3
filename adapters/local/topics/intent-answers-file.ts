import { z } from 'zod';
import shippedAnswers from '../../../config/intent-answers.json' with { type: 'json' };
import {
  IntentAnswer,
  IntentClassifier,
  type IntentLabelledCall,
  intentAnswerLessons,
} from '../../../core/enrich/intents.js';
import type { Taxonomy } from '../../../core/enrich/taxonomy.js';
import { TopicModel, trainTopicModel } from '../../../core/enrich/topic-model.js';
import type { WordVectors } from '../../../core/enrich/word-vectors.js';

/**
 * What agents answer for each intent, learned from the dev sets' labelled calls (eval/dev …
 * eval/dev7, never the frozen or holdout sets; core/enrich/intents.ts, intentAnswerLessons) and
 * kept in config/intent-answers.json, imported so bundlers ship it with the code. `npx tsx
 * scripts/write-generated.ts` writes it again from the dev sets and config/topics.json; a test
 * fails when it is stale.
 */
export const INTENT_ANSWERS_FORMAT = 'debrief-intent-answers/1';

export const IntentAnswersFile = z.object({
  format: z.literal(INTENT_ANSWERS_FORMAT),
  /** The taxonomy whose models read the calls (their requests, answers and reference reasons' intents). */
  taxonomyVersion: z.string(),
  /** Where the calls came from (repository paths). */
  sources: z.array(z.string()),
  /** Labelled calls read (topical or not). */
  calls: z.number().int().nonnegative(),
  examples: z.array(IntentAnswer),
});
export type IntentAnswersFile = z.infer<typeof IntentAnswersFile>;

/** The file's text for these calls, read by models of the taxonomy alone (same inputs, same bytes). */
export const intentAnswersFileText = (
  taxonomy: Taxonomy,
  vectors: WordVectors,
  calls: readonly IntentLabelledCall[],
  sources: readonly string[],
): string => {
  const model = new TopicModel(trainTopicModel(taxonomy, { vectors }).text, vectors);
  const file: IntentAnswersFile = {
    format: INTENT_ANSWERS_FORMAT,
    taxonomyVersion: taxonomy.version,
    sources: [...sources],
    calls: calls.length,
    examples: intentAnswerLessons(model, new IntentClassifier(taxonomy, vectors), calls),
  };
  return `${JSON.stringify(file, null, 1)}\n`;
};

let parsed: IntentAnswersFile | null = null;

/** The shipped answers of the intents this taxonomy has (a taxonomy passed with --topics may have others). */
export const shippedIntentAnswers = (taxonomy: Taxonomy): IntentAnswer[] => {
  parsed ??= IntentAnswersFile.parse(shippedAnswers);
  const known = new Set(taxonomy.topics.flatMap((t) => (t.intents ?? []).map((i) => `${t.id}/${i.id}`)));
  return parsed.examples.filter((e) => known.has(`${e.topic}/${e.intent}`));
};
