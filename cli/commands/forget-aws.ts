import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import pLimit from 'p-limit';
import {
  findCompactLakeFunction,
  invokeCompactLake,
  type StackRefs,
  stackRefs,
} from '../../adapters/aws/compact-lake-function.js';
import { deleteKeys } from '../../adapters/aws/s3-delete-keys.js';
import { S3ObjectStore } from '../../adapters/aws/s3-object-store.js';
import { runningExecutionsOf } from '../../adapters/aws/sfn-execution-starter.js';
import {
  CALL_OBJECT_PREFIX,
  compactionOutput,
  isLakeObject,
  partitionPrefix,
} from '../../adapters/lake/lake-layout.js';
import {
  ANY_PARTITION,
  type CallStatusStamp,
  FORGOTTEN_STATE,
  latestStatuses,
} from '../../adapters/lake/latest-write.js';
import { decodeRows } from '../../adapters/lake/parquet-codec.js';
import { ParquetLake } from '../../adapters/lake/parquet-lake.js';
import { CALL_STATE_PREFIX, liveLeaseToken } from '../../core/call-lease.js';
import { classifyDropFile } from '../../core/drop.js';
import { DebriefError } from '../../core/errors.js';
import { objectName } from '../../core/object-names.js';
import { RECORDINGS_PREFIX } from '../../core/recording-claims.js';
import {
  isJobOf,
  jobNameStem,
  TRANSCRIBE_OUTPUT_PREFIX,
  TRANSCRIPTS_PREFIX,
  transcriptionJobName,
  UNREDACTED_PREFIX,
} from '../../core/transcription/transcription-plan.js';
import { tableNames, tables } from '../../schemas/tables.js';
import {
  plainFolder,
  RESULT_DOCUMENTS_WHERE,
  resultTraces,
  type Trace,
  tombstoneRow,
  UnknownCallError,
  uniqueIds,
} from './forget-common.js';

/** A call being processed now: forgetting it would race the execution writing it. Nothing was removed. */
export class CallRunningError extends DebriefError {
  override name = 'CallRunningError' as const;
  constructor(
    readonly running: readonly { callId: string; why: string }[],
    /** Found after the tombstone and the deletes: the call started again while forget ran. */
    readonly afterRemoval = false,
  ) {
    super(
      `${running.map((r) => `${JSON.stringify(r.callId)} is being processed (${r.why})`).join('; ')}: ${afterRemoval ? 'it started again while forget ran (a file of the call landed?): its tombstone is written and its objects listed before were deleted, but the execution may write it again; nothing was compacted.' : 'nothing was removed.'} Run forget again once its execution has ended (Step Functions console, or its lease under state/leases/ is gone)`,
    );
  }
}

/** The calls being processed now: an execution their files started is running, or their lease is held. */
const runningCalls = async (
  sfn: SFNClient,
  store: S3ObjectStore,
  stateMachineArn: string,
  ids: readonly string[],
  now: string,
): Promise<{ callId: string; why: string }[]> => {
  const running: { callId: string; why: string }[] = [];
  const executions = await runningExecutionsOf(sfn, stateMachineArn, ids);
  for (const id of ids) {
    const names = executions.get(id);
    if (names) running.push({ callId: id, why: `execution ${names.join(', ')} is running` });
    else if ((await liveLeaseToken(store, id, now)) !== null)
      running.push({
        callId: id,
        why: `its lease ${CALL_STATE_PREFIX}/leases/${objectName(id)}.json is held`,
      });
  }
  return running;
};

/** The tombstone did not become the call's latest status: something wrote a newer one meanwhile. */
export class TombstoneNotLatestError extends DebriefError {
  override name = 'TombstoneNotLatestError' as const;
}

/** CompactLake failed (or could not be invoked) for a day: the calls are hidden, not yet out of its files. */
export class CompactionFailedError extends DebriefError {
  override name = 'CompactionFailedError' as const;
  constructor(
    readonly days: readonly string[],
    cause: unknown,
  ) {
    super(
      `${cause instanceof Error ? cause.message : String(cause)}. The calls are hidden and their objects deleted, but their rows are still in the Parquet files of ${days.map((d) => `dt=${d}`).join(', ')}: run the same forget again (it compacts those days)`,
      { cause },
    );
  }
}

export interface ForgetAwsClients {
  s3: S3Client;
  lambda: LambdaClient;
  sfn: SFNClient;
}

