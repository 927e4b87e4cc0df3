// The `debrief` command line. START-UP RULE: this file only declares commands and their options.
// Each action loads what it runs with `await import('./commands/<name>.js')`, so `debrief --help`
// loads commander and nothing else, and `debrief query` never loads the workflow, the NLP engines
// or the AWS SDK. Only `import type` and the small modules below may be imported statically here;
// test/cli/start-up.test.ts checks which modules each command loads.
import { realpathSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { PIPELINE_VERSION } from '../core/pipeline-version.js';
import type { EvalSetName } from '../eval/sets.js';
import type { PiiMode } from '../schemas/call-document.js';
import { PII_MODES } from '../schemas/pii-modes.js';
import { MAX_REPROCESS_CONCURRENCY } from '../schemas/reprocess-limits.js';
import type { ReprocessAwsOptions } from './commands/reprocess-aws.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const DEFAULT_HOME = process.env.DEBRIEF_HOME ?? '.debrief';

interface AthenaCliOptions {
  stage: string;
  workgroup?: string;
  database?: string;
  region?: string;
}

/** The options processingOptions adds (run and watch). */
interface ProcessingCliOptions {
  home: string;
  concurrency: number;
  topics?: string;
  topicModel?: string;
  toxicityThreshold: number;
  users?: string;
  queues?: string;
  piiMode: PiiMode;
  stepTimeout: number;
  keepQuarantined: number;
  keepInputs?: number;
  agentChannel: 0 | 1;
}

interface RunCliOptions extends ProcessingCliOptions {
  reprocess: boolean;
  from?: 'post-process';
  call?: string[];
  wait: boolean;
  merge: boolean;
  batch?: number;
  workers?: number;
  strict?: boolean;
}

interface WatchCliOptions extends ProcessingCliOptions {
  settleMs: number;
  copyQuietMs?: number;
  /** Options of `run` a watch does not take: answered with the `run` line that does it. */
  call?: string[];
  reprocess?: boolean;
}

/** The run options processingOptions' flags give (run and watch alike). */
const processingRunOptions = (dir: string, opts: ProcessingCliOptions) => ({
  dir,
  home: opts.home,
  concurrency: opts.concurrency,
  topicsFile: opts.topics,
  topicModel: opts.topicModel,
  toxicityThreshold: opts.toxicityThreshold,
  usersFile: opts.users,
  queuesFile: opts.queues,
  piiMode: opts.piiMode,
  stepTimeoutSeconds: opts.stepTimeout,
  keepQuarantinedDays: opts.keepQuarantined,
  keepInputsDays: opts.keepInputs,
  agentChannel: opts.agentChannel,
});

/** 0 or 1: which channel of a stereo recording is the agent. */
const agentChannel = (v: string): 0 | 1 => {
  if (v !== '0' && v !== '1') throw new InvalidArgumentError('expected 0 or 1');
  return v === '0' ? 0 : 1;
};

/** A whole number of at least 1, all of it digits: '40x' and '1e3' are refused, not read as 40 and 1. */
export const positiveInt = (v: string): number => {
  const n = /^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
};

/** An option's default from an environment variable: a bad value names the variable, not the option. */
export const fromEnv = <T>(name: string, fallback: string, parse: (v: string) => T): T => {
  const raw = process.env[name] ?? fallback;
  try {
    return parse(raw);
  } catch (e) {
    if (e instanceof InvalidArgumentError)
      throw new InvalidArgumentError(
        `${name}=${JSON.stringify(raw)}: ${e.message} (unset it for the default, ${fallback})`,
      );
    throw e;
  }
};

/** --concurrency of `reprocess --aws`: a Distributed Map runs 1 to 10,000 children at once. */
const reprocessConcurrency = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > MAX_REPROCESS_CONCURRENCY)
    throw new InvalidArgumentError(
      `expected a whole number from 1 to ${MAX_REPROCESS_CONCURRENCY} (Step Functions' Distributed Map maximum)`,
    );
  return n;
};

const piiMode = (v: string): PiiMode => {
  if (!(PII_MODES as readonly string[]).includes(v))
    throw new InvalidArgumentError(`expected one of ${PII_MODES.join(', ')}`);
  return v as PiiMode;
};

const port = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new InvalidArgumentError('expected a port from 0 to 65535');
  return n;
};

const unitInterval = (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a number from 0 to 1');
  return n;
};

const percent = (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 100)
    throw new InvalidArgumentError('expected a number from 0 to 100');
  return n;
};

const isoDay = (v: string): string => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  return v;
};

