import { existsSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { FORGOTTEN_STATE } from '../../adapters/lake/latest-write.js';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { ExecutionLedger, LEDGER_PREFIX } from '../../adapters/local/execution-ledger.js';
import type { FsObjectStore } from '../../adapters/local/fs-object-store.js';
import { lockHome } from '../../adapters/local/home-upkeep.js';
import { localLake, readHomeAniHashKey } from '../../adapters/local/local-deps.js';
import { sweepSpeechWorkDirs } from '../../adapters/local/speech/recognizers/work-dirs.js';
import { CALL_STATE_PREFIX } from '../../core/call-lease.js';
import { hashAni, normalizePhoneNumber } from '../../core/ctr/ani-hash.js';
import { classifyDropFile } from '../../core/drop.js';
import { DebriefError, InvalidInputError } from '../../core/errors.js';
import { objectName } from '../../core/object-names.js';
import { TRANSCRIPTS_PREFIX, UNREDACTED_PREFIX } from '../../core/transcription/transcription-plan.js';
import { type TableName, tableNames } from '../../schemas/tables.js';
import { debriefCommand, shownFolder } from '../hints.js';
import { writeDashboard } from './dashboard.js';
import {
  plainFolder,
  resultTraces,
  type Trace,
  tombstoneRow,
  UnknownCallError,
  uniqueIds,
} from './forget-common.js';

export { readIdsFile, type Trace, UnknownCallError } from './forget-common.js';

export interface ForgottenCall {
  callId: string;
  /** The call's latest status before: processed, partial, quarantined, forgotten (an earlier forget, finished or not), or null (none in the lake). */
  stateBefore: string | null;
  /** Files of the home removed (or, with --dry-run, that would be). */
  traces: Trace[];
  /** Rows each table's view showed for the call: hidden by the tombstone, dropped by the next compaction. */
  lakeRows: Partial<Record<TableName, number>>;
  /** A tombstone status was written now (false: an earlier forget wrote it, or --dry-run). */
  tombstone: boolean;
  /** The drop folder (absolute) the call was last run from, when its execution record says. */
  dropFolder?: string;
}

export interface ForgetOptions {
  home: string;
  callIds: readonly string[];
  /** Callers' numbers (`--ani`): every call whose ani_hash is the number's, as the pipeline hashes it. */
  aniNumbers?: readonly string[];
  dryRun?: boolean;
  /** Wait for a run or watch batch holding the home (default); false: exit at once. */
  wait?: boolean;
  err?: NodeJS.WritableStream;
  now?: () => string;
  /** Tests: called before each removal step ('tombstone', then one per trace); throwing there is a crash half-way. */
  beforeStep?: (callId: string, step: string) => void;
}

/** One `--ani` number: as given, as hashed (core/ctr/ani-hash.ts), and the calls found with its hash. */
export interface AniMatch {
  number: string;
  normalized: string;
  callIds: string[];
}

/** A trained topic model file that learned from forgotten calls (its fingerprints of their turns). */
export interface ModelTrace {
  file: string;
  active: boolean;
  callIds: string[];
}

export interface ForgetReport {
  calls: ForgottenCall[];
  /** The `--ani` numbers and the calls each resolved to. */
  ani: AniMatch[];
  /** Topic model files of the home that learned from the calls: `topics train` again forgets them. */
  models: ModelTrace[];
  dryRun: boolean;
  /** dashboard.html was written again without the calls. */
  dashboard: string | null;
}

/** Every file of the home that belongs to the call (the lake aside). */
const tracesOf = async (store: FsObjectStore, callId: string): Promise<Trace[]> => {
  const name = objectName(callId);
  const list = (prefix: string) => store.list(prefix);
  const existing = async (...keys: string[]) => {
    const found: string[] = [];
    for (const key of keys) if (await store.exists(key)) found.push(key);
    return found;
  };
  const traces: Trace[] = [
    {
      what: 'staged inputs',
      where: 'inbox/',
      keys: (await list('inbox/')).filter((key) => classifyDropFile(key)?.stem === callId),
    },
    {
      what: 'transcripts and redacted audio',
      where: `${TRANSCRIPTS_PREFIX}/<call>/`,
      keys: plainFolder(callId) ? await list(`${TRANSCRIPTS_PREFIX}/${callId}/`) : [],
    },
    {
      what: 'unredacted transcripts',
      where: `${UNREDACTED_PREFIX}/<call>/`,
      keys: plainFolder(callId) ? await list(`${UNREDACTED_PREFIX}/${callId}/`) : [],
    },
    ...resultTraces(await list('results/'), callId),
    { what: 'working documents', where: 'work/<call>/', keys: await list(`work/${name}/`) },
    {
      what: 'quarantine report and kept inputs',
      where: 'quarantine/<call>/',
      keys: await list(`quarantine/${name}/`),
    },
    {
      what: 'duplicate-recording claims',
      where: `${LEDGER_PREFIX}/recordings/*/`,
      keys: (await list(`${LEDGER_PREFIX}/recordings/`)).filter((key) => key.endsWith(`/${name}.json`)),
    },
    {
      what: 'topic corrections (rows)',
      where: 'models/topics/corrections.csv',
      keys: correctionRowsOf(store.root, callId),
    },
    {
      what: 'call lease and last-inputs record',
      where: `${CALL_STATE_PREFIX}/`,
      keys: await existing(
        `${CALL_STATE_PREFIX}/leases/${name}.json`,
        `${CALL_STATE_PREFIX}/done/${name}.json`,
      ),
    },
    // Last: while it is there, `run` knows the call (unchanged inputs stay unchanged), so a forget
    // killed half-way never lets a run take the call's leftovers for a new call.
    {
      what: 'execution record',
      where: `${LEDGER_PREFIX}/<call>.json`,
      keys: await existing(`${LEDGER_PREFIX}/${name}.json`),
    },
  ];
  return traces;
};

/** The corrections file, relative to the home (adapters/local/topics/corrections-file.ts). */
const CORRECTIONS = 'models/topics/corrections.csv';
const CORRECTIONS_TRACE = 'topic corrections (rows)';

/**
 * The call's rows of the analysts' corrections (`topics correct`), one "key" per row, so the
 * table counts rows: a file shared by every call, rewritten without them rather than removed.
 * Read with the file's own parser, imported only when the home has the file.
 */
const correctionRowsOf = (root: string, callId: string): string[] => {
  const file = join(root, CORRECTIONS);
  if (!parser || !existsSync(file)) return [];
  return parser
    .readCorrectionRows(file)
    .filter((c) => c.callId === callId)
    .map(() => CORRECTIONS);
};

/** Loaded by forgetCalls when the home has a corrections file (a file made since is left for next time). */
let parser: typeof import('../../adapters/local/topics/corrections-file.js') | undefined;

/** corrections.csv without the call's rows (written in full, then renamed into place). */
const dropCorrections = (root: string, callId: string): void => {
  const file = join(root, CORRECTIONS);
  if (!parser || !existsSync(file)) return;
  const rows = parser.readCorrectionRows(file).filter((c) => c.callId !== callId);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, parser.correctionsText(rows));
  renameSync(tmp, file);
};

