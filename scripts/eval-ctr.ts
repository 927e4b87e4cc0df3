/**
 * Scores the CTR merge on generated calls with ground truth: the share of agent-channel speech
 * time whose turn carries the right role (IVR / AGENT) and, for agents, the right agent; the
 * errors by kind and by scenario; and how often each journey figure matches the truth.
 *
 *   npx tsx scripts/eval-ctr.ts [--seed 1] [--count 200]
 *
 * Each call goes through the real `debrief merge-ctr` path (files on disk, zod, buildCallDocument,
 * mergeCtr). Calls generated without a CTR, or with a record that holds no voice session
 * (callback, chat: expected `unusable`), cannot name agents; they are scored apart. Records
 * without agent names get the generated Genesys users export, as a deployment would.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Table from 'cli-table3';
import { mergeCtrCommand } from '../cli/commands/merge-ctr.js';
import { classifyDropFile } from '../core/drop.js';
import { type GeneratedCall, generateCalls, genesysUsersExport } from '../generator/index.js';
import type { CallTruth, SpeechTruth } from '../generator/truth.js';
import type { CallDocument, Turn } from '../schemas/call-document.js';

const { values } = parseArgs({
  options: { seed: { type: 'string', default: '1' }, count: { type: 'string', default: '200' } },
});
const seed = Number(values.seed);
const count = Number(values.count);

type ErrorKind =
  | 'prompt tagged AGENT'
  | 'queue announcement tagged AGENT'
  | 'hold message tagged AGENT'
  | 'agent tagged IVR'
  | 'wrong agent'
  | 'agent unattributed'
  | 'no turn covers it';

interface Score {
  totalMs: number;
  rightMs: number;
  errors: Map<ErrorKind, number>;
}

const newScore = (): Score => ({ totalMs: 0, rightMs: 0, errors: new Map() });
const addError = (score: Score, kind: ErrorKind, ms: number) => {
  if (ms > 0) score.errors.set(kind, (score.errors.get(kind) ?? 0) + ms);
};

const overlap = (turn: Turn, s: SpeechTruth) =>
  Math.max(0, Math.min(turn.endMs, s.endMs) - Math.max(turn.beginMs, s.beginMs));

const errorKind = (turn: Turn, s: SpeechTruth): ErrorKind | null => {
  if (s.role === 'IVR') {
    if (turn.role === 'IVR') return null;
    return s.kind === 'hold_message'
      ? 'hold message tagged AGENT'
      : s.kind === 'queue_announcement'
        ? 'queue announcement tagged AGENT'
        : 'prompt tagged AGENT';
  }
  if (turn.role === 'IVR') return 'agent tagged IVR';
  if (turn.agentId === null) return 'agent unattributed';
  return turn.agentId === s.agentId ? null : 'wrong agent';
};

/** Scores one call's agent-channel speech time into every score passed. */
const scoreCall = (doc: CallDocument, truth: CallTruth, scores: Score[]) => {
  const turns = doc.turns.filter((t) => t.channel === 'AGENT');
  for (const s of truth.speech.filter((u) => u.channel === 'AGENT')) {
    const duration = s.endMs - s.beginMs;
    let covered = 0;
    for (const score of scores) score.totalMs += duration;
    for (const turn of turns) {
      const ms = overlap(turn, s);
      if (ms === 0) continue;
      covered += ms;
      const kind = errorKind(turn, s);
      for (const score of scores) {
        if (kind) addError(score, kind, ms);
        else score.rightMs += ms;
      }
    }
    for (const score of scores) addError(score, 'no turn covers it', duration - covered);
  }
};

const sameList = (a: readonly unknown[], b: readonly unknown[]) => JSON.stringify(a) === JSON.stringify(b);

/** Journey figures compared exactly with the truth; returns the names of those that differ. */
const journeyMisses = (doc: CallDocument, truth: CallTruth): string[] => {
  const j = doc.journey!;
  const t = truth.journey;
  const checks: [string, boolean][] = [
    ['ctr_status', j.ctrStatus === 'matched'],
    ['direction', j.direction === t.direction],
    [
      'caller_type',
      j.callerType ===
        (truth.scenario.caller === 'user' ? 'user' : t.direction === 'outbound' ? 'external' : 'customer'),
    ],
    [
      'agent_ids (order)',
      sameList(
        j.agentIds,
        t.agents.map((a) => a.agentId),
      ),
    ],
    [
      'agent names',
      sameList(
        j.agents.map((a) => a.name),
        t.agents.map((a) => a.name),
      ),
    ],
    ['ivr_ms', j.ivrMs === t.ivrMs],
    ['queue_ms', j.queueMs === t.queueMs],
    ['hold_ms', j.holdMs === t.holdMs],
    ['acw_ms', j.acwMs === t.acwMs],
    ['handle_ms', j.handleMs === t.handleMs],
    ['transfers', j.transfers === t.transfers.length],
    ['queue_ids', sameList(j.queueIds, t.queueIds)],
    ['wrapup_codes', sameList(j.wrapupCodes, [...new Set(t.wrapupCodes)])],
    [
      'per-agent talk/hold/acw',
      sameList(
        j.agents.map((a) => [a.talkMs, a.holdMs, a.acwMs]),
        t.agents.map((a) => [a.talkMs, a.holdMs, a.acwMs]),
      ),
    ],
    ['started_at', doc.startedAt === truth.conversationStart],
    ['ani hashed', j.aniHash !== null && /^[0-9a-f]{64}$/.test(j.aniHash)],
  ];
  return checks.filter(([, ok]) => !ok).map(([name]) => name);
};

