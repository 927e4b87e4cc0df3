import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import pLimit from 'p-limit';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { createLocalRuntime, type LocalRuntime } from '../../adapters/local/local-deps.js';
import { ingestCall, scanDrop } from '../../adapters/local/local-drop.js';
import { createLocalEnrichers } from '../../adapters/local/local-enrichers.js';
import { activeTopicModelPath } from '../../adapters/local/topics/topic-model-file.js';
import { USERS_FILE_KEYS, USERS_FILE_NAMES } from '../../core/agents/store-directory.js';
import { parseUsersExport } from '../../core/agents/users-export.js';
import { once } from '../../core/once.js';
import type { PiiMode } from '../../schemas/call-document.js';
import { type LocalRunResult, LocalWorkflowRunner } from '../../workflows/local-runner.js';
import { renderTable } from '../render-table.js';
import { writeDashboard } from './dashboard.js';

export interface RunOptions {
  dir: string;
  home: string;
  reprocess?: boolean;
  concurrency?: number;
  /** Topic taxonomy file (default config/topics.json). */
  topicsFile?: string;
  /** Topic model file (default: the home's active model, else one trained from the taxonomy). */
  topicModel?: string;
  /** A turn at or over this toxicity counts as toxic (default 0.5). */
  toxicityThreshold?: number;
  /** A Genesys users export (JSON or CSV) naming agents; default: `genesys-users.json|csv` in the drop. */
  usersFile?: string;
  /** PII redaction: default | strict (also every run of 3+ digits) | off. */
  piiMode?: PiiMode;
  /** Where progress and notices go (stderr); the result table goes to `out`. */
  err?: NodeJS.WritableStream;
  out?: NodeJS.WritableStream;
}

export interface CallOutcome {
  callId: string;
  executionName: string;
  outcome: LocalRunResult['outcome'] | 'unchanged';
  statesRun: string[];
  error: LocalRunResult['error'];
}

export interface RunSummary {
  calls: CallOutcome[];
  unknownFiles: string[];
  duplicateFiles: string[];
  failed: number;
}

/** `debrief run`: every call in a drop folder through the post-call workflow, locally. */
export const runDrop = async (options: RunOptions): Promise<RunSummary> => {
  const err = options.err ?? process.stderr;
  const out = options.out ?? process.stdout;
  const runtime = createLocalRuntime({
    home: options.home,
    piiMode: options.piiMode ?? 'default',
    enrichers: once(() =>
      createLocalEnrichers({
        taxonomyPath: options.topicsFile,
        topicModelPath: options.topicModel ?? activeTopicModelPath(options.home),
        toxicityThreshold: options.toxicityThreshold,
      }),
    ),
  });
  const runner = new LocalWorkflowRunner(runtime.deps);
  const scanned = await scanDrop(options.dir);
  const droppedUsers = scanned.unknown.find((f) =>
    USERS_FILE_NAMES.includes(f.slice(f.lastIndexOf('/') + 1)),
  );
  const usersFile = options.usersFile ?? (droppedUsers ? join(options.dir, droppedUsers) : undefined);
  if (usersFile) err.write(`${await installUsersFile(runtime.store, usersFile)}\n`);
  const manifest = { ...scanned, unknown: scanned.unknown.filter((f) => f !== droppedUsers) };
  for (const file of manifest.unknown)
    err.write(
      `notice: ${file} is not a call file (.tca.json, .wav, .ctr.json, .recording.json, .wav_metadata.json, .wav_call_metadata.json, .opus_metadata.json): ignored\n`,
    );
  for (const file of manifest.duplicates)
    err.write(`notice: ${file} repeats a sidecar another file of the same call provides: ignored\n`);
  err.write(`${manifest.calls.length} call(s) in ${options.dir}; results in ${runtime.home}\n`);
  const ledgerDir = join(runtime.home, 'executions');
  mkdirSync(ledgerDir, { recursive: true });

  const tty = 'isTTY' in err && Boolean(err.isTTY);
  const bar = new SingleBar({
    format: 'processing {bar} {value}/{total} calls | {call}',
    hideCursor: true,
    stream: err,
  });
  if (tty) bar.start(manifest.calls.length, 0, { call: '' });
  let done = 0;
  const limit = pLimit(options.concurrency ?? 2);
  const calls = await Promise.all(
    manifest.calls.map((call) =>
      limit(async (): Promise<CallOutcome> => {
        const { input, executionName } = await ingestCall(options.dir, call, runtime.store);
        const ledger = join(ledgerDir, `${executionName}.json`);
        let result: CallOutcome;
        if (!options.reprocess && existsSync(ledger)) {
          const previous = JSON.parse(readFileSync(ledger, 'utf8')) as CallOutcome;
          result = { ...previous, outcome: 'unchanged' };
        } else {
          const run = await runner.run(input);
          result = {
            callId: call.callId,
            executionName,
            outcome: run.outcome,
            statesRun: run.statesRun,
            error: run.error,
          };
          // A crashed run is not recorded: the next `debrief run` tries it again.
          if (run.outcome !== 'failed') writeFileSync(ledger, JSON.stringify(result, null, 2));
        }
        done += 1;
        if (tty) bar.update(done, { call: call.callId });
        else err.write(`[${done}/${manifest.calls.length}] ${call.callId}: ${result.outcome}\n`);
        return result;
      }),
    ),
  );
  if (tty) bar.stop();

  const failed = calls.filter((c) => c.outcome === 'failed');
  for (const f of failed)
    err.write(
      `error: ${f.callId} failed outside the workflow's quarantine path: ${f.error?.name}: ${f.error?.message}\n`,
    );
  if (calls.length > 0)
    out.write(
      `${await resultReport(
        runtime.lakeDir,
        calls.map((c) => c.callId),
      )}\n`,
    );
  else out.write(`no calls found in ${options.dir}\n`);
  out.write(`lake: ${runtime.lakeDir}  (query it: npx debrief query "select * from calls")\n`);
  if (calls.length > 0)
    out.write(`dashboard: ${await writeDashboard(runtime.home)}  (open it in a browser)\n`);
  return {
    calls,
    unknownFiles: manifest.unknown,
    duplicateFiles: manifest.duplicates,
    failed: failed.length,
  };
};