export interface ForgetAwsOptions {
  callIds: readonly string[];
  dryRun?: boolean;
  /** The deployed stage (its CompactLake function is found by name). */
  stage: string;
  /** Skip the lookup by name: the stack's CompactLake function (its environment names the bucket). */
  compactFunction?: string;
  clients: ForgetAwsClients;
  now?: () => string;
  /** Recording claims read at once (default 16). */
  concurrency?: number;
  /** Tests: called before each removal step ('tombstone', then one per trace); throwing there is a crash half-way. */
  beforeStep?: (callId: string, step: string) => void | Promise<void>;
}

export interface ForgottenAwsCall {
  callId: string;
  /** The call's latest status before: processed, partial, quarantined, forgotten, or null (none in the lake). */
  stateBefore: string | null;
  /** Objects of the bucket removed (or, with --dry-run, that would be). */
  traces: Trace[];
  /** The days (dt) whose Parquet objects may hold its rows: compacted without them. */
  days: string[];
  /** A tombstone status was written now (false: an earlier forget wrote it, or --dry-run). */
  tombstone: boolean;
}

export interface Compaction {
  dt: string;
  /** compacted: CompactLake rewrote the day; skipped: another compaction held the lake's lease. */
  outcome: 'compacted' | 'skipped';
  /** Superseded rows the compaction dropped that day (the forgotten calls' and any other superseded write's). */
  superseded: number;
}

export interface ForgetAwsReport {
  bucket: string;
  compactFunction: string;
  calls: ForgottenAwsCall[];
  dryRun: boolean;
  compactions: Compaction[];
}

type StatusRow = {
  call_id: string;
  updated_at: string;
  state: string;
  dt: string | null;
  superseded_dts: string | null;
};

/**
 * Every status row of these calls (every object of lake/call_status, as ParquetLake.statuses
 * reads them), all columns: an object an older version wrote may lack `superseded_dts`, and a
 * compaction's output without it names no days: its rows count as superseding writes anywhere,
 * as the next status compaction reads them (keepLatestStatus in adapters/lake/parquet-lake.ts).
 */
const statusRowsOf = async (store: S3ObjectStore, ids: ReadonlySet<string>): Promise<StatusRow[]> => {
  const prefix = partitionPrefix('lake', 'call_status', null);
  for (let attempt = 1; ; attempt += 1) {
    const rows: StatusRow[] = [];
    let vanished = false;
    for (const version of (await store.listVersions(prefix)).filter((v) => isLakeObject(prefix, v.key))) {
      const body = await store.getVersion(version.key, version.etag);
      if (!body) {
        // Merged by a status compaction into an object written before this one went: list again.
        vanished = true;
        continue;
      }
      const compacted = compactionOutput(version.key.slice(prefix.length)) !== null;
      for (const row of await decodeRows(tables.call_status, body))
        if (ids.has(String(row.call_id)))
          rows.push({
            ...(row as StatusRow),
            superseded_dts: (row.superseded_dts as string | null) ?? (compacted ? ANY_PARTITION : null),
          });
    }
    if (!vanished) return rows;
    if (attempt >= 5) throw new Error(`${prefix}: status objects kept vanishing while read; try again`);
  }
};

/** The days a call's rows may be in: its statuses' days, the days status compaction carried, its result documents' days. */
const daysOf = (
  rows: readonly StatusRow[],
  resultKeys: readonly string[],
): { days: string[]; any: boolean } => {
  const days = new Set<string>();
  let any = false;
  for (const row of rows) {
    if (row.dt) days.add(row.dt);
    for (const dt of String(row.superseded_dts ?? '').split(','))
      if (dt === ANY_PARTITION) any = true;
      else if (dt) days.add(dt);
  }
  for (const key of resultKeys) {
    const m = /^results\/dt=(\d{4}-\d{2}-\d{2})\//.exec(key);
    if (m?.[1]) days.add(m[1]);
  }
  return { days: [...days].sort(), any };
};

/** Everything listed under a prefix, once for every call (inbox/, results/ and the claims are shared). */
const lister = (store: S3ObjectStore) => {
  const cache = new Map<string, Promise<string[]>>();
  return (prefix: string): Promise<string[]> => {
    let found = cache.get(prefix);
    if (!found) {
      found = store.list(prefix);
      cache.set(prefix, found);
    }
    return found;
  };
};

/**
 * Which call each recording claim names (state/recordings/<fingerprint>.json: its body's callId),
 * each with the ETag of the version read: a claim is deleted only while it is still that version
 * (another call may replace a stale claim meanwhile, core/recording-claims.ts).
 */
