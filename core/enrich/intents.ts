import { createHash } from 'node:crypto';
import { z } from 'zod';
import { requestStart } from './call-structure.js';
import type { Taxonomy } from './taxonomy.js';
import { sentenceVector, type TopicModel, topicFeatures } from './topic-model.js';
import type { WordVectors } from './word-vectors.js';

/** Bump when the way an intent is chosen changes: intents from different rules are not comparable. */
export const INTENT_CLASSIFIER_VERSION = '13';
/** An intent is named only when its share among the topic's intents reaches this. */
export const INTENT_MIN_SHARE = 0.4;
/**
 * When the request names no intent, the agent's answer to it names one when its share among the
 * topic's intents (read against agents' answers, below) reaches this. Measured leaving one dev
 * set out (scripts/cv-intent-calls.ts --teach answers; 0.5–0.7 a plateau).
 */
export const ANSWER_MIN_SHARE = 0.6;
/**
 * The agent's later answers (after the first, up to LATER_ANSWERS of them) each weigh in on the
 * answer's reading: its shares times theirs to this power, renormalised. What the agent goes on to
 * do or say often names the request ("I've rebooked the assessor" for a claim's progress), but
 * less surely than the first answer. Measured leaving one dev set out (scripts/cv-dev-sets.ts;
 * README "Measured", the nineteenth round: 0.3–0.6 a plateau).
 */
export const LATER_ANSWER_WEIGHT = 0.45;
/** How many of the agent's later answers are read (see LATER_ANSWER_WEIGHT). */
export const LATER_ANSWERS = 3;
/** A labelled call's reference reason names the intent its answer teaches when its share reaches this. */
export const LESSON_MIN_SHARE = 0.5;
/** Sharpness of the word vectors' reading (a text sharing no word): P(intent) ∝ exp(VECTOR_SHARPNESS × cosine). */
const VECTOR_SHARPNESS = 6;
const SIF_A = 0.001;
/**
 * Additive smoothing of the naive-Bayes word counts: an intent whose texts never use a word still
 * gives it (count + NB_SMOOTHING) / (total + NB_SMOOTHING × vocabulary). Intent classifier 13 reads
 * a text as naive Bayes over the distinct words it shares with the topic's intents (each intent's
 * label, examples and learned texts counted once per text that uses a word), where classifiers 6
 * to 12 summed idf-weighted shared words. Measured leaving one dev set out (scripts/cv-dev-sets.ts,
 * 25 dev sets, the twenty-ninth round: 0.25 / 0.5 / 1 gave strict reason 1,288 / 1,290 / 1,285).
 */
const NB_SMOOTHING = 0.5;

/**
 * An agent's answer to a request of a known intent ("I can see it was approved on the ninth; let
 * me find out when the payment is due"): what agents say for each intent, learned from labelled
 * calls (`intentAnswerLessons`; the dev sets' are kept in config/intent-answers.json).
 */
export const IntentAnswer = z.object({
  topic: z.string(),
  intent: z.string(),
  text: z.string(),
  /** `request`: the caller's request of a call labelled with this intent (read with the taxonomy's examples). */
  said: z.literal('request').optional(),
});
export type IntentAnswer = z.infer<typeof IntentAnswer>;

export interface Intent {
  id: string;
  label: string;
  /** Its share among the topic's intents, 0–1. */
  score: number;
}

interface IntentModel {
  id: string;
  label: string;
  /** Per word: how many of its texts (label, examples, learned requests or answers) use it. */
  counts: Map<string, number>;
  /** The sum of `counts`. */
  total: number;
  /** Sentence vectors of its `texts` (label and examples, or label and learned answers), never of learned requests. */
  examples: Float32Array[];
}

/**
 * The second level of the taxonomy: intents under each topic (config/topics.json
 * `topics[].intents`, each with its own examples). Given the call's topic and the customer's
 * request, it names the intent the request is most like, or none when no intent of that topic
 * clearly fits (a topic without intents never has one). Naive Bayes over the words it shares with
 * the topic's intents (each intent's label, examples and learned texts); the cosine of word vectors
 * to the nearest example only when the text shares no word with any of them.
 */
