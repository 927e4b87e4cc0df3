import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { SingleBar } from 'cli-progress';
import pLimit from 'p-limit';
import { type CopySettle, stillCopying, type WaitingCall } from '../../adapters/local/drop-settle.js';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { ExecutionLedger, newRunId } from '../../adapters/local/execution-ledger.js';
import type { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import {
  clearCallLeases,
  clearInbox,
  lockHome,
  purgeOldInputs,
  purgeQuarantinedInputs,
} from '../../adapters/local/home-upkeep.js';
import type { LocalSpeechOptions } from '../../adapters/local/local-deps.js';
import { scanDrop, sha256OfFile } from '../../adapters/local/local-drop.js';
import { USERS_FILE_KEYS, USERS_FILE_NAMES } from '../../core/agents/store-directory.js';
import { parseUsersExport } from '../../core/agents/users-export.js';
import { ctrOnlyReason } from '../../core/ctr/ctr-only.js';
import { readSidecars } from '../../core/ctr/sidecars.js';
import { extractTimeline } from '../../core/ctr/timeline.js';
import { CALL_FILE_SUFFIXES, type DropCall, meantCallFileName } from '../../core/drop.js';
import type { Enrichers } from '../../core/enrich/enrichers.js';
import { enrichedKeyOf } from '../../core/enriched-document.js';
import { exportKeyFor } from '../../core/names/store-names.js';
import { objectName } from '../../core/object-names.js';
import { checkPostProcessors, type PostProcessor } from '../../core/post-processor.js';
import { parseQueuesExport, QUEUES_FILE_KEYS, QUEUES_FILE_NAMES } from '../../core/queues/queues-export.js';
import type { StepDeps } from '../../core/steps/deps.js';
import type { PiiMode } from '../../schemas/call-document.js';
import { LocalWorkflowRunner } from '../../workflows/local-runner.js';
import { checkDropFolder } from '../drop-folder.js';
import { debriefCommand, shownFolder } from '../hints.js';
import { printable, renderTable } from '../render-table.js';
import { callDays, inDayOrder } from './call-days.js';
import { writeDashboard } from './dashboard.js';
import { runBatched } from './run-batched.js';
import {
  type CallContext,
  type CallOutcome,
  checkTopicConfiguration,
  createRunRuntime,
  failedOutcome,
  processCall,
} from './run-calls.js';

export type { CallOutcome } from './run-calls.js';

export interface RunOptions {
  dir: string;
  home: string;
  /**
   * The command Ctrl-C's note tells the user to type to go on: this run again (default), or the
   * watch whose batch this run is (a watch's user restarts the watch, not a run).
   */
  resumeWith?: 'run' | 'watch';
  /**
   * The options the user gave (`givenOptions`: a watch's every option, --settle-ms and
   * --copy-quiet-ms among them), repeated in Ctrl-C's line with the settings the run used, so
   * the command it prints goes on as the interrupted one did.
   */
  resumeArgs?: readonly string[];
  reprocess?: boolean;
  /**
   * With `reprocess`: where each call starts. `PostProcess` (`--from post-process`) runs PostProcess
   * and WriteResults alone on the call's stored enriched document (core/enriched-document.ts); a
   * call with none, or made from other files than the drop's, runs in full (the run says which).
   */
  from?: 'PostProcess';
  /**
   * Run only these calls of the folder (`--call`, by call id); the others are neither read nor
   * listed. An id the folder does not hold stops the run before any call.
   */
  onlyCalls?: readonly string[];
  concurrency?: number;
  /** Topic taxonomy file (default config/topics.json). */
  topicsFile?: string;
  /** A turn at or over this toxicity counts as toxic (default 0.5). */
  toxicityThreshold?: number;
  /** Topic model file (default: the home's active model, else one trained from the taxonomy). */
  topicModel?: string;
  /** PII redaction: default | strict (also every run of 3+ digits) | off. */
  piiMode?: PiiMode;
  /** A Genesys users export (JSON or CSV) naming agents; default: `genesys-users.json|csv` in the drop. */
  usersFile?: string;
  /** A Genesys queues export (JSON or CSV) naming queues; default: `genesys-queues.json|csv` in the drop. */
  queuesFile?: string;
  /** Another run holds the home: wait for it (default) or stop at once with LockBusyError. */
  wait?: boolean;
  /** How long one workflow step may take (default: as long as its Lambda, 300 s). */
  stepTimeoutSeconds?: number;
  /** Quarantined calls' kept inputs are deleted after this many days (default 30). */
  keepQuarantinedDays?: number;
  /** Inbox copies of calls that landed more than this many days ago are deleted (default: kept). */
  keepInputsDays?: number;
  /** Print the per-call table and write the dashboard (default true). */
  report?: boolean;
  /**
   * Report only the calls that ran, unnumbered, then their count (watch: every file event runs
   * the whole folder again, and its unchanged calls are counted in that line, "1 call ran (10
   * unchanged)", instead of listed again).
   */
  onlyChangedCalls?: boolean;
  /** Replace the embedded engines or post-processors (tests). */
  enrichers?: () => Promise<Enrichers>;
  postProcessors?: readonly PostProcessor[];
  /** Which channel of a stereo recording carries the agent (default 1, Genesys' layout). */
  agentChannel?: 0 | 1;
  /** Replace the speech recogniser (tests use one that hears the generator's script). */
  speech?: Pick<LocalSpeechOptions, 'recognizer' | 'categoriesFile'>;
  /** Wrap the steps' dependencies (tests inject faults here). */
  wrapDeps?: (deps: StepDeps) => StepDeps;
  /**
   * Batch the lake writes: every this many calls, each table's and day's rows land as one object
   * (call_status last, so each call's rows are committed by its status as always), and the
   * execution records are written after that. Unset: each call's rows land as it ends.
   */
  batchSize?: number;
  /** false: leave the run's small lake objects as written (default: merged, see ParquetLake.mergeSmallObjects). */
  mergeLake?: boolean;
  /** With batchSize: worker threads running executions at once (default 1: this thread). */
  workers?: number;
  /** This run's id (ExecutionLedger newRunId): runDrop makes one; its worker threads get it. */
  runId?: string;
  /** Where progress and notices go (stderr); the result table goes to `out`. */
  err?: NodeJS.WritableStream;
  out?: NodeJS.WritableStream;
  /**
   * watch: a call whose file is cut short or still growing and changed within the quiet window
   * is held back (neither run nor quarantined) and listed in the summary's `waiting`. Unset
   * (`run`): every call runs, and a file cut short quarantines its call.
   */
  copySettle?: CopySettle;
  /**
   * watch: a call with only a CTR or recording metadata so far is held back (neither run nor
   * quarantined) and listed in the summary's `awaiting`, as AwaitingRecording on AWS: its
   * recording's or transcript's own file event runs it. Unset (`run`): such a call is quarantined
   * with a reason naming the file to drop.
   */
  awaitRecordings?: boolean;
  /**
   * watch: the folder's standing notices (the users and queues exports read, files ignored, the
   * same recording under two names) the previous batch said; a batch says only those that are
   * new or changed, not every one again on every file event. runDrop replaces `last` with its own.
   */
  quietRepeats?: { last: ReadonlySet<string> };
}

/** Ctrl-C's options: the user's own (resumeArgs), with the settings they leave out (settingArgs). */
const resumeArgs = (options: RunOptions): string[] => {
  const given = options.resumeArgs ?? [];
  const settings = settingArgs(options);
  const kept: string[] = [];
  // settingArgs is flag and value pairs.
  for (let i = 0; i < settings.length; i += 2)
    if (!given.includes(settings[i]!)) kept.push(settings[i]!, settings[i + 1]!);
  return [...kept, ...given];
};

/**
 * This run's options that change what a call comes out as, as the command line gave them: a
 * line the run prints to run calls again keeps them (without the `--topics` a model was trained
 * on, the printed line would stop on that model; without `--pii-mode strict` it would redact less).
 */
const settingArgs = (options: RunOptions): string[] => [
  ...(options.topicsFile !== undefined ? ['--topics', options.topicsFile] : []),
  ...(options.topicModel !== undefined ? ['--topic-model', options.topicModel] : []),
  ...(options.usersFile !== undefined ? ['--users', options.usersFile] : []),
  ...(options.queuesFile !== undefined ? ['--queues', options.queuesFile] : []),
  // 0.5, 'default' and 1: the command line's defaults, left out.
  ...(options.toxicityThreshold !== undefined && options.toxicityThreshold !== 0.5
    ? ['--toxicity-threshold', String(options.toxicityThreshold)]
    : []),
  ...(options.piiMode !== undefined && options.piiMode !== 'default' ? ['--pii-mode', options.piiMode] : []),
  ...(options.agentChannel !== undefined && options.agentChannel !== 1
    ? ['--agent-channel', String(options.agentChannel)]
    : []),
];

export const DEFAULT_KEEP_QUARANTINED_DAYS = 30;

/** While a run goes through unchanged calls only, it says how far it is this often (not a line per call). */
const PROGRESS_EVERY_MS = 10_000;

export interface RunSummary {
  calls: CallOutcome[];
  /** Files of the folder that belong to no call, said and ignored (none with --call: the run's calls only). */
  unknownFiles: string[];
  /** Entries of the folder not read, which may hold calls: unreadable folders, broken links, links to folders (none with --call). */
  skippedEntries: string[];
  duplicateFiles: string[];
  /** Skipped entries of the drop folder and why. */
  notices: string[];
  failed: number;
  /** Calls held back because a file of theirs is still being copied (watch only). */
  waiting: WaitingCall[];
  /** Calls held back because only their CTR or recording metadata has landed (watch only). */
  awaiting: AwaitingCall[];
  /** Calls this run found unchanged and still quarantined (an earlier run quarantined them). */
  stillQuarantined: string[];
  /** Calls this run found unchanged whose files an earlier run rejected (they keep older results). */
  stillRejected: string[];
}

/**
 * What `debrief run --strict` counts as not landed whole (exit status 2), one phrase per kind:
 * calls quarantined, rejected or landed partial (an AI step failed) by this run, calls left
 * quarantined or rejected by an earlier one (unchanged since), files of the folder that are no
 * call's (an unknown kind: ignored) and entries not read (an unreadable folder, a broken link, a
 * link to a folder: calls may be in them). A second file of a kind is not counted: ignored when the same,
 * else its call is quarantined.
 * Empty when every call of the run is processed or unchanged and clean.
 */
export const strictIssues = (summary: RunSummary): string[] => {
  const ids = (list: readonly string[]) =>
    `${list.slice(0, 5).join(', ')}${list.length > 5 ? `, … ${list.length - 5} more` : ''}`;
  const of = (outcome: string) => summary.calls.filter((c) => c.outcome === outcome).map((c) => c.callId);
  const partial = summary.calls
    .filter((c) => c.outcome === 'succeeded' && c.landed === 'partial')
    .map((c) => c.callId);
  const kinds: [readonly string[], string][] = [
    [of('quarantined'), 'quarantined'],
    [of('rejected'), 'rejected'],
    [partial, 'partial (an AI step failed)'],
    [summary.stillQuarantined, 'still quarantined (unchanged)'],
    [summary.stillRejected, 'still rejected (unchanged)'],
    [summary.unknownFiles, 'file(s) not a call file, ignored'],
    [summary.skippedEntries, 'folder entry(ies) not read (unreadable, or a broken or folder link)'],
  ];
  return kinds
    .filter(([list]) => list.length > 0)
    .map(([list, what]) => `${list.length} ${what} (${printable(ids(list))})`);
};

/** A call whose sidecars landed before its recording or transcript (watch holds it back). */
export interface AwaitingCall {
  callId: string;
  /** The drop-relative sidecar files that are there. */
  files: string[];
}

/**
 * A stream for the lines said while the progress bar is drawn on a terminal: the bar's line is
 * cleared, the line written, and the bar drawn again under it. Written straight to the terminal, a
 * line went on after the bar ("processing ---- 0/2 calls | call-0001-billing: transcribing …").
 */
const aboveBar = (err: NodeJS.WritableStream, bar: SingleBar, shown: () => boolean): NodeJS.WritableStream =>
  new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const text = String(chunk);
      if (!shown()) err.write(text);
      else {
        err.write(`\r\x1b[2K${text}`);
        bar.render();
      }
      done();
    },
  });

