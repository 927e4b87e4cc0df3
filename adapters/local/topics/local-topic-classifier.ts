import { TopicModel } from '../../../core/enrich/topic-model.js';
import type {
  TopicClassifier,
  ZeroShotRequest,
  ZeroShotResponse,
} from '../../../core/ports/topic-classifier.js';
import type { LineageEntry, TurnRole } from '../../../schemas/call-document.js';

const ENGINE = 'local-topic-model';

const ROLE_PREFIX = /^(Customer|Agent):\s*/u;

/** Lines of a zero-shot input as turns: "Customer: …" / "Agent: …" (core/enrich/topics.ts); bare lines count as the customer's. */
export const turnsOfInput = (inputs: string): { role: TurnRole; text: string }[] =>
  inputs
    .split(/\n+/u)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const prefix = ROLE_PREFIX.exec(line);
      return {
        role: prefix?.[1] === 'Agent' ? 'AGENT' : 'CUSTOMER',
        text: prefix ? line.slice(prefix[0].length) : line,
      };
    });

/**
 * The embedded topic engine answering the zero-shot contract with a trained topic model
 * (core/enrich/topic-model.ts). Scores are the model's call-level scores: they sum to at most
 * 1 whether `multi_label` is set or not, and a candidate the model does not know scores 0.
 */
export const createLocalTopicClassifier = (model: TopicModel, source: string): TopicClassifier => {
  const labelOf = new Map(model.file.topics.map((t) => [t.id, t.label]));
  const lineage: LineageEntry = {
    engine: ENGINE,
    version: model.file.version,
    model: source,
    modelHash: model.hash,
    promptHash: null,
    note: null,
  };
  const classify = async (request: ZeroShotRequest): Promise<ZeroShotResponse> => {
    const byLabel = new Map(
      model.scoreCall(turnsOfInput(request.inputs)).map((s) => [labelOf.get(s.topic)!, s.score]),
    );
    const order = request.parameters.candidate_labels
      .map((label) => ({ label, score: byLabel.get(label) ?? 0 }))
      .sort((a, b) => b.score - a.score || a.label.localeCompare(b.label));
    return { sequence: request.inputs, labels: order.map((o) => o.label), scores: order.map((o) => o.score) };
  };
  return { classify, lineage: () => lineage };
};

export { TopicModel };
