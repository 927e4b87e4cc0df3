import { z } from 'zod';

/** How the embedded topic model weighs a call's turns (core/enrich/topic-model.ts). */
export const TopicModelParams = z.object({
  /** Weight of the customer's first request turn. */
  firstRequestWeight: z.number().positive(),
  /**
   * Weight of the caller's turns that go on with the request before the agent says anything
   * ("Your app's just told me to ring you. Red screen." "I put the numbers in a few times…"),
   * times `firstRequestWeight`: a request told over two turns. Topical ones only (P(background)
   * under `requestMaxBackground`), not a second matter ("Also…").
   */
  continuationWeight: z.number().nonnegative(),
  /** Weight of later customer turns (halved after `halfLifeTurns` more turns). */
  customerWeight: z.number().nonnegative(),
  /** Weight of agent turns (agents restate the request, then talk procedure). */
  agentWeight: z.number().nonnegative(),
  /** Weight of turns before the customer's first request (small talk, the greeting). */
  preRequestWeight: z.number().nonnegative(),
  halfLifeTurns: z.number().positive(),
  /** A turn is a request when P(background | turn) is below this. */
  requestMaxBackground: z.number().min(0).max(1),
  /**
   * Weight of the agent's answer to the request: their first turn after it that is not script
   * (identity checks, holds) and is mostly about a topic (P(background) under
   * `requestMaxBackground`: not "I'm sorry to hear that."), which names what was asked.
   */
  answerWeight: z.number().nonnegative(),
  /**
   * Weight of the agent's identity checks before the request is answered ("can I take your date
   * of birth", "what's the best phone number for you"), times what the turn would weigh: said on
   * every call, they are no evidence of its topic.
   */
  identityWeight: z.number().min(0).max(1),
  /** Score a customer turn without its small-talk and filler sentences ("hold on, the dog…"). */
  dropSmallTalk: z.boolean(),
  /** Score each sentence of a turn on its own (small talk and the request in one turn). */
  splitSentences: z.boolean(),
  /** Per-turn sharpening: a turn's topic shares are raised to this power and renormalised. */
  turnPower: z.number().positive(),
  /** Distribution sharpening: scores ∝ evidence^(1/temperature). */
  temperature: z.number().positive(),
  /** Topical mass at which P(call has a topic) = 1 - 1/e. */
  topicMass: z.number().positive(),
  /** Laplace smoothing of the naive-Bayes feature counts. */
  smoothing: z.number().positive(),
  /** Prior of the background class, relative to one topic. */
  backgroundPrior: z.number().positive(),
  /**
   * How much a feature's weight follows how few classes use it: each feature's log-likelihood is
   * weighted by (ln(1 + K/df) / ln(1 + K))^specificity, K classes, df the classes it was seen in,
   * so a word every topic uses ("money", "account") says less than one only a topic uses
   * ("depreciation"); 0 is plain naive Bayes.
   */
  specificity: z.number().nonnegative(),
  /**
   * Share of the word-vector classifier in a turn's topic distribution (the rest is naive
   * Bayes); it counts only in a model trained with word vectors.
   */
  vectorWeight: z.number().min(0).max(1),
  /**
   * Share of the logistic regression (over naive Bayes's features, trained on the same examples)
   * in a turn's topic distribution; 0 trains none.
   */
  logisticWeight: z.number().min(0).max(1),
  /** The logistic regression's L2 penalty. */
  logisticL2: z.number().positive(),
  /** Sharpness of the word-vector classifier: P(class) ∝ exp(vectorSharpness × cosine). */
  vectorSharpness: z.number().positive(),
  /** Smooth-inverse-frequency weight of a word in a sentence vector: a / (a + p(word)). */
  vectorSifA: z.number().positive(),
  /**
   * A word naive Bayes never saw counts as the nearest word it knows when their vectors are at
   * least this close (cosine), weighted by how close; 1 turns it off.
   */
  vectorNear: z.number().min(0).max(1),
  /**
   * Per topic, a log-prior added to the call's evidence before it becomes a distribution (the
   * call's share of topic t is ∝ evidence^(1/temperature) × e^prior[t]; the probability that the call
   * is about any topic is unchanged). Naive Bayes over the examples favours some topics whatever
   * the call says (a topic whose examples use everyday words, "charge", "money", "account", wins
   * calls that hesitate); these priors, fitted on the dev sets' held-out scores
   * (scripts/fit-topic-priors.ts), correct that. A topic not named: 0.
   */
  topicPriors: z.record(z.string(), z.number()),
});
export type TopicModelParams = z.infer<typeof TopicModelParams>;

/** An intent under a topic: what exactly the caller wanted ("duplicate charge" under billing). */
export const IntentDefinition = z.object({
  /** Stable id, unique within its topic. */
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** Shown in the reason for the call ("Billing — duplicate charge: …") and the `intent` column. */
  label: z.string().min(1),
  /** How callers ask for it; the intent classifier learns from these and the label. */
  examples: z.array(z.string().min(1)).min(1),
});
export type IntentDefinition = z.infer<typeof IntentDefinition>;

export const TopicDefinition = z.object({
  /** Stable id written to `call_topics.topic` and `calls.primary_topic`. */
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** Natural-language label sent as a zero-shot candidate (NLI models read it as a hypothesis). */
  label: z.string().min(1),
  description: z.string(),
  examples: z.array(z.string().min(1)).min(1),
  /** Optional second level: the intents under this topic, each with its own examples. */
  intents: z.array(IntentDefinition).optional(),
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
    /** Embedded-model settings fitted on the dev set; defaults in core/enrich/topic-model.ts. */
    model: TopicModelParams.partial().default({}),
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
    for (const topic of taxonomy.topics) {
      const seen = new Set<string>();
      for (const intent of topic.intents ?? []) {
        if (seen.has(intent.id))
          ctx.addIssue({
            code: 'custom',
            message: `duplicate intent id in ${topic.id}: ${intent.id}`,
            path: ['topics'],
          });
        seen.add(intent.id);
      }
    }
  });
export type Taxonomy = z.infer<typeof Taxonomy>;