/**
 * What `generate` adds about the folder: the calls that were there before (which run processes
 * too), and the calls of the same ids it replaced when only some were (the same seed again
 * rewrites them all: nothing to say).
 */
const generatedNote = (r: { calls: number; held: number; replaced: number }): string => {
  const replaced = r.replaced > 0 && r.replaced < r.calls ? `${r.replaced} of the same ids replaced` : '';
  if (r.held > r.calls)
    return ` (it now holds ${r.held} calls: ${r.held - r.calls} were there before, which run processes too${replaced ? `; ${replaced}` : ''})`;
  return replaced ? ` (${replaced})` : '';
};

export const buildCli = (): Command => {
  const program = new Command()
    .name('debrief')
    .description(
      'Post-call analytics: transcripts + Genesys records -> tagged turns, metrics and Parquet tables.',
    )
    .version(PIPELINE_VERSION);
  const home = () => new Option('--home <dir>', 'debrief home: local bucket and lake').default(DEFAULT_HOME);
  // The same setting as the Lambdas' DEBRIEF_PII_MODE (functions/config.ts), from the same list.
  const agentChannelOption = () =>
    new Option(
      '--agent-channel <0|1>',
      "stereo recordings: the agent's channel, 1 as Genesys Cloud records them (env DEBRIEF_AGENT_CHANNEL)",
    )
      .argParser(agentChannel)
      .default(fromEnv('DEBRIEF_AGENT_CHANNEL', '1', agentChannel));
  const piiModeOption = () =>
    new Option(
      '--pii-mode <mode>',
      'PII redaction: default, strict (also every run of 3+ digits) or off (env DEBRIEF_PII_MODE)',
    )
      .argParser(piiMode)
      .default(fromEnv('DEBRIEF_PII_MODE', 'default', piiMode));

  /** What processes a call, the same for `run` and `watch`. */
  const processingOptions = (command: Command): Command =>
    command
      .option('--topics <file>', 'topic taxonomy JSON (default config/topics.json)')
      .option(
        '--topic-model <file>',
        'topic model file (default: the active model of --home, see debrief topics train)',
      )
      .option(
        '--toxicity-threshold <score>',
        'a turn at or over this score counts as toxic',
        unitInterval,
        0.5,
      )
      .option(
        '--users <file>',
        'Genesys users export (JSON or CSV) naming agents the records leave unnamed (default: genesys-users.json|csv in the drop)',
      )
      .option(
        '--queues <file>',
        'Genesys queues export (JSON or CSV) naming the queues records name by id (default: genesys-queues.json|csv in the drop)',
      )
      .addOption(piiModeOption())
      .addOption(agentChannelOption())
      .option(
        '--step-timeout <seconds>',
        'how long one workflow step may take (as its Lambda on AWS)',
        positiveInt,
        300,
      )
      .option(
        '--keep-quarantined <days>',
        "delete a quarantined call's kept input copies after this many days",
        positiveInt,
        30, // DEFAULT_KEEP_QUARANTINED_DAYS of commands/run.ts (not imported here: start-up rule)
      )
      .option(
        '--keep-inputs <days>',
        "delete the home's inbox copies (raw recordings, transcripts) of calls that landed more than this many days ago; default: kept, as inbox/ on AWS (runs read the drop folder)",
        positiveInt,
      );

  processingOptions(
    program
      .command('run')
      .description('process every call in a drop folder through the post-call workflow')
      .argument('[dir]', 'drop folder', 'samples')
      .addOption(home())
      .option('--reprocess', 'run calls again even if these exact inputs were already processed', false)
      .addOption(
        new Option(
          '--from <step>',
          "with --reprocess: post-process runs only the post-processors and the lake write, on each call's stored document from before them (no transcript read, no AI step); a call with none runs in full",
        ).choices(['post-process']),
      )
      .option(
        '--call <id>',
        "run only this call of the folder (its call_id: the files' stem; repeat for more); the others are left as they are",
        (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
      )
      .option('--concurrency <n>', 'calls in flight at once (per worker thread with --batch)', positiveInt, 2)
      .option(
        '--batch <calls>',
        'write the lake every <calls> calls, one Parquet object per table and day, with working documents kept in memory (fast bulk runs; results land batch by batch)',
        positiveInt,
      )
      .option(
        '--workers <n>',
        'with --batch: worker threads running calls (default: one per CPU core)',
        positiveInt,
      )
      .option(
        '--no-wait',
        'stop at once (exit 1) if another run is using the home, instead of waiting for it',
      )
      .option(
        '--no-merge',
        "leave the run's lake objects as written, one per call and table (default: merged into one per table and day at the end)",
      )
      .option(
        '--strict',
        'exit status 2 when a call did not land whole: quarantined, rejected or partial in this run, still quarantined or rejected from an earlier one, or a file or folder of the drop skipped (not a call file, unreadable, a broken or folder link); without it the exit status is 0 and each is said with its reason',
      ),
  ).action(async (dir: string, opts: RunCliOptions, command: Command) => {
    if (opts.from && !opts.reprocess) {
      const { debriefCommand, shownFolder } = await import('./hints.js');
      throw new Error(
        `--from ${opts.from} runs calls already processed again: add --reprocess (${debriefCommand(['run', shownFolder(dir), '--reprocess', '--from', opts.from], opts.home)})`,
      );
    }
    (await import('./drop-folder.js')).checkDropFolder('run', dir, opts.home);
    await (await import('./post-processors-file.js')).loadProjectPostProcessors();
    const { runDrop, strictIssues } = await import('./commands/run.js');
    const { givenOptions } = await import('./hints.js');
    const summary = await runDrop({
      ...processingRunOptions(dir, opts),
      // Ctrl-C's line repeats every option given: without --reprocess (or --from, --call) the calls
      // not yet run again were skipped as unchanged by the line it printed.
      resumeArgs: givenOptions(command, ['home']),
      reprocess: opts.reprocess,
      ...(opts.from === 'post-process' ? { from: 'PostProcess' as const } : {}),
      onlyCalls: opts.call,
      wait: opts.wait,
      batchSize: opts.batch,
      workers: opts.batch === undefined ? undefined : (opts.workers ?? availableParallelism()),
      mergeLake: opts.merge,
    });
    // Processed, partial, quarantined (with a reason) and unchanged all count as handled; with
    // --strict (a scheduled job, a CI step) anything but a whole landing is exit status 2.
    const issues = opts.strict ? strictIssues(summary) : [];
    if (issues.length > 0)
      process.stderr.write(`debrief run --strict: exit status 2: ${issues.join('; ')}\n`);
    process.exitCode = summary.failed > 0 ? 1 : issues.length > 0 ? 2 : 0;
    // Everything is written. A step that ran out of time may still be running (a post-processor
    // cannot be cancelled): it must not hold the finished run open. The timer keeps nothing alive.
    setTimeout(() => {
      process.stderr.write('debrief: work of a timed-out step was still running at the end: stopped\n');
      process.exit();
    }, 1000).unref();
  });

  processingOptions(
    program
      .command('watch')
      .description(
        'process calls as their files land in a drop folder (the local stand-in for the S3 trigger)',
      )
      .argument('[dir]', 'drop folder to watch (it must exist; not created)', './inbox')
      .addOption(home())
      .option('--settle-ms <ms>', 'quiet time after the last file event before processing', positiveInt, 1500)
      .option(
        '--copy-quiet-ms <ms>',
        'a call whose file is cut short or still growing waits until the file has not changed for this long (default 5000)',
        positiveInt,
      )
      .option('--concurrency <n>', 'calls in flight at once', positiveInt, 2)
      // `run`'s --call and --reprocess (what `topics correct` prints): a watch runs each call when
      // its files land or change, never chosen or unchanged calls, so it says which line does.
      .addOption(new Option('--call <id>').argParser(collect).default([]).hideHelp())
      .addOption(new Option('--reprocess').hideHelp()),
  ).action(async (dir: string, opts: WatchCliOptions, command: Command) => {
    if ((opts.call?.length ?? 0) > 0 || opts.reprocess) {
      const { debriefCommand, shownFolder } = await import('./hints.js');
      const calls = (opts.call ?? []).flatMap((id) => ['--call', id]);
      const line = debriefCommand(['run', shownFolder(dir), '--reprocess', ...calls], opts.home);
      throw new Error(
        calls.length > 0
          ? `watch runs each call of ${dir} when its files land or change: it takes no --call. To run these calls again now (beside a watch too: the run waits for the batch in progress): ${line}`
          : `watch runs each call of ${dir} when its files land or change: it takes no --reprocess. To run the folder's calls again now (beside a watch too: the run waits for the batch in progress; --call <id> for some of them): ${line}`,
      );
    }
    (await import('./drop-folder.js')).checkDropFolder('watch', dir, opts.home);
    await (await import('./post-processors-file.js')).loadProjectPostProcessors();
    const { watchDrop } = await import('./commands/watch.js');
    const { givenOptions } = await import('./hints.js');
    watchDrop({
      ...processingRunOptions(dir, opts),
      settleMs: opts.settleMs,
      copyQuietMs: opts.copyQuietMs,
      // Ctrl-C's line repeats every option given (it left out --settle-ms and --copy-quiet-ms).
      resumeArgs: givenOptions(command, ['home']),
      // It said why (two post-processors of one name): the process ends, as a run's would.
      onStop: () => {
        process.exitCode = 1;
      },
    });
    process.stderr.write(`watching ${dir} (Ctrl-C to stop)\n`);
  });

  program
    .command('generate')
    .description(
      'write a drop folder of synthetic calls (transcripts, Genesys records and exports) to try the pipeline on: then npx debrief run <out>',
    )
    .option('--calls <n>', 'how many calls', positiveInt, 200)
    .option('--out <dir>', 'the drop folder to write', 'drop')
    .option('--seed <n>', 'the same seed writes the same calls', positiveInt, 1)
    .option('--truth <dir>', "each call's ground truth (default: <out>-truth, beside the drop)")
    .option(
      '--turns <n>',
      'turns per call (default: a few minutes of talk; 150 for ~10-minute calls)',
      positiveInt,
    )
    .option('--no-redact', 'transcripts without Transcribe’s own PII redaction (debrief still redacts them)')
    .action(
      async (opts: {
        calls: number;
        out: string;
        seed: number;
        truth?: string;
        turns?: number;
        redact: boolean;
      }) => {
        const { generateCommand } = await import('./commands/generate.js');
        const r = await generateCommand(opts);
        process.stdout.write(
          `wrote ${r.calls} call${r.calls === 1 ? '' : 's'} (${r.files} files) to ${r.out}${generatedNote(r)}; ground truth in ${r.truth}\nprocess them: ${r.next}\n`,
        );
      },
    );

  program
    .command('transcribe')
    .description(
      'run the embedded speech engine on one recording and print what it heard (the Transcribe Call Analytics document with --json)',
    )
    .argument(
      '<file>',
      'a recording: WAV (PCM, float, μ-law or A-law), Ogg Opus/Vorbis, FLAC or MP3; mono or stereo; 8–48 kHz',
    )
    .option('--json', 'print the Call Analytics output document as JSON', false)
    .addOption(agentChannelOption())
    .addOption(piiModeOption())
    .action(async (file: string, opts: { json: boolean; agentChannel: 0 | 1; piiMode: PiiMode }) => {
      const { transcribeCommand } = await import('./commands/transcribe.js');
      process.stdout.write(`${await transcribeCommand({ file, ...opts })}\n`);
    });

  program
    .command('query')
    .description(
      'run SQL on the lake (tables: calls, turns, call_agents, call_topics, call_findings, call_categories, call_interruptions, call_roles, call_metrics, call_status + dashboard views) and print its rows as a table, each value cut to 80 characters; --csv or --json print every value in full',
    )
    .argument('<sql>', 'the SQL statement')
    .addOption(home())
    // No "(default: false)": the default output is the table the description names (formatRows in
    // commands/query.ts, values cut to 80 characters), not "no JSON".
    .addOption(new Option('--json', 'print a JSON array of row objects, values in full instead of the table'))
    .addOption(
      new Option(
        '--csv',
        'print CSV instead of the table: a header line, then one line per row, values in full',
      ).conflicts('json'),
    )
    .addOption(
      new Option(
        '--vertical',
        'print each row as a block, one column a line, values in full (the default on a terminal when the table is wider than it)',
      ).conflicts(['json', 'csv']),
    )
    .option('--athena', 'run it on the deployed stack with Athena (needs AWS credentials)', false)
    .option('--stage <stage>', 'with --athena: the deployed stage', process.env.DEBRIEF_STAGE ?? 'dev')
    .option('--workgroup <name>', 'with --athena: workgroup (default debrief-<stage>)')
    .option('--database <name>', 'with --athena: Glue database (default debrief_<stage>)')
    .option('--region <region>', 'with --athena: AWS region (default: your AWS configuration)')
    .action(
      async (
        sql: string,
        opts: {
          home: string;
          json?: boolean;
          csv?: boolean;
          vertical?: boolean;
          athena: boolean;
        } & AthenaCliOptions,
      ) => {
        const { formatCsv, formatRowsToFit, formatRowsVertical, queryErrorHint, queryLake, withQueryHint } =
          await import('./commands/query.js');
        // Athena's client loads only for --athena: local queries never create an AWS SDK client.
        const rows = opts.athena
          ? await (await import('./commands/query-athena.js')).queryAthenaCommand(sql, opts)
          : await queryLake(opts.home, sql).catch((error: unknown) => {
              if (error instanceof Error)
                error.message = withQueryHint(error.message, queryErrorHint(error.message, sql, opts.home));
              throw error;
            });
        process.stdout.write(
          opts.json
            ? `${JSON.stringify(rows)}\n`
            : opts.csv
              ? formatCsv(rows)
              : opts.vertical
                ? `${formatRowsVertical(rows)}\n`
                : `${formatRowsToFit(rows, process.stdout.isTTY ? process.stdout.columns : undefined)}\n`,
        );
      },
    );

  program
    .command('reprocess')
    .description(
      'run stored calls through the workflow again (a taxonomy change, a new model): on AWS, a Distributed Map over the bucket, from the stored transcripts (no transcription)',
    )
    .option('--aws', 'start it on the deployed stack (needs AWS credentials)', false)
    .option('--stage <stage>', 'the deployed stage', process.env.DEBRIEF_STAGE ?? 'dev')
    .option('--region <region>', 'AWS region (default: your AWS configuration)')
    .option(
      '--state-machine-arn <arn>',
      'the reprocess state machine (default: debrief-<stage>-reprocess, found by name)',
    )
    .option(
      '--prefix <prefix>',
      'what to list: inbox/ (every call) or transcripts/ (calls dropped as recordings)',
      'inbox/',
    )
    .option('--since <YYYY-MM-DD>', 'only objects last modified on or after this day (UTC)', isoDay)
    .option(
      '--concurrency <n>',
      `calls in flight at once, 1 to ${MAX_REPROCESS_CONCURRENCY} (default: the deployed DEBRIEF_REPROCESS_CONCURRENCY)`,
      reprocessConcurrency,
    )
    .option(
      '--tolerated-failure-percent <p>',
      'fail the run once more than this share of calls failed (default: deployed, 5)',
      percent,
    )
    .addOption(
      new Option(
        '--from <step>',
        "post-process: run only the post-processors and the lake write, on each call's stored document from before them (no Comprehend, Bedrock or SageMaker); a call with none runs in full, so the calls are counted first and the run is refused if any would (see --allow-full-runs, --dry-run)",
      ).choices(['post-process']),
    )
    .option(
      '--allow-full-runs',
      'with --from post-process: start even if some calls would run in full (no stored enriched document they can use: Comprehend, Bedrock, SageMaker again); without it such a reprocess is refused',
      false,
    )
    .option(
      '--dry-run',
      'list the calls (with --from post-process, and their stored enriched documents), print how many run from PostProcess and how many in full, and start nothing',
      false,
    )
    .option('--name <name>', 'execution name (default: reprocess-<time>-<random>)')
    .option('--wait', 'follow the run (items succeeded, failed, pending) until it ends', false)
    .action(async (opts: ReprocessAwsOptions & { aws: boolean }) => {
      if (!opts.aws)
        throw new Error(
          `reprocess runs on AWS: add --aws (locally, \`npx debrief run <drop> --reprocess${opts.from ? ` --from ${opts.from}` : ''}\` runs a drop folder again)`,
        );
      const { reprocessAwsCommand } = await import('./commands/reprocess-aws.js');
      const { ok } = await reprocessAwsCommand(opts);
      process.exitCode = ok ? 0 : 1;
    });

  program
    .command('compact')
    .description("merge each day's small per-call Parquet objects into one file per table")
    .addOption(home())
    .option('--dt <date>', 'only this partition (YYYY-MM-DD)', isoDay)
    .option('--no-wait', 'stop at once (exit 1) if another compaction is running, instead of waiting for it')
    .action(async (opts: { home: string; dt?: string; wait: boolean }) => {
      const { compactLake, compactionSummary } = await import('./commands/compact.js');
      const reports = await compactLake(opts.home, opts.dt, { wait: opts.wait });
      process.stdout.write(compactionSummary(reports));
    });

  program
    .command('dashboard')
    .description('write the local dashboard (HTML with charts from the dashboard views); --serve to serve it')
    .addOption(home())
    .option('--out <file>', 'where to write the page (default <home>/dashboard.html)')
    .option('--serve', 'serve the live workbench on 127.0.0.1 instead (same as `debrief serve`)', false)
    .option('--port <n>', 'port for --serve', port, 8080)
    .action(async (opts: { home: string; out?: string; serve: boolean; port: number }) => {
      if (opts.serve) {
        await (await import('./commands/serve.js')).serveCommand({ home: opts.home, port: opts.port });
        return;
      }
      const { writeDashboard } = await import('./commands/dashboard.js');
      process.stdout.write(`dashboard: ${await writeDashboard(opts.home, opts.out)}\n`);
    });

  // debrief topics …: the topic model's lifecycle (cli/commands/topics.ts, loaded on use).
  const topics = program
    .command('topics')
    .description('train, evaluate and correct the embedded topic model');

  topics
    .command('train')
    .description(
      'train a topic model from config/topics.json plus labelled calls; writes <home>/models/topics/<version>-<hash>.json and makes it active',
    )
    .addOption(home())
    .option(
      '--labels <file>',
      'labelled calls: a CSV of call_id,topic (turns read from the lake) or a file in eval/README.md format; repeatable',
      collect,
      [],
    )
    .option('--topics <file>', 'topic taxonomy JSON (default config/topics.json)')
    .option('--out <file>', 'write the model here instead (not activated)')
    .option('--no-activate', 'write the model without making it the one debrief run uses')
    .action(
      async (opts: { home: string; labels: string[]; topics?: string; out?: string; activate: boolean }) => {
        const { trainTopicsCommand } = await import('./commands/topics.js');
        await trainTopicsCommand({ ...opts, activate: opts.activate && opts.out === undefined });
      },
    );

  topics
    .command('eval')
    .description(
      'score a topic model (default: the active one) and print accuracy, top 3 and the confusion matrix',
    )
    .addOption(home())
    .option(
      '--model <file>',
      'model file (default: the active model of the home, else one trained from the taxonomy)',
    )
    .option('--topics <file>', 'topic taxonomy JSON (default config/topics.json)')
    .addOption(
      new Option(
        '--set <name>',
        'evaluation set: frozen or holdout (reporting), dev to dev50 (tuning), dev51 (the unseen check, not trained on)',
      ).choices([
        'frozen',
        'holdout',
        'dev',
        'dev2',
        'dev3',
        'dev4',
        'dev5',
        'dev6',
        'dev7',
        'dev8',
        'dev9',
        'dev10',
        'dev11',
        'dev12',
        'dev13',
        'dev14',
        'dev15',
        'dev16',
        'dev17',
        'dev18',
        'dev19',
        'dev20',
        'dev21',
        'dev22',
        'dev23',
        'dev24',
        'dev25',
        'dev26',
        'dev27',
        'dev28',
        'dev29',
        'dev30',
        'dev31',
        'dev32',
        'dev33',
        'dev34',
        'dev35',
        'dev36',
        'dev37',
        'dev38',
        'dev39',
        'dev40',
        'dev41',
        'dev42',
        'dev43',
        'dev44',
        'dev45',
        'dev46',
        'dev47',
        'dev48',
        'dev49',
        'dev50',
        'dev51',
      ]),
    )
    .option('--labels <file>', 'a CSV of call_id,topic: score those calls from the lake instead')
    .action(
      async (opts: { home: string; model?: string; topics?: string; set?: EvalSetName; labels?: string }) => {
        const { evalTopicsCommand } = await import('./commands/topics.js');
        await evalTopicsCommand(opts);
      },
    );

  topics
    .command('correct')
    .description(
      "record an analyst's topic for a call: its primary topic from the call's next run (the line it prints: npx debrief run <folder> --reprocess --call <id>), and a lesson for the next debrief topics train",
    )
    .argument('<call_id>', "the call (its call_id: the drop files' stem)")
    .argument('<topic>', 'topic id from the taxonomy, or none (the call is about none of them)')
    .addOption(home())
    .option('--topics <file>', 'topic taxonomy JSON (default config/topics.json)')
    .action(async (callId: string, topic: string, opts: { home: string; topics?: string }) => {
      const { correctTopicCommand } = await import('./commands/topic-correct.js');
      await correctTopicCommand({ ...opts, callId, topic });
    });

  program
    .command('serve')
    // The README and the run's output call the page the workbench (trial48: `debrief workbench` was an unknown command).
    .alias('workbench')
    .description("the analysts' workbench on 127.0.0.1: dashboard with filters, call browser, call pages")
    .addOption(home())
    .option('--port <n>', 'port to listen on (0 = any free port)', port, 8080)
    .action(async (opts: { home: string; port: number }) => {
      await (await import('./commands/serve.js')).serveCommand(opts);
    });

  program
    .command('forget')
    .description(
      "erase calls from the home (a customer's erasure request, a recording made by mistake, a test call): inputs, transcripts and audio, results, records, quarantine; hidden from every view at once, dropped from the Parquet files by the next compact. With --aws, from the deployed stack",
    )
    .argument('[callIds...]', "the calls (call_id: the drop files' stem)")
    .addOption(home())
    .option('--from-file <file>', 'also the call ids in this file, one a line (# comments)')
    .option(
      '--ani <number>',
      "also every call of this caller number (repeatable): hashed as the pipeline hashes the records' numbers, with the home's key; with --dry-run, a lookup that lists them",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--dry-run', 'say what would be removed, remove nothing', false)
    .option('--no-wait', 'stop at once (exit 1) if a run holds the home, instead of waiting for it')
    .option('--aws', "erase them from the deployed stack's bucket and lake (needs AWS credentials)", false)
    .option('--stage <stage>', 'with --aws: the deployed stage', process.env.DEBRIEF_STAGE ?? 'dev')
    .option('--region <region>', 'with --aws: AWS region (default: your AWS configuration)')
    .option(
      '--compact-function <name>',
      "with --aws: the stack's CompactLake function (default: debrief-<stage>-CompactLakeFunction-*, found by name)",
    )
    .action(
      async (
        callIds: string[],
        opts: {
          home: string;
          fromFile?: string;
          ani?: string[];
          dryRun: boolean;
          wait: boolean;
          aws: boolean;
          stage: string;
          region?: string;
          compactFunction?: string;
        },
        command: Command,
      ) => {
        // Meant for the stack but --aws forgotten: erasing the same ids from a home instead would
        // report success for an erasure that did not happen where it was asked.
        const awsOnly = ['stage', 'region', 'compactFunction'].find(
          (o) => command.getOptionValueSource(o) === 'cli',
        );
        if (!opts.aws && awsOnly)
          throw new Error(
            `forget: --${awsOnly.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} goes with --aws (erase from the deployed stack): add --aws, or leave it out to erase from the home ${opts.home}`,
          );
        // The other way round: a home or --no-wait given with --aws would be ignored without a word.
        const homeOnly = ['home', 'wait'].find((o) => command.getOptionValueSource(o) === 'cli');
        if (opts.aws && homeOnly)
          throw new Error(
            `forget: --${homeOnly === 'wait' ? 'no-wait' : homeOnly} goes without --aws (it is about a home; --aws erases from the deployed stack ${opts.stage}): leave it out, or leave out --aws to erase from the home`,
          );
        // The stack's caller hashes are keyed by its secret (debrief-<stage>/ani-hash-key), which
        // the eraser policy does not grant: no hash of a number can be made with it.
        if (opts.aws && opts.ani)
          throw new Error(
            `forget: --ani goes without --aws: the stack's caller hashes are keyed by its secret debrief-${opts.stage}/ani-hash-key, which the eraser policy (debrief-${opts.stage}-eraser) cannot read, so forget cannot hash a number there. Find the calls' ids in Athena (ask whoever holds that secret for the number's hash: select call_id from calls where ani_hash = '<hash>'), then: npx debrief forget --aws --stage ${opts.stage} <call ids>`,
          );
        const [{ readIdsFile }, { renderTable }] = await Promise.all([
          import('./commands/forget-common.js'),
          import('./render-table.js'),
        ]);
        const ids = [...callIds, ...(opts.fromFile ? readIdsFile(opts.fromFile) : [])];
        if (opts.aws) {
          // The AWS SDK loads only for --aws: a home's forget never creates an AWS SDK client.
          const { forgetAwsCommand, forgetAwsRows } = await import('./commands/forget-aws.js');
          const report = await forgetAwsCommand({ ...opts, callIds: ids });
          process.stdout.write(
            `${renderTable(['call', report.dryRun ? 'would remove' : 'removed', 'where', 'count'], forgetAwsRows(report), 160)}\n`,
          );
          const skipped = report.compactions.filter((c) => c.outcome === 'skipped').map((c) => c.dt);
          const n = report.calls.length;
          process.stdout.write(
            report.dryRun
              ? `dry run: nothing was removed (${n} call${n === 1 ? '' : 's'}, s3://${report.bucket})\n`
              : `forgot ${n} call${n === 1 ? '' : 's'} in s3://${report.bucket}: no Athena view or QuickSight dashboard shows ${n === 1 ? 'it' : 'them'} any more (call_status keeps a tombstone: call id, state, time)${report.compactions.length > 0 ? `; ${report.compactFunction} compacted ${report.compactions.length - skipped.length} of ${report.compactions.length} days` : ''}. SPICE datasets keep their copy until their next refresh; Step Functions keeps execution histories 90 days.\n`,
          );
          if (skipped.length > 0) {
            process.stderr.write(
              `debrief: another compaction held the lake while forget ran: the rows of ${skipped.map((d) => `dt=${d}`).join(', ')} are hidden but still in the Parquet files; run the same forget again (it compacts those days)\n`,
            );
            process.exitCode = 1;
          }
          return;
        }
        const { forgetCalls, forgetRows, forgetSummary } = await import('./commands/forget.js');
        const report = await forgetCalls({
          home: opts.home,
          callIds: ids,
          aniNumbers: opts.ani ?? [],
          dryRun: opts.dryRun,
          wait: opts.wait,
        });
        process.stdout.write(
          `${renderTable(['call', report.dryRun ? 'would remove' : 'removed', 'where', 'count'], forgetRows(report), 160)}\n`,
        );
        process.stdout.write(forgetSummary(report, opts.home));
      },
    );

  program
    .command('merge-ctr')
    .description(
      "print the canonical call document after merging a Genesys CTR into a transcript (debugging aid: the transcript's text as given, not redacted; the caller's number hashed with a key made for this run, or DEBRIEF_ANI_HASH_KEY)",
    )
    .requiredOption('--transcript <file>', 'Transcribe Call Analytics output JSON (required)')
    .option('--ctr <file>', 'Genesys conversation detail record JSON')
    .option('--recording <file>', 'recording metadata JSON (startTime, or a Genesys recording export)')
    .option('--users <file>', 'Genesys users export (JSON or CSV) naming agents the record leaves unnamed')
    .option('--queues <file>', 'Genesys queues export (JSON or CSV) naming the queues the record names by id')
    .action(
      async (opts: {
        transcript: string;
        ctr?: string;
        recording?: string;
        users?: string;
        queues?: string;
      }) => {
        const { mergeCtrCommand } = await import('./commands/merge-ctr.js');
        const doc = await mergeCtrCommand(opts);
        process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
      },
    );

  return program;
};

/**
 * `debrief query` SQL that starts with a comment line (`-- topics⏎select …`) is the query, not an
 * option: commander read it as one and stopped with "unknown option '-- topics …'". No option's
 * name holds whitespace (a value after `=` may), so an argument that starts with `-` and has
 * whitespace before any `=` is moved after a `--`, where commander takes it as the SQL whatever
 * options follow it. Argument lists that already have a `--` are left as typed.
 */
export const sqlCommentsAsOperands = (argv: string[]): string[] => {
  if (argv[2] !== 'query' || argv.includes('--')) return argv;
  const isSql = (arg: string) => /^-[^=\s]*\s/.test(arg);
  const sql = argv.slice(3).filter(isSql);
  if (sql.length === 0) return argv;
  return [...argv.slice(0, 3), ...argv.slice(3).filter((a) => !isSql(a)), '--', ...sql];
};

/**
 * A reader that goes away (`debrief query … | head`, `debrief run samples | head`) closes the pipe
 * under the command's output: the next write fails with EPIPE, which Node throws as an unhandled
 * 'error' event (a stack trace and exit 1, found by helper-214's new-user trial). The rest of the
 * output has nowhere to go, so it is dropped and the command finishes its work as it would have
 * (a run still lands every call it started); any other write error is still thrown.
 */
export const dropOutputOnClosedPipe = (stream: NodeJS.WritableStream & { destroyed?: boolean }): void => {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || (closed && error.code === 'ERR_STREAM_DESTROYED')) {
      closed = true;
      return;
    }
    throw error;
  });
};

export const main = async (argv: string[]): Promise<void> => {
  dropOutputOnClosedPipe(process.stdout);
  dropOutputOnClosedPipe(process.stderr);
  try {
    await buildCli().parseAsync(sqlCommentsAsOperands(argv));
  } catch (error) {
    process.stderr.write(`debrief: ${error instanceof Error ? error.message : String(error)}\n`);
    // What an AWS SDK error (a --aws or --athena command's) means and what to do; loaded on error only.
    const { awsErrorAdvice } = await import('./aws-errors.js');
    for (const line of awsErrorAdvice(error)) process.stderr.write(`debrief: ${line}\n`);
    process.exitCode = 1;
  }
};

/** True when this file is the process's entry point (`npx tsx cli/debrief.ts …`), not imported. */
const isEntryPoint = (): boolean => {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
};

// `npx debrief` (bin/debrief.mjs) imports the compiled module and calls main; run straight from
// source, the module would otherwise define the CLI and exit 0 without a word.
if (isEntryPoint()) await main(process.argv);
