import { z } from 'zod';
import { TOXICITY_LABELS } from '../core/ports/toxicity-detector.js';
import { PiiEntityType } from '../schemas/call-document.js';

/**
 * Ground truth of one synthetic call: what was really said, by whom, when, and how the journey
 * went. Kept apart from the drop folder; tests of the merge, topics, toxicity, summaries and PII
 * redaction score the pipeline's output against it.
 */
export const Topic = z.enum([
  'billing',
  'payments',
  'cancellation',
  'account_access',
  'technical_support',
  'claims',
  'address_change',
  'fraud_report',
  'retirement_plan',
  'general_inquiry',
]);
export type Topic = z.infer<typeof Topic>;

/** Transcribe's PII entity types, plus DATE_OF_BIRTH, which callers say but Transcribe does not redact. */
export const PiiType = PiiEntityType.exclude(['SECURITY_ANSWER', 'NUMBER', 'UK_NATIONAL_INSURANCE_NUMBER']);
export type PiiType = z.infer<typeof PiiType>;

/** Comprehend's seven toxicity labels (the same list the detectors answer with). */
export const ToxicLabel = z.enum(TOXICITY_LABELS);
export type ToxicLabel = z.infer<typeof ToxicLabel>;

export const Channel = z.enum(['AGENT', 'CUSTOMER']);
export type Channel = z.infer<typeof Channel>;

export const SpeechRole = z.enum(['IVR', 'AGENT', 'CUSTOMER']);
export type SpeechRole = z.infer<typeof SpeechRole>;

export const SpeechKind = z.enum(['ivr_prompt', 'queue_announcement', 'hold_message', 'agent', 'customer']);
export type SpeechKind = z.infer<typeof SpeechKind>;

export const Sentiment = z.enum(['POSITIVE', 'NEGATIVE', 'NEUTRAL']);
export type Sentiment = z.infer<typeof Sentiment>;

/**
 * How timestamps are written: `utc-millis` …:05.000Z, `utc-seconds` …:05Z, `offset-compact`
 * …:05.000+0000 (Genesys recording export), `offset-colon` …:05.000+00:00, `offset-local` local
 * time with a -05:00 offset.
 */
export const TimestampStyle = z.enum([
  'utc-millis',
  'utc-seconds',
  'offset-compact',
  'offset-colon',
  'offset-local',
]);
export type TimestampStyle = z.infer<typeof TimestampStyle>;

export const TransferKind = z.enum(['blind', 'consult']);
export type TransferKind = z.infer<typeof TransferKind>;

export const Outcome = z.enum(['resolved', 'callback', 'unresolved']);
export type Outcome = z.infer<typeof Outcome>;

/** File naming: debrief's own (`.ctr.json`, `.recording.json`) or the AWS sample's (`.wav_metadata.json`, `.wav_call_metadata.json`). */
export const Naming = z.enum(['debrief', 'pca']);
export type Naming = z.infer<typeof Naming>;

export const TruthWord = z.object({ text: z.string(), beginMs: z.number().int(), endMs: z.number().int() });
export type TruthWord = z.infer<typeof TruthWord>;

/** One utterance. Times are ms from the TRUE recording start (what transcript offsets mean). */
export const SpeechTruth = z.object({
  index: z.number().int().nonnegative(),
  channel: Channel,
  role: SpeechRole,
  agentId: z.string().nullable(),
  agentName: z.string().nullable(),
  kind: SpeechKind,
  beginMs: z.number().int().nonnegative(),
  endMs: z.number().int().nonnegative(),
  text: z.string(),
  sentiment: Sentiment,
  /** Pronunciations only (no punctuation), spoken text, unredacted. */
  words: z.array(TruthWord),
});
export type SpeechTruth = z.infer<typeof SpeechTruth>;

export const TruthScenario = z.object({
  direction: z.enum(['inbound', 'outbound']),
  agents: z.number().int().min(1).max(3),
  transfer: z.enum(['none', 'blind', 'consult']),
  /** Kind of each agent-to-agent handoff, in order (length agents - 1). */
  transferKinds: z.array(TransferKind),
  hold: z.boolean(),
  toxic: z.boolean(),
  trap: z.boolean(),
  /** The first transcript turn holding agent speech also holds the end of an IVR/queue prompt. */
  mixedFirstTurn: z.boolean(),
  redact: z.boolean(),
  /** `callback` / `chat`: the dropped record holds no voice session (expected ctr_status `unusable`). */
  ctr: z.enum(['present', 'missing', 'callback', 'chat']),
  /** `user`: a Genesys user (employee) placed the call into the IVR; the record has no customer. */
  caller: z.enum(['customer', 'user']).default('customer'),
  /** False: the record carries no agent names (as real exports); the names are in the users export. */
  agentNames: z.boolean().default(true),
  transcriptSource: z.enum(['batch', 'real-time']).default('batch'),
  naming: Naming,
  timestampStyle: TimestampStyle,
  recordingTimestampStyle: TimestampStyle,
  /** Largest skew allowed between the recording clock and the CTR clock. */
  skewMs: z.number().int().nonnegative(),
  turns: z.number().int().positive(),
  outcome: Outcome,
  /** Customer utterances that start before the agent finished. */
  interruptions: z.number().int().nonnegative(),
});
export type TruthScenario = z.infer<typeof TruthScenario>;

