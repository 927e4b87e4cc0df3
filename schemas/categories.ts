import { z } from 'zod';

/**
 * Call categories as code: the same shapes Amazon Transcribe's CreateCallAnalyticsCategory takes
 * (`Rules`: a list of filters that must all match), so one file is deployed to Transcribe on AWS
 * and evaluated by the embedded engine locally (core/categories).
 */
export const ParticipantRole = z.enum(['AGENT', 'CUSTOMER']);

const AbsoluteTimeRange = z.strictObject({
  StartTime: z.int().nonnegative().optional(),
  EndTime: z.int().nonnegative().optional(),
  First: z.int().positive().optional(),
  Last: z.int().positive().optional(),
});
const RelativeTimeRange = z.strictObject({
  StartPercentage: z.int().min(0).max(100).optional(),
  EndPercentage: z.int().min(0).max(100).optional(),
  First: z.int().min(1).max(100).optional(),
  Last: z.int().min(1).max(100).optional(),
});
const TimeRanges = {
  AbsoluteTimeRange: AbsoluteTimeRange.optional(),
  RelativeTimeRange: RelativeTimeRange.optional(),
};

export const TranscriptFilter = z.strictObject({
  TranscriptFilterType: z.literal('EXACT'),
  Targets: z.array(z.string().min(1)).min(1),
  ParticipantRole: ParticipantRole.optional(),
  Negate: z.boolean().optional(),
  ...TimeRanges,
});
export const SentimentFilter = z.strictObject({
  Sentiments: z.array(z.enum(['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'])).min(1),
  ParticipantRole: ParticipantRole.optional(),
  Negate: z.boolean().optional(),
  ...TimeRanges,
});
export const InterruptionFilter = z.strictObject({
  /** Total interruption time (ms) that flags the call. */
  Threshold: z.int().positive().optional(),
  ParticipantRole: ParticipantRole.optional(),
  Negate: z.boolean().optional(),
  ...TimeRanges,
});
export const NonTalkTimeFilter = z.strictObject({
  /** A single silence at least this long (ms) flags the call. */
  Threshold: z.int().positive().optional(),
  Negate: z.boolean().optional(),
  ...TimeRanges,
});

/** A rule is a union: exactly one filter. */
export const CategoryRule = z.union([
  z.strictObject({ TranscriptFilter }),
  z.strictObject({ SentimentFilter }),
  z.strictObject({ InterruptionFilter }),
  z.strictObject({ NonTalkTimeFilter }),
]);
export type CategoryRule = z.infer<typeof CategoryRule>;

export const CallCategory = z.strictObject({
  /** Transcribe's limit: 1–200 characters. */
  CategoryName: z.string().regex(/^[0-9a-zA-Z._-]{1,200}$/, 'category names must be 1-200 of [0-9a-zA-Z._-]'),
  /** All rules must match (Transcribe allows 1–20). */
  Rules: z.array(CategoryRule).min(1).max(20),
  /** What the category is for (ours; not sent to Transcribe). */
  Description: z.string().optional(),
});
export type CallCategory = z.infer<typeof CallCategory>;

export const CategoryConfig = z
  .strictObject({ categories: z.array(CallCategory) })
  .refine((c) => new Set(c.categories.map((x) => x.CategoryName)).size === c.categories.length, {
    message: 'category names must be unique',
  });
export type CategoryConfig = z.infer<typeof CategoryConfig>;
