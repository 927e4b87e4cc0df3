import { z } from 'zod';
import shippedCalls from '../../../config/topic-calls.json' with { type: 'json' };
import type { Taxonomy } from '../../../core/enrich/taxonomy.js';
import {
  CallLessons,
  callLessons,
  type LabelledCallTurns,
  TopicModel,
  trainTopicModel,
} from '../../../core/enrich/topic-model.js';
import type { WordVectors } from '../../../core/enrich/word-vectors.js';

/**
 * The labelled calls the default topic model learns from besides the taxonomy: the dev sets'
 * calls (eval/dev … eval/dev7, never the frozen or holdout sets), drawn into lessons
 * (core/enrich/topic-model.ts, callLessons) and kept in config/topic-calls.json, imported so
 * bundlers ship it with the code. `npx tsx scripts/write-generated.ts` writes it again from the
 * dev sets and config/topics.json; a test fails when it is stale.
 */
export const TOPIC_CALLS_FORMAT = 'debrief-topic-calls/1';

export const TopicCallsFile = CallLessons.extend({
  format: z.literal(TOPIC_CALLS_FORMAT),
  /** The taxonomy whose model read the calls (picked their requests and chatter). */
  taxonomyVersion: z.string(),
  /** Where the calls came from (repository paths). */
  sources: z.array(z.string()),
});
export type TopicCallsFile = z.infer<typeof TopicCallsFile>;

/** The file's text for these calls: read by a model of the taxonomy alone (deterministic: same inputs, same bytes). */
export const topicCallsFileText = (
  taxonomy: Taxonomy,
  vectors: WordVectors,
  calls: readonly LabelledCallTurns[],
  sources: readonly string[],
): string => {
  const base = new TopicModel(trainTopicModel(taxonomy, { vectors }).text, vectors);
  const file: TopicCallsFile = {
    format: TOPIC_CALLS_FORMAT,
    taxonomyVersion: taxonomy.version,
    sources: [...sources],
    ...callLessons(base, calls),
  };
  return `${JSON.stringify(file, null, 1)}\n`;
};

let parsed: TopicCallsFile | null = null;

/**
 * The shipped lessons a model of this taxonomy can learn: examples of topics it does not have
 * are left out (a taxonomy passed with --topics may have other topics); the background talk and
 * the call count stay.
 */
export const shippedCallLessons = (taxonomy: Taxonomy): CallLessons => {
  parsed ??= TopicCallsFile.parse(shippedCalls);
  const file = parsed;
  const known = new Set(taxonomy.topics.map((t) => t.id));
  return {
    calls: file.calls,
    fingerprints: file.fingerprints,
    examples: file.examples.filter((e) => known.has(e.topic)),
    background: file.background,
  };
};
