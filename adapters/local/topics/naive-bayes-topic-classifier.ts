import createClassifier from 'wink-naive-bayes-text-classifier';
import nlp from 'wink-nlp-utils';
import type { Taxonomy } from '../../../core/enrich/taxonomy.js';
import type {
  TopicClassifier,
  ZeroShotRequest,
  ZeroShotResponse,
} from '../../../core/ports/topic-classifier.js';
import type { LineageEntry } from '../../../schemas/call-document.js';

const ENGINE = 'local-naive-bayes';
/** The installed classifier version (a test keeps it in step with package.json). */
export const WINK_NAIVE_BAYES_VERSION = '2.2.1';

const BACKGROUND = '__background__';
/** Line index at which a turn's evidence counts half. */
const POSITION_HALF_LIFE_LINES = 10;

const tokens = (text: string): string[] =>
  nlp.tokens.stem(
    nlp.tokens.removeWords(nlp.string.tokenize0(nlp.string.amplifyNotElision(nlp.string.lowerCase(text)))),
  );

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * The embedded topic engine: a naive-Bayes text classifier trained at start-up from the
 * taxonomy's descriptions, example phrases and background talk, answering the zero-shot
 * contract. Each line (turn) of the input is classified on its own; multi_label scores are
 * independent per label, single-label scores sum to 1.
 */
export const createLocalTopicClassifier = (taxonomy: Taxonomy): TopicClassifier => {
  const classifier = createClassifier();
  classifier.definePrepTasks([tokens]);
  // Presence, not counts: a customer repeating "card" five times is not five times more "card".
  classifier.defineConfig({ considerOnlyPresence: true, smoothingFactor: 0.5 });
  for (const topic of taxonomy.topics) {
    classifier.learn(topic.description, topic.label);
    for (const example of topic.examples) classifier.learn(example, topic.label);
  }
  // A label no caller asks for (the taxonomy forbids it as an id): it soaks up the generic words.
  for (const phrase of taxonomy.background) classifier.learn(phrase, BACKGROUND);
  classifier.consolidate();
  const exampleCount = taxonomy.topics.reduce((n, t) => n + t.examples.length, 0);
  const lineage: LineageEntry = {
    engine: ENGINE,
    version: WINK_NAIVE_BAYES_VERSION,
    model: `taxonomy ${taxonomy.version}: ${taxonomy.topics.length} topics, ${exampleCount} examples`,
    promptHash: null,
    note: null,
  };

  /** P(label | line) for every taught label, from the model's log2 odds of label vs the rest. */
  const linePosteriors = (line: string): Map<string, number> | null => {
    const odds = classifier.computeOdds(line);
    if (odds.length === 1 && odds[0]![0] === 'unknown') return null;
    return new Map(odds.map(([label, o]) => [label, sigmoid(o * Math.LN2)]));
  };

  const classify = async (request: ZeroShotRequest): Promise<ZeroShotResponse> => {
    const candidates = request.parameters.candidate_labels;
    // One line per turn: a topic is what some turns are clearly about, not the sum of a call's
    // small talk. Squaring keeps lukewarm turns from adding up; S/(S+1) maps the total into 0..1
    // (one certain turn scores 0.5).
    const lines = request.inputs
      .split(/\n+/u)
      .map(linePosteriors)
      .filter((p) => p !== null);
    // Callers say why they call early; later turns (verification, wrap-up) weigh less.
    const weight = (i: number) => 1 / (1 + i / POSITION_HALF_LIFE_LINES);
    const evidence = candidates.map((label) =>
      lines.reduce((sum, p, i) => sum + weight(i) * (p.get(label) ?? 0) ** 2, 0),
    );
    let scores: number[];
    if (request.parameters.multi_label) {
      scores = evidence.map((e) => e / (e + 1));
    } else {
      const sum = evidence.reduce((a, b) => a + b, 0);
      scores = evidence.map((e) => (sum === 0 ? 1 / candidates.length : e / sum));
    }
    const order = candidates
      .map((label, i) => ({ label, score: scores[i] ?? 0 }))
      .sort((a, b) => b.score - a.score || a.label.localeCompare(b.label));
    return { sequence: request.inputs, labels: order.map((o) => o.label), scores: order.map((o) => o.score) };
  };

  return { classify, lineage: () => lineage };
};
