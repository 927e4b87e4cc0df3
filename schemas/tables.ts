import { z } from 'zod';
import { METRIC_NAME } from './call-document.js';
import { defineTable, type TableDef, timestamp } from './table.js';

const int = () => z.int().nonnegative();
const dt = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * The analysts' contract. Columns may be added; the names listed in the foundation issue are
 * never renamed. JSON-valued columns are JSON text (portable across DuckDB and Athena).
 */
export const CallsRow = z.object({
  call_id: z.string(),
  dt: dt(),
  conversation_id: z.string().nullable(),
  started_at: timestamp().nullable(),
  duration_ms: int(),
  language: z.string(),
  agent_talk_ms: int(),
  customer_talk_ms: int(),
  non_talk_ms: int(),
  interruptions: int(),
  agent_sentiment: z.number().nullable(),
  customer_sentiment: z.number().nullable(),
  agent_wpm: z.number().nullable(),
  customer_wpm: z.number().nullable(),
  turn_count: int(),
  redacted: z.boolean(),
  /** `channel` (stereo: one party per channel) or `speaker-diarization` (mono: roles inferred). */
  role_source: z.enum(['channel', 'speaker-diarization']),
  /** `[PII]` items in the call's text (Transcribe's and RedactPii's) plus values removed from summaries. */
  pii_redactions: int().nullable(),
  categories: z.string(),
  status: z.enum(['processed', 'partial']),
  status_reason: z.string().nullable(),
  // Journey (CTR merge)
  ctr_status: z.enum(['matched', 'missing', 'mismatched', 'unusable']).nullable(),
  time_base: z.string().nullable(),
  direction: z.string().nullable(),
  agent_ids: z.string().nullable(),
  queue_ids: z.string().nullable(),
  agent_count: int().nullable(),
  ivr_ms: int().nullable(),
  /**
   * Time waiting in queues, summed over every queue the call visited (a call transferred through a
   * second queue waited in both); 0 when the call never queued (ended in the IVR, outbound, answered
   * directly), null without a matched CTR. Not a speed of answer: see answer_wait_ms.
   */
  queue_ms: int().nullable(),
  hold_ms: int().nullable(),
  acw_ms: int().nullable(),
  handle_ms: int().nullable(),
  transfers: int().nullable(),
  wrapup_codes: z.string().nullable(),
  ani_hash: z.string().nullable(),
  // Enrichment
  primary_topic: z.string().nullable(),
  primary_topic_score: z.number().nullable(),
  topics_status: z.string().nullable(),
  /** The topic model that answered: version and the first 12 hex digits of its sha256. */
  topic_model: z.string().nullable(),
  summary: z.string().nullable(),
  reason_for_call: z.string().nullable(),
  /** The request's intent under the primary topic (config/topics.json `intents`), when one fits. */
  intent: z.string().nullable(),
  resolution: z.string().nullable(),
  resolved: z.boolean().nullable(),
  callback_needed: z.boolean().nullable(),
  action_items: z.string().nullable(),
  /** resolved / not_resolved / follow_up. */
  outcome: z.string().nullable(),
  /** JSON array of {owner, text}: the action items with who does them. */
  actions: z.string().nullable(),
  summary_status: z.string().nullable(),
  toxicity_max: z.number().nullable(),
  toxic_turns: int().nullable(),
  /** Start of the first toxic turn, ms from the recording start. */
  first_toxic_ms: int().nullable(),
  /** CUSTOMER, AGENT or BOTH: whose turns were toxic. */
  toxic_by: z.string().nullable(),
  toxicity_status: z.string().nullable(),
  lineage: z.string(),
  written_at: timestamp(),
  // Added with issue 10 (real files): the journey's caller and note, Transcribe's own findings.
  /** Why the record was not used (missing / mismatched / unusable), or what was assumed. */
  ctr_note: z.string().nullable(),
  /** `customer`, `external` (outbound) or `user` (a Genesys user who called in). */
  caller_type: z.string().nullable(),
  /** `batch` (Call Analytics job) or `real-time` (streaming session's post-call output). */
  transcript_source: z.string().nullable(),
  /** Which engine wrote `summary` (amazon-transcribe-call-analytics, local-extractive, bedrock, ...). */
  summary_engine: z.string().nullable(),
  /** Transcribe's generative call summary, as it wrote it (also when another engine wrote `summary`). */
  transcribe_summary: z.string().nullable(),
  /** Transcribe's ContentMetadata.RedactionTypes, JSON (e.g. ["PII"]; [] when only debrief redacted). */
  redaction_types: z.string().nullable(),
  /**
   * Redacted words per PII entity type, JSON (e.g. {"NAME":2,"PHONE":1}): every redaction in the
   * transcript, the ones it came with (Transcribe's, the speech engine's) and RedactPii's own
   * (`debrief_redacted_entities`); one per `[PII]` item (an entity RedactPii found is one item).
   */
  redacted_entities: z.string().nullable(),
  /** Transcribe's sentiment per call quarter (-5..5), agent and customer. */
  agent_sentiment_q1: z.number().nullable(),
  agent_sentiment_q2: z.number().nullable(),
  agent_sentiment_q3: z.number().nullable(),
  agent_sentiment_q4: z.number().nullable(),
  customer_sentiment_q1: z.number().nullable(),
  customer_sentiment_q2: z.number().nullable(),
  customer_sentiment_q3: z.number().nullable(),
  customer_sentiment_q4: z.number().nullable(),
  // Added with issue 14 (workbench): per-call pre-aggregates, so no dashboard query scans `turns`.
  /** The first queue the call entered (its entry point), null without a CTR or a queue. */
  entry_queue: z.string().nullable(),
  /** Queued, reached an agent, then handed to another agent: a likely misroute. */
  transferred_after_queue: z.boolean().nullable(),
  /** JSON array of the distinct labels of the call's toxic turns (null when toxicity did not run). */
  toxicity_labels: z.string().nullable(),
  // Queue names (records name queues by id only; the queue directory names them).
  /** The entry queue's name from the queues export / routing API; null when unknown (see entry_queue). */
  entry_queue_name: z.string().nullable(),
  /** JSON array of the queues' names, one per queue_ids entry (null where unknown); null without a CTR. */
  queue_names: z.string().nullable(),
  // Topic corrections: a corrected call's topic is an analyst's, not the model's.
  /**
   * Who gave `primary_topic`: `model` (the topic engine) or `correction` (an analyst's, `debrief
   * topics correct`; the model's answer is in lineage.topics.note); null when topics did not run.
   */
  topic_source: z.enum(['model', 'correction']).nullable(),
  /**
   * Of `redacted_entities`, the ones debrief's own text redactor (RedactPii) found, per PII entity
   * type, JSON ({} when it found none, e.g. `--pii-mode off`); the rest came redacted upstream.
   * null for a call document without a redaction record.
   */
  debrief_redacted_entities: z.string().nullable(),
  // CTR-only calls (a Genesys record of a call never recorded: ended in the IVR or the queue).
  /**
   * false for a CTR-only call: landed from its Genesys record alone (no recording or transcript, no
   * turns, topics/summary/toxicity `not_applicable`); true for a call transcribed or dropped as a transcript.
   */
  has_recording: z.boolean(),
  /** The caller hung up in a queue before any agent answered; null without a matched CTR. */
  abandoned: z.boolean().nullable(),
  // The entry queue as Genesys measures a queue (core/ctr/queue-outcome.ts): per call, so the views
  // give offered, answered, abandoned, short abandons, abandon rate and ASA per queue and day.
  // These six columns are null on rows merged before ctr merge 1.6.0 (a lake written before them:
  // unknown, not 0 or false) until `debrief run <drop> --reprocess` fills them.
  /** The call waited in a queue: offered to its entry queue (nOffered); null without a matched CTR, and on rows merged before ctr merge 1.6.0 (`--reprocess` fills it). */
  offered: z.boolean().nullable(),
  /** The entry queue's wait (ms): until an agent answered, the caller hung up or the call left it (callback, flow). */
  entry_wait_ms: int().nullable(),
  /**
   * tAnswered: entering the entry queue to the first agent connecting (ringing included); null
   * unless answered from it (the agent connected within 1 s, ANSWER_JOIN_MS, of the entry wait's
   * end: a call answered in a second queue is not). ASA = its mean.
   */
  answer_wait_ms: int().nullable(),
  /**
   * tAbandon: entering the entry queue to the caller hanging up in it; null unless the caller hung
   * up in the entry queue. A caller who hung up in a queue the flow moved the call on to abandoned
   * that queue (Genesys counts the entry queue's leg a flow-out): abandoned is true, this is null
   * and the entry queue counts the call offered, neither answered nor abandoned.
   */
  abandon_wait_ms: int().nullable(),
  /** Abandoned within SHORT_ABANDON_MS (5 s) of entering the entry queue (4,999 ms is, 5,000 is not); null unless abandoned from it. */
  short_abandon: z.boolean().nullable(),
  /** Where the caller hung up in the entry queue: `queue` (waiting) or `ringing` (an agent's phone rang); null unless abandoned from it. */
  abandoned_while: z.string().nullable(),
});
export type CallsRow = z.infer<typeof CallsRow>;