/**
 * `debrief run`: every call in a drop folder through the post-call workflow, locally, under
 * the home's lock (one run at a time; a second one waits). Every call ends processed, partial,
 * quarantined (with a reason) or unchanged; a file that cannot be read quarantines its call,
 * never the run.
 */
export const runDrop = async (options: RunOptions): Promise<RunSummary> => {
  const err = options.err ?? process.stderr;
  const out = options.out ?? process.stdout;
  const home = resolve(options.home);
  // Before the home is made: a mistyped folder (or `debrief run` outside the repo, where the
  // default `samples` is not) leaves no empty home behind.
  checkDropFolder('run', options.dir, options.home);
  const lock = await lockHome(home, {
    err,
    command: 'run',
    wait: options.wait,
    onWait: (holder) =>
      err.write(
        `waiting: another debrief ${holder?.command ?? 'process'} (pid ${holder?.pid ?? '?'}) is processing calls in ${home}; this run starts when it ends (Ctrl-C to stop)\n`,
      ),
  });
  // Ctrl-C: say where the run stands and let go of the home (the next run would wait for a
  // lock whose process is gone, then take it) before the process ends as an interrupt does.
  const onInterrupt = (signal: NodeJS.Signals) => {
    const watching = options.resumeWith === 'watch';
    const line = debriefCommand(
      [watching ? 'watch' : 'run', options.dir, ...resumeArgs(options)],
      options.home,
    );
    // A reprocess's line runs every call again (the ones that finished were stored as these inputs'
    // results, so without --reprocess the rest would be skipped as unchanged): say so.
    err.write(
      !watching && options.reprocess === true
        ? `\ninterrupted: the calls that finished are in the lake; a call in flight was not finished. This line runs the calls again, the finished ones too (--reprocess; --call <id> for some of them): ${line}\n`
        : `\ninterrupted: the calls that finished are in the lake; a call in flight was not finished and runs again ${watching ? 'when the watch starts again' : 'on the next run'}: ${line}\n`,
    );
    // 130 for Ctrl-C, 143 for a supervisor's SIGTERM (systemd, a container stop): 128 + the signal.
    void lock.release().finally(() => process.exit(signal === 'SIGTERM' ? 143 : 130));
  };
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);
  try {
    return await runLocked(options, err, out);
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
    await lock.release();
  }
};

