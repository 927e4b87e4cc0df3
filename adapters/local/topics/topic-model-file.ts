import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { Taxonomy } from '../../../core/enrich/taxonomy.js';
import {
  TopicModel,
  TopicModelError,
  type TrainedTopicModel,
  trainTopicModel,
} from '../../../core/enrich/topic-model.js';
import { InvalidInputError } from '../../../core/errors.js';
import { prepareHome } from '../home-folder.js';
import { shippedCallLessons } from './topic-calls-file.js';
import { topicModelDir } from './topic-model-dir.js';
import { loadWordVectors } from './word-vectors-file.js';

/**
 * Topic model files. `debrief topics train` writes `<home>/models/topics/<version>-<hash12>.json`
 * and names the active one in `<home>/models/topics/ACTIVE`; `debrief run` uses the active
 * model of its home, or trains one from the taxonomy at start-up (deterministic: the same
 * taxonomy gives the same bytes and the same hash).
 */
export { topicModelDir };

export const activeTopicModelPath = (home: string): string | null => {
  const pointer = join(topicModelDir(home), 'ACTIVE');
  if (!existsSync(pointer)) return null;
  const file = join(topicModelDir(home), readFileSync(pointer, 'utf8').trim());
  if (!existsSync(file)) throw new InvalidInputError(pointer, `names ${file}, which does not exist`);
  return file;
};

export const writeTopicModel = (
  home: string,
  model: TrainedTopicModel,
  options: { activate: boolean; out?: string },
): string => {
  const file =
    options.out ?? join(topicModelDir(home), `${model.file.version}-${model.hash.slice(0, 12)}.json`);
  // `topics train` may be the first command run on a home: it is made private as a run makes it.
  if (!options.out || options.activate) prepareHome(home);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, model.text);
  if (options.activate) {
    mkdirSync(topicModelDir(home), { recursive: true });
    writeFileSync(join(topicModelDir(home), 'ACTIVE'), `${relative(topicModelDir(home), file)}\n`);
  }
  return file;
};

/** Same topic ids and labels, in the same order: otherwise the model answers another taxonomy. */
const checkTaxonomy = (model: TopicModel, taxonomy: Taxonomy, path: string) =>
  checkTopics(model.file.topics, taxonomy, path, model.file.version);

/** What differs between the model's topics and the taxonomy's, in a few words (not both lists). */
const topicDifference = (
  topics: readonly { id: string; label: string }[],
  taxonomy: Taxonomy,
  theModel: string,
): string => {
  const mine = new Map(topics.map((t) => [t.id, t.label]));
  const theirs = new Map(taxonomy.topics.map((t) => [t.id, t.label]));
  const extra = topics.filter((t) => !theirs.has(t.id)).map((t) => t.id);
  const lacking = taxonomy.topics.filter((t) => !mine.has(t.id)).map((t) => t.id);
  const relabelled = taxonomy.topics.filter((t) => mine.has(t.id) && mine.get(t.id) !== t.label);
  const parts = [
    ...(extra.length > 0 ? [`${theModel} has ${extra.join(', ')}, the taxonomy does not`] : []),
    ...(lacking.length > 0 ? [`the taxonomy has ${lacking.join(', ')}, ${theModel} does not`] : []),
    ...relabelled.map((t) => `${t.id} is "${mine.get(t.id)}" in ${theModel}, "${t.label}" in the taxonomy`),
  ];
  return parts.length > 0 ? parts.join('; ') : `the same topics in another order in ${theModel}`;
};

const checkTopics = (
  topics: readonly { id: unknown; label: unknown }[],
  taxonomy: Taxonomy,
  path: string,
  version: unknown,
) => {
  const named = topics.map((t) => ({ id: String(t.id), label: String(t.label) }));
  const want = taxonomy.topics.map((t) => `${t.id}=${t.label}`).join(', ');
  const have = named.map((t) => `${t.id}=${t.label}`).join(', ');
  if (want !== have) {
    const theModel = typeof version === 'string' ? `the model (${version})` : 'the model';
    throw new InvalidInputError(
      path,
      `trained on other topics than the taxonomy (${taxonomy.version}): ${topicDifference(named, taxonomy, theModel)}: run debrief topics train again with this taxonomy, or pass the taxonomy it was trained on (--topics)`,
    );
  }
};

export interface LoadedTopicModel {
  model: TopicModel;
  /** Where it came from, for lineage: a file name, or the taxonomy it was trained from. */
  source: string;
}

/**
 * A model trained from the taxonomy, the dev sets' labelled calls (config/topic-calls.json) and
 * the shipped word vectors: what `debrief run` uses without a file, and what `debrief topics
 * train` adds its labelled calls to.
 */
export const trainDefaultTopicModel = (
  taxonomy: Taxonomy,
  options: Omit<NonNullable<Parameters<typeof trainTopicModel>[1]>, 'vectors'> = {},
): TrainedTopicModel =>
  trainTopicModel(taxonomy, {
    lessons: shippedCallLessons(taxonomy),
    ...options,
    vectors: loadWordVectors(),
  });

export const loadTopicModel = (taxonomy: Taxonomy, path?: string | null): LoadedTopicModel => {
  if (path === undefined || path === null) {
    return {
      model: new TopicModel(trainDefaultTopicModel(taxonomy).text, loadWordVectors()),
      source: `taxonomy ${taxonomy.version}`,
    };
  }
  let model: TopicModel;
  try {
    model = new TopicModel(readFileSync(path, 'utf8'), loadWordVectors());
  } catch (error) {
    if (error instanceof TopicModelError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new InvalidInputError(path, error instanceof Error ? error.message : String(error));
    }
    throw error;
  }
  checkTaxonomy(model, taxonomy, path);
  return { model, source: basename(path) };
};

/**
 * Whether a run can use this model with this taxonomy, read from the file's topic list alone
 * (no vectors loaded): `debrief run` checks it before processing any call, so a model trained
 * on another taxonomy stops the run with the fix in the message instead of leaving every call
 * partial.
 */
export const checkTopicModelFile = (taxonomy: Taxonomy, path: string): void => {
  let topics: unknown;
  let version: unknown;
  try {
    ({ topics, version } = JSON.parse(readFileSync(path, 'utf8')) as { topics?: unknown; version?: unknown });
  } catch (error) {
    throw new InvalidInputError(path, error instanceof Error ? error.message : String(error));
  }
  if (!Array.isArray(topics)) throw new InvalidInputError(path, 'is not a topic model file (no topics)');
  checkTopics(topics as { id: unknown; label: unknown }[], taxonomy, path, version);
};
