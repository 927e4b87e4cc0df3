import { z } from 'zod';

/** EventBridge "Object Created" from S3 (the drop trigger). */
export const S3ObjectCreatedEvent = z.looseObject({
  'detail-type': z.literal('Object Created'),
  source: z.literal('aws.s3'),
  detail: z.looseObject({
    bucket: z.looseObject({ name: z.string() }),
    object: z.looseObject({
      key: z.string(),
      size: z.number().optional(),
      etag: z.string().optional(),
      sequencer: z.string().optional(),
      'version-id': z.string().optional(),
    }),
  }),
});
export type S3ObjectCreatedEvent = z.infer<typeof S3ObjectCreatedEvent>;