const runLocked = async (
  options: RunOptions,
  err: NodeJS.WritableStream,
  out: NodeJS.WritableStream,
): Promise<RunSummary> => {
  await checkTopicConfiguration(options);
  const projectPostProcessors = await (
    await import('../post-processors-file.js')
  ).loadProjectPostProcessors();
  checkPostProcessors(options.postProcessors ?? projectPostProcessors);
  const runId = newRunId();
  // On a terminal a bar shows how far the run is; lines said meanwhile (a recording's
  // transcription, a damaged record) go above it.
  const tty = 'isTTY' in err && Boolean(err.isTTY);
  const bar = new SingleBar({
    format: 'processing {bar} {value}/{total} calls | {call}',
    hideCursor: true,
    forceRedraw: true,
    stream: err,
  });
  let barShown = false;
  const lines = tty ? aboveBar(err, bar, () => barShown) : err;
  const base = createRunRuntime(options, lines);
  const deps = options.wrapDeps ? options.wrapDeps(base.deps) : base.deps;
  const { store } = base;
  // Leftovers of a killed run: half-written temporary files, inbox copies and call leases.
  await store.sweepTemporaryFiles();
  await clearInbox(store);
  await clearCallLeases(store);
  const keepQuarantined = options.keepQuarantinedDays ?? DEFAULT_KEEP_QUARANTINED_DAYS;
  const purged = await purgeQuarantinedInputs(store, deps.prefixes.quarantine, keepQuarantined, new Date());
  if (purged.inputs + purged.inbox > 0)
    err.write(
      `${purged.inputs} input file(s) of calls quarantined long ago deleted (retention)${purged.inbox > 0 ? `, and ${purged.inbox} copy(ies) of them in inbox/` : ''}\n`,
    );
  if (options.keepInputsDays !== undefined) {
    const old = await purgeOldInputs(store, options.keepInputsDays, new Date());
    if (old.files > 0)
      err.write(
        `${old.files} inbox file(s) of ${old.calls} call(s) that landed more than ${options.keepInputsDays} day(s) ago deleted (--keep-inputs; your drop folder keeps the originals)\n`,
      );
  }
  const ledger = new ExecutionLedger(store, (callId) =>
    lines.write(`notice: the record of ${printable(callId)}'s last run is damaged: running it again\n`),
  );
  if (!existsSync(options.dir)) throw new Error(`drop folder ${options.dir} does not exist`);
  const {
    manifest: scanned,
    notices: allNotices,
    skipped: skippedEntries,
    noticeCalls: allNoticeCalls,
    sameRecordingNotices,
  } = await scanDrop(options.dir);
  // "each is processed as its own call" is said only while true: not when one of the calls is a
  // copy of another's recording (one landed with it in an earlier run; the copy is quarantined).
  const untrue = new Set<number>();
  for (const { notice, file } of sameRecordingNotices) {
    const sha = await sha256OfFile(join(options.dir, file));
    for (const callId of allNoticeCalls[notice] ?? [])
      if (await ledger.originalOf(sha, callId, runId)) untrue.add(notice);
  }
  const folderNotices = allNotices.filter((_, i) => !untrue.has(i));
  const noticeCalls = allNoticeCalls.filter((_, i) => !untrue.has(i));
  // Directory exports (agent names, queue names) dropped next to the calls, or given as options.
  // Standing notices: a watch says each once while it stands (options.quietRepeats).
  const standing = new Set<string>();
  const sayStanding = (line: string): boolean => {
    standing.add(line);
    if (options.quietRepeats?.last.has(line)) return false;
    err.write(line);
    return true;
  };
  const dropped = (names: readonly string[]) =>
    scanned.unknown.find((f) => names.includes(f.slice(f.lastIndexOf('/') + 1)));
  const droppedUsers = dropped(USERS_FILE_NAMES);
  const droppedQueues = dropped(QUEUES_FILE_NAMES);
  const usersFile = options.usersFile ?? (droppedUsers ? join(options.dir, droppedUsers) : undefined);
  if (usersFile) {
    const n = await installExport(store, usersFile, USERS_FILE_KEYS, parseUsersExport);
    sayStanding(`agent names: ${usersFile} (${n} users)\n`);
  }
  const queuesFile = options.queuesFile ?? (droppedQueues ? join(options.dir, droppedQueues) : undefined);
  if (queuesFile) {
    const n = await installExport(store, queuesFile, QUEUES_FILE_KEYS, parseQueuesExport);
    sayStanding(`queue names: ${queuesFile} (${n} queues)\n`);
  }
  const waiting: WaitingCall[] = [];
  if (options.copySettle) {
    for (const call of scanned.calls) {
      const held = await stillCopying(options.dir, call, options.copySettle);
      if (held) waiting.push(held);
    }
  }
  // A CTR whose own record says the call was never recorded (core/ctr/ctr-only.ts) is no sidecar
  // waiting for its recording: it runs, and lands as a CTR-only call.
  const ctrOnly = new Set<string>();
  if (options.awaitRecordings)
    for (const c of scanned.calls)
      if (!c.audio && !c.transcript && c.ctr && (await neverRecordedInDrop(options.dir, c)))
        ctrOnly.add(c.callId);
  const awaiting: AwaitingCall[] = options.awaitRecordings
    ? scanned.calls
        .filter(
          (c) =>
            !c.audio &&
            !c.transcript &&
            !ctrOnly.has(c.callId) &&
            !waiting.some((w) => w.callId === c.callId),
        )
        .map((c) => ({
          callId: c.callId,
          files: [c.ctr, c.recording].filter((f): f is string => f !== null),
        }))
    : [];
  const held = (callId: string) =>
    waiting.some((w) => w.callId === callId) || awaiting.some((a) => a.callId === callId);
  const chosen = options.onlyCalls === undefined ? null : new Set(options.onlyCalls);
  if (chosen !== null) {
    const inFolder = new Set(scanned.calls.map((c) => c.callId));
    const missing = [...chosen].filter((id) => !inFolder.has(id));
    if (missing.length > 0)
      throw new Error(
        `--call ${printable(missing.join(', '))}: no such call in ${options.dir} (a call's id is its files' stem: ${printable(missing[0] ?? '')}.tca.json, .wav …); its calls: ${
          inFolder.size === 0
            ? 'none'
            : printable(`${[...inFolder].sort().slice(0, 5).join(', ')}${inFolder.size > 5 ? ', …' : ''}`)
        }`,
      );
  }
  const others = chosen === null ? 0 : scanned.calls.filter((c) => !chosen.has(c.callId)).length;
  const manifest = {
    ...scanned,
    calls: scanned.calls.filter((c) => !held(c.callId) && (chosen === null || chosen.has(c.callId))),
    unknown: scanned.unknown.filter((f) => f !== droppedUsers && f !== droppedQueues),
  };
  // --call: the notices of the calls it runs; those about the folder's other files (ignored files,
  // other calls' repeats, skipped folders) are counted in one line, not said one by one.
  const ours = (callIds: readonly string[]) => chosen === null || callIds.some((id) => chosen.has(id));
  const repeatOf = new Map(scanned.calls.flatMap((c) => (c.repeats ?? []).map((r) => [r.file, c.callId])));
  const notices = folderNotices.filter((_, i) => ours(noticeCalls[i] ?? []));
  // The notices of calls that count more than once (one recording or transcript under two call
  // names), said again under the report: said only before the run, they scrolled away (the
  // newcomer's trial: both calls landed, the only sign above the progress lines).
  const countedTwice = folderNotices.flatMap((notice, i) => {
    const callIds = noticeCalls[i] ?? [];
    return callIds.length > 0 && ours(callIds) ? [{ notice, callIds }] : [];
  });
  const unknown = chosen === null ? manifest.unknown : [];
  const duplicates = manifest.duplicates.filter((file) => ours([repeatOf.get(file) ?? '']));
  const untold =
    folderNotices.length -
    notices.length +
    manifest.unknown.length -
    unknown.length +
    manifest.duplicates.length -
    duplicates.length;
  for (const notice of notices) sayStanding(`notice: ${printable(notice)}\n`);
  for (const file of unknown) {
    const meant = meantCallFileName(file);
    sayStanding(
      `notice: ${printable(file)} is not a call file (${CALL_FILE_SUFFIXES.join(', ')}; see the README's drop folder table): ignored${meant ? `; if it is one, rename it ${printable(meant)}` : ''}\n`,
    );
  }
  for (const file of duplicates)
    sayStanding(
      `notice: ${printable(file)} is a second file of the same kind for its call: ignored if its content is the same, else the call is quarantined\n`,
    );
  if (untold > 0)
    sayStanding(
      `notice: ${untold} notice(s) about other files of ${printable(options.dir)}, not the --call call(s), not shown\n`,
    );
  // Nothing to run but calls still being copied: the watch says that once, not a line per chunk.
  const heldBack = [
    ...(waiting.length > 0 ? [`${waiting.length} more waiting for a file to finish copying`] : []),
    ...(awaiting.length > 0 ? [`${awaiting.length} more waiting for a recording or transcript`] : []),
  ];
  // A watch on a folder with no call in it yet says so itself (watch.ts), not a run summary.
  const emptyWatch =
    options.onlyChangedCalls && manifest.calls.length === 0 && waiting.length === 0 && awaiting.length === 0;
  // While a watch holds calls back, a copy landing in chunks runs a batch per chunk with nothing
  // new to run: its line (and the count of unchanged calls) is said again only when it changes.
  let saidHeader = false;
  if ((manifest.calls.length > 0 || waiting.length === 0) && !emptyWatch) {
    const header = `${manifest.calls.length} call(s) in ${options.dir}${others > 0 ? ` (--call: ${others} other call(s) of the folder left as they are)` : ''}${heldBack.length > 0 ? ` (${heldBack.join('; ')})` : ''}; results in ${base.home}\n`;
    if (heldBack.length > 0) saidHeader = sayStanding(header);
    else {
      err.write(header);
      saidHeader = true;
    }
  }

  if (options.quietRepeats) options.quietRepeats.last = standing;

  if (tty) {
    bar.start(manifest.calls.length, 0, { call: '' });
    barShown = true;
  }
  let done = 0;
  let unchangedSoFar = 0;
  let saidAt = Date.now();
  const limit = pLimit(options.concurrency ?? 2);

  const onDone = (result: CallOutcome) => {
    done += 1;
    if (result.outcome === 'unchanged') unchangedSoFar += 1;
    if (tty) bar.update(done, { call: printable(result.callId) });
    // A run lists the calls that ran, numbered among the folder's calls ("[3/11] call-0004:
    // processed"); unchanged calls are counted once at the end ("10 calls unchanged"), not listed
    // one by one (trial22: a run of a folder that had run already printed a line per call). While
    // only unchanged calls go by, a line every PROGRESS_EVERY_MS says how far the run is.
    else if (!options.onlyChangedCalls) {
      if (result.outcome !== 'unchanged') {
        err.write(
          `[${done}/${manifest.calls.length}] ${printable(result.callId)}: ${result.landed ?? result.outcome}\n`,
        );
        saidAt = Date.now();
      } else if (Date.now() - saidAt >= PROGRESS_EVERY_MS) {
        err.write(`[${done}/${manifest.calls.length}] ${unchangedSoFar} unchanged so far\n`);
        saidAt = Date.now();
      }
    }
    // A watch batch lists only the calls that ran, so it numbers none: which calls are unchanged
    // is known only as each is read, and "[11/11]" for the one call that ran misleads. Its count
    // ends the batch ("1 call ran (10 unchanged)").
    else if (result.outcome !== 'unchanged')
      err.write(`${printable(result.callId)}: ${result.landed ?? result.outcome}\n`);
  };
  const callByCall = async (): Promise<CallOutcome[]> => {
    const ctx: CallContext = {
      dir: options.dir,
      store,
      deps,
      runner: new LocalWorkflowRunner(deps, undefined, { stepTimeoutSeconds: options.stepTimeoutSeconds }),
      ledger,
      reprocess: options.reprocess ?? false,
      ...(options.from ? { from: options.from } : {}),
      runId,
    };
    return Promise.all(
      manifest.calls.map((call) =>
        limit(async (): Promise<CallOutcome> => {
          let { result, record } = await processCall(ctx, call);
          // Never abort the run: a failed call is reported and tried again next run.
          if (record) await ledger.record(record).catch((error) => (result = failedOutcome(call, error)));
          onDone(result);
          return result;
        }),
      ),
    );
  };
  // Batched, the calls go out by day (cli/commands/call-days.ts): a batch writes one lake object
  // per table and day it holds, so a reprocess of a year listed by name wrote one per table for
  // almost every call. Only the order changes, never what a call comes out as.
  const byDay = () =>
    inDayOrder(
      manifest.calls,
      callDays(store.pathOf(deps.prefixes.results), manifest.calls, deps.fileNameStart),
    );
  const calls =
    options.batchSize === undefined
      ? await callByCall()
      : await runBatched({ ...options, runId }, manifest.calls, onDone, lines, byDay());
  if (tty) {
    bar.stop();
    barShown = false;
  }
  if (options.mergeLake !== false) {
    // A run leaves one object per call and table; merged, a query opens a few per day. The
    // results are durable already: a merge that fails only leaves the lake as the run wrote it.
    try {
      const merged = await base.lake.mergeSmallObjects();
      if (merged.inputs > 0)
        err.write(`lake: ${merged.inputs} small objects merged into ${merged.partitions}\n`);
      for (const u of merged.unreadable)
        err.write(
          `warning: lake object ${printable(u.key)} is not readable Parquet (${printable(u.error)}): its partition was not merged; move the file away and run debrief compact\n`,
        );
    } catch (error) {
      err.write(
        `warning: merging the run's lake objects failed (queries read them as they are; debrief compact folds them): ${printable(String((error as Error)?.message ?? error))}\n`,
      );
    }
  }

  const failed = calls.filter((c) => c.outcome === 'failed');
  for (const f of failed)
    err.write(
      `error: ${printable(f.callId)} failed outside the workflow's quarantine path (it is tried again on the next run): ${printable(`${f.error?.name}: ${f.error?.message}`)}\n`,
    );
  // Said after the report (a run of 200 calls prints a table of 200 rows): what needs doing.
  const trailing: string[] = [];
  // A call quarantined over files that did not change stays so (README "Processing your own
  // calls"): said below with how it runs again, and returned (--strict counts it) with or
  // without the report.
  const quarantined = options.onlyChangedCalls ? [] : await quarantinedUnchangedCalls(base.lakeDir, calls);
  const stillQuarantined = quarantined.map((q) => q.callId);
  // Files rejected again (unchanged since): the call still shows its earlier results. Not in a
  // watch's batches (said once, when the drop was rejected), as the still-quarantined note.
  const stillRejected = options.onlyChangedCalls
    ? []
    : calls.filter((c) => c.outcome === 'unchanged' && c.keptResultsFrom !== undefined);
  if (stillRejected.length > 0)
    trailing.push(
      `note: ${stillRejected.length} unchanged call(s) keep the results of an earlier run, their files in ${printable(options.dir)} having been rejected (${printable(
        stillRejected
          .slice(0, 5)
          .map((c) => c.callId)
          .join(', '),
      )}${stillRejected.length > 5 ? ', …' : ''}): each one's report (${printable(join(base.home, 'quarantine', '<call>', 'error.json'))}) says what to fix\n`,
    );
  if (options.report !== false) {
    const stale = await staleUnchangedCalls(options, base.lakeDir, calls);
    if (stale > 0)
      trailing.push(
        `note: ${stale} unchanged call(s) were made with another topic model or other post-processors than this run's; ${debriefCommand(['run', options.dir, '--reprocess', ...settingArgs(options)], options.home)} makes them again\n`,
      );
    const uncorrected = await uncorrectedUnchangedCalls(options, base.lakeDir, calls);
    if (uncorrected.length > 0)
      trailing.push(
        `note: ${uncorrected.length} unchanged call(s) have an analyst's topic correction not applied yet (${printable(uncorrected.slice(0, 5).join(', '))}${uncorrected.length > 5 ? ', …' : ''}); ${debriefCommand(['run', options.dir, '--reprocess', ...(uncorrected.length <= 5 ? uncorrected.flatMap((id) => ['--call', id]) : []), ...settingArgs(options)], options.home)} applies it\n`,
      );
    // --from post-process: the calls that ran in full all the same (nothing stored they could start
    // from), and whether this run stored one for them (it does when it reached PostProcess with
    // post-processors to run: the document is then there).
    const inFull =
      options.from === 'PostProcess' ? calls.filter((c) => c.statesRun.includes('LoadCall')) : [];
    if (inFull.length > 0) {
      const storedNow = inFull.filter((c) =>
        existsSync(join(base.home, enrichedKeyOf('results', c.callId))),
      ).length;
      const next =
        storedNow === inFull.length
          ? 'the next --from post-process starts from the one this run stored'
          : storedNow === 0
            ? `this run stored none for ${inFull.length === 1 ? 'it' : 'them'} (no post-processors to run, or quarantined before PostProcess): the next --from post-process runs ${inFull.length === 1 ? 'it' : 'them'} in full again`
            : `this run stored one for ${storedNow} of them, where the next --from post-process starts; the others (no post-processors to run, or quarantined before PostProcess) run in full again`;
      trailing.push(
        `note: ${inFull.length} call(s) ran the whole workflow, not PostProcess alone (${printable(
          inFull
            .slice(0, 5)
            .map((c) => c.callId)
            .join(', '),
        )}${inFull.length > 5 ? ', …' : ''}): no document from before PostProcess could be used for ${inFull.length === 1 ? 'it' : 'them'} (none stored: landed by an earlier version of debrief or a run without post-processors, or stopped before PostProcess; or made from other files than the folder's, before an analyst's topic correction or with another topic model); ${next}\n`,
      );
    }
    // Calls a post-processor quarantined in this run: the fix is in its code, and the calls do not
    // run again by themselves (their files did not change): say the line that runs them again.
    const byProcessor = calls.filter(
      (c) => c.outcome === 'quarantined' && c.quarantineError === 'PostProcessorError',
    );
    if (byProcessor.length > 0) {
      const ids = byProcessor.map((c) => c.callId);
      trailing.push(
        `note: ${ids.length} call(s) were quarantined by a post-processor (${printable(ids.slice(0, 5).join(', '))}${ids.length > 5 ? ', …' : ''}): ${ids.length === 1 ? 'its reason names' : 'each reason names'} the processor and, for a crash, the line of its file; they run again only when asked, so once it is fixed (from their post-processors: their documents from before them were kept): ${debriefCommand(['run', options.dir, '--reprocess', '--from', 'post-process', ...(ids.length <= 5 ? ids.flatMap((id) => ['--call', id]) : []), ...settingArgs(options)], options.home)}\n`,
      );
    }
    // The calls still quarantined: say how they run again, as they are too (a debrief update
    // fixed what stopped them).
    const stuck = stillQuarantined;
    // A post-processor's failure is fixed in its code, not in the files (README "Extending debrief").
    const after = quarantined.some((q) => q.byPostProcessor)
      ? `after an update of debrief, or a fix of the post-processor ${stuck.length === 1 ? 'its reason names' : 'a reason names'}`
      : 'after an update of debrief';
    if (stuck.length > 0)
      trailing.push(
        `note: ${stuck.length} unchanged call(s) are still quarantined (${printable(stuck.slice(0, 5).join(', '))}${stuck.length > 5 ? ', …' : ''}): a quarantined call runs again once its files change (its reason says what to fix); to try ${stuck.length === 1 ? 'it' : 'them'} again as ${stuck.length === 1 ? 'it is' : 'they are'} (${after}): ${debriefCommand(['run', options.dir, '--reprocess', ...(stuck.length <= 5 ? stuck.flatMap((id) => ['--call', id]) : []), ...settingArgs(options)], options.home)}\n`,
      );
    // The report lists the calls that ran; the unchanged ones are a count (their results are in
    // the lake as their last run left them). A rejected drop is said on its own (below the
    // report): the lake shows the call's earlier results, not this drop's.
    const ran = calls.filter((c) => c.outcome !== 'unchanged');
    const reported = ran.filter((c) => c.outcome !== 'rejected');
    const unchanged = calls.length - ran.length;
    const callsWord = (n: number) => `${n} call${n === 1 ? '' : 's'}`;
    if (options.onlyChangedCalls && ran.length > 0)
      err.write(`${callsWord(ran.length)} ran${unchanged > 0 ? ` (${unchanged} unchanged)` : ''}\n`);
    else if (options.onlyChangedCalls && unchanged > 0 && saidHeader)
      err.write(`${callsWord(unchanged)} unchanged\n`);
    else if (unchanged > 0)
      err.write(
        `${callsWord(unchanged)} unchanged (${unchanged === 1 ? 'its files are' : 'their files are'} as at ${unchanged === 1 ? 'its' : 'their'} last run: not run again, not listed; to run ${unchanged === 1 ? 'it' : 'them'} again: ${debriefCommand(['run', options.dir, '--reprocess', ...(options.onlyCalls ?? []).flatMap((id) => ['--call', id]), ...settingArgs(options)], options.home)})\n`,
      );
    if (reported.length > 0)
      await runReport(
        base.home,
        reported.map((c) => c.callId),
        out,
        { dir: options.dir, settings: settingArgs(options) },
        countedTwice
          .filter(({ callIds }) => reported.filter((c) => callIds.includes(c.callId)).length > 1)
          .map(({ notice }) => notice),
      );
    // Calls still being copied: the watch says so once, not an empty report per chunk.
    else if (ran.length === 0 && calls.length > 0 && waiting.length === 0 && saidHeader) {
      out.write('no new or changed calls\n');
      // A run's next steps stand: the calls are in the lake as their last run left them.
      if (!options.onlyChangedCalls) {
        out.write(
          `lake: ${base.lakeDir}  (query it: ${debriefCommand(['query', 'select * from calls'], base.home)})\n`,
        );
        out.write(
          `workbench: ${debriefCommand(['serve'], base.home)}  (the dashboard with filters, and each call's page: transcript, timeline, audio)\n`,
        );
      }
    } else if (ran.length > 0 && !options.onlyChangedCalls) {
      // Every call that ran was rejected (said below): the lake is as their last runs left it.
      out.write(
        `lake: ${base.lakeDir}  (query it: ${debriefCommand(['query', 'select * from calls'], base.home)})\n`,
      );
    } else if (calls.length === 0 && waiting.length === 0 && awaiting.length === 0 && !emptyWatch) {
      out.write(`no calls found in ${options.dir}\n`);
      out.write(
        `lake: ${base.lakeDir}  (query it: ${debriefCommand(['query', 'select * from calls'], base.home)})\n`,
      );
    }
  }
  for (const c of calls.filter((c) => c.outcome === 'rejected'))
    err.write(
      `warning: ${printable(c.callId)}: its files were rejected, and the call keeps the results of its run of ${c.keptResultsFrom ?? 'an earlier drop'}: ${printable(c.reason ?? 'no reason recorded')} (report: ${join(base.home, 'quarantine', objectName(c.callId), 'error.json')})\n`,
    );
  for (const line of trailing) err.write(line);
  // Last: what this run replaced.
  for (const line of replacedCallsWarnings(calls, options)) err.write(`${line}\n`);
  return {
    calls,
    unknownFiles: unknown,
    skippedEntries: chosen === null ? skippedEntries : [],
    duplicateFiles: manifest.duplicates,
    notices,
    failed: failed.length,
    waiting,
    awaiting,
    stillQuarantined,
    stillRejected: stillRejected.map((c) => c.callId),
  };
};