/** Remove a key's file and the folders it leaves empty, up to (not including) the home. */
const removeKey = (store: FsObjectStore, key: string): void => {
  const path = store.pathOf(key);
  rmSync(path, { force: true });
  for (let dir = dirname(path); dir.startsWith(`${store.root}/`) && dir !== store.root; dir = dirname(dir)) {
    try {
      if (readdirSync(dir).length > 0) break;
      rmdirSync(dir);
    } catch {
      break;
    }
  }
};

const sqlList = (ids: readonly string[]) => ids.map((id) => `'${id.replaceAll("'", "''")}'`).join(', ');

/** Rows each table's view shows per call. */
const lakeRowsOf = async (
  lakeDir: string,
  callIds: readonly string[],
): Promise<Map<string, Partial<Record<TableName, number>>>> => {
  const counts = new Map<string, Partial<Record<TableName, number>>>(callIds.map((id) => [id, {}]));
  if (!existsSync(lakeDir) || callIds.length === 0) return counts;
  const db = await DuckDbLake.open(lakeDir);
  try {
    for (const table of tableNames) {
      const rows = await db.query(
        `select call_id, count(*) as n from ${table} where call_id in (${sqlList(callIds)}) group by call_id`,
      );
      for (const row of rows) {
        const of = counts.get(String(row.call_id));
        if (of) of[table] = Number(row.n);
      }
    }
  } finally {
    db.close();
  }
  return counts;
};

