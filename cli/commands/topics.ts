import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  correctionsFile,
  readCorrectionRows,
  readTopicLabelRows,
} from '../../adapters/local/topics/corrections-file.js';
import { createLocalTopicClassifier } from '../../adapters/local/topics/local-topic-classifier.js';
import { loadTaxonomy } from '../../adapters/local/topics/taxonomy-file.js';
import { shippedCallLessons } from '../../adapters/local/topics/topic-calls-file.js';
import {
  activeTopicModelPath,
  loadTopicModel,
  trainDefaultTopicModel,
  writeTopicModel,
} from '../../adapters/local/topics/topic-model-file.js';
import { NO_TOPIC } from '../../core/enrich/topic-correction.js';
import { type LabelledCallTurns, trainingFingerprint } from '../../core/enrich/topic-model.js';
import { detectTopics, topicText } from '../../core/enrich/topics.js';
import { InvalidInputError } from '../../core/errors.js';
import { labelledCallDocument, parseLabelledCalls, unlabelledCall } from '../../eval/labelled-calls.js';
import { DEV_SETS, EVAL_SETS, type EvalSetName, readEvalSet } from '../../eval/sets.js';
import { confusionMatrix, ratio, scoreTopics, type TopicAnswer } from '../../eval/topic-score.js';
import type { TurnRole } from '../../schemas/call-document.js';
import { renderTable } from '../render-table.js';
import { queryLake } from './query.js';
import { checkTopics, plural, sqlString } from './topic-labels.js';

/**
 * `debrief topics train|eval|correct`: the topic model's lifecycle. Labelled calls come from a
 * CSV of call_id,topic (the calls' turns are read from the lake), from analysts' corrections
 * (`debrief topics correct`, kept in <home>/models/topics/corrections.csv, which every later run
 * of the call also applies: core/enrich/topic-correction.ts), or from a file in the evaluation
 * format (eval/README.md). The evaluation sets that are not training data (frozen, holdout, the
 * toxicity sets, an unseen dev set) are refused for training.
 */
export { correctionsFile };

const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/**
 * The sets that are not training data (frozen, holdout, the toxicity sets, the unseen dev set of the
 * round: every evaluation set outside DEV_SETS), by content hash (a copy under another name is
 * refused too).
 */
const heldOutHashes = (): Map<string, string> =>
  new Map(
    (Object.keys(EVAL_SETS) as EvalSetName[])
      .filter((name) => !(DEV_SETS as readonly string[]).includes(name))
      .map((name) => [sha256(readFileSync(EVAL_SETS[name])), name]),
  );

interface Label {
  callId: string;
  topic: string;
  /** The file that gave the label. */
  source: string;
}

const readCsvLabels = (file: string): Label[] =>
  readTopicLabelRows(file).map(({ callId, topic }) => ({ callId, topic, source: file }));

/** The turns of labelled calls, from the lake (latest write of each call). */
const turnsFromLake = async (
  home: string,
  labels: readonly Label[],
): Promise<Map<string, LabelledCallTurns['turns']>> => {
  const byCall = new Map<string, { role: TurnRole; text: string }[]>();
  if (labels.length === 0) return byCall;
  const ids = [...new Set(labels.map((l) => l.callId))];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await queryLake(
      home,
      `select call_id, role, text from turns where call_id in (${ids
        .slice(i, i + 500)
        .map(sqlString)
        .join(', ')}) order by call_id, turn_index`,
    );
    for (const row of rows) {
      const id = String(row.call_id);
      const list = byCall.get(id) ?? [];
      list.push({ role: row.role as TurnRole, text: String(row.text) });
      byCall.set(id, list);
    }
  }
  return byCall;
};

export interface TrainOptions {
  home: string;
  labels: string[];
  topics?: string;
  out?: string;
  activate: boolean;
  out_stream?: NodeJS.WritableStream;
}

