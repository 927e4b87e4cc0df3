/**
 * Requests the taxonomy claims for two topics: an example or intent phrase of one topic that is
 * a near-duplicate of another topic's. Three tests:
 * - `sameStemOverlaps`: two phrases of two topics with the same content stems once stop words
 *   are dropped ("change the due date on my bill", "my bill's due date, change it"), or all of
 *   one's (two or more) within the other's ("close my checking account" in "close my checking
 *   account online");
 * - `sharedWordPairs`: two neighbouring content stems ("due date") that several phrases of each of
 *   two topics use: the request they name is taught to both ("change the due date on my bill"
 *   under billing, "move my due date" under payments);
 * - `scoredElsewhere`: the model scores a topic's phrase higher for another topic, so a caller
 *   saying it is given that other topic.
 * scripts/check-taxonomy.ts prints both as tables (README, "Topics").
 */
import type { Taxonomy } from './taxonomy.js';
import { type TopicModel, topicFeatures } from './topic-model.js';

/** A phrase of the taxonomy: a topic's example (intent null) or one of its intents' examples. */
export interface TaxonomyPhrase {
  topic: string;
  intent: string | null;
  text: string;
}

export const taxonomyPhrases = (taxonomy: Taxonomy): TaxonomyPhrase[] =>
  taxonomy.topics.flatMap((topic) => [
    ...topic.examples.map((text) => ({ topic: topic.id, intent: null, text })),
    ...(topic.intents ?? []).flatMap((intent) =>
      intent.examples.map((text) => ({ topic: topic.id, intent: intent.id, text })),
    ),
  ]);

/** A phrase's content stems without stop words, sorted and unique ("" when it has none). */
export const contentStemKey = (text: string): string =>
  [...new Set(topicFeatures(text).filter((f) => !f.includes('_')))].sort().join(' ');

export interface SameStemOverlap {
  /** `same`: the same content stems; `contained`: all of a's (at least two) are among b's. */
  kind: 'same' | 'contained';
  /** The stems the two share. */
  stems: string;
  a: TaxonomyPhrase;
  b: TaxonomyPhrase;
}

/** Pairs of phrases of two different topics with the same content stems, or one's within the other's (each pair once, same first). */
export const sameStemOverlaps = (taxonomy: Taxonomy): SameStemOverlap[] => {
  const phrases = taxonomyPhrases(taxonomy).map((phrase) => ({
    phrase,
    key: contentStemKey(phrase.text),
    stems: new Set(
      contentStemKey(phrase.text)
        .split(' ')
        .filter((s) => s !== ''),
    ),
  }));
  const overlaps: SameStemOverlap[] = [];
  for (let i = 0; i < phrases.length; i++)
    for (let j = i + 1; j < phrases.length; j++) {
      const x = phrases[i] as (typeof phrases)[number];
      const y = phrases[j] as (typeof phrases)[number];
      if (x.phrase.topic === y.phrase.topic || x.key === '' || y.key === '') continue;
      if (x.key === y.key) {
        overlaps.push({ kind: 'same', stems: x.key, a: x.phrase, b: y.phrase });
        continue;
      }
      const [small, large] = x.stems.size <= y.stems.size ? [x, y] : [y, x];
      if (small.stems.size >= 2 && [...small.stems].every((s) => large.stems.has(s)))
        overlaps.push({ kind: 'contained', stems: small.key, a: small.phrase, b: large.phrase });
    }
  return overlaps.sort((p, q) => (p.kind === q.kind ? 0 : p.kind === 'same' ? -1 : 1));
};

export interface SharedWordPair {
  /** The two neighbouring content stems ("due date" as its stems: `due date`). */
  pair: string;
  /** Per topic using it in at least `minPerTopic` phrases: those phrases. */
  topics: { topic: string; phrases: TaxonomyPhrase[] }[];
}

/**
 * Pairs of neighbouring content stems that at least `minPerTopic` phrases of each of two or more
 * topics use, the most used first: a request taught to two topics shows up as its words.
 */
export const sharedWordPairs = (taxonomy: Taxonomy, minPerTopic = 2): SharedWordPair[] => {
  const byPair = new Map<string, Map<string, TaxonomyPhrase[]>>();
  for (const phrase of taxonomyPhrases(taxonomy))
    for (const feature of new Set(topicFeatures(phrase.text))) {
      const parts = feature.split('_');
      if (parts.length !== 2 || parts[0] === '' || parts[1] === '') continue;
      const pair = parts.join(' ');
      const topics = byPair.get(pair) ?? new Map<string, TaxonomyPhrase[]>();
      topics.set(phrase.topic, [...(topics.get(phrase.topic) ?? []), phrase]);
      byPair.set(pair, topics);
    }
  const shared: SharedWordPair[] = [];
  for (const [pair, topics] of byPair) {
    const using = [...topics]
      .filter(([, phrases]) => phrases.length >= minPerTopic)
      .map(([topic, phrases]) => ({ topic, phrases }));
    if (using.length >= 2) shared.push({ pair, topics: using });
  }
  const used = (s: SharedWordPair): number => s.topics.reduce((n, t) => n + t.phrases.length, 0);
  return shared.sort((a, b) => used(b) - used(a) || a.pair.localeCompare(b.pair));
};

export interface ScoredElsewhere {
  phrase: TaxonomyPhrase;
  /** The model's score for the phrase's own topic. */
  own: number;
  /** The topic it scores highest for, and that score. */
  other: string;
  score: number;
}

/**
 * Phrases the model scores higher for another topic than their own by at least `margin`
 * (0: any), highest other score first. Phrases the model knows no word of are skipped.
 */
export const scoredElsewhere = (taxonomy: Taxonomy, model: TopicModel, margin = 0): ScoredElsewhere[] => {
  const found: ScoredElsewhere[] = [];
  for (const phrase of taxonomyPhrases(taxonomy)) {
    const scored = model.scoreText(phrase.text);
    if (scored === null) continue;
    const own = scored.topics.get(phrase.topic) ?? 0;
    let other = '';
    let score = -1;
    for (const [topic, p] of scored.topics)
      if (topic !== phrase.topic && p > score) {
        other = topic;
        score = p;
      }
    if (score - own > margin) found.push({ phrase, own, other, score });
  }
  return found.sort((x, y) => y.score - y.own - (x.score - x.own));
};
