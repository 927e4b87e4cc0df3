import { z } from 'zod';
import { noTalkMetrics } from '../core/call-document.js';
import { TOXICITY_LABELS, type ToxicityLabelName } from '../core/ports/toxicity-detector.js';
import { CallDocument, type TurnRole } from '../schemas/call-document.js';

/**
 * Hand-labelled evaluation calls (eval/README.md describes the format). Parsing is pure; the
 * files are read by eval/sets.ts.
 */
export const Outcome = z.enum(['resolved', 'not_resolved', 'follow_up']);
export type Outcome = z.infer<typeof Outcome>;

export const ActionOwner = z.enum(['agent', 'customer', 'company']);
export type ActionOwner = z.infer<typeof ActionOwner>;

export interface LabelledTurn {
  role: TurnRole;
  text: string;
  /** Reference toxicity labels; empty for a clean turn. */
  toxic: ToxicityLabelName[];
  /** A benign turn that looks toxic to a keyword detector, and the label it resembles. */
  lookalike: ToxicityLabelName[];
}

export interface LabelledCall {
  id: string;
  /** Primary topic id, null for "none of these". */
  topic: string | null;
  also: string[];
  /** null when the caller made no request at all. */
  outcome: Outcome | null;
  tags: string[];
  reason: string;
  /** Each group must be matched by a word starting with one of its alternatives. */
  request: string[][];
  actions: { owner: ActionOwner; text: string }[];
  turns: LabelledTurn[];
}

/** A call with turns and no labels yet. */
export const unlabelledCall = (
  id: string,
  turns: readonly { role: TurnRole; text: string }[],
): LabelledCall => ({
  id,
  topic: null,
  also: [],
  outcome: null,
  tags: [],
  reason: '',
  request: [],
  actions: [],
  turns: turns.map((t) => ({ role: t.role, text: t.text, toxic: [], lookalike: [] })),
});

export class LabelledCallFormatError extends Error {
  override readonly name = 'LabelledCallFormatError';
  constructor(source: string, line: number, message: string) {
    super(`${source}:${line}: ${message}`);
  }
}

const ROLES: Record<string, TurnRole> = { A: 'AGENT', C: 'CUSTOMER', I: 'IVR' };
const TURN = /^([ACI])(?:\s*\[(toxic|lookalike)\s+([A-Z_,\s]+)\])?:\s?(.*)$/u;
const FIELD = /^(topic|also|outcome|tags|reason|request|action):\s*(.*)$/u;

const labels = (raw: string, fail: (m: string) => never): ToxicityLabelName[] =>
  raw
    .split(',')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) =>
      (TOXICITY_LABELS as readonly string[]).includes(l)
        ? (l as ToxicityLabelName)
        : fail(`unknown toxicity label ${l}`),
    );