export const TurnsRow = z.object({
  call_id: z.string(),
  dt: dt(),
  turn_index: int(),
  role: z.enum(['CUSTOMER', 'AGENT', 'IVR']),
  agent_id: z.string().nullable(),
  agent_name: z.string().nullable(),
  channel: z.enum(['AGENT', 'CUSTOMER']),
  begin_ms: int(),
  end_ms: int(),
  text: z.string(),
  sentiment: z.string().nullable(),
  loudness: z.number().nullable(),
  toxicity: z.number().nullable(),
  toxicity_label: z.string().nullable(),
  /** JSON array of every label at or over the threshold. */
  toxicity_labels: z.string().nullable(),
  written_at: timestamp(),
});
export type TurnsRow = z.infer<typeof TurnsRow>;

export const CallAgentsRow = z.object({
  call_id: z.string(),
  dt: dt(),
  agent_id: z.string(),
  name: z.string().nullable(),
  talk_ms: int(),
  hold_ms: int(),
  acw_ms: int(),
  /** 1 = first agent on the call. Named `agent_order` because ORDER is reserved in SQL. */
  agent_order: z.int().positive(),
  written_at: timestamp(),
  /** The name, or `agent <first 8 of the id>` when no name is known: never blank in a chart. */
  display_name: z.string(),
  /** How long this agent spoke (their AGENT turns), and the customer while this agent was on (not while an agent held the caller). */
  speech_ms: int(),
  customer_speech_ms: int(),
  /** This agent's turns flagged toxic. */
  toxic_turns: int(),
  // Added with fix19: what was said TO the agent, beside what the agent said (toxic_turns).
  /**
   * The customer's turns flagged toxic said to this agent: each customer turn is said to the
   * agent whose turn began last before it (the agent on the line; none when the IVR spoke since,
   * as in the queue after a transfer or on hold, or before any agent spoke; none while an agent
   * held the caller, a silent hold included: the record's hold segments).
   * Null in rows written before the column existed (run again with --reprocess).
   */
  customer_toxic_turns: int().nullable(),
  // Added with issue 15 (the lake at scale): "top agents by talk turns" without a scan of `turns`.
  /** This agent's turns (AGENT turns attributed to this agent). */
  turns: int(),
  // Added with issue 15: the call's figures the scorecard (agent_stats) needs, copied from its
  // `calls` row, and the agent's interruptions, so the view reads `call_agents` alone.
  /** The call's `calls.customer_sentiment`, `customer_sentiment_q1` and `customer_sentiment_q4`. */
  call_customer_sentiment: z.number().nullable(),
  call_customer_sentiment_q1: z.number().nullable(),
  call_customer_sentiment_q4: z.number().nullable(),
  /** The call's `calls.handle_ms` (null without a matching CTR). */
  call_handle_ms: int().nullable(),
  /** The call's `calls.primary_topic`. */
  call_primary_topic: z.string().nullable(),
  /** `call_interruptions` rows of this call where this agent cut in (interrupter AGENT). */
  interruptions_made: int(),
});
export type CallAgentsRow = z.infer<typeof CallAgentsRow>;

