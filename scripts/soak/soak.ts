import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { compactLake } from '../../cli/commands/compact.js';
import { generateCalls } from '../../generator/index.js';
import { Random } from '../../generator/random.js';
import { tableNames } from '../../schemas/tables.js';
import { postProcessorFails, SOAK_METRIC, summaryFails } from './faults.js';

/**
 * The acceptance soak test of issue 11: thousands of generated calls, dropped over several
 * rounds with duplicate, reverted, corrupt and late files, processed by two `run` processes at
 * once beside a `compact` loop, with random step failures, a failing AI step, and one of those
 * processes killed with SIGKILL at a random moment each round; then a clean re-run and a
 * compaction. It checks dropped = processed + partial + quarantined, every call exactly once in
 * every table (as analysts see them and as stored), and that the tables agree with call_status.
 */
export interface SoakOptions {
  calls: number;
  rounds: number;
  seed: number;
  /** Random transient storage failures per write in the chaos rounds. */
  transientRate: number;
  log?: (line: string) => void;
}

export interface SoakResult {
  dropped: number;
  processed: number;
  partial: number;
  quarantined: number;
  kills: string[];
  /** Problems found; empty when everything holds. */
  violations: string[];
  counts: Record<string, number>;
  seconds: number;
}

const WORKER = new URL('./worker.ts', import.meta.url).pathname;
/** The tables with rows per call beside the calls row (turns, agents, topics, metrics …). */
const PER_CALL_TABLES = tableNames.filter((t) => t !== 'calls' && t !== 'call_status');
const REPO = new URL('../../', import.meta.url).pathname;

type Fate = 'late' | 'revert' | 'corrupt-ctr' | 'corrupt-transcript' | 'duplicate' | 'plain';

const fateOf = (callId: string): Fate => {
  const x = createHash('sha256').update(`fate\0${callId}`).digest().readUInt32BE(0) / 2 ** 32;
  if (x < 0.05) return 'late';
  if (x < 0.08) return 'revert';
  if (x < 0.11) return 'corrupt-ctr';
  if (x < 0.12) return 'corrupt-transcript';
  if (x < 0.14) return 'duplicate';
  return 'plain';
};

const isCtrFile = (name: string) => /\.(ctr|wav_metadata)\.json$/.test(name);
const isRecordingFile = (name: string) => /\.(recording|wav_call_metadata)\.json$/.test(name);

