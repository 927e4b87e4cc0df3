import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { appendCorrection, correctionsFile } from '../../adapters/local/topics/corrections-file.js';
import { loadTaxonomy } from '../../adapters/local/topics/taxonomy-file.js';
import { NO_TOPIC } from '../../core/enrich/topic-correction.js';
import { InvalidInputError } from '../../core/errors.js';
import { debriefCommand, defaultHome, shellWord, shownFolder } from '../hints.js';
import { queryLake } from './query.js';
import { checkTopics, plural, sqlString } from './topic-labels.js';

/*
 * `debrief topics correct`, in a module of its own: recording an analyst's topic reads the
 * taxonomy and the lake, never the topic model, its training or the evaluation sets
 * (cli/commands/topics.ts), so it answers as fast as a query.
 */

export const correctTopicCommand = async (options: {
  home: string;
  callId: string;
  topic: string;
  topics?: string;
  /** ISO-8601 time the correction is recorded at (default: now). */
  now?: string;
  out_stream?: NodeJS.WritableStream;
}) => {
  const out = options.out_stream ?? process.stdout;
  const home = resolve(options.home);
  const taxonomy = await loadTaxonomy(options.topics);
  checkTopics([{ topic: options.topic }], taxonomy, 'topic', true);
  // A correction of a call the lake does not hold would only be skipped at train time: say so now.
  const rows = await queryLake(
    home,
    `select primary_topic from calls where call_id = ${sqlString(options.callId)} order by written_at desc limit 1`,
  );
  if (rows.length === 0) {
    // A quarantined call is known but has no topic until its input is fixed: say that, not "no such call".
    const [status] = await queryLake(
      home,
      `select state from call_status where call_id = ${sqlString(options.callId)} limit 1`,
    );
    // An erased call is hidden from every view; its tombstone is the latest of its stored statuses.
    const [erased] =
      status === undefined
        ? await queryLake(
            home,
            `select updated_at from raw_call_status where call_id = ${sqlString(options.callId)}
               qualify row_number() over (order by updated_at desc) = 1 and state = 'forgotten'`,
          )
        : [];
    throw new InvalidInputError(
      options.callId,
      status?.state === 'quarantined'
        ? `is quarantined, so it has no topic to correct: fix its input and run it again (${debriefCommand(['query', `select reason from call_status where call_id = ${sqlString(options.callId)}`], options.home)})`
        : erased !== undefined
          ? `was erased (debrief forget) on ${String(erased.updated_at).slice(0, 10)}, so there is no call to correct; dropped again, it runs as a new call, to correct then`
          : `no such call in the lake of ${home}: check the id (${debriefCommand(['query', 'select call_id from calls'], options.home)})`,
    );
  }
  const count = appendCorrection(home, {
    callId: options.callId,
    topic: options.topic,
    at: options.now ?? new Date().toISOString(),
  });
  const shown = rows[0]?.primary_topic === null ? NO_TOPIC : String(rows[0]?.primary_topic);
  out.write(
    `${options.callId} -> ${options.topic} recorded in ${correctionsFile(home)} (${plural(count, 'correction')})\n` +
      `${options.callId} shows ${shown} until its next run, then ${options.topic} (the model's answer stays in calls.lineage.topics.note): ` +
      `${await rerunCallCommand(home, options.callId, options.home, options.topics)} applies it now; ${debriefCommand(['topics', 'train', ...topicsArgs(options.topics)], options.home)} teaches it to the model\n`,
  );
};

/**
 * The command that runs this one call again from the drop folder it was last run from (the
 * home's execution record keeps it), so a correction applies without running the whole drop.
 * A record of an earlier version names no folder, and a folder since moved away cannot run: then
 * the folder is left for the user to fill in.
 */
/** `--topics <file>` when the command was given a taxonomy of its own: the lines it prints keep it. */
const topicsArgs = (topics: string | undefined): string[] =>
  topics === undefined ? [] : ['--topics', topics];

const rerunCallCommand = async (
  home: string,
  callId: string,
  homeOption: string,
  topics: string | undefined,
): Promise<string> => {
  const { ExecutionLedger } = await import('../../adapters/local/execution-ledger.js');
  const { FsObjectStore } = await import('../../adapters/local/fs-object-store.js');
  const folder = (await new ExecutionLedger(new FsObjectStore(home)).latest(callId))?.dropFolder;
  if (folder !== undefined && existsSync(folder))
    return debriefCommand(
      ['run', shownFolder(folder), '--reprocess', '--call', callId, ...topicsArgs(topics)],
      homeOption,
    );
  return `npx debrief run <drop> --reprocess --call ${shellWord(callId)}${topicsArgs(topics)
    .map((w) => ` ${shellWord(w)}`)
    .join(
      '',
    )}${homeOption === defaultHome() ? '' : ` --home ${shellWord(homeOption)}`} (<drop>: the folder holding its files)`;
};
