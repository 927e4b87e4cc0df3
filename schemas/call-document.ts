import { z } from 'zod';
import { PII_MODES } from './pii-modes.js';

/** Who is speaking in a turn after the CTR merge. Transcribe only knows AGENT/CUSTOMER channels. */
export const TurnRole = z.enum(['CUSTOMER', 'AGENT', 'IVR']);
export type TurnRole = z.infer<typeof TurnRole>;

export const Sentiment = z.enum(['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED']);
export type Sentiment = z.infer<typeof Sentiment>;

/**
 * What a redaction stood for: Transcribe's PII entity types, plus what callers say that
 * Transcribe has no type for (DATE_OF_BIRTH, SECURITY_ANSWER, UK_NATIONAL_INSURANCE_NUMBER: Amazon
 * Comprehend's name) and strict mode's NUMBER (any run of three or more digits). A UK postcode is
 * an ADDRESS.
 */
export const PiiEntityType = z.enum([
  'NAME',
  'ADDRESS',
  'PHONE',
  'EMAIL',
  'SSN',
  'CREDIT_DEBIT_NUMBER',
  'CREDIT_DEBIT_CVV',
  'CREDIT_DEBIT_EXPIRY',
  'BANK_ACCOUNT_NUMBER',
  'BANK_ROUTING',
  'PIN',
  'DATE_OF_BIRTH',
  'SECURITY_ANSWER',
  'NUMBER',
  // Amazon Comprehend's name for it; Transcribe has no type for a UK National Insurance number.
  'UK_NATIONAL_INSURANCE_NUMBER',
]);
export type PiiEntityType = z.infer<typeof PiiEntityType>;

export const Word = z.object({
  text: z.string(),
  beginMs: z.number().nonnegative(),
  endMs: z.number().nonnegative(),
  confidence: z.number().nullable(),
  /** PII type when this word was redacted (`[PII]`), else null. */
  redaction: z.string().nullable(),
  punctuation: z.boolean(),
});
export type Word = z.infer<typeof Word>;

export const Turn = z.object({
  index: z.number().int().nonnegative(),
  /** The recording channel the speech came from (what Transcribe labelled it). */
  channel: z.enum(['AGENT', 'CUSTOMER']),
  role: TurnRole,
  agentId: z.string().nullable(),
  agentName: z.string().nullable(),
  beginMs: z.number().nonnegative(),
  endMs: z.number().nonnegative(),
  text: z.string(),
  sentiment: Sentiment.nullable(),
  loudnessMean: z.number().nullable(),
  words: z.array(Word),
  /** Set by the toxicity step: max toxicity over the turn's pieces, and the top label. */
  toxicity: z.number().min(0).max(1).nullable().default(null),
  toxicityLabel: z.string().nullable().default(null),
  /** Every label at or over the threshold, highest first (empty for a clean turn). */
  toxicityLabels: z.array(z.string()).default([]),
});
export type Turn = z.infer<typeof Turn>;

export const LineageEntry = z.object({
  engine: z.string(),
  version: z.string(),
  model: z.string().nullable().default(null),
  /** sha256 of the model file (or of the rule set) that produced the answer. */
  modelHash: z.string().nullable().optional(),
  promptHash: z.string().nullable().default(null),
  note: z.string().nullable().default(null),
});
export type LineageEntry = z.infer<typeof LineageEntry>;

/**
 * `matched`: the record describes this call's voice conversation. `missing`: none dropped.
 * `mismatched`: the record is of another conversation. `unusable`: the record parses but holds no
 * voice conversation to measure (callback-only, chat, no timed voice segments); its reason is on
 * `journey.note`.
 */
export const CtrStatus = z.enum(['matched', 'missing', 'mismatched', 'unusable']);
export type CtrStatus = z.infer<typeof CtrStatus>;