/**
 * `debrief forget <callId...>`: erase calls from a home (README "Erasing a call"). Under the
 * home's lock (a run or watch batch finishes first; none starts meanwhile), per call:
 * 1. a `forgotten` status lands in call_status (the tombstone): from then on no view, roll-up or
 *    query shows the call (adapters/lake/latest-write.ts), and the next `debrief compact` drops
 *    its rows from the Parquet objects;
 * 2. every file of the call in the home is removed, the execution record last.
 * Killed half-way, it is run again: the tombstone makes the call known (and is not written
 * twice), and what is left is removed. Unknown ids stop it before anything is removed.
 */
export const forgetCalls = async (options: ForgetOptions): Promise<ForgetReport> => {
  const err = options.err ?? process.stderr;
  const { store, lake, lakeDir } = localLake(resolve(options.home));
  if (!existsSync(store.root))
    throw new DebriefError(`forget: ${store.root} is no debrief home (it does not exist)`);
  if (existsSync(join(store.root, CORRECTIONS)))
    parser = await import('../../adapters/local/topics/corrections-file.js');
  if (options.callIds.length === 0 && (options.aniNumbers ?? []).length === 0) uniqueIds([]);
  const lock = options.dryRun
    ? null
    : await lockHome(store.root, {
        err,
        command: 'forget',
        wait: options.wait,
        onWait: (holder) =>
          err.write(
            `waiting: another debrief ${holder?.command ?? 'process'} (pid ${holder?.pid ?? '?'}) is processing calls in ${store.root}; forget starts when it ends (Ctrl-C to stop)\n`,
          ),
      });
  try {
    // Under the lock: a run cannot land another call of the number between the lookup and the erasure.
    const ani = await callsOfNumbers(store, lakeDir, options.aniNumbers ?? [], options.home);
    const ids = uniqueIds([...options.callIds, ...ani.flatMap((a) => a.callIds)]);
    const statuses = existsSync(join(lakeDir, 'call_status')) ? await lake.statuses() : new Map();
    const traces = new Map<string, Trace[]>();
    for (const id of ids) traces.set(id, await tracesOf(store, id));
    const unknown = ids.filter(
      (id) => !statuses.has(id) && (traces.get(id) ?? []).every((t) => t.keys.length === 0),
    );
    if (unknown.length > 0)
      throw new UnknownCallError(
        unknown,
        'in this home',
        debriefCommand(['query', 'select call_id from call_status'], options.home),
      );
    const rows = await lakeRowsOf(lakeDir, ids);
    // Before the tombstone hides the calls' turns: which trained models learned from them.
    const models = await modelsThatLearned(store.root, lakeDir, ids);
    const now = options.now ?? (() => new Date().toISOString());
    const calls: ForgottenCall[] = [];
    const ledger = new ExecutionLedger(store);
    for (const callId of ids) {
      const status = statuses.get(callId);
      const dropFolder = (await ledger.latest(callId))?.dropFolder;
      const call: ForgottenCall = {
        callId,
        stateBefore: status?.state ?? null,
        traces: (traces.get(callId) ?? []).filter((t) => t.keys.length > 0),
        lakeRows: rows.get(callId) ?? {},
        tombstone: false,
        ...(dropFolder === undefined ? {} : { dropFolder }),
      };
      calls.push(call);
      if (options.dryRun) continue;
      if (status?.state !== FORGOTTEN_STATE) {
        options.beforeStep?.(callId, 'tombstone');
        await lake.putCallRows('call_status', callId, null, [tombstoneRow(callId, status, now())]);
        call.tombstone = true;
      }
      for (const trace of call.traces) {
        options.beforeStep?.(callId, trace.what);
        if (trace.what === CORRECTIONS_TRACE) dropCorrections(store.root, callId);
        else for (const key of trace.keys) removeKey(store, key);
      }
    }
    if (options.dryRun) return { calls, ani, models, dryRun: true, dashboard: null };
    // Half-written temporary files of a killed process may hold a call's text, and the speech
    // decoder's working folders a killed process left its unredacted clips.
    await store.sweepTemporaryFiles();
    await sweepSpeechWorkDirs();
    await checkGone(lakeDir, ids);
    const page = join(store.root, 'dashboard.html');
    const dashboard = existsSync(page) ? await writeDashboard(store.root) : null;
    return { calls, ani, models, dryRun: false, dashboard };
  } finally {
    await lock?.release();
  }
};

