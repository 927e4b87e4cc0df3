import type { Taxonomy } from '../../core/enrich/taxonomy.js';
import { NO_TOPIC } from '../../core/enrich/topic-correction.js';
import { InvalidInputError } from '../../core/errors.js';

/** Every label names a topic of the taxonomy (`none` too when allowed: a correction's "about none of them"). */
export const checkTopics = (
  labels: readonly { topic: string }[],
  taxonomy: Taxonomy,
  source: string,
  allowNone = false,
) => {
  const known = new Set([...taxonomy.topics.map((t) => t.id), ...(allowNone ? [NO_TOPIC] : [])]);
  const unknown = [...new Set(labels.map((l) => l.topic).filter((t) => !known.has(t)))];
  if (unknown.length > 0) {
    throw new InvalidInputError(
      source,
      `unknown topic(s) ${unknown.join(', ')}; known: ${[...known].join(', ')}`,
    );
  }
};

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A string as a SQL literal. */
export const sqlString = (s: string): string => `'${s.replace(/'/gu, "''")}'`;