export const trainTopicsCommand = async (
  options: TrainOptions,
): Promise<{ file: string; hash: string; calls: number }> => {
  const out = options.out_stream ?? process.stdout;
  const home = resolve(options.home);
  const taxonomy = await loadTaxonomy(options.topics);
  const calls: LabelledCallTurns[] = [];
  const csvLabels: Label[] = [];
  const sources: string[] = [];
  // Calls the default model learns already (the dev sets', config/topic-calls.json), and those
  // given twice, by their turns' fingerprint: a dev set passed with --labels is not learned twice.
  // With a taxonomy of one's own (--topics) the shipped lessons keep only the topics it shares, and
  // the file does not say which topic each shipped call taught: its calls, relabelled for that
  // taxonomy, are learned (review22).
  const shipped = new Set(options.topics === undefined ? shippedCallLessons(taxonomy).fingerprints : []);
  // A call given twice with two topics is refused: which one it teaches is the user's to say.
  const taken = new Map<string, { topic: string | null; name: string; source: string }>();
  const learn = (
    call: LabelledCallTurns,
    from: { name: string; source: string },
  ): 'new' | 'shipped' | 'repeated' => {
    const fingerprint = trainingFingerprint(call.turns);
    if (shipped.has(fingerprint)) return 'shipped';
    const first = taken.get(fingerprint);
    if (first !== undefined) {
      if (first.topic !== call.topic)
        throw new InvalidInputError(
          from.source,
          `call ${from.name} is labelled ${call.topic ?? NO_TOPIC} here and ${first.topic ?? NO_TOPIC} in ${first.source}${first.name === from.name ? '' : ` (as ${first.name})`}: one topic per call, correct one of the two files`,
        );
      return 'repeated';
    }
    taken.set(fingerprint, { topic: call.topic, ...from });
    calls.push(call);
    return 'new';
  };
  const notAgain = (counts: Record<'shipped' | 'repeated', number>): string => {
    const parts = [
      ...(counts.shipped > 0
        ? [
            `${counts.shipped} already among the dev-set calls of config/topic-calls.json, which every model learns`,
          ]
        : []),
      ...(counts.repeated > 0 ? [`${counts.repeated} given twice`] : []),
    ];
    return parts.length === 0 ? '' : `; ${parts.join(', ')}: not learned again`;
  };
  let skippedTotal = 0;
  for (const file of options.labels) {
    if (!existsSync(file)) throw new InvalidInputError(file, 'no such file');
    const heldOut = heldOutHashes().get(sha256(readFileSync(file)));
    if (heldOut !== undefined) {
      throw new InvalidInputError(
        file,
        `is the ${heldOut} evaluation set: it is not training data (eval/README.md), never for training`,
      );
    }
    if (file.endsWith('.csv')) {
      const labels = readCsvLabels(file);
      checkTopics(labels, taxonomy, file);
      csvLabels.push(...labels);
      sources.push(`${file} (${labels.length} labels)`);
    } else {
      // Calls about no topic (`topic: none`) teach background talk (callLessons).
      const labelled = parseLabelledCalls(readFileSync(file, 'utf8'), file);
      checkTopics(
        labelled.filter((c): c is typeof c & { topic: string } => c.topic !== null),
        taxonomy,
        file,
      );
      const counts = { new: 0, shipped: 0, repeated: 0 };
      for (const c of labelled)
        counts[
          learn(
            { topic: c.topic, turns: c.turns.map((t) => ({ role: t.role, text: t.text })) },
            { name: c.id, source: file },
          )
        ] += 1;
      skippedTotal += counts.shipped + counts.repeated;
      sources.push(`${file} (${labelled.length} calls${notAgain(counts)})`);
    }
  }
  const corrections = correctionsFile(home);
  if (existsSync(corrections)) {
    // An analyst's `none` teaches background talk, like `topic: none` in a labelled-calls file.
    const labels = readCorrectionRows(corrections).map((l) => ({ ...l, source: corrections }));
    checkTopics(labels, taxonomy, corrections, true);
    // A later correction of the same call wins.
    const latest = new Map(labels.map((l) => [l.callId, l]));
    for (const l of latest.values()) {
      const i = csvLabels.findIndex((c) => c.callId === l.callId);
      if (i >= 0) csvLabels.splice(i, 1);
      csvLabels.push(l);
    }
    sources.push(`${corrections} (${plural(latest.size, 'correction')})`);
  }
  const turns = await turnsFromLake(home, csvLabels);
  const missing = csvLabels.filter((l) => !turns.has(l.callId)).map((l) => l.callId);
  const lakeCounts = { new: 0, shipped: 0, repeated: 0 };
  for (const l of csvLabels) {
    const t = turns.get(l.callId);
    if (t)
      lakeCounts[
        learn(
          { topic: l.topic === NO_TOPIC ? null : l.topic, turns: t },
          { name: l.callId, source: l.source },
        )
      ] += 1;
  }
  skippedTotal += lakeCounts.shipped + lakeCounts.repeated;
  if (lakeCounts.shipped + lakeCounts.repeated > 0)
    sources.push(`the lake's calls of these labels${notAgain(lakeCounts)}`);
  const trained = trainDefaultTopicModel(taxonomy, { calls });
  const file = writeTopicModel(home, trained, {
    activate: options.activate,
    ...(options.out ? { out: options.out } : {}),
  });
  out.write(
    `${renderTable(
      ['topic', 'examples'],
      Object.entries(trained.file.training.examples).map(([t, n]) => [t, n]),
    )}\n`,
  );
  for (const s of sources) out.write(`labels: ${s}\n`);
  if (missing.length > 0) {
    out.write(
      `not in the lake (skipped): ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}\n`,
    );
  }
  if (calls.length === 0 && skippedTotal > 0)
    out.write(
      'nothing new to learn: every labelled call is one the model learns anyway (the model is the default one)\n',
    );
  out.write(
    `model ${trained.file.version} (${plural(calls.length, 'labelled call')} and the ${shippedCallLessons(taxonomy).calls} dev-set calls of config/topic-calls.json) -> ${file}\nsha256 ${trained.hash}${options.activate && !options.out ? '\nactive for debrief run in this home' : ''}\n`,
  );
  return { file, hash: trained.hash, calls: calls.length };
};