export const CallTopicsRow = z.object({
  call_id: z.string(),
  dt: dt(),
  topic: z.string(),
  score: z.number(),
  rank: z.int().positive(),
  written_at: timestamp(),
});
export type CallTopicsRow = z.infer<typeof CallTopicsRow>;

/** Issues, outcomes and action items Amazon Transcribe found, with who said them. */
export const CallFindingsRow = z.object({
  call_id: z.string(),
  dt: dt(),
  finding_index: int(),
  /** `issue`, `outcome` or `action_item`. */
  kind: z.string(),
  text: z.string(),
  /** `offsets` (the span Transcribe marked) or `turn` (the whole turn: no usable offsets). */
  text_from: z.string(),
  channel: z.enum(['AGENT', 'CUSTOMER']),
  /** Role and agent of the (re-tagged) turn it was said in. */
  role: z.enum(['CUSTOMER', 'AGENT', 'IVR']).nullable(),
  agent_id: z.string().nullable(),
  turn_index: int().nullable(),
  begin_ms: int(),
  end_ms: int(),
  written_at: timestamp(),
});
export type CallFindingsRow = z.infer<typeof CallFindingsRow>;

/** Transcribe category matches, one row per point of interest (null times: matched as a whole). */
export const CallCategoriesRow = z.object({
  call_id: z.string(),
  dt: dt(),
  category: z.string(),
  match_index: int(),
  begin_ms: int().nullable(),
  end_ms: int().nullable(),
  /** What was said in the matched span (redacted text, as in `turns`), when the match has one. */
  matched_text: z.string().nullable(),
  written_at: timestamp(),
});
export type CallCategoriesRow = z.infer<typeof CallCategoriesRow>;