/** A `--ani` number no call of the home was made with: nothing is removed. */
export class UnknownCallerError extends DebriefError {
  override name = 'UnknownCallerError' as const;
}

/** A call id from an object name (core/object-names.ts); null for a long id's hashed name. */
const callIdOfName = (name: string): string | null =>
  name.includes('~~')
    ? null
    : name.replace(/(?:~[0-9a-f]{2})+/g, (m) =>
        Buffer.from(
          m
            .split('~')
            .slice(1)
            .map((h) => Number.parseInt(h, 16)),
        ).toString('utf8'),
      );

/**
 * `--ani`: each number normalised and hashed as the pipeline does (core/ctr/ani-hash.ts, with the
 * home's key), and the calls whose ani_hash it is: every write of `calls` in the lake's files
 * (committed or not: a call quarantined since keeps its earlier rows there until compaction), and
 * the result and working documents of the home (a call whose write never committed).
 */
const callsOfNumbers = async (
  store: FsObjectStore,
  lakeDir: string,
  numbers: readonly string[],
  home: string,
): Promise<AniMatch[]> => {
  if (numbers.length === 0) return [];
  const key = readHomeAniHashKey(store.root);
  if (key === null)
    throw new UnknownCallerError(
      `forget --ani: ${store.root} has no ANI hash key (ani-hash.key) and DEBRIEF_ANI_HASH_KEY is not set, so no call of this home has a caller hash: nothing was removed. A home whose calls were hashed with DEBRIEF_ANI_HASH_KEY needs it set to the same key`,
    );
  const wanted = numbers.map((number) => {
    const normalized = normalizePhoneNumber(number);
    if (normalized === null)
      throw new InvalidInputError(
        `--ani ${JSON.stringify(number)}`,
        'has no digits: give the caller number as the records carry it (+447700900123, tel:+1-512-555-0142)',
      );
    return { number, normalized, hash: hashAni(normalized, key) as string, callIds: new Set<string>() };
  });
  if (existsSync(join(lakeDir, 'calls'))) {
    const db = await DuckDbLake.open(lakeDir);
    try {
      const rows = await db.query(
        `select distinct call_id, ani_hash from raw_calls where ani_hash in (${sqlList(wanted.map((w) => w.hash))})`,
      );
      for (const row of rows)
        for (const w of wanted) if (w.hash === row.ani_hash) w.callIds.add(String(row.call_id));
    } finally {
      db.close();
    }
  }
  for (const prefix of ['results/', 'work/']) {
    for (const k of await store.list(prefix)) {
      if (!k.endsWith('.json')) continue;
      const text = Buffer.from(await store.get(k).catch(() => new Uint8Array())).toString('utf8');
      const found = wanted.filter((w) => text.includes(w.hash));
      if (found.length === 0) continue;
      let id: string | null = null;
      try {
        const doc = JSON.parse(text) as { callId?: unknown };
        if (typeof doc.callId === 'string') id = doc.callId;
      } catch {}
      id ??= callIdOfName(
        prefix === 'work/' ? (k.split('/')[1] ?? '') : (k.split('/').pop() ?? '').slice(0, -5),
      );
      if (id !== null) for (const w of found) w.callIds.add(id);
    }
  }
  const none = wanted.filter((w) => w.callIds.size === 0);
  if (none.length > 0)
    throw new UnknownCallerError(
      `forget --ani: no call in this home has the caller ${none.map((w) => `${w.number}${w.normalized === w.number ? '' : ` (hashed as ${w.normalized})`}`).join(', ')}: nothing was removed. A number is hashed as given, digits only, with its leading + kept: ${none.some((w) => !w.normalized.startsWith('+')) ? 'the records usually carry the international form (+44…, +1…): try it with its country code and +' : 'without the + (a record that carries the national form) is another hash'}; \`${debriefCommand(['query', 'select count(*) from calls where ani_hash is not null'], home)}\` counts the calls with a caller number`,
    );
  return wanted.map(({ number, normalized, callIds }) => ({
    number,
    normalized,
    callIds: [...callIds].sort(),
  }));
};

