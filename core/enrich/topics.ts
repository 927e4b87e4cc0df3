import type { CallDocument, LineageEntry, TopicMatch, Turn } from '../../schemas/call-document.js';
import type { TopicClassifier } from '../ports/topic-classifier.js';
import type { Taxonomy } from './taxonomy.js';

/**
 * Zero-shot NLI models read ~512 tokens and drop the rest; the reason for a call is stated
 * early, so a bounded prefix costs no accuracy and keeps requests small on hour-long calls.
 */
export const TOPIC_INPUT_MAX_CHARS = 6_000;

const SPOKEN_ROLES: ReadonlySet<Turn['role']> = new Set(['CUSTOMER', 'AGENT']);

const SPEAKER: Record<'CUSTOMER' | 'AGENT', string> = { CUSTOMER: 'Customer', AGENT: 'Agent' };

/**
 * Customer and agent speech in call order, one turn per line with its speaker ("Customer: …",
 * "Agent: …"): the call's structure is evidence (the customer's first request says most), and
 * an NLI model reads the prefixes as plain context. IVR prompts would make every call look alike.
 */
export const topicText = (turns: readonly Turn[], maxChars = TOPIC_INPUT_MAX_CHARS): string => {
  const lines: string[] = [];
  let length = 0;
  for (const turn of turns) {
    const said = turn.text.trim();
    if (!SPOKEN_ROLES.has(turn.role) || said === '') continue;
    const text = `${SPEAKER[turn.role as 'CUSTOMER' | 'AGENT']}: ${said}`;
    if (length + text.length > maxChars) {
      const room = maxChars - length;
      if (room > 0) lines.push(text.slice(0, room));
      break;
    }
    lines.push(text);
    length += text.length + 1;
  }
  return lines.join('\n');
};

export const detectTopics = async (
  doc: CallDocument,
  classifier: TopicClassifier,
  taxonomy: Taxonomy,
): Promise<{ matches: TopicMatch[]; lineage: LineageEntry }> => {
  const lineage = classifier.lineage();
  const text = topicText(doc.turns);
  if (text === '') return { matches: [], lineage };

  const response = await classifier.classify({
    inputs: text,
    parameters: { candidate_labels: taxonomy.topics.map((t) => t.label), multi_label: true },
  });

  const idByLabel = new Map(taxonomy.topics.map((t) => [t.label, t.id]));
  const scored: { topic: string; score: number }[] = [];
  response.labels.forEach((label, i) => {
    const topic = idByLabel.get(label);
    const score = response.scores[i];
    // A label we did not ask for says nothing about our taxonomy.
    if (topic !== undefined && score !== undefined) scored.push({ topic, score });
  });
  const matches = scored
    .filter((s) => s.score >= taxonomy.minScore)
    .sort((a, b) => b.score - a.score || a.topic.localeCompare(b.topic))
    .slice(0, taxonomy.maxTopics)
    .map((s, i) => ({ topic: s.topic, score: s.score, rank: i + 1 }));
  return { matches, lineage };
};