const claimsByCall = async (
  store: S3ObjectStore,
  concurrency: number,
): Promise<{ byCall: Map<string, string[]>; etags: Map<string, string> }> => {
  const limit = pLimit(concurrency);
  const byCall = new Map<string, string[]>();
  const etags = new Map<string, string>();
  const versions = (await store.listVersions(`${RECORDINGS_PREFIX}/`)).filter((v) => v.key.endsWith('.json'));
  await Promise.all(
    versions.map(({ key, etag }) =>
      limit(async () => {
        let callId: unknown;
        try {
          const body = await store.getVersion(key, etag);
          if (!body) return; // replaced or gone meanwhile: not the version listed
          callId = (JSON.parse(new TextDecoder().decode(body)) as { callId?: unknown }).callId;
        } catch {
          return; // unreadable: names no call
        }
        if (typeof callId === 'string') {
          byCall.set(callId, [...(byCall.get(callId) ?? []), key]);
          etags.set(key, etag);
        }
      }),
    ),
  );
  return { byCall, etags };
};

/** Every object of the call in the bucket (the lake aside), the call's state last. */
const tracesOf = async (
  store: S3ObjectStore,
  list: (prefix: string) => Promise<string[]>,
  claims: Map<string, string[]>,
  callId: string,
): Promise<Trace[]> => {
  const name = objectName(callId);
  const exactly = async (key: string) => (await list(key)).filter((k) => k === key);
  const inboxAll = await list('inbox/');
  const inbox = inboxAll.filter((key) => classifyDropFile(key)?.stem === callId);
  const transcripts = plainFolder(callId) ? await list(`${TRANSCRIPTS_PREFIX}/${callId}/`) : [];
  const unredacted = plainFolder(callId) ? await list(`${UNREDACTED_PREFIX}/${callId}/`) : [];
  const jobsOfRecordings = async (id: string, keys: readonly string[]) => {
    const names: string[] = [];
    for (const key of keys.filter((k) => classifyDropFile(k)?.kind === 'audio'))
      names.push(transcriptionJobName(id, key, await store.head(key)));
    return names;
  };
  // Transcribe's job folders. The call's own evidence names them exactly: its recordings in inbox/,
  // its transcripts and unredacted copies (`<job>.tca.json`, `<job>.redacted.*`, `<job>.json`),
  // which also name the jobs of earlier versions of a recording. When the job names spell out the
  // call id, every folder named so is the call's too, except the jobs of other ids with the same
  // stem (`call 7` beside `call_7`) that their recordings in inbox/ give (one may be transcribing).
  const jobNames = new Set(await jobsOfRecordings(callId, inbox));
  for (const key of [...transcripts, ...unredacted]) {
    const file = key.slice(key.lastIndexOf('/') + 1);
    const job = file.slice(0, jobNameStem(callId).length + 1 + 16);
    if (file.charAt(job.length) === '.' && isJobOf(job, callId)) jobNames.add(job);
  }
  if (jobNameStem(callId) === callId) {
    const others = inboxAll.filter((key) => {
      const stem = classifyDropFile(key)?.stem;
      return stem !== undefined && stem !== callId && jobNameStem(stem) === callId;
    });
    const theirs = new Set<string>();
    for (const key of others) {
      const stem = classifyDropFile(key)?.stem ?? '';
      for (const job of await jobsOfRecordings(stem, [key])) theirs.add(job);
    }
    const base = `${TRANSCRIBE_OUTPUT_PREFIX}/`;
    for (const key of await list(`${base}${callId}-`)) {
      const job = key.slice(base.length).split('/')[0] ?? '';
      if (isJobOf(job, callId) && !theirs.has(job)) jobNames.add(job);
    }
  }
  const jobs: string[] = [];
  for (const job of [...jobNames].sort()) jobs.push(...(await list(`${TRANSCRIBE_OUTPUT_PREFIX}/${job}/`)));
  // Transcribe's output first: while the call's recordings and transcripts are there, a run
  // killed half-way still finds its job names the next time.
  return [
    { what: "Transcribe's output", where: `${TRANSCRIBE_OUTPUT_PREFIX}/<job>/`, keys: jobs },
    { what: 'staged inputs', where: 'inbox/', keys: inbox },
    { what: 'transcripts and redacted audio', where: `${TRANSCRIPTS_PREFIX}/<call>/`, keys: transcripts },
    { what: 'unredacted transcripts', where: `${UNREDACTED_PREFIX}/<call>/`, keys: unredacted },
    ...resultTraces(await list('results/'), callId),
    { what: 'working documents', where: 'work/<call>/', keys: await list(`work/${name}/`) },
    {
      what: 'quarantine report and kept inputs',
      where: 'quarantine/<call>/',
      keys: await list(`quarantine/${name}/`),
    },
    {
      what: 'duplicate-recording claims',
      where: `${RECORDINGS_PREFIX}/`,
      keys: [...(claims.get(callId) ?? [])].sort(),
    },
    {
      what: 'call lease and last-inputs record',
      where: `${CALL_STATE_PREFIX}/`,
      keys: [
        ...(await exactly(`${CALL_STATE_PREFIX}/leases/${name}.json`)),
        ...(await exactly(`${CALL_STATE_PREFIX}/done/${name}.json`)),
      ],
    },
  ];
};