/**
 * Trained topic models of the home (`models/topics/*.json`) whose lessons include the calls'
 * turns (the model keeps a fingerprint of each labelled call's turns: core/enrich/topic-model.ts).
 * A model cannot unlearn a call: `debrief topics train` writes one without it.
 */
const modelsThatLearned = async (
  root: string,
  lakeDir: string,
  ids: readonly string[],
): Promise<ModelTrace[]> => {
  const dir = join(root, 'models', 'topics');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  if (files.length === 0 || !existsSync(join(lakeDir, 'turns'))) return [];
  const db = await DuckDbLake.open(lakeDir);
  const turns = new Map<string, { role: string; text: string }[]>();
  try {
    for (const row of await db.query(
      `select call_id, role, text from turns where call_id in (${sqlList(ids)}) order by call_id, turn_index`,
    )) {
      const id = String(row.call_id);
      turns.set(id, [...(turns.get(id) ?? []), { role: String(row.role), text: String(row.text) }]);
    }
  } finally {
    db.close();
  }
  if (turns.size === 0) return [];
  const { trainingFingerprint } = await import('../../core/enrich/topic-model.js');
  const prints = new Map(
    [...turns].map(([id, t]) => [trainingFingerprint(t as Parameters<typeof trainingFingerprint>[0]), id]),
  );
  const activeFile = existsSync(join(dir, 'ACTIVE'))
    ? readFileSync(join(dir, 'ACTIVE'), 'utf8').trim()
    : null;
  const found: ModelTrace[] = [];
  for (const f of files.sort()) {
    let learned: unknown;
    try {
      learned = (
        JSON.parse(readFileSync(join(dir, f), 'utf8')) as { training?: { callFingerprints?: unknown } }
      ).training?.callFingerprints;
    } catch {
      continue;
    }
    if (!Array.isArray(learned)) continue;
    const callIds = [
      ...new Set(learned.flatMap((p) => (prints.has(p) ? [prints.get(p) as string] : []))),
    ].sort();
    if (callIds.length > 0) found.push({ file: join(dir, f), active: f === activeFile, callIds });
  }
  return found;
};

/** Read back: no view shows a forgotten call (a fresh reader, as `debrief query` opens). */
const checkGone = async (lakeDir: string, ids: readonly string[]): Promise<void> => {
  if (!existsSync(lakeDir)) return;
  const db = await DuckDbLake.open(lakeDir);
  try {
    for (const view of [...tableNames, 'recent_calls']) {
      const [row] = await db.query(`select count(*) as n from ${view} where call_id in (${sqlList(ids)})`);
      if (Number(row?.n) > 0)
        throw new Error(
          `forget: ${view} still shows ${Number(row?.n)} rows of the calls after their tombstone`,
        );
    }
  } finally {
    db.close();
  }
};

