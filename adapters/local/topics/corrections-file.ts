import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { TopicCorrection } from '../../../core/enrich/topic-correction.js';
import { InvalidInputError } from '../../../core/errors.js';
import { prepareHome } from '../home-folder.js';
import { topicModelDir } from './topic-model-dir.js';

/**
 * Analysts' corrections (`debrief topics correct`): <home>/models/topics/corrections.csv, one row
 * per correction (`call_id,topic,corrected_at`; files written before the date was kept have two
 * columns). They live in the home, so they are local: on AWS no step reads them.
 */
export const correctionsFile = (home: string): string =>
  join(topicModelDir(resolve(home)), 'corrections.csv');

/**
 * The rows of a `call_id,topic[,corrected_at]` CSV (a corrections file or `topics train` labels),
 * in file order; a file that does not parse or a row without call_id and topic is an InvalidInputError.
 */
export const readTopicLabelRows = (file: string): TopicCorrection[] => {
  let rows: Record<string, string>[];
  try {
    rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new InvalidInputError(file, error instanceof Error ? error.message : String(error));
  }
  return rows.map((row, i) => {
    if (!row.call_id || !row.topic)
      throw new InvalidInputError(file, `row ${i + 2}: needs call_id and topic columns`);
    return { callId: row.call_id, topic: row.topic, at: row.corrected_at || null };
  });
};

/** Every row of the file, in the order they were recorded (none when there is no file). */
export const readCorrectionRows = (file: string): TopicCorrection[] =>
  existsSync(file) ? readTopicLabelRows(file) : [];

/** The home's corrections, the latest of each call. */
export const readCorrections = (home: string): Map<string, TopicCorrection> =>
  new Map(readCorrectionRows(correctionsFile(home)).map((c) => [c.callId, c]));

const parsed = new Map<string, { stamp: string; corrections: Map<string, TopicCorrection> }>();

/**
 * readCorrections for a run that asks once per call: the file is parsed again only when its size,
 * modification time or inode changed (a correction made while a run goes on is seen by the calls
 * after it), so a home with many corrections does not parse them all for every call.
 */
export const currentCorrections = (home: string): Map<string, TopicCorrection> => {
  const file = correctionsFile(home);
  const stat = statSync(file, { throwIfNoEntry: false, bigint: true });
  if (stat === undefined) {
    parsed.delete(file);
    return new Map();
  }
  const stamp = `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
  const known = parsed.get(file);
  if (known?.stamp === stamp) return known.corrections;
  const corrections = readCorrections(home);
  parsed.set(file, { stamp, corrections });
  return corrections;
};

const quote = (s: string) => (/[",\r\n]|^\s|\s$/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s);
const line = (c: TopicCorrection) => `${quote(c.callId)},${quote(c.topic)},${c.at ?? ''}\n`;

/** The file's text for these rows (with the date column). */
export const correctionsText = (rows: readonly TopicCorrection[]): string =>
  `call_id,topic,corrected_at\n${rows.map(line).join('')}`;

/** Adds a correction (a file of the two-column format is rewritten with the date column first). */
export const appendCorrection = (home: string, correction: TopicCorrection): number => {
  const file = correctionsFile(home);
  prepareHome(home);
  mkdirSync(dirname(file), { recursive: true });
  const rows = [...readCorrectionRows(file), correction];
  writeFileSync(`${file}.tmp`, correctionsText(rows));
  renameSync(`${file}.tmp`, file);
  return rows.length;
};