/**
 * Whether a call's CTR, in the drop alone, says the call was never recorded (as ClaimCall decides
 * it). A record that cannot be read or used says nothing: the call waits for its recording.
 */
const neverRecordedInDrop = async (dir: string, call: DropCall): Promise<boolean> => {
  if (!call.ctr) return false;
  try {
    const read = async (file: string | null) =>
      file === null
        ? null
        : { key: file, json: JSON.parse(await readFile(join(dir, file), 'utf8')) as unknown };
    const { ctr } = readSidecars(await read(call.ctr), await read(call.recording), call.callId);
    return ctr !== null && ctrOnlyReason(ctr, extractTimeline(ctr)) !== null;
  } catch {
    return false;
  }
};

/** A home beside the run's for the drop alone (`.debrief` and `drop/`: `.debrief-drop`). */
const homeOfItsOwn = (options: Pick<RunOptions, 'dir' | 'home'>): string =>
  `${options.home.replace(/\/+$/, '')}-${basename(resolve(options.dir)) || 'drop'}`;

/** Up to this many call ids are named per folder in the warning about replaced calls. */
const REPLACED_NAMED = 5;

/**
 * Calls of this run that were last run from another drop folder: a call is its id in a home, so
 * this run's outcome replaced theirs (a generated call named like a sample replaces the sample).
 * Legitimate (a call dropped again from a new folder), so a warning, one per earlier folder, never
 * silence: which calls, which folder, and how to keep both.
 */