/**
 * The numbers post-processors set on the call (CallDocument `customMetrics`), one row per name.
 * A call without any has no rows; a reprocess that drops one leaves no row of it in the view.
 */
export const CallMetricsRow = z.object({
  call_id: z.string(),
  dt: dt(),
  /** The metric's name as the processor set it (`churn_risk`). */
  name: z.string().regex(METRIC_NAME),
  /** Its value (a finite number; a count lands as a double too). */
  value: z.number(),
  written_at: timestamp(),
});
export type CallMetricsRow = z.infer<typeof CallMetricsRow>;

/** Interruptions Transcribe measured: who cut in, when, for how long, and the agent on the line. */
export const CallInterruptionsRow = z.object({
  call_id: z.string(),
  dt: dt(),
  interruption_index: int(),
  /** AGENT or CUSTOMER: who interrupted. */
  interrupter: z.enum(['AGENT', 'CUSTOMER']),
  agent_id: z.string().nullable(),
  begin_ms: int(),
  end_ms: int(),
  duration_ms: int().nullable(),
  written_at: timestamp(),
});
export type CallInterruptionsRow = z.infer<typeof CallInterruptionsRow>;

/**
 * Per-call pre-aggregates of `turns`, one row per role present in the call: turn-level questions
 * (turns, talk and sentiment by role, toxic share) answered from ~3 rows a call instead of ~63.
 * Every count equals what `turns` gives for that call and role.
 */
export const CallRolesRow = z.object({
  call_id: z.string(),
  dt: dt(),
  role: z.enum(['CUSTOMER', 'AGENT', 'IVR']),
  turns: int(),
  /** Sum of the turns' end_ms - begin_ms (as in `turns`). */
  talk_ms: int(),
  /** Spoken words (punctuation not counted). */
  words: int(),
  /** Turns by Transcribe's sentiment; turns without one are in none of the four. */
  positive_turns: int(),
  negative_turns: int(),
  neutral_turns: int(),
  mixed_turns: int(),
  /** Turns flagged toxic (those with a toxicity_label in `turns`). */
  toxic_turns: int(),
  written_at: timestamp(),
});
export type CallRolesRow = z.infer<typeof CallRolesRow>;

