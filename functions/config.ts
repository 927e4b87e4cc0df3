import { z } from 'zod';

/** The Lambda environment, parsed once per cold start: the only place functions/ reads process.env. */
export const LambdaConfig = z.object({
  DEBRIEF_BUCKET: z.string().min(3),
  DEBRIEF_KMS_KEY_ID: z.string().optional(),
  DEBRIEF_ANI_HASH_KEY: z.string().min(16),
  DEBRIEF_STATE_MACHINE_ARN: z.string().optional(),
  DEBRIEF_TOPICS_ENDPOINT: z.string().default('debrief-topics'),
  DEBRIEF_SUMMARY_MODEL_ID: z.string().default('amazon.nova-lite-v1:0'),
  DEBRIEF_TOXICITY_THRESHOLD: z.coerce.number().min(0).max(1).default(0.5),
  AWS_REGION: z.string().default('us-east-1'),
});
export type LambdaConfig = z.infer<typeof LambdaConfig>;

let cached: LambdaConfig | undefined;
export const config = (): LambdaConfig => {
  cached ??= LambdaConfig.parse(process.env);
  return cached;
};