export const CallAgent = z.object({
  agentId: z.string(),
  name: z.string().nullable(),
  talkMs: z.number().nonnegative(),
  holdMs: z.number().nonnegative(),
  acwMs: z.number().nonnegative(),
  order: z.number().int().positive(),
  /**
   * The agent's `hold` segments, in ms from the recording start (as turns), when the agent held
   * the caller: what the caller says then is not heard by, nor said to, any agent (call_agents),
   * with hold audio or without (a silent hold). Absent in documents merged before 1.4.0.
   */
  holds: z.array(z.object({ beginMs: z.number(), endMs: z.number() })).optional(),
});
export type CallAgent = z.infer<typeof CallAgent>;

/** The journey measured from the Genesys conversation record (filled by MergeCtr). */
export const Journey = z.object({
  ctrStatus: CtrStatus,
  /** Which evidence anchored transcript offsets to wall-clock time (see core/ctr). */
  timeBase: z.string(),
  direction: z.string().nullable(),
  agentIds: z.array(z.string()),
  queueIds: z.array(z.string()),
  /**
   * The queues' names, one per `queueIds` entry (same order), from the queue directory (a queues
   * export or the Genesys routing API); null where no name is known. Records carry ids only.
   */
  queueNames: z.array(z.string().nullable()).default([]),
  ivrMs: z.number().nonnegative(),
  /**
   * Time waiting in queues (`interact` segments of `acd` participants), summed over every queue
   * the call visited: a call transferred through a second queue waited in both. 0 when the call
   * never queued. The entry queue's own wait is `entryWaitMs`.
   */
  queueMs: z.number().nonnegative(),
  holdMs: z.number().nonnegative(),
  acwMs: z.number().nonnegative(),
  /**
   * Genesys' handle time (tHandle) summed over the agents who handled the call; null when no
   * agent did (abandoned in queue, ended in the IVR): Genesys has no tHandle then, and its
   * averages leave such calls out (a 0 would drag every average of handle time down).
   */
  handleMs: z.number().nonnegative().nullable(),
  transfers: z.number().int().nonnegative(),
  wrapupCodes: z.array(z.string()),
  aniHash: z.string().nullable(),
  agents: z.array(CallAgent),
  /**
   * Who is on the caller's leg: a `customer` (inbound), an `external` party (outbound), or a
   * Genesys `user` who placed the call into the IVR/queue (user-originated). Null without a record.
   */
  callerType: z.enum(['customer', 'external', 'user']).nullable().default(null),
  /** Why the record was not used, or what was assumed (e.g. the time base fallback); readable. */
  note: z.string().nullable().default(null),
  /**
   * The caller hung up while waiting in a queue, before any agent answered (core/ctr/abandoned.ts
   * says how the record shows it); false when an agent answered or the call never queued (ended in
   * the IVR: not an abandon, as contact centers count them). Null without a matched record, and
   * on documents merged before it was kept.
   */
  abandoned: z.boolean().nullable().default(null),
  /**
   * The entry queue (the first queue the call waited in), as Genesys measures a queue
   * (core/ctr/queue-outcome.ts): `offered` (nOffered) is true when the call waited in a queue,
   * false when it never did (ended in the IVR, answered without queueing, outbound, or an agent
   * talked before its first queue: an outbound call transferred through a queue);
   * `entryWaitMs` is the entry queue's wait until an agent answered, the caller hung up or the call
   * left it (a callback, a flow); `answerWaitMs` (tAnswered: ASA's measure) entering the entry
   * queue to the first agent connecting, null unless answered from it; `abandonWaitMs` (tAbandon)
   * entering it to the caller hanging up in it, null unless the caller hung up in the entry queue
   * (a hang-up in a queue the flow moved the call on to is that queue's abandon: the entry queue's
   * leg is a flow-out, offered and neither); `abandonedWhile` `queue` or `ringing` (an agent's
   * phone was ringing with the call), null unless abandoned from the entry queue. `queueMs`, by
   * contrast, sums every queue the call visited. All null without a matched record, and on
   * documents merged before 1.6.0.
   */
  offered: z.boolean().nullable().default(null),
  entryWaitMs: z.number().nonnegative().nullable().default(null),
  answerWaitMs: z.number().nonnegative().nullable().default(null),
  abandonWaitMs: z.number().nonnegative().nullable().default(null),
  abandonedWhile: z.enum(['queue', 'ringing']).nullable().default(null),
});
export type Journey = z.infer<typeof Journey>;

