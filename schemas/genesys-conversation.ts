import { z } from 'zod';

/**
 * Genesys Cloud analytics conversation detail record (the "CTR"), as returned by
 * /api/v2/analytics/conversations/details. Loose objects: Genesys adds fields over time.
 * Timestamps stay strings here; core/time parses them (with/without ms, with offsets).
 */
export const GenesysSegment = z.looseObject({
  segmentStart: z.string(),
  segmentEnd: z.string().optional(),
  segmentType: z.string(),
  queueId: z.string().optional(),
  wrapUpCode: z.string().optional(),
  wrapUpNote: z.string().optional(),
  disconnectType: z.string().optional(),
  conference: z.boolean().optional(),
});
export type GenesysSegment = z.infer<typeof GenesysSegment>;

export const GenesysMetric = z.looseObject({
  name: z.string(),
  value: z.number(),
  emitDate: z.string().optional(),
});
export type GenesysMetric = z.infer<typeof GenesysMetric>;

export const GenesysSession = z.looseObject({
  sessionId: z.string().optional(),
  mediaType: z.string().optional(),
  direction: z.string().optional(),
  ani: z.string().optional(),
  dnis: z.string().optional(),
  peerId: z.string().optional(),
  flow: z
    .looseObject({
      flowName: z.string().optional(),
      exitReason: z.string().optional(),
      transferType: z.string().optional(),
      transferTargetName: z.string().optional(),
    })
    .optional(),
  metrics: z.array(GenesysMetric).default([]),
  segments: z.array(GenesysSegment).default([]),
});
export type GenesysSession = z.infer<typeof GenesysSession>;

export const GenesysParticipant = z.looseObject({
  participantId: z.string().optional(),
  participantName: z.string().optional(),
  purpose: z.string(),
  userId: z.string().optional(),
  sessions: z.array(GenesysSession).default([]),
});
export type GenesysParticipant = z.infer<typeof GenesysParticipant>;

export const GenesysConversation = z.looseObject({
  conversationId: z.string().min(1),
  conversationStart: z.string(),
  conversationEnd: z.string().optional(),
  originatingDirection: z.string().optional(),
  divisionIds: z.array(z.string()).optional(),
  participants: z.array(GenesysParticipant).min(1),
});
export type GenesysConversation = z.infer<typeof GenesysConversation>;

/**
 * Recording metadata as debrief reads it: the recording's `startTime` anchors transcript offsets.
 * The shapes dropped in the wild (the AWS sample's `<audio>_call_metadata.json`, Genesys' S3
 * recording export `<recordingId>.opus_metadata.json` with its `timing` block, the Recording API's
 * `recordingmetadata` list) are normalised into this by core/ctr/recording-metadata.ts; without a
 * usable start time the merge falls back to the CTR clock with a note.
 */
export const RecordingMetadata = z.looseObject({
  conversationId: z.string().optional(),
  recordingId: z.string().optional(),
  startTime: z.string().optional(),
  endTime: z.string().optional(),
  durationMs: z.number().optional(),
});
export type RecordingMetadata = z.infer<typeof RecordingMetadata>;
