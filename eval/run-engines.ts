import type { Enrichers } from '../core/enrich/enrichers.js';
import { summarizeCall } from '../core/enrich/summary.js';
import { detectTopics, topicText } from '../core/enrich/topics.js';
import { detectToxicity } from '../core/enrich/toxicity.js';
import type { EvalCase } from './cases.js';
import type { CaseAnswer } from './score.js';

/** Runs the three enrichment parts over each case, in order (deterministic engines, no network). */
export const runEngines = async (
  cases: readonly EvalCase[],
  enrichers: Enrichers,
  onCase: (done: number) => void = () => {},
): Promise<CaseAnswer[]> => {
  const { topics: classifier, toxicity: detector, summarizer } = enrichers;
  if (classifier === null || detector === null || summarizer === null) {
    throw new Error('evaluation needs all three engines switched on');
  }
  const answers: CaseAnswer[] = [];
  for (const c of cases) {
    const topics = await detectTopics(c.doc, classifier, enrichers.taxonomy);
    // Top-3 is judged on the engine's ranking, before the "none of these" threshold.
    const idByLabel = new Map(enrichers.taxonomy.topics.map((t) => [t.label, t.id]));
    const text = topicText(c.doc.turns);
    const ranking =
      text === ''
        ? []
        : (
            await classifier.classify({
              inputs: text,
              parameters: {
                candidate_labels: enrichers.taxonomy.topics.map((t) => t.label),
                multi_label: true,
              },
            })
          ).labels.map((label) => idByLabel.get(label) ?? label);
    const toxicity = await detectToxicity(c.doc, detector, enrichers.toxicityThreshold);
    const { value } = await summarizeCall(c.doc, summarizer);
    answers.push({
      case: c,
      topics: topics.matches,
      ranking,
      toxicity: toxicity.turns.map((t) => ({
        index: t.index,
        toxicity: t.toxicity,
        labels: t.labels,
      })),
      toxicityThreshold: enrichers.toxicityThreshold,
      summary: value,
    });
    onCase(answers.length);
  }
  return answers;
};
