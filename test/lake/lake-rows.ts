import { readdirSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as DuckDb from '@duckdb/node-api';
import type { Lake } from '../../core/ports/lake.js';
import {
  type CallAgentsRow,
  type CallStatusRow,
  type CallsRow,
  CallsRow as CallsRowSchema,
  type TurnsRow,
} from '../../schemas/tables.js';

/** Rows of one write of a call, as WriteResults writes them (one written_at for all). */
/** Every column the schema has that the literal below leaves out is null (new columns keep working). */
const nullColumns = Object.fromEntries(Object.keys(CallsRowSchema.shape).map((k) => [k, null]));

export const callsRow = (callId: string, writtenAt: string, over: Partial<CallsRow> = {}): CallsRow => ({
  ...(nullColumns as unknown as CallsRow),
  call_id: callId,
  dt: '2026-03-02',
  conversation_id: null,
  started_at: null,
  duration_ms: 60000,
  language: 'en-US',
  agent_talk_ms: 1,
  customer_talk_ms: 1,
  non_talk_ms: 0,
  interruptions: 0,
  agent_sentiment: null,
  customer_sentiment: null,
  agent_wpm: null,
  customer_wpm: null,
  turn_count: 2,
  redacted: true,
  has_recording: true,
  role_source: 'channel',
  categories: '[]',
  status: 'processed',
  status_reason: null,
  ctr_status: 'matched',
  time_base: null,
  direction: null,
  agent_ids: null,
  queue_ids: null,
  agent_count: 1,
  ivr_ms: null,
  queue_ms: null,
  hold_ms: null,
  acw_ms: null,
  handle_ms: null,
  transfers: null,
  wrapup_codes: null,
  ani_hash: null,
  primary_topic: null,
  primary_topic_score: null,
  topics_status: null,
  summary: null,
  reason_for_call: null,
  intent: null,
  resolution: null,
  resolved: null,
  callback_needed: null,
  action_items: null,
  summary_status: null,
  toxicity_max: null,
  toxic_turns: null,
  toxicity_status: null,
  lineage: '{}',
  written_at: writtenAt,
  ...over,
});

export const turnRow = (callId: string, i: number, writtenAt: string, text = `turn ${i}`): TurnsRow => ({
  call_id: callId,
  dt: '2026-03-02',
  turn_index: i,
  role: i % 2 === 0 ? 'AGENT' : 'CUSTOMER',
  agent_id: i % 2 === 0 ? 'u-dana' : null,
  agent_name: null,
  channel: i % 2 === 0 ? 'AGENT' : 'CUSTOMER',
  begin_ms: i * 1000,
  end_ms: i * 1000 + 900,
  text,
  sentiment: 'NEUTRAL',
  loudness: 70.5,
  toxicity: null,
  toxicity_label: null,
  toxicity_labels: null,
  written_at: writtenAt,
});

export const agentRow = (callId: string, order: number, writtenAt: string): CallAgentsRow => ({
  call_id: callId,
  dt: '2026-03-02',
  agent_id: `u-${order}`,
  name: null,
  talk_ms: 1000,
  hold_ms: 0,
  acw_ms: 0,
  agent_order: order,
  display_name: `Agent ${order}`,
  speech_ms: 1000,
  customer_speech_ms: 800,
  toxic_turns: 0,
  customer_toxic_turns: 0,
  turns: 1,
  // As callRow's: no sentiment, no CTR, no topic.
  call_customer_sentiment: null,
  call_customer_sentiment_q1: null,
  call_customer_sentiment_q4: null,
  call_handle_ms: null,
  call_primary_topic: null,
  interruptions_made: 0,
  written_at: writtenAt,
});

export const statusRow = (
  callId: string,
  updatedAt: string,
  state: CallStatusRow['state'] = 'processed',
): CallStatusRow => ({
  call_id: callId,
  state,
  reason: state === 'quarantined' ? 'transcript: x.tca.json is not valid JSON (syntax error)' : null,
  stage: null,
  error_name: state === 'quarantined' ? 'InvalidInputError' : null,
  dt: state === 'quarantined' ? null : '2026-03-02',
  sources: '{}',
  updated_at: updatedAt,
});

export interface WriteShape {
  turns?: number;
  agents?: number;
  text?: string;
  dt?: string;
  /** Leave out the status row: a WriteResults that died before its commit. */
  uncommitted?: boolean;
  /** Values of the calls row (topic, model…). */
  call?: Partial<CallsRow>;
}

/** Everything WriteResults writes for one call, status last. */
export const writeCall = async (
  lake: Lake,
  callId: string,
  at: string,
  shape: WriteShape = {},
): Promise<void> => {
  const dt = shape.dt ?? '2026-03-02';
  const turns = shape.turns ?? 2;
  await lake.putCallRows('calls', callId, dt, [
    callsRow(callId, at, { dt, turn_count: turns, ...shape.call }),
  ]);
  await lake.putCallRows(
    'turns',
    callId,
    dt,
    Array.from({ length: turns }, (_, i) => ({ ...turnRow(callId, i, at, shape.text), dt })),
  );
  await lake.putCallRows(
    'call_agents',
    callId,
    dt,
    Array.from({ length: shape.agents ?? 1 }, (_, i) => ({ ...agentRow(callId, i + 1, at), dt })),
  );
  if (!shape.uncommitted)
    await lake.putCallRows('call_status', callId, null, [{ ...statusRow(callId, at), dt }]);
};

export const quarantine = (lake: Lake, callId: string, at: string) =>
  lake.putCallRows('call_status', callId, null, [statusRow(callId, at, 'quarantined')]);

/** `2026-03-03T10:00:00.000Z` + n seconds. */
export const at = (n: number): string =>
  new Date(Date.parse('2026-03-03T10:00:00.000Z') + n * 1000).toISOString();

/** A compaction's "now" past SUPERSEDED_GRACE_MS after the writes at(0..n) (and well before ABANDONED_AFTER_MS). */
export const later = (n: number): string => at(n + 1800);

const duckdb = createRequire(import.meta.url)('@duckdb/node-api') as typeof DuckDb;

/** Rewrites the one object of a partition without `column`, as an older version would have written it. */
export const dropColumn = async (folder: string, column: string): Promise<void> => {
  const [name] = readdirSync(folder).filter((f) => f.endsWith('.parquet'));
  if (!name) throw new Error(`${folder}: no object`);
  const file = join(folder, name);
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  try {
    await db.run(
      `copy (select * exclude (${column}) from read_parquet('${file}')) to '${file}.tmp' (format parquet)`,
    );
  } finally {
    db.closeSync();
    instance.closeSync();
  }
  renameSync(`${file}.tmp`, file);
};