export const parseLabelledCalls = (text: string, source = 'labelled calls'): LabelledCall[] => {
  const calls: LabelledCall[] = [];
  let current: LabelledCall | null = null;
  let topicSeen = false;
  let outcomeSeen = false;
  let start = 0;
  const finish = () => {
    if (current === null) return;
    const fail = (m: string): never => {
      throw new LabelledCallFormatError(source, start, `${current?.id}: ${m}`);
    };
    if (!topicSeen) fail('no topic');
    if (!outcomeSeen) fail('no outcome');
    if (current.turns.length === 0) fail('no turns');
    if (current.topic !== null && current.request.length === 0) fail('a call with a topic needs a request');
    if ((current.topic === null) !== (current.outcome === null)) fail('topic none goes with outcome none');
    calls.push(current);
  };
  const lines = text.split(/\r?\n/u);
  lines.forEach((raw, i) => {
    const line = raw.trimEnd();
    const lineNo = i + 1;
    const fail = (m: string): never => {
      throw new LabelledCallFormatError(source, lineNo, m);
    };
    if (line === '' || line.startsWith('#')) return;
    const header = /^===\s+(\S+)$/u.exec(line);
    if (header) {
      finish();
      const id = header[1]!;
      if (calls.some((c) => c.id === id)) fail(`duplicate call id ${id}`);
      current = unlabelledCall(id, []);
      topicSeen = false;
      outcomeSeen = false;
      start = lineNo;
      return;
    }
    if (current === null) fail('text before the first === call header');
    const call = current as LabelledCall;
    const turn = TURN.exec(line);
    if (turn) {
      const [, who, kind, list, said] = turn;
      const parsed = list === undefined ? [] : labels(list, fail);
      call.turns.push({
        role: ROLES[who!]!,
        text: said!.trim(),
        toxic: kind === 'toxic' ? parsed : [],
        lookalike: kind === 'lookalike' ? parsed : [],
      });
      return;
    }
    const field = FIELD.exec(line);
    if (!field) fail(`cannot read: ${line}`);
    const [, key, value] = field as RegExpExecArray;
    const v = value!.trim();
    if (call.turns.length > 0) fail(`${key}: labels go before the turns`);
    if (key === 'topic') {
      topicSeen = true;
      call.topic = v === 'none' ? null : v;
    } else if (key === 'also') {
      call.also = v.split(',').map((t) => t.trim());
    } else if (key === 'outcome') {
      outcomeSeen = true;
      call.outcome = v === 'none' ? null : Outcome.parse(v);
    } else if (key === 'tags') {
      call.tags = v.split(',').map((t) => t.trim());
    } else if (key === 'reason') {
      call.reason = v;
    } else if (key === 'request') {
      call.request = v === '' ? [] : v.split(';').map((g) => g.split('|').map((a) => a.trim().toLowerCase()));
    } else if (key === 'action') {
      const m = /^(agent|customer|company):\s*(.+)$/u.exec(v);
      if (!m) fail(`action must be "agent|customer|company: text", got ${v}`);
      call.actions.push({ owner: m![1] as ActionOwner, text: m![2]! });
    }
  });
  finish();
  return calls;
};

/**
 * The labels the summary puts before the agent's words joined to a reason ("(agent: …)",
 * "(agent replied: …)"): the engine's words, not the call's, so no request check counts them (a
 * request alternative "age" or "agent" would meet them).
 */
const JOIN_LABEL = /\(agent(?: replied)?: /gu;

/**
 * Whether a reason names the reference request: every group matched by a word starting with an
 * alternative (the labels of the agent's joined words not counted; their words are).
 */
export const reasonMatchesRequest = (
  reason: string | null,
  request: readonly (readonly string[])[],
): boolean => {
  if (reason === null || request.length === 0) return false;
  const text = ` ${reason
    .replace(JOIN_LABEL, '(')
    .toLowerCase()
    .replace(/[\u2018\u2019]/gu, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/gu, ' ')} `;
  return request.every((group) =>
    group.some((alternative) => {
      // Alternatives are word prefixes; `?` makes the previous character optional ("user ?name").
      const source = alternative.replace(/[.*+^${}()[\]\\]/gu, '\\$&');
      return new RegExp(`\\s${source}`, 'u').test(text);
    }),
  );
};

/** A merged call document for a labelled call: turns 5 s apart (4 s long), no journey. */
export const labelledCallDocument = (call: LabelledCall): CallDocument =>
  CallDocument.parse({
    schemaVersion: 1,
    callId: call.id,
    dt: '2026-01-01',
    conversationId: null,
    startedAt: null,
    durationMs: call.turns.length * 5_000,
    language: 'en-US',
    redacted: true,
    sources: { transcript: `${call.id}.tca.json`, ctr: null, recording: null, audio: null },
    turns: call.turns.map((turn, index) => ({
      index,
      channel: turn.role === 'CUSTOMER' ? 'CUSTOMER' : 'AGENT',
      role: turn.role,
      agentId: null,
      agentName: null,
      beginMs: index * 5_000,
      endMs: index * 5_000 + 4_000,
      text: turn.text,
      sentiment: null,
      loudnessMean: null,
      words: [],
    })),
    metrics: noTalkMetrics(),
    categories: [],
    journey: null,
    enrichment: {},
    problems: [],
    lineage: {},
  });
