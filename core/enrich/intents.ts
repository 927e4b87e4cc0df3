import { createHash } from 'node:crypto';
import type { Taxonomy } from './taxonomy.js';
import { sentenceVector, topicFeatures } from './topic-model.js';
import type { WordVectors } from './word-vectors.js';

/** Bump when the way an intent is chosen changes: intents from different rules are not comparable. */
export const INTENT_CLASSIFIER_VERSION = '3';
/** An intent is named only when its share among the topic's intents reaches this. */
export const INTENT_MIN_SHARE = 0.4;
/** Sharpness of the word-vector part: P(intent) ∝ exp(VECTOR_SHARPNESS × cosine). */
const VECTOR_SHARPNESS = 6;
/** Sharpness of the word part: P(intent) ∝ exp(WORD_SHARPNESS × idf-weighted shared words). */
const WORD_SHARPNESS = 1.5;
/** Share of the word-vector part (the rest is the shared words). */
const VECTOR_WEIGHT = 0.25;
const SIF_A = 0.001;
/**
 * A word of the intent's own label counts this many times as much as a word only its examples
 * use: the label says what the intent is ("forgotten username": "username"), an example also
 * carries the words of its situation ("website", "set it up"). Measured leaving one labelled set
 * out (scripts/cv-intent-calls.ts, README "Measured"; 2–4 a plateau).
 */
const LABEL_WEIGHT = 3;

export interface Intent {
  id: string;
  label: string;
  /** Its share among the topic's intents, 0–1. */
  score: number;
}

interface IntentModel {
  id: string;
  label: string;
  counts: Map<string, number>;
  /** The words of its label (they weigh LABEL_WEIGHT). */
  labelWords: Set<string>;
  /** Sentence vectors of the label and the examples. */
  examples: Float32Array[];
}

/**
 * The second level of the taxonomy: intents under each topic (config/topics.json
 * `topics[].intents`, each with its own examples). Given the call's topic and the customer's
 * request, it names the intent the request is most like, or none when no intent of that topic
 * clearly fits (a topic without intents never has one). The words it shares with each intent's examples
 * (label included, weighted by how few intents use them and more when the label has them), mixed with the cosine of word vectors to
 * the nearest example.
 */
export class IntentClassifier {
  readonly hash: string;
  private readonly byTopic: Map<string, { models: IntentModel[]; vocabulary: Set<string> }>;

  constructor(
    taxonomy: Taxonomy,
    private readonly vectors: WordVectors | null = null,
  ) {
    this.hash = createHash('sha256')
      .update(
        JSON.stringify([
          INTENT_CLASSIFIER_VERSION,
          INTENT_MIN_SHARE,
          WORD_SHARPNESS,
          VECTOR_SHARPNESS,
          VECTOR_WEIGHT,
          SIF_A,
          LABEL_WEIGHT,
          taxonomy.topics.map((t) => [t.id, t.intents ?? []]),
          vectors?.hash ?? null,
        ]),
      )
      .digest('hex');
    this.byTopic = new Map(
      taxonomy.topics
        .filter((t) => (t.intents ?? []).length > 0)
        .map((t) => {
          const vocabulary = new Set<string>();
          const models = (t.intents ?? []).map((intent) => {
            const counts = new Map<string, number>();
            const texts = [intent.label, ...intent.examples];
            for (const text of texts)
              for (const f of topicFeatures(text)) {
                counts.set(f, (counts.get(f) ?? 0) + 1);
                vocabulary.add(f);
              }
            const examples =
              this.vectors === null
                ? []
                : texts.flatMap((text) => {
                    const v = sentenceVector(text, this.vectors!, SIF_A);
                    return v === null ? [] : [v];
                  });
            return {
              id: intent.id,
              label: intent.label,
              counts,
              labelWords: new Set(topicFeatures(intent.label)),
              examples,
            };
          });
          return [t.id, { models, vocabulary }] as const;
        }),
    );
  }

  /** Whether the topic has intents at all. */
  has(topic: string): boolean {
    return this.byTopic.has(topic);
  }

  /** Every intent of the topic with its share for this text, best first (empty: no evidence). */
  rank(topic: string, text: string): Intent[] {
    const entry = this.byTopic.get(topic);
    if (entry === undefined) return [];
    const features = topicFeatures(text).filter((f) => entry.vocabulary.has(f));
    const v = this.vectors === null ? null : sentenceVector(text, this.vectors, SIF_A);
    if (features.length === 0 && v === null) return [];
    const softmax = (logits: number[]): number[] => {
      const max = Math.max(...logits);
      const exp = logits.map((l) => Math.exp(l - max));
      const sum = exp.reduce((a, b) => a + b, 0);
      return exp.map((e) => e / sum);
    };
    // Words: each of the text's words an intent's examples use counts by how few intents use it,
    // LABEL_WEIGHT times over when it is a word of the intent's label.
    const df = (f: string) => entry.models.filter((m) => m.counts.has(f)).length;
    const n = entry.models.length;
    const overlap = entry.models.map((m) =>
      [...new Set(features)].reduce(
        (acc, f) =>
          acc + (m.counts.has(f) ? Math.log(1 + n / df(f)) * (m.labelWords.has(f) ? LABEL_WEIGHT : 1) : 0),
        0,
      ),
    );
    const nb =
      features.length === 0 || overlap.every((o) => o === 0)
        ? null
        : softmax(overlap.map((o) => WORD_SHARPNESS * o));
    // Meaning: the cosine to the nearest example (label included).
    const vec =
      v === null
        ? null
        : softmax(
            entry.models.map((m) => {
              let best = 0;
              for (const e of m.examples) {
                let dot = 0;
                for (let d = 0; d < v.length; d += 1) dot += v[d]! * e[d]!;
                best = Math.max(best, dot);
              }
              return VECTOR_SHARPNESS * best;
            }),
          );
    const share = entry.models.map((_, i) =>
      nb === null ? vec![i]! : vec === null ? nb[i]! : (1 - VECTOR_WEIGHT) * nb[i]! + VECTOR_WEIGHT * vec[i]!,
    );
    return entry.models
      .map((m, i) => ({ id: m.id, label: m.label, score: share[i]! }))
      .sort((a, b) => b.score - a.score);
  }

  /** The intent of the request under the call's topic, or null when none clearly fits. */
  classify(topic: string, text: string): Intent | null {
    const best = this.rank(topic, text)[0];
    return best !== undefined && best.score >= INTENT_MIN_SHARE ? best : null;
  }
}