/**
 * Puts a Genesys users export where the MergeCtr step reads it (inbox/genesys-users.json|csv),
 * after checking it is one: a wrong file stops the run before any call is processed.
 */
const installUsersFile = async (store: LocalRuntime['store'], path: string): Promise<string> => {
  const text = readFileSync(path, 'utf8');
  const names = parseUsersExport(text, path);
  const key = path.toLowerCase().endsWith('.csv') ? USERS_FILE_KEYS[1] : USERS_FILE_KEYS[0];
  for (const other of USERS_FILE_KEYS) if (other !== key) await store.delete(other).catch(() => undefined);
  await store.put(key, text);
  return `agent names: ${path} (${names.size} users)`;
};

const duration = (ms: unknown): string => {
  if (typeof ms !== 'number') return '';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

const clock = (ms: unknown): string => (typeof ms === 'number' ? duration(ms) : '?');

/**
 * The per-call table and what each call was about, read back from the lake (what analysts will
 * see, not what we meant to write). Flagged turns are shown by label, time and speaker, not text.
 */
const resultReport = async (lakeDir: string, callIds: string[]): Promise<string> => {
  const db = await DuckDbLake.open(lakeDir);
  try {
    const ids = callIds.map((id) => `'${id.replaceAll("'", "''")}'`).join(', ');
    const rows = await db.query(
      `select s.call_id, s.state, c.turn_count, c.duration_ms, c.ctr_status, c.agent_count, c.transfers,
              c.primary_topic, c.toxic_turns, c.pii_redactions, c.summary, c.resolution, c.resolved, c.ctr_note, s.reason
       from call_status s left join calls c on c.call_id = s.call_id
       where s.call_id in (${ids}) order by s.call_id`,
    );
    const flagged = await db.query(
      `select call_id, turn_index, role, begin_ms, toxicity, toxicity_label from turns
       where call_id in (${ids}) and toxicity_label is not null order by call_id, turn_index`,
    );
    const agents = await db.query(
      `select call_id, display_name from call_agents where call_id in (${ids}) order by call_id, agent_order`,
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
        r.primary_topic ?? '',
        r.toxic_turns ?? '',
        r.pii_redactions ?? '',
        r.reason ?? '',
      ]),
    );
    const details = rows
      .filter((r) => r.state !== 'quarantined')
      .map((r) => {
        const lines = [`${r.call_id}  [${r.primary_topic ?? 'no topic'}]`];
        if (r.summary) lines.push(`  summary:    ${r.summary}`);
        const names = agents.filter((a) => a.call_id === r.call_id).map((a) => a.display_name);
        if (names.length > 0) lines.push(`  agents:     ${names.join(', ')}`);
        if (r.ctr_status !== 'matched' && r.ctr_note) lines.push(`  ctr:        ${r.ctr_note}`);
        if (r.resolution)
          lines.push(`  resolution: ${r.resolution}${r.resolved === true ? ' (resolved)' : ''}`);
        for (const f of flagged.filter((t) => t.call_id === r.call_id)) {
          lines.push(
            `  toxicity:   ${f.toxicity_label} ${Number(f.toxicity).toFixed(2)}, ${String(f.role).toLowerCase()} at ${clock(f.begin_ms)} (turn ${f.turn_index})`,
          );
        }
        return lines.join('\n');
      });
    return [table, '', ...details].join('\n');
  } finally {
    db.close();
  }
};
