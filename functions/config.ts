import { z } from 'zod';

const offOr = (value: z.ZodString) => z.union([z.literal('none'), value]);

/**
 * The Lambda environment, parsed once per cold start: the only place functions/ reads
 * process.env. Written by infra/config.ts lambdaEnvironment() from the same deploy configuration
 * that builds IAM, so the two cannot disagree ("none" = that enrichment is switched off).
 */
export const LambdaConfig = z.object({
  DEBRIEF_BUCKET: z.string().min(3),
  DEBRIEF_KMS_KEY_ID: z.string().optional(),
  /** Secrets Manager secret holding the ANI hash key (never the key itself in the environment). */
  DEBRIEF_ANI_HASH_SECRET_ARN: z.string().optional(),
  DEBRIEF_STATE_MACHINE_ARN: z.string().optional(),
  DEBRIEF_ATHENA_WORKGROUP: z.string().optional(),
  DEBRIEF_GLUE_DATABASE: z.string().optional(),
  DEBRIEF_TOPICS_ENDPOINT: offOr(z.string().min(1)),
  DEBRIEF_SUMMARY_MODEL_ID: offOr(z.string().min(1)),
  DEBRIEF_TOXICITY_REGION: offOr(z.string().min(1)),
  DEBRIEF_TOXICITY_THRESHOLD: z.coerce.number().min(0).max(1).default(0.5),
  AWS_REGION: z.string().default('us-east-1'),
});
export type LambdaConfig = z.infer<typeof LambdaConfig>;

let cached: LambdaConfig | undefined;
export const config = (): LambdaConfig => {
  cached ??= LambdaConfig.parse(process.env);
  return cached;
};