/** Outcome of one enrichment part: a failed part keeps its reason, never fake content. */
/**
 * `off`: switched off by configuration, or not measurable for this call (toxicity of a call not in
 * English), the reason says which; the call still lands `processed`. `failed`: `partial`.
 * `not_applicable`: a CTR-only call (never recorded: no speech to read); `processed`, no failure.
 */
export const PartStatus = z.enum(['ok', 'failed', 'off', 'not_applicable']);
export type PartStatus = z.infer<typeof PartStatus>;

export const TopicMatch = z.object({
  topic: z.string(),
  score: z.number(),
  rank: z.number().int().positive(),
});
export type TopicMatch = z.infer<typeof TopicMatch>;

/** How a call ended for the customer's request. */
export const CallOutcome = z.enum(['resolved', 'not_resolved', 'follow_up']);
export type CallOutcome = z.infer<typeof CallOutcome>;

/** Something to be done after the call, and by whom (`company`: another team, an adjuster…). */
export const ActionItem = z.object({
  owner: z.enum(['agent', 'customer', 'company']).nullable(),
  text: z.string(),
});
export type ActionItem = z.infer<typeof ActionItem>;

export const CallSummary = z.object({
  summary: z.string().nullable(),
  /** Why the customer called. */
  reasonForCall: z.string().nullable(),
  /** The request's intent under the call's topic (the taxonomy's second level); null when none fits. */
  intent: z.string().nullable().optional(),
  /** What the agent did. */
  resolution: z.string().nullable(),
  resolved: z.boolean().nullable(),
  callbackNeeded: z.boolean().nullable(),
  /** The action items' texts (`actions` holds them with their owners). */
  actionItems: z.array(z.string()),
  /** resolved / not_resolved / follow_up; null when the call does not say. */
  outcome: CallOutcome.nullable().optional(),
  actions: z.array(ActionItem).optional(),
});
export type CallSummary = z.infer<typeof CallSummary>;

/**
 * Who gave the call its topics: `model` (the topic engine's answer) or `correction` (an analyst's
 * correction, `debrief topics correct`, made the corrected topic the primary one).
 */
export const TopicSource = z.enum(['model', 'correction']);
export type TopicSource = z.infer<typeof TopicSource>;

/**
 * An analyst's topic for the call as the run read it (`debrief topics correct`): `none` or a topic
 * id; `at` when it was recorded (null for corrections recorded before dates were kept).
 */
export const TopicCorrectionRecord = z.object({ topic: z.string().min(1), at: z.string().nullable() });
export type TopicCorrectionRecord = z.infer<typeof TopicCorrectionRecord>;

export const Enrichment = z.object({
  topics: z
    .object({
      status: PartStatus,
      reason: z.string().nullable(),
      matches: z.array(TopicMatch),
      /** Who gave the topics (status `ok`; absent on documents written before it was kept). */
      source: TopicSource.optional(),
    })
    .optional(),
  summary: z
    .object({ status: PartStatus, reason: z.string().nullable(), value: CallSummary.nullable() })
    .optional(),
  toxicity: z
    .object({
      status: PartStatus,
      reason: z.string().nullable(),
      max: z.number().nullable(),
      toxicTurns: z.number().int().nullable(),
      threshold: z.number(),
      /** Start of the first toxic turn (ms from the recording start). */
      firstToxicMs: z.number().nonnegative().nullable().default(null),
      /** Whose turns were toxic. */
      toxicBy: z.enum(['CUSTOMER', 'AGENT', 'BOTH']).nullable().default(null),
    })
    .optional(),
});
export type Enrichment = z.infer<typeof Enrichment>;