export const CallStatusRow = z.object({
  call_id: z.string(),
  /** `forgotten`: erased on request (`debrief forget`), a tombstone the call_status view does not show. */
  state: z.enum(['processed', 'partial', 'quarantined', 'forgotten']),
  reason: z.string().nullable(),
  /** The workflow state that failed (quarantined) or the parts that degraded (partial). */
  stage: z.string().nullable(),
  /**
   * The failed step's error type (`InvalidInputError`, `EngineError`, `ThrottledError`,
   * `States.Timeout`, ...): a quarantined call's (its error.json `error`), or a partial call's, one
   * per part `stage` names, comma-separated in the same order (`EngineError`; `topics,summary` gives
   * `EngineError,States.Timeout`). null for a processed call.
   */
  error_name: z.string().nullable(),
  dt: dt().nullable(),
  sources: z.string(),
  updated_at: timestamp(),
  /**
   * Written by status compaction, which keeps only each call's latest status: the partitions (dt,
   * comma-separated, sorted; `*` for a status that named none) of the earlier committing statuses
   * it dropped, and of those its inputs had dropped before, so a reader still knows where
   * superseded writes of the call may lie (adapters/lake/latest-write.ts). '' when it dropped
   * none; null on a status WriteResults or QuarantineCall wrote (they drop nothing).
   */
  superseded_dts: z.string().nullable().optional(),
});
export type CallStatusRow = z.infer<typeof CallStatusRow>;

export const tables = {
  calls: defineTable({
    name: 'calls',
    partitionKeys: ['dt'],
    row: CallsRow,
    description: 'One row per processed call.',
  }),
  turns: defineTable({
    name: 'turns',
    partitionKeys: ['dt'],
    row: TurnsRow,
    description: 'One row per speaker turn (after CTR tagging and word-level splits).',
  }),
  call_agents: defineTable({
    name: 'call_agents',
    partitionKeys: ['dt'],
    row: CallAgentsRow,
    description: 'One row per agent who handled the call, in handling order.',
  }),
  call_topics: defineTable({
    name: 'call_topics',
    partitionKeys: ['dt'],
    row: CallTopicsRow,
    description: 'One row per detected topic, ranked by score.',
  }),
  call_findings: defineTable({
    name: 'call_findings',
    partitionKeys: ['dt'],
    row: CallFindingsRow,
    description: 'One row per issue, outcome or action item Amazon Transcribe found in the call.',
  }),
  call_categories: defineTable({
    name: 'call_categories',
    partitionKeys: ['dt'],
    row: CallCategoriesRow,
    description: 'One row per Transcribe category match point of interest.',
  }),
  call_interruptions: defineTable({
    name: 'call_interruptions',
    partitionKeys: ['dt'],
    row: CallInterruptionsRow,
    description: 'One row per interruption Transcribe measured.',
  }),
  call_roles: defineTable({
    name: 'call_roles',
    partitionKeys: ['dt'],
    row: CallRolesRow,
    description:
      'One row per role (CUSTOMER, AGENT, IVR) speaking in the call: its turns, talk, words, sentiment and toxic turns.',
  }),
  call_metrics: defineTable({
    name: 'call_metrics',
    partitionKeys: ['dt'],
    row: CallMetricsRow,
    description:
      "One row per numeric metric a post-processor set on the call (the document's customMetrics).",
  }),
  call_status: defineTable({
    name: 'call_status',
    partitionKeys: [],
    row: CallStatusRow,
    description: 'Every call ever dropped, exactly once: processed, partial or quarantined.',
  }),
} as const satisfies Record<string, TableDef>;

export type TableName = keyof typeof tables;
export const tableNames = Object.keys(tables) as TableName[];