/**
 * `debrief forget --aws`: erase calls from the deployed stack (README "Erasing a call"). The
 * bucket, its key and the post-call state machine come from the stack's CompactLake function
 * (its environment). In order:
 * 1. every id is resolved (its objects, its status rows); unknown ids stop it before anything;
 * 2. a call being processed (its lease held, or an execution its files started running) stops it;
 * 3. per call, the tombstone lands in lake/call_status (Athena's views hide the call at once),
 *    then every object of the call is deleted (DeleteObjects);
 * 4. none of them may have started again meanwhile, and each tombstone must read back as the latest;
 * 5. CompactLake runs for each day the calls' rows may be in, which drops them from the files.
 * Killed half-way, it is run again: the tombstone makes the call known (and is not written
 * twice), what is left is deleted and the days are compacted.
 */
export const forgetCallsAws = async (options: ForgetAwsOptions): Promise<ForgetAwsReport> => {
  const ids = uniqueIds(options.callIds);
  const { s3, lambda, sfn } = options.clients;
  const now = options.now ?? (() => new Date().toISOString());
  const compactFunction = options.compactFunction ?? (await findCompactLakeFunction(lambda, options.stage));
  const refs: StackRefs = await stackRefs(lambda, compactFunction);
  const store = new S3ObjectStore(s3, refs.bucket, refs.kmsKeyId);
  const lake = new ParquetLake(store, 'lake');

  // 1. What each id is.
  const statusRows = await statusRowsOf(store, new Set(ids));
  const statuses: Map<string, CallStatusStamp> = latestStatuses(statusRows);
  const list = lister(store);
  const { byCall: claims, etags: claimEtags } = await claimsByCall(store, options.concurrency ?? 16);
  const traces = new Map<string, Trace[]>();
  for (const id of ids) traces.set(id, await tracesOf(store, list, claims, id));
  const unknown = ids.filter(
    (id) => !statuses.has(id) && (traces.get(id) ?? []).every((t) => t.keys.length === 0),
  );
  if (unknown.length > 0)
    throw new UnknownCallError(
      unknown,
      `in s3://${refs.bucket}`,
      `npx debrief query --athena "select call_id from call_status"`,
    );

  // 2. None of them may be running.
  const running = await runningCalls(sfn, store, refs.stateMachineArn, ids, now());
  if (running.length > 0) throw new CallRunningError(running);

  // The days their rows may be in: what their statuses and result documents name, the days their
  // own per-call objects are in (a write no status names: quarantined or killed after WriteResults
  // wrote rows, a reprocess that moved the call to another day and died before its status), and
  // every day of the lake when a status named none ('*').
  const lakeKeys: string[] = [];
  for (const table of tableNames.filter((t) => tables[t].partitionKeys.includes('dt')))
    lakeKeys.push(...(await list(`lake/${table}/`)));
  const dayOf = (key: string) => /\/dt=(\d{4}-\d{2}-\d{2})\//.exec(key)?.[1];
  const days = new Map<string, string[]>();
  for (const id of ids) {
    const resultKeys = (traces.get(id) ?? []).find((t) => t.where === RESULT_DOCUMENTS_WHERE)?.keys ?? [];
    const found = daysOf(
      statusRows.filter((r) => r.call_id === id),
      resultKeys,
    );
    const own = `/${CALL_OBJECT_PREFIX}${objectName(id)}.`;
    for (const key of lakeKeys) {
      const dt = dayOf(key);
      if (dt && (found.any || key.includes(own))) found.days.push(dt);
    }
    days.set(id, [...new Set(found.days)].sort());
  }

  // 3. Tombstone first, then the objects.
  const calls: ForgottenAwsCall[] = [];
  for (const callId of ids) {
    const status = statuses.get(callId);
    const call: ForgottenAwsCall = {
      callId,
      stateBefore: status?.state ?? null,
      traces: (traces.get(callId) ?? []).filter((t) => t.keys.length > 0),
      days: days.get(callId) ?? [],
      tombstone: false,
    };
    calls.push(call);
    if (options.dryRun) continue;
    if (status?.state !== FORGOTTEN_STATE) {
      await options.beforeStep?.(callId, 'tombstone');
      await lake.putCallRows('call_status', callId, null, [tombstoneRow(callId, status, now())]);
      call.tombstone = true;
    }
    for (const trace of call.traces) {
      await options.beforeStep?.(callId, trace.what);
      if (trace.where === `${RECORDINGS_PREFIX}/`)
        // One by one, If-Match: a claim another call took over since it was read is left to it.
        for (const key of trace.keys) await store.deleteVersion(key, claimEtags.get(key) ?? '*');
      else await deleteKeys(s3, refs.bucket, trace.keys);
    }
  }
  const report: ForgetAwsReport = {
    bucket: refs.bucket,
    compactFunction,
    calls,
    dryRun: !!options.dryRun,
    compactions: [],
  };
  if (options.dryRun) return report;

  // Still not running: a file of the call that landed since the check started an execution that
  // may write the call again (from what it read before the deletes); compacting now would not help.
  const startedAgain = await runningCalls(sfn, store, refs.stateMachineArn, ids, now());
  if (startedAgain.length > 0) throw new CallRunningError(startedAgain, true);

  // Read back: each call's latest status is its tombstone (what Athena's views go by).
  const after = latestStatuses(await statusRowsOf(store, new Set(ids)));
  const shown = ids.filter((id) => after.get(id)?.state !== FORGOTTEN_STATE);
  if (shown.length > 0)
    throw new TombstoneNotLatestError(
      `forget: ${shown.map((id) => JSON.stringify(id)).join(', ')} ${shown.length === 1 ? 'has' : 'have'} a newer status than the tombstone (dropped again meanwhile?): run forget again`,
    );

  // 5. The days, each once, compacted without the calls' rows.
  const toCompact = [...new Set(calls.flatMap((c) => c.days))].sort();
  for (const [i, dt] of toCompact.entries()) {
    const outcome = await invokeCompactLake(lambda, compactFunction, dt).catch((error: unknown) => {
      throw new CompactionFailedError(toCompact.slice(i), error);
    });
    report.compactions.push(
      outcome.skipped
        ? { dt, outcome: 'skipped', superseded: 0 }
        : {
            dt,
            outcome: 'compacted',
            superseded: outcome.reports.reduce((n, r) => n + (r.dt === dt ? r.superseded : 0), 0),
          },
    );
  }
  return report;
};