/** An issue, outcome or action item Amazon Transcribe found in one transcript turn. */
export const TranscribeFinding = z.object({
  kind: z.enum(['issue', 'outcome', 'action_item']),
  /** The recording channel of the turn it was found in. */
  channel: z.enum(['AGENT', 'CUSTOMER']),
  /** Transcribe's turn `Id`, when the output has one. */
  turnId: z.string().nullable(),
  beginMs: z.number().nonnegative(),
  endMs: z.number().nonnegative(),
  text: z.string(),
  /** `offsets`: the span Transcribe marked; `turn`: the whole turn (the output gave no usable offsets). */
  textFrom: z.enum(['offsets', 'turn']),
});
export type TranscribeFinding = z.infer<typeof TranscribeFinding>;

/**
 * What Amazon Transcribe Call Analytics itself found, kept as it reported it (times are
 * recording offsets): its issues, outcomes and action items, the generative summary, redaction,
 * category matches with their points of interest, sentiment per call quarter and interruptions.
 */
export const TranscribeInsights = z.object({
  /** `batch`: a Call Analytics job (`JobName`); `real-time`: a streaming session's post-call output. */
  source: z.enum(['batch', 'real-time']),
  jobName: z.string().nullable(),
  sessionId: z.string().nullable(),
  findings: z.array(TranscribeFinding),
  /** ConversationCharacteristics.ContactSummary.AutoGenerated.OverallSummary.Content. */
  summary: z.string().nullable(),
  /** ContentMetadata.RedactionTypes (e.g. ["PII"]). */
  redactionTypes: z.array(z.string()),
  /** Redacted words per PII entity type (NAME, PHONE, ...). */
  redactedEntities: z.record(z.string(), z.int().nonnegative()),
  /** One entry per point of interest; a category matched without any has one entry with null times. */
  categoryMatches: z.array(
    z.object({ category: z.string(), beginMs: z.number().nullable(), endMs: z.number().nullable() }),
  ),
  sentimentByQuarter: z.array(
    z.object({
      role: z.enum(['AGENT', 'CUSTOMER']),
      quarter: z.int().min(1).max(4),
      score: z.number(),
      beginMs: z.number(),
      endMs: z.number(),
    }),
  ),
  interruptions: z.array(
    z.object({
      interrupter: z.enum(['AGENT', 'CUSTOMER']),
      beginMs: z.number(),
      endMs: z.number(),
      durationMs: z.number().nullable(),
    }),
  ),
});
export type TranscribeInsights = z.infer<typeof TranscribeInsights>;
/** How RedactPii runs: `strict` also redacts every run of 3+ digits; `off` trusts the transcript as given. */
export const PiiMode = z.enum(PII_MODES);
export type PiiMode = z.infer<typeof PiiMode>;

/** One `[PII]` item in the document's turns. */
export const PiiRedactionRecord = z.object({
  type: PiiEntityType,
  /** Turn index, and the `[PII]` item's index in that turn's words. */
  turn: z.number().int().nonnegative(),
  word: z.number().int().nonnegative(),
  /** The words it replaced, as indexes into the turn's words before redaction. */
  firstWord: z.number().int().nonnegative(),
  lastWord: z.number().int().nonnegative(),
  beginMs: z.number().nonnegative(),
  endMs: z.number().nonnegative(),
  /** Already `[PII]` in the transcript (Transcribe's redaction) rather than found by RedactPii. */
  upstream: z.boolean(),
});
export type PiiRedactionRecord = z.infer<typeof PiiRedactionRecord>;

/** What RedactPii did (null until it ran: nothing downstream reads a document without it). */
export const PiiRecord = z.object({
  mode: PiiMode,
  redactions: z.array(PiiRedactionRecord),
  /** Values removed from text derived from the transcript: AI summaries, Transcribe's findings. */
  summaryRedactions: z.number().int().nonnegative().default(0),
});
export type PiiRecord = z.infer<typeof PiiRecord>;

/** A custom metric's name: a letter, then letters, digits, `_`, `-` or `.`; 64 characters at most. */
export const METRIC_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
/** How many custom metrics one call may carry (each is a row of `call_metrics`). */
export const MAX_METRICS = 100;

export const CallStatus = z.enum(['processed', 'partial', 'quarantined']);
export type CallStatus = z.infer<typeof CallStatus>;