export const replacedCallsWarnings = (
  calls: readonly CallOutcome[],
  options: Pick<RunOptions, 'dir' | 'home'>,
): string[] => {
  const byFolder = new Map<string, string[]>();
  for (const c of calls) {
    if (c.replacedFrom === undefined || c.outcome === 'unchanged' || c.outcome === 'failed') continue;
    const ids = byFolder.get(c.replacedFrom) ?? [];
    ids.push(c.callId);
    byFolder.set(c.replacedFrom, ids);
  }
  return [...byFolder].map(([folder, ids]) => {
    const named = ids.slice(0, REPLACED_NAMED).join(', ');
    const more = ids.length > REPLACED_NAMED ? `, … (${ids.length - REPLACED_NAMED} more)` : '';
    const what =
      ids.length === 1
        ? `call ${named} was last processed from ${shownFolder(folder)} and is now replaced by its files in ${shownFolder(options.dir)}`
        : `${ids.length} calls were last processed from ${shownFolder(folder)} and are now replaced by their files in ${shownFolder(options.dir)}: ${named}${more}`;
    return printable(
      `warning: ${what} (a home knows a call by its id alone, whichever folder it comes from); to keep both, run this folder into a home of its own: ${debriefCommand(['run', options.dir], homeOfItsOwn(options))}`,
    );
  });
};