export class IntentClassifier {
  readonly hash: string;
  private readonly byTopic: Map<string, { models: IntentModel[]; vocabulary: Set<string> }>;
  /** The same intents read against agents' answers (their label and the answers learned for them). */
  private readonly byTopicAnswers: Map<string, { models: IntentModel[]; vocabulary: Set<string> }>;

  constructor(
    taxonomy: Taxonomy,
    private readonly vectors: WordVectors | null = null,
    answers: readonly IntentAnswer[] = [],
  ) {
    this.hash = createHash('sha256')
      .update(
        JSON.stringify([
          INTENT_CLASSIFIER_VERSION,
          INTENT_MIN_SHARE,
          VECTOR_SHARPNESS,
          SIF_A,
          NB_SMOOTHING,
          ANSWER_MIN_SHARE,
          LATER_ANSWER_WEIGHT,
          LATER_ANSWERS,
          taxonomy.topics.map((t) => [t.id, t.intents ?? []]),
          answers.map((a) => [a.topic, a.intent, a.text, a.said ?? 'answer']),
          vectors?.hash ?? null,
        ]),
      )
      .digest('hex');
    const told = new Map<string, string[]>();
    const asked = new Map<string, string[]>();
    for (const a of answers) {
      const to = a.said === 'request' ? asked : told;
      to.set(`${a.topic}/${a.intent}`, [...(to.get(`${a.topic}/${a.intent}`) ?? []), a.text]);
    }
    this.byTopic = this.models(
      taxonomy,
      (intent) => [intent.label, ...intent.examples],
      (intent, topic) => asked.get(`${topic}/${intent.id}`) ?? [],
    );
    // Without any answer learned, an answer names nothing (a label alone is no agent's wording);
    // with some, a topic's intents none was learned for read answers against their labels alone.
    this.byTopicAnswers =
      told.size === 0
        ? new Map()
        : this.models(taxonomy, (intent, topic) => [
            intent.label,
            ...(told.get(`${topic}/${intent.id}`) ?? []),
          ]);
  }

  /**
   * Per topic with intents: each intent's word counts from `texts` (its label first) and `learned`
   * (requests of labelled calls), and sentence vectors from `texts` alone.
   */
  private models(
    taxonomy: Taxonomy,
    texts: (intent: { id: string; label: string; examples: string[] }, topic: string) => string[],
    learned: (
      intent: { id: string; label: string; examples: string[] },
      topic: string,
    ) => string[] = () => [],
  ): Map<string, { models: IntentModel[]; vocabulary: Set<string> }> {
    return new Map(
      taxonomy.topics
        .filter((t) => (t.intents ?? []).length > 0)
        .map((t) => {
          const vocabulary = new Set<string>();
          const models = (t.intents ?? []).map((intent) => {
            const counts = new Map<string, number>();
            const own = texts(intent, t.id);
            // Each text counts a word once: a caller who says "card" five times is one caller.
            for (const text of [...own, ...learned(intent, t.id)])
              for (const f of new Set(topicFeatures(text))) {
                counts.set(f, (counts.get(f) ?? 0) + 1);
                vocabulary.add(f);
              }
            // Sentence vectors of `texts` alone, never of a learned request (often a story).
            const examples =
              this.vectors === null
                ? []
                : own.flatMap((text) => {
                    const v = sentenceVector(text, this.vectors!, SIF_A);
                    return v === null ? [] : [v];
                  });
            let total = 0;
            for (const n of counts.values()) total += n;
            return { id: intent.id, label: intent.label, counts, total, examples };
          });
          return [t.id, { models, vocabulary }] as const;
        }),
    );
  }

  /** Each intent's share by the cosine of the text's sentence vector to its nearest example; null without vectors. */
  private nearestExample(models: readonly IntentModel[], text: string): number[] | null {
    const v = this.vectors === null ? null : sentenceVector(text, this.vectors, SIF_A);
    if (v === null) return null;
    const logits = models.map((m) => {
      let best = 0;
      for (const e of m.examples) {
        let dot = 0;
        for (let d = 0; d < v.length; d += 1) dot += v[d]! * e[d]!;
        best = Math.max(best, dot);
      }
      return VECTOR_SHARPNESS * best;
    });
    return softmax(logits);
  }