/**
 * The canonical call document: one per call, built by the workflow steps in order and written
 * next to the Parquet rows. Every table row is derived from it (core/rows).
 */
export const CallDocument = z.object({
  schemaVersion: z.literal(1),
  callId: z.string().min(1),
  /** Partition date (YYYY-MM-DD, UTC) of the conversation start. */
  dt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  conversationId: z.string().nullable(),
  startedAt: z.string().nullable(),
  durationMs: z.number().nonnegative(),
  language: z.string(),
  redacted: z.boolean(),
  /**
   * false for a CTR-only call: its Genesys record says it was never recorded (it ended in the IVR
   * or the queue, or no recording was started), so it lands from the record alone, with no
   * transcript, turns or AI parts (core/ctr/ctr-only.ts). Absent on documents written before: true.
   */
  hasRecording: z.boolean().default(true),
  sources: z.object({
    /** The transcript read (null for a CTR-only call). */
    transcript: z.string().nullable(),
    ctr: z.string().nullable(),
    recording: z.string().nullable(),
    audio: z.string().nullable(),
    /** The recording with PII spans silenced (made by the transcription stage), when there is one. */
    redactedAudio: z.string().nullable().default(null),
  }),
  /**
   * How speech was attributed to agent and customer: `channel` (one party per channel of a
   * stereo recording, as Call Analytics does) or `speaker-diarization` (a mono recording split
   * by voice: the roles are an inference, not a fact).
   */
  roleSource: z.enum(['channel', 'speaker-diarization']).default('channel'),
  turns: z.array(Turn),
  metrics: z.object({
    agentTalkMs: z.number().nonnegative(),
    customerTalkMs: z.number().nonnegative(),
    nonTalkMs: z.number().nonnegative(),
    interruptions: z.number().int().nonnegative(),
    agentSentiment: z.number().nullable(),
    customerSentiment: z.number().nullable(),
    agentWpm: z.number().nullable(),
    customerWpm: z.number().nullable(),
  }),
  categories: z.array(z.string()),
  /**
   * Numbers a post-processor sets on the call, by name (`{ churn_risk: 0.82, hold_requests: 3 }`):
   * each lands as a row of `call_metrics`. Finite numbers only (JSON has no NaN or Infinity). The
   * names' pattern (METRIC_NAME) and their count (MAX_METRICS) are checked where a processor hands
   * the document back (core/steps/post-process.ts), not here: a record with a checked key would
   * leave the document without its quick canonical form (schemas/canonical-check.ts). Absent on
   * a call no processor gave any (so every other document is as it was before metrics existed).
   */
  customMetrics: z.record(z.string(), z.number()).optional(),
  /** Transcribe's own findings (absent on documents written before they were kept). */
  transcribe: TranscribeInsights.nullable().default(null),
  journey: Journey.nullable(),
  /**
   * The analyst's topic correction for the call, read once per run by LoadCall, so DetectTopics
   * and SummarizeCall (parallel branches) apply the same one even when a correction lands while
   * the run goes on. null: the run read corrections and the call has none. Absent: corrections
   * were not read (on AWS, where there are none: they are local only; documents written before).
   */
  topicCorrection: TopicCorrectionRecord.nullable().optional(),
  /**
   * Why LoadCall could not read the analysts' corrections (their file in the home does not parse):
   * DetectTopics and SummarizeCall fail with it (the call partial, saying why), as a problem of the
   * home, never of the call (not quarantined). Absent when they were read (or not looked up).
   */
  topicCorrectionError: z.string().optional(),
  enrichment: Enrichment,
  /** Reasons that made the call `partial` (one per failed part). */
  problems: z.array(
    z.object({
      part: z.string(),
      reason: z.string(),
      /**
       * The failed step's error type (`EngineError`, `ThrottledError`, `States.Timeout`, ...), as a
       * quarantine's `error`; call_status.error_name. Absent on documents written before it was kept.
       */
      errorName: z.string().optional(),
    }),
  ),
  lineage: z.record(z.string(), LineageEntry),
  pii: PiiRecord.nullable().default(null),
});
export type CallDocument = z.infer<typeof CallDocument>;