const mergeGenerated = async (call: GeneratedCall, dir: string, usersFile: string): Promise<CallDocument> => {
  const paths: Partial<Record<'transcript' | 'ctr' | 'recording', string>> = {};
  for (const file of call.files) {
    const path = join(dir, file.name);
    await writeFile(path, file.content);
    const kind = classifyDropFile(file.name)?.kind;
    if (kind === 'transcript' || kind === 'ctr' || kind === 'recording') paths[kind] = path;
  }
  if (!paths.transcript) throw new Error(`${call.callId}: generator produced no transcript`);
  return mergeCtrCommand({
    ...paths,
    transcript: paths.transcript,
    aniHashKey: 'eval',
    ...(call.truth.scenario.agentNames ? {} : { users: usersFile }),
  });
};

const pct = (part: number, whole: number) => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(2)}%`);
const seconds = (ms: number) => (ms / 1000).toFixed(1);

const scenarioTags = (truth: CallTruth): string[] => {
  const s = truth.scenario;
  return [
    `${s.agents} agent${s.agents > 1 ? 's' : ''}`,
    ...(s.transfer === 'none' ? [] : [`${s.transfer} transfer`]),
    ...(s.hold ? ['hold'] : []),
    ...(s.mixedFirstTurn ? ['mixed first turn'] : []),
    ...(s.direction === 'outbound' ? ['outbound'] : []),
    ...(s.caller === 'user' ? ['user-originated'] : []),
    ...(s.agentNames ? [] : ['no agent names (users export)']),
    ...(s.transcriptSource === 'real-time' ? ['real-time transcript'] : []),
    `ctr ${s.timestampStyle}`,
  ];
};

const main = async () => {
  const calls = generateCalls(seed, count);
  const dir = await mkdtemp(join(tmpdir(), 'eval-ctr-'));
  const usersFile = join(dir, 'genesys-users.json');
  await writeFile(usersFile, JSON.stringify(genesysUsersExport()));
  let voiceless = 0;
  let voicelessUnusable = 0;
  const withCtr = newScore();
  const all = newScore();
  const byTag = new Map<string, Score>();
  const misses = new Map<string, number>();
  let journeyExact = 0;
  let matched = 0;
  const statuses = new Map<string, number>();
  try {
    for (const call of calls) {
      const doc = await mergeGenerated(call, dir, usersFile);
      const status = doc.journey?.ctrStatus ?? 'none';
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const kind = call.truth.scenario.ctr;
      if (kind === 'callback' || kind === 'chat') {
        voiceless += 1;
        if (status === 'unusable') voicelessUnusable += 1;
      }
      if (kind !== 'present') {
        scoreCall(doc, call.truth, [all]);
        continue;
      }
      const tagScores = scenarioTags(call.truth).map((tag) => {
        const score = byTag.get(tag) ?? newScore();
        byTag.set(tag, score);
        return score;
      });
      scoreCall(doc, call.truth, [all, withCtr, ...tagScores]);
      matched += 1;
      const missed = journeyMisses(doc, call.truth);
      if (missed.length === 0) journeyExact += 1;
      for (const m of missed) misses.set(m, (misses.get(m) ?? 0) + 1);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const withoutCtr = calls.length - matched;
  console.log(`CTR merge evaluation: ${calls.length} generated calls (seed ${seed})`);
  console.log(`ctr_status: ${[...statuses].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(
    `records without a voice session (callback, chat): ${voiceless}, taken as unusable (not this call's journey): ${voicelessUnusable}`,
  );
  console.log(
    `\nAgent-channel speech time with the right role and agent, calls with a CTR (${matched}): ${pct(withCtr.rightMs, withCtr.totalMs)}` +
      ` of ${seconds(withCtr.totalMs)} s`,
  );
  console.log(
    `All calls, including ${withoutCtr} without a usable CTR (agents cannot be named): ${pct(all.rightMs, all.totalMs)}`,
  );

  const errors = new Table({
    head: ['error (calls with a CTR)', 'seconds', 'share of agent-channel speech'],
  });
  const sorted = [...withCtr.errors].sort((a, b) => b[1] - a[1]);
  for (const [kind, ms] of sorted) errors.push([kind, seconds(ms), pct(ms, withCtr.totalMs)]);
  if (sorted.length === 0) errors.push(['(none)', '0', '0%']);
  console.log(errors.toString());

  const scenarios = new Table({ head: ['scenario', 'speech s', 'right', 'main error'] });
  for (const [tag, score] of [...byTag].sort((a, b) => a[0].localeCompare(b[0]))) {
    const top = [...score.errors].sort((a, b) => b[1] - a[1])[0];
    scenarios.push([
      tag,
      seconds(score.totalMs),
      pct(score.rightMs, score.totalMs),
      top ? `${top[0]} (${seconds(top[1])} s)` : '-',
    ]);
  }
  console.log(scenarios.toString());

  console.log(`\nJourney figures exactly as the truth: ${journeyExact}/${matched} calls with a CTR`);
  const journey = new Table({ head: ['journey field', 'calls off'] });
  for (const [field, n] of [...misses].sort((a, b) => b[1] - a[1])) journey.push([field, n]);
  if (misses.size > 0) console.log(journey.toString());
};

await main();
