import { z } from 'zod';
import type { LineageEntry } from '../../schemas/call-document.js';

/**
 * The zero-shot classification contract of the Hugging Face inference containers: what a
 * SageMaker topic endpoint accepts, and what the embedded classifier accepts too.
 */
export const ZeroShotRequest = z.object({
  inputs: z.string(),
  parameters: z.object({
    candidate_labels: z.array(z.string()).min(1),
    multi_label: z.boolean(),
  }),
});
export type ZeroShotRequest = z.infer<typeof ZeroShotRequest>;

/** `labels` are sorted by score, highest first; `scores[i]` belongs to `labels[i]`. */
export const ZeroShotResponse = z
  .object({
    sequence: z.string(),
    labels: z.array(z.string()),
    scores: z.array(z.number().min(0).max(1)),
  })
  .refine((r) => r.labels.length === r.scores.length, { message: 'labels and scores differ in length' });
export type ZeroShotResponse = z.infer<typeof ZeroShotResponse>;

export interface TopicClassifier {
  classify(request: ZeroShotRequest): Promise<ZeroShotResponse>;
  lineage(): LineageEntry;
}