  /** Whether the topic has intents at all. */
  has(topic: string): boolean {
    return this.byTopic.has(topic);
  }

  /**
   * Every intent of the topic with its share for this text, best first (empty: no evidence); the
   * customer's request, or (`answer`) the agent's answer to it, read against the answers learned.
   */
  rank(topic: string, text: string, from: 'request' | 'answer' = 'request'): Intent[] {
    const entry = (from === 'answer' ? this.byTopicAnswers : this.byTopic).get(topic);
    if (entry === undefined) return [];
    const features = [...new Set(topicFeatures(text))].filter((f) => entry.vocabulary.has(f));
    // Naive Bayes over the distinct words the text shares with the topic's intents: log P(intent)
    // sums log((count + NB_SMOOTHING) / (total + NB_SMOOTHING × vocabulary)) over them, the intents
    // equally likely before. Intent classifiers 6 to 12 summed the shared words' idf weights (of the
    // whole taxonomy for a request), a label's words three times over, a learned request's words
    // only when three calls' requests used them; naive Bayes reads how often each intent's texts
    // use a word, so a word every intent uses says little and one caller's story word a little.
    // Leaving one dev set out (scripts/cv-dev-sets.ts, 25 sets, 1,196 calls with an intent label):
    // intents right 970 -> 983, strict reason 1,279 -> 1,290 of 1,536, request 1,349 -> 1,359.
    // Meaning (the cosine to the nearest example, label included) only when the text shares no
    // word with any intent (intent classifier 12).
    const v = entry.vocabulary.size;
    const share =
      features.length > 0
        ? softmax(
            entry.models.map((m) => {
              const norm = Math.log(m.total + NB_SMOOTHING * v);
              let logp = 0;
              for (const f of features) logp += Math.log((m.counts.get(f) ?? 0) + NB_SMOOTHING) - norm;
              return logp;
            }),
          )
        : this.nearestExample(entry.models, text);
    if (share === null) return [];
    return entry.models
      .map((m, i) => ({ id: m.id, label: m.label, score: share[i]! }))
      .sort((a, b) => b.score - a.score);
  }

  /** The intent of the request under the call's topic, or null when none clearly fits. */
  classify(topic: string, text: string): Intent | null {
    const best = this.rank(topic, text)[0];
    return best !== undefined && best.score >= INTENT_MIN_SHARE ? best : null;
  }

  /**
   * The intent of a call: the request's shares times the agent's answer's (read against the
   * answers learned), renormalised, when the answer is known and says anything; else the request's
   * intent, else (the request names none) the answer's. Null when none clearly fits
   * (INTENT_MIN_SHARE). The request says what was asked in the caller's words, the answer what
   * it was in the agent's ("I'll close your mum's account"); a caller who told a story first is
   * often read wrong by the request alone (README, "Measured": the twelfth round). The agent's
   * `later` answers (the first LATER_ANSWERS are read) each multiply the answer's shares by theirs
   * to the power LATER_ANSWER_WEIGHT: a first answer that asks a question back ("Is the car
   * driveable?") or says little leaves what the agent does next to say what was asked; an
   * answer that says nothing leaves the next one to speak alone.
   */
  classifyCall(
    topic: string,
    request: string,
    answer: string | null,
    later: readonly string[] = [],
  ): Intent | null {
    const said = this.rank(topic, request);
    let told = answer === null ? [] : this.rank(topic, answer, 'answer');
    if (answer !== null)
      for (const text of later.slice(0, LATER_ANSWERS)) {
        const next = this.rank(topic, text, 'answer');
        told = told.length === 0 ? next : weighIn(told, next, LATER_ANSWER_WEIGHT);
      }
    if (said.length > 0 && told.length > 0) {
      const of = new Map(told.map((x) => [x.id, x.score]));
      const joint = said.map((x) => ({ ...x, score: x.score * (of.get(x.id) ?? 0) }));
      const sum = joint.reduce((acc, x) => acc + x.score, 0);
      if (sum > 0) {
        const best = joint.map((x) => ({ ...x, score: x.score / sum })).sort((a, b) => b.score - a.score)[0]!;
        return best.score >= INTENT_MIN_SHARE ? best : null;
      }
    }
    const best = said[0];
    if (best !== undefined && best.score >= INTENT_MIN_SHARE) return best;
    return answer === null ? null : this.classifyAnswer(topic, answer);
  }