/**
 * A directory export (users, queues) checked, then installed in the home's inbox under its kind's
 * key (JSON or CSV, the other one removed): every call of this and later runs reads it.
 * A file of the wrong shape stops the run with the parser's error naming the file.
 */
const installExport = async (
  store: FsObjectStore,
  path: string,
  keys: readonly [string, string],
  parse: (text: string, key: string) => Map<string, string>,
): Promise<number> => {
  const text = readFileSync(path, 'utf8');
  const names = parse(text, path);
  const key = exportKeyFor(keys, path);
  for (const other of keys) if (other !== key) await store.delete(other).catch(() => undefined);
  await store.put(key, text);
  return names.size;
};

/** The finish of a run: the per-call table read back from the lake, and the dashboard. */
export const runReport = async (
  home: string,
  callIds: string[],
  out: NodeJS.WritableStream,
  /** The run's folder and settings: a channel warning then ends with the line that runs the call again. */
  rerun?: { dir: string; settings: string[] },
  /** The scan's notices of calls of this report that count more than once, said again as warnings. */
  countedTwice: readonly string[] = [],
): Promise<void> => {
  const lakeDir = join(resolve(home), 'lake');
  // One open of the lake for the whole report (an open lists every object: about a second at a
  // million calls).
  const db = await DuckDbLake.open(lakeDir);
  try {
    out.write(`${await resultReport(db, callIds, home)}\n`);
    for (const line of await sharedConversations(db, callIds)) out.write(`${line}\n`);
    for (const notice of countedTwice) out.write(`warning: ${printable(notice)}\n`);
    for (const line of await channelWarnings(db, callIds, home, rerun)) out.write(`${line}\n`);
  } finally {
    db.close();
  }
  out.write(`lake: ${lakeDir}  (query it: ${debriefCommand(['query', 'select * from calls'], home)})\n`);
  out.write(`dashboard: ${await writeDashboard(resolve(home))}  (open it in a browser)\n`);
  out.write(
    `workbench: ${debriefCommand(['serve'], home)}  (the dashboard with filters, and each call's page: transcript, timeline, audio)\n`,
  );
};

