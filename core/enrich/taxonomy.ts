import { z } from 'zod';

export const TopicDefinition = z.object({
  /** Stable id written to `call_topics.topic` and `calls.primary_topic`. */
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** Natural-language label sent as a zero-shot candidate (NLI models read it as a hypothesis). */
  label: z.string().min(1),
  description: z.string(),
  examples: z.array(z.string().min(1)).min(1),
});
export type TopicDefinition = z.infer<typeof TopicDefinition>;

/** The topic taxonomy (config/topics.json). Core receives it parsed; adapters read the file. */
export const Taxonomy = z
  .object({
    version: z.string().min(1),
    /** Topics scoring below this are not reported; a call may then have no topic at all. */
    minScore: z.number().min(0).max(1).default(0.3),
    maxTopics: z.number().int().positive().default(3),
    /**
     * Talk heard on every call whatever its topic (greetings, identity checks, holds, closings).
     * Never a candidate label: an embedded classifier learns it as a background class so that
     * "can you confirm your address" stops counting as evidence for address_change.
     */
    background: z.array(z.string().min(1)).default([]),
    topics: z.array(TopicDefinition).min(2),
  })
  .superRefine((taxonomy, ctx) => {
    for (const key of ['id', 'label'] as const) {
      const seen = new Set<string>();
      for (const topic of taxonomy.topics) {
        if (seen.has(topic[key])) {
          ctx.addIssue({
            code: 'custom',
            message: `duplicate topic ${key}: ${topic[key]}`,
            path: ['topics'],
          });
        }
        seen.add(topic[key]);
      }
    }
  });
export type Taxonomy = z.infer<typeof Taxonomy>;