/** The report as table rows: one per call and kind of trace, the lake first. */
export const forgetRows = (report: ForgetReport): unknown[][] => {
  const rows: unknown[][] = [];
  for (const call of report.calls) {
    const lakeRows = Object.entries(call.lakeRows).filter(([, n]) => (n ?? 0) > 0);
    const total = lakeRows.reduce((sum, [, n]) => sum + (n ?? 0), 0);
    rows.push([
      call.callId,
      call.stateBefore === FORGOTTEN_STATE
        ? 'lake: already forgotten (tombstone in call_status)'
        : `lake: ${report.dryRun ? 'would be hidden' : 'hidden now'}, dropped by the next compact`,
      lakeRows.length === 0 ? '-' : lakeRows.map(([t, n]) => `${t} ${n}`).join(', '),
      total,
    ]);
    for (const trace of call.traces) rows.push([call.callId, trace.what, trace.where, trace.keys.length]);
  }
  return rows;
};

/** Where the forgotten calls' files were last dropped, as far as their execution records say. */
const whereDropped = (calls: readonly ForgottenCall[]): string => {
  const byFolder = new Map<string, string[]>();
  for (const c of calls)
    if (c.dropFolder !== undefined)
      byFolder.set(c.dropFolder, [...(byFolder.get(c.dropFolder) ?? []), c.callId]);
  if (byFolder.size === 0) return '';
  const one = calls.length === 1 && byFolder.size === 1;
  return ` (${[...byFolder]
    .map(([folder, ids]) =>
      one ? `in ${shownFolder(folder)}` : `${ids.join(', ')} in ${shownFolder(folder)}`,
    )
    .join('; ')})`;
};

/**
 * The line after the table. A call an earlier forget already erased, with nothing left of it
 * (forget run twice), is not counted as forgotten now: it is named as already forgotten.
 */
export const forgetSummary = (report: ForgetReport, home?: string): string => {
  const plural = (n: number) => `${n} call${n === 1 ? '' : 's'}`;
  const found = report.ani
    .map(
      (a) =>
        `caller ${a.number}${a.normalized === a.number ? '' : ` (hashed as ${a.normalized})`}: ${plural(a.callIds.length)}, ${a.callIds.join(', ')}\n`,
    )
    .join('');
  const models = report.models
    .map(
      (m) =>
        `${report.dryRun ? 'note' : 'warning'}: the ${m.active ? 'active ' : ''}topic model ${m.file} learned from ${m.callIds.join(', ')} (${m.callIds.length === 1 ? 'its' : 'their'} turns, through a topic correction or --labels) and cannot unlearn ${m.callIds.length === 1 ? 'it' : 'them'}: ${report.dryRun ? 'after the forget, ' : ''}run \`${debriefCommand(['topics', 'train'], home)}\` (with the --labels and --topics it was trained with, if any) to train ${m.active ? 'and activate ' : ''}a model without ${m.callIds.length === 1 ? 'it' : 'them'}, then delete ${m.file}\n`,
    )
    .join('');
  if (report.dryRun)
    return `${found}${models}dry run: nothing was removed (${plural(report.calls.length)})\n`;
  const already = report.calls
    .filter((c) => c.stateBefore === FORGOTTEN_STATE && c.traces.length === 0)
    .map((c) => c.callId);
  const n = report.calls.length - already.length;
  const alreadyText = `already forgotten, nothing left to remove: ${already.join(', ')}`;
  if (n === 0) return `${found}${models}${alreadyText}\n`;
  return `${found}${models}forgot ${plural(n)}: no view or query shows ${n === 1 ? 'it' : 'them'} any more; \`${debriefCommand(['compact'], home)}\` removes the rows from the lake's files (call_status keeps a tombstone: call id, state, time)${report.dashboard ? `; ${report.dashboard} rewritten` : ''}. Files in your drop folders are not touched: delete the call's files there too${whereDropped(report.calls)}, or the next run or watch of that folder processes it again, as a new call.${already.length > 0 ? ` ${alreadyText[0]?.toUpperCase()}${alreadyText.slice(1)}.` : ''}\n`;
};