/** The report as table rows: one per call and kind of trace, the lake first. */
export const forgetAwsRows = (report: ForgetAwsReport): unknown[][] => {
  const rows: unknown[][] = [];
  const compacted = new Map(report.compactions.map((c) => [c.dt, c]));
  for (const call of report.calls) {
    rows.push([
      call.callId,
      call.stateBefore === FORGOTTEN_STATE
        ? 'lake: already forgotten (tombstone in call_status)'
        : `lake: ${report.dryRun ? 'would be hidden (tombstone)' : 'hidden now (tombstone)'}`,
      'lake/call_status/',
      call.tombstone ? 1 : 0,
    ]);
    const done = call.days.filter((dt) => compacted.get(dt)?.outcome === 'compacted');
    rows.push([
      call.callId,
      call.days.length === 0
        ? 'lake rows: none in the Parquet files (no day holds any)'
        : report.dryRun
          ? 'lake rows: CompactLake would drop them'
          : done.length === call.days.length
            ? 'lake rows: dropped by CompactLake'
            : `lake rows: NOT yet dropped from ${call.days.filter((dt) => !done.includes(dt)).join(', ')} (another compaction ran)`,
      call.days.length === 0 ? '-' : call.days.map((dt) => `dt=${dt}`).join(', '),
      call.days.length,
    ]);
    for (const trace of call.traces) rows.push([call.callId, trace.what, trace.where, trace.keys.length]);
  }
  return rows;
};

export interface ForgetAwsCliOptions {
  callIds: readonly string[];
  dryRun: boolean;
  stage: string;
  region?: string;
  compactFunction?: string;
}

/** The command line's `forget --aws`: clients from your AWS configuration (and --region). */
export const forgetAwsCommand = async (o: ForgetAwsCliOptions): Promise<ForgetAwsReport> => {
  const config = o.region ? { region: o.region } : {};
  return forgetCallsAws({
    callIds: o.callIds,
    dryRun: o.dryRun,
    stage: o.stage,
    ...(o.compactFunction ? { compactFunction: o.compactFunction } : {}),
    clients: { s3: new S3Client(config), lambda: new LambdaClient(config), sfn: new SFNClient(config) },
  });
};