  /**
   * The intent the agent's answer to the request names ("any branch with a coin machine" →
   * branch hours or location), read against the answers learned from labelled calls, or null when
   * none clearly fits. For a request that names none itself: the caller told a story, the agent's
   * answer says what was asked.
   */
  classifyAnswer(topic: string, answer: string): Intent | null {
    const best = this.rank(topic, answer, 'answer')[0];
    return best !== undefined && best.score >= ANSWER_MIN_SHARE ? best : null;
  }
}

/** Shares proportional to exp(logit). */
const softmax = (logits: readonly number[]): number[] => {
  const max = Math.max(...logits);
  const exp = logits.map((l) => Math.exp(l - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
};

/** `a`'s shares times `b`'s to the power `weight`, renormalised; `a` unchanged when `b` says nothing of them. */
const weighIn = (a: readonly Intent[], b: readonly Intent[], weight: number): Intent[] => {
  if (b.length === 0) return [...a];
  const of = new Map(b.map((x) => [x.id, x.score]));
  const joint = a.map((x) => ({ ...x, score: x.score * (of.get(x.id) ?? 0) ** weight }));
  const sum = joint.reduce((acc, x) => acc + x.score, 0);
  if (!(sum > 0)) return [...a];
  return joint.map((x) => ({ ...x, score: x.score / sum })).sort((x, y) => y.score - x.score);
};

/** The agent asks something back (a question mark in the turn). */
const asksBack = (text: string): boolean => text.includes('?');

/** A labelled call for `intentAnswerLessons`: its topic, turns, reference reason and intent label if any. */
export interface IntentLabelledCall {
  topic: string | null;
  turns: readonly { role: 'AGENT' | 'CUSTOMER' | 'IVR'; text: string }[];
  /** The reference reason for the call (third person), read for its intent when no label is given. */
  reason: string;
  /** The intent label: an intent id, null (no intent of the topic fits), undefined (not labelled). */
  intent?: string | null;
}

/**
 * What labelled calls teach the intents: the agent's answer to the call's first request (read by
 * `model`, as the topic model's lessons are: the agent's first turn after it that is not the
 * identity-check, hold or closing script, nor a question back when a later turn is not one —
 * intent classifier 9), as an answer of the call's intent — its label, else
 * the intent its reference reason names (share ≥ LESSON_MIN_SHARE among the topic's intents).
 * A call with an intent label (not one read from its reason) also teaches its first request as a
 * request of that intent (`said: 'request'`), whose words count among its examples' (never its
 * sentence vector). Calls about no topic, with no intent, or with no request teach nothing.
 */
export const intentAnswerLessons = (
  model: TopicModel,
  intents: IntentClassifier,
  calls: readonly IntentLabelledCall[],
): IntentAnswer[] => {
  const lessons: IntentAnswer[] = [];
  for (const call of calls) {
    if (call.topic === null || !intents.has(call.topic)) continue;
    let intent = call.intent;
    if (intent === undefined) {
      const best = intents.rank(call.topic, call.reason)[0];
      intent = best !== undefined && best.score >= LESSON_MIN_SHARE ? best.id : null;
    }
    if (intent === null) continue;
    const turns = call.turns.filter((t) => t.role !== 'IVR');
    const scored = model.scoreTurns(turns);
    const first = model.firstRequest(scored, requestStart(turns));
    if (first < 0) continue;
    // A question back ("Did you move your current account recently?", "Name and policy number?")
    // is no answer: it says what the agent needs, not what was asked. The first agent turn after
    // it that does not ask is taught instead (a question only when the agent does nothing else).
    const replies = scored.slice(first + 1).filter((t) => t.role === 'AGENT' && !t.script);
    const answer = replies.find((t) => !asksBack(t.text)) ?? replies[0];
    if (answer !== undefined) lessons.push({ topic: call.topic, intent, text: answer.text });
    // A call labelled with its intent also teaches its request (its words, above).
    if (call.intent !== undefined)
      lessons.push({ topic: call.topic, intent, text: scored[first]!.text, said: 'request' });
  }
  return lessons;
};