export interface EvalOptions {
  home: string;
  model?: string;
  topics?: string;
  set?: EvalSetName;
  labels?: string;
  out_stream?: NodeJS.WritableStream;
}

const pct = (a: number, b: number): string =>
  b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}% (${a}/${b})`;

export const evalTopicsCommand = async (options: EvalOptions) => {
  const out = options.out_stream ?? process.stdout;
  // No default set: the frozen and holdout sets are scored once per round, never by a command
  // run without thinking (tuning on what they print would make them tuned).
  if (options.set === undefined && options.labels === undefined)
    throw new InvalidInputError(
      'topics eval',
      'say which calls to score: --labels <file> (your labelled calls: a CSV of call_id,topic from the lake, or the evaluation format), or --set <name> (dev … dev50: the sets the model is tuned on; frozen, holdout, dev51: kept for reporting, score them once per tuning round)',
    );
  const home = resolve(options.home);
  const taxonomy = await loadTaxonomy(options.topics);
  const path = options.model ?? activeTopicModelPath(home);
  const { model, source } = loadTopicModel(taxonomy, path);
  const classifier = createLocalTopicClassifier(model, source);
  const labelOf = new Map(taxonomy.topics.map((t) => [t.label, t.id]));
  const answers: TopicAnswer[] = [];
  // Calls the model was trained on (by their turns' fingerprint): their score flatters it.
  const trainedOn = new Set(model.file.training.callFingerprints ?? []);
  const seen: boolean[] = [];
  let described: string;
  const answer = async (
    id: string,
    expected: string | null,
    doc: ReturnType<typeof labelledCallDocument>,
    turns: readonly { role: TurnRole; text: string }[],
  ) => {
    seen.push(trainedOn.has(trainingFingerprint(turns)));
    const { matches } = await detectTopics(doc, classifier, taxonomy);
    const text = topicText(doc.turns);
    const ranking =
      text === ''
        ? []
        : (
            await classifier.classify({
              inputs: text,
              parameters: { candidate_labels: taxonomy.topics.map((t) => t.label), multi_label: true },
            })
          ).labels.map((l) => labelOf.get(l) ?? l);
    answers.push({ id, expected, matches, ranking });
  };
  if (options.labels !== undefined && !options.labels.endsWith('.csv')) {
    // Labelled calls with their turns (the format of the evaluation sets, which train reads too).
    const labelled = parseLabelledCalls(readFileSync(options.labels, 'utf8'), options.labels);
    checkTopics(
      labelled.filter((c): c is typeof c & { topic: string } => c.topic !== null),
      taxonomy,
      options.labels,
    );
    for (const c of labelled) await answer(c.id, c.topic, labelledCallDocument(c), c.turns);
    described = `${plural(answers.length, 'labelled call')} from ${options.labels}`;
  } else if (options.labels !== undefined) {
    const labels = readCsvLabels(options.labels);
    checkTopics(labels, taxonomy, options.labels);
    const turns = await turnsFromLake(home, labels);
    for (const l of labels) {
      const t = turns.get(l.callId);
      if (!t) continue;
      await answer(
        l.callId,
        l.topic,
        labelledCallDocument({ ...unlabelledCall(l.callId, t), topic: l.topic }),
        t,
      );
    }
    described = `${plural(answers.length, 'labelled call')} from ${options.labels} (lake ${home})`;
  } else {
    const set = options.set ?? 'dev';
    for (const c of readEvalSet(set)) await answer(c.id, c.topic, labelledCallDocument(c), c.turns);
    described = `the ${set} set (${answers.length} calls, eval/${set}/calls.txt)`;
  }
  const scores = scoreTopics(answers);
  out.write(
    `topic model ${model.file.version} sha256 ${model.hash.slice(0, 16)}… (${source}) on ${described}\n`,
  );
  out.write(
    `${renderTable(
      ['measure', 'value'],
      [
        ['primary topic right', pct(scores.primaryRight, scores.calls)],
        ['reference in top 3', pct(scores.top3Right, scores.withTopic)],
        ['"none of these" calls answered none', pct(scores.noneRight, scores.noneCalls)],
        ['topical calls answered none', String(scores.abstained)],
      ],
    )}\n`,
  );
  const trainedCount = seen.filter(Boolean).length;
  if (trainedCount > 0) {
    const unseen = answers.filter((_, i) => !seen[i]);
    const unseenScores = scoreTopics(unseen);
    out.write(
      `warning: the model was trained on ${trainedCount} of these ${plural(answers.length, 'call')}: their score flatters it; ${
        unseen.length === 0
          ? 'evaluate on calls it was not trained on'
          : `on the other ${unseen.length} the primary topic is right on ${pct(unseenScores.primaryRight, unseenScores.calls)}`
      }\n`,
    );
  }
  const m = confusionMatrix(
    scores,
    taxonomy.topics.map((t) => t.id),
  );
  out.write(`confusion matrix (rows: reference, columns: predicted)\n${renderTable(m.head, m.rows, 40)}\n`);
  return {
    accuracy: ratio(scores.primaryRight, scores.calls),
    top3: ratio(scores.top3Right, scores.withTopic),
  };
};