export const TruthRecording = z.object({
  recordingId: z.string(),
  /** Canonical ISO (UTC, ms) of when the audio really starts on the CTR clock. */
  trueStart: z.string(),
  /** The recording metadata `startTime`, exactly as written in the file. */
  reportedStartTime: z.string(),
  /** Offsets from conversationStart (CTR clock). reported - true = the clock skew the merge must tolerate. */
  trueStartOffsetMs: z.number().int(),
  reportedStartOffsetMs: z.number().int(),
  durationMs: z.number().int().positive(),
});
export type TruthRecording = z.infer<typeof TruthRecording>;

export const TruthAgent = z.object({
  agentId: z.string(),
  name: z.string(),
  order: z.number().int().positive(),
  queueId: z.string(),
  talkMs: z.number().int().nonnegative(),
  holdMs: z.number().int().nonnegative(),
  acwMs: z.number().int().nonnegative(),
  wrapUpCode: z.string(),
});
export type TruthAgent = z.infer<typeof TruthAgent>;

export const TruthJourney = z.object({
  direction: z.enum(['inbound', 'outbound']),
  agents: z.array(TruthAgent),
  /** Agent-to-agent handoffs only; `atMs` = when the handing-off agent disconnected (from conversation start). */
  transfers: z.array(
    z.object({ fromAgentId: z.string(), toAgentId: z.string(), kind: TransferKind, atMs: z.number().int() }),
  ),
  ivrMs: z.number().int().nonnegative(),
  queueMs: z.number().int().nonnegative(),
  holdMs: z.number().int().nonnegative(),
  talkMs: z.number().int().nonnegative(),
  acwMs: z.number().int().nonnegative(),
  /**
   * Genesys tHandle semantics: talk + hold + after-call work, and for an outbound call the agent's
   * dialing and contacting (ringing) time, summed over agents.
   */
  handleMs: z.number().int().nonnegative(),
  queueIds: z.array(z.string()),
  wrapupCodes: z.array(z.string()),
});
export type TruthJourney = z.infer<typeof TruthJourney>;

/** Every segment written to the CTR, with ms from conversation start (also when the CTR file is withheld). */
export const TruthSegment = z.object({
  purpose: z.enum(['customer', 'external', 'user', 'ivr', 'acd', 'agent']),
  participantId: z.string(),
  agentId: z.string().nullable(),
  queueId: z.string().nullable(),
  segmentType: z.string(),
  startMs: z.number().int().nonnegative(),
  endMs: z.number().int().nonnegative(),
  disconnectType: z.string().nullable(),
  wrapUpCode: z.string().nullable(),
});
export type TruthSegment = z.infer<typeof TruthSegment>;

export const TruthPii = z.object({
  type: PiiType,
  spokenText: z.string(),
  channel: Channel,
  speechIndex: z.number().int().nonnegative(),
  beginMs: z.number().int().nonnegative(),
  endMs: z.number().int().nonnegative(),
  /** Whether Transcribe's ContentRedaction covers this type (DATE_OF_BIRTH is not). */
  transcribeRedacts: z.boolean(),
});
export type TruthPii = z.infer<typeof TruthPii>;

export const CallTruth = z.object({
  schemaVersion: z.literal(1),
  callId: z.string(),
  seed: z.number().int(),
  topic: Topic,
  conversationId: z.string(),
  /** Canonical ISO (UTC, ms), CTR clock. */
  conversationStart: z.string(),
  conversationEnd: z.string(),
  scenario: TruthScenario,
  files: z.object({ transcript: z.string(), ctr: z.string().nullable(), recording: z.string() }),
  recording: TruthRecording,
  speech: z.array(SpeechTruth),
  journey: TruthJourney,
  segments: z.array(TruthSegment),
  pii: z.array(TruthPii),
  toxic: z.array(
    z.object({ speechIndex: z.number().int().nonnegative(), label: ToxicLabel, text: z.string() }),
  ),
  /** Benign look-alikes ("I'll shoot you an email") and the label a naive detector would give them. */
  traps: z.array(
    z.object({ speechIndex: z.number().int().nonnegative(), resembles: ToxicLabel, text: z.string() }),
  ),
  reference: z.object({
    summary: z.string(),
    reasonForCall: z.string(),
    resolution: z.string(),
    resolved: z.boolean(),
    callbackNeeded: z.boolean(),
  }),
  /** Facts about the generated transcript file itself. */
  transcript: z.object({ turns: z.number().int().nonnegative(), redacted: z.boolean() }),
});
export type CallTruth = z.infer<typeof CallTruth>;
