import { z } from 'zod';

/**
 * Amazon Transcribe's standard (non-Call-Analytics) output JSON, as a job with speaker labels
 * writes it: times are strings of seconds, a redacted word has content "[PII]" and a
 * `redactions` list. Only the fields debrief reads are declared; objects are loose.
 */
const Seconds = z.string().regex(/^\d+(\.\d+)?$/);

export const StandardItem = z.looseObject({
  type: z.enum(['pronunciation', 'punctuation']),
  start_time: Seconds.optional(),
  end_time: Seconds.optional(),
  speaker_label: z.string().optional(),
  alternatives: z.array(z.looseObject({ content: z.string(), confidence: z.string().optional() })).min(1),
  redactions: z
    .array(
      z.looseObject({ type: z.string(), confidence: z.string().optional(), category: z.string().optional() }),
    )
    .optional(),
});
export type StandardItem = z.infer<typeof StandardItem>;
export type StandardRedaction = { type?: string; confidence?: string; category?: string };

/** Where a word's redactions are: inside its alternative (batch) or on the item. */
export const redactionsOf = (item: StandardItem): StandardRedaction[] | undefined =>
  (item.alternatives[0]?.redactions ?? item.redactions) as StandardRedaction[] | undefined;

export const TranscribeStandardOutput = z.looseObject({
  jobName: z.string(),
  status: z.string().optional(),
  results: z.looseObject({
    transcripts: z.array(z.looseObject({ transcript: z.string() })),
    items: z.array(StandardItem),
    speaker_labels: z.looseObject({ speakers: z.number().int() }).optional(),
    language_code: z.string().optional(),
  }),
});
export type TranscribeStandardOutput = z.infer<typeof TranscribeStandardOutput>;