export const runSoak = async (options: SoakOptions): Promise<SoakResult> => {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const random = Random.stream(options.seed, 'soak');
  const root = mkdtempSync(join(tmpdir(), 'debrief-soak-'));
  const drop = join(root, 'drop');
  const home = join(root, 'home');
  mkdirSync(drop, { recursive: true });
  /** The drop as it should end: file name -> content. */
  const files = new Map<string, string | Buffer>();
  const put = (name: string, content: string | Buffer) => {
    files.set(name, content);
    mkdirSync(dirname(join(drop, name)), { recursive: true });
    writeFileSync(join(drop, name), content);
  };
  const expected = new Map<string, { state: 'processed' | 'partial' | 'quarantined'; ctr?: 'matched' }>();
  const expect = (callId: string, broken: boolean, ctr?: 'matched') =>
    expected.set(callId, {
      state:
        broken || postProcessorFails(callId) ? 'quarantined' : summaryFails(callId) ? 'partial' : 'processed',
      ...(ctr ? { ctr } : {}),
    });

  const firstBatch = generateCalls(options.seed, options.calls);
  const later = generateCalls(options.seed, Math.max(1, Math.round(options.calls / 10)), {}, options.calls);
  const reverts: { name: string; v1: string; v2: string }[] = [];
  const lateFiles: { name: string; content: string }[] = [];
  const fixable: { name: string; content: string; callId: string }[] = [];

  // Round 1: every call lands, some with their sidecars missing, broken or duplicated.
  for (const call of firstBatch) {
    const fate = fateOf(call.callId);
    const hasCtr = call.files.some((f) => isCtrFile(f.name));
    // The CTR a late or reverted call ends with is its own voice record: its merge must match.
    const voiceCtr = hasCtr && call.truth.scenario.ctr === 'present';
    for (const f of call.files) {
      if (fate === 'late' && hasCtr && (isCtrFile(f.name) || isRecordingFile(f.name))) lateFiles.push(f);
      else if (fate === 'corrupt-ctr' && isCtrFile(f.name)) {
        put(f.name, f.content.slice(0, Math.floor(f.content.length / 3)));
        fixable.push({ ...f, callId: call.callId });
      } else if (fate === 'corrupt-transcript' && f.name.endsWith('.tca.json'))
        put(f.name, `${f.content.slice(0, 200)}\u0000garbage`);
      else put(f.name, f.content);
      if (fate === 'duplicate' && f.name.endsWith('.tca.json')) put(`again/${f.name}`, f.content);
      if (fate === 'revert' && isCtrFile(f.name)) {
        const v2 = JSON.stringify({ ...JSON.parse(f.content), conversationId: `other-${call.callId}` });
        reverts.push({ name: f.name, v1: f.content, v2 });
      }
    }
    expect(
      call.callId,
      fate === 'corrupt-transcript' || (fate === 'corrupt-ctr' && hasCtr),
      (fate === 'late' || fate === 'revert') && voiceCtr ? 'matched' : undefined,
    );
  }
  const audioOnly = Math.max(1, Math.round(options.calls / 200));
  for (let i = 0; i < audioOnly; i += 1) {
    put(`audio-only-${i}.wav`, Buffer.from(`RIFF${'\u0000'.repeat(random.int(0, 40))}WAVEjunk`));
    expected.set(`audio-only-${i}`, { state: 'quarantined' });
  }

  const rounds: (() => void)[] = [
    () => undefined,
    // Round 2: late sidecars arrive; some CTRs are replaced by another version.
    () => {
      for (const f of lateFiles) put(f.name, f.content);
      for (const r of reverts) put(r.name, r.v2);
    },
    // Round 3: those CTRs revert to the first version; half the broken CTRs are fixed; new calls land.
    () => {
      for (const r of reverts) put(r.name, r.v1);
      for (const [i, f] of fixable.entries())
        if (i % 2 === 0) {
          put(f.name, f.content);
          expect(f.callId, false);
        }
      for (const call of later) {
        for (const f of call.files) put(f.name, f.content);
        expect(call.callId, false);
      }
    },
  ];

  const spawnWorker = (args: string[]): { child: ChildProcess; done: Promise<number | null> } => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.resume();
    child.stderr?.resume();
    return { child, done: new Promise((resolve) => child.on('close', (code) => resolve(code))) };
  };

  const kills: string[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    rounds[Math.min(round, rounds.length - 1)]?.();
    if (round >= rounds.length) for (const r of reverts) put(r.name, random.chance(0.5) ? r.v2 : r.v1);
    const workers = {
      'run A': spawnWorker(['run', drop, home, String(options.transientRate)]),
      // One run batches its lake writes (`debrief run --batch`), beside one that does not.
      'run B': spawnWorker([
        'run',
        drop,
        home,
        String(options.transientRate),
        String(Math.max(2, options.calls >> 3)),
      ]),
      compact: spawnWorker(['compact', home, '4']),
    };
    const victims = Object.keys(workers) as (keyof typeof workers)[];
    const victim = random.chance(0.85) ? victims[random.int(0, victims.length - 1)] : undefined;
    // Startup takes a second or two, then some 25 ms per call on an idle machine: kill in that span.
    const killAfterMs = random.int(1000, 3000 + options.calls * 25);
    const timer =
      victim &&
      setTimeout(() => {
        workers[victim].child.kill('SIGKILL');
        kills.push(`round ${round + 1}: ${victim} after ${(killAfterMs / 1000).toFixed(1)} s`);
      }, killAfterMs);
    const codes = await Promise.all(Object.values(workers).map((w) => w.done));
    if (timer) clearTimeout(timer);
    log(`round ${round + 1}/${options.rounds}: exit codes ${codes.map((c) => c ?? 'killed').join(', ')}`);
  }
  // Each round's expected states hold for the drop as it ended; the last version of every reverted CTR is v1.
  if (options.rounds > rounds.length) for (const r of reverts) put(r.name, r.v1);

  // The re-run after the chaos: no transient faults, nobody killed; then a compaction.
  const final = spawnWorker(['run', drop, home, '0']);
  const code = await final.done;
  log(`final run: exit code ${code}`);
  // As a later (nightly) compaction: past the grace period that keeps superseded rows a while.
  await compactLake(home, undefined, {
    err: { write: () => true } as unknown as NodeJS.WritableStream,
    now: new Date(Date.now() + 3600_000).toISOString(),
  });

  const db = await DuckDbLake.open(join(home, 'lake'));
  const violations: string[] = [];
  const counts: Record<string, number> = {};
  const byState: Record<string, number> = {};
  try {
    const one = async (sql: string) => Number((await db.query(sql))[0]?.n ?? 0);
    // Every table of the lake (schemas/tables.ts): after the final compaction each holds its calls'
    // latest rows only, so what is stored is what its view counts (call_metrics, call_findings … too).
    for (const t of tableNames) {
      counts[t] = await one(`select count(*) as n from ${t}`);
      counts[`raw_${t}`] = await one(`select count(*) as n from raw_${t}`);
      if (counts[t] !== counts[`raw_${t}`])
        violations.push(
          `${t}: ${counts[`raw_${t}`]} rows stored but ${counts[t]} count after the final compaction`,
        );
    }
    const status = new Map(
      (await db.query('select call_id, state from call_status')).map((r) => [
        String(r.call_id),
        String(r.state),
      ]),
    );
    for (const state of status.values()) byState[state] = (byState[state] ?? 0) + 1;
    const repeated = await db.query(
      'select call_id from raw_call_status group by call_id having count(*) > 1',
    );
    if (repeated.length > 0) violations.push(`${repeated.length} call(s) with more than one status row`);
    for (const [callId, want] of expected) {
      const got = status.get(callId);
      if (got !== want.state) violations.push(`${callId}: expected ${want.state}, got ${got ?? 'no status'}`);
    }
    for (const callId of status.keys())
      if (!expected.has(callId)) violations.push(`${callId}: in call_status but never dropped`);
    const disagree = await db.query(
      `select s.call_id, s.state, count(c.call_id) as n from call_status s left join calls c on c.call_id = s.call_id
       group by s.call_id, s.state
       having (s.state = 'quarantined' and count(c.call_id) <> 0) or (s.state <> 'quarantined' and count(c.call_id) <> 1)`,
    );
    for (const d of disagree) violations.push(`${d.call_id}: ${d.state} but ${d.n} calls row(s)`);
    const turns = await db.query(
      `select c.call_id from calls c left join turns t on t.call_id = c.call_id
       group by c.call_id, c.turn_count having count(t.call_id) <> c.turn_count or count(distinct t.turn_index) <> c.turn_count`,
    );
    for (const t of turns) violations.push(`${t.call_id}: turns rows disagree with turn_count`);
    const agents = await db.query(
      `select c.call_id from calls c left join call_agents a on a.call_id = c.call_id
       group by c.call_id, c.agent_count having count(a.call_id) <> coalesce(c.agent_count, 0)`,
    );
    for (const a of agents) violations.push(`${a.call_id}: call_agents rows disagree with agent_count`);
    const roles = await db.query(
      `select c.call_id from calls c left join call_roles r on r.call_id = c.call_id
       group by c.call_id, c.turn_count having coalesce(sum(r.turns), 0) <> c.turn_count`,
    );
    for (const r of roles) violations.push(`${r.call_id}: call_roles turns disagree with turn_count`);
    const metrics = await db.query(
      `select c.call_id from calls c left join call_metrics m on m.call_id = c.call_id and m.name = '${SOAK_METRIC}'
       group by c.call_id, c.turn_count having count(m.call_id) <> 1 or max(m.value) <> c.turn_count`,
    );
    for (const m of metrics)
      violations.push(`${m.call_id}: call_metrics ${SOAK_METRIC} is not one row of its turn_count`);
    // Rows of any per-call table (every table but calls and call_status) of a call that did not land.
    const orphans = await db.query(
      `select t, call_id from (${PER_CALL_TABLES.map((t) => `select '${t}' as t, call_id from ${t}`).join(' union all ')}) x
       where call_id not in (select call_id from call_status where state <> 'quarantined') limit 20`,
    );
    for (const o of orphans) violations.push(`${o.call_id}: ${o.t} rows without a processed status`);
    const ctr = new Map(
      (await db.query('select call_id, ctr_status from calls')).map((r) => [String(r.call_id), r.ctr_status]),
    );
    for (const [callId, want] of expected)
      if (want.ctr && want.state !== 'quarantined' && ctr.get(callId) !== want.ctr)
        violations.push(
          `${callId}: ctr_status ${String(ctr.get(callId))}, expected ${want.ctr} (late or reverted CTR)`,
        );
  } finally {
    db.close();
  }
  const result: SoakResult = {
    dropped: expected.size,
    processed: byState.processed ?? 0,
    partial: byState.partial ?? 0,
    quarantined: byState.quarantined ?? 0,
    kills,
    violations,
    counts,
    seconds: (performance.now() - started) / 1000,
  };
  if (result.processed + result.partial + result.quarantined !== result.dropped)
    violations.push(
      `dropped ${result.dropped} != processed ${result.processed} + partial ${result.partial} + quarantined ${result.quarantined}`,
    );
  rmSync(root, { recursive: true, force: true });
  return result;
};