const groupBy = (rows: Record<string, unknown>[]): Map<string, Record<string, unknown>[]> => {
  const by = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const id = String(row.call_id);
    const list = by.get(id);
    if (list) list.push(row);
    else by.set(id, [row]);
  }
  return by;
};

const duration = (ms: unknown): string => {
  if (typeof ms !== 'number') return '';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

const clock = (ms: unknown): string => (typeof ms === 'number' ? duration(ms) : '?');

/** Up to this many calls a run prints one row and a summary per call; more, a summary of the run. */
export const CALLS_SHOWN_ONE_BY_ONE = 200;

/**
 * A bulk run's report: calls per status, then the calls that did not land processed (why, at
 * most CALLS_SHOWN_ONE_BY_ONE of them): what needs a look, not a million lines.
 */
const bulkReport = (rows: Record<string, unknown>[], home: string): string => {
  const byState = new Map<string, number>();
  for (const r of rows) byState.set(String(r.state), (byState.get(String(r.state)) ?? 0) + 1);
  const notProcessed = rows.filter((r) => r.state !== 'processed');
  const shown = notProcessed.slice(0, CALLS_SHOWN_ONE_BY_ONE);
  const lines = [
    renderTable(
      ['status', 'calls'],
      [...byState].sort((a, b) => b[1] - a[1]).map(([state, n]) => [state, n]),
    ),
  ];
  if (shown.length > 0)
    lines.push(
      '',
      renderTable(
        ['call', 'status', 'topic', 'reason'],
        shown.map((r) => [r.call_id, r.state, r.primary_topic ?? '', r.reason ?? '']),
      ),
    );
  if (notProcessed.length > shown.length)
    lines.push(
      `… and ${notProcessed.length - shown.length} more not processed: ${debriefCommand(['query', "select * from call_status where state <> 'processed'"], home)}`,
    );
  return lines.join('\n');
};

/**
 * The per-call table and what each call was about, read back from the lake (what analysts will
 * see, not what we meant to write). Flagged turns are shown by label, time and speaker, not text.
 */
/**
 * Unchanged calls (same inputs) whose lineage names another topic model file or other
 * post-processors than this run would use: after `topics train` or a processor change, a plain
 * run leaves them as they were, and says so. Only a model file is compared (a model trained from
 * the taxonomy at start-up is not built just for this); a run with its own engines is not checked.
 */
/** The calls of this run that were unchanged and whose latest status is quarantined, by id. */
const quarantinedUnchangedCalls = async (
  lakeDir: string,
  calls: readonly CallOutcome[],
): Promise<{ callId: string; byPostProcessor: boolean }[]> => {
  const ids = calls.filter((c) => c.outcome === 'unchanged').map((c) => c.callId);
  if (ids.length === 0) return [];
  const db = await DuckDbLake.open(lakeDir);
  try {
    const rows = await db.query(
      `select call_id, error_name from call_status where state = 'quarantined' and call_id in (select unnest(from_json(?::json, '["VARCHAR"]'))) order by call_id`,
      [JSON.stringify(ids)],
    );
    return rows.map((r) => ({
      callId: String(r.call_id),
      byPostProcessor: r.error_name === 'PostProcessorError',
    }));
  } finally {
    db.close();
  }
};

const staleUnchangedCalls = async (
  options: RunOptions,
  lakeDir: string,
  calls: readonly CallOutcome[],
): Promise<number> => {
  const ids = calls.filter((c) => c.outcome === 'unchanged').map((c) => c.callId);
  if (ids.length === 0 || options.enrichers) return 0;
  const { activeTopicModelPath } = await import('../../adapters/local/topics/topic-model-file.js');
  const { topicModelHash } = await import('../../core/enrich/topic-model.js');
  const projectPostProcessors = await (
    await import('../post-processors-file.js')
  ).loadProjectPostProcessors();
  const modelFile = options.topicModel ?? activeTopicModelPath(options.home);
  const modelHash = modelFile === null ? null : topicModelHash(readFileSync(modelFile, 'utf8'));
  const post = (options.postProcessors ?? projectPostProcessors)
    .map((p) => `post:${p.name}@${p.version}`)
    .sort()
    .join(',');
  const db = await DuckDbLake.open(lakeDir);
  try {
    const rows = await db.query(
      `select lineage from calls where call_id in (select unnest(from_json(?::json, '["VARCHAR"]')))`,
      [JSON.stringify(ids)],
    );
    return rows.filter((r) => {
      const lineage = JSON.parse(String(r.lineage)) as Record<
        string,
        { version?: unknown; modelHash?: unknown } | null
      >;
      const theirs = Object.entries(lineage)
        .filter(([k]) => k.startsWith('post:'))
        .map(([k, v]) => `${k}@${String(v?.version)}`)
        .sort()
        .join(',');
      const model = lineage.topics?.modelHash;
      return theirs !== post || (modelHash !== null && typeof model === 'string' && model !== modelHash);
    }).length;
  } finally {
    db.close();
  }
};

/**
 * Unchanged calls whose analyst's correction (`debrief topics correct`, after the call's last run)
 * is not their primary topic yet: a plain run leaves them as they were, and says so.
 */
const uncorrectedUnchangedCalls = async (
  options: RunOptions,
  lakeDir: string,
  calls: readonly CallOutcome[],
): Promise<string[]> => {
  const ids = calls.filter((c) => c.outcome === 'unchanged').map((c) => c.callId);
  if (ids.length === 0) return [];
  const { readCorrections } = await import('../../adapters/local/topics/corrections-file.js');
  const corrections = readCorrections(options.home);
  const corrected = ids.filter((id) => corrections.has(id));
  if (corrected.length === 0) return [];
  const db = await DuckDbLake.open(lakeDir);
  try {
    const rows = await db.query(
      `select call_id, coalesce(primary_topic, 'none') as topic, json_extract_string(lineage, '$.topics.note') as note
       from calls where call_id in (select unnest(from_json(?::json, '["VARCHAR"]')))`,
      [JSON.stringify(corrected)],
    );
    return rows
      .filter((r) => {
        const wanted = corrections.get(String(r.call_id))?.topic;
        // A correction this run's taxonomy refused is in the note: running again would not apply it.
        return (
          wanted !== r.topic && !String(r.note ?? '').includes(`correction to ${wanted} was not applied`)
        );
      })
      .map((r) => String(r.call_id))
      .sort();
  } finally {
    db.close();
  }
};

/**
 * Calls of this run whose CTR names a Genesys conversation another call also names: one of them
 * may carry the other's CTR (dropped under the wrong name), and both count its journey. Genesys
 * can also record one conversation in several files, so this is a warning, not a rejection.
 */
const sharedConversations = async (db: DuckDbLake, callIds: string[]): Promise<string[]> => {
  const rows = await db.query(
    `select conversation_id, string_agg(call_id, ', ' order by call_id) as calls from calls
       where ctr_status = 'matched' and conversation_id is not null
       group by conversation_id
       having count(*) > 1 and bool_or(call_id in (select unnest(from_json(?::json, '["VARCHAR"]'))))
       order by conversation_id`,
    [JSON.stringify(callIds)],
  );
  return rows.map(
    (r) =>
      `warning: ${printable(String(r.calls))} all carry the CTR of conversation ${printable(String(r.conversation_id))}: if they are not recordings of one conversation, one was dropped with another call's CTR (its journey is counted twice)`,
  );
};

/**
 * Calls of this run whose recording's channels look wrong, as the speech engine noted in the
 * transcript's lineage: the agent's greeting heard on the customer's channel only (the roles are
 * then swapped), or one channel with no speech. Printed at the run's end, not only on the call page.
 */
const channelWarnings = async (
  db: DuckDbLake,
  callIds: string[],
  home: string,
  rerun?: { dir: string; settings: string[] },
): Promise<string[]> => {
  const rows = await db.query(
    `select call_id, note from (
       select call_id, json_extract_string(lineage, '$.transcript.note') as note from calls
        where call_id in (select unnest(from_json(?::json, '["VARCHAR"]'))))
      where note like '%opens with an agent''s greeting%' or note like '%) has no speech:%'
      order by call_id`,
    [JSON.stringify(callIds)],
  );
  return rows.flatMap((r) =>
    String(r.note)
      .split('; ')
      .filter((part) => part.includes("opens with an agent's greeting") || part.includes(') has no speech:'))
      .map((part) => {
        const line = `warning: ${printable(String(r.call_id))}: ${printable(part)}`;
        // The swapped-channel advice as a line to type: this call alone (--agent-channel is the
        // whole run's setting: the folder run so would turn every other call round), its folder,
        // the run's other settings and home.
        const channel = /--agent-channel ([01]) --reprocess$/u.exec(part)?.[1];
        if (channel === undefined || rerun === undefined) return line;
        const settings = rerun.settings.filter(
          (arg, i, all) => arg !== '--agent-channel' && all[i - 1] !== '--agent-channel',
        );
        return `${line}: ${debriefCommand(['run', rerun.dir, '--call', String(r.call_id), ...settings, '--agent-channel', channel, '--reprocess'], home)}`;
      }),
  );
};

/**
 * The outcome after a call's resolution line: " (resolved)", " (follow up)", " (not resolved)"
 * (the calls table's outcome; a result written before it existed says only whether it was resolved).
 */
const outcomeMark = (outcome: unknown, resolved: unknown): string =>
  typeof outcome === 'string' && outcome !== ''
    ? ` (${outcome.replaceAll('_', ' ')})`
    : resolved === true
      ? ' (resolved)'
      : '';

const resultReport = async (db: DuckDbLake, callIds: string[], home: string): Promise<string> => {
  // The run's call ids as one parameter (a bulk run's list would make a huge SQL literal).
  const ids = [JSON.stringify(callIds)];
  const inRun = `(select unnest(from_json(?::json, '["VARCHAR"]')))`;
  const rows = await db.query(
    `select s.call_id, s.state, c.turn_count, c.duration_ms, c.ctr_status, c.agent_count, c.transfers,
              c.primary_topic, c.toxic_turns, c.pii_redactions, c.summary, c.resolution, c.resolved, c.outcome, c.ctr_note, c.has_recording, s.reason, s.stage
       from call_status s left join calls c on c.call_id = s.call_id
       where s.call_id in ${inRun} order by s.call_id`,
    ids,
  );
  if (rows.length > CALLS_SHOWN_ONE_BY_ONE) return bulkReport(rows, home);
  const agents = await db.query(
    `select call_id, display_name from call_agents where call_id in ${inRun} order by call_id, agent_order`,
    ids,
  );
  const flagged = await db.query(
    `select call_id, turn_index, role, begin_ms, toxicity, toxicity_label from turns
       where call_id in ${inRun} and toxicity_label is not null order by call_id, turn_index`,
    ids,
  );
  const table = renderTable(
    [
      'call',
      'status',
      'turns',
      'duration',
      'ctr',
      'agents',
      'transfers',
      'topic',
      'toxic turns',
      'pii',
      'reason',
    ],
    rows.map((r) => [
      r.call_id,
      r.state,
      r.turn_count ?? '',
      duration(r.duration_ms),
      r.ctr_status ?? '',
      r.agent_count ?? '',
      r.transfers ?? '',
      // A landed call without a topic is 'none', as the views and the workbench say; a call that
      // did not land (no calls row) has no topic at all.
      // A CTR-only call (never recorded) has no topic to find: not applicable, not 'none'.
      r.turn_count === null || r.turn_count === undefined
        ? ''
        : r.has_recording === false
          ? 'n/a'
          : (r.primary_topic ?? 'none'),
      r.toxic_turns ?? '',
      r.pii_redactions ?? '',
      r.reason ?? '',
    ]),
  );
  // By call, so the details stay linear in the number of calls (a bulk run reports many).
  const namesOf = groupBy(agents);
  const flaggedOf = groupBy(flagged);
  const details = rows.map((r) => {
    // A quarantined call's reason says what to fix: the table cuts it, so it is printed whole here.
    if (r.state === 'quarantined') {
      const at = r.stage ? ` at ${r.stage}` : '';
      // Where its report and the files it was dropped with are kept (helper-291: a copy's reason
      // said what to do, nothing said where to look).
      const kept = join(home, 'quarantine', objectName(String(r.call_id)));
      return [
        printable(`${r.call_id}  [quarantined${at}]`),
        `  reason:     ${printable(String(r.reason ?? 'none recorded'))}`,
        ...(existsSync(join(kept, 'error.json'))
          ? [
              `  report:     ${printable(join(kept, 'error.json'))}${existsSync(join(kept, 'inputs')) ? ' (its files are kept in inputs/ beside it)' : ''}`,
            ]
          : []),
      ].join('\n');
    }
    const lines = [
      printable(`${r.call_id}  [${r.has_recording === false ? 'CTR-only' : (r.primary_topic ?? 'none')}]`),
    ];
    if (r.has_recording === false && r.ctr_note) lines.push(`  ctr:        ${printable(String(r.ctr_note))}`);
    if (r.state !== 'processed' && r.reason) lines.push(`  reason:     ${printable(String(r.reason))}`);
    if (r.summary) lines.push(`  summary:    ${printable(String(r.summary))}`);
    const names = (namesOf.get(String(r.call_id)) ?? []).map((a) => a.display_name);
    if (names.length > 0) lines.push(`  agents:     ${printable(names.join(', '))}`);
    if (r.ctr_status !== 'matched' && r.ctr_note)
      lines.push(`  ctr:        ${printable(String(r.ctr_note))}`);
    if (r.resolution)
      lines.push(`  resolution: ${printable(String(r.resolution))}${outcomeMark(r.outcome, r.resolved)}`);
    for (const f of flaggedOf.get(String(r.call_id)) ?? []) {
      lines.push(
        `  toxicity:   ${f.toxicity_label} ${Number(f.toxicity).toFixed(2)}, ${String(f.role).toLowerCase()} at ${clock(f.begin_ms)} (turn ${f.turn_index})`,
      );
    }
    return lines.join('\n');
  });
  return [table, '', ...details].join('\n');
};
