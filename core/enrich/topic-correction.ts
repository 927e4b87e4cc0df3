import type {
  CallDocument,
  LineageEntry,
  TopicCorrectionRecord,
  TopicMatch,
  TopicSource,
} from '../../schemas/call-document.js';
import { DebriefError } from '../errors.js';
import type { Taxonomy } from './taxonomy.js';

/** The topic id an analyst gives a call about none of the taxonomy's topics. */
export const NO_TOPIC = 'none';

/** An analyst's topic for a call (`debrief topics correct`): `none`, or a topic id of the taxonomy. */
export interface TopicCorrection {
  callId: string;
  topic: string;
  /** When it was recorded (ISO-8601); null for corrections recorded before dates were kept. */
  at: string | null;
}

const modelAnswer = (matches: readonly TopicMatch[]): string => {
  const primary = matches.find((m) => m.rank === 1);
  return primary ? `${primary.topic} (${primary.score.toFixed(2)})` : NO_TOPIC;
};

/**
 * The analysts' corrections file did not parse when LoadCall read it: LoadCall's InvalidInputError
 * (the file and what is wrong with it), raised again by each part that applies the correction.
 */
class UnreadableCorrections extends DebriefError {
  override name = 'InvalidInputError';
}

/**
 * The analyst's correction LoadCall read for this run (null: the call has none, or corrections
 * were not looked up: AWS, documents written before). When LoadCall could not read them (their
 * file does not parse), throws why, so DetectTopics and SummarizeCall both fail saying it.
 */
export const runCorrection = (
  doc: Pick<CallDocument, 'topicCorrection' | 'topicCorrectionError'>,
): TopicCorrectionRecord | null => {
  if (doc.topicCorrectionError !== undefined) throw new UnreadableCorrections(doc.topicCorrectionError);
  return doc.topicCorrection ?? null;
};

/**
 * The topic a correction gives the call (null: none of the taxonomy's), or undefined when there is
 * no correction or its topic is not one of this taxonomy's (then it is not applied).
 */
export const correctedTopic = (
  correction: TopicCorrectionRecord | null,
  taxonomy: Taxonomy,
): string | null | undefined => {
  if (correction === null) return undefined;
  if (correction.topic === NO_TOPIC) return null;
  return taxonomy.topics.some((t) => t.id === correction.topic) ? correction.topic : undefined;
};

/**
 * A human label beats the model: the corrected topic becomes the call's primary topic (score 1;
 * `none`: no topic at all), the model's other topics follow it, and the model's own answer stays
 * in the topics lineage's note ("corrected by an analyst on <date>; the model said <topic>
 * (<score>)") for drift and accuracy views. A correction to a topic this taxonomy no longer has
 * is not applied (the note says so). `source` says which gave the topics: `correction` when one
 * was applied, else `model`.
 */
export const applyTopicCorrection = (
  result: { matches: TopicMatch[]; lineage: LineageEntry },
  correction: TopicCorrectionRecord | null,
  taxonomy: Taxonomy,
): { matches: TopicMatch[]; lineage: LineageEntry; source: TopicSource } => {
  if (correction === null) return { ...result, source: 'model' };
  const said = modelAnswer(result.matches);
  const note = (text: string): LineageEntry => ({
    ...result.lineage,
    note: result.lineage.note ? `${result.lineage.note}; ${text}` : text,
  });
  const topic = correctedTopic(correction, taxonomy);
  if (topic === undefined) {
    return {
      matches: result.matches,
      source: 'model',
      lineage: note(
        `an analyst's correction to ${correction.topic} was not applied: not a topic of this taxonomy`,
      ),
    };
  }
  const on = correction.at ? ` on ${correction.at.slice(0, 10)}` : '';
  const lineage = note(`corrected by an analyst${on}; the model said ${said}`);
  if (topic === null) return { matches: [], lineage, source: 'correction' };
  const others = result.matches
    .filter((m) => m.topic !== topic)
    .sort((a, b) => a.rank - b.rank)
    .slice(0, Math.max(0, taxonomy.maxTopics - 1));
  return {
    matches: [{ topic, score: 1, rank: 1 }, ...others.map((m, i) => ({ ...m, rank: i + 2 }))],
    lineage,
    source: 'correction',
  };
};
