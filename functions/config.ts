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
  // Transcription (recordings): see README "Recordings on AWS".
  DEBRIEF_TRANSCRIBE_ROLE_ARN: z.string().optional(),
  /** Which channel of a stereo recording is the agent: 1 for Genesys Cloud's layout. */
  DEBRIEF_AGENT_CHANNEL: z
    .enum(['0', '1'])
    .default('1')
    .transform(Number)
    .pipe(z.union([z.literal(0), z.literal(1)])),
  /** Comma-separated; several enable language identification. */
  DEBRIEF_LANGUAGES: z
    .string()
    .default('en-US')
    .transform((s) =>
      s
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  DEBRIEF_REDACTION_OUTPUT: z.enum(['redacted', 'redacted_and_unredacted', 'off']).default('redacted'),
  /** Comma-separated Transcribe PII entity types; empty = all. */
  DEBRIEF_PII_ENTITY_TYPES: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  DEBRIEF_KEEP_UNREDACTED: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  DEBRIEF_TRANSCRIBE_SUMMARY: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});
export type LambdaConfig = z.infer<typeof LambdaConfig>;

let cached: LambdaConfig | undefined;
export const config = (): LambdaConfig => {
  cached ??= LambdaConfig.parse(process.env);
  return cached;
};
